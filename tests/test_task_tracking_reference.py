"""The tasks page's read (:func:`bdcq_desktop.core.task_tracking.track_tasks`: plain columns,
lookups, statuses counted only where they can differ) gives exactly the rows a straightforward
reading of the ORM objects gives, in the same order, on the demo data (SQLite and PostgreSQL),
and the page shows them as the plain rule says."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from bdcq_desktop.core import task_tracking
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.i18n import tr
from bdcq_desktop.core.models import Conclusion, Person, Task, TaskSource, TaskStatus, Unit
from bdcq_desktop.core.task_events import NO_FACTS, read_acts
from bdcq_desktop.core.tasks import (
    OPEN_STATUSES,
    STATUS_LABELS,
    STATUSES,
    days_overdue,
    task_status,
)
from bdcq_desktop.core.tasks_on import TaskState, given_by, over, standing_on
from bdcq_desktop.core.text import vi_key
from tests.conftest import DEMO_TODAY


def _heir(s: Any, unit: Unit | None, today: date) -> Unit | None:
    """The unit answering for ``unit``'s open work on ``today``: the unit it was merged into
    by then, and so on; itself if not merged by then."""
    while unit is not None and unit.merged_into_id is not None and unit.retired_on <= today:
        unit = s.get(Unit, unit.merged_into_id)
    return unit


def _reference(db: Database, today: date) -> list[task_tracking.TrackedTask]:
    """Every task read as ORM objects, each field as the module doc defines it, sorted by
    unit (order, then name; no unit last), then deadline (none last), then id. A task still
    open of a unit merged by the day counts for the unit that received it, and names it so
    (as does its focal unit). A past day's: the tasks given by then, each with its state of
    the day as the shared rule reads it (:func:`.tasks_on.standing_on`, which the tasks
    report also reads), applied here to the ORM objects."""
    with db.session() as s:
        tasks = list(
            s.scalars(
                select(Task).options(
                    joinedload(Task.conclusion).joinedload(Conclusion.meeting),
                    joinedload(Task.assignee_person).joinedload(Person.unit),
                    joinedload(Task.assignee_unit),
                    joinedload(Task.focal_unit),
                )
            ).unique()
        )
        # The deadline in force (an extension's), and what the acts dated by the day say.
        states = {t.id: TaskState(t.status, t.due, t.completed_on, t.result_report) for t in tasks}
        if over(today):
            states = standing_on(s.connection(), states, today)
        facts = read_acts(s.connection()).facts_on(today)
        keyed = []
        for t in tasks:
            meeting = t.conclusion.meeting if t.conclusion is not None else None
            if not given_by(today, t.assigned_on, meeting.starts_at if meeting else None):
                continue
            then = states[t.id]
            person = t.assignee_person
            unit = t.assignee_unit or (person.unit if person is not None else None)
            unit_id = t.assignee_unit_id
            if unit_id is None and person is not None:
                unit_id = person.unit_id
            status = task_status(then, today)
            focal = t.focal_unit.name if t.focal_unit is not None else ""
            taken = ""
            if status in ("not_due", "due_soon", "overdue"):
                heir = _heir(s, unit, today)
                if heir is not unit:
                    assert unit is not None and heir is not None
                    taken, unit, unit_id = unit.name, heir, heir.id
                focal_heir = _heir(s, t.focal_unit, today)
                if focal_heir is not t.focal_unit:
                    assert focal_heir is not None
                    focal = f"{focal_heir.name} (tiếp nhận từ {focal})"
            name = unit.name if unit is not None else ""
            fact = facts.get(t.id, NO_FACTS)
            is_open = status in OPEN_STATUSES
            row = task_tracking.TrackedTask(
                id=t.id,
                content=t.content,
                source=task_tracking._source(
                    t.source,
                    meeting.title if meeting is not None else None,
                    meeting.starts_at if meeting is not None else None,
                ),
                meeting_id=meeting.id if meeting is not None else None,
                unit_id=unit_id,
                unit=name,
                assignee=person.full_name if person is not None else "",
                focal_unit=focal,
                assigned_on=t.assigned_on,
                deadline=then.deadline,
                completed_on=then.completed_on,
                status=status,
                status_label=tr(STATUS_LABELS[status]),
                days_overdue=days_overdue(then, today),
                result_report=then.result_report or "",
                version=t.version,
                ad_hoc=t.source == TaskSource.AD_HOC,
                taken_from=taken,
                given_deadline=fact.given,
                progress=fact.progress.progress_text() if is_open and fact.progress else "",
            )
            rank = (unit.sort_order or 0) if unit is not None else 0
            place = (unit_id is None, rank, vi_key(name))
            key = (place, then.deadline is None, then.deadline or date.min, t.id)
            keyed.append((key, row))
    return [row for _key, row in sorted(keyed, key=lambda pair: pair[0])]


def _same_as_reference(db: Database, today: date) -> list[task_tracking.TrackedTask]:
    expected = _reference(db, today)
    got = task_tracking.track_tasks(db, today=today)
    assert got == expected, today
    # The same types as well as values (text for the statuses, dates for the days).
    assert [tuple(map(type, r)) for r in got] == [tuple(map(type, r)) for r in expected]
    for status in STATUSES:
        assert task_tracking.track_tasks(db, status=status, today=today) == [
            r for r in expected if r.status == status
        ], (today, status)
    return got


def _add_the_rare_cases(db: Database) -> None:
    """What the demo data lacks: a cancelled task, a task of no unit, one with no deadline
    (the person of no unit may have other tasks: they count for no unit either)."""
    with db.session() as s:
        first, second, third = s.scalars(select(Task).order_by(Task.id).limit(3))
        first.status = TaskStatus.CANCELLED
        person = s.scalars(select(Person).order_by(Person.id).limit(1)).one()
        person.unit_id = None  # given to a person of no unit, and to no unit
        second.assignee_unit_id, second.assignee_person_id = None, person.id
        third.deadline = None


def test_track_tasks_reads_what_the_orm_objects_say_on_demo_data(demo_db: Any) -> None:
    _add_the_rare_cases(demo_db)
    statuses: set[str] = set()
    for shift in (-400, -30, 0, 3, 45):
        rows = _same_as_reference(demo_db, DEMO_TODAY + timedelta(days=shift))
        statuses.update(r.status for r in rows)
    assert statuses == set(STATUSES)  # every status was compared
    assert rows[-1].unit_id is None and any(r.deadline is None for r in rows)
    unit_id = next(r.unit_id for r in rows if r.unit_id is not None)
    assert task_tracking.track_tasks(demo_db, unit_id=unit_id, today=DEMO_TODAY) == [
        r for r in _reference(demo_db, DEMO_TODAY) if r.unit_id == unit_id
    ]


def test_track_tasks_reads_what_the_orm_objects_say_on_postgres(pg_db: Any) -> None:
    from bdcq_desktop.core.demo import load_demo

    load_demo(pg_db, today=DEMO_TODAY)
    _add_the_rare_cases(pg_db)
    for shift in (-30, 0, 45):
        _same_as_reference(pg_db, DEMO_TODAY + timedelta(days=shift))


def test_the_page_shows_the_rows_as_the_plain_rule_says(qtbot: Any, demo_db: Any) -> None:
    """The tasks' table, sorted by status (problems first, then by deadline, none last), shows
    each row's deadline and completion day as dd/mm/yyyy, in that order."""
    from bdcq_desktop.ui.tabs.task_columns import STATUS_RANK
    from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage

    page = TaskTrackingPage(demo_db)
    qtbot.addWidget(page)
    page.reload()
    page.tasks.model.show_all()
    shown = page.tasks.visible_rows()
    every = task_tracking.track_tasks(demo_db)
    assert shown == sorted(every, key=lambda r: (STATUS_RANK[r.status], r.deadline or date.max))
    model = page.tasks.proxy
    for row, task in enumerate(shown):
        deadline = model.index(row, 0).data()
        done = model.index(row, 8).data()
        shown_day = task.deadline.strftime("%d/%m/%Y") if task.deadline else ""
        # One extended is marked beside its deadline in force.
        assert deadline == (f"{shown_day} ↻" if task.given_deadline else shown_day)
        assert done == (task.completed_on.strftime("%d/%m/%Y") if task.completed_on else "")


