"""``bdcq tasks edit``: the ad hoc task form's save from the command line, through the real
entry point on a copy of the demo database; the form's other fields are kept, ``""`` clears an
optional one, and a refusal names the field, exits 2 and writes nothing."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from tests import cli_run
from tests.cli_run import bdcq, state

TABLES = ("task", "change_log")


refused = partial(cli_run.refused, tables=TABLES)


def tasks(db: Path) -> list[dict]:
    out = bdcq(db, "tasks", "list", "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_edit_an_ad_hoc_task_keeps_the_other_fields(demo: Path) -> None:
    task = [t for t in tasks(demo) if t["meeting_id"] is None][-1]
    out = bdcq(demo, "tasks", "edit", str(task["id"]), "--deadline", "30/12/2027",
               "--focal-unit", "", "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert (d["deadline"], d["focal_unit_id"]) == ("2027-12-30", None)
    assert d["content"] == task["content"] and d["assigned_by_id"] is not None
    out = bdcq(demo, "tasks", "edit", str(task["id"]), "--content", "Nội dung đã sửa")
    assert out.returncode == 0, out.stderr
    assert "Đã sửa nhiệm vụ" in out.stdout and "Thời hạn: 30/12/2027" in out.stdout
    after = next(t for t in tasks(demo) if t["id"] == task["id"])
    assert (after["content"], after["deadline"]) == ("Nội dung đã sửa", "2027-12-30")


def test_bad_task_edits_name_the_field_and_write_nothing(demo: Path) -> None:
    rows = tasks(demo)
    task = str([t for t in rows if t["meeting_id"] is None][-1]["id"])
    from_meeting = str(next(t for t in rows if t["meeting_id"] is not None)["id"])
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "tasks", "edit", task, "--deadline", "30/02/2027"),
            "Thời hạn")  # fmt: skip
    refused(demo, before, bdcq(demo, "tasks", "edit", task, "--deadline", "01/01/2000"),
            "Thời hạn", "Ngày giao")  # fmt: skip
    refused(demo, before, bdcq(demo, "tasks", "edit", task, "--unit", "", "--person", ""),
            "Đơn vị chủ trì")  # fmt: skip
    refused(demo, before, bdcq(demo, "tasks", "edit", task, "--assigned-by", "999999"),
            "Người giao")  # fmt: skip
    refused(demo, before, bdcq(demo, "tasks", "edit", task, "--content", " "),
            "Nội dung nhiệm vụ")  # fmt: skip
    refused(demo, before, bdcq(demo, "tasks", "edit", from_meeting, "--content", "x"),
            "kết luận")  # fmt: skip
    refused(demo, before, bdcq(demo, "tasks", "edit", task), "Chưa có gì để sửa")
    refused(demo, before, bdcq(demo, "tasks", "edit", task, "--expected-version", "999",
                               "--content", "x"))  # fmt: skip
