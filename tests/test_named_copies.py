"""A correction of a person (or a unit's name) reaches the copies a meeting still to come keeps
of them, read back from the PDFs: a person named on a meeting planned for next week, then
corrected, was still printed with the post typed first (:mod:`bdcq_desktop.core.named_copies`).
A meeting already held, or whose issued documents print the person, keeps its copy."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import change_log, members, units
from bdcq_desktop.core.attendance import record_attendance
from bdcq_desktop.core.meetings import create_meeting
from bdcq_desktop.core.models import (
    AgendaItem,
    ChangeLog,
    CommitteeRole,
    Invitee,
    IssuedDocument,
    Meeting,
    WorkingSession,
)
from bdcq_desktop.core.roster_io import apply_import, preview_import
from bdcq_desktop.core.session_people import add_participants
from bdcq_desktop.core.working_group import create_session, group_leader_on, group_members_on
from bdcq_desktop.documents import service
from tests.pdf_tables import table_cells
from tests.pdf_text import flat_text
from tests.snapshot_support import (
    AFTER,
    bundled_font,  # noqa: F401 (autouse: registers the font for this module)
    holder,
    meeting_of_may,
    moves,
)
from tests.test_roster_io import ROWS, write_csv

TYPED = "Phó Giám đốc Sở Thử nghiệm"  # typed wrongly, or held before a promotion
CORRECTED = "Giám đốc Sở Thử nghiệm"
STAFF_TYPED = "Chuyên viên Phòng Tổng hợp"
STAFF_CORRECTED = "Trưởng phòng Tổng hợp"


def _next_week() -> datetime:
    return (datetime.now() + timedelta(days=7)).replace(hour=8, minute=0, second=0, microsecond=0)


def _people(db: Any) -> tuple[int, int, int]:
    """Mr X (a member, typed ``TYPED``), the secretary (staff, ``STAFF_TYPED``) and their
    unit."""
    unit = units.create_unit(db, name="Sở Thử nghiệm")
    x = members.create_person(db, full_name="Đỗ Văn Xuân", position=TYPED, unit_id=unit)
    secretary = members.create_person(
        db, full_name="Trần Văn Ghi", position=STAFF_TYPED, unit_id=unit
    )
    return x, secretary, unit


def _naming(db: Any, x: int, secretary: int, **fields: Any) -> dict[str, Any]:
    """The meeting's fields naming X on its list and its agenda, and the secretary."""
    return dict(
        chair_id=holder(db, CommitteeRole.HEAD),
        secretary_id=secretary,
        agenda=[{"title": "Báo cáo tình hình thử nghiệm", "presenter_person_id": x}],
        invitations=[{"person_id": x, "category": "member"}],
        **fields,
    )


def _planned(db: Any, x: int, secretary: int) -> int:
    starts = _next_week()
    return create_meeting(
        db,
        title="Họp Ban Chỉ đạo tuần tới",
        kind="expanded",
        starts_at=starts,
        ends_at=starts.replace(hour=11),
        place="Phòng họp số 1",
        **_naming(db, x, secretary),
    )


def _copies(db: Any, meeting: int, person: int) -> tuple[Any, ...]:
    with db.session() as s:
        m = s.get(Meeting, meeting)
        inv = s.scalars(
            select(Invitee).where(Invitee.meeting_id == meeting, Invitee.person_id == person)
        ).one()
        item = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting)).one()
        return (
            inv.position_snapshot,
            item.presenter_position_snapshot,
            m.secretary_position_snapshot,
        )


def test_a_meeting_still_to_come_follows_the_correction(demo_db: Any, tmp_path: Path) -> None:
    x, secretary, _unit = _people(demo_db)
    meeting = _planned(demo_db, x, secretary)
    moves(demo_db, x, position=CORRECTED)
    moves(demo_db, secretary, position=STAFF_CORRECTED)

    assert _copies(demo_db, meeting, x)[:2] == (CORRECTED, CORRECTED)
    text = flat_text(service.draft(demo_db, "convocation", meeting))
    assert f"Đồng chí Đỗ Văn Xuân, {CORRECTED}." in text
    assert f"đồng chí Trần Văn Ghi, {STAFF_CORRECTED}, Sở Thử nghiệm" in text
    assert TYPED not in text and STAFF_TYPED not in text
    path = tmp_path / "agenda.pdf"
    path.write_bytes(service.draft(demo_db, "agenda", meeting))
    assert f"Đồng chí Đỗ Văn Xuân, {CORRECTED}" in " ".join(table_cells(path))

    # The history says what followed: the invitee's post, logged like any edit.
    with demo_db.session() as s:
        inv = s.scalars(select(Invitee).where(Invitee.person_id == x)).one()
        logged = s.scalars(
            select(ChangeLog).where(
                ChangeLog.table_name == "invitee",
                ChangeLog.record_id == inv.id,
                ChangeLog.action == "update",
            )
        ).all()
    assert [json.loads(r.changes)["position_snapshot"] for r in logged] == [[TYPED, CORRECTED]]
    # The meeting's history (its children's lines with it) reads as the list's row changed.
    shown = {
        (row.record_label, c.label, c.before_text(), c.after_text())
        for row in change_log.record_changes(demo_db, "meeting", meeting, children=True)
        for c in row.changes
    }
    day = f"{_next_week():%d/%m/%Y}"
    assert ("Thành phần mời: Đỗ Văn Xuân", "Chức vụ", TYPED, CORRECTED) in shown
    assert (f"Cuộc họp: Họp Ban Chỉ đạo tuần tới ({day})", "Chức vụ thư ký", STAFF_TYPED,
            STAFF_CORRECTED) in shown  # fmt: skip


