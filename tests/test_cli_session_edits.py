"""``bdcq sessions add|edit|participant-add|participant-remove|attend``: the Tổ công tác dialogs'
saves from the command line, through the real entry point; a refusal names the field, exits 2
and writes nothing; the window's questions become ``--yes``."""

from __future__ import annotations

import json
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from tests import cli_run
from tests.cli_run import bdcq, state
from tests.test_issued_convocation_changes import FIRST, LAST, convened  # noqa: F401

TABLES = (
    "working_session",
    "session_participant",
    "session_attendance_day",
    "person",
    "unit",
    "issued_document",
    "change_log",
)


refused = partial(cli_run.refused, tables=TABLES)


def group(db: Path) -> list[dict]:
    out = bdcq(db, "members", "list", "--body", "group", "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


NEW = ("sessions", "add", "--purpose", "proposal", "--title", "Rà soát dự thảo Đề án dữ liệu",
       "--start", "13/04/2026", "--end", "15/04/2026")  # fmt: skip


def test_add_and_edit_a_session(demo: Path) -> None:
    out = bdcq(demo, *NEW, "--format", "json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    leader = next(r for r in group(demo) if r["role"] == "leader")
    assert (d["purpose"], d["starts_on"], d["ends_on"]) == ("proposal", "2026-04-13", "2026-04-15")
    assert d["convened_by"] == leader["full_name"]  # left out: the group's leader convenes
    assert d["place"]  # left out: the standing agency's office
    out = bdcq(demo, "sessions", "edit", str(d["id"]), "--place", "Phòng họp số 2",
               "--end", "16/04/2026", "--notes", "Mang theo dự thảo")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Đã sửa phiên làm việc" in out.stdout and "Phòng họp số 2" in out.stdout
    shown = json.loads(bdcq(demo, "sessions", "show", str(d["id"]), "--format", "json").stdout)
    assert (shown["ends_on"], shown["notes"]) == ("2026-04-16", "Mang theo dự thảo")
    assert shown["version"] == d["version"] + 1


def test_bad_sessions_name_the_field_and_write_nothing(demo: Path) -> None:
    before = state(demo, TABLES)
    bad_purpose = (*NEW[:3], "bogus", *NEW[4:])
    refused(demo, before, bdcq(demo, *bad_purpose), "Loại nhiệm vụ")
    refused(demo, before, bdcq(demo, *NEW[:-2]), "Đến ngày")
    refused(demo, before, bdcq(demo, *NEW[:-1], "10/04/2026"), "Đến ngày", "Từ ngày")
    refused(demo, before, bdcq(demo, *NEW, "--serves", "task:x"), "Phục vụ")
    member = next(r for r in group(demo) if r["role"] == "member")
    refused(demo, before, bdcq(demo, *NEW, "--convener", str(member["person_id"])),
            "Người triệu tập")  # fmt: skip
    first = json.loads(bdcq(demo, "sessions", "list", "--format", "json").stdout)[0]["id"]
    refused(demo, before, bdcq(demo, "sessions", "edit", str(first), "--start", "31/02/2026"),
            "Từ ngày")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "edit", str(first), "--title", " "), "Nội dung")
    refused(demo, before, bdcq(demo, "sessions", "edit", str(first), "--expected-version",
                               "999", "--notes", "x"))  # fmt: skip


def test_participants_and_attendance(demo: Path, tmp_path: Path) -> None:
    sid = json.loads(bdcq(demo, *NEW, "--format", "json").stdout)["id"]
    people = [r["person_id"] for r in group(demo)[:2]]
    experts = tmp_path / "experts.json"
    experts.write_text(json.dumps([{"full_name": "Trần Văn Khoa", "position": "Giảng viên",
                                    "agency": "Trường Đại học Vinh"}]), "utf-8")  # fmt: skip
    out = bdcq(demo, "sessions", "participant-add", str(sid), "--person", str(people[0]),
               "--person", str(people[1]), "--experts", str(experts),
               "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert [p["person_id"] for p in d["participants"][:2]] == people
    expert = next(p for p in d["participants"] if p["kind"] == "expert")
    assert (expert["name"], expert["agency"]) == ("Trần Văn Khoa", "Trường Đại học Vinh")

    first, second = d["participants"][0]["id"], d["participants"][1]["id"]
    out = bdcq(demo, "sessions", "attend", str(sid), str(first), "--day", "13/04/2026",
               "--day", "2026-04-14", "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    marked = next(p for p in json.loads(out.stdout)["participants"] if p["id"] == first)
    assert (marked["days"], marked["days_present"]) == (["2026-04-13", "2026-04-14"], 2)
    out = bdcq(demo, "sessions", "attend", str(sid), str(first), "--day", "13/04/2026",
               "--day", "2026-04-14")  # fmt: skip
    assert out.returncode == 0, out.stderr
    name = d["participants"][0]["name"]
    assert out.stdout.splitlines()[0] == (
        f"Đã điểm danh {name}: có mặt 13/04/2026, 14/04/2026 (phiên {sid}) / attendance recorded"
    )
    out = bdcq(demo, "sessions", "attend", str(sid), str(second), "--absent", "--reason",
               "Đi công tác")  # fmt: skip
    assert out.returncode == 0, out.stderr
    said = out.stdout.splitlines()[0]
    assert said.startswith(f"Đã điểm danh {d['participants'][1]['name']}: vắng"), said
    assert "(lý do: Đi công tác)" in said
    shown = json.loads(bdcq(demo, "sessions", "show", str(sid), "--format", "json").stdout)
    absent = next(p for p in shown["participants"] if p["id"] == second)
    assert (absent["days_present"], absent["absence_reason"]) == (0, "Đi công tác")

    out = bdcq(demo, "sessions", "participant-remove", str(sid), str(expert["id"]))
    assert out.returncode == 0, out.stderr
    shown = json.loads(bdcq(demo, "sessions", "show", str(sid), "--format", "json").stdout)
    assert expert["id"] not in {p["id"] for p in shown["participants"]}

    before = state(demo, TABLES)
    sid_ = str(sid)
    refused(demo, before, bdcq(demo, "sessions", "attend", sid_, str(first), "--day",
                               "20/04/2026"), "Điểm danh", "20/04/2026")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "attend", sid_, str(first), "--day",
                               "40/04/2026"), "--day", "40/04/2026")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "attend", sid_, "99999", "--day",
                               "13/04/2026"), "Điểm danh", "99999")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "participant-add", sid_, "--person", "99999"),
            "Thành phần", "99999")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "participant-remove", sid_, "99999"),
            "Thành phần", "99999")  # fmt: skip
    # A name typed that is someone's on record: the window asks, the command line needs --yes.
    experts.write_text(json.dumps([{"full_name": shown["participants"][0]["name"].upper()}]))
    refused(demo, before, bdcq(demo, "sessions", "participant-add", sid_, "--experts",
                               str(experts)), "trùng tên", "--yes")  # fmt: skip
    out = bdcq(demo, "sessions", "participant-add", sid_, "--experts", str(experts), "--yes")
    assert out.returncode == 0, out.stderr


