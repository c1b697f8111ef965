"""Shared base of the main window's tabs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.db import Database


class Tab(QWidget):
    """A tab over the database. ``reload()`` re-reads everything it shows; ``changed`` after
    a save in this tab (its views' :class:`..record_view.RecordView` ``changed``), so the
    main window can refresh the other tabs (:func:`link_tabs`)."""

    title = ""
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 6, 6, 6)

    def reload(self) -> None:
        raise NotImplementedError

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in this tab's search box."""


def link_tabs(tabs: Sequence[Tab]) -> None:
    """A save in one tab reloads the others (a member added shows among a meeting's
    invitees; a meeting's tasks show in the reports)."""
    for source in tabs:
        others = [t for t in tabs if t is not source]
        source.changed.connect(lambda others=others: [t.reload() for t in others])
