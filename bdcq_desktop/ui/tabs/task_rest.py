"""The rest of the tasks page's tasks, read once its first screen is painted
(:mod:`.task_tracking`): the read itself in a background thread, then the rows a step per pass
of the event loop (:class:`..core.task_read.TaskRead`), so that the window answers keys and
paints while 6,000 tasks are read (read in one go, they held it 50 to 100 ms right after the
first screen; the read alone, as the first step, still held it some 60 ms on a slow PC, and
the first key typed waited for it), and a sort or a unit picked before the last step finds
only the steps left to do (a search goes on with them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from ...core.db import Database
from ..worker import run_in_background

if TYPE_CHECKING:
    from ...core.task_read import TaskRead


class RestOfTasks(QObject):
    """Once armed, after the next paint of ``viewport``: every task read in steps, then
    ``done(read)`` called with the read (its rows all made), or with None when a step failed
    (a read of the caller's own then says why, as a reload does)."""

    batch = 1500  # rows made per step: some 5 ms each at ten years (the read itself ~20 ms)

    def __init__(
        self,
        db: Database,
        viewport: QWidget,
        done: Callable[[TaskRead | None], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.done = done
        self.armed = False
        self.read: TaskRead | None = None
        self.queried = False  # whether the read's query (its first step) is done
        # Timers, not QTimer.singleShot(0, …): that one is a posted call, which the delivery
        # of the posted paint events would run at once, before the paint is on screen; and a
        # timer lets the keys and paints waiting go first between two steps.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        viewport.installEventFilter(self)

    def arm(self) -> None:
        """Read every task once the viewport has painted next (the first screen)."""
        self.armed = True

    def cancel(self) -> None:
        """Nothing more: not armed, a read under way dropped (a query still running in the
        background is let finish, and its result dropped)."""
        self.armed = False
        self.read = None
        self.queried = False
        self._timer.stop()

    def under_way(self) -> bool:
        """Whether every task is being read, or will be after the next paint."""
        return self.armed or self.read is not None

    def take(self) -> TaskRead | None:
        """The read under way (its steps left to be done by the caller, now), if any and its
        query is done (a query still running in another thread is not waited for: the caller
        reads anew); this object then does nothing more until armed again."""
        read = self.read if self.queried else None
        self.cancel()
        return read

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint:
            self.armed = False
            from ...core.task_read import TaskRead  # in by now: the page has read its first rows

            read = self.read = TaskRead(self.db, batch=self.batch)
            self.queried = False
            run_in_background(lambda _report: _query(read), on_success=self._queried)
        return False

    def _queried(self, result: tuple[TaskRead, Exception | None]) -> None:
        read, error = result
        if read is not self.read:  # dropped meanwhile (a reload, a sort, the rows taken)
            return
        if error is not None:  # said by the caller's own read, as a reload says it
            self.cancel()
            self.done(None)
            return
        self.queried = True
        self._timer.start(0)  # the rows a step at a time, the keys waiting going first

    def _step(self) -> None:
        read = self.read
        if read is None:
            return
        try:
            finished = read.step()
        except Exception:  # said by the caller's own read, as a reload says it
            self.cancel()
            self.done(None)
            return
        if finished:
            self.read = None
            self.done(read)
        else:
            self._timer.start(0)


def _query(read: TaskRead) -> tuple[TaskRead, Exception | None]:
    """In a pool thread: ``read``'s query, with what it met (its failure is the caller's to
    say, on the window's thread)."""
    from ...core.read_scope import reading

    try:
        with reading():
            read.query()
    except Exception as exc:  # a locked file, a server gone: reported, never lost
        return read, exc
    return read, None