def test_a_unit_renamed_reaches_a_meeting_still_to_come(demo_db: Any) -> None:
    x, secretary, unit = _people(demo_db)
    meeting = _planned(demo_db, x, secretary)
    units.rename_unit(demo_db, unit, "Sở Thử nghiệm và Phát triển")
    text = flat_text(service.draft(demo_db, "convocation", meeting))
    assert f"đồng chí Trần Văn Ghi, {STAFF_TYPED}, Sở Thử nghiệm và Phát triển" in text


def test_a_held_meeting_keeps_the_post_of_its_day(demo_db: Any) -> None:
    """The same correction: the minutes of the meeting held in May keep the post of that day,
    the meeting of next week takes the new one."""
    x, secretary, _unit = _people(demo_db)
    held = meeting_of_may(demo_db, **_naming(demo_db, x, secretary))
    with demo_db.session() as s:
        m = s.get(Meeting, held)
        present = [{"invitee_id": i.id, "status": "present"} for i in m.invitees]
        version = m.version
    record_attendance(demo_db, held, present, expected_version=version, now=AFTER)
    planned = _planned(demo_db, x, secretary)
    moves(demo_db, x, position=CORRECTED)
    moves(demo_db, secretary, position=STAFF_CORRECTED)

    assert _copies(demo_db, held, x) == (TYPED, TYPED, STAFF_TYPED)
    minutes = flat_text(service.draft(demo_db, "minutes", held))
    assert f"Đỗ Văn Xuân, {TYPED}" in minutes
    assert f"Trần Văn Ghi, {STAFF_TYPED}, Sở Thử nghiệm." in minutes
    assert f"Xuân, {CORRECTED}" not in minutes and STAFF_CORRECTED not in minutes
    assert _copies(demo_db, planned, x) == (CORRECTED, CORRECTED, STAFF_CORRECTED)


def test_an_issued_convocation_keeps_the_copy_of_its_meeting(
    demo_db: Any, tmp_path: Path
) -> None:
    """Convocation issued for next week's meeting: its stored PDF still matches, and the
    meeting keeps X as the convocation printed him, in the agenda still to be issued too
    (every paper of a meeting prints a person from one copy). A second meeting of next week,
    nothing issued, follows the same correction."""
    x, secretary, _unit = _people(demo_db)
    meeting = _planned(demo_db, x, secretary)
    other = _planned(demo_db, x, secretary)
    issued = service.issue(demo_db, "convocation", meeting)
    moves(demo_db, x, position=CORRECTED)
    moves(demo_db, secretary, position=STAFF_CORRECTED)

    assert _copies(demo_db, meeting, x) == (TYPED, TYPED, STAFF_TYPED)
    with demo_db.session() as s:
        row = s.get(IssuedDocument, issued.id)
        assert hashlib.sha256(row.content).hexdigest() == row.sha256 == issued.sha256
    path = tmp_path / "convocation.pdf"
    result = service.export(demo_db, "convocation", meeting, path)
    assert result.from_store and hashlib.sha256(path.read_bytes()).hexdigest() == issued.sha256
    assert f"Đồng chí Đỗ Văn Xuân, {TYPED}." in flat_text(path)
    agenda = tmp_path / "agenda.pdf"
    agenda.write_bytes(service.draft(demo_db, "agenda", meeting))
    assert f"Đồng chí Đỗ Văn Xuân, {TYPED}" in " ".join(table_cells(agenda))

    assert _copies(demo_db, other, x) == (CORRECTED, CORRECTED, STAFF_CORRECTED)


