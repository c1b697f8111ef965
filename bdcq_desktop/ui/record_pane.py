"""The record pane beside a list: a heading and one tab per section of the selected record
(meetings, working-group sessions). Each tab's key (Alt+1…9) is in its tip, not its title, so
seven titles fit beside the list at 1,366 pixels."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget


def status_badge(label: str, colour: str) -> str:
    """A record's status as a white-on-colour badge for the heading (the words say it; the
    colour only repeats them)."""
    return (
        f"<span style='color:white; background:{colour}; padding:2px'>"
        f"&nbsp;{escape(label)}&nbsp;</span>"
    )


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
        self.sections = QTabWidget(self)
        self.sections.setObjectName(f"{name}Sections")
        self.sections.setDocumentMode(True)
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

    def show_record(self, detail: Any, heading: str) -> None:
        """Show ``detail`` (``None``: nothing selected) in every section."""
        self.detail = detail
        self.heading.setText(heading)
        for i in range(self.sections.count()):
            self.show_in(self.sections.widget(i), detail)
