"""Task tracking for the reports overview: every task with its unit and status, and the
completion rate per unit.

Statuses are those of :func:`.tasks.task_status` (not due, due within 7 days, overdue, done on
time, done late, cancelled), so this page, ``bdcq tasks list`` and the tasks report agree. The
unit a task counts for is the unit in charge, else the unit of the person in charge (a task
given to a member alone is still chased through the member's unit). Everything is read in one
query of plain columns (ten years hold 6,000 tasks), streamed in batches; the rows share
their repeated values (a unit's name, a meeting's source line, a day), so the list kept by the
tasks page holds each of them once rather than once per task.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import aliased

from .db import Database
from .i18n import tr
from .models import Conclusion, Meeting, Person, Task, TaskSource, TaskStatus, Unit
from .tasks import STATUS_LABELS, clean_status, days_overdue, task_status
from .text import short_date, vi_key

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
    unit: str
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


@dataclass(frozen=True)
class UnitCompletion:
    unit_id: int | None
    unit: str
    total: int  # cancelled tasks not included
    done_on_time: int
    done_late: int
    overdue: int
    due_soon: int
    not_due: int
    cancelled: int

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def completion_rate(self) -> float | None:
        """Share in 0..1 of the unit's tasks (cancelled ones aside) that are done."""
        return self.done / self.total if self.total else None


def _source(source: TaskSource, meeting_title: str | None, starts: datetime | None) -> str:
    if source == TaskSource.CONCLUSION and starts is not None:
        return tr("Kết luận cuộc họp ngày {day}").format(day=short_date(starts.date()))
    if meeting_title:
        return tr("Kết luận: {title}").format(title=meeting_title)
    return tr("Giao trực tiếp")


_BATCH = 1000  # rows read from the database at a time


def _prefilter(wanted: str | None, day: date) -> list[ColumnElement[bool]]:
    """SQL conditions every task of status ``wanted`` meets, so that the others are not read
    at all (the chase list wants the few hundred overdue tasks of thousands). They only narrow:
    :func:`task_status` still decides each row."""
    if wanted == "overdue":
        return [
            Task.status.not_in((TaskStatus.DONE, TaskStatus.CANCELLED)),
            Task.completed_on.is_(None),
            Task.deadline < day,
        ]
    if wanted == "cancelled":
        return [Task.status == TaskStatus.CANCELLED]
    return []


def track_tasks(
    db: Database,
    *,
    status: str | None = None,
    unit_id: int | None = None,
    today: date | None = None,
) -> list[TrackedTask]:
    """Every task, by unit then deadline (none last); ``status`` one of
    :data:`.tasks.STATUSES`, ``unit_id`` the unit the task counts for."""
    wanted = clean_status(status)
    day = today or date.today()
    in_charge = aliased(Unit)
    person_unit = aliased(Unit)
    focal = aliased(Unit)
    unit_id_col = func.coalesce(in_charge.id, person_unit.id)
    query = (
        select(
            Task.id,
            Task.content,
            Task.source,
            Task.assigned_on,
            Task.deadline,
            Task.completed_on,
            Task.status,
            Task.result_report,
            Task.version,
            Conclusion.meeting_id,
            Meeting.title,
            Meeting.starts_at,
            unit_id_col,
            in_charge.name,
            person_unit.name,
            in_charge.sort_order,
            person_unit.sort_order,
            Person.full_name,
            focal.name,
        )
        .outerjoin(Conclusion, Task.conclusion_id == Conclusion.id)
        .outerjoin(Meeting, Conclusion.meeting_id == Meeting.id)
        .outerjoin(in_charge, Task.assignee_unit_id == in_charge.id)
        .outerjoin(Person, Task.assignee_person_id == Person.id)
        .outerjoin(person_unit, Person.unit_id == person_unit.id)
        .outerjoin(focal, Task.focal_unit_id == focal.id)
    )
    if unit_id is not None:
        query = query.where(unit_id_col == unit_id)
    conditions = _prefilter(wanted, day)
    if conditions:
        query = query.where(*conditions)
    labels = {code: tr(text) for code, text in STATUS_LABELS.items()}
    with db.session() as s:
        # Plain Core rows (no ORM entity is loaded): the ORM's per-row machinery is not needed.
        result = s.connection().execute(query.execution_options(yield_per=_BATCH))
        keyed = _rows(chain.from_iterable(result.partitions()), day, wanted, labels)
    keyed.sort(key=itemgetter(0))
    return [row for _key, row in keyed]


