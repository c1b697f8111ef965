"""The tasks as ``bdcq tasks list`` and ``bdcq tasks summary`` give them: the figures of the
tasks page (Báo cáo › Nhiệm vụ), so that a script reproduces what the window shows.

Each task carries what the page shows of it (:func:`.task_tracking.track_tasks`, the page's
own read): the unit it counts for (the unit in charge, else the person's; an open task of a
merged unit, its successor), its source, assigned and completion dates, the deadline it was
given when extended since, the unit's result report and last progress; besides the list's own
(:func:`.tasks.list_tasks`): whom it was given to, as the documents word it, and the
working-group sessions serving it. A unit is picked as on the page: the unit a task counts
for, by its name (diacritics optional) or its id, never the focal unit (a unit's tasks were
once those where it was only the focal unit, too: 38 against the page's 10). The summary is
the page's units table: every unit's tasks counted per status and its completion rate,
counted by :mod:`.task_completion` from the same read. Both take a period
(:mod:`.task_period`): its tasks as they stood at its end, the ones its tasks report prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .db import Database
from .i18n import tr
from .session_links import SessionLink
from .task_period import TaskPeriod, as_of, not_begun
from .task_tracking import (
    TrackedTask,
    UnitCompletion,
    completion_by_unit,
    completion_sum,
    track_tasks,
)
from .text import matches, rate_text, vi_key

_OPEN = ("overdue", "due_soon", "not_due")


def _of_period(db: Database, tasks: list[TrackedTask], period: TaskPeriod) -> list[TrackedTask]:
    """The tasks the period holds (:meth:`.task_period.TaskPeriod.takes`), given on their own
    date, else their meeting's (as the tasks report reads it)."""
    from sqlalchemy import select

    from .models import Meeting

    with db.session() as s:
        days = {i: at.date() for i, at in s.execute(select(Meeting.id, Meeting.starts_at)) if at}
    return [
        t
        for t in tasks
        if period.takes(
            t.assigned_on or days.get(t.meeting_id),  # type: ignore[arg-type]
            t.deadline,
            t.completed_on if t.status.startswith("done") else None,
            t.status in _OPEN,
        )
    ]


def tasks_of_period(
    db: Database,
    period: TaskPeriod,
    *,
    today: date | None = None,
    status: str | None = None,
    unit_id: int | None = None,
    listing: dict[int, tuple[str, tuple[SessionLink, ...]]] | None = None,
) -> list[TrackedTask]:
    """The page's rows (:func:`.task_tracking.track_tasks`) of the tasks ``period`` holds,
    each as it stood at its end, or on ``today`` when it is not over (:func:`.task_period.as_of`);
    none when it has not begun by then (:func:`.task_period.not_begun` says so: its report is
    refused, but a list of it is just empty). The one read of a period's tasks: ``tasks list``,
    ``tasks summary`` and the page's "Kỳ" all call it, and the report holds the same tasks."""
    if not_begun(period, today or date.today()):
        return []
    day = as_of(period, today or date.today())
    rows = track_tasks(db, status=status, unit_id=unit_id, today=day, listing=listing)
    return _of_period(db, rows, period)


@dataclass(frozen=True)
class ListedTask:
    id: int
    content: str
    source: str  # "Kết luận cuộc họp ngày …", "Giao trực tiếp" (whence, if handed over)
    meeting_id: int | None
    unit_id: int | None  # the unit the task counts for, as the page counts it
    unit: str  # its name, as the page's units table lists it
    assignee: str  # "unit (member)", as the documents name whom it was given to
    focal_unit: str
    assigned_on: date | None
    deadline: date | None  # the one in force by the day
    given_deadline: date | None  # the one given, when an extension replaced it by the day
    completed_on: date | None
    status: str
    status_label: str
    days_overdue: int
    result_report: str
    progress: str  # still open: the last progress reported by the day
    result: str  # the page's "Kết quả thực hiện": the progress of an open task, else the report
    version: int
    sessions: tuple[SessionLink, ...] = ()


