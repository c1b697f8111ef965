"""Task tracking for the reports overview: every task with its unit and status, and the
completion rate per unit (counted in :mod:`.task_completion`).

Statuses are those of :func:`.tasks.task_status` (not due, due within 7 days, overdue, done on
time, done late, cancelled), so this page, ``bdcq tasks list`` and the tasks report agree. The
unit a task counts for is the unit in charge, else the unit of the person in charge (a task
given to a member alone is still chased through the member's unit); a task still open of a unit
merged by the day counts for the unit that received it (:mod:`.succession`), named
"<unit> (tiếp nhận từ <merged unit>)", and so does its focal unit; one of a unit retired with
no successor is flagged (``no_successor``), to be handed over (:mod:`.task_transfer`). The
tasks are read in one query of plain columns (ten years hold 6,000 tasks), streamed in
batches; the names of the units and the meetings' dates (a few hundred rows) in one query
each, looked up rather than joined into every task's row (:mod:`.task_units`, which also says
which unit a task counts for, under which name, and where in the list). The rows share their
repeated values (a unit's name, a meeting's source line, a day), so the list kept by the tasks
page holds each of them once rather than once per task.

Asked about a past day, the list says what stood then, as the tasks report of that day does
(:mod:`.tasks_on`): a task given after the day is left out, and each task's status, deadline,
completion and result note are those of the day, and so are its units (one handed to another
unit after the day counts for the unit that had it then; one handed over by the day says whence
and when in its source, as the documents of the day do). Today's list (the page's) reads
today's values, with none of that work but the last: a task handed over says whence and when
in its source there too (:func:`.tasks_on.with_note`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Select, String, func, or_, select, type_coerce

from . import tasks_on
from .collector import collector_paused
from .db import Database
from .i18n import tr
from .models import Conclusion, Person, Task, TaskSource, TaskStatus
from .session_links import SessionLink, session_links
from .succession import Succession, taken_over

# Re-exported: the tasks page, the tasks report and task_first_rows count through this module.
from .task_completion import UnitCompletion as UnitCompletion
from .task_completion import completion as completion
from .task_completion import completion_by_unit as completion_by_unit
from .task_completion import completion_sum as completion_sum
from .task_completion import completion_total as completion_total
from .task_events import Acts, Facts, due_column, read_acts
from .task_units import (
    Lookup,
    focal_unit_name,
    given_to_text,
    heirs_on,
    lookups,
    taken_name,
    unit_place,
)
from .tasks import OPEN_STATUSES, STATUS_LABELS, clean_status, days_overdue, task_status
from .tasks_on import Handover, TaskState, given_by, over, people_of, standing_on, updated_after
from .text import short_date

DONE_STATUSES = ("done_on_time", "done_late")


class TrackedTask(NamedTuple):
    """One task as the tasks page lists it. A named tuple, immutable like the other lists'
    frozen rows, because it is built 6,000 times per reload at ten years: a tuple is made in
    one step, where a frozen dataclass sets each of its 17 fields through ``object.__setattr__``
    (the largest part of building the rows)."""

    id: int
    content: str
    source: str  # "Kết luận cuộc họp ngày …" or "Giao trực tiếp"
    meeting_id: int | None
    unit_id: int | None  # the unit the task counts for (in charge, else the person's)
    unit: str  # its name
    assignee: str  # the person in charge
    focal_unit: str
    assigned_on: date | None
    deadline: date | None
    completed_on: date | None
    status: str
    status_label: str
    days_overdue: int
    result_report: str
    version: int
    ad_hoc: bool = False  # given here, not by a conclusion: edited on the tasks page
    # The merged unit the task was given to, when still open and counted for its successor.
    taken_from: str = ""
    # Still open, and its unit no longer in office with no successor (Succession.unanswered):
    # nobody answers for it until it is handed over (core.task_transfer).
    no_successor: bool = False
    # ``deadline`` is the one in force: when an extension replaced it by the day, this is the
    # deadline as given (core.task_events), else None.
    given_deadline: date | None = None
    # Still open: the last progress the unit reported by the day, "Đang thực hiện (báo cáo
    # ngày …): …" (core.task_actions), else "".
    progress: str = ""

    @property
    def unit_label(self) -> str:
        """The unit as shown: "<unit> (tiếp nhận từ <merged unit>)" for a task taken over."""
        return taken_over(self.unit, self.taken_from) if self.taken_from else self.unit


def _source(source: str, meeting_title: str | None, starts: datetime | None) -> str:
    if source == TaskSource.CONCLUSION and starts is not None:
        return tr("Kết luận cuộc họp ngày {day}").format(day=short_date(starts.date()))
    if meeting_title:
        return tr("Kết luận: {title}").format(title=meeting_title)
    return tr("Giao trực tiếp")


_BATCH = 1000  # rows read from the database at a time
# The only statuses whose tasks can be days overdue (late while open, or done late): the
# others' count is 0 without asking :func:`days_overdue`.
_LATE = frozenset(("overdue", "done_late"))


def _prefilter(wanted: str | None, day: date) -> list[ColumnElement[bool]]:
    """SQL conditions every task of status ``wanted`` meets, so that the others are not read
    at all (the chase list wants the few hundred overdue tasks of thousands). They only narrow:
    :func:`task_status` still decides each row."""
    if wanted == "overdue":
        return [
            Task.status.not_in((TaskStatus.DONE, TaskStatus.CANCELLED)),
            Task.completed_on.is_(None),
            due_column() < day,
        ]
    if wanted == "cancelled":
        return [Task.status == TaskStatus.CANCELLED]
    return []


def task_columns() -> Select[Any]:
    """The columns :func:`task_rows` builds its rows from, with no order and no condition."""
    # The task's own columns and ids; the units' and meetings' names and dates (a few hundred
    # rows) are read apart and looked up, rather than joined into each of 6,000 rows.
    # The enums and days come as the database holds them, not through SQLAlchemy's converters
    # (a call per value, a fifth of the read): the enums are compared as that text (StrEnum),
    # each distinct day is converted once (:func:`_add_days`).
    return (
        select(
            Task.id,
            Task.content,
            type_coerce(Task.source, String),
            type_coerce(Task.assigned_on, String),
            type_coerce(due_column(), String),  # the deadline in force
            type_coerce(Task.completed_on, String),
            type_coerce(Task.status, String),
            Task.result_report,
            Task.version,
            Conclusion.meeting_id,
            Task.assignee_unit_id,
            Person.unit_id,
            Person.full_name,
            Task.focal_unit_id,
        )
        .outerjoin(Conclusion, Task.conclusion_id == Conclusion.id)
        .outerjoin(Person, Task.assignee_person_id == Person.id)
    )


def task_rows(
    batches: Iterable[Sequence[Any]],
    day: date,
    units: Lookup,
    meetings: Lookup,
    heirs: Mapping[int, int],
    notes: Mapping[int, Handover],
    facts: Mapping[int, Facts],
) -> list[TrackedTask]:
    """The rows of :func:`task_columns` (in id order) as :class:`TrackedTask`, in the list's
    order (by unit, then deadline); ``heirs`` as :func:`heirs_on` gives them for ``day``,
    ``notes`` as :func:`.tasks_on.handovers_on` gives them for the rows' tasks, ``facts``
    what their acts say on the day (:meth:`.task_events.Acts.facts_on`)."""
    labels = {code: tr(text) for code, text in STATUS_LABELS.items()}
    with collector_paused():
        rows = _rows(batches, day, None, labels, units, meetings, heirs, notes, facts)
        return _in_order(rows)


def track_tasks(
    db: Database,
    *,
    status: str | None = None,
    unit_id: int | None = None,
    today: date | None = None,
    listing: dict[int, tuple[str, tuple[SessionLink, ...]]] | None = None,
) -> list[TrackedTask]:
    """Every task, by unit then deadline (none last); ``status`` one of
    :data:`.tasks.STATUSES`, ``unit_id`` the unit the task counts for. A past ``today``
    lists the tasks given by then, each as it stood then (:func:`as_of`). ``listing``, if
    given, gets for each task listed what ``bdcq tasks list`` adds to the page's row, from
    the same read (the tasks read once, :mod:`.task_list`): whom it was given to as the
    documents word it (:func:`.task_units.given_to_text`) and the sessions serving it."""
    wanted = clean_status(status)
    day = today or date.today()
    past = over(day)
    # In the table's own order, read with no sort; each unit's rows are sorted by deadline
    # after (:func:`_in_order`), fewer and narrower than the rows SQL would sort.
    query = task_columns().order_by(Task.id)
    # Not for a past day: the narrowing reads today's values, and a task done or stopped
    # since may have had the status wanted then.
    conditions = [] if past else _prefilter(wanted, day)
    if conditions:
        query = query.where(*conditions)
    labels = {code: tr(text) for code, text in STATUS_LABELS.items()}
    with db.session() as s:
        conn = s.connection()  # plain Core rows: the ORM's per-row machinery is not needed
        units, meetings = lookups(conn)
        heirs = heirs_on(units, day)
        if unit_id is not None:
            # Its own tasks and those of the units merged into it: the latter's done ones
            # stay theirs, and are dropped once each row's unit is known.
            given_to = [unit_id, *(u for u, heir in heirs.items() if heir == unit_id)]
            unit = func.coalesce(Task.assignee_unit_id, Person.unit_id)
            mine = unit.in_(given_to)
            if past:
                # A task transferred after the day (logged after it, too) may have been this
                # unit's then: read, and its unit of the day (as_of) decides below.
                mine = or_(mine, updated_after(day))
            query = query.where(mine)
        # Today's list says whence and when a task handed over came, as a past day's does:
        # the log's few transfer rows, read before the tasks stream.
        notes = {} if past else tasks_on.handovers_on(conn, None, day)
        # The acts on the tasks (extensions, progress): every task's, a few rows, read once
        # (a past day's standing reads them from here too).
        acts = read_acts(conn)
        facts = acts.facts_on(day)
        result = conn.execute(query.execution_options(yield_per=_BATCH))
        batches: Iterable[Sequence[Any]] = result.partitions()
        with collector_paused():
            if past:
                rows_then, notes = as_of(conn, result.all(), day, meetings, acts)
                batches = [rows_then]
            who: dict[int, tuple[int | None, str | None]] = {}
            if listing is not None:
                batches = _tapped(batches, who)
            by_unit = _rows(batches, day, wanted, labels, units, meetings, heirs, notes, facts)
            rows = _in_order(by_unit)
        if unit_id is not None:
            rows = [r for r in rows if r.unit_id == unit_id]
        if listing is not None:
            links = session_links(s)
            for r in rows:
                in_charge, person = who[r.id]
                note = notes[r.id].note() if r.id in notes else ""
                is_open = r.status in OPEN_STATUSES
                wording = given_to_text(units, in_charge, person or "", is_open, heirs, note)
                listing[r.id] = (wording, links.of_task(r.id))
    return rows


def _tapped(
    batches: Iterable[Sequence[Any]], who: dict[int, tuple[int | None, str | None]]
) -> Iterator[Sequence[Any]]:
    """The batches of :func:`task_columns`' rows as they come, each row's unit in charge and
    person noted in ``who`` by task id."""
    for batch in batches:
        who.update((r[0], (r[10], r[12])) for r in batch)
        yield batch


def as_of(
    conn: Connection,
    records: Sequence[Any],
    day: date,
    meetings: Mapping[int, Any],
    acts: Acts | None = None,
) -> tuple[list[tuple[Any, ...]], dict[int, Handover]]:
    """The ``records`` of :func:`task_columns` of the tasks given by the past ``day``, each
    with its deadline, completion, status and result note of that day
    (:func:`.tasks_on.standing_on`) and the units and person in charge it had then (a transfer
    dated after the day undone, :func:`.tasks_on.handovers_on`, as the tasks report of the day
    reads it), its days in the form the database gives them; and the handovers of those
    transferred (:func:`.tasks_on.with_note` says whence they came), by id. ``acts``: the
    tasks' acts the caller read already (else read here)."""
    text = conn.dialect.name == "sqlite"  # days as ISO text there, as dates elsewhere

    def as_date(value: Any) -> date | None:
        return date.fromisoformat(value) if isinstance(value, str) else value

    def as_read(value: date | None) -> Any:
        return value.isoformat() if text and value is not None else value

    given = [
        r
        for r in records
        if given_by(day, as_date(r[3]), meetings[r[9]][1] if r[9] is not None else None)
    ]
    states = standing_on(
        conn,
        {r[0]: TaskState(TaskStatus(r[6]), as_date(r[4]), as_date(r[5]), r[7]) for r in given},
        day,
        acts,
    )
    moved = tasks_on.handovers_on(conn, [r[0] for r in given], day)
    held = {tid: h.then for tid, h in moved.items() if h.then}
    people = people_of(conn, {w.get("assignee_person_id") for w in held.values()} - {None})
    out = []
    for r in given:
        then = states[r[0]]
        state = (as_read(then.deadline), as_read(then.completed_on), str(then.status))
        units = r[10:]  # in charge, the person's unit, the person's name, focal unit
        was = held.get(r[0])
        if was is not None:  # transferred after the day: its units then
            person_unit, person = units[1:3]
            if "assignee_person_id" in was:
                person_unit, person = people.get(was["assignee_person_id"], (None, None))
            in_charge = was.get("assignee_unit_id", units[0])
            units = (in_charge, person_unit, person, was.get("focal_unit_id", units[3]))
        out.append((*r[:4], *state, then.result_report, *r[8:10], *units))
    return out, moved


