"""``bdcq reports edit|clear``: the submission dialog's correction and the Báo cáo tab's "Hủy ghi
nhận" from the command line, through the real entry point on a copy of the demo database, the
unit named as ``reports receive`` names it; a refusal names the field, exits 2 and writes
nothing."""

from __future__ import annotations

import json
import sqlite3
from functools import partial
from pathlib import Path

from tests import cli_run
from tests.cli_run import bdcq, state

TABLES = ("submission", "reporting_round", "stored_file", "change_log")


refused = partial(cli_run.refused, tables=TABLES)


def reports(db: Path, *extra: str) -> list[dict]:
    out = bdcq(db, "reports", "list", "--format", "json", *extra)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def stored(db: Path, sid: int) -> tuple:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "select received_on, document_number, document_date, summary, evaluation, file_id "
            "from submission where id = ?",
            (sid,),
        ).fetchone()
    finally:
        con.close()


def test_correct_a_recorded_report_then_undo_it(demo: Path, tmp_path: Path) -> None:
    row = next(r for r in reports(demo) if r["status"] == "on_time" and r["document_number"])
    rid, sid = str(row["round_id"]), row["id"]
    received, _number, doc_date, summary, _evaluation, _file = stored(demo, sid)
    out = bdcq(demo, "reports", "edit", rid, str(row["unit"]), "--number", "999/BC-SỬA",
               "--evaluation", "Đầy đủ, đúng mẫu")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert f"/ submission changed: report {sid}" in out.stdout
    # The options given changed, the rest of what was recorded kept.
    assert stored(demo, sid) == (received, "999/BC-SỬA", doc_date, summary, "Đầy đủ, đúng mẫu",
                                 None)  # fmt: skip
    report = tmp_path / "bao-cao.pdf"
    report.write_bytes(b"%PDF-1.4 a report\n")
    assert bdcq(demo, "reports", "edit", rid, str(row["unit"]), "--file", str(report),
                "--document-date", "").returncode == 0  # fmt: skip
    assert stored(demo, sid)[2] is None and stored(demo, sid)[5] is not None
    assert bdcq(demo, "reports", "edit", rid, str(row["unit"]), "--remove-file").returncode == 0
    assert stored(demo, sid)[5] is None

    out = bdcq(demo, "reports", "clear", rid, str(row["unit"]))
    assert out.returncode == 0, out.stderr
    assert f"/ recording undone: report {sid}" in out.stdout
    assert stored(demo, sid) == (None, None, None, None, None, None)
    again = next(r for r in reports(demo, "--round", rid) if r["id"] == sid)
    assert again["received_date"] is None and again["status"] != "on_time"


def test_bad_report_edits_name_the_field_and_write_nothing(demo: Path) -> None:
    row = next(r for r in reports(demo) if r["status"] == "on_time")
    rid, unit = str(row["round_id"]), str(row["unit"])
    owed = next(r for r in reports(demo) if r["status"] == "overdue")
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "reports", "edit", rid, unit, "--date", "01/01/2000"),
            "Ngày nhận")  # fmt: skip
    refused(demo, before, bdcq(demo, "reports", "edit", rid, unit, "--date", "31/12/2999"),
            "Ngày nhận")  # fmt: skip
    refused(demo, before, bdcq(demo, "reports", "edit", rid, unit, "--date", "32/01/2026"),
            "--date")  # fmt: skip
    refused(demo, before, bdcq(demo, "reports", "edit", rid, unit, "--document-date",
                               "31/12/2999"), "Ngày văn bản")  # fmt: skip
    refused(demo, before, bdcq(demo, "reports", "edit", rid, unit, "--number", "x" * 101),
            "Số văn bản")  # fmt: skip
    refused(demo, before, bdcq(demo, "reports", "edit", rid, unit), "Chưa có gì để sửa")
    refused(demo, before, bdcq(demo, "reports", "edit", rid, "Không có đơn vị này", "--number",
                               "1"), "Cơ quan, đơn vị")  # fmt: skip
    refused(demo, before, bdcq(demo, "reports", "edit", rid, unit, "--file", "/no/such.pdf"),
            "such.pdf")  # fmt: skip
    refused(demo, before, bdcq(demo, "reports", "edit", rid, unit, "--file", "x.pdf",
                               "--remove-file"), "--remove-file")  # fmt: skip
    refused(demo, before, bdcq(demo, "reports", "edit", rid, unit, "--expected-version", "999",
                               "--number", "1"))  # fmt: skip
    refused(demo, before, bdcq(demo, "reports", "clear", rid, unit, "--expected-version", "999"))
    refused(demo, before, bdcq(demo, "reports", "clear", "99999999", unit), "99999999")
    # Nothing recorded, nothing to undo.
    refused(demo, before, bdcq(demo, "reports", "clear", str(owed["round_id"]), str(owed["unit"])),
            "Ngày nhận", "không có gì để hủy")  # fmt: skip


