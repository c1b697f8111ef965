"""``bdcq reports waive|unwaive`` as a user runs them (bdcq_desktop/commands/report_waivers.py):
exit codes, one line on stderr for a refusal, the lists' JSON, and the reminder the ``export``
command writes, on the dataset of tests/report_fixtures.py dated today (in round "Tháng 01"
UBND huyện Gamma has sent nothing, 28 days overdue; Sở Bêta sent it a day late)."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests import report_fixtures as rf
from tests.cli_run import run_bdcq
from tests.pdf_text import flat_text

REASON = "Đơn vị không có nội dung phát sinh trong kỳ"


def bdcq(path: Path, *args: object) -> subprocess.CompletedProcess[str]:
    return run_bdcq([str(a) for a in args], db=path)


def _refused(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, out
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


def _jan(path: Path, rid: int) -> dict[str, dict[str, Any]]:
    rows = json.loads(bdcq(path, "reports", "list", "--round", rid, "--format", "json").stdout)
    return {r["unit"]: r for r in rows}


def test_waive_and_unwaive(db: Any, db_path: Path, tmp_path: Path) -> None:
    today = date.today()
    data = rf.build(db, today)
    rid, unit_c = data.rounds["jan"], data.units["C"]
    on = (today - timedelta(days=2)).strftime("%d/%m/%Y")
    reminder = tmp_path / "don-doc.pdf"
    assert bdcq(db_path, "export", "reminder", "--unit", unit_c, "-o", reminder).returncode == 0
    assert rf.JAN_TITLE in flat_text(reminder)

    out = bdcq(db_path, "reports", "waive", rid, "Gamma", "--reason", REASON, "--on", on)
    assert out.returncode == 0, out.stderr
    assert "Đã ghi miễn nộp" in out.stdout
    row = _jan(db_path, rid)[rf.UNIT_C]
    assert (row["status"], row["days_late"]) == ("waived", 0)
    two_days_ago = (today - timedelta(days=2)).isoformat()
    assert (row["waived_on"], row["waived_reason"]) == (two_days_ago, REASON)
    listed = json.loads(
        bdcq(db_path, "reports", "list", "--status", "waived", "--format", "json").stdout
    )
    assert [r["unit"] for r in listed] == [rf.UNIT_C]
    rounds = json.loads(bdcq(db_path, "rounds", "list", "--format", "json").stdout)
    jan = next(r for r in rounds if r["id"] == rid)
    assert (jan["missing"], jan["waived"]) == (1, 1)
    table = bdcq(db_path, "reports", "list", "--round", rid).stdout
    assert "Miễn nộp" in table
    reminder.unlink()
    assert bdcq(db_path, "export", "reminder", "--unit", unit_c, "-o", reminder).returncode == 0
    assert rf.JAN_TITLE not in flat_text(reminder)

    # Refusals: one line naming the field, nothing written.
    line = _refused(bdcq(db_path, "reports", "waive", rid, "Bêta", "--reason", REASON))
    assert "Ngày nhận" in line and rf.UNIT_B in line
    blank = bdcq(db_path, "reports", "waive", rid, "Gamma", "--reason", " ")
    assert "Lý do miễn nộp" in _refused(blank)
    future = (today + timedelta(days=1)).strftime("%d/%m/%Y")
    line = _refused(
        bdcq(db_path, "reports", "waive", rid, "Gamma", "--reason", REASON, "--on", future)
    )
    assert "Ngày miễn nộp" in line
    assert "--reason" in _refused(bdcq(db_path, "reports", "waive", rid, "Gamma"))
    assert _jan(db_path, rid)[rf.UNIT_C]["waived_on"] == two_days_ago

    out = bdcq(db_path, "reports", "unwaive", rid, "Gamma")
    assert out.returncode == 0, out.stderr
    assert "Đã bỏ miễn nộp" in out.stdout
    row = _jan(db_path, rid)[rf.UNIT_C]
    assert (row["status"], row["waived_on"], row["waived_reason"]) == ("overdue", None, "")
    assert "Ngày miễn nộp" in _refused(bdcq(db_path, "reports", "unwaive", rid, "Gamma"))
