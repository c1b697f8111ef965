"""An office's PostgreSQL server meeting real life while an officer types: its password changed
by the administrator, a record deleted by another officer, a server that does not answer. Each
is said in Vietnamese (the same words as at the start for a refused login), never as "Lỗi
không mong đợi", and the form keeps what was typed. A real server (tests/pg.py), officer B a
second Database on it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bdcq_desktop.core import engine, members
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.models import Person
from bdcq_desktop.core.read_scope import reading
from bdcq_desktop.core.storage_errors import StorageError
from bdcq_desktop.ui.tabs.members_tab import MembersTab
from tests.pg import PASSWORD_ROLE, end_sessions_of, password_url


def _appoint(db: Any, name: str) -> int:
    return members.appoint_new(
        db,
        person={"full_name": name, "position": "Chuyên viên"},
        appointment={"role": "member", "start_date": "2026-01-05"},
    )


@pytest.fixture
def open_tab(qtbot: Any) -> Iterator[Any]:
    """``open_tab(db)``: the members tab of an officer's window on ``db``, read."""
    opened: list[Any] = []

    def make(db: Any) -> MembersTab:
        tab = MembersTab(db)
        qtbot.addWidget(tab)
        tab.resize(1366, 720)
        tab.show()
        tab.reload()
        opened.append(tab)
        return tab

    yield make
    for tab in opened:
        tab.close()


def _edit(view: Any, membership_id: int, phone: str) -> Any:
    """Sửa… on the member's row, a phone typed: the dialog, open."""
    assert view.table.select_where(lambda r: r.id == membership_id)
    view.edit_action.trigger()
    dialog = view.last_dialog
    assert dialog is not None and dialog.isVisible(), view.last_dialog
    dialog.form.editor("phone").setText(phone)
    return dialog


def _banner(dialog: Any) -> str:
    assert dialog.banner.isVisible()
    return dialog.banner_label.text()


# -- 3. the password changed while the window is open -----------------------------------------
def test_a_password_changed_meanwhile_is_said_as_at_the_start_and_the_typing_kept(
    pg_server: str, pg_db: Any, open_tab: Any
) -> None:
    """The audit: after the administrator's ALTER ROLE … PASSWORD and a reconnect (a restart,
    a blip), Lưu said "Lỗi không mong đợi: (psycopg.OperationalError) … password
    authentication failed" and logged a traceback. Now the start's words, the form open."""
    mid = _appoint(pg_db, "Nguyễn Văn Mật")
    url = password_url(pg_server, "mat-khau-cu")
    officer = open_database(url)
    try:
        view = open_tab(officer).committee
        dialog = _edit(view, mid, "0988 777 666")
        password_url(pg_server, "mat-khau-moi")  # the administrator's change
        assert end_sessions_of(pg_server, PASSWORD_ROLE) >= 1  # the pooled connection too
        assert dialog.try_save() is False
        said = _banner(dialog)
        with pytest.raises(BcdError) as at_start:  # what a start with the old password says
            open_database(url).dispose()
        refusal = at_start.value.message.splitlines()[0]
        assert refusal.startswith("Máy chủ cơ sở dữ liệu 127.0.0.1:")
        assert f"từ chối đăng nhập của người dùng {PASSWORD_ROLE}" in refusal
        assert said.startswith(refusal + " Chưa lưu được gì.")
        assert "password authentication failed" in said  # the line for the administrator
        assert "mat-khau-cu" not in said
        assert dialog.isVisible() and dialog.form.editor("phone").text() == "0988 777 666"
        assert members.get_person(pg_db, view.table.current_row().person_id).phone in ("", None)
    finally:
        officer.dispose()


# -- 5. a record deleted by another officer while it is being edited --------------------------
def test_a_member_deleted_meanwhile_is_named_the_typing_kept_and_the_list_read(
    pg_server: str, pg_db: Any, open_tab: Any
) -> None:
    """The audit: Lưu said "Không tìm thấy nhiệm kỳ có mã 51." and the list kept the member.
    Now: who was deleted, by someone else, nothing saved, the typing still there, the list
    read again."""
    mid = _appoint(pg_db, "Nguyễn Văn Nhầm")
    _appoint(pg_db, "Trần Thị Còn")
    view = open_tab(pg_db).committee
    dialog = _edit(view, mid, "0988 777 666")
    seen = view.table.current_row()
    officer_b = open_database(pg_server)
    try:
        members.delete_mistaken_member(
            officer_b, mid, expected_version=seen.version, person_version=seen.person_version
        )
    finally:
        officer_b.dispose()
    assert dialog.try_save() is False
    said = _banner(dialog)
    assert said.startswith("Thành viên “Nguyễn Văn Nhầm” vừa bị người khác xóa trong lúc bạn")
    assert "chưa lưu được gì" in said and "danh sách đã được tải lại" in said
    assert "mã" not in said
    assert dialog.isVisible() and dialog.form.editor("phone").text() == "0988 777 666"
    names = [r.full_name for r in view.table.visible_rows()]
    assert names == ["Trần Thị Còn"]


