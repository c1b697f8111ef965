"""Shared base of the main window's tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.db import Database


class Tab(QWidget):
    """A tab over the database. ``reload()`` re-reads everything it shows."""

    title = ""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 6, 6, 6)

    def reload(self) -> None:
        raise NotImplementedError

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in this tab's search box."""
