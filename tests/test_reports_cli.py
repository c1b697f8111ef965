"""``bdcq reports``, ``rounds`` and ``regimes`` as a user runs them: real subprocesses on a real
SQLite file, exit codes, one line on stderr, JSON keys."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import regimes, rounds, units
from tests.cli_run import run_bdcq


def bdcq(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return run_bdcq(args, db=db)


@pytest.fixture
def round_db(db: Any, db_path: Path) -> dict[str, Any]:
    """Three units, a quarterly regime, and an ad hoc round opened ten days ago, due in ten."""
    today = date.today()
    ids = [units.create_unit(db, name=n) for n in ("Sở Y tế", "Sở Tài chính", "Sở Nội vụ")]
    regime = regimes.create_regime(db, name="Báo cáo quý", frequency="quarterly", unit_ids=ids)
    rid = rounds.open_ad_hoc_round(
        db,
        title="Báo cáo kết quả thực hiện Thông báo 14",
        due_date=today + timedelta(days=10),
        unit_ids=ids,
        request_reference="TB số 14/TB-BCĐ",
        opened_on=today - timedelta(days=10),
    )
    return {"path": db_path, "round": rid, "regime": regime, "today": today, "db": db, "units": ids}


def _one_line(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, out
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


def test_receive_and_list(round_db: dict[str, Any], tmp_path: Path) -> None:
    path, rid, today = round_db["path"], str(round_db["round"]), round_db["today"]
    day = (today - timedelta(days=1)).strftime("%d/%m/%Y")
    report = tmp_path / "bao-cao.pdf"
    report.write_bytes(b"%PDF-1.4 the report")
    out = bdcq(
        "reports",
        "receive",
        rid,
        "so y te",
        "--date",
        day,
        "--number",
        "12/BC-SYT",
        "--file",
        str(report),
        db=path,
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(bdcq("reports", "list", "--round", rid, "--format", "json", db=path).stdout)
    assert len(rows) == 3
    for row in rows:
        assert list(row)[:8] == [
            "id",
            "unit",
            "round",
            "round_id",
            "due_date",
            "received_date",
            "status",
            "days_late",
        ]
    got = next(r for r in rows if r["unit"] == "Sở Y tế")
    assert got["status"] == "on_time" and got["days_late"] == 0
    assert got["received_date"] == (today - timedelta(days=1)).isoformat()
    assert (
        got["round_id"] == int(rid) and got["due_date"] == (today + timedelta(days=10)).isoformat()
    )
    waiting = json.loads(
        bdcq("reports", "list", "--status", "not_due", "--format", "json", db=path).stdout
    )
    assert sorted(r["unit"] for r in waiting) == ["Sở Nội vụ", "Sở Tài chính"]
    # As of a day after the due date the two not received are overdue, by one day.
    later = (today + timedelta(days=11)).isoformat()
    overdue = json.loads(
        bdcq(
            "reports", "list", "--status", "overdue", "--today", later, "--format", "json", db=path
        ).stdout
    )
    assert [r["days_late"] for r in overdue] == [1, 1]
    by_unit = json.loads(
        bdcq("reports", "list", "--unit", "noi vu", "--format", "json", db=path).stdout
    )
    assert [r["unit"] for r in by_unit] == ["Sở Nội vụ"]
    table = bdcq("reports", "list", db=path)
    assert table.returncode == 0 and "Đúng hạn" in table.stdout


def test_receive_refusals_exit_2(round_db: dict[str, Any]) -> None:
    path, rid, today = round_db["path"], str(round_db["round"]), round_db["today"]
    day = today.strftime("%d/%m/%Y")
    assert "Không có đơn vị" in _one_line(
        bdcq("reports", "receive", rid, "Sở Xây dựng", "--date", day, db=path)
    )
    before = (today - timedelta(days=11)).strftime("%d/%m/%Y")
    assert "ngày mở đợt" in _one_line(
        bdcq("reports", "receive", rid, "Sở Y tế", "--date", before, db=path)
    )
    assert bdcq("reports", "receive", rid, "Sở Y tế", "--date", day, db=path).returncode == 0
    assert "đã được ghi nhận" in _one_line(
        bdcq("reports", "receive", rid, "Sở Y tế", "--date", day, db=path)
    )
    assert "đợt báo cáo" in _one_line(
        bdcq("reports", "receive", "999", "Sở Y tế", "--date", day, db=path)
    )
    assert "lỗi cú pháp" in _one_line(
        bdcq("reports", "receive", rid, "Sở Nội vụ", "--date", "31/02/2026", db=path)
    )
    assert "overdue" in _one_line(bdcq("reports", "list", "--status", "soon", db=path))


def test_oversize_file_is_refused_and_nothing_recorded(
    round_db: dict[str, Any], tmp_path: Path
) -> None:
    path, rid = round_db["path"], str(round_db["round"])
    big = tmp_path / "big.pdf"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    day = round_db["today"].strftime("%d/%m/%Y")
    line = _one_line(
        bdcq("reports", "receive", rid, "Sở Y tế", "--date", day, "--file", str(big), db=path)
    )
    assert "50 MB" in line
    rows = json.loads(bdcq("reports", "list", "--format", "json", db=path).stdout)
    assert all(r["received_date"] is None for r in rows)


def test_rounds_and_regimes(round_db: dict[str, Any]) -> None:
    path = round_db["path"]
    regime = str(round_db["regime"])
    out = bdcq("rounds", "open", "--regime", regime, "--year", "2027", "--period", "1", db=path)
    assert out.returncode == 0, out.stderr
    assert "20/03/2027" in out.stdout
    again = bdcq("rounds", "open", "--regime", regime, "--year", "2027", "--period", "1", db=path)
    assert "đã được mở" in _one_line(again)
    found = json.loads(bdcq("rounds", "list", "--format", "json", db=path).stdout)
    assert len(found) == 2
    quarter = next(r for r in found if r["period_label"] == "Quý I/2027")
    assert quarter["units"] == 3 and quarter["not_due"] + quarter["missing"] == 3
    for key in ("id", "title", "due_date", "on_time", "late", "missing", "not_due", "opened_on"):
        assert key in quarter
    listed = json.loads(bdcq("regimes", "list", "--format", "json", db=path).stdout)
    assert listed[0]["frequency"] == "quarterly" and listed[0]["units"] == 3
    assert listed[0]["deadline_rule"] == "ngày 20 tháng cuối kỳ"
    request = bdcq(
        "rounds",
        "request",
        "--title",
        "Báo cáo nhanh",
        "--due",
        "31/12/2099",
        "--unit",
        "1",
        "--reference",
        "Công văn số 5/BCĐ",
        db=path,
    )
    assert request.returncode == 0, request.stderr
    assert "Đơn vị báo cáo" in _one_line(
        bdcq("rounds", "request", "--title", "X", "--due", "31/12/2099", "--unit", "99", db=path)
    )


def test_a_report_sent_before_the_round_was_opened_is_received(
    round_db: dict[str, Any],
) -> None:
    """The audit's case: the round of a regime opened today, a unit's report came yesterday
    (last year's yearly report, so yesterday is in its period whatever the day)."""
    path, today = round_db["path"], round_db["today"]
    regime = regimes.create_regime(
        round_db["db"], name="Báo cáo năm", frequency="yearly", unit_ids=round_db["units"]
    )
    out = bdcq(
        "rounds", "open", "--regime", str(regime), "--year", str(today.year - 1), db=path
    )
    assert out.returncode == 0, out.stderr
    rid = out.stdout.split(":")[1].split()[0]
    yesterday = (today - timedelta(days=1)).strftime("%d/%m/%Y")
    got = bdcq("reports", "receive", rid, "Sở Tài chính", "--date", yesterday, db=path)
    assert got.returncode == 0, got.stderr
    before = f"31/12/{today.year - 2}"  # the day before the period began
    assert "ngày bắt đầu kỳ báo cáo" in _one_line(
        bdcq("reports", "receive", rid, "Sở Y tế", "--date", before, db=path)
    )


def test_rounds_edit_and_delete(round_db: dict[str, Any]) -> None:
    path, rid, today = round_db["path"], str(round_db["round"]), round_db["today"]
    helped = bdcq("rounds", "--help", db=path)
    assert "edit" in helped.stdout and "delete" in helped.stdout
    day = today.strftime("%d/%m/%Y")
    assert bdcq("reports", "receive", rid, "Sở Y tế", "--date", day, db=path).returncode == 0
    # An earlier deadline that makes the report late asks for --yes; nothing changed before.
    earlier = (today - timedelta(days=1)).strftime("%d/%m/%Y")
    assert "--yes" in _one_line(bdcq("rounds", "edit", rid, "--due", earlier, db=path))
    later = (today + timedelta(days=20)).strftime("%d/%m/%Y")
    out = bdcq("rounds", "edit", rid, "--due", later, "--title", "Báo cáo gia hạn", db=path)
    assert out.returncode == 0, out.stderr
    found = json.loads(bdcq("rounds", "list", "--format", "json", db=path).stdout)
    row = next(r for r in found if str(r["id"]) == rid)
    due = (today + timedelta(days=20)).isoformat()
    assert (row["title"], row["due_date"]) == ("Báo cáo gia hạn", due)
    stale = bdcq("rounds", "edit", rid, "--title", "X", "--expected-version", "1", db=path)
    assert stale.returncode != 0 and "người khác sửa" in stale.stderr
    assert "Chưa có gì để sửa" in _one_line(bdcq("rounds", "edit", rid, db=path))
    assert "Ngày chốt số liệu" in _one_line(bdcq("rounds", "edit", rid, "--cutoff", day, db=path))
    # A recorded report keeps the round; once it is undone, the round can go.
    assert "Sở Y tế" in _one_line(bdcq("rounds", "delete", rid, db=path))
    new = bdcq("rounds", "request", "--title", "Mở nhầm", "--due", later, "--unit", "1", db=path)
    assert new.returncode == 0, new.stderr
    wrong = new.stdout.split(":")[1].strip()
    gone = bdcq("rounds", "delete", wrong, db=path)
    assert gone.returncode == 0, gone.stderr
    found = json.loads(bdcq("rounds", "list", "--format", "json", db=path).stdout)
    assert [str(r["id"]) for r in found] == [rid]


def test_rounds_edit_clears_an_optional_date(round_db: dict[str, Any]) -> None:
    """A request date typed by mistake can be taken off again: ``--requested ""`` (the date
    parser refused the empty value); the opening date, once recorded, cannot be emptied."""
    path, rid, today = round_db["path"], str(round_db["round"]), round_db["today"]
    asked = (today - timedelta(days=12)).strftime("%d/%m/%Y")
    out = bdcq("rounds", "edit", rid, "--requested", asked, db=path)
    assert out.returncode == 0, out.stderr
    assert rounds.get_round(round_db["db"], int(rid)).requested_on == today - timedelta(days=12)
    out = bdcq("rounds", "edit", rid, "--requested", "", db=path)
    assert out.returncode == 0, out.stderr
    assert rounds.get_round(round_db["db"], int(rid)).requested_on is None
    refused = _one_line(bdcq("rounds", "edit", rid, "--opened", "", db=path))
    assert "Ngày mở đợt" in refused, refused
    assert rounds.get_round(round_db["db"], int(rid)).opened_on == today - timedelta(days=10)


def test_rounds_edit_adds_and_removes_units(round_db: dict[str, Any]) -> None:
    """``--add-unit`` and ``--remove-unit`` (repeatable, ids as ``rounds open --unit``): one
    save, in the round's log by name; a unit whose report is recorded stays, refused on one
    line naming the field and the unit; a retired unit is not added."""
    path, rid, db = round_db["path"], str(round_db["round"]), round_db["db"]
    today = round_db["today"]
    health, finance, home = round_db["units"]
    built = units.create_unit(db, name="Sở Xây dựng")
    gone = units.create_unit(db, name="Sở Bưu chính")
    units.retire_unit(db, gone, on=today - timedelta(days=30))
    version = rounds.get_round(db, int(rid)).version
    out = bdcq("rounds", "edit", rid, "--add-unit", str(built), "--remove-unit", str(home), db=path)
    assert out.returncode == 0, out.stderr
    assert "3 đơn vị" in out.stdout
    after = rounds.get_round(db, int(rid))
    assert [u.name for u in after.units] == ["Sở Y tế", "Sở Tài chính", "Sở Xây dựng"]
    assert after.version == version + 1
    logged = bdcq("log", "--table", "reporting_round", "--id", rid, db=path).stdout
    assert "Thêm đơn vị báo cáo" in logged and "Sở Xây dựng" in logged
    assert "Bỏ đơn vị báo cáo" in logged and "Sở Nội vụ" in logged
    day = today.strftime("%d/%m/%Y")
    assert bdcq("reports", "receive", rid, "Sở Y tế", "--date", day, db=path).returncode == 0
    refused = _one_line(bdcq("rounds", "edit", rid, "--remove-unit", str(health), db=path))
    assert "Đơn vị báo cáo" in refused and "Sở Y tế" in refused, refused
    refused = _one_line(bdcq("rounds", "edit", rid, "--add-unit", str(gone), db=path))
    assert "Sở Bưu chính" in refused and "ngừng hoạt động" in refused, refused
    refused = _one_line(bdcq("rounds", "edit", rid, "--remove-unit", str(home), db=path))
    assert f"mã {home}" in refused and "không có trong đợt" in refused, refused
    stale = bdcq(
        "rounds", "edit", rid, "--remove-unit", str(finance), "--expected-version", str(version),
        db=path,
    )  # fmt: skip
    assert stale.returncode != 0 and "người khác sửa" in stale.stderr
    assert [u.name for u in rounds.get_round(db, int(rid)).units] == [
        "Sở Y tế",
        "Sở Tài chính",
        "Sở Xây dựng",
    ]
