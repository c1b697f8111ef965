"""A tab shown while the office's PostgreSQL server refuses connections (down, restarting) is
said to be unread, and once the server is back it is read when next shown: not left empty as
if the database had no meetings (an audit: the meetings and sessions tabs stayed empty after
the server came back, until F5, and an officer could have entered a meeting again).

A real server (tests/pg.py): the officer's database is closed to new connections (``ALLOW_
CONNECTIONS false``, its sessions ended), as a server that is stopped refuses them, then opened
again."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bdcq_desktop.core import meetings, members, units
from bdcq_desktop.core.backup_identity import database_identity
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.storage_errors import ServerUnreachable, StorageError
from bdcq_desktop.ui.main_window import MainWindow


def _allow_connections(url: str, allowed: bool) -> None:
    """Open or close ``url``'s database to new connections, ending its sessions when closed
    (from ``template1``: a database's own connection would be ended with them)."""
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="template1"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}'))
            if not allowed:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = :d AND pid <> pg_backend_pid()"
                    ),
                    {"d": name},
                )
    finally:
        admin.dispose()


def _rows(tab: Any) -> int:
    return int(tab.table.model.rowCount())


def test_a_tab_shown_while_the_server_refuses_is_read_when_shown_once_it_is_back(
    qtbot: Any, pg_server: str, pg_db: Any
) -> None:
    unit = units.create_unit(pg_db, name="UBND tỉnh Nghệ An")
    head = members.create_person(pg_db, full_name="Vũ Duy Tiến", unit_id=unit)
    members.appoint(pg_db, head, role="head", start_date=date(2024, 1, 1))
    meetings.create_meeting(
        pg_db, kind="briefing", title="Buổi làm việc", chair_id=head,
        starts_at=datetime(2026, 4, 7, 8, 0), now=datetime(2026, 4, 1, 9, 0),
    )  # fmt: skip
    officer = open_database(pg_server)
    win = MainWindow(officer)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.front_loaded, timeout=10_000):
        win.load_data()
    qtbot.wait(100)  # what waits for the start to be over (kept minutes offered back)
    try:
        _allow_connections(pg_server, False)
        meetings_tab = win.tab_at(1)
        with qtbot.captureExceptions() as refused:
            win.tabs.setCurrentIndex(1)  # Cuộc họp, first shown: read after its paint
            qtbot.waitUntil(lambda: bool(refused) and not meetings_tab.stale, timeout=20_000)
        assert [type(e[1]) for e in refused] == [StorageError], refused  # said: no defect
        assert _rows(meetings_tab) == 0
        win.tabs.setCurrentIndex(0)
    finally:
        _allow_connections(pg_server, True)
    win.tabs.setCurrentIndex(1)  # the server back: shown again, read again
    qtbot.waitUntil(lambda: _rows(meetings_tab) == 1, timeout=10_000)
    win.close()
    officer.dispose()


def test_a_server_taking_no_new_connection_is_said_as_a_wait_in_use_and_at_the_start(
    pg_server: str, pg_db: Any
) -> None:
    """The audit: a server being stopped (pg_ctl stop waiting for its sessions), starting or
    recovering refuses new connections ("the database system is shutting down"): a read in
    use met it as a defect (the driver's English, "Lỗi không mong đợi", errors.log), a start
    as "Không mở được cơ sở dữ liệu" without "Thử lại". Now both say to wait and try again."""
    officer = open_database(pg_server)
    try:
        _allow_connections(pg_server, False)
        with pytest.raises(StorageError) as in_use:
            units.list_units(officer)
        with pytest.raises(StorageError):  # what keeps typed minutes apart, read at the start
            database_identity(officer)
        with pytest.raises(ServerUnreachable) as at_start:
            open_database(pg_server)
    finally:
        _allow_connections(pg_server, True)
        officer.dispose()
    for said in (in_use.value.message, at_start.value.message):
        assert said.startswith("Máy chủ cơ sở dữ liệu 127.0.0.1:"), said
        assert "đang khởi động, đang tắt hoặc tạm không nhận kết nối" in said, said
        assert "Hãy đợi một lát rồi thử lại" in said, said
    assert "Chưa lưu được gì." in in_use.value.message
    assert units.list_units(pg_db) == []  # and once it takes them again, it is read


def test_a_read_refused_does_not_say_nothing_was_saved_and_a_save_still_does(
    qtbot: Any, pg_server: str, pg_db: Any
) -> None:
    """The audit: a tab shown, or Làm mới, while the server refused ended its message with
    "Chưa lưu được gì." though nothing was being saved. A read says it did not read the data;
    a save keeps its words."""
    units.create_unit(pg_db, name="UBND tỉnh Nghệ An")
    officer = open_database(pg_server)
    win = MainWindow(officer)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.front_loaded, timeout=10_000):
        win.load_data()
    qtbot.wait(100)
    try:
        _allow_connections(pg_server, False)
        with qtbot.captureExceptions() as refused:
            win.tabs.setCurrentIndex(1)  # a tab shown: read after its paint
            qtbot.waitUntil(lambda: bool(refused) and not win.tab_at(1).stale, timeout=20_000)
        with pytest.raises(StorageError) as refreshed:  # Xem › Làm mới
            win.reload_all()
        with pytest.raises(StorageError) as saved:
            units.create_unit(officer, name="Sở Tư pháp")
    finally:
        _allow_connections(pg_server, True)
    reads = [e[1].message for e in refused] + [refreshed.value.message]
    for said in reads:
        assert "tạm không nhận kết nối" in said, said
        assert "Chưa lưu được gì" not in said and "Chưa đọc được dữ liệu." in said, said
    assert "Chưa lưu được gì." in saved.value.message
    assert "Chưa đọc được" not in saved.value.message
    win.close()
    officer.dispose()
