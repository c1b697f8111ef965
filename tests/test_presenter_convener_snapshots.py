"""An agenda's presenter and a working session's convener are printed as they were when named
on the record, read back from exported PDFs: a presenter on no invitee list who is neither the
chair nor the secretary, and a convener who takes no part in the session, were printed with
their record of today, so a promotion or a merger after the day rewrote the old agenda and
convocation (:mod:`bdcq_desktop.core.meeting_people`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bdcq_desktop.core import members, units
from bdcq_desktop.core.agenda import set_agenda
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.models import AgendaItem, CommitteeRole, WorkingSession
from bdcq_desktop.core.session_people import add_participants
from bdcq_desktop.core.working_group import (
    create_session,
    group_leader_on,
    group_members_on,
    update_session,
)
from bdcq_desktop.documents import service
from bdcq_desktop.documents.text import position_and_unit
from tests.pdf_tables import table_cells
from tests.pdf_text import flat_text
from tests.snapshot_support import (
    NEW_UNIT,
    OLD_UNIT,
    bundled_font,  # noqa: F401 (autouse: registers the font for this module)
    holder,
    meeting_of_may,
    moves,
    person_of_the_old_unit,
)

OLD_POSITION = "Phó Giám đốc phụ trách chuyển đổi số"
NEW_POSITION = "Giám đốc điều hành trung tâm dữ liệu"
DAY = date(2026, 6, 1)  # the working session's first day


def _exported(db: Any, kind: str, record_id: int, folder: Path) -> str:
    path = folder / f"{kind}-{record_id}.pdf"
    service.export(db, kind, record_id, path)
    return flat_text(path)


def _presenter_snapshot(db: Any, meeting_id: int) -> tuple[str | None, str | None]:
    with db.session() as s:
        item = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).one()
        return item.presenter_position_snapshot, item.presenter_unit_snapshot


def _presented_meeting(db: Any, presenter: int) -> int:
    """The meeting of 20/5 chaired by the Head, the Standing Member invited, one item presented
    by ``presenter`` (on no list)."""
    return meeting_of_may(
        db,
        chair_id=holder(db, CommitteeRole.HEAD),
        agenda=[{"title": "Báo cáo dữ liệu", "presenter_person_id": presenter}],
        invitations=[{"person_id": holder(db, CommitteeRole.STANDING_MEMBER)}],
    )


def _leader(s: Session, day: date) -> tuple[int, str]:
    """The working group's leader on ``day``: (their id, their position and agency then)."""
    leader = group_leader_on(s, day)
    assert leader is not None
    before = position_and_unit(leader.position or "", leader.unit.name if leader.unit else "")
    return leader.id, before


def _session_from(db: Any, day: date) -> int:
    """A working session from ``day`` to 3/6/2026 on a proposal."""
    return create_session(
        db, purpose="proposal", title="Xây dựng đề án kho dữ liệu dùng chung",
        starts_on=day, ends_on=date(2026, 6, 3),
    )  # fmt: skip


def test_a_presenter_on_no_list_keeps_the_post_of_the_meetings_day(
    demo_db: Any, tmp_path: Path
) -> None:
    presenter, new_unit = person_of_the_old_unit(demo_db, "Lê Văn Trình", OLD_POSITION)
    meeting = _presented_meeting(demo_db, presenter)
    # Promoted into the merged agency after the meeting, through the core.
    moves(demo_db, presenter, unit_id=new_unit, position=NEW_POSITION)
    # An agenda saved again (a new title) keeps the presenter as named on the item.
    item = get_meeting(demo_db, meeting).agenda[0]
    set_agenda(
        demo_db, meeting, [{**item.as_line().__dict__, "title": "Báo cáo dữ liệu dùng chung"}],
        expected_version=get_meeting(demo_db, meeting).version,
    )  # fmt: skip
    assert _presenter_snapshot(demo_db, meeting) == (OLD_POSITION, OLD_UNIT)

    agenda = _exported(demo_db, "agenda", meeting, tmp_path)
    cells = table_cells(tmp_path / f"agenda-{meeting}.pdf")
    assert f"Đồng chí Lê Văn Trình, {OLD_POSITION}, {OLD_UNIT}" in cells
    convocation = _exported(demo_db, "convocation", meeting, tmp_path)
    assert OLD_UNIT in convocation
    for text in (agenda, convocation):
        assert NEW_UNIT not in text and NEW_POSITION not in text

    # Another presenter named on the item is copied as of now.
    other = members.create_person(
        demo_db, full_name="Trần Thị Thay", position="Chuyên viên", unit_id=new_unit
    )
    set_agenda(
        demo_db, meeting,
        [{**item.as_line().__dict__, "presenter_person_id": other}],
        expected_version=get_meeting(demo_db, meeting).version,
    )  # fmt: skip
    assert _presenter_snapshot(demo_db, meeting) == ("Chuyên viên", NEW_UNIT)


