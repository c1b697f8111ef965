"""A restore keeps the record straight: a number issued after the backup is never given again
(its entry carried into the restored register, marked superseded), the restore says so first,
and ``bdcq check`` names issued files the register does not know. Real files, real PDFs."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.backup import backup_to, restore_from
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.errors import RestoreIssuedWarning
from bdcq_desktop.core.models import MeetingStatus
from bdcq_desktop.documents import service
from tests.cli_run import run_bdcq
from tests.conftest import DEMO_TODAY
from tests.pdf_text import flat_text
from tests.test_meeting_docs import demo_ids, make_meeting


def _issue(db: Any, meeting: int) -> register.IssuedRecord:
    return service.issue(db, "convocation", meeting, today=DEMO_TODAY)


def _issued_file_problems(db: Any) -> list[str]:
    return [p.message for p in run_checks(db, DEMO_TODAY) if p.code.startswith("issued_file")]


def test_a_number_issued_after_the_backup_is_never_given_again(
    demo_db: Any, tmp_path: Path
) -> None:
    meeting = demo_ids(demo_db)["planned"]
    backup = backup_to(demo_db, tmp_path / "b1.sqlite3")
    first = _issue(demo_db, meeting)
    file = register.local_path(first)
    assert file.is_file()

    # Asked first, naming the document; nothing replaced.
    with pytest.raises(RestoreIssuedWarning, match=first.symbol):
        restore_from(demo_db, backup)
    assert register.find_issued(demo_db, "convocation", "meeting", meeting) == first

    restore_from(demo_db, backup, confirm_issued=True)
    kept = [r for r in register.list_issued(demo_db) if r.symbol == first.symbol]
    assert len(kept) == 1
    entry = kept[0]
    # The same document, number, file and fingerprint; no longer in force for the meeting,
    # whose record went back to the backup's state.
    assert (entry.number, entry.sha256, entry.file_path) == (first.number, first.sha256,
                                                              first.file_path)  # fmt: skip
    assert (entry.record_type, entry.record_id) == ("meeting", meeting)
    assert entry.superseded_on is not None
    assert register.find_issued(demo_db, "convocation", "meeting", meeting) is None
    stored = register.stored_copy(entry, demo_db)
    assert hashlib.sha256(stored).hexdigest() == first.sha256 == hashlib.sha256(
        file.read_bytes()
    ).hexdigest()

    second = _issue(demo_db, meeting)
    assert second.number == first.number + 1 and second.symbol != first.symbol
    text = flat_text(register.stored_copy(second, demo_db))
    assert f"thay thế Giấy triệu tập số {first.symbol}" in text
    assert _issued_file_problems(demo_db) == []


def test_a_document_of_a_record_the_backup_lacks_joins_no_later_record(
    demo_db: Any, tmp_path: Path
) -> None:
    """A meeting made after the backup is gone once restored, and the next meeting made takes
    its id: the carried convocation must not become that meeting's."""
    backup = backup_to(demo_db, tmp_path / "b1.sqlite3")
    start = datetime(2026, 12, 10, 8, 0)
    lost = make_meeting(demo_db, status=MeetingStatus.PLANNED, starts_at=start, conclusions=0)
    doc = _issue(demo_db, lost)
    restore_from(demo_db, backup, confirm_issued=True)
    again = make_meeting(demo_db, status=MeetingStatus.PLANNED, starts_at=start, conclusions=0)
    assert again == lost  # SQLite gives the id again
    assert register.find_issued(demo_db, "convocation", "meeting", again) is None
    carried = next(r for r in register.list_issued(demo_db) if r.symbol == doc.symbol)
    assert (carried.record_type, carried.record_id) == (register.NO_RECORD, 0)
    assert carried.sha256 == doc.sha256 and carried.superseded_on is not None
    assert _issue(demo_db, again).number == doc.number + 1


