"""Task tracking for the reports overview: every task with its unit and status, and the
completion rate per unit.

Statuses are those of :func:`.tasks.task_status` (not due, due within 7 days, overdue, done on
time, done late, cancelled), so this page, ``bdcq tasks list`` and the tasks report agree. The
unit a task counts for is the unit in charge, else the unit of the person in charge (a task
given to a member alone is still chased through the member's unit). Everything is read in one
query of plain columns (ten years hold 6,000 tasks).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from .db import Database
from .i18n import tr
from .models import Conclusion, Meeting, Person, Task, TaskSource, TaskStatus, Unit
from .tasks import STATUS_LABELS, clean_status, days_overdue, task_status
from .text import short_date, vi_key

DONE_STATUSES = ("done_on_time", "done_late")


@dataclass(frozen=True)
class _Dates:
    """What :func:`task_status` reads, from the columns of the query."""

    deadline: date | None
    completed_on: date | None
    status: TaskStatus


@dataclass(frozen=True)
class TrackedTask:
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
    with db.session() as s:
        records = s.execute(query).all()
    rows: list[tuple[tuple[object, ...], TrackedTask]] = []
    for (
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
    ) in records:
        dates = _Dates(deadline, completed_on, TaskStatus(state))
        st = task_status(dates, day)
        if wanted is not None and st != wanted:
            continue
        unit = unit_name or person_unit_name or ""
        order = unit_order if unit_name else person_unit_order
        row = TrackedTask(
            id=tid,
            content=content,
            source=_source(TaskSource(source), meeting_title, starts_at),
            meeting_id=meeting_id,
            unit_id=uid,
            unit=unit,
            assignee=person or "",
            focal_unit=focal_name or "",
            assigned_on=assigned_on,
            deadline=deadline,
            completed_on=completed_on,
            status=st,
            status_label=tr(STATUS_LABELS[st]),
            days_overdue=days_overdue(dates, day),
            result_report=result or "",
            version=version,
            ad_hoc=TaskSource(source) == TaskSource.AD_HOC,
        )
        key = (uid is None, order or 0, vi_key(unit), deadline is None, deadline or date.max, tid)
        rows.append((key, row))
    rows.sort(key=lambda item: item[0])
    return [row for _key, row in rows]


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