def test_changes_after_the_convocation_need_yes(
    db: Any,
    db_path: Path,
    convened: int,  # noqa: F811
) -> None:
    sid = str(convened)
    before = state(db_path, TABLES)
    later = LAST + timedelta(days=1)
    refused(db_path, before, bdcq(db_path, "sessions", "edit", sid, "--end", f"{later:%d/%m/%Y}"),
            "01/GTT-BCĐ", "--yes")  # fmt: skip
    gone = json.loads(bdcq(db_path, "sessions", "show", sid, "--format", "json").stdout)
    expert = next(p for p in gone["participants"] if p["kind"] == "expert")
    refused(db_path, before, bdcq(db_path, "sessions", "participant-remove", sid,
                                  str(expert["id"])), "--yes")  # fmt: skip
    out = bdcq(db_path, "sessions", "edit", sid, "--end", f"{later:%d/%m/%Y}", "--yes")
    assert out.returncode == 0, out.stderr
    d = json.loads(bdcq(db_path, "sessions", "show", sid, "--format", "json").stdout)
    assert d["ends_on"] == later.isoformat() and d["starts_on"] == FIRST.isoformat()
    out = bdcq(db_path, "sessions", "participant-remove", sid, str(expert["id"]), "--yes")
    assert out.returncode == 0, out.stderr


def test_attend_names_an_unknown_participation_id_as_such(demo: Path) -> None:
    """``attend`` takes the participation's id ("Mã tham gia" in ``sessions show``), not a
    person's: refused, it says so, as ``participant-remove`` does."""
    sid = json.loads(bdcq(demo, *NEW, "--format", "json").stdout)["id"]
    before = state(demo, TABLES)
    out = bdcq(demo, "sessions", "attend", str(sid), "99999", "--day", "13/04/2026")
    refused(demo, before, out, "Điểm danh", "Mã tham gia 99999")
    assert "Người có mã" not in out.stderr


def test_show_tells_why_someone_was_absent_and_where_an_output_went(
    demo: Path, tmp_path: Path
) -> None:
    """The table of ``sessions show`` has what its JSON has: each participant's absence reason
    and the meeting an output was submitted to."""
    sid = str(json.loads(bdcq(demo, *NEW, "--format", "json").stdout)["id"])
    person = str(group(demo)[0]["person_id"])
    d = json.loads(bdcq(demo, "sessions", "participant-add", sid, "--person", person,
                        "--format", "json").stdout)  # fmt: skip
    pid = str(d["participants"][0]["id"])
    out = bdcq(demo, "sessions", "attend", sid, pid, "--absent", "--reason", "Đi công tác Hà Nội")
    assert out.returncode == 0, out.stderr
    draft = tmp_path / "du-thao.txt"
    draft.write_text("Dự thảo 1", "utf-8")
    out = bdcq(demo, "sessions", "attach", sid, str(draft), "--title", "Dự thảo Đề án")
    assert out.returncode == 0, out.stderr
    shown = json.loads(bdcq(demo, "sessions", "show", sid, "--format", "json").stdout)
    oid = str(shown["outputs"][0]["id"])
    # A meeting held (the newest may be still to come: "Đã trình" there is refused).
    meeting = next(
        r
        for r in json.loads(bdcq(demo, "meetings", "list", "--format", "json").stdout)
        if r["status"] in ("held", "minutes_final")
    )
    for status in ("consulting", "submitted"):
        out = bdcq(demo, "sessions", "output-status", oid, status, "--meeting", str(meeting["id"]))
        assert out.returncode == 0, out.stderr
    table = bdcq(demo, "sessions", "show", sid)
    assert table.returncode == 0, table.stderr
    people, outputs = table.stdout.split("Sản phẩm / outputs:")
    assert "Lý do vắng" in people and "Đi công tác Hà Nội" in people
    assert "Mã cuộc họp" in outputs and "Trình tại cuộc họp" in outputs
    (row,) = [line for line in outputs.splitlines() if "Dự thảo Đề án" in line]
    assert f"  {meeting['id']}  " in row and meeting["title"][:30] in row, row
