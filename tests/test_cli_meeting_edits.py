"""``bdcq meetings edit|agenda|invite|uninvite|presenters``: the Cuộc họp tab's corrections
from the command line, through the real entry point on a copy of the demo database; a refusal
names the field, exits 2 and writes nothing; a new time or place after the convocation was
issued needs ``--yes``."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from tests import cli_run
from tests.cli_run import bdcq, state
from tests.cli_run import ok_json as ok
from tests.test_cli_meetings import planned_ahead

TABLES = ("meeting", "agenda_item", "invitee", "person", "issued_document", "change_log")


refused = partial(cli_run.refused, tables=TABLES)


def test_edit_a_meeting_and_its_convocation_needs_yes(demo: Path, tmp_path: Path) -> None:
    m = planned_ahead(demo)
    out = bdcq(demo, "meetings", "edit", str(m["id"]), "--place", "Phòng họp số 5",
               "--notes", "Mang theo tài liệu", "--secretary", "")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Đã sửa cuộc họp" in out.stdout and "Phòng họp số 5" in out.stdout
    shown = ok(bdcq(demo, "meetings", "show", str(m["id"]), "--format", "json"))
    assert (shown["place"], shown["notes"], shown["secretary"]) == (
        "Phòng họp số 5", "Mang theo tài liệu", None
    )
    assert shown["version"] > m["version"]

    issued = bdcq(demo, "export", "convocation", "--meeting", str(m["id"]), "-o",
                  str(tmp_path / "gtt.pdf"), "--issue")  # fmt: skip
    assert issued.returncode == 0, issued.stderr
    before = state(demo, TABLES)
    out = bdcq(demo, "meetings", "edit", str(m["id"]), "--place", "Hội trường")
    refused(demo, before, out, "Thêm --yes để vẫn lưu")
    d = ok(bdcq(demo, "meetings", "edit", str(m["id"]), "--place", "Hội trường", "--yes",
                "--format", "json"))  # fmt: skip
    assert (d["place"], d["status"]) == ("Hội trường", "planned")  # convened again once reissued


def test_bad_edits_name_the_field_and_write_nothing(demo: Path) -> None:
    m = planned_ahead(demo)
    mid = str(m["id"])
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "meetings", "edit", mid, "--start", "31/02/2027 08:00"),
            "Thời gian bắt đầu")  # fmt: skip
    refused(demo, before, bdcq(demo, "meetings", "edit", mid, "--title", " "), "Tên cuộc họp")
    refused(demo, before, bdcq(demo, "meetings", "edit", mid, "--kind", "bogus"), "Loại")
    refused(demo, before, bdcq(demo, "meetings", "edit", mid, "--chair", "Không Có Ai"),
            "Chủ trì")  # fmt: skip
    refused(demo, before, bdcq(demo, "meetings", "edit", mid), "Chưa có gì để sửa")
    refused(demo, before, bdcq(demo, "meetings", "edit", mid, "--expected-version", "999",
                               "--notes", "x"))  # fmt: skip


def test_set_the_agenda_from_items_or_a_file(demo: Path, tmp_path: Path) -> None:
    m = planned_ahead(demo)
    mid = str(m["id"])
    d = ok(bdcq(demo, "meetings", "agenda", mid, "--item", "Khai mạc", "--item", "Thảo luận",
                "--format", "json"))  # fmt: skip
    assert [a["title"] for a in d["agenda"]] == ["Khai mạc", "Thảo luận"]
    file = tmp_path / "agenda.json"
    items = [{"title": "Báo cáo", "planned_minutes": 30},
             {"title": "Kết luận", "planned_minutes": 15}]  # fmt: skip
    file.write_text(json.dumps(items), "utf-8")
    d = ok(bdcq(demo, "meetings", "agenda", mid, "--agenda", str(file), "--format", "json"))
    assert [(a["title"], a["planned_minutes"]) for a in d["agenda"]] == [
        ("Báo cáo", 30), ("Kết luận", 15)
    ]
    assert d["agenda"][1]["starts_at"] is not None  # the times follow the minutes

    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "meetings", "agenda", mid, "--item", "A", "--item", " "),
            "Chương trình", "Dòng 2", "Nội dung")  # fmt: skip
    file.write_text(json.dumps([{"title": "A", "planned_minutes": 9999}]), "utf-8")
    refused(demo, before, bdcq(demo, "meetings", "agenda", mid, "--agenda", str(file)),
            "Thời lượng")  # fmt: skip
    refused(demo, before, bdcq(demo, "meetings", "agenda", mid), "--item")


def test_invite_uninvite_and_presenters(demo: Path) -> None:
    m = planned_ahead(demo)
    mid = str(m["id"])
    members = json.loads(bdcq(demo, "members", "list", "--format", "json").stdout)
    d = ok(bdcq(demo, "meetings", "invite", mid, "--guest", "nguyễn văn khoa", "--position",
                "Giảng viên", "--unit-name", "Trường Đại học Vinh", "--presents",
                "--format", "json"))  # fmt: skip
    guest = next(i for i in d["invitees"] if i["name"] == "Nguyễn Văn Khoa")
    assert (guest["category"], guest["presents"], guest["unit"]) == (
        "guest", True, "Trường Đại học Vinh"
    )
    d = ok(bdcq(demo, "meetings", "invite", mid, "--committee", "--format", "json"))
    added = [i for i in d["invitees"] if i["id"] > guest["id"]]
    assert added and {i["category"] for i in added} == {"member"}
    assert {i["person_id"] for i in added} <= {r["person_id"] for r in members}

    first = d["invitees"][0]["id"]
    d = ok(bdcq(demo, "meetings", "presenters", mid, str(first), "--format", "json"))
    assert [i["id"] for i in d["invitees"] if i["presents"]] == [first]
    d = ok(bdcq(demo, "meetings", "uninvite", mid, str(guest["id"]), "--format", "json"))
    assert guest["id"] not in {i["id"] for i in d["invitees"]}
    d = ok(bdcq(demo, "meetings", "presenters", mid, "--none", "--format", "json"))
    assert not any(i["presents"] for i in d["invitees"])

    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "meetings", "invite", mid, "--guest", "X", "--category",
                               "bogus"), "Thành phần")  # fmt: skip
    refused(demo, before, bdcq(demo, "meetings", "invite", mid, "--person", "999999"),
            "Thành phần mời", "999999")  # fmt: skip
    refused(demo, before, bdcq(demo, "meetings", "uninvite", mid, "999999"),
            "Thành phần mời", "999999")  # fmt: skip
    refused(demo, before, bdcq(demo, "meetings", "presenters", mid, "999999"), "999999")
    held = next(r for r in json.loads(bdcq(demo, "meetings", "list", "--format", "json").stdout)
                if r["status"] == "minutes_final")  # fmt: skip
    refused(demo, before, bdcq(demo, "meetings", "invite", str(held["id"]), "--person",
                               str(members[0]["person_id"])), "không sửa được")  # fmt: skip


def test_a_chair_or_presenter_put_on_the_list_is_said(demo: Path) -> None:
    """A chair delegated from outside the committee, then a scientist presenting an item: each
    save puts them on the list of invitees and says so under its first line."""
    m = planned_ahead(demo)
    mid = str(m["id"])
    ok(bdcq(demo, "meetings", "invite", mid, "--committee", "--format", "json"))
    head = m["chair"]  # by name, as --chair takes it
    scientists = ok(bdcq(demo, "people", "list", "--format", "json"))
    chair, presenter = scientists[0], scientists[1]
    out = bdcq(demo, "meetings", "edit", mid, "--chair", str(chair["id"]), "--delegated-by", head)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[1] == f"Đã thêm {chair['full_name']} vào danh sách mời / 1 invited"
    d = ok(bdcq(demo, "meetings", "show", mid, "--format", "json"))
    keys = ("id", "title", "planned_minutes", "presenter_person_id", "presenter_unit_id")
    lines = [{k: a[k] for k in keys if a[k] is not None} for a in d["agenda"]]
    lines.append({"title": "Báo cáo chuyên đề dữ liệu mở", "presenter_person_id": presenter["id"]})
    out = bdcq(demo, "meetings", "agenda", mid, "--agenda", _json_file(demo, lines))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1] == (
        f"Đã thêm {presenter['full_name']} vào danh sách mời / 1 invited"
    )
    # Saved again, nobody new: no such line.
    out = bdcq(demo, "meetings", "edit", mid, "--notes", "Mang theo tài liệu")
    assert "vào danh sách mời" not in out.stdout


def _json_file(demo: Path, data: object) -> str:
    path = demo.parent / "agenda.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)