def test_an_invitation_issued_keeps_only_whom_it_prints(demo_db: Any) -> None:
    """The invitation calls the guests, not the members: issued, it keeps the guest's copy
    and the secretary's (its contact line), while a member still to be convened follows."""
    x, secretary, unit = _people(demo_db)
    guest = members.create_person(
        demo_db, full_name="Lê Thị Mời", position="Phó Chánh Văn phòng", unit_id=unit
    )
    starts = _next_week()
    head = holder(demo_db, CommitteeRole.HEAD)
    meeting = create_meeting(
        demo_db,
        title="Họp Ban Chỉ đạo mở rộng tuần tới",
        kind="expanded",
        starts_at=starts,
        ends_at=starts.replace(hour=11),
        place="Phòng họp số 1",
        chair_id=head,
        secretary_id=secretary,
        invitations=[
            {"person_id": x, "category": "member"},
            {"person_id": guest, "category": "guest"},
        ],
    )
    service.issue(demo_db, "invitation", meeting)
    moves(demo_db, x, position=CORRECTED)
    moves(demo_db, guest, position="Chánh Văn phòng")
    moves(demo_db, secretary, position=STAFF_CORRECTED)
    with demo_db.session() as s:
        rows = {
            i.person_id: i.position_snapshot
            for i in s.scalars(select(Invitee).where(Invitee.meeting_id == meeting))
        }
        kept = s.get(Meeting, meeting).secretary_position_snapshot
    # The chair, put on the list as the meeting was created, is named on its "Chủ trì" line.
    chair = members.get_person(demo_db, head).position
    assert rows == {x: CORRECTED, guest: "Phó Chánh Văn phòng", head: chair}
    assert kept == STAFF_TYPED


def test_a_working_session_still_to_come_follows_the_correction(demo_db: Any) -> None:
    """A participant of next week's working session, corrected: its convocation prints the
    new post; the session held in June keeps the old one."""
    first = _next_week().date()
    with demo_db.session() as s:
        member = group_members_on(s, first)
        person = next(pid for pid in member if pid != group_leader_on(s, first).id)
    typed = members.get_person(demo_db, person).position
    sessions = []
    for day in (date(2026, 6, 1), first):
        session = create_session(
            demo_db, purpose="proposal", title="Xây dựng đề án kho dữ liệu dùng chung",
            starts_on=day, ends_on=day + timedelta(days=2),
        )  # fmt: skip
        with demo_db.session() as s:
            version = s.get(WorkingSession, session).version
        add_participants(demo_db, session, person_ids=[person], expected_version=version)
        sessions.append(session)
    moves(demo_db, person, position="Chuyên gia trưởng chuyển đổi số")

    past, coming = (
        " ".join(table_cells(service.draft(demo_db, "wg-convocation", w))) for w in sessions
    )
    assert "Chuyên gia trưởng chuyển đổi số" in coming and typed not in coming
    assert typed in past and "Chuyên gia trưởng" not in past


@pytest.mark.postgres
def test_the_copies_follow_on_postgres(pg_db: Any) -> None:
    """The same save on a shared PostgreSQL server, where the meetings still to come are held
    (FOR UPDATE) until the edit commits."""
    unit = units.create_unit(pg_db, name="Sở Thử nghiệm")
    x = members.create_person(pg_db, full_name="Đỗ Văn Xuân", position=TYPED, unit_id=unit)
    meeting = _head_and_meeting(pg_db, x)
    moves(pg_db, x, position=CORRECTED)
    units.rename_unit(pg_db, unit, "Sở Thử nghiệm và Phát triển")
    with pg_db.session() as s:
        inv = s.scalars(
            select(Invitee).where(Invitee.meeting_id == meeting, Invitee.person_id == x)
        ).one()
        assert (inv.position_snapshot, inv.unit_snapshot) == (
            CORRECTED,
            "Sở Thử nghiệm và Phát triển",
        )


def _head_and_meeting(db: Any, person: int) -> int:
    """A Head on an empty database and a regular meeting next week inviting ``person`` (and
    its chair, the Head, put on the list with them)."""
    head = members.create_person(db, full_name="Vũ Duy Tiến", position="Chủ tịch UBND tỉnh")
    members.appoint(db, head, role="head", start_date=date(2026, 1, 1))
    return create_meeting(
        db, title="Họp Ban Chỉ đạo tuần tới", kind="regular", starts_at=_next_week(),
        chair_id=head, invitations=[{"person_id": person, "category": "member"}],
    )  # fmt: skip


def test_a_roster_import_updating_a_former_member_reaches_a_meeting_to_come(
    db: Any, tmp_path: Path
) -> None:
    """The import reuses a former member with the file's position: a meeting of next week
    inviting them prints it, as after an edit by hand."""
    unit = units.create_unit(db, name="Sở Tư pháp")
    pid = members.create_person(db, full_name="Trần Đức Lương", position="Chuyên viên",
                                unit_id=unit)  # fmt: skip
    ended = members.appoint(db, pid, role="member", start_date=date(2024, 1, 1))
    members.end_membership(db, ended, end_date=date(2025, 1, 1), decision_number="1/QĐ")
    meeting = _head_and_meeting(db, pid)
    path = tmp_path / "again.csv"
    path.write_text(write_csv(path, [ROWS[2]]), encoding="utf-8")
    preview = preview_import(db, path)
    assert preview.rows[0].existing_person_id == pid
    apply_import(db, preview, default_start=date(2026, 2, 10))
    with db.session() as s:
        inv = s.scalars(
            select(Invitee).where(Invitee.meeting_id == meeting, Invitee.person_id == pid)
        ).one()
        assert inv.position_snapshot == "Phó Giám đốc"
