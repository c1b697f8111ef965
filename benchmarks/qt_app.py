"""The Qt application of the in-process probes, set up as ``bdcq-desktop``'s start sets it up."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core.db import Database
from bdcq_desktop.ui.app import install_translators
from bdcq_desktop.ui.main_window import MainWindow


def application() -> QApplication:
    """The application's names (hence its settings), the Vietnamese locale, the translators."""
    QCoreApplication.setOrganizationName("BCD")
    QCoreApplication.setApplicationName("bdcq-desktop")
    app = QApplication(sys.argv[:1])
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    install_translators(app)
    return app


def window_with_every_tab(db: Database, size: tuple[int, int] | None = None) -> MainWindow:
    """The main window over ``db``, shown, every tab read, as a session has them after a while."""
    window = MainWindow(db)
    if size is not None:
        window.resize(*size)
    window.show()
    window.read_every_tab()
    QApplication.processEvents()
    return window
