"""A meeting names its secretary and its chair as they were when named on it, read back from the
PDFs: the minutes' "Thư ký (người ghi biên bản)" line and the convocation's contact line printed
the secretary with their record of today, so after the demo's 2025 merger the minutes of
8/1/2025 named Sở Khoa học và Công nghệ, the agency the secretary joined two months later.
Everyone on the invitee list was already printed from the snapshot taken on invitation; the
secretary is on no list, the chair need not be (:mod:`bdcq_desktop.core.meeting_people`)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import select

from bdcq_desktop.core import members, units
from bdcq_desktop.core.meetings import create_meeting, get_meeting, update_meeting
from bdcq_desktop.core.models import CommitteeMembership, CommitteeRole, Meeting
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service

HELD = datetime(2026, 5, 20, 8, 0)
AFTER = datetime(2026, 5, 20, 12, 0)
OLD_UNIT, NEW_UNIT = "Sở Thử nghiệm Trước sáp nhập", "Sở Thử nghiệm Sau sáp nhập"
OLD_POSITION = "Chuyên viên Phòng Công nghệ thông tin"
NEW_POSITION = "Phó Trưởng phòng Chuyển đổi số"


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    docfonts.register_fonts(prefer_system=False)
    yield


def _flat(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pdf.pages))


def _holder(db: Any, role: CommitteeRole) -> int:
    with db.session() as s:
        return int(
            s.scalar(
                select(CommitteeMembership.person_id).where(
                    CommitteeMembership.role == role, CommitteeMembership.end_date.is_(None)
                )
            )
        )


def _head(db: Any) -> int:
    return _holder(db, CommitteeRole.HEAD)


def _moves(db: Any, person_id: int, **fields: Any) -> None:
    """The officer edits the person's record (the people dialog's save)."""
    members.update_person(
        db, person_id, expected_version=members.get_person(db, person_id).version, **fields
    )


def _meeting_with_a_secretary(db: Any) -> tuple[int, int, int]:
    """A meeting recorded as held, its secretary staff of an agency that is merged afterwards,
    its chair (the Head) on no list: the Standing Member and an outside guest are invited."""
    old_unit = units.create_unit(db, name=OLD_UNIT)
    new_unit = units.create_unit(db, name=NEW_UNIT)
    secretary = members.create_person(
        db, full_name="Trần Văn Ghi", position=OLD_POSITION, unit_id=old_unit, phone="0912 000 111"
    )
    meeting = create_meeting(
        db,
        title="Họp Ban Chỉ đạo tháng 5 năm 2026",
        kind="expanded",
        starts_at=HELD,
        ends_at=HELD.replace(hour=11),
        place="Phòng họp số 1",
        chair_id=_head(db),
        secretary_id=secretary,
        agenda=[{"title": "Báo cáo tình hình chuyển đổi số", "planned_minutes": 30}],
        invitations=[
            {"person_id": _holder(db, CommitteeRole.STANDING_MEMBER)},
            {"guest_name": "Trần Thị Khách", "unit_name": "Công ty A"},
        ],
        held=True,
        now=AFTER,
    )
    return meeting, secretary, new_unit


def test_the_secretary_and_chair_keep_the_post_of_the_meetings_day(demo_db: Any) -> None:
    meeting, secretary, new_unit = _meeting_with_a_secretary(demo_db)
    head = _head(demo_db)
    chair_position = members.get_person(demo_db, head).position
    # After the meeting, the secretary's agency is merged and he is promoted; the Head moves on.
    _moves(demo_db, secretary, unit_id=new_unit, position=NEW_POSITION)
    _moves(demo_db, head, position="Bí thư Tỉnh ủy Nghệ An")

    minutes = _flat(service.draft(demo_db, "minutes", meeting))
    assert (
        f"Thư ký (người ghi biên bản): Đồng chí Trần Văn Ghi, {OLD_POSITION}, {OLD_UNIT}."
        in minutes
    )
    convocation = _flat(service.draft(demo_db, "convocation", meeting))
    assert (
        f"Thông tin chi tiết liên hệ: đồng chí Trần Văn Ghi, {OLD_POSITION}, {OLD_UNIT}, "
        "điện thoại 0912 000 111" in convocation
    )
    agenda = _flat(service.draft(demo_db, "agenda", meeting))
    for text in (minutes, convocation, agenda):
        assert NEW_UNIT not in text and NEW_POSITION not in text
        assert chair_position in text and "Bí thư Tỉnh ủy" not in text


def test_a_new_secretary_is_named_as_of_the_change(demo_db: Any) -> None:
    """An edit of the meeting that keeps its secretary keeps the copy; naming another
    secretary copies theirs."""
    meeting, secretary, new_unit = _meeting_with_a_secretary(demo_db)
    _moves(demo_db, secretary, unit_id=new_unit, position=NEW_POSITION)
    version = get_meeting(demo_db, meeting).version
    version = update_meeting(
        demo_db, meeting, expected_version=version, place="Phòng họp số 2", now=AFTER
    )
    assert f"Trần Văn Ghi, {OLD_POSITION}, {OLD_UNIT}." in _flat(
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
    assert f"Lê Thị Biên, Chuyên viên, {NEW_UNIT}." in _flat(
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
        text = _flat(service.draft(demo_db, kind, meeting))
        assert "Hoàng Xuân Bình, Chuyên viên Phòng Công nghệ thông tin, Sở Thông tin và " in text
        assert "Phòng Công nghệ thông tin, Sở Khoa học và Công nghệ" not in text


def test_a_meeting_recorded_after_a_move_names_the_post_held_at_its_start(demo_db: Any) -> None:
    """The meeting of 20/5 is recorded after its secretary and chair moved (logged today):
    the papers print what the change log says they held that morning, not today's post."""
    old_unit = units.create_unit(demo_db, name=OLD_UNIT)
    new_unit = units.create_unit(demo_db, name=NEW_UNIT)
    secretary = members.create_person(
        demo_db, full_name="Trần Văn Ghi", position=OLD_POSITION, unit_id=old_unit
    )
    head = _head(demo_db)
    chair_position = members.get_person(demo_db, head).position
    _moves(demo_db, secretary, unit_id=new_unit, position=NEW_POSITION)
    _moves(demo_db, head, position="Bí thư Tỉnh ủy Nghệ An")
    meeting = create_meeting(
        demo_db,
        title="Họp Ban Chỉ đạo tháng 5 năm 2026",
        kind="expanded",
        starts_at=HELD,
        ends_at=HELD.replace(hour=11),
        place="Phòng họp số 1",
        chair_id=head,
        secretary_id=secretary,
        invitations=[{"person_id": _holder(demo_db, CommitteeRole.STANDING_MEMBER)}],
        held=True,
        now=AFTER,
    )
    with demo_db.session() as s:
        m = s.get(Meeting, meeting)
        assert (m.secretary_position_snapshot, m.secretary_unit_snapshot) == (
            OLD_POSITION,
            OLD_UNIT,
        )
        assert m.chair_position_snapshot == chair_position
    minutes = _flat(service.draft(demo_db, "minutes", meeting))
    assert (
        f"Thư ký (người ghi biên bản): Đồng chí Trần Văn Ghi, {OLD_POSITION}, {OLD_UNIT}."
        in minutes
    )
    assert chair_position in minutes and "Bí thư Tỉnh ủy" not in minutes
    assert NEW_UNIT not in minutes and NEW_POSITION not in minutes
