"""An officer's first look at each main tab in a session, in a process of its own.

``python -m benchmarks.first_visit_probe TEN_YEAR_DB`` prints a line ``TAB_NAME MS`` for the
meetings, working-group and reports tabs: milliseconds from switching to it for the first time
to its first screen of rows painted. The process is where a start leaves it: the database
open, the members tab read, every tab's modules imported and the other tabs built but not read
(once the first rows are painted the start imports them, ui/app.py ``_prefetch_tabs``, then
builds them, ``MainWindow.build_ahead``, and imports the document dialog). So the figure counts
the tab's first queries, which SQLAlchemy compiles once per process, and its first paint;
:mod:`.gui_probe`'s ``tabs`` times the later visits.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from bdcq_desktop.core.db import open_database
from bdcq_desktop.ui.main_window import TABS, MainWindow

from .gui_probe import wait_for_rows
from .qt_app import application


class RowsPainted(QObject):
    """When a table of ``tab`` is first painted with rows in it (what the officer sees; the
    record pane beside it may still be filled after that)."""

    def __init__(self, tab: QWidget) -> None:
        super().__init__(tab)
        self.at: float | None = None
        self.views = tab.findChildren(QAbstractItemView)
        for view in self.views:
            view.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.at is None and event.type() == QEvent.Type.Paint:
            view = obj.parent()
            if isinstance(view, QAbstractItemView) and view.model() and view.model().rowCount():
                self.at = time.perf_counter()
        return False

    def wait(self, app: QApplication, timeout: float = 10.0) -> float:
        deadline = time.perf_counter() + timeout
        while self.at is None:
            if time.perf_counter() > deadline:
                raise RuntimeError("no rows painted")
            app.processEvents()
        return self.at


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)


def main() -> int:
    app = application()
    db = open_database(sys.argv[1])
    for module, _ in TABS:
        importlib.import_module(module, "bdcq_desktop.ui")
    # And the document dialog, which the start imports once the tabs are built.
    importlib.import_module("bdcq_desktop.ui.dialogs.document_dialog")
    gc.freeze()  # as the start does once the database is open
    window = MainWindow(db)
    window.resize(1280, 760)
    window.show()
    window.tabs.setCurrentIndex(0)
    wait_for_rows(window.members_tab)
    window.build_ahead()
    while len(window.built_tabs()) < window.tabs.count():
        app.processEvents()
    for i in range(1, window.tabs.count()):
        _settle(app)  # what the tab before left to do after its rows (its record pane)
        start = time.perf_counter()
        window.tabs.setCurrentIndex(i)  # the tab reads its rows once painted
        tab = window.tab_at(i)
        painted = RowsPainted(tab).wait(app)
        print(tab.objectName(), f"{(painted - start) * 1000:.3f}", flush=True)
    window.close()
    db.dispose()
    os._exit(0)  # as gui_probe: no teardown, nothing left to flush


if __name__ == "__main__":
    sys.exit(main())
