"""Automatic backups while the GUI runs: one on start and one every 30 minutes, each only when
the data changed since the newest backup (the core decides, from the change log), off the GUI
thread. A backup that fails (the USB stick holding the backup folder was pulled out) is said in
the status bar; it never interrupts the officer's work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QStatusBar, QWidget

from ..core.backups import backup_if_changed
from ..core.db import Database
from ..core.errors import AccessError
from .worker import run_in_background

INTERVAL_MS = 30 * 60 * 1000


class AutoBackup(QObject):
    """Backs ``db`` up on :meth:`start` and every :data:`INTERVAL_MS` after, when changed."""

    done = Signal(object)  # the backup's path, or None when nothing had changed
    failed = Signal(object)

    def __init__(self, db: Database, window: QMainWindow, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(window)
        self.db = db
        self.window = window
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setObjectName("autoBackupTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.run("auto"))
        self._tip_for: str | None = None  # the status bar's message the tooltip explains
        window.statusBar().messageChanged.connect(self._message_changed)

    def start(self) -> None:
        """The start-up backup (if changed), then the periodic ones."""
        self.run("start")
        self.timer.start()

    def run(self, reason: str) -> None:
        # A PostgreSQL server's database is shared: its administrator backs it up (pg_dump),
        # not every officer's PC every 30 minutes. The Sao lưu window says so.
        if self._busy or self.db.read_only or self.db.sqlite_path is None:
            return
        self._busy = True
        run_in_background(
            lambda _report: backup_if_changed(self.db, reason),
            on_success=self._succeeded,
            on_failure=self._failed,
        )

    def _succeeded(self, path: Path | None) -> None:
        self._busy = False
        if path is not None:
            said = self.tr("Đã sao lưu tự động: {path}").format(path=path)
            if self.db.warnings:
                # What the opening said (the copy taken before an upgrade, a network drive)
                # stays said: the start's backup ends a second after the window shows it,
                # and a message that replaced it for 8 s left the status bar empty after. The
                # routine backup is in the Sao lưu window; the line has no room for both.
                self.window.statusBar().showMessage(" · ".join(self.db.warnings))
            else:
                self.window.statusBar().showMessage(said, 8000)
        self.done.emit(path)

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        message = getattr(exc, "message", None) or str(exc)
        full = self.tr("Sao lưu tự động không thành công: {message}").format(message=message)
        said = full
        bar = self.window.statusBar()
        if isinstance(exc, AccessError) and exc.path:
            # The reason first, then only the file's name: the whole path of a backup
            # pushed the reason past the "Dữ liệu:" label, cut off. The path is in the tooltip.
            said = self.tr("Sao lưu tự động không thành công: {reason} ({what} {name})")
            said = said.format(reason=exc.reason, what=exc.what, name=_fitted(bar, said, exc))
        bar.showMessage(said)
        bar.setToolTip(full)
        self._tip_for = said
        self.failed.emit(exc)

    def _message_changed(self, text: str) -> None:
        # The tooltip belongs to the failure's message: gone with it.
        if self._tip_for is not None and text != self._tip_for:
            self._tip_for = None
            self.window.statusBar().setToolTip("")


def _fitted(bar: QStatusBar, line: str, exc: AccessError) -> str:
    """The file's name, shortened in its middle so that ``line`` ends within the room the
    status bar's own widgets (the database's name) leave: the closing bracket seen, not run
    into the next label."""
    used = sum(
        w.width()
        for w in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if w.isVisible()
    )
    metrics = bar.fontMetrics()
    rest = line.format(reason=exc.reason, what=exc.what, name="")
    room = bar.width() - used - metrics.horizontalAdvance(rest) - 3 * metrics.averageCharWidth()
    room = max(room, 12 * metrics.averageCharWidth())  # a name never elided to nothing
    return metrics.elidedText(Path(exc.path).name, Qt.TextElideMode.ElideMiddle, room)


def wait_for_background_work() -> None:
    """On exit: let a backup in progress finish (it is renamed into place only when whole)."""
    QThreadPool.globalInstance().waitForDone()
