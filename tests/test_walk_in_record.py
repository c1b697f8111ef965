"""A walk-in is recorded AS a walk-in (``Invitee.walked_in_at``): the invited count ("được mời")
leaves them out everywhere it is shown (the summary, the meeting's counts and list, the minutes
on screen and on paper), the minutes say "ngoài ra có 1 người dự không theo giấy mời" and name
them on a line of their own; a walk-in may be checked in online; one added by mistake is
removed, one call, until the minutes are final; a convocation or an invitation drafted again
still names only the people called."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core.attendance import attendance_rows, check_in, record_attendance
from bdcq_desktop.core.attendance_summary import summarise
from bdcq_desktop.core.errors import BcdError, ConflictError, ValidationError
from bdcq_desktop.core.invitees import Invitation
from bdcq_desktop.core.meetings import create_meeting, get_meeting, list_meetings
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.core.models import ChangeLog
from bdcq_desktop.core.walk_in import add_walk_in, remove_walk_in
from bdcq_desktop.documents import service
from tests.test_meeting_docs import all_text, open_pdf
from tests.test_meetings_core import START, Roster, base, convened, roster  # noqa: F401

SENTENCE = "Thành viên Ban Chỉ đạo: dự họp 3/4 (trong đó 1 người đến muộn); vắng 1"


@pytest.fixture
def marked(db: Any, roster: Roster) -> int:  # noqa: F811
    """The committee's meeting (4 members called): 3 came (one late), 1 absent."""
    meeting = convened(db, roster)
    d = get_meeting(db, meeting)
    mark = {roster.head: "present", roster.deputy: "present", roster.member: "absent"}
    marks = [{"invitee_id": i.id, "status": mark[i.person_id]}
             for i in d.invitees if i.person_id in mark]  # fmt: skip
    v = record_attendance(db, meeting, marks, expected_version=d.version, now=START)
    standing = next(i.id for i in d.invitees if i.person_id == roster.standing)
    check_in(db, meeting, standing, expected_version=v, now=START + timedelta(minutes=10))
    return meeting


def _organisation(db: Any) -> None:
    """The settings a document is drafted under (as :func:`convened` gives them)."""
    from bdcq_desktop.core.settings import update_organisation

    update_organisation(
        db, parent_body="UBND TỈNH NGHỆ AN", place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An", abbreviation="BCĐ",
    )  # fmt: skip


def _walk_in_member(db: Any, meeting: int, roster: Roster, **kw: Any) -> Any:  # noqa: F811
    # The unit's head (an agency head) joins the meeting's link uninvited.
    return add_walk_in(
        db, meeting, {"unit_id": roster.health}, expected_version=get_meeting(db, meeting).version,
        now=START + timedelta(minutes=25), **kw,
    )  # fmt: skip


def test_the_invited_count_leaves_the_walk_in_out_and_the_minutes_say_so(
    db: Any, roster: Roster, marked: int  # noqa: F811
) -> None:
    added = _walk_in_member(db, marked, roster, status="online")
    assert (added.status, added.arrived_at) == ("online", None)

    summary = summarise(attendance_rows(db, marked))
    assert (summary.members_present, summary.members_invited) == (3, 4)  # not 4/5
    assert (summary.guests_invited, summary.walk_ins) == (0, 1)
    assert summary.text.endswith("; ngoài ra 1 người dự không theo giấy mời."), summary.text
    assert "0/0" not in summary.text

    d = get_meeting(db, marked)
    assert d.counts["agency_head"] == 0 and sum(d.counts.values()) == 4
    row = next(i for i in d.invitees if i.id == added.invitee_id)
    assert row.walk_in and row.category_label == "Thủ trưởng cơ quan, đơn vị (không theo giấy mời)"
    listed = next(r for r in list_meetings(db) if r.id == marked)
    assert (listed.invited, listed.present) == (4, 3)

    # The minutes on screen: the group's sentence, the walk-ins' group, their own line.
    lines = minutes_draft(db, marked).attendance
    assert SENTENCE + "." in lines
    assert "Lãnh đạo các cơ quan, đơn vị: 1 người dự không theo giấy mời." in lines
    assert "Dự không theo giấy mời: Ngô Ngọc Thủy, Giám đốc Sở Y tế, Sở Y tế (dự trực tuyến)" in (
        lines
    )

    # The minutes on paper, read back.
    text = all_text(open_pdf(service.draft(db, "minutes", marked)))
    assert f"- {SENTENCE}." in text
    assert "- Lãnh đạo các cơ quan, đơn vị: 1 người dự không theo giấy mời." in text
    assert "+ Dự không theo giấy mời: Ngô Ngọc Thủy, Giám đốc Sở Y tế (dự trực tuyến)." in text


