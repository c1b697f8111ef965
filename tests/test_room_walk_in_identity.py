"""Walk-ins brought back from the meeting room are people, not names (core.room_invitees): the
room's walk-in is found at the office by its uid, else by its name, position and agency
together. Two different people of one name, one added in the room and one at the office, are
both kept with their own marks; the same person added on both sides and marked differently is
a conflict; the preview names a walk-in with their position and agency."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core.attendance import attendance_rows
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.models import Invitee
from bdcq_desktop.core.room_merge import apply_meeting_record, preview_meeting_record
from bdcq_desktop.core.room_record import export_meeting_record, read_meeting_record
from bdcq_desktop.core.walk_in import add_walk_in
from tests.test_meetings_core import START, roster  # noqa: F401
from tests.test_room_record import AFTER, Room, room  # noqa: F401

NAME = "Lê Văn Khách"  # the room's walk-in (the fixture): Phó Giám đốc, VNPT Nghệ An


def _walk_ins(db: Any, meeting: int) -> list[tuple[str, str, str, Any]]:
    return sorted((r.name, r.unit, r.status, r.arrived_at)
                  for r in attendance_rows(db, meeting) if r.walk_in)  # fmt: skip


def _uids(db: Any, meeting: int) -> dict[str | None, str | None]:
    with db.session() as s:
        rows = s.scalars(select(Invitee).where(Invitee.meeting_id == meeting,
                                               Invitee.walked_in_at.is_not(None)))  # fmt: skip
        return {r.unit_snapshot: r.uid for r in rows}


def test_two_walk_ins_of_one_name_at_two_agencies_are_both_kept(room: Room) -> None:  # noqa: F811
    # At the office meanwhile: another person of the same name, a student, late at 08:30.
    came = START + timedelta(minutes=30)
    add_walk_in(room.office, room.meeting, {"guest_name": NAME, "position": "Sinh viên thực tập",
                "unit_name": "Trường Đại học Vinh"}, expected_version=None, status="late",
                arrived_at=came, now=START + timedelta(minutes=35))  # fmt: skip
    export_meeting_record(room.laptop, room.meeting, room.path)
    record = read_meeting_record(room.path)

    preview = preview_meeting_record(room.office, record)
    [row] = [c for c in preview.changes if NAME in c.what]
    # Added, not a mark over the student's: said with the position and agency that tell them
    # apart, and no conflict (nothing of the office's is overwritten).
    assert (row.kind, row.what, row.before, row.conflict) == (
        "walk_in", f"{NAME} (Phó Giám đốc, VNPT Nghệ An)", "", False)  # fmt: skip
    apply_meeting_record(room.office, record, expected_version=preview.version, now=AFTER)

    office = _walk_ins(room.office, room.meeting)
    assert [(name, unit) for name, unit, *_ in office] == [
        (NAME, "Trường Đại học Vinh"), (NAME, "VNPT Nghệ An")]  # fmt: skip
    assert office[0][2:] == ("late", came)  # the student's mark and time stand
    # The director came back under the room's uid: a second import finds them by it.
    assert _uids(room.office, room.meeting)["VNPT Nghệ An"] == _uids(
        room.laptop, room.meeting)["VNPT Nghệ An"]  # fmt: skip
    assert preview_meeting_record(room.office, record).changes == ()


def test_the_same_walk_in_added_on_both_sides_and_marked_differently_is_a_conflict(
    room: Room,  # noqa: F811
) -> None:
    # The office added the director too (same name, position, agency), online.
    add_walk_in(room.office, room.meeting, {"guest_name": NAME, "position": "Phó Giám đốc",
                "unit_name": "VNPT Nghệ An"}, expected_version=None, status="online",
                now=START + timedelta(minutes=35))  # fmt: skip
    export_meeting_record(room.laptop, room.meeting, room.path)
    record = read_meeting_record(room.path)

    preview = preview_meeting_record(room.office, record)
    [row] = [c for c in preview.changes if NAME in c.what]
    assert (row.kind, row.conflict) == ("attendance", True), row
    assert row.what == f"{NAME} (Phó Giám đốc, VNPT Nghệ An)"
    with pytest.raises(BcdError, match="1 xung đột"):
        apply_meeting_record(room.office, record, expected_version=preview.version, now=AFTER)
    apply_meeting_record(room.office, record, expected_version=preview.version, now=AFTER,
                         resolve={row.key: "office"})  # fmt: skip
    [(name, unit, status, _at)] = _walk_ins(room.office, room.meeting)  # one person, not two
    assert (name, unit, status) == (NAME, "VNPT Nghệ An", "online")
