"""``bdcq people add|edit|delete`` and ``members delete-mistaken``: the directory's person dialog
and the two Xóa of the people pages from the command line, through the real entry point on a
copy of the demo database; a refusal names the field, exits 2 and writes nothing."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from tests import cli_run
from tests.cli_run import bdcq, state
from tests.cli_run import ok_json as ok
from tests.test_cli_member_edits import TABLES

refused = partial(cli_run.refused, tables=TABLES)


def test_add_edit_and_delete_a_person(demo: Path) -> None:
    p = ok(bdcq(demo, "people", "add", "--name", "trần văn khoa", "--position", "Giảng viên",
                "--email", "khoa@vinhuni.edu.vn", "--format", "json"))  # fmt: skip
    assert (p["full_name"], p["kind"], p["email"]) == ("Trần Văn Khoa", "expert",
                                                       "khoa@vinhuni.edu.vn")  # fmt: skip
    out = bdcq(demo, "people", "edit", str(p["id"]), "--phone", "0912 345 678", "--kind",
               "scientist", "--email", "")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Đã sửa thông tin" in out.stdout and "Nhà khoa học" in out.stdout
    out = bdcq(demo, "people", "delete", str(p["id"]))
    assert out.returncode == 0, out.stderr
    assert "Đã xóa người" in out.stdout
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "people", "delete", str(p["id"])), str(p["id"]))


def test_bad_people_name_the_field_and_write_nothing(demo: Path) -> None:
    member = json.loads(bdcq(demo, "members", "list", "--format", "json").stdout)[0]
    pid = str(member["person_id"])
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "people", "add", "--name", " "), "Họ và tên")
    refused(demo, before, bdcq(demo, "people", "add", "--name", "A", "--email", "x@"),
            "Thư điện tử")  # fmt: skip
    refused(demo, before, bdcq(demo, "people", "add", "--name", "A", "--kind", "bogus"), "Loại")
    refused(demo, before, bdcq(demo, "people", "edit", pid, "--phone", "abc"), "Điện thoại")
    refused(demo, before, bdcq(demo, "people", "edit", pid, "--unit", "999999"),
            "Cơ quan, đơn vị")  # fmt: skip
    refused(demo, before, bdcq(demo, "people", "edit", pid), "Chưa có gì để sửa")
    refused(demo, before, bdcq(demo, "people", "edit", pid, "--expected-version", "999",
                               "--notes", "x"))  # fmt: skip
    refused(demo, before, bdcq(demo, "people", "delete", pid), "lịch sử")


def test_delete_a_member_entered_by_mistake(demo: Path) -> None:
    unit = json.loads(bdcq(demo, "units", "list", "--format", "json").stdout)[0]["id"]
    added = ok(bdcq(demo, "members", "add", "--name", "Lê Văn Nhầm", "--role", "member",
                    "--start", "01/06/2026", "--position", "Phó Giám đốc", "--unit", str(unit),
                    "--yes", "--format", "json"))  # fmt: skip
    out = bdcq(demo, "members", "delete-mistaken", str(added["id"]))
    assert out.returncode == 0, out.stderr
    deleted = "Đã xóa người nhập nhầm / member entered by mistake deleted"
    assert f"{deleted}: ID người {added['person_id']}" in out.stdout
    roster = json.loads(bdcq(demo, "members", "list", "--all", "--format", "json").stdout)
    assert added["id"] not in {r["id"] for r in roster}

    with_history = roster[0]["id"]
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "members", "delete-mistaken", str(with_history)))
    refused(demo, before, bdcq(demo, "members", "delete-mistaken", "999999"), "999999")


def test_people_list_gives_the_directory_views_rows_and_ids(demo: Path) -> None:
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.members import list_experts

    db = open_database(demo)
    try:
        shown = [(r.id, r.full_name, r.kind) for r in list_experts(db)]
    finally:
        db.dispose()
    rows = ok(bdcq(demo, "people", "list", "--format", "json"))
    assert [(r["id"], r["full_name"], r["kind"]) for r in rows] == shown and shown
    members = {r["person_id"] for r in ok(bdcq(demo, "members", "list", "--all", "--format",
                                                 "json"))}  # fmt: skip
    assert not members & {r["id"] for r in rows}  # the committee is listed by members list
    added = ok(bdcq(demo, "people", "add", "--name", "Võ Thị Khách", "--kind", "guest",
                    "--format", "json"))  # fmt: skip
    found = ok(bdcq(demo, "people", "list", "--search", "vo thi khach", "--format", "json"))
    assert [(r["id"], r["kind"], r["has_history"]) for r in found] == [(added["id"], "guest",
                                                                        False)]  # fmt: skip
    out = bdcq(demo, "people", "list", "--format", "csv", "--search", "Võ Thị Khách")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("ID người,Họ và tên,")
    assert f"{added['id']},Võ Thị Khách," in out.stdout
    table = bdcq(demo, "people", "list").stdout
    assert "Võ Thị Khách" in table and "Khách mời" in table
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "people", "list", "--format", "xml"), "--format")
