"""Who to chase (bdcq_desktop/core/chase.py) against the status rules themselves, on a real
SQLite file and on a real PostgreSQL server: the list reads the unreceived submissions and the
rounds past due apart and matches them, and narrows the tasks in SQL without their deadline, so
the reports it gives must be exactly those :func:`submission_status` calls overdue (by due
date, then round, then submission, also when rounds fall due the same day) and the tasks
exactly those the tasks page calls overdue (by deadline, then task), with their days."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core import chase
from bdcq_desktop.core.models import (
    ReportingRound,
    Submission,
    SubmissionStatus,
    Task,
    Unit,
    submission_status,
)
from bdcq_desktop.core.task_tracking import track_tasks
from tests import report_fixtures as rf

DAY = date(2026, 3, 20)


def _add_ties(db: Any, data: rf.Ids) -> None:
    """Two more rounds due the same past day, their submissions added with ids interleaved
    (the later round's first), some received; and overdue tasks sharing a deadline."""
    due = DAY - timedelta(days=12)
    with db.session() as s:
        first = ReportingRound(title="Báo cáo chuyên đề một", period_label="Quý I", due_date=due)
        second = ReportingRound(title="Báo cáo chuyên đề hai", period_label="Quý I", due_date=due)
        s.add_all([first, second])
        s.flush()
        for r, unit, received in (
            (second, "B", None),
            (first, "B", None),
            (second, "A", None),
            (first, "C", DAY - timedelta(days=20)),
            (first, "A", None),
            (second, "D", None),  # retired: not chased
            (second, "C", None),
        ):
            s.add(Submission(round_id=r.id, unit_id=data.units[unit], received_on=received))
        for n in range(3):
            s.add(
                Task(
                    content=f"Nhiệm vụ cùng hạn {n}",
                    assignee_unit_id=data.units["B"],
                    assigned_on=DAY - timedelta(days=60),
                    deadline=DAY - timedelta(days=3),
                )
            )


def _expected(db: Any) -> dict[int, tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Unit id -> (reports, tasks) as the status rules give them, each in the list's order."""
    with db.session() as s:
        active = set(s.scalars(select(Unit.id).where(Unit.active.is_(True))))
        rows = s.execute(
            select(Submission.id, Submission.unit_id, Submission.received_on, ReportingRound).join(
                ReportingRound, Submission.round_id == ReportingRound.id
            )
        ).all()
        late = [
            (unit, r.due_date, r.id, sid, r.title, r.period_label, (DAY - r.due_date).days)
            for sid, unit, received, r in rows
            if unit in active
            and submission_status(received, r.due_date, DAY) == SubmissionStatus.OVERDUE
        ]
    out: dict[int, tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]] = {}
    for unit, due, rid, sid, title, period, days in sorted(late, key=lambda x: x[1:4]):
        # No unit here was merged into another: nothing is taken over ("").
        out.setdefault(unit, ([], []))[0].append((sid, rid, title, period, due, days, ""))
    overdue = track_tasks(db, status="overdue", today=DAY)
    for t in sorted(overdue, key=lambda t: (t.deadline, t.id)):
        if t.unit_id in active:
            out.setdefault(t.unit_id, ([], []))[1].append(
                (t.id, t.content, t.source, t.deadline, t.days_overdue, "", "")
            )
    return out


def _check(db: Any) -> None:
    data = rf.build(db, DAY)
    _add_ties(db, data)
    expected = _expected(db)
    units = chase.chase_list(db, today=DAY)
    got = {u.unit_id: ([tuple(r) for r in u.reports], [tuple(t) for t in u.tasks]) for u in units}
    assert got == expected
    assert [u.unit for u in units] == [rf.UNIT_A, rf.UNIT_B, rf.UNIT_C]
    # The two rounds due the same day: the earlier round first, each unit's in id order.
    b = next(u for u in units if u.unit == rf.UNIT_B)
    assert len({r.due_date for r in b.reports}) == 1 and len(b.reports) == 2
    assert [r.round_id for r in b.reports] == sorted(r.round_id for r in b.reports)
    assert len(b.tasks) == 4  # the one due yesterday and the three sharing a deadline
    # One unit's list is that unit's part of the whole.
    for unit_id, (reports, tasks) in expected.items():
        [only] = chase.chase_list(db, unit_id=unit_id, today=DAY)
        assert ([tuple(r) for r in only.reports], [tuple(t) for t in only.tasks]) == (
            reports,
            tasks,
        )


def test_chase_list_follows_the_status_rules(db: Any) -> None:
    _check(db)


def test_chase_list_follows_the_status_rules_on_postgres(pg_db: Any) -> None:
    _check(pg_db)