class _Dates:
    """What :func:`task_status` reads; one instance refilled per row (a row's status is read
    at once, never kept)."""

    __slots__ = ("completed_on", "deadline", "status")

    def __init__(self) -> None:
        self.deadline: date | None = None
        self.completed_on: date | None = None
        self.status: TaskStatus = TaskStatus.OPEN


def _rows(
    records: Iterable[Any], day: date, wanted: str | None, labels: dict[str, str]
) -> list[tuple[tuple[object, ...], TrackedTask]]:
    """The query's rows as :class:`TrackedTask` with their sort keys, those of status
    ``wanted`` only. One loop with no call per row but the status's: ten years hold 6,000
    tasks, and this is most of the page's reload. Repeated values (names, days, source lines,
    a unit's sort key) are one object each, whatever the number of rows holding them."""
    out: list[tuple[tuple[object, ...], TrackedTask]] = []
    shared: dict[Any, Any] = {}
    share = shared.setdefault
    sources: dict[tuple[str, str | None, datetime | None], str] = {}
    unit_keys: dict[tuple[bool, int, str], tuple[bool, int, object]] = {}
    dates = _Dates()
    ad_hoc_source = TaskSource.AD_HOC
    for record in records:
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
            meeting_title,
            starts_at,
            uid,
            unit_name,
            person_unit_name,
            unit_order,
            person_unit_order,
            person,
            focal_name,
        ) = record
        dates.deadline = deadline
        dates.completed_on = completed_on
        dates.status = state
        st = task_status(dates, day)
        if wanted is not None and st != wanted:
            continue
        unit = unit_name or person_unit_name or ""
        order = (unit_order if unit_name else person_unit_order) or 0
        place = (uid is None, order, unit)
        unit_key = unit_keys.get(place)
        if unit_key is None:
            unit = share(unit, unit)
            unit_key = unit_keys[place] = (uid is None, order, vi_key(unit))
        else:
            unit = shared[unit]
        origin = (source, meeting_title, starts_at)
        source_text = sources.get(origin)
        if source_text is None:
            source_text = sources[origin] = _source(source, meeting_title, starts_at)
        if deadline is not None:
            deadline = share(deadline, deadline)
        row = TrackedTask(
            tid,
            content,
            source_text,
            meeting_id,
            uid,
            unit,
            share(person, person) if person else "",
            share(focal_name, focal_name) if focal_name else "",
            share(assigned_on, assigned_on),
            deadline,
            share(completed_on, completed_on),
            st,
            labels[st],
            days_overdue(dates, day),
            result or "",
            version,
            source == ad_hoc_source,
        )
        out.append(((unit_key, deadline is None, deadline or date.max, tid), row))
    return out


def _completion(unit_id: int | None, unit: str, items: list[TrackedTask]) -> UnitCompletion:
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for t in items:
        counts[t.status] += 1
    return UnitCompletion(
        unit_id=unit_id,
        unit=unit,
        total=len(items) - counts["cancelled"],
        done_on_time=counts["done_on_time"],
        done_late=counts["done_late"],
        overdue=counts["overdue"],
        due_soon=counts["due_soon"],
        not_due=counts["not_due"],
        cancelled=counts["cancelled"],
    )


def completion_by_unit(tasks: Iterable[TrackedTask]) -> list[UnitCompletion]:
    """Counts and completion rate per unit, in the order the tasks come (by unit); tasks of no
    unit count together under an empty name."""
    groups: dict[int | None, list[TrackedTask]] = {}
    names: dict[int | None, str] = {}
    for t in tasks:
        groups.setdefault(t.unit_id, []).append(t)
        names.setdefault(t.unit_id, t.unit)
    return [_completion(uid, names[uid], items) for uid, items in groups.items()]


def completion_total(tasks: Iterable[TrackedTask], name: str = "") -> UnitCompletion:
    """The same counts over all ``tasks`` (``unit_id`` None)."""
    return _completion(None, name, list(tasks))
