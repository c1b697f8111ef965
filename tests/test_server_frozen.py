"""An office's PostgreSQL server frozen outright while an officer works: its processes stopped
(SIGSTOP) while its machine still acknowledges every packet, as a hung disk, a server
swapping to death or a paused virtual machine do. The server cannot refuse anything and TCP
sees nothing wrong: before, a save and a read waited for as long as the server stayed frozen
(60 s measured, and on), the window frozen and taken for crashed. Now the officer is told the
server does not answer, nothing saved or nothing read, the form keeping what was typed.

Each test resumes the server itself after :data:`SAFETY_S` (a call still blocked by then was
not bounded, and the test fails), and always at its end. A real server (tests/pg.py)."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import text

from bdcq_desktop.core import engine, members
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.migrate import SCHEMA_LOCK, upgrade
from bdcq_desktop.core.models import Person
from bdcq_desktop.core.read_scope import reading
from bdcq_desktop.core.storage_errors import StorageError
from bdcq_desktop.ui.tabs.members_tab import MembersTab

# Longer than any bound of the client (a pooled connection's check, 3 s, then a connection
# given 7 s; a statement 13 s) with room for a loaded machine.
SAFETY_S = 60.0


@pytest.fixture(autouse=True)
def _own_server() -> None:
    if os.environ.get("BDCQ_TEST_PG_URL") or not os.path.isdir("/proc/self"):
        pytest.skip("freezing the server needs the suite's own server and /proc")


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def _children(ppid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if _parent(int(name)) == ppid:
                    found.append(int(name))
            except (OSError, ValueError, IndexError):
                pass  # ended meanwhile
    return found


def _backend_of(db: Any) -> int:
    """The server process serving ``db``'s pooled connection (the pool keeps one)."""
    with db.engine.connect() as conn:
        return int(conn.scalar(text("SELECT pg_backend_pid()")))


class _Frozen:
    resumed_by_safety = False


@contextmanager
def frozen(pids: list[int]) -> Iterator[_Frozen]:
    """``pids`` stopped; resumed after SAFETY_S (noted) or at the end, whichever first."""
    state = _Frozen()
    lock = threading.Lock()
    resumed = False

    def resume(by_safety: bool) -> None:
        nonlocal resumed
        with lock:
            if resumed:
                return
            resumed = True
            state.resumed_by_safety = by_safety
            for pid in pids:
                os.kill(pid, signal.SIGCONT)

    timer = threading.Timer(SAFETY_S, resume, (True,))
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    timer.start()
    try:
        yield state
    finally:
        timer.cancel()
        resume(False)


def _whole_server(db: Any) -> list[int]:
    postmaster = _parent(_backend_of(db))
    return [postmaster, *_children(postmaster)]


def _appoint(db: Any, name: str) -> int:
    return members.appoint_new(
        db,
        person={"full_name": name, "position": "Chuyên viên"},
        appointment={"role": "member", "start_date": "2026-01-05"},
    )


