"""The record pane beside a list: a heading and one tab per section of the selected record
(meetings, working-group sessions). Each tab's key (Alt+1…9) is in its tip, not its title, so
seven titles fit beside the list at 1,366 pixels. A section is a :class:`RecordSection`."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .table_model import ROW_ROLE, Column, RowTableModel
from .wrap_fit import hold, keep_wrapped_height


def status_badge(label: str, colour: str) -> str:
    """A record's status as a white-on-colour badge for the heading (the words say it; the
    colour only repeats them)."""
    return (
        f"<span style='color:white; background:{colour}; padding:2px'>"
        f"&nbsp;{escape(label)}&nbsp;</span>"
    )


def facts_html(rows: list[tuple[str, str]]) -> str:
    """A record's fields as a two-column table (label, value) for a section's text; a field
    without a value is left out, a line break in a value kept."""
    cells = "".join(
        f"<tr><td style='color:#555; padding-right:10px'>{escape(k)}</td>"
        f"<td>{escape(v).replace(chr(10), '<br>')}</td></tr>"
        for k, v in rows
        if v
    )
    return f"<table cellspacing='3'>{cells}</table>"


class RecordPane(QWidget):
    """Heading and sections. A subclass says how a section shows a record
    (:meth:`show_in`) and what the heading reads; ``name`` prefixes the object names."""

    def __init__(self, host: Any, parent: QWidget | None, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Record")
        self.host = host
        self.detail: Any = None
        self.heading = QLabel(self)
        self.heading.setObjectName(f"{name}Heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Its lines (four in a narrow pane) not taken from the section's height.
        keep_wrapped_height(self.heading)
        self.sections = QTabWidget(self)
        self.sections.setObjectName(f"{name}Sections")
        self.sections.setDocumentMode(True)
        # The arrows that scroll a row of tabs too long for the pane are no Tab stops: the
        # arrow keys on the row of tabs go through its tabs already.
        for arrow in self.sections.tabBar().findChildren(QToolButton):
            arrow.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.sections, 1)

    def show_in(self, section: QWidget, detail: Any) -> None:
        raise NotImplementedError

    def add_section(self, section: QWidget) -> None:
        n = self.sections.count() + 1
        title = str(getattr(section, "title", ""))
        index = self.sections.addTab(section, title)
        if n < 10:
            self.sections.setTabToolTip(index, f"{title} (Alt+{n})")
        self.show_in(section, self.detail)

    def section(self, key: str) -> Any:
        for i in range(self.sections.count()):
            widget = self.sections.widget(i)
            if getattr(widget, "key", None) == key:
                return widget
        raise KeyError(key)

    def show_section(self, index: int) -> None:
        if 0 <= index < self.sections.count():
            self.sections.setCurrentIndex(index)
            widget = self.sections.currentWidget()
            target = widget.findChild(QTableView) or widget
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_unreadable(self, reason: str, hint: str) -> None:
        """The selected record could not be read: say why in the heading, the sections
        empty."""
        self.heading.setText(
            f"<span style='color:#b71c1c'>{escape(reason)}</span><br>{escape(hint)}"
        )
        hold(self.heading)

    def show_record(self, detail: Any, heading: str) -> None:
        """Show ``detail`` (``None``: nothing selected) in every section."""
        self.detail = detail
        self.heading.setText(heading)
        hold(self.heading)
        for i in range(self.sections.count()):
            self.show_in(self.sections.widget(i), detail)


class RecordSection(QWidget):
    """One section (a tab) of a record pane, acting through its ``host`` (the view beside it);
    the helpers build what the sections of the meetings and the sessions share."""

    title = ""
    key = ""

    def __init__(self, host: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.detail: Any = None
        self.setObjectName(f"{self.key}Section")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self._on_delete: dict[QObject, Callable[[], None]] = {}

    def go_to(self, key: str) -> bool:
        """Bring the pane's section ``key`` in front (a question sent the officer there)."""
        pane = self.parentWidget()
        while pane is not None and not isinstance(pane, RecordPane):
            pane = pane.parentWidget()
        if pane is None:
            return False
        pane.show_section(pane.sections.indexOf(pane.section(key)))
        return True

    def facts_label(self, name: str) -> QLabel:
        """The record's fields as text (:func:`facts_html`), filling the section
        above its buttons; selectable, so a number or a name can be copied."""
        text = QLabel(self)
        text.setObjectName(name)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(text, 1)
        return text

    def button_row(self, names: tuple[str, ...]) -> QHBoxLayout:
        """A row of buttons at the bottom, left-aligned: the host's actions of these names
        (one the host lacks is left out)."""
        row = QHBoxLayout()
        for name in names:
            action = getattr(self.host, name, None)
            if action is not None:
                row.addWidget(self.button(action))
        row.addStretch(1)
        self.layout_.addLayout(row)
        return row

    def on_delete(self, view: QTableView, slot: Callable[[], None]) -> None:
        """Delete on ``view`` runs ``slot``: read from its key events, not a shortcut, which
        would take the key from the list's own Delete."""
        self._on_delete[view] = slot
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        slot = self._on_delete.get(watched)
        if (
            slot is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            slot()
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def current_row(view: QTableView) -> Any:
        """The row of ``view``'s current line, ``None`` when there is none."""
        index = view.currentIndex()
        return index.siblingAtColumn(0).data(ROW_ROLE) if index.isValid() else None

    def button(self, action: QAction) -> QToolButton:
        """A button that mirrors ``action`` (text, enabled state, shortcut in the tip)."""
        b = QToolButton(self)
        b.setDefaultAction(action)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        b.setObjectName(f"{action.objectName()}Button")
        return b

    def push(self, text: str, name: str, slot: Any) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(lambda _c=False: slot())
        return b

    def table(self, name: str, columns: list[Column]) -> tuple[QTableView, RowTableModel]:
        model = RowTableModel(columns, self)
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(24)
        view.horizontalHeader().setStretchLastSection(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for i, col in enumerate(columns):
            view.setColumnWidth(i, col.width)
        return view, model