def test_a_walk_in_in_a_group_of_invited_is_counted_after_them(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    # The chair and the standing member invited; a member comes uninvited, late.
    _organisation(db)
    meeting = create_meeting(
        db, **base(roster),
        invitations=[Invitation(person_id=roster.head), Invitation(person_id=roster.standing)],
    )  # fmt: skip
    d = get_meeting(db, meeting)
    v = record_attendance(
        db, meeting, [{"invitee_id": i.id, "status": "present"} for i in d.invitees],
        expected_version=d.version, now=START,
    )  # fmt: skip
    late = add_walk_in(
        db, meeting, {"person_id": roster.member}, expected_version=v, status="late",
        now=START + timedelta(minutes=3),  # within the first minutes, yet told: late
    )  # fmt: skip
    assert (late.status, late.arrived_at) == ("late", START + timedelta(minutes=3))
    line = "Thành viên Ban Chỉ đạo: dự họp 2/2; ngoài ra có 1 người dự không theo giấy mời."
    assert line in minutes_draft(db, meeting).attendance
    text = all_text(open_pdf(service.draft(db, "minutes", meeting)))
    assert f"- {line}" in text
    assert (
        "+ Dự không theo giấy mời: Nguyễn Bá Thịnh, Giám đốc Sở Tư pháp, Sở Thông tin và "
        "Truyền thông (đến muộn lúc 08 giờ 03 phút)." in text
    )
    # Those present of the invited are named without the walk-in.
    assert "Có mặt: Vũ Duy Tiến" in text and "Có mặt: Nguyễn Bá Thịnh" not in text


def test_a_walk_in_takes_an_attending_mark_only(db: Any, roster: Roster, marked: int) -> None:  # noqa: F811
    added = _walk_in_member(db, marked, roster)
    v = get_meeting(db, marked).version
    with pytest.raises(ValidationError, match="dự không theo giấy mời") as bad:
        record_attendance(
            db, marked, [{"invitee_id": added.invitee_id, "status": "absent"}],
            expected_version=v, now=START + timedelta(minutes=30),
        )  # fmt: skip
    assert bad.value.field == "status"
    with pytest.raises(ValidationError, match="có mặt, đến muộn, dự trực tuyến") as bad:
        _walk_in_member(db, marked, roster, status="absent")
    assert bad.value.field == "status"
    # Online afterwards is an attending mark: accepted.
    record_attendance(
        db, marked, [{"invitee_id": added.invitee_id, "status": "online"}],
        expected_version=v, now=START + timedelta(minutes=30),
    )  # fmt: skip


def test_a_walk_in_added_by_mistake_is_removed_until_the_minutes_are_final(
    db: Any, roster: Roster, marked: int  # noqa: F811
) -> None:
    before = attendance_rows(db, marked)
    added = _walk_in_member(db, marked, roster)
    with pytest.raises(ConflictError):
        remove_walk_in(db, marked, added.invitee_id, expected_version=added.version - 1)
    invited = before[0].invitee_id
    with pytest.raises(ValidationError, match="có trong danh sách mời") as bad:
        remove_walk_in(db, marked, invited, expected_version=added.version)
    assert bad.value.field == "invitee_id"

    version = remove_walk_in(db, marked, added.invitee_id, expected_version=added.version)

    assert version == get_meeting(db, marked).version > added.version
    assert attendance_rows(db, marked) == before  # the list as it was, its order too
    assert summarise(before) == summarise(attendance_rows(db, marked))
    with db.session() as s:
        logged = s.scalars(
            select(ChangeLog.action).where(
                ChangeLog.table_name == "invitee", ChangeLog.record_id == added.invitee_id
            )
        ).all()
    assert "delete" in {str(a) for a in logged}  # the change log keeps what was removed

    again = _walk_in_member(db, marked, roster)
    day = START.date()
    service.issue(db, "minutes", marked, issued_on=day, today=day)
    with pytest.raises(BcdError, match=r"không xóa người dự được nữa.*mở lại biên bản"):
        remove_walk_in(
            db, marked, again.invitee_id, expected_version=get_meeting(db, marked).version
        )


def test_an_invitation_drafted_again_names_only_the_people_called(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    _organisation(db)
    meeting = create_meeting(
        db, **base(roster, kind="expanded"),
        invitations=[Invitation(person_id=roster.head), Invitation(person_id=roster.expert)],
    )  # fmt: skip
    first = all_text(open_pdf(service.draft(db, "invitation", meeting)))
    add_walk_in(
        db, meeting, {"guest_name": "Lê Văn Khách", "position": "Phó Giám đốc"},
        expected_version=get_meeting(db, meeting).version, now=START,
    )  # fmt: skip
    again = all_text(open_pdf(service.draft(db, "invitation", meeting)))
    assert "Trần Minh Khoa" in again and "Lê Văn Khách" not in again
    assert again == first