def test_a_convener_taking_no_part_keeps_the_post_of_the_sessions_day(
    demo_db: Any, tmp_path: Path
) -> None:
    with demo_db.session() as s:
        leader_id, before = _leader(s, DAY)
        others = [pid for pid in group_members_on(s, DAY) if pid != leader_id][:3]
    session = _session_from(demo_db, DAY)
    with demo_db.session() as s:
        version = s.get(WorkingSession, session).version
    add_participants(demo_db, session, person_ids=others, expected_version=version)
    new_unit = units.create_unit(demo_db, name=NEW_UNIT)
    moves(demo_db, leader_id, unit_id=new_unit, position=NEW_POSITION)
    with demo_db.session() as s:
        version = s.get(WorkingSession, session).version
    update_session(  # an edit keeping the convener keeps the copy
        demo_db, session, expected_version=version, place="Phòng họp Sở Khoa học và Công nghệ"
    )

    text = _exported(demo_db, "wg-convocation", session, tmp_path)
    assert f", {before}, Tổ trưởng Tổ công tác." in text
    assert NEW_UNIT not in text and NEW_POSITION not in text


def test_the_committee_of_a_past_day_is_listed_with_the_post_of_that_day(
    demo_db: Any, tmp_path: Path
) -> None:
    """A meeting with no invitees lists the committee of its day, the roster of a past date
    the committee of that date: each member's position and agency are those the change log
    says they held then (the roster keeps neither), not today's."""
    member = holder(demo_db, CommitteeRole.STANDING_MEMBER)
    before = members.get_person(demo_db, member)
    meeting = meeting_of_may(demo_db, kind="regular", chair_id=holder(demo_db, CommitteeRole.HEAD))
    assert not get_meeting(demo_db, meeting).invitees
    new_unit = units.create_unit(demo_db, name=NEW_UNIT)
    moves(demo_db, member, unit_id=new_unit, position=NEW_POSITION)

    _exported(demo_db, "attendance", meeting, tmp_path)
    sheet = table_cells(tmp_path / f"attendance-{meeting}.pdf")
    assert before.full_name in sheet and before.unit in sheet
    assert NEW_UNIT not in sheet and NEW_POSITION not in sheet

    path = tmp_path / "roster.pdf"
    path.write_bytes(service.draft(demo_db, "roster", today=date(2026, 6, 1)))
    roster = table_cells(path)
    assert position_and_unit(before.position, before.unit) in roster
    assert not [c for c in roster if NEW_UNIT in c or NEW_POSITION in c]
    path.write_bytes(service.draft(demo_db, "roster"))  # today: the post of today
    assert position_and_unit(NEW_POSITION, NEW_UNIT) in table_cells(path)


def test_a_presenter_and_a_convener_named_on_a_past_record_take_the_post_of_its_day(
    demo_db: Any, tmp_path: Path
) -> None:
    """Recorded after the people moved (logged today): a past meeting's presenter and a past
    session's convener are printed as the change log says they stood at its start."""
    presenter, new_unit = person_of_the_old_unit(demo_db, "Lê Văn Trình", OLD_POSITION)
    moves(demo_db, presenter, unit_id=new_unit, position=NEW_POSITION)
    meeting = _presented_meeting(demo_db, presenter)
    assert _presenter_snapshot(demo_db, meeting) == (OLD_POSITION, OLD_UNIT)
    _exported(demo_db, "agenda", meeting, tmp_path)
    cells = table_cells(tmp_path / f"agenda-{meeting}.pdf")
    assert f"Đồng chí Lê Văn Trình, {OLD_POSITION}, {OLD_UNIT}" in cells

    with demo_db.session() as s:
        leader_id, before = _leader(s, DAY)
    moves(demo_db, leader_id, unit_id=new_unit, position=NEW_POSITION)
    session = _session_from(demo_db, DAY)
    text = _exported(demo_db, "wg-convocation", session, tmp_path)
    assert f", {before}, Tổ trưởng Tổ công tác." in text
    assert NEW_UNIT not in text and NEW_POSITION not in text
