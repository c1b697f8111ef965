"""A SQLite database file damaged on disk while the application has it open (a bad sector, a
sync tool or another program writing over it). Its start refuses a damaged file (db.py); in
use, SQLite's "database disk image is malformed" or "file is not a database" reached the
officer as English or a traceback ("Lỗi không mong đợi"). Now a save and a read say the data
file is damaged, that nothing was saved or read, and to restore from a backup.

A real file, damaged by writing over it; the Database's kept connections are closed, as
SQLite's cache would otherwise hide the damage from them (a connection the pool opens later
meets it, as here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bdcq_desktop.core import members
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.read_scope import reading
from bdcq_desktop.core.storage_errors import DatabaseDamagedInUse
from bdcq_desktop.ui.tabs.members_tab import MembersTab

PAGE = 4096


def _appoint(db: Any, name: str) -> int:
    return members.appoint_new(
        db,
        person={"full_name": name, "position": "Chuyên viên"},
        appointment={"role": "member", "start_date": "2026-01-05"},
    )


def _damage(db: Any, path: Path, kind: str) -> None:
    """Write over ``path``, open as ``db``: the person table's first page (SQLite then says
    "database disk image is malformed") or the file's header ("file is not a database")."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == PAGE
        root = conn.execute(
            text("SELECT rootpage FROM sqlite_master WHERE name = 'person'")
        ).scalar_one()
    with open(path, "r+b") as f:
        if kind == "page":
            f.seek((root - 1) * PAGE)
            f.write(b"\xff" * PAGE)
        else:
            f.write(b"\0" * 100)
    db.engine.pool.dispose()  # the Database stays open; its next connection reads the file


@pytest.mark.parametrize(
    ("kind", "label"),
    [("page", "cấu trúc tệp bị hỏng"), ("header", "không phải tệp cơ sở dữ liệu SQLite")],
)
def test_a_file_damaged_while_open_is_said_on_a_save_and_a_read(
    tmp_path: Path, kind: str, label: str
) -> None:
    path = tmp_path / "bcd.sqlite3"
    db = open_database(path)
    try:
        _appoint(db, "Nguyễn Văn Hỏng")
        _damage(db, path, kind)
        with pytest.raises(DatabaseDamagedInUse) as saved:
            _appoint(db, "Trần Thị Mới")
        with pytest.raises(DatabaseDamagedInUse) as read, reading():
            members.list_committee(db)
    finally:
        db.dispose()
    for said, undone in ((saved, "chưa lưu được gì"), (read, "chưa đọc được dữ liệu")):
        message = said.value.message
        assert message.startswith(f"Tệp dữ liệu {path} bị hỏng ({label}): {undone}."), message
        assert "Tệp › Khôi phục từ bản sao lưu…" in message and "bdcq restore" in message
        assert "malformed" not in message and "not a database" not in message  # no English
    assert "chưa lưu được gì" not in read.value.message


def test_the_save_of_a_dialog_on_a_damaged_file_is_refused_with_the_typing_kept(
    tmp_path: Path, qtbot: Any
) -> None:
    path = tmp_path / "bcd.sqlite3"
    db = open_database(path)
    try:
        mid = _appoint(db, "Lê Văn Sửa")
        tab = MembersTab(db)
        qtbot.addWidget(tab)
        tab.show()
        tab.reload()
        view = tab.committee
        assert view.table.select_where(lambda r: r.id == mid)
        view.edit_action.trigger()
        dialog = view.last_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.form.editor("phone").setText("0988 111 222")
        _damage(db, path, "page")
        assert dialog.try_save() is False
        said = dialog.banner_label.text()
        assert dialog.banner.isVisible()
        assert said.startswith(f"Tệp dữ liệu {path} bị hỏng (cấu trúc tệp bị hỏng)"), said
        assert "chưa lưu được gì" in said and "Lỗi không mong đợi" not in said
        assert dialog.isVisible() and dialog.form.editor("phone").text() == "0988 111 222"
        tab.close()
    finally:
        db.dispose()
