"""What the tables and confirmations of ``bdcq`` print, read by an officer (audit of a whole
cycle by the CLI): "có"/"không", not True/False; attendance marks by their labels and the
person's name, not codes; the change log's times in one order (dd/mm/yyyy HH:MM) and the
organisation's fields by their labels; a log asked of a record that is not there refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import bdcq, ok

HELD, PLANNED = "12", "14"  # the demo's meeting held (minutes a draft), and one planned


@pytest.mark.parametrize(
    "command", [("units", "list"), ("members", "list"), ("regimes", "list")]
)
def test_tables_say_co_khong_not_true_false(demo: Path, command: tuple[str, ...]) -> None:
    table = ok(bdcq(demo, *command, "--all"))
    assert "True" not in table and "False" not in table
    assert " có" in table
    assert json.loads(ok(bdcq(demo, *command, "--format", "json")))[0]["active"] in (True, False)


def test_attendance_is_confirmed_with_the_name_and_the_marks_label(demo: Path) -> None:
    detail = json.loads(ok(bdcq(demo, "meetings", "show", HELD, "--format", "json")))
    invitee = detail["invitees"][2]
    said = ok(bdcq(demo, "meetings", "attend", HELD, "--invitee", str(invitee["id"]),
                   "--status", "absent", "--reason", "Đi công tác"))  # fmt: skip
    assert said.startswith(
        f"Đã điểm danh cuộc họp {HELD}: #{invitee['id']} {invitee['name']} – Vắng "
        "(lý do: Đi công tác)"
    ), said
    said = ok(bdcq(demo, "meetings", "walk-in", HELD, "--name", "Trần Văn Báo"))
    assert "Trần Văn Báo – Có mặt" in said and "present" not in said


def test_the_change_log_writes_times_one_way_and_names_the_organisations_fields(
    demo: Path,
) -> None:
    ok(bdcq(demo, "meetings", "edit", PLANNED, "--start", "08/01/2027 08:30", "--end",
            "08/01/2027 11:30"))  # fmt: skip
    log = ok(bdcq(demo, "log", "--table", "meeting", "--id", PLANNED))
    assert "08/01/2027 08:30" in log and "08:30 08/01/2027" not in log
    ok(bdcq(demo, "settings", "set", "address", "Số 3 đường Trường Thi, phường Thành Vinh"))
    log = ok(bdcq(demo, "log", "--table", "organisation", "--id", "1"))
    assert "Địa chỉ" in log and "address" not in log


def test_the_log_of_a_record_not_there_is_refused(demo: Path) -> None:
    out = bdcq(demo, "log", "--table", "meeting", "--id", "999")
    assert out.returncode == 2 and out.stdout == "", out
    assert out.stderr.strip() == (
        "bdcq: Không có bản ghi mã 999 trong bảng Cuộc họp (meeting) / no such record"
    )
