"""The first screen of the tasks page, read without the thousands of rows below it.

:func:`.task_tracking.track_tasks` reads every task (6,000 at ten years), most of a reload of
the tasks page. Before its first paint the page needs far less: the per-unit figures of every
task (counted here by the database, grouped by unit and status) and the rows it shows first:
the first rows when sorted by status (the database sorts the tasks of the first statuses and
limits them), and the first of the list's own order, the rows the column widths are measured
on (every task of the first units, as many as the figures say make up that number). The page
reads every task right after that paint.

The rows are rows of :func:`.task_tracking.track_tasks`, equal to its own, in its order, so
that its first rows and its first rows by status are theirs; the figures are those
:func:`.task_tracking.completion_by_unit` counts from its rows. Where that could
not be said from the grouped figures alone (two units sharing a place in the list), nothing
is returned, and the caller reads every task.

The database's grouping reads today's values. A past day's list is another (the tasks given
by then, each as it stood then: :mod:`.tasks_on`, which reads the change log task by task):
the first screen of a past day is taken from the full read of that day (the page itself only
ever shows today's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    type_coerce,
)

from .db import Database
from .models import Person, Task, TaskStatus
from .succession import Succession
from .task_events import due_column, read_acts
from .task_tracking import (
    OPEN_STATUSES,
    TrackedTask,
    UnitCompletion,
    completion,
    task_columns,
    task_rows,
    track_tasks,
)
from .task_units import heirs_on, lookups, unit_place
from .tasks import DUE_SOON_DAYS, STATUSES, clean_status
from .tasks_on import handovers_on, over


@dataclass(frozen=True)
class FirstRows:
    """What the tasks page shows first, and the figures of every task."""

    rows: list[TrackedTask]  # some of track_tasks(status=…)'s rows, in its order
    # (unit id, its name, tasks per status) of every task, in the list's order of the units
    units: list[tuple[int | None, str, Counter[str]]] = field(default_factory=list)
    # Open tasks of units retired with no successor (TrackedTask.no_successor), every task's.
    unanswered: int = 0

    def completion_by_unit(self, status: str | None = None) -> list[UnitCompletion]:
        """:func:`.task_tracking.completion_by_unit` of every task (of ``status``)."""
        return [
            completion(uid, name, _counts(counts, status))
            for uid, name, counts in self.units
            if status is None or counts[status]
        ]

    def count(self, status: str | None = None) -> int:
        """How many tasks (of ``status``) there are."""
        return sum(sum(_counts(counts, status).values()) for _, _, counts in self.units)


def _counts(counts: Counter[str], status: str | None) -> dict[str, int]:
    if status is None:
        return {st: counts[st] for st in STATUSES}
    return {st: counts[st] if st == status else 0 for st in STATUSES}


def _prefix(items: list[Any], size: Callable[[Any], int], total: int) -> list[Any]:
    """The first ``items`` whose sizes add up to ``total`` (all of them if they fall short)."""
    taken, count = [], 0
    for item in items:
        if count >= total:
            break
        taken.append(item)
        count += size(item)
    return taken


def status_sql(day: date) -> ColumnElement[str]:
    """:func:`.tasks.task_status` on ``day`` as SQL: the database compares the days (ISO text
    on SQLite, dates on PostgreSQL; "due within N days" is "due on or before day + N")."""
    done = or_(Task.completed_on.is_not(None), Task.status == TaskStatus.DONE)
    due = due_column()  # the deadline in force
    on_time = or_(due.is_(None), Task.completed_on.is_(None), Task.completed_on <= due)
    return type_coerce(
        case(
            (Task.status == TaskStatus.CANCELLED, "cancelled"),
            (done, case((on_time, "done_on_time"), else_="done_late")),
            (due.is_(None), "not_due"),
            (due < day, "overdue"),
            (due <= day + timedelta(days=DUE_SOON_DAYS), "due_soon"),
            else_="not_due",
        ),
        String,
    )


def first_rows(
    db: Database,
    *,
    status_order: Sequence[str],
    screen: int,
    head: int,
    status: str | None = None,
    today: date | None = None,
) -> FirstRows | None:
    """Rows of ``track_tasks(db, status=status, today=today)``, in its order, among them the
    ``screen`` that come first when they are sorted by status (in ``status_order``), then
    deadline (none last; a stable sort, so by the list's order among equals), and its first
    ``head`` rows; with the figures per unit of every task, whatever ``status``. None where
    it cannot be exact."""
    wanted = clean_status(status)
    day = today or date.today()
    if over(day):
        return _from_full_read(db, status_order, screen, head, wanted, day)
    state = status_sql(day)
    with db.session() as s:
        conn = s.connection()
        units, meetings = lookups(conn)
        heirs = heirs_on(units, day)
        # Grouped over a subquery: PostgreSQL would not match the status's CASE, with its own
        # parameters, in GROUP BY to the one in the select list.
        per_task = (
            select(Task.assignee_unit_id, Person.unit_id.label("person_unit"), state.label("st"))
            .outerjoin(Person, Task.assignee_person_id == Person.id)
            .subquery()
        )
        grouped = conn.execute(
            select(
                per_task.c.assignee_unit_id, per_task.c.person_unit, per_task.c.st, func.count()
            ).group_by(per_task.c.assignee_unit_id, per_task.c.person_unit, per_task.c.st)
        ).all()
        places: dict[int | None, tuple[str, tuple[bool, int, str]]] = {}
        counts: dict[int | None, Counter[str]] = {}
        # An open task of a unit merged by the day counts for its successor (as in
        # :func:`.task_units.unit_place`), a done or cancelled one for its own unit.
        pairs = {
            (a, b, is_open): unit_place(units, a, b, heirs if is_open else {})
            for a, b, is_open in {(a, b, st in OPEN_STATUSES) for a, b, st, _ in grouped}
        }
        for in_charge, person_unit, st, n in grouped:
            uid, name, key = pairs[in_charge, person_unit, st in OPEN_STATUSES]
            if places.setdefault(uid, (name, key)) != (name, key):
                return None  # a unit named differently by its tasks (a unit of no name)
            if uid not in counts:
                counts[uid] = Counter()
            counts[uid][st] += n
        if len({key for _, key in places.values()}) < len(places):
            return None  # two units in one place: their tasks mix, the grouping cannot say how
        order = sorted(places, key=lambda uid: places[uid][1])
        figures = [(uid, places[uid][0], counts[uid]) for uid in order]
        gone = Succession(units.rows).unanswered(day) & counts.keys()
        unanswered = sum(counts[uid][st] for uid in gone for st in OPEN_STATUSES)
        if not any(counts[uid][wanted] if wanted else counts[uid] for uid in order):
            return FirstRows([], figures, unanswered)  # no task (of that status)
        unit: ColumnElement[Any] = func.coalesce(Task.assignee_unit_id, Person.unit_id)
        if heirs:  # the unit each task counts for, as the figures above
            open_and_merged = and_(state.in_(sorted(OPEN_STATUSES)), unit.in_(sorted(heirs)))
            unit = case((open_and_merged, case(heirs, value=unit)), else_=unit)
        ranks = {uid: i for i, uid in enumerate(order) if uid is not None}
        place: ColumnElement[int] = literal(0)  # every task of no unit: one place
        if ranks:
            place = case(ranks, value=unit, else_=len(order))  # no unit: last
        # The list's first rows are all the tasks of its first units: those whose tasks, in
        # the units' order, make up ``head`` (the figures say how many each has).
        shown = {uid: counts[uid][wanted] if wanted else counts[uid].total() for uid in order}
        firsts = _prefix([uid for uid in order if shown[uid]], shown.__getitem__, head)
        # The first screen is among the tasks of the first statuses, those that make up
        # ``screen`` in ``status_order``.
        per_status = Counter[str]()
        for uid in order:
            per_status.update(counts[uid])
        statuses = [wanted] if wanted else [st for st in status_order if per_status[st]]
        statuses = _prefix(statuses, per_status.__getitem__, screen)
        by_status = case({code: i for i, code in enumerate(status_order)}, value=state)
        first = (
            select(Task.id)
            .outerjoin(Person, Task.assignee_person_id == Person.id)
            .where(state.in_(statuses))
            # By status, then deadline (none as date.max), then as listed.
            .order_by(
                by_status,
                func.coalesce(due_column(), date.max),
                place,
                due_column().is_(None),
                Task.id,
            )
            .limit(screen)
        )
        listed = [unit.in_([uid for uid in firsts if uid is not None])]
        if None in firsts:
            listed.append(unit.is_(None))
        of_units = or_(*listed) if wanted is None else and_(or_(*listed), state == wanted)
        # Both in one statement: the rows of the first units, and those of the first screen.
        records = conn.execute(
            task_columns().where(or_(of_units, Task.id.in_(first))).order_by(Task.id)
        ).all()
        # Whence and when those handed over came: the log's rows of these tasks only.
        notes = handovers_on(conn, [r[0] for r in records], day)
        facts = read_acts(conn, [r[0] for r in records]).facts_on(day)
        rows = task_rows([records], day, units, meetings, heirs, notes, facts)
    return FirstRows(rows, figures, unanswered)


def _from_full_read(
    db: Database,
    status_order: Sequence[str],
    screen: int,
    head: int,
    wanted: str | None,
    day: date,
) -> FirstRows:
    """:func:`first_rows` of a past ``day``, taken from :func:`.task_tracking.track_tasks` of
    that day: its first ``head`` rows and the first ``screen`` by status, with its figures."""
    every = track_tasks(db, today=day)
    figures: dict[int | None, tuple[str, Counter[str]]] = {}
    for r in every:  # each unit named as its first task names it (completion_by_unit)
        figures.setdefault(r.unit_id, (r.unit, Counter()))[1][r.status] += 1
    tasks = every if wanted is None else [r for r in every if r.status == wanted]
    rank = {code: i for i, code in enumerate(status_order)}
    by_status = sorted(
        tasks, key=lambda r: (rank.get(r.status, len(rank)), r.deadline or date.max)
    )
    read = {r.id for r in tasks[:head]} | {r.id for r in by_status[:screen]}
    return FirstRows(
        [r for r in tasks if r.id in read],
        [(uid, name, counts) for uid, (name, counts) in figures.items()],
        sum(r.no_successor for r in every),
    )
