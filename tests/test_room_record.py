"""Bringing a meeting's record back from the room (core.room_record, core.room_merge): the
laptop works on a copy of the office file (a backup), checks people in, adds a walk-in, types
notes and records the start and end; meanwhile the office keeps working. The room's file,
imported at the office, brings the room's record in and keeps the office's own changes; a
change both made in the same place is a named conflict, applied only as resolved; a file from
another database, a damaged or hostile one, one for minutes issued meanwhile are refused with
the office's database unchanged; a second import changes nothing."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import people as pe
from bdcq_desktop.core import units as un
from bdcq_desktop.core.agenda import set_agenda
from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.backup import backup_to
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.live_notes import displaced_notes, item_notes, save_item_notes
from bdcq_desktop.core.meeting_close import record_close, record_start
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.core.models import ChangeLog
from bdcq_desktop.core.room_merge import apply_meeting_record, preview_meeting_record
from bdcq_desktop.core.room_record import (
    export_meeting_record,
    parse_record,
    read_meeting_record,
)
from bdcq_desktop.core.walk_in import add_walk_in
from bdcq_desktop.documents import service
from tests.test_meetings_core import END, NOW, START, Roster, base, roster  # noqa: F401

AFTER = END + timedelta(hours=2)  # the officer imports the file once the meeting is over


@dataclass
class Room:
    office: Any
    laptop: Any
    meeting: int
    path: Path
    member: int  # the invitee id of roster.member
    standing: int  # the invitee id of roster.standing


def _invitee(db: Any, meeting: int, person_id: int) -> int:
    return next(i.id for i in get_meeting(db, meeting).invitees if i.person_id == person_id)


def _convened(db: Any, r: Roster) -> int:
    from bdcq_desktop.core.settings import update_organisation

    update_organisation(db, parent_body="UBND TỈNH NGHỆ AN", place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An")  # fmt: skip
    meeting = create_meeting(db, **base(r), invite_committee=True)
    set_agenda(db, meeting, [{"title": "Báo cáo 6 tháng"}, {"title": "Kế hoạch năm 2027"}],
               expected_version=get_meeting(db, meeting).version)  # fmt: skip
    service.issue(db, "convocation", meeting, issued_on=NOW.date(), today=NOW.date())
    return meeting


@pytest.fixture
def room(db: Any, roster: Roster, tmp_path: Path) -> Any:  # noqa: F811
    """The office's meeting, copied to the laptop (a backup, as it is carried), then held there:
    two check-ins (one late), a walk-in guest, notes under the first item, start and end."""
    meeting = _convened(db, roster)
    copy = backup_to(db, tmp_path / "laptop.sqlite3")
    laptop = open_database(copy)
    member, standing = (_invitee(laptop, meeting, p) for p in (roster.member, roster.standing))
    v = get_meeting(laptop, meeting).version
    v = check_in(laptop, meeting, standing, expected_version=v, now=START + timedelta(minutes=2))
    v = check_in(laptop, meeting, member, expected_version=v, now=START + timedelta(minutes=25))
    guest = {"guest_name": "Lê Văn Khách", "position": "Phó Giám đốc", "unit_name": "VNPT Nghệ An"}
    add_walk_in(laptop, meeting, guest, expected_version=v, now=START + timedelta(minutes=40))
    first = item_notes(laptop, meeting)[0]
    save_item_notes(laptop, meeting, first.item_id, "Đồng chí Trưởng ban phát biểu khai mạc.",
                    base_version=first.version)  # fmt: skip
    mv = minutes_version(laptop, meeting)
    started = record_start(laptop, meeting, "08:03", expected_version=mv, now=END)
    record_close(laptop, meeting, "11:20", expected_version=started.version, now=END)
    yield Room(db, laptop, meeting, tmp_path / "hop.bcdhop", member, standing)
    laptop.dispose()


def minutes_version(db: Any, meeting: int) -> int:
    return minutes_draft(db, meeting).version


def _dump(db: Any) -> list[str]:
    """Every row of the office file, to compare before and after a refused import."""
    db.engine.dispose()
    con = sqlite3.connect(str(db.sqlite_path))
    try:
        return list(con.iterdump())
    finally:
        con.close()


def _marks(db: Any, meeting: int) -> dict[str, tuple[str, Any]]:
    return {r.name: (r.status, r.arrived_at) for r in attendance_rows(db, meeting)}


def test_the_rooms_record_comes_back_and_the_offices_other_work_stays(room: Room) -> None:
    office, meeting = room.office, room.meeting
    # Meanwhile at the office: a new unit, a person's phone (nothing of this meeting).
    unit = un.create_unit(office, name="Sở Tài chính")
    person = get_meeting(office, meeting).invitees[0].person_id
    pe.update_person(office, person, phone="0238 3844 555")
    export_meeting_record(room.laptop, meeting, room.path)
    record = read_meeting_record(room.path)

    preview = preview_meeting_record(office, record)
    assert preview.conflicts == ()
    kinds = sorted(c.kind for c in preview.changes)
    assert kinds == ["attendance", "attendance", "closed_at", "notes", "opened_at", "walk_in"]
    late = next(c for c in preview.changes if c.key == f"invitee:{room.member}")
    assert "Đến muộn" in late.after and "08:25" in late.after, late

    done = apply_meeting_record(office, record, expected_version=preview.version, now=AFTER)
    assert done.applied == 6 and done.skipped == ()
    assert _marks(office, meeting) == _marks(room.laptop, meeting)
    assert _marks(office, meeting)["Lê Văn Khách"] == ("late", START + timedelta(minutes=40))
    d = get_meeting(office, meeting)
    assert d.status == "held" and d.version == done.version
    draft = minutes_draft(office, meeting)
    assert (draft.opened_at, draft.closed_at) == (START.replace(minute=3), END.replace(minute=20))
    assert draft.items[0].notes == "Đồng chí Trưởng ban phát biểu khai mạc."
    # The office's own work is kept.
    assert un.get_unit(office, unit).name == "Sở Tài chính"
    assert pe.get_person(office, person).phone == "0238 3844 555"
    # The change log says where the changes came from.
    with office.session() as s:
        users = {r.user for r in s.query(ChangeLog).filter(ChangeLog.table_name == "invitee")}
    assert any("biên ghi phòng họp" in (u or "") for u in users), users

    # A second import of the same file changes nothing.
    again = preview_meeting_record(office, record)
    assert again.changes == ()
    before = _dump(office)
    same = apply_meeting_record(office, record, expected_version=again.version, now=AFTER)
    assert same.applied == 0 and same.version == done.version
    assert _dump(office) == before


def test_the_same_invitee_marked_at_the_office_is_a_conflict_applied_only_as_resolved(
    room: Room,
) -> None:
    office, meeting = room.office, room.meeting
    # The office also marked the member (absent, on the phone) and typed the first item's notes.
    check_in(office, meeting, room.member, expected_version=get_meeting(office, meeting).version,
             status="absent", reason="Đi công tác", now=START + timedelta(minutes=30))  # fmt: skip
    first = item_notes(office, meeting)[0]
    save_item_notes(office, meeting, first.item_id, "Ghi ở văn phòng.", base_version=first.version)
    export_meeting_record(room.laptop, meeting, room.path)
    record = read_meeting_record(room.path)

    preview = preview_meeting_record(office, record)
    conflicts = {c.key: c for c in preview.conflicts}
    assert set(conflicts) == {f"invitee:{room.member}", f"item:{first.item_id}"}
    mark = conflicts[f"invitee:{room.member}"]
    assert "Vắng" in mark.before and "Đến muộn" in mark.after
    before = _dump(office)
    with pytest.raises(BcdError, match="2 xung đột") as info:
        apply_meeting_record(office, record, expected_version=preview.version, now=AFTER)
    assert mark.what in info.value.message
    assert _dump(office) == before  # nothing applied

    resolve = {f"invitee:{room.member}": "office", f"item:{first.item_id}": "room"}
    apply_meeting_record(office, record, expected_version=preview.version, resolve=resolve,
                         now=AFTER)  # fmt: skip
    marks = _marks(office, meeting)
    name = mark.what
    assert marks[name][0] == "absent"  # the office's kept, as chosen
    assert marks["Lê Văn Khách"][0] == "late"  # the rest of the room's record is in
    assert item_notes(office, meeting)[0].text == "Đồng chí Trưởng ban phát biểu khai mạc."
    # The office's notes are not lost: kept aside, as a concurrent live save keeps them.
    assert [d.text for d in displaced_notes(office, meeting)] == ["Ghi ở văn phòng."]


def test_refused_files_leave_the_office_unchanged(room: Room, tmp_path: Path) -> None:
    office, meeting = room.office, room.meeting
    export_meeting_record(room.laptop, meeting, room.path)
    good = room.path.read_bytes()
    before = _dump(office)
    content = json.loads(good)
    hostile = {
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "not utf-8": b"\xff\xfe" + good,
        "nested": b"[" * 100_000,
        "not nfc": json.dumps(
            {**content, "meeting": {**content["meeting"], "title": "Ho\u0323p"}}
        ).encode(),
        "bad date": json.dumps({**content, "exported_at": "2026-13-45T00:00:00"}).encode(),
        "bad mark": json.dumps(
            {**content, "invitees": [{**content["invitees"][0], "attendance": "drop table"}]}
        ).encode(),
        "extra field": json.dumps({**content, "evil": 1}).encode(),
        "wrong type": json.dumps({**content, "items": "x"}).encode(),
    }
    for name, data in hostile.items():
        bad = tmp_path / f"{name}.bcdhop"
        bad.write_bytes(data)
        with pytest.raises(BcdError, match="không hợp lệ") as info:
            read_meeting_record(bad)
        assert "Traceback" not in info.value.message, name
    # Another database: a file from a copy of some other office's data.
    other = dict(content, source={**content["source"], "database_uid": "0" * 36})
    (tmp_path / "other.bcdhop").write_text(json.dumps(other, ensure_ascii=False), "utf-8")
    record = read_meeting_record(tmp_path / "other.bcdhop")
    with pytest.raises(BcdError, match="cơ sở dữ liệu khác"):
        preview_meeting_record(office, record)
    with pytest.raises(BcdError, match="cơ sở dữ liệu khác"):
        apply_meeting_record(office, record, expected_version=None, now=AFTER)
    assert _dump(office) == before


def test_minutes_issued_at_the_office_refuse_the_file(room: Room) -> None:
    office, meeting = room.office, room.meeting
    check_in(office, meeting, room.standing, expected_version=get_meeting(office, meeting).version,
             now=START + timedelta(minutes=1))  # fmt: skip
    record_close(office, meeting, END, expected_version=minutes_version(office, meeting), now=AFTER)
    service.issue(office, "minutes", meeting, issued_on=AFTER.date(), today=AFTER.date(),
                  confirm_unmarked=True)  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    record = read_meeting_record(room.path)
    before = _dump(office)
    with pytest.raises(BcdError, match="đã ban hành"):
        apply_meeting_record(office, record, expected_version=None, now=AFTER)
    assert _dump(office) == before


def test_notes_from_a_laptop_whose_clock_is_a_day_behind_are_still_brought_in(room: Room) -> None:
    # The laptop's clock read the day before: its notes are stamped before the copy was taken.
    export_meeting_record(room.laptop, room.meeting, room.path)
    content = json.loads(room.path.read_text(encoding="utf-8"))
    for item in content["items"]:
        if item["updated_at"]:
            stamped = datetime.fromisoformat(item["updated_at"]) - timedelta(days=2)
            item["updated_at"] = stamped.isoformat()
    record = parse_record(content)

    preview = preview_meeting_record(room.office, record)
    notes = [c for c in preview.changes if c.kind == "notes"]
    assert [(c.after, c.conflict) for c in notes] == [
        ("Đồng chí Trưởng ban phát biểu khai mạc.", False)
    ], preview.changes
    apply_meeting_record(room.office, record, expected_version=preview.version, now=AFTER)
    draft = minutes_draft(room.office, room.meeting)
    assert draft.items[0].notes == "Đồng chí Trưởng ban phát biểu khai mạc."


def test_notes_written_on_both_sides_are_a_conflict_whatever_the_clocks(room: Room) -> None:
    office, meeting = room.office, room.meeting
    first = item_notes(office, meeting)[0]
    save_item_notes(office, meeting, first.item_id, "Văn phòng ghi trước.",
                    base_version=first.version)  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    content = json.loads(room.path.read_text(encoding="utf-8"))
    for item in content["items"]:
        item["updated_at"] = "2000-01-01T00:00:00"  # the laptop's clock far behind
    preview = preview_meeting_record(office, parse_record(content))
    [notes] = [c for c in preview.changes if c.kind == "notes"]
    assert notes.conflict and notes.before == "Văn phòng ghi trước.", notes


def test_the_import_takes_a_backup_of_the_office_before_applying(room: Room) -> None:
    from bdcq_desktop.core.backup import backups_dir

    export_meeting_record(room.laptop, room.meeting, room.path)
    record = read_meeting_record(room.path)
    preview = preview_meeting_record(room.office, record)
    apply_meeting_record(room.office, record, expected_version=preview.version, now=AFTER)
    (taken,) = backups_dir().glob("bcd-*-before-room-import.sqlite3")
    con = sqlite3.connect(taken)
    try:  # the office as it was: none of the room's notes yet
        notes = con.execute("select minutes_text from agenda_item where meeting_id = ?",
                            (room.meeting,)).fetchall()  # fmt: skip
    finally:
        con.close()
    assert notes and all(not n for (n,) in notes), notes
    assert minutes_draft(room.office, room.meeting).items[0].notes


def test_times_from_a_laptop_clock_a_day_ahead_are_flagged_not_carried(room: Room) -> None:
    # The laptop's clock read the day after the meeting: its late arrival and its walk-in are
    # dated then, after the office's now.
    export_meeting_record(room.laptop, room.meeting, room.path)
    content = json.loads(room.path.read_text(encoding="utf-8"))
    for inv in content["invitees"]:
        for field in ("arrived_at", "walked_in_at"):
            if inv[field]:
                inv[field] = (datetime.fromisoformat(inv[field]) + timedelta(days=1)).isoformat()
    record = parse_record(content)
    office, meeting = room.office, room.meeting

    preview = preview_meeting_record(office, record, now=AFTER)
    doubtful = {c.key: c for c in preview.changes if c.doubt}
    assert set(doubtful) == {f"invitee:{room.member}", next(
        c.key for c in preview.changes if c.kind == "walk_in")}, preview.changes  # fmt: skip
    assert all(c.conflict and "08/04/2026" in c.doubt for c in doubtful.values()), doubtful
    with pytest.raises(BcdError, match="chưa chọn"):
        apply_meeting_record(office, record, expected_version=preview.version, now=AFTER)
    keep_office = dict.fromkeys(doubtful, "office")
    apply_meeting_record(office, record, expected_version=preview.version, resolve=keep_office,
                         now=AFTER)  # fmt: skip
    marks = _marks(office, meeting)
    assert "Lê Văn Khách" not in marks  # the walk-in dated the next day: not added
    standing = next(r.name for r in attendance_rows(office, meeting)
                    if r.invitee_id == room.standing)  # fmt: skip
    assert marks[standing][0] == "present"  # the room's other marks came in
    member = next(r for r in attendance_rows(office, meeting) if r.invitee_id == room.member)
    assert member.arrived_at is None