_DEADLINE_OF = attrgetter("deadline")
# A unit's place in the list -> its tasks with a deadline and those without, in id order.
_ByUnit = dict[tuple[object, ...], tuple[list[TrackedTask], list[TrackedTask]]]


def _in_order(by_unit: _ByUnit) -> list[TrackedTask]:
    """Every unit's tasks (those with a deadline, those without, each in id order), by unit,
    then by deadline (a stable sort: by id among equal deadlines), those with none last."""
    rows: list[TrackedTask] = []
    for key in sorted(by_unit):
        dated, undated = by_unit[key]
        rows += sorted(dated, key=_DEADLINE_OF)
        rows += undated
    return rows


class _Dates:
    """What :func:`task_status` reads; one instance refilled per row (a row's status is read
    at once, never kept)."""

    __slots__ = ("completed_on", "deadline", "status")

    def __init__(self) -> None:
        self.deadline: date | None = None
        self.completed_on: date | None = None
        self.status: TaskStatus = TaskStatus.OPEN


_ASSIGNED_ON, _DEADLINE, _COMPLETED_ON = itemgetter(3), itemgetter(4), itemgetter(5)


def _add_days(days: dict[Any, date | None], batch: Sequence[Any]) -> None:
    """Put in ``days`` the batch's days not yet in it, each as its date: ten years' 18,000
    days of tasks are fewer than 3,000 distinct ones, collected and converted in C-level
    passes. SQLite gives them as ISO text, PostgreSQL as dates already."""
    found = set(chain(map(_ASSIGNED_ON, batch), map(_DEADLINE, batch), map(_COMPLETED_ON, batch)))
    new = found - days.keys()
    if new and isinstance(next(iter(new)), str):
        days.update(zip(new, map(date.fromisoformat, new), strict=True))
    else:
        days.update(zip(new, new, strict=True))