def test_the_list_gives_the_unit_id_the_commands_take_and_they_name_the_unit_back(
    demo: Path,
) -> None:
    """Audit: "Mã" of reports list is the report's id, UNIT is the unit's; "reports clear 1 2"
    read from a row undid another unit's report and said only "recording undone: 1"."""
    rows = reports(demo)
    row = next(r for r in rows if r["status"] == "on_time" and r["id"] != r["unit_id"])
    assert {"unit_id", "version", "round_version"} <= set(row)
    table = bdcq(demo, "reports", "list", "--round", str(row["round_id"])).stdout
    assert "Mã đơn vị" in table and "Mã báo cáo" in table
    help_text = bdcq(demo, "reports", "clear", "--help").stdout
    assert "Mã đơn vị" in help_text and "không phải cột “Mã”" in help_text
    rid = str(row["round_id"])
    out = bdcq(demo, "reports", "clear", rid, str(row["unit_id"]),
               "--expected-version", str(row["round_version"]))  # fmt: skip
    assert out.returncode == 0, out.stderr
    round_title = row["round"]
    assert out.stdout.startswith(
        f"Đã hủy ghi nhận báo cáo của {row['unit']} (mã đơn vị {row['unit_id']}) – đợt {rid} "
        f"“{round_title}”"
    ), out.stdout
    again = next(r for r in reports(demo, "--round", rid) if r["id"] == row["id"])
    assert again["received_date"] is None
    out = bdcq(demo, "reports", "receive", rid, str(row["unit_id"]), "--date",
               str(row["received_date"]))  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert f"Đã ghi nhận báo cáo của {row['unit']} (mã đơn vị {row['unit_id']})" in out.stdout
    owed = next(r for r in reports(demo) if r["status"] == "overdue")
    out = bdcq(demo, "reports", "waive", str(owed["round_id"]), str(owed["unit_id"]),
               "--reason", "Đơn vị mới sáp nhập")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert f"Đã ghi miễn nộp báo cáo của {owed['unit']} (mã đơn vị {owed['unit_id']})" in out.stdout
    out = bdcq(demo, "reports", "unwaive", str(owed["round_id"]), str(owed["unit_id"]))
    assert f"Đã bỏ miễn nộp báo cáo của {owed['unit']}" in out.stdout, out.stderr


def test_receive_refuses_a_stale_round_version_and_takes_the_current_one(demo: Path) -> None:
    owed = next(r for r in reports(demo) if r["status"] == "overdue")
    rid, unit = str(owed["round_id"]), str(owed["unit"])
    stale = str(owed["round_version"] + 5)
    day = owed["due_date"]  # on time: after the period began, not in the future
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "reports", "receive", rid, unit, "--date", day,
            "--expected-version", stale), "vừa được người khác sửa")  # fmt: skip
    out = bdcq(demo, "reports", "receive", rid, unit, "--date", day,
               "--expected-version", str(owed["round_version"]))  # fmt: skip
    assert out.returncode == 0, out.stderr
    row = next(r for r in reports(demo) if r["id"] == owed["id"])
    assert row["received_date"] == day and row["status"] != "overdue"
