"""The main window over another database (Tệp › Kết nối cơ sở dữ liệu dùng chung…): a part of
:class:`.main_window.MainWindow` (one of its bases), as :class:`.main_menus.WindowMenus` is.
The dialog and what follows it live in :mod:`.connect_actions`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from ..core.db import Database


class WindowSwitch:
    """Switching the database of a main window (``self`` is the window)."""

    # What the window provides (see MainWindow).
    tabs: Any
    db: Any
    _built: dict[int, Any]

    def _waiting_page(self) -> QLabel:
        """A tab's page until the database is open, saying so."""
        page = QLabel(self.tr("Đang mở dữ liệu…"), alignment=Qt.AlignmentFlag.AlignCenter)
        page.setCursor(Qt.CursorShape.BusyCursor)
        return page

    def switch_database(self, db: Database) -> None:
        """Tệp › Kết nối…: the window over another database, as a start fills it. Every tab
        is built anew over it (its views and forms hold the database they were made with),
        the one in front read at once, the others when shown; the old database is closed."""
        old, front = self.db, max(self.tabs.currentIndex(), 0)
        blocked = self.tabs.blockSignals(True)
        for index, tab in sorted(self._built.items()):
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, self._waiting_page(), self._tab_titles()[index])
            tab.deleteLater()
        self._built.clear()
        self.tabs.setCurrentIndex(front)
        self.tabs.blockSignals(blocked)
        self.attach(db)
        if getattr(self, "auto_backup", None) is not None:
            self.auto_backup.db = db  # its next run backs up this one (a server: none)
        self.load_data()
        if old is not None and old is not db:
            old.dispose()

    def open_connect(self) -> None:
        """Tệp › Kết nối cơ sở dữ liệu dùng chung…"""
        from .connect_actions import open_connect_dialog

        self.connect_dialog = open_connect_dialog(self)