def test_the_units_figures_are_those_counted_one_task_at_a_time(demo_db: Any) -> None:
    _add_the_rare_cases(demo_db)
    rows = task_tracking.track_tasks(demo_db, today=DEMO_TODAY)
    per_unit = task_tracking.completion_by_unit(rows)
    expected: dict[int | None, tuple[str, Counter[str]]] = {}
    for r in rows:
        expected.setdefault(r.unit_id, (r.unit, Counter()))[1][r.status] += 1
    assert [(c.unit_id, c.unit) for c in per_unit] == [
        (uid, name) for uid, (name, _) in expected.items()
    ]
    for c in per_unit:
        counts = expected[c.unit_id][1]
        assert (c.done_on_time, c.done_late, c.overdue, c.due_soon, c.not_due, c.cancelled) == (
            counts["done_on_time"],
            counts["done_late"],
            counts["overdue"],
            counts["due_soon"],
            counts["not_due"],
            counts["cancelled"],
        )
        assert c.total == sum(counts.values()) - counts["cancelled"]
    every = task_tracking.completion_total(rows, "Tất cả")
    assert task_tracking.completion_sum(per_unit, "Tất cả") == every
    cancelled = sum(r.status == "cancelled" for r in rows)  # the demo's and the one added
    assert cancelled >= 1 and every.cancelled == cancelled
    assert every.total == len(rows) - cancelled
