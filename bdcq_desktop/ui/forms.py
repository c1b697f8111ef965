"""Forms built from a field specification: a label, an editor and an error line per field.

A dialog lists its fields (:class:`FieldSpec`) and gets a :class:`FormWidget` that reads and
writes a plain ``dict`` keyed by the core's keyword names (``full_name``, ``email``,
``unit_id``...). When the core refuses a value it raises ``ValidationError(field=...)`` with
one of those names, so :meth:`FormWidget.show_error` can put the message right under the
offending editor, outline it in red and move the cursor there — without touching anything else
the user typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ..core import validation
from ..core.errors import ValidationError
from ..core.i18n import tr as core_tr
from ..core.text import fold, short_date

Choices = Sequence[tuple[Any, str]]

TEXT, MULTILINE, CHOICE, DATE, LOOKUP = "text", "multiline", "choice", "date", "lookup"

INVALID_STYLE = (
    'QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"]'
    " { border: 1px solid #c62828; border-radius: 2px; background: #fff6f6; }"
)
ERROR_STYLE = "color: #b71c1c;"
_FOLDED = Qt.ItemDataRole.UserRole + 10


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form.

    ``key`` is the core's keyword (and the ``field`` of its ValidationError). ``kind`` is one
    of ``text``, ``multiline``, ``choice`` (fixed values with Vietnamese labels), ``date``
    (empty allowed) or ``lookup`` (a searchable list of people or units). ``choices`` is a list
    of ``(value, label)`` or a callable returning one (read when the form is built). ``create``
    adds a "Thêm mới…" button to a lookup: ``create(parent, add)`` opens whatever it likes
    (without blocking) and calls ``add(value, label)`` once a record exists; the lookup then
    offers and selects it. ``required`` only draws the asterisk; the core decides validity.
    """

    key: str
    label: str
    kind: str = TEXT
    choices: Choices | Callable[[], Choices] = ()
    required: bool = False
    placeholder: str = ""
    help: str = ""
    allow_empty: bool = True
    create: Callable[[QWidget, Callable[[Any, str], None]], None] | None = None


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Outline ``widget`` in red (through the ``invalid`` property and INVALID_STYLE)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class DateField(QWidget):
    """A date typed as ``05/02/2026`` (or picked from a calendar); empty means "not set".

    A QDateEdit cannot be empty, and a sentinel date would print in documents if it slipped
    through, so the text is parsed by the core's own date rule instead.
    """

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.label = key, label
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(150)
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(self.tr("Chọn ngày trên lịch"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar.clicked.connect(lambda d: (self.set_value(d.toPython()), menu.close()))
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> date | None:
        """The date, ``None`` if empty; raises ValidationError (Vietnamese) for bad text."""
        return validation.date_value(self.edit.text(), self.key, self.label)

    def set_value(self, value: date | None) -> None:
        self.edit.setText(short_date(value) if value else "")

    def _prepare_calendar(self) -> None:
        try:
            current = self.value()
        except ValidationError:
            current = None
        day = QDate(current) if current else QDate.currentDate()
        self.calendar.setSelectedDate(day)


class _FoldFilter(QSortFilterProxyModel):
    """Keeps the items whose folded text contains every typed word (no diacritics needed)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10 (invalidateFilter is deprecated)
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        folded = self.sourceModel().index(source_row, 0, source_parent).data(_FOLDED) or ""
        return all(w in folded for w in self._words)


class LookupCombo(QComboBox):
    """An editable combo over ``(value, label)`` items: type any part of a name, with or
    without diacritics, and pick from the filtered list."""

    def __init__(
        self, key: str, label: str, parent: QWidget | None = None, *, allow_empty: bool = True
    ) -> None:
        super().__init__(parent)
        self.key, self.label, self.allow_empty = key, label, allow_empty
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.filter = _FoldFilter(self)
        self.filter.setSourceModel(self.items)
        completer = QCompleter(self.filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._on_edited)
        self.lineEdit().setPlaceholderText(self.tr("Gõ vài chữ để tìm (không cần dấu)…"))

    def set_items(self, items: Choices) -> None:
        self.items.clear()
        for value, text in items:
            self.add_item(value, text)
        self.setCurrentIndex(-1)

    def add_item(self, value: Any, text: str) -> None:
        item = QStandardItem(text)
        item.setData(value, Qt.ItemDataRole.UserRole)
        item.setData(fold(text), _FOLDED)
        self.items.appendRow(item)

    def value(self) -> Any:
        """The chosen value; ``None`` if empty. Text that names no item is refused."""
        text = self.currentText().strip()
        if not text:
            if not self.allow_empty:
                raise ValidationError(
                    self.key, core_tr('"{label}" không được để trống.').format(label=self.label)
                )
            return None
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == text:
            return self.itemData(index)
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:  # a unique match of what was typed is as good as a pick
            folded = fold(text)
            hits = [i for i in range(self.count()) if folded in fold(self.itemText(i))]
            index = hits[0] if len(hits) == 1 else -1
        if index < 0:
            raise ValidationError(
                self.key,
                core_tr('"{label}": hãy chọn một mục trong danh sách ("{value}" không có).').format(
                    label=self.label, value=text
                ),
            )
        self.setCurrentIndex(index)
        return self.itemData(index)

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")

    def _on_edited(self, text: str) -> None:
        self.filter.set_text(text)
        if text:
            self.completer().complete()


class _Field:
    """A built field: its editor widget, how to read and write it, and its error line."""

    def __init__(self, spec: FieldSpec, editor: QWidget, error: QLabel) -> None:
        self.spec, self.editor, self.error = spec, editor, error

    @property
    def styled(self) -> QWidget:
        return self.editor.edit if isinstance(self.editor, DateField) else self.editor

    def value(self) -> Any:
        e = self.editor
        if isinstance(e, (DateField, LookupCombo)):
            return e.value()
        if isinstance(e, QPlainTextEdit):
            return e.toPlainText()
        if isinstance(e, QComboBox):
            return e.currentData() if e.currentIndex() >= 0 else None
        assert isinstance(e, QLineEdit)
        return e.text()

    def set_value(self, value: Any) -> None:
        e = self.editor
        if isinstance(e, (DateField, LookupCombo)):
            e.set_value(value)
        elif isinstance(e, QPlainTextEdit):
            e.setPlainText("" if value is None else str(value))
        elif isinstance(e, QComboBox):
            index = e.findData(value if value is not None else "")
            e.setCurrentIndex(max(index, 0) if not self.spec.allow_empty else index)
        elif isinstance(e, QLineEdit):
            e.setText("" if value is None else str(value))
            e.setCursorPosition(0)  # show the beginning of a long text, not its end


class FormWidget(QWidget):
    """Labels, editors and error lines for a list of :class:`FieldSpec` (a two-column grid)."""

    def __init__(self, fields: Sequence[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(INVALID_STYLE)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)
        self.fields: dict[str, _Field] = {}
        self._initial: dict[str, Any] = {}
        for spec in fields:
            self.add_field(spec)

    # -- building ------------------------------------------------------------------------------
    def add_field(self, spec: FieldSpec) -> QWidget:
        row = self.grid.rowCount()
        text = spec.label + (" *" if spec.required else "")
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor = self._make_editor(spec)
        editor.setObjectName(f"field_{spec.key}")
        label.setBuddy(editor)
        if spec.help:
            editor.setToolTip(spec.help)
        error = QLabel(self)
        error.setObjectName(f"error_{spec.key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        holder: QWidget = editor
        if spec.create is not None:
            holder = self._with_create_button(spec, editor)
        align = Qt.AlignmentFlag.AlignTop if spec.kind == MULTILINE else Qt.AlignmentFlag(0)
        if spec.kind == MULTILINE:
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(label, row, 0, align)
        self.grid.addWidget(holder, row, 1)
        self.grid.addWidget(error, row + 1, 1)
        self.fields[spec.key] = _Field(spec, editor, error)
        return editor

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        choices = spec.choices() if callable(spec.choices) else spec.choices
        if spec.kind == MULTILINE:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(spec.placeholder)
            edit.setMinimumHeight(64)
            edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            return edit
        if spec.kind == CHOICE:
            combo = QComboBox(self)
            if spec.allow_empty:
                combo.addItem("", "")
            for value, text in choices:
                combo.addItem(text, getattr(value, "value", value))
            return combo
        if spec.kind == DATE:
            return DateField(spec.key, spec.label, self)
        if spec.kind == LOOKUP:
            lookup = LookupCombo(spec.key, spec.label, self, allow_empty=spec.allow_empty)
            lookup.set_items(choices)
            return lookup
        line = QLineEdit(self)
        line.setPlaceholderText(spec.placeholder)
        return line

    def _with_create_button(self, spec: FieldSpec, editor: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(editor, 1)
        button = QPushButton(self.tr("Thêm mới…"), box)
        button.setObjectName(f"create_{spec.key}")
        button.setAutoDefault(False)
        layout.addWidget(button)

        def add(value: Any, text: str) -> None:
            if isinstance(editor, LookupCombo):
                editor.add_item(value, text)
                editor.set_value(value)

        def create() -> None:
            assert spec.create is not None
            spec.create(self, add)

        button.clicked.connect(create)
        return box

    # -- values --------------------------------------------------------------------------------
    def editor(self, key: str) -> QWidget:
        return self.fields[key].editor

    def error_label(self, key: str) -> QLabel:
        return self.fields[key].error

    def values(self) -> dict[str, Any]:
        """Every field's value; raises ValidationError for a date or pick that cannot be read."""
        return {key: f.value() for key, f in self.fields.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if key in self.fields:
                self.fields[key].set_value(value)
        self._initial = {}
        for key, f in self.fields.items():
            try:
                self._initial[key] = f.value()
            except ValidationError:
                self._initial[key] = None

    def changed_values(self) -> dict[str, Any]:
        """Only the fields that differ from what :meth:`set_values` put in."""
        current = self.values()
        return {k: v for k, v in current.items() if self._initial.get(k) != v}

    # -- errors --------------------------------------------------------------------------------
    def has_field(self, key: str) -> bool:
        return key in self.fields

    def show_error(self, key: str, message: str) -> bool:
        """Show ``message`` under field ``key``, outline it and focus it; False if no such field."""
        f = self.fields.get(key)
        if f is None:
            return False
        f.error.setText(message)
        f.error.setVisible(True)
        mark_invalid(f.styled, True)
        f.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(f.styled, QLineEdit):
            f.styled.selectAll()
        return True

    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.error.clear()
            f.error.setVisible(False)
            mark_invalid(f.styled, False)
