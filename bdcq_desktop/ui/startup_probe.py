"""``BDCQ_EXIT_AFTER_SHOWN=1``: time a whole start-up, then quit (used by ``benchmarks/``).

Prints ``imported-before-paint <modules>`` (the heavy ones already imported, ``-`` for none)
and ``mapped <epoch seconds>`` once the main window has painted for the first time, and ``rows
<epoch seconds>`` once a table of the current tab has painted with rows in it (just before it,
``orm-configured-before-rows yes|no``: whether the ORM's mappers had been set up by then, which
the first screen does not need, and ``sqlalchemy-before-rows yes|no``: whether SQLAlchemy had
been imported, which a first screen read from the file does not need either), then ``ready
<epoch seconds>`` once the database is open and the tab in front has its rows from it (the
window's ``front_loaded``: everything can be edited), and quits with exit code 0. The
benchmark subtracts the moment it started the process, so the figure covers the interpreter,
the imports, the database and the first paint. The watcher polls nothing: it looks at paint
events as they arrive, so a tab that loads its rows later (in the background) is timed when
they really show.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

HEAVY = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "bdcq_desktop.documents",
         "bdcq_desktop.core.db")  # fmt: skip


def _orm_configured() -> str:
    """``yes`` if the mappers of the models have been configured, else ``no``."""
    models = sys.modules.get("bdcq_desktop.core.models")
    if models is None:
        return "no"
    return "yes" if any(m.configured for m in models.Base.registry.mappers) else "no"


class StartupWatcher(QObject):
    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(window)
        self.app, self.window = app, window
        self.mapped = self.rows = self.ready = False
        app.installEventFilter(self)
        window.front_loaded.connect(self._ready)  # type: ignore[attr-defined]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(obj, QWidget):
            return False
        if not self.mapped and obj.window() is self.window:
            self.mapped = True
            # What had been imported by the first paint (the heavy parts must not have been).
            heavy = [m for m in HEAVY if m in sys.modules]
            print(f"imported-before-paint {','.join(heavy) or '-'}", flush=True)
            # Queued: reported once this paint has been done, not when it starts.
            QTimer.singleShot(0, lambda: self._report("mapped"))
        view = obj.parent()
        if (
            self.mapped
            and not self.rows
            and isinstance(view, QAbstractItemView)
            and obj is view.viewport()
            and view.model() is not None
            and view.model().rowCount() > 0
            and view.isVisible()
            and view.window() is self.window
        ):
            self.rows = True
            self.orm_configured = _orm_configured()  # now: a background import may do it next
            self.sqlalchemy = "yes" if "sqlalchemy" in sys.modules else "no"
            QTimer.singleShot(0, self._rows_shown)
        return False

    def _report(self, what: str) -> None:
        print(f"{what} {time.time():.6f}", flush=True)

    def _rows_shown(self) -> None:
        print(f"orm-configured-before-rows {self.orm_configured}", flush=True)
        print(f"sqlalchemy-before-rows {self.sqlalchemy}", flush=True)
        self._report("rows")
        self.app.removeEventFilter(self)
        self._quit_when_done()

    def _ready(self) -> None:
        if not self.ready:
            self.ready = True
            self._report("ready")
            self._quit_when_done()

    def _quit_when_done(self) -> None:
        if self.rows and self.ready:
            self.app.quit()
