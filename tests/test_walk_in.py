"""Someone who attends without being on the list (meeting-room audit, item 1): once the first
check-in after the start has made the meeting "Đã họp", inviting is closed, yet an official who
walks in must still be recorded. ``add_walk_in`` invites and checks in with one call, in one
transaction guarded by the version; the minutes count them in their group, apart from the
invited (tests/test_walk_in_record.py has the rest); the issued convocation is left in force;
final minutes refuse it, saying why."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.attendance_summary import summarise
from bdcq_desktop.core.errors import BcdError, LateArrivalWarning, ValidationError
from bdcq_desktop.core.invitees import Invitation, invite
from bdcq_desktop.core.meeting_close import record_close
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.core.walk_in import add_walk_in
from bdcq_desktop.documents import service
from tests.test_meeting_docs import all_text, open_pdf
from tests.test_meetings_core import END, NOW, START, Roster, base, convened, roster  # noqa: F401


@pytest.fixture
def held(db: Any, roster: Roster) -> int:  # noqa: F811
    """The committee's meeting, convened by 01/GTT-BCĐ, held since a member checked in at 08:10."""
    meeting = convened(db, roster)
    d = get_meeting(db, meeting)
    first = next(i for i in d.invitees if i.person_id == roster.standing)
    check_in(db, meeting, first.id, expected_version=d.version, now=START + timedelta(minutes=10))
    assert get_meeting(db, meeting).status == "held"
    return meeting


def _row(db: Any, meeting: int, invitee_id: int) -> Any:
    return next(r for r in attendance_rows(db, meeting) if r.invitee_id == invitee_id)


def test_a_typed_walk_in_at_a_held_meeting_is_invited_and_checked_in_late(
    db: Any, held: int
) -> None:
    d = get_meeting(db, held)
    # Inviting stays closed once the meeting is held (the list of who was called).
    with pytest.raises(BcdError, match="Đã họp"):
        invite(db, held, [{"guest_name": "Lê Văn Khách"}], expected_version=d.version)
    before = summarise(attendance_rows(db, held))
    added = add_walk_in(
        db,
        held,
        {"guest_name": "lê văn khách", "position": "Phó Giám đốc", "unit_name": "VNPT Nghệ An"},
        expected_version=d.version,
        now=START + timedelta(minutes=20),
    )
    assert added.name == "Lê Văn Khách" and added.status == "late"
    assert added.arrived_at == START + timedelta(minutes=20)
    assert added.version == get_meeting(db, held).version > d.version
    row = _row(db, held, added.invitee_id)
    assert (row.status, row.category, row.position, row.unit) == (
        "late", "guest", "Phó Giám đốc", "VNPT Nghệ An"
    )
    after = summarise(attendance_rows(db, held))
    # Not invited: the invited's counts stay; they are counted apart.
    assert (after.guests_invited, after.guests_present) == (
        before.guests_invited, before.guests_present
    )
    assert (after.members_invited, after.members_present) == (
        before.members_invited, before.members_present
    )
    assert (before.walk_ins, after.walk_ins) == (0, 1)
    # The minutes count and name them, as someone who came uninvited, late.
    lines = minutes_draft(db, held).attendance
    assert any("Lê Văn Khách, Phó Giám đốc, VNPT Nghệ An (đến muộn" in line for line in lines), (
        lines
    )
    pdf = all_text(open_pdf(service.draft(db, "minutes", held)))
    assert "Lê Văn Khách" in pdf


def test_a_person_on_record_is_counted_in_their_group(db: Any, roster: Roster) -> None:  # noqa: F811
    # Only the chair invited: a member and a unit's head walk in.
    meeting = create_meeting(
        db, **base(roster), invitations=[Invitation(person_id=roster.head)]
    )
    v = get_meeting(db, meeting).version
    at = START + timedelta(minutes=2)  # in the first minutes: present, not late
    member = add_walk_in(
        db, meeting, Invitation(person_id=roster.member), expected_version=v, now=at
    )
    head = add_walk_in(
        db, meeting, {"unit_id": roster.health}, expected_version=member.version, now=at
    )
    assert get_meeting(db, meeting).status == "held"  # someone is in the room after the start
    assert (member.status, _row(db, meeting, member.invitee_id).category) == ("present", "member")
    row = _row(db, meeting, head.invitee_id)
    assert (row.name, row.category, row.status) == ("Ngô Ngọc Thủy", "agency_head", "present")
    summary = summarise(attendance_rows(db, meeting))
    # The chair alone was invited (not checked in); the member came uninvited, counted apart.
    assert (summary.members_invited, summary.members_present, summary.walk_ins) == (1, 0, 2)
    # Someone already on the list is checked in from the list, not added twice.
    with pytest.raises(ValidationError, match=r"Nguyễn Bá Thịnh.*đã có trong danh sách mời"):
        add_walk_in(
            db, meeting, {"person_id": roster.member}, expected_version=head.version, now=at
        )
    with pytest.raises(ValidationError, match="đã có trong danh sách mời"):
        add_walk_in(
            db, meeting, {"guest_name": "ngo ngoc thuy"}, expected_version=head.version, now=at
        )
    assert len(attendance_rows(db, meeting)) == 3


