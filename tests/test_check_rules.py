"""``bdcq check``'s logical rules, each broken once on a copy of the demo database (the way an
older version or a hand edit could have left it) and found, with the record it names."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, insert, select, update

from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.membership_rules import current_on
from bdcq_desktop.core.models import (
    CommitteeMembership,
    CommitteeRole,
    Invitee,
    IssuedDocument,
    Meeting,
    MeetingStatus,
    Minutes,
    Person,
    ReportingRound,
    Task,
    TaskStatus,
)
from tests.conftest import DEMO_TODAY


def found(db: Database) -> set[tuple[str, str]]:
    return {(p.code, p.record) for p in run_checks(db, DEMO_TODAY)}


def test_each_rule_finds_what_breaks_it(demo_db: Database) -> None:
    before = found(demo_db)
    expected: set[tuple[str, str]] = set()
    cm = CommitteeMembership.__table__
    with demo_db.session() as s:
        current = s.execute(select(cm).where(current_on(cm.c, DEMO_TODAY)).order_by(cm.c.id)).all()
        members = [dict(r._mapping) for r in current if r.role != CommitteeRole.HEAD.value]
        # A second Head, and a member holding two current roles.
        s.execute(update(cm).where(cm.c.id == members[0]["id"]).values(role="head"))
        twice = {**members[1], "id": s.scalar(select(func.max(cm.c.id))) + 1}
        s.execute(insert(cm).values(**twice))
        expected.add(("duplicate_membership", f"person#{twice['person_id']}"))

        meetings = s.scalars(select(Meeting.id).order_by(Meeting.id)).all()
        # A meeting of last year still planned.
        s.execute(
            update(Meeting)
            .where(Meeting.id == meetings[0])
            .values(
                status=MeetingStatus.PLANNED,
                starts_at=datetime(DEMO_TODAY.year - 1, 3, 2, 8),
                ends_at=None,
            )
        )
        expected.add(("meeting_past_planned", f"meeting#{meetings[0]}"))
        # A held meeting nobody was invited to.
        s.execute(delete(Invitee).where(Invitee.meeting_id == meetings[1]))
        s.execute(update(Meeting).where(Meeting.id == meetings[1]).values(status="held"))
        expected.add(("no_attendance", f"meeting#{meetings[1]}"))
        # Final minutes without their issued PDF.
        with_minutes = s.scalar(
            select(Minutes.meeting_id).where(Minutes.is_final.is_(False)).order_by(Minutes.id)
        )
        s.execute(
            update(Minutes)
            .where(Minutes.meeting_id == with_minutes)
            .values(is_final=True, pdf_sha256=None)
        )
        expected.add(("minutes_unsigned", f"meeting#{with_minutes}"))
        # A task done on no date.
        task = s.scalar(select(Task.id).order_by(Task.id).limit(1))
        s.execute(
            update(Task).where(Task.id == task).values(status=TaskStatus.DONE, completed_on=None)
        )
        expected.add(("task_done_no_date", f"task#{task}"))
        # A register series with a number missing.
        for number in (1, 3):
            s.execute(
                insert(IssuedDocument).values(
                    kind="roster",
                    type_abbr="DS",
                    record_type="database",
                    record_id=0,
                    summary="thử",
                    file_path="x.pdf",
                    sha256="0" * 64,
                    year=2020,
                    number=number,
                    issued_on=date(2020, 1, number),
                    symbol=f"{number:02d}/DS-BCĐ",
                )
            )
        # A round of a regime opened twice for one period (two officers at once, before the
        # rule took turns): the copy keeps everything but its id.
        rnd = ReportingRound.__table__
        first = s.execute(
            select(rnd).where(rnd.c.regime_id.is_not(None)).order_by(rnd.c.id).limit(1)
        ).one()
        copy = {**first._mapping, "id": s.scalar(select(func.max(rnd.c.id))) + 1}
        s.execute(insert(rnd).values(**copy))
        expected.add(("round_duplicate", f"reporting_round#{copy['id']}"))
    after = found(demo_db)
    assert expected <= after - before, after - before
    problems = run_checks(demo_db, DEMO_TODAY)
    heads = [p for p in problems if p.code == "heads"]
    assert len(heads) == 1 and "2 Trưởng ban" in heads[0].message
    gaps = [p.message for p in problems if p.code == "register_gap"]
    assert len(gaps) == 1 and "DS năm 2020" in gaps[0] and "số lớn nhất 3" in gaps[0]
    [both] = [p.message for p in problems if p.code == "duplicate_membership"]
    with demo_db.session() as s:
        name = s.get(Person, twice["person_id"]).full_name  # type: ignore[union-attr]
    assert both == f"{name} có 2 vai trò đương nhiệm cùng lúc trong Ban Chỉ đạo.", both
    [twice] = [p.message for p in problems if p.code == "round_duplicate"]
    assert f"2 đợt cùng kỳ {first.period_label}" in twice
    assert f"các đợt mã {first.id}, {copy['id']}" in twice, twice
    assert found(demo_db) == after  # read-only: a second run finds the same


def test_open_meetings_whose_chair_lost_the_role_on_their_day(demo_db: Database) -> None:
    """A reorganisation saved after a meeting was planned: the chair (and caller) of the planned
    regular meeting is no longer Head on its day. ``bdcq check`` names the meeting, the person
    and why, once; the meeting's pane says the same; held meetings are left alone."""
    from bdcq_desktop.core.meeting_detail import get_meeting
    from bdcq_desktop.ui.tabs.meeting_record import MeetingRecordPane

    assert not [p for p in run_checks(demo_db, DEMO_TODAY) if p.code == "meeting_roles"]
    with demo_db.session() as s:
        m = s.scalars(
            select(Meeting)
            .where(Meeting.status == MeetingStatus.PLANNED, Meeting.kind == "regular")
            .order_by(Meeting.starts_at)
        ).first()
        assert m is not None and m.chair_id is not None
        meeting_id, day, chair = m.id, m.starts_at.date(), m.chair.full_name
        # The Head's term ends the day before the meeting (a reorganisation effective then).
        s.execute(
            update(CommitteeMembership)
            .where(CommitteeMembership.person_id == m.chair_id)
            .values(end_date=day - timedelta(days=1))
        )
    problems = [p for p in run_checks(demo_db, DEMO_TODAY) if p.code == "meeting_roles"]
    assert [p.record for p in problems] == [f"meeting#{meeting_id}"]
    [why] = [p.message for p in problems]
    assert chair in why and f"{day:%d/%m/%Y}" in why
    assert "không phải Trưởng ban, Phó Trưởng ban" in why, why
    detail = get_meeting(demo_db, meeting_id)
    assert detail.roles_warning is not None and detail.roles_warning in why
    assert chair in MeetingRecordPane.heading_html(detail)
    # A held meeting of the same chair is history, not a problem.
    held = [
        d
        for d in (get_meeting(demo_db, i) for i in _held_ids(demo_db))
        if d.chair is not None and d.chair.name == chair
    ]
    assert held and all(d.roles_warning is None for d in held)


