"""A background job is let go once its callbacks have run: nothing it reached (the dialog it
reports to, the PDF it built) stays in memory after it. Its connections held its callbacks
and the job itself, a cycle through Qt that Python's collector cannot see, so every job of
a session stayed: a closed document dialog and its PDF per preview."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from bdcq_desktop.ui import worker


class _Dialog:
    """Stands for what a job reports to: a dialog holding what the job built."""

    def __init__(self) -> None:
        self.pdf = b""

    def show(self, result: bytes) -> None:
        self.pdf = result

    def refuse(self, exc: Exception) -> None:
        self.pdf = str(exc).encode()


def test_a_finished_job_keeps_nothing_alive(qtbot: Any) -> None:
    gone: list[weakref.ref[_Dialog]] = []
    for n in range(20):
        dialog = _Dialog()
        failing = n % 4 == 0
        payload = bytes(1_000_000)

        def build(_report: Any, failing: bool = failing, payload: bytes = payload) -> bytes:
            if failing:
                raise ValueError("không dựng được")
            return payload

        # Closures, as the dialogs pass: they hold the dialog (a bound method would not).
        worker.run_in_background(
            build,
            on_success=lambda result, dialog=dialog: dialog.show(result),
            on_failure=lambda exc, dialog=dialog: dialog.refuse(exc),
        )
        gone.append(weakref.ref(dialog))
        del dialog
    qtbot.waitUntil(lambda: not worker._running, timeout=10_000)
    qtbot.wait(50)  # the signals' deferred deletion
    gc.collect()
    assert [ref for ref in gone if ref() is not None] == []


def test_the_callbacks_still_get_the_result(qtbot: Any) -> None:
    dialog = _Dialog()
    worker.run_in_background(lambda _report: b"%PDF", on_success=dialog.show)
    qtbot.waitUntil(lambda: dialog.pdf == b"%PDF", timeout=10_000)


def test_a_finished_job_is_itself_let_go(qtbot: Any) -> None:
    """The job object too, not only what it reached: the binding kept every started QRunnable
    subclass for the rest of the session, one per preview, save, import or backup."""
    jobs = [
        weakref.ref(worker.run_in_background(lambda _report, n=n: n, on_success=lambda _r: None))
        for n in range(30)
    ]
    qtbot.waitUntil(lambda: not worker._running, timeout=10_000)
    qtbot.wait(50)  # the signals' deferred deletion
    gc.collect()
    assert [ref for ref in jobs if ref() is not None] == []