def test_the_issued_convocation_stays_in_force(db: Any, held: int) -> None:
    d = get_meeting(db, held)
    assert [(x.symbol, x.superseded_on) for x in d.documents] == [("01/GTT-BCĐ", None)]
    add_walk_in(
        db, held, {"guest_name": "Lê Văn Khách"}, expected_version=d.version,
        now=START + timedelta(minutes=30),
    )
    d = get_meeting(db, held)
    # It named the people called, and still does: someone who came uncalled changes nothing.
    assert [(x.symbol, x.superseded_on) for x in d.documents] == [("01/GTT-BCĐ", None)]
    assert d.status == "held"


def test_refusals_name_the_reason(db: Any, held: int) -> None:
    d = get_meeting(db, held)
    guest = {"guest_name": "Lê Văn Khách"}
    # A stale meeting version is no conflict for a walk-in (tests/test_room_beside_door.py);
    # a version that is no number is refused, naming it.
    with pytest.raises(ValidationError) as bad_version:
        add_walk_in(db, held, guest, expected_version=True, now=START)
    assert bad_version.value.field == "expected_version"
    with pytest.raises(BcdError, match="Chưa đến ngày họp"):
        add_walk_in(db, held, guest, expected_version=d.version, now=START - timedelta(days=1))
    with pytest.raises(ValidationError) as bad:
        add_walk_in(db, held, {"position": "Phó Giám đốc"}, expected_version=d.version)
    assert bad.value.field == "invitees"
    assert len(attendance_rows(db, held)) == len(d.invitees)  # nothing half-saved
    day = START.date()
    service.issue(db, "minutes", held, issued_on=day, today=day, confirm_unmarked=True)
    assert get_meeting(db, held).status == "minutes_final"
    with pytest.raises(BcdError, match=r"Biên bản cuộc họp đã hoàn thành.*mở lại biên bản"):
        add_walk_in(db, held, guest, expected_version=get_meeting(db, held).version)


def test_in_the_live_window_a_meeting_running_over_takes_walk_ins_as_late(
    db: Any, held: int
) -> None:
    # 12:00, half an hour past the planned end (11:30), the actual end not recorded: the live
    # window is open while the meeting sits, so someone walking in now arrives late, as a
    # check-in there does; the sheet filled in afterwards says nothing of lateness.
    noon = END + timedelta(minutes=30)
    v = get_meeting(db, held).version
    live = add_walk_in(
        db, held, {"guest_name": "Lê Văn Khách"}, expected_version=v, now=noon, live=True
    )
    assert (live.status, live.arrived_at) == ("late", noon)
    sheet = add_walk_in(
        db, held, {"guest_name": "Trần Thị Sau"}, expected_version=live.version, now=noon
    )
    assert (sheet.status, sheet.arrived_at) == ("present", None)
    # Once the actual end is recorded (12:05), nobody walking in after it is arriving.
    later = noon + timedelta(minutes=10)
    record_close(db, held, "12:05", expected_version=0, now=later)
    after = add_walk_in(
        db, held, {"guest_name": "Phạm Văn Muộn"}, expected_version=get_meeting(db, held).version,
        now=later, live=True,
    )
    assert (after.status, after.arrived_at) == ("present", None)


def test_a_typed_arrival_past_the_planned_end_is_kept(db: Any, held: int) -> None:
    # 13:20, the meeting planned until 11:30 still sitting (not closed): a walk-in typed "came
    # at 13:10" from the sheet (not the live window) is a late arrival at 13:10, not "present"
    # with the time thrown away; that far past the planned end it is asked first, as a
    # check-in is.
    at = END + timedelta(minutes=100)
    v = get_meeting(db, held).version
    with pytest.raises(LateArrivalWarning):
        add_walk_in(db, held, {"guest_name": "Khách Đến Muộn"}, expected_version=v,
                    now=at + timedelta(minutes=10), arrived_at="13:10")  # fmt: skip
    came = add_walk_in(db, held, {"guest_name": "Khách Đến Muộn"}, expected_version=v,
                       now=at + timedelta(minutes=10), arrived_at="13:10",
                       confirm_late_arrival=True)  # fmt: skip
    assert (came.status, came.arrived_at) == ("late", at)
    assert (_row(db, held, came.invitee_id).status, _row(db, held, came.invitee_id).arrived_at
            ) == ("late", at)  # fmt: skip
