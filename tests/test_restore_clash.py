"""A restore whose backup gave an issued number to another document (a backup of another
history: the meeting-room laptop's copy that issued its own 01/GTT) cannot keep the office's
document under that number. It is said apart from the documents kept (marked superseded), by
number, and never let go on the plain "yes": ``bdcq restore`` wants ``--drop-clashing`` as
well, the window asks again with default No. Real files, real PDFs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.backup import backup_to, restore_from
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import RestoreIssuedWarning
from bdcq_desktop.core.models import MeetingStatus
from bdcq_desktop.documents import service
from tests.cli_run import run_bdcq
from tests.conftest import DEMO_TODAY
from tests.test_meeting_docs import demo_ids, make_meeting


def _clashing_backup(demo_db: Any, tmp_path: Path) -> tuple[Path, register.IssuedRecord, str]:
    """A backup taken before the office issued its convocation, in which another convocation
    (another meeting's, another PDF) then took the same number; and the symbol of the
    document issued after the backup that the backup does not clash with."""
    backup = backup_to(demo_db, tmp_path / "laptop.sqlite3")
    other = open_database(backup)
    try:
        start = datetime(2026, 12, 10, 8, 0)
        theirs = make_meeting(other, status=MeetingStatus.PLANNED, starts_at=start, conclusions=0)
        service.issue(other, "convocation", theirs, today=DEMO_TODAY)
    finally:
        other.dispose()
    ids = demo_ids(demo_db)
    ours = service.issue(demo_db, "convocation", ids["planned"], today=DEMO_TODAY)
    kept = service.issue(demo_db, "agenda", ids["planned"], today=DEMO_TODAY)
    assert register.local_path(ours).is_file()
    return backup, ours, kept.symbol


def test_a_plain_yes_never_drops_a_number_the_backup_gave_another_document(
    demo_db: Any, tmp_path: Path
) -> None:
    backup, ours, kept = _clashing_backup(demo_db, tmp_path)
    with pytest.raises(RestoreIssuedWarning) as refused:
        restore_from(demo_db, backup, confirm_issued=True)
    assert refused.value.parameter == "drop_clashing"  # the "yes" that keeps does not answer
    said = refused.value.message
    assert f"KHÔNG giữ được 1 văn bản đã ban hành trong sổ đăng ký: {ours.symbol}" in said
    assert kept in said.split("KHÔNG")[0]  # the kept one is said as kept, not as dropped
    assert "bdcq check" not in said
    # Nothing replaced: the office's document is still the register's.
    assert register.find_issued(demo_db, "convocation", "meeting", ours.record_id) == ours

    restore_from(demo_db, backup, confirm_issued=True, drop_clashing=True)
    [entry] = [r for r in register.list_issued(demo_db) if r.symbol == ours.symbol]
    assert entry.sha256 != ours.sha256  # the backup's document holds the number now
    assert any(r.symbol == kept and r.superseded_on for r in register.list_issued(demo_db))


def test_bdcq_restore_says_which_are_kept_and_wants_drop_clashing(
    demo_db: Any, tmp_path: Path
) -> None:
    backup, ours, kept = _clashing_backup(demo_db, tmp_path)
    path = demo_db.sqlite_path
    demo_db.dispose()
    out = run_bdcq(["restore", str(backup), "--yes"], db=path)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert f"không có: {kept}" in out.stderr and "vẫn được giữ trong sổ" in out.stderr
    assert f"KHÔNG giữ được 1 văn bản đã ban hành trong sổ đăng ký: {ours.symbol}" in out.stderr
    assert "--drop-clashing" in out.stderr
    # No sentence says the documents that leave the register stay in it.
    assert "stay in the register" not in out.stderr and "bdcq check" not in out.stderr
    assert register.find_issued(demo_db, "convocation", "meeting", ours.record_id) == ours
    out = run_bdcq(["restore", str(backup), "--yes", "--drop-clashing"], db=path)
    assert out.returncode == 0, out.stderr
    assert register.find_issued(demo_db, "convocation", "meeting", ours.record_id) is None


def test_the_window_asks_again_default_no_naming_the_numbers(
    qtbot: Any, demo_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from bdcq_desktop.ui import messages
    from bdcq_desktop.ui.main_window import MainWindow

    backup, ours, kept = _clashing_backup(demo_db, tmp_path)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    asked: list[dict[str, Any]] = []

    def answer(*args: Any, **kwargs: Any) -> str:
        asked.append({"text": args[2], **kwargs})
        return kwargs["default"] if kwargs["name"] != "confirmRestore" else "yesButton"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr(messages, "ask_now", answer)
    window.restore()  # "Có" to the restore, then Enter (the default) to the second question
    assert "bdcq check" not in asked[0]["informative"]
    second = asked[1]
    assert second["name"] == "confirmDropClashing" and second["default"] == "noButton"
    assert ours.symbol in second["text"] and kept not in second["text"]
    assert register.find_issued(demo_db, "convocation", "meeting", ours.record_id) == ours
