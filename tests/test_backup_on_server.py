"""Backups of a database shared on a PostgreSQL server: the app never backs the server up by
itself (its administrator does, with pg_dump), and says so instead of promising automatic
backups; "Sao lưu dữ liệu…" and ``bdcq backup`` write the officer's own copy of the whole data
(a SQLite file, as the room's copy is); a restore is refused before a file is chosen or a
question asked, as for a SQLite file opened read-only."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bdcq_desktop.core import members as mem
from bdcq_desktop.core.db import open_database
from bdcq_desktop.ui import messages
from bdcq_desktop.ui.dialogs.backups_dialog import open_backups_dialog
from bdcq_desktop.ui.main_window import MainWindow
from tests.cli_run import run_bdcq


def _committee_of_two(db: Any) -> None:
    mem.appoint(db, mem.create_person(db, full_name="Vũ Duy Tiến"), role="head",
                start_date=date(2024, 1, 1))  # fmt: skip
    mem.appoint(db, mem.create_person(db, full_name="Đỗ Minh Châu"), role="member",
                start_date=date(2024, 2, 1))  # fmt: skip


@pytest.fixture
def window(qtbot: Any) -> Any:
    """``window(db)``: the main window over ``db``."""

    def make(db: Any) -> MainWindow:
        win = MainWindow(db)
        qtbot.addWidget(win)
        win.resize(1366, 768)
        return win

    return make


def _no_file_chooser(monkeypatch: pytest.MonkeyPatch) -> None:
    def chosen(*_a: Any, **_k: Any) -> tuple[str, str]:
        raise AssertionError("a file was asked for although the restore is refused")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", chosen)
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: pytest.fail(f"asked: {a[2]}"))


def _shown_error(win: MainWindow) -> QMessageBox:
    boxes = [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1, [b.text() for b in boxes]
    return boxes[0]


# -- PostgreSQL ------------------------------------------------------------------------------
def test_the_backup_of_a_server_is_the_officers_own_sqlite_copy(
    qtbot: Any, window: Any, pg_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit: "Sao lưu dữ liệu…" let the officer choose a file, then refused ("chỉ dành
    cho SQLite"). Now it writes the server's whole data to that file, and says what it is."""
    _committee_of_two(pg_db)
    win = window(pg_db)
    target = tmp_path / "ban-chep.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    win.backup_action.trigger()
    qtbot.waitUntil(lambda: "Đã chép" in win.statusBar().currentMessage(), timeout=60_000)
    said = win.statusBar().currentMessage()
    assert said == (
        f"Đã chép toàn bộ dữ liệu của máy chủ vào {target} (tệp SQLite, mở được bằng ứng dụng; "
        "không khôi phục ngược lên máy chủ được)."
    )
    copy = open_database(target)
    try:
        names = [r.full_name for r in mem.list_committee(copy)]
    finally:
        copy.dispose()
    assert sorted(names) == ["Vũ Duy Tiến", "Đỗ Minh Châu"]


def test_restoring_a_server_is_refused_before_a_file_is_chosen(
    window: Any, pg_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit: "Khôi phục…" let the officer pick a file, asked "Thay toàn bộ dữ liệu hiện
    tại…?", and only then refused, in the words of a backup."""
    win = window(pg_db)
    _no_file_chooser(monkeypatch)
    win.restore_action.trigger()
    box = _shown_error(win)
    assert box.text().startswith("Khôi phục trong ứng dụng chỉ dành cho cơ sở dữ liệu SQLite")
    assert "người quản trị máy chủ" in box.text() and "pg_dump" in box.text()


def test_the_backups_window_of_a_server_promises_no_automatic_backup(
    window: Any, pg_db: Any, pg_server: str
) -> None:
    """The audit: "Ứng dụng tự sao lưu khi khởi động và 30 phút một lần…", on a server whose
    data the app never backs up; "Sao lưu ngay" greyed out with no reason."""
    win = window(pg_db)
    dialog = open_backups_dialog(win)
    note = dialog.note.text()
    assert "tự sao lưu khi khởi động" not in note
    assert note.startswith("Dữ liệu đang dùng nằm trên máy chủ PostgreSQL (")
    assert "người quản trị máy chủ làm (pg_dump)" in note
    assert "Tệp › Sao lưu dữ liệu… chép toàn bộ dữ liệu ra một tệp SQLite" in note
    assert not dialog.backup_button.isEnabled() and "xem dòng ghi chú" in (
        dialog.backup_button.toolTip()
    )
    assert not dialog.restore_button.isEnabled()
    dialog.reject()


def test_the_command_line_backs_a_server_up_to_a_sqlite_file_and_refuses_its_restore(
    pg_db: Any, pg_server: str, tmp_path: Path
) -> None:
    """The audit: ``bdcq backup`` on a server was refused (exit 2), and ``bdcq restore`` in a
    backup's words. Now the backup is the SQLite copy, the restore refused in its own."""
    _committee_of_two(pg_db)
    target = tmp_path / "ban-chep.sqlite3"
    done = run_bdcq(["backup", "-o", target], db=pg_server)
    assert done.returncode == 0, done.stderr
    assert f"vào tệp SQLite / the server's data copied to a SQLite file: {target}" in done.stdout
    with sqlite3.connect(target) as con:
        assert con.execute("SELECT count(*) FROM person").fetchone() == (2,)
    refused = run_bdcq(["restore", target], db=pg_server)
    assert refused.returncode == 2
    assert "Khôi phục trong ứng dụng chỉ dành cho cơ sở dữ liệu SQLite" in refused.stderr
    assert len(mem.list_committee(pg_db)) == 2


# -- SQLite (its backup and restore as before: tests/test_backup_actions.py) ------------------
def test_a_read_only_file_is_not_restored_over_and_nothing_is_asked(
    window: Any, db: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch, immutable: Any
) -> None:
    """A file opened read-only was refused after the file and the question, as the server."""
    db.dispose()
    immutable(db_path)
    read_only = open_database(db_path)
    try:
        assert read_only.read_only
        win = window(read_only)
        _no_file_chooser(monkeypatch)
        win.restore_action.trigger()
        assert "chế độ chỉ đọc" in _shown_error(win).text()
    finally:
        read_only.dispose()