def _held_ids(db: Database) -> list[int]:
    with db.session() as s:
        return list(
            s.scalars(
                select(Meeting.id).where(
                    Meeting.status.in_([MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL])
                )
            )
        )


def test_sessions_not_over_whose_convener_lost_the_role(demo_db: Database) -> None:
    """Rule 8 on the sessions ahead: the Tổ trưởng convenes (a Tổ phó when there is none).
    A roster change saved after a session was convened (the Tổ trưởng's term ends before its
    first day) leaves a convocation to be signed under a title its signer no longer holds;
    ``bdcq check`` names the session and why. Sessions over are history."""
    from bdcq_desktop.core import working_group as wg
    from bdcq_desktop.core.models import GroupMembership, GroupRole, WorkingSession

    start = DEMO_TODAY + timedelta(days=30)
    while start.weekday() != 0:
        start += timedelta(days=1)
    sid = wg.create_session(
        demo_db, purpose="proposal", title="Rà soát danh mục dữ liệu dùng chung",
        starts_on=start, ends_on=start + timedelta(days=4),
    )  # fmt: skip
    assert not [p for p in run_checks(demo_db, DEMO_TODAY) if p.code == "session_convener"]
    with demo_db.session() as s:
        session = s.get(WorkingSession, sid)
        assert session is not None and session.convened_by is not None
        leader = session.convened_by.full_name
        # The Tổ trưởng's term ends the week before; the over sessions he convened stay.
        s.execute(
            update(GroupMembership)
            .where(
                GroupMembership.person_id == session.convened_by_id,
                GroupMembership.role == GroupRole.LEADER,
                current_on(GroupMembership, start),
            )
            .values(end_date=start - timedelta(days=7))
        )
    problems = [p for p in run_checks(demo_db, DEMO_TODAY) if p.code == "session_convener"]
    assert [p.record for p in problems] == [f"session#{sid}"], problems
    [why] = [p.message for p in problems]
    assert "Rà soát danh mục dữ liệu dùng chung" in why and leader in why, why
    assert "không phải Tổ phó" in why, why
    # The same run a day after the session: it is over, nothing to say.
    after = start + timedelta(days=5)
    assert not [p for p in run_checks(demo_db, after) if p.code == "session_convener"]
