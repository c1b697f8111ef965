"""A restore run off the GUI thread (as the window runs it) against the same process's other
work: no session is open while the file is replaced, one asked for meanwhile waits for the
new file, and no save of that process is lost between the copy of the state before and the
replacement. Real threads on a real SQLite file."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import engine
from bdcq_desktop.core.backup import backup_before, restore_from
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.people import create_person


def _names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {name for (name,) in conn.execute("SELECT full_name FROM person")}
    finally:
        conn.close()


def test_no_save_is_lost_while_another_thread_restores(demo_db: Any) -> None:
    """Saves go on in one thread (the GUI's) while another restores: each one committed is
    either in the copy of the state before the restore or in the restored database. Without
    the gate, the saves committed while the copy was being checked were in neither."""
    source = backup_before(demo_db, "manual")
    committed: list[str] = []
    failed: list[BaseException] = []
    stop = threading.Event()

    def saves() -> None:
        i = 0
        while not stop.is_set():
            name = f"Người Lưu Thử {i}"
            try:
                create_person(demo_db, full_name=name)
            except BaseException as exc:  # told below, not lost in the thread
                failed.append(exc)
                return
            committed.append(name)
            i += 1

    saver = threading.Thread(target=saves)
    saver.start()
    try:
        while len(committed) < 5:  # the saves are under way before the restore starts
            time.sleep(0.005)
        safety = restore_from(demo_db, source)
        time.sleep(0.05)  # a few saves after it too
    finally:
        stop.set()
        saver.join()
    assert not failed
    assert safety is not None
    kept = _names(safety) | _names(demo_db.sqlite_path)
    lost = [name for name in committed if name not in kept]
    assert len(committed) > 5 and lost == []


def test_a_session_asked_for_during_the_replacement_waits_for_it(demo_db: Any) -> None:
    order: list[str] = []
    inside = threading.Event()

    def replace() -> None:
        with demo_db.replacing():
            inside.set()
            time.sleep(0.2)
            order.append("replaced")

    replacer = threading.Thread(target=replace)
    replacer.start()
    inside.wait()
    with demo_db.session():
        order.append("session")
    replacer.join()
    assert order == ["replaced", "session"]


def test_the_replacement_waits_for_the_sessions_open_and_may_open_its_own(demo_db: Any) -> None:
    order: list[str] = []
    opened = threading.Event()

    def hold_a_session() -> None:
        with demo_db.session():
            opened.set()
            time.sleep(0.2)
            order.append("session ended")

    holder = threading.Thread(target=hold_a_session)
    holder.start()
    opened.wait()
    with demo_db.replacing():
        order.append("replacing")
        with demo_db.session():  # the restore's own copy counts what it keeps
            order.append("its own session")
    holder.join()
    assert order == ["session ended", "replacing", "its own session"]


def test_a_session_that_never_ends_refuses_the_replacement_clearly(
    demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.2)
    opened, release = threading.Event(), threading.Event()

    def hold_a_session() -> None:
        with demo_db.session():
            opened.set()
            release.wait()

    holder = threading.Thread(target=hold_a_session)
    holder.start()
    opened.wait()
    try:
        with pytest.raises(BcdError, match="Cơ sở dữ liệu đang bận"), demo_db.replacing():
            pytest.fail("replaced while a session was open")
    finally:
        release.set()
        holder.join()
    with demo_db.replacing():  # free again once the session ended
        pass


def test_a_core_call_within_another_goes_on_while_a_replacement_waits(demo_db: Any) -> None:
    """A thread with a session open opens another (one core call within another) while a
    replacement waits for it: it goes on, then the replacement runs (no deadlock)."""
    order: list[str] = []
    opened = threading.Event()

    def nested() -> None:
        with demo_db.session():
            opened.set()
            deadline = time.monotonic() + 5
            while not demo_db._gate._waiting and time.monotonic() < deadline:
                time.sleep(0.005)
            with demo_db.session():
                order.append("inner session")

    holder = threading.Thread(target=nested)
    holder.start()
    opened.wait()
    with demo_db.replacing():
        order.append("replacing")
    holder.join(timeout=15)
    assert not holder.is_alive()
    assert order == ["inner session", "replacing"]
