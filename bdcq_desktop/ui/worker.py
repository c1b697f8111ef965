"""Run long work (import, bulk export, backup) off the GUI thread.

One helper for every background job: the callable runs in the global QThreadPool; its result or
its error comes back to the GUI thread by signal, so the window never freezes and no widget is
touched from another thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(int, str)
    finished = Signal()


class Job:
    """``fn(report)`` runs in a pool thread; ``report(percent, text)`` posts progress.

    Not a QRunnable: the binding kept every started QRunnable subclass alive for the rest of
    the session (a job per preview, save, import or backup). The pool runs :meth:`run`, in a
    runnable of its own that it deletes."""

    def __init__(self, fn: Callable[[Callable[[int, str], None]], Any]) -> None:
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except Exception as exc:  # reported to the GUI, never lost in the thread
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


_running: set[Job] = set()


def run_in_background(
    fn: Callable[[Callable[[int, str], None]], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[Exception], None] | None = None,
    on_progress: Callable[[int, str], None] | None = None,
) -> Job:
    job = Job(fn)
    if on_success:
        job.signals.succeeded.connect(on_success)
    if on_failure:
        job.signals.failed.connect(on_failure)
    if on_progress:
        job.signals.progress.connect(on_progress)
    _running.add(job)
    job.signals.finished.connect(lambda: _done(job))
    QThreadPool.globalInstance().start(job.run)
    return job


def _done(job: Job) -> None:
    """The job's callbacks have run (its signals are queued in order, ``finished`` last): let
    go of it. Its signals object is deleted, which drops the connections: they held the
    callbacks (a dialog, a preview's PDF) and this very function's hold on the job, a cycle
    through Qt that Python's collector cannot see, so every finished job stayed in memory."""
    _running.discard(job)
    job.fn = None  # type: ignore[assignment]
    job.signals.deleteLater()