def test_editing_a_row_deleted_meanwhile_says_so_and_reads_the_list(
    pg_server: str, pg_db: Any, open_tab: Any
) -> None:
    """The audit: Sửa… on the stale row said "Lỗi không mong đợi: Không tìm thấy người có mã
    87." with a traceback in errors.log (the conftest fails a test that logs one)."""
    mid = _appoint(pg_db, "Nguyễn Văn Nhầm")
    view = open_tab(pg_db).committee
    seen = next(r for r in view.table.visible_rows() if r.id == mid)
    officer_b = open_database(pg_server)
    try:
        members.delete_mistaken_member(
            officer_b, mid, expected_version=seen.version, person_version=seen.person_version
        )
    finally:
        officer_b.dispose()
    assert view.table.select_where(lambda r: r.id == mid)  # A's list is stale
    view.edit_action.trigger()
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == (
        "Thành viên “Nguyễn Văn Nhầm” vừa bị người khác xóa. Danh sách đã được tải lại."
    )
    assert view.table.visible_rows() == []
    box.accept()


# -- 8. a server that does not answer in time ------------------------------------------------
def test_a_server_connection_bounds_every_wait(pg_server: str, pg_db: Any) -> None:
    """What an office network needs, on every connection: a statement given 12 s (a lock
    10 s, so a save behind another's is said to be locked), unacknowledged packets 12 s, a
    new connection 7 s (after a pooled one's 3 s check: 10 s for a server frozen outright,
    tests/test_server_frozen.py)."""
    with pg_db.engine.connect() as conn:
        assert conn.scalar(text("SHOW statement_timeout")) == "12s"
        assert conn.scalar(text("SHOW lock_timeout")) == "10s"
        dsn = conn.connection.dbapi_connection.info.dsn
    assert "tcp_user_timeout=12000" in dsn and "connect_timeout=7" in dsn


def test_a_save_the_server_does_not_finish_in_time_is_said_and_the_typing_kept(
    pg_server: str, pg_db: Any, open_tab: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit: a stalled server froze the window as long as it stalled (30 s), then the
    save went on. Now the server cancels a statement it has not finished in time, and the
    officer is told, the typing kept. Stalled here by a row another connection holds, with
    the answer's time shortened to 1 s (the lock's 10 s still longer)."""
    mid = _appoint(pg_db, "Nguyễn Văn Chờ")
    monkeypatch.setattr(engine, "SERVER_ANSWER_S", 1.0)
    officer = open_database(pg_server)  # connects with the shortened wait
    holder = pg_db.engine.connect()
    try:
        view = open_tab(officer).committee
        dialog = _edit(view, mid, "0988 777 666")
        holder.execute(text("SELECT id FROM person FOR UPDATE"))  # held until rolled back
        started = time.monotonic()
        assert dialog.try_save() is False
        waited = time.monotonic() - started
        said = _banner(dialog)
        assert said.startswith("Máy chủ cơ sở dữ liệu 127.0.0.1:")
        assert "không trả lời kịp trong lúc lưu" in said and "Chưa lưu được gì." in said
        assert "địa chỉ" not in said
        assert 0.9 < waited < 5
        assert dialog.isVisible() and dialog.form.editor("phone").text() == "0988 777 666"
        holder.rollback()
        assert dialog.try_save() is True  # the server free again: the same Lưu saves
    finally:
        holder.rollback()
        holder.close()
        officer.dispose()
    person = members.list_committee(pg_db)[0].person_id
    assert members.get_person(pg_db, person).phone == "0988 777 666"


@pytest.mark.parametrize("saving", [True, False], ids=["save", "read"])
def test_a_connection_lost_in_the_middle_of_work_is_not_said_as_the_start(
    pg_server: str, pg_db: Any, saving: bool
) -> None:
    """The officer's connection ended by the server between two statements of one save or one
    read (a cable pulled, the server restarted: here its administrator's pg_terminate_backend).
    Before, the start's words; now that the connection was lost during the save or the read,
    what that left undone, and what to do. An unreachable server at the start keeps its own
    words (test_rules_concurrent)."""
    officer = open_database(pg_server)
    try:
        with pytest.raises(StorageError) as refused, ExitStack() as scope:
            if not saving:
                scope.enter_context(reading())
            s = scope.enter_context(officer.session())
            if saving:
                s.add(Person(full_name="Phạm Văn Đứt"))
                s.flush()
            pid = s.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with pg_db.engine.connect() as admin:
                admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
            s.execute(text("SELECT count(*) FROM person")).scalar_one()
    finally:
        officer.dispose()
    said = refused.value.message
    doing, undone = (
        ("lưu", "Chưa lưu được gì.") if saving else ("đọc dữ liệu", "Chưa đọc được dữ liệu.")
    )
    assert said.startswith(
        f"Mất kết nối tới máy chủ cơ sở dữ liệu 127.0.0.1:{make_url(pg_server).port} "
        f"trong lúc {doing} "
    ), said
    assert f"). {undone} Hãy thử lại; nếu vẫn vậy, hãy báo người quản trị máy chủ.\n" in said
    assert "Chi tiết kỹ thuật:" in said and "địa chỉ" not in said
    with pg_db.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM person")) == 0