def _with_days(batches: Iterable[Sequence[Any]], days: dict[Any, date | None]) -> Iterator[Any]:
    """The batches' rows, each batch's days put in ``days`` before its rows come."""
    for batch in batches:
        _add_days(days, batch)
        yield from batch


def _rows(
    batches: Iterable[Sequence[Any]],
    day: date,
    wanted: str | None,
    labels: dict[str, str],
    units: Lookup,
    meetings: Lookup,
    heirs: Mapping[int, int],
    notes: Mapping[int, Handover],
    facts: Mapping[int, Facts],
) -> _ByUnit:
    """The query's rows as :class:`TrackedTask`, those of status ``wanted`` only, by the
    sort key of their unit, each unit's (with a deadline, without) in the query's order. One
    loop with no call per row but the status's: ten years hold 6,000 tasks, and this is most
    of the page's reload.
    Repeated values (names, days, source lines) are one object each, whatever the number of
    rows holding them. ``notes``: whence and when the tasks handed over by the day came;
    ``facts``: what the acts of the few tasks that have some say on the day."""
    by_unit: _ByUnit = {}
    names: dict[str, str] = {}
    share = names.setdefault
    days: dict[Any, date | None] = {None: None}  # one date object per day, for every row
    sources: dict[tuple[str, int | None], str] = {}
    # (unit in charge, person's unit, task open) -> the unit counted, its name, the merged
    # unit's it was taken from, and its rows' lists
    places: dict[tuple[int | None, int | None, bool], tuple[int | None, str, str, Any]] = {}
    focals: dict[tuple[int, bool], str] = {}
    no_heirs: Mapping[int, int] = {}
    gone = Succession(units.rows).unanswered(day)  # a few hundred units, read once
    dates = _Dates()
    ad_hoc_source = TaskSource.AD_HOC
    new_row = tuple.__new__
    for record in _with_days(batches, days):
        (
            tid,
            content,
            source,
            assigned_on,
            deadline,
            completed_on,
            state,
            result,
            version,
            meeting_id,
            in_charge,
            person_unit,
            person,
            focal,
        ) = record
        dates.deadline = deadline = days[deadline]
        dates.completed_on = completed_on = days[completed_on]
        dates.status = state
        st = task_status(dates, day)
        if wanted is not None and st != wanted:
            continue
        is_open = st in OPEN_STATUSES
        place = places.get((in_charge, person_unit, is_open))
        if place is None:
            place = places[in_charge, person_unit, is_open] = _place(
                units, in_charge, person_unit, by_unit, heirs if is_open else no_heirs
            )
        uid, unit, taken, (dated, undated) = place
        origin = (source, meeting_id)
        source_text = sources.get(origin)
        if source_text is None:
            title, starts_at = meetings[meeting_id] if meeting_id is not None else (None, None)
            source_text = sources[origin] = _source(source, title, starts_at)
        if notes and tid in notes:  # transferred: by the day, whence and when
            source_text = tasks_on.with_note(source_text, notes[tid])
        focal_name = None
        if focal is not None:
            focal_name = focals.get((focal, is_open))
            if focal_name is None:
                focal_name = focals[focal, is_open] = focal_unit_name(units, focal, is_open, heirs)
        given, progress = None, ""
        if tid in facts:  # extended or reported on: a few of the thousands
            fact = facts[tid]
            given = fact.given
            if is_open and fact.progress is not None:
                progress = fact.progress.progress_text()
        row = (
            tid,
            content,
            source_text,
            meeting_id,
            uid,
            unit,
            share(person, person) if person else "",
            focal_name or "",
            days[assigned_on],
            deadline,
            completed_on,
            st,
            labels[st],
            days_overdue(dates, day) if st in _LATE else 0,
            result or "",
            version,
            source == ad_hoc_source,
            taken,
            is_open and uid in gone,
            given,
            progress,
        )
        # The named tuple made from the plain one in C (its own __new__ is Python code).
        (dated if deadline is not None else undated).append(new_row(TrackedTask, row))
    return by_unit


def _place(
    units: Lookup,
    in_charge: int | None,
    person_unit: int | None,
    by_unit: _ByUnit,
    heirs: Mapping[int, int],
) -> tuple[int | None, str, str, tuple[list[TrackedTask], list[TrackedTask]]]:
    """The unit a task counts for (the unit in charge, else the person's, or for an open task
    the unit that received it by a merge, ``heirs``), its name, the name of the merged unit
    it was given to ("" if none), and the lists in ``by_unit`` its tasks go to (with a
    deadline, without), under its place in the list (units by their order, then name; tasks
    of no unit last). Units of the same place share the lists: their tasks mix by deadline,
    as one sort of every task did."""
    uid, unit, key = unit_place(units, in_charge, person_unit, heirs)
    taken = taken_name(units, in_charge, person_unit, heirs)
    return uid, unit, taken, by_unit.setdefault(key, ([], []))
