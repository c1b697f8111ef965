"""A meeting names its secretary and its chair as they were when named on it, read back from the
PDFs: the minutes' "Thư ký (người ghi biên bản)" line and the convocation's contact line printed
the secretary with their record of today, so after the demo's 2025 merger the minutes of
8/1/2025 named Sở Khoa học và Công nghệ, the agency the secretary joined two months later.
Everyone on the invitee list was already printed from the snapshot taken on invitation; the
secretary is on no list, the chair need not be (:mod:`bdcq_desktop.core.meeting_people`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core import members
from bdcq_desktop.core.meetings import get_meeting, update_meeting
from bdcq_desktop.core.models import CommitteeRole, Meeting
from bdcq_desktop.documents import service
from tests.pdf_text import flat_text
from tests.snapshot_support import (
    AFTER,
    NEW_UNIT,
    OLD_UNIT,
    bundled_font,  # noqa: F401 (autouse: registers the font for this module)
    holder,
    meeting_of_may,
    moves,
    person_of_the_old_unit,
)

OLD_POSITION = "Chuyên viên Phòng Công nghệ thông tin"
NEW_POSITION = "Phó Trưởng phòng Chuyển đổi số"


def _head(db: Any) -> int:
    return holder(db, CommitteeRole.HEAD)


def _meeting_with_a_secretary(db: Any) -> tuple[int, int, int]:
    """A meeting recorded as held, its secretary staff of an agency that is merged afterwards,
    its chair (the Head) on no list: the Standing Member and an outside guest are invited."""
    secretary, new_unit = person_of_the_old_unit(
        db, "Trần Văn Ghi", OLD_POSITION, phone="0912 000 111"
    )
    meeting = meeting_of_may(
        db,
        chair_id=_head(db),
        secretary_id=secretary,
        agenda=[{"title": "Báo cáo tình hình chuyển đổi số", "planned_minutes": 30}],
        invitations=[
            {"person_id": holder(db, CommitteeRole.STANDING_MEMBER)},
            {"guest_name": "Trần Thị Khách", "unit_name": "Công ty A"},
        ],
    )
    return meeting, secretary, new_unit


def test_the_secretary_and_chair_keep_the_post_of_the_meetings_day(demo_db: Any) -> None:
    meeting, secretary, new_unit = _meeting_with_a_secretary(demo_db)
    head = _head(demo_db)
    chair_position = members.get_person(demo_db, head).position
    # After the meeting, the secretary's agency is merged and he is promoted; the Head moves on.
    moves(demo_db, secretary, unit_id=new_unit, position=NEW_POSITION)
    moves(demo_db, head, position="Bí thư Tỉnh ủy Nghệ An")

    minutes = flat_text(service.draft(demo_db, "minutes", meeting))
    assert (
        f"Thư ký (người ghi biên bản): Đồng chí Trần Văn Ghi, {OLD_POSITION}, {OLD_UNIT}."
        in minutes
    )
    convocation = flat_text(service.draft(demo_db, "convocation", meeting))
    assert (
        f"Thông tin chi tiết liên hệ: đồng chí Trần Văn Ghi, {OLD_POSITION}, {OLD_UNIT}, "
        "điện thoại 0912 000 111" in convocation
    )
    agenda = flat_text(service.draft(demo_db, "agenda", meeting))
    for text in (minutes, convocation, agenda):
        assert NEW_UNIT not in text and NEW_POSITION not in text
        assert chair_position in text and "Bí thư Tỉnh ủy" not in text


def test_a_new_secretary_is_named_as_of_the_change(demo_db: Any) -> None:
    """An edit of the meeting that keeps its secretary keeps the copy; naming another
    secretary copies theirs."""
    meeting, secretary, new_unit = _meeting_with_a_secretary(demo_db)
    moves(demo_db, secretary, unit_id=new_unit, position=NEW_POSITION)
    version = get_meeting(demo_db, meeting).version
    version = update_meeting(
        demo_db, meeting, expected_version=version, place="Phòng họp số 2", now=AFTER
    )
    assert f"Trần Văn Ghi, {OLD_POSITION}, {OLD_UNIT}." in flat_text(
        service.draft(demo_db, "minutes", meeting)
    )

    other = members.create_person(
        demo_db, full_name="Lê Thị Biên", position="Chuyên viên", unit_id=new_unit
    )
    update_meeting(demo_db, meeting, expected_version=version, secretary_id=other, now=AFTER)
    with demo_db.session() as s:
        m = s.get(Meeting, meeting)
        assert (m.secretary_position_snapshot, m.secretary_unit_snapshot) == (
            "Chuyên viên",
            NEW_UNIT,
        )
    assert f"Lê Thị Biên, Chuyên viên, {NEW_UNIT}." in flat_text(
        service.draft(demo_db, "minutes", meeting)
    )


def test_the_demos_minutes_of_january_2025_name_the_agency_of_that_day(demo_db: Any) -> None:
    """The demo's secretary moved with Sở Thông tin và Truyền thông into Sở Khoa học và Công
    nghệ on 1/3/2025: the minutes and convocation of 8/1/2025 name the former."""
    with demo_db.session() as s:
        m = s.scalars(select(Meeting).where(Meeting.starts_at < datetime(2025, 1, 9))).one()
        assert m.starts_at.date() == date(2025, 1, 8)
        meeting = m.id
    for kind in ("minutes", "convocation"):
        text = flat_text(service.draft(demo_db, kind, meeting))
        assert "Hoàng Xuân Bình, Chuyên viên Phòng Công nghệ thông tin, Sở Thông tin và " in text
        assert "Phòng Công nghệ thông tin, Sở Khoa học và Công nghệ" not in text


def test_a_meeting_recorded_after_a_move_names_the_post_held_at_its_start(demo_db: Any) -> None:
    """The meeting of 20/5 is recorded after its secretary and chair moved (logged today):
    the papers print what the change log says they held that morning, not today's post."""
    secretary, new_unit = person_of_the_old_unit(demo_db, "Trần Văn Ghi", OLD_POSITION)
    head = _head(demo_db)
    chair_position = members.get_person(demo_db, head).position
    moves(demo_db, secretary, unit_id=new_unit, position=NEW_POSITION)
    moves(demo_db, head, position="Bí thư Tỉnh ủy Nghệ An")
    meeting = meeting_of_may(
        demo_db,
        chair_id=head,
        secretary_id=secretary,
        invitations=[{"person_id": holder(demo_db, CommitteeRole.STANDING_MEMBER)}],
    )
    with demo_db.session() as s:
        m = s.get(Meeting, meeting)
        assert (m.secretary_position_snapshot, m.secretary_unit_snapshot) == (
            OLD_POSITION,
            OLD_UNIT,
        )
        assert m.chair_position_snapshot == chair_position
    minutes = flat_text(service.draft(demo_db, "minutes", meeting))
    assert (
        f"Thư ký (người ghi biên bản): Đồng chí Trần Văn Ghi, {OLD_POSITION}, {OLD_UNIT}."
        in minutes
    )
    assert chair_position in minutes and "Bí thư Tỉnh ủy" not in minutes
    assert NEW_UNIT not in minutes and NEW_POSITION not in minutes
