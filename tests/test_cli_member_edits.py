"""``bdcq members add|edit|end``: the Thành viên dialogs' saves from the command line, through
the real entry point on a copy of the demo database; a refusal names the field, exits 2 and
writes nothing."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from tests import cli_run
from tests.cli_run import bdcq, state

TABLES = ("person", "unit", "committee_membership", "group_membership", "change_log")


refused = partial(cli_run.refused, tables=TABLES)


def roster(db: Path, *extra: str) -> list[dict]:
    out = bdcq(db, "members", "list", "--format", "json", *extra)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def unit_id(db: Path) -> int:
    out = bdcq(db, "units", "list", "--format", "json")
    return json.loads(out.stdout)[0]["id"]


def test_add_a_new_person_to_the_committee(demo: Path) -> None:
    unit = unit_id(demo)
    out = bdcq(
        demo, "members", "add", "--name", "nguyễn văn thử", "--honorific", "Ông",
        "--position", "Phó Giám đốc", "--unit", str(unit), "--role", "Thành viên",
        "--field", "Y tế số", "--decision-number", "99/QĐ-UBND", "--start", "01/03/2026",
        "--format", "json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    added = json.loads(out.stdout)
    assert added["full_name"] == "Nguyễn Văn Thử"  # stored as documents print names
    assert (added["role"], added["field"]) == ("member", "Y tế số")
    assert added["start_date"] == "2026-03-01"
    assert added["body"] == "committee" and added["active"] is True
    assert added in [{**r, "body": "committee", "version": 1} for r in roster(demo, "--all")]


def test_add_bad_input_names_the_field_and_writes_nothing(demo: Path) -> None:
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "members", "add", "--role", "member", "--start",
                               "01/03/2026"), "Họ và tên")  # fmt: skip
    refused(demo, before, bdcq(demo, "members", "add", "--name", "Lê Văn Mới", "--role",
                               "member"), "Ngày bắt đầu")  # fmt: skip
    refused(demo, before, bdcq(demo, "members", "add", "--name", "Lê Văn Mới", "--role",
                               "chủ tịch", "--start", "01/03/2026"), "Vai trò")  # fmt: skip
    refused(demo, before, bdcq(demo, "members", "add", "--name", "Lê Văn Mới", "--role",
                               "member", "--start", "31/02/2026"), "Ngày bắt đầu")  # fmt: skip
    refused(demo, before, bdcq(demo, "members", "add", "--name", "Lê Văn Mới", "--email",
                               "không-phải-email", "--role", "member", "--start",
                               "01/03/2026"), "Thư điện tử")  # fmt: skip


def test_appoint_someone_known_to_the_group_and_the_duplicate_position_needs_yes(
    demo: Path,
) -> None:
    head = roster(demo)[0]  # the Head: someone on record, not in the working group
    group = {r["person_id"] for r in roster(demo, "--body", "group")}
    assert head["person_id"] not in group
    out = bdcq(demo, "members", "add", "--body", "group", "--person", str(head["person_id"]),
               "--role", "member", "--start", "01/03/2026", "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    added = json.loads(out.stdout)
    assert (added["person_id"], added["body"]) == (head["person_id"], "group")
    assert added["id"] in {r["id"] for r in roster(demo, "--body", "group")}

    # A second holder of the Head's position in the Head's unit: the window asks, the
    # command line refuses unless --yes.
    unit = next(
        u["id"]
        for u in json.loads(bdcq(demo, "units", "list", "--format", "json").stdout)
        if u["name"] == head["unit"]
    )
    args = ("members", "add", "--name", "Phan Văn Trùng", "--position", head["position"],
            "--unit", str(unit), "--role", "member", "--start", "01/03/2026")  # fmt: skip
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, *args), "--yes")
    out = bdcq(demo, *args, "--yes")
    assert out.returncode == 0, out.stderr
    assert "Phan Văn Trùng" in out.stdout and "Đã thêm thành viên" in out.stdout


def test_edit_a_member_and_refusals(demo: Path) -> None:
    member = roster(demo)[-1]
    out = bdcq(demo, "members", "edit", str(member["id"]), "--phone", "0912 345 678",
               "--area", "Vinh", "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    edited = json.loads(out.stdout)
    assert (edited["phone"], edited["area"]) == ("0912 345 678", "Vinh")
    assert edited["full_name"] == member["full_name"]
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "members", "edit", str(member["id"]), "--email", "x@"),
            "Thư điện tử")  # fmt: skip
    refused(demo, before, bdcq(demo, "members", "edit", str(member["id"]), "--end",
                               "01/04/2026"), "thôi làm thành viên")  # fmt: skip
    refused(demo, before, bdcq(demo, "members", "edit", str(member["id"]),
                               "--expected-version", "99", "--phone", "1"))  # fmt: skip
    refused(demo, before, bdcq(demo, "members", "edit", "99999", "--phone", "0912 345 678"),
            "99999")  # fmt: skip


def test_end_a_membership_keeps_it_in_history(demo: Path) -> None:
    member = roster(demo)[-1]
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "members", "end", str(member["id"]), "--on",
                               "31/03/2026"), "Số quyết định thôi")  # fmt: skip
    bad_day = bdcq(demo, "members", "end", str(member["id"]), "--on", "hôm qua",
                   "--decision-number", "1/QĐ")  # fmt: skip
    refused(demo, before, bad_day, "Là thành viên đến hết ngày")
    out = bdcq(demo, "members", "end", str(member["id"]), "--on", "31/03/2026",
               "--decision-number", "12/QĐ-UBND", "--decision-date", "30/03/2026")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Đã kết thúc nhiệm kỳ" in out.stdout
    ended = next(r for r in roster(demo, "--all") if r["id"] == member["id"])
    assert (ended["end_date"], ended["active"]) == ("2026-03-31", False)
    after = state(demo, TABLES)
    refused(demo, after, bdcq(demo, "members", "end", str(member["id"]), "--on", "31/03/2026",
                              "--decision-number", "12/QĐ-UBND"), "đã kết thúc")  # fmt: skip