def test_a_frozen_server_refuses_a_save_and_a_read_and_the_typing_is_kept(
    pg_server: str, pg_db: Any, qtbot: Any
) -> None:
    mid = _appoint(pg_db, "Nguyễn Văn Đợi")
    officer = open_database(pg_server)
    try:
        tab = MembersTab(officer)
        qtbot.addWidget(tab)
        tab.show()
        tab.reload()
        view = tab.committee
        assert view.table.select_where(lambda r: r.id == mid)
        view.edit_action.trigger()
        dialog = view.last_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.form.editor("phone").setText("0988 777 666")
        with frozen(_whole_server(officer)) as server:
            started = time.monotonic()
            assert dialog.try_save() is False
            save_s = time.monotonic() - started
            started = time.monotonic()
            with pytest.raises(StorageError) as read, reading():
                members.list_committee(officer)
            read_s = time.monotonic() - started
            assert not server.resumed_by_safety, "the save or the read waited for the server"
        print(f"frozen server: save refused after {save_s:.1f} s, read after {read_s:.1f} s")
        said = dialog.banner_label.text()
        assert dialog.banner.isVisible()
        # Said as a server that stopped answering during the save, not as one the start could
        # not reach: the address worked a moment before, checking it is no help.
        assert said.startswith("Máy chủ cơ sở dữ liệu 127.0.0.1:"), said
        assert "ngừng trả lời trong lúc lưu" in said and "Chưa lưu được gì." in said
        assert "Hãy thử lại; nếu vẫn vậy, hãy báo người quản trị máy chủ." in said
        assert "địa chỉ" not in said and "Không kết nối được" not in said
        assert dialog.isVisible() and dialog.form.editor("phone").text() == "0988 777 666"
        read_said = read.value.message
        assert "ngừng trả lời trong lúc đọc dữ liệu" in read_said, read_said
        assert "Chưa đọc được dữ liệu." in read_said and "Chưa lưu được gì" not in read_said
        assert "địa chỉ" not in read_said
        assert dialog.try_save() is True  # the server back: the same Lưu saves
    finally:
        officer.dispose()
    person = members.list_committee(pg_db)[0].person_id
    assert members.get_person(pg_db, person).phone == "0988 777 666"


def test_a_frozen_connection_is_left_and_the_save_goes_on(pg_server: str, pg_db: Any) -> None:
    """Only the server process of the officer's pooled connection frozen: the check before
    use finds no answer and a new connection saves."""
    officer = open_database(pg_server)
    try:
        with frozen([_backend_of(officer)]) as server:
            started = time.monotonic()
            mid = _appoint(officer, "Trần Thị Tiếp")
            print(f"frozen connection: saved on a new one after {time.monotonic() - started:.1f} s")
            assert not server.resumed_by_safety, "the save waited for the frozen connection"
    finally:
        officer.dispose()
    assert [r.id for r in members.list_committee(pg_db)] == [mid]


def test_a_statement_the_server_never_answers_is_given_up(
    pg_server: str, pg_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server frozen in the middle of a save, between two statements: the next is given
    up a second after the server's own limit (shortened here to 1 s), nothing saved."""
    monkeypatch.setattr(engine, "SERVER_ANSWER_S", 1.0)
    officer = open_database(pg_server)  # connects with the shortened wait
    try:
        with pytest.raises(StorageError) as refused, officer.session() as s:
            s.add(Person(full_name="Lê Văn Dở"))
            s.flush()
            pid = int(s.execute(text("SELECT pg_backend_pid()")).scalar_one())
            with frozen([pid]) as server:
                s.execute(text("SELECT count(*) FROM person"))
        assert not server.resumed_by_safety, "the statement waited for the frozen server"
    finally:
        officer.dispose()
    said = refused.value.message
    assert said.startswith("Máy chủ cơ sở dữ liệu 127.0.0.1:")
    assert "ngừng trả lời trong lúc lưu" in said and "Chưa lưu được gì." in said
    assert "Hãy thử lại; nếu vẫn vậy, hãy báo người quản trị máy chủ." in said
    with pg_db.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM person")) == 0


def test_an_upgrade_waits_for_another_past_a_statements_limit(
    pg_server: str, pg_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two officers starting a new version at once: the second waits for the first's
    migration under the schema's lock, however long a statement may otherwise take (before,
    the wait was cancelled at the statement's limit and the second start failed)."""
    monkeypatch.setattr(engine, "SERVER_ANSWER_S", 1.0)
    officer = open_database(pg_server)
    first = pg_db.engine.connect()
    try:
        first.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
        done = threading.Timer(3.0, first.rollback)  # the first's migration ends
        done.start()
        upgrade(officer)  # waits for it, then finds the database current
        done.join()
    finally:
        first.rollback()
        first.close()
        officer.dispose()