def listed_tasks(
    db: Database,
    *,
    status: str | None = None,
    unit: str | None = None,
    unit_id: int | None = None,
    meeting_id: int | None = None,
    today: date | None = None,
    period: TaskPeriod | None = None,
) -> list[ListedTask]:
    """The tasks by deadline (none last), as of ``today`` (as :func:`.tasks.list_tasks` lists
    them); ``unit`` words of the name of the unit a task counts for, ``unit_id`` that unit
    (with the open tasks it took over from a unit merged into it, as on the page). The tasks
    are read once, by the page's own read (:func:`.task_tracking.track_tasks`), which also
    gives whom each was given to and its sessions: reading them again through the list's ORM
    read doubled the time at ten years."""
    listing: dict[int, tuple[str, tuple[SessionLink, ...]]] = {}
    if period is not None:  # as at its end
        page = tasks_of_period(
            db, period, today=today, status=status, unit_id=unit_id, listing=listing
        )
    else:
        day = today or date.today()
        page = track_tasks(db, status=status, unit_id=unit_id, today=day, listing=listing)
    if meeting_id is not None:
        page = [t for t in page if t.meeting_id == meeting_id]
    if unit and unit.strip():
        page = [t for t in page if matches(unit, t.unit)]
    page.sort(key=lambda t: (t.deadline is None, t.deadline or date.max, t.id))
    out = []
    for seen in page:
        assignee, sessions = listing[seen.id]
        out.append(
            ListedTask(
                id=seen.id,
                content=seen.content,
                source=seen.source,
                meeting_id=seen.meeting_id,
                unit_id=seen.unit_id,
                unit=seen.unit,
                assignee=assignee,
                focal_unit=seen.focal_unit,
                assigned_on=seen.assigned_on,
                deadline=seen.deadline,
                given_deadline=seen.given_deadline,
                completed_on=seen.completed_on,
                status=seen.status,
                status_label=seen.status_label,
                days_overdue=seen.days_overdue,
                result_report=seen.result_report,
                progress=seen.progress,
                result=seen.progress or seen.result_report,
                version=seen.version,
                sessions=sessions,
            )
        )
    return out


@dataclass(frozen=True)
class UnitFigures:
    """A row of the page's units table: a unit's tasks counted per status, its rate."""

    unit_id: int | None  # None: every unit (the first row), or the tasks of no unit
    unit: str
    total: int  # cancelled tasks not included
    done: int
    done_on_time: int
    done_late: int
    overdue: int
    due_soon: int
    not_due: int
    cancelled: int
    rate: float | None  # 0..1, None when there is nothing to count
    rate_text: str  # "85,5%", as the page and the tasks report write it


@dataclass(frozen=True)
class TaskSummary:
    on: date
    total: UnitFigures  # every unit
    units: list[UnitFigures]  # by name, as the page lists them; tasks of no unit last


def _figures(c: UnitCompletion, name: str) -> UnitFigures:
    return UnitFigures(
        unit_id=c.unit_id,
        unit=name,
        total=c.total,
        done=c.done,
        done_on_time=c.done_on_time,
        done_late=c.done_late,
        overdue=c.overdue,
        due_soon=c.due_soon,
        not_due=c.not_due,
        cancelled=c.cancelled,
        rate=c.completion_rate,
        rate_text=rate_text(c.completion_rate),
    )


def task_summary(
    db: Database, on: date | None = None, period: TaskPeriod | None = None
) -> TaskSummary:
    """The page's units table on ``on`` (today by default): the page's read
    (:func:`.task_tracking.track_tasks`) counted per unit as the page counts it; of the tasks
    of ``period`` at its end (or on ``on``, when it is not over), as its tasks report counts;
    none of a period not begun by ``on`` (counted on ``on``)."""
    day = on or date.today()
    if period is not None:
        tasks = tasks_of_period(db, period, today=day)
        if not not_begun(period, day):
            day = as_of(period, day)
    else:
        tasks = track_tasks(db, today=day)
    per_unit = completion_by_unit(tasks)
    every = completion_sum(per_unit)
    units = [_figures(c, c.unit or tr("(Không gắn đơn vị)")) for c in per_unit]
    units.sort(key=lambda u: (u.unit_id is None, vi_key(u.unit)))
    return TaskSummary(day, _figures(every, tr("Tất cả các đơn vị")), units)