def test_bdcq_restore_wants_yes_when_documents_were_issued_since(
    demo_db: Any, tmp_path: Path
) -> None:
    meeting = demo_ids(demo_db)["planned"]
    backup = backup_to(demo_db, tmp_path / "b1.sqlite3")
    first = _issue(demo_db, meeting)
    path = demo_db.sqlite_path
    demo_db.dispose()
    out = run_bdcq(["restore", str(backup)], db=path)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert f"1 văn bản mà bản sao lưu không có: {first.symbol}" in out.stderr
    assert "--yes" in out.stderr
    assert register.find_issued(demo_db, "convocation", "meeting", meeting) == first
    out = run_bdcq(["restore", str(backup), "--yes"], db=path)
    assert out.returncode == 0, out.stderr
    assert [r.symbol for r in register.list_issued(demo_db)] == [first.symbol]


def test_check_names_an_issued_file_the_register_does_not_know(demo_db: Any) -> None:
    """What a restore of an older backup left before restores carried the register: the PDF
    of 01/GTT-BCĐ in the documents folder, its entry gone."""
    first = _issue(demo_db, demo_ids(demo_db)["planned"])
    file = register.local_path(first)
    # An altered file set aside beside it is the register's own business, never an orphan.
    file.with_name(f"{file.stem}.altered-20261120-080000.pdf").write_bytes(b"%PDF scan")
    assert _issued_file_problems(demo_db) == []
    path = demo_db.sqlite_path
    demo_db.dispose()
    con = sqlite3.connect(path)
    con.execute("DELETE FROM issued_document WHERE id = ?", (first.id,))
    con.commit()
    con.close()
    problems = [p for p in run_checks(demo_db, DEMO_TODAY) if p.code == "issued_file_orphan"]
    assert len(problems) == 1
    assert str(file) in problems[0].message and "01/GTT" in problems[0].message
    assert "không có trong sổ đăng ký văn bản" in problems[0].message


def test_the_window_says_which_documents_before_it_restores(
    qtbot: Any, demo_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from bdcq_desktop.ui import messages
    from bdcq_desktop.ui.main_window import MainWindow

    meeting = demo_ids(demo_db)["planned"]
    backup = backup_to(demo_db, tmp_path / "b1.sqlite3")
    first = _issue(demo_db, meeting)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    asked: list[dict[str, Any]] = []

    def answer(*args: Any, **kwargs: Any) -> str:
        asked.append({"text": args[2], **kwargs})
        return "noButton" if len(asked) == 1 else "yesButton"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr(messages, "ask_now", answer)
    window.restore()  # "Không": nothing happens
    note = asked[0]["informative"]
    assert f"đã ban hành 1 văn bản mà bản sao lưu không có: {first.symbol}" in note
    assert "vẫn được giữ trong sổ đăng ký văn bản" in note and "số mới" in note
    assert register.find_issued(demo_db, "convocation", "meeting", meeting) == first
    window.restore()  # "Có"
    qtbot.waitUntil(lambda: "Đã khôi phục" in window.statusBar().currentMessage(), timeout=30_000)
    [entry] = register.list_issued(demo_db)
    assert entry.symbol == first.symbol and entry.superseded_on is not None


def test_the_backups_window_says_it_too(qtbot: Any, demo_db: Any) -> None:
    """Tệp › Sao lưu… › Khôi phục: the real question box carries the same note."""
    from PySide6.QtWidgets import QPushButton

    from bdcq_desktop.core.backup import backup_before
    from bdcq_desktop.core.backups import list_backups
    from bdcq_desktop.ui.dialogs.backups_dialog import BackupsDialog
    from tests.test_ui_backups import answer_box

    backup = backup_before(demo_db, "manual")
    first = _issue(demo_db, demo_ids(demo_db)["planned"])
    dialog = BackupsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.table.selectRow([b.path for b in list_backups()].index(backup))
    seen: dict[str, Any] = {}
    answer_box("confirmRestore", lambda box: box.findChild(QPushButton, "noButton").click(), seen)
    dialog.restore_button.click()
    assert "Trạng thái hiện tại sẽ được sao lưu trước" in seen["text"]
    assert f"bản sao lưu không có: {first.symbol}" in seen["info"]
    assert register.find_issued(demo_db, "convocation", "meeting", first.record_id) == first
