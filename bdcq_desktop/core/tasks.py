"""Tasks (nhiệm vụ) assigned by the chair's conclusions, and their status.

The status shown is computed from the dates, never typed: a task is *done* when it has a
completion date (:func:`complete_task`), and otherwise its deadline in force decides (the last
extension's, else the deadline as given: :mod:`.task_events`), against today:

- ``not_due``: no deadline, or the deadline is more than :data:`DUE_SOON_DAYS` days away;
- ``due_soon``: the deadline is within :data:`DUE_SOON_DAYS` days, today included (a task due
  today is not overdue yet);
- ``overdue``: the deadline has passed (``days_overdue`` days ago);
- ``done_on_time``: completed on or before its deadline (or it had none);
- ``done_late``: completed after its deadline (``days_overdue`` days after it);
- ``cancelled``: stopped (kept with its reason, who decided and when: :mod:`.task_actions`),
  counted apart.

Asked about a past day, the list says what stood then, as the tasks report and the reminder
of that day do (:mod:`.tasks_on`): a task given after the day is left out, and each task's
status, deadline and completion are those of the day, and so are its units (one handed to
another unit after the day is listed under the unit that had it then).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .db import Database
from .errors import BcdError, NotFoundError, ValidationError
from .i18n import tr
from .locking import check_version, flush
from .models import Conclusion, Person, Task, TaskStatus, Unit
from .session_links import Links, SessionLink, session_links
from .succession import Succession, read_succession, taken_from
from .task_events import NO_FACTS, Facts, read_acts
from .task_latest import not_before_latest
from .tasks_on import Handover, TaskState, given_by, handovers_on, over, standing_on
from .text import clean, excerpt, matches

DUE_SOON_DAYS = 7
STATUSES = ("not_due", "due_soon", "overdue", "done_on_time", "done_late", "cancelled")
STATUS_LABELS = {
    "not_due": "Chưa đến hạn",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "cancelled": "Đã dừng",
}
# The statuses of a task still to be done: those a merged unit's successor answers for.
OPEN_STATUSES = frozenset(("not_due", "due_soon", "overdue"))


class _TaskLike(Protocol):
    deadline: date | None  # the one in force (Task.due, TaskState.deadline)
    completed_on: date | None
    status: TaskStatus


def task_status(task: _TaskLike, today: date) -> str:
    """One of :data:`STATUSES` (see the module doc)."""
    if task.status == TaskStatus.CANCELLED:
        return "cancelled"
    if task.completed_on is not None or task.status == TaskStatus.DONE:
        done = task.completed_on
        if task.deadline is None or done is None or done <= task.deadline:
            return "done_on_time"
        return "done_late"
    if task.deadline is None:
        return "not_due"
    if today > task.deadline:
        return "overdue"
    if (task.deadline - today).days <= DUE_SOON_DAYS:
        return "due_soon"
    return "not_due"


def days_overdue(task: _TaskLike, today: date) -> int:
    """Days past the deadline: until today when still open, until completion when done late."""
    if task.deadline is None or task.status == TaskStatus.CANCELLED:
        return 0
    end = task.completed_on if task.completed_on is not None else today
    if task.completed_on is None and task.status == TaskStatus.DONE:
        return 0
    return max(0, (end - task.deadline).days)


@dataclass(frozen=True)
class TaskRow:
    id: int
    content: str
    meeting_id: int | None
    conclusion_id: int | None
    assignee: str  # "unit (member)", or whichever is given
    assignee_person: str
    assignee_unit: str
    focal_unit: str
    assigned_by: str
    assigned_on: date | None
    deadline: date | None
    completed_on: date | None
    status: str
    status_label: str
    days_overdue: int
    version: int
    sessions: tuple[SessionLink, ...] = ()  # working-group sessions serving the task
    # The ids behind the names, as a conclusion's edit takes them (bdcq meetings
    # conclusion-edit --tasks).
    assignee_person_id: int | None = None
    assignee_unit_id: int | None = None
    focal_unit_id: int | None = None
    # ``deadline`` is the one in force; when an extension replaced it by the row's day, this
    # is the deadline as given (what the minutes and the conclusions notice print), and
    # ``extension`` says how it was extended ("Hạn ban đầu …; gia hạn đến … theo …").
    given_deadline: date | None = None
    extension: str = ""
    # The last progress reported by the day ("Đang thực hiện (báo cáo ngày …): …"), or "".
    progress: str = ""

    @property
    def deadline_as_given(self) -> date | None:
        """The deadline the task was given with (the conclusion's, the assignment's)."""
        return self.given_deadline if self.given_deadline is not None else self.deadline


def assignee_text(person: str, unit: str) -> str:
    if person and unit:
        return f"{unit} ({person})"
    return unit or person


def state_of(t: Task) -> TaskState:
    """``t``'s state today, with its deadline in force."""
    return TaskState(t.status, t.due, t.completed_on, t.result_report)


def row_of(
    t: Task,
    today: date,
    links: Links | None = None,
    then: TaskState | None = None,
    facts: Facts | None = None,
) -> TaskRow:
    """``t`` as listed on ``today``; ``then`` its state of that day if not today's
    (:func:`.tasks_on.standing_on`), ``facts`` what its acts say then (:mod:`.task_events`;
    None: read from ``t`` itself, as today)."""
    person = t.assignee_person.full_name if t.assignee_person else ""
    unit = t.assignee_unit.name if t.assignee_unit else ""
    state = then if then is not None else state_of(t)
    status = task_status(state, today)
    given = t.deadline if facts is None and t.extended_to is not None else None
    extension = progress = ""
    if facts is not None:
        given, extension = facts.given, facts.deadline_note()
        progress = facts.progress.progress_text() if facts.progress is not None else ""
    return TaskRow(
        id=t.id,
        content=t.content,
        meeting_id=t.conclusion.meeting_id if t.conclusion else None,
        conclusion_id=t.conclusion_id,
        assignee=assignee_text(person, unit),
        assignee_person=person,
        assignee_unit=unit,
        focal_unit=t.focal_unit.name if t.focal_unit else "",
        assigned_by=t.assigned_by.full_name if t.assigned_by else "",
        assigned_on=t.assigned_on,
        deadline=state.deadline,
        completed_on=state.completed_on,
        status=status,
        status_label=tr(STATUS_LABELS[status]),
        days_overdue=days_overdue(state, today),
        version=t.version,
        sessions=links.of_task(t.id) if links is not None else (),
        assignee_person_id=t.assignee_person_id,
        assignee_unit_id=t.assignee_unit_id,
        focal_unit_id=t.focal_unit_id,
        given_deadline=given,
        extension=extension,
        progress=progress if status in OPEN_STATUSES else "",
    )


TASK_OPTIONS = (
    joinedload(Task.assignee_person),
    joinedload(Task.assignee_unit),
    joinedload(Task.focal_unit),
    joinedload(Task.assigned_by),
    joinedload(Task.conclusion),
)


def clean_status(status: object) -> str | None:
    if status is None or str(status).strip() == "":
        return None
    wanted = str(status).strip().casefold()
    if wanted not in STATUSES:
        raise ValidationError(
            "status",
            tr('"{label}" không nhận giá trị "{value}"; các giá trị hợp lệ: {allowed}.').format(
                # Echoed cut and cleaned: a control character must not reach the message.
                label=tr("Tình trạng"),
                value=excerpt(clean(str(status)[:1000])),
                allowed=", ".join(STATUSES),
            ),
            label=tr("Tình trạng"),
        )
    return wanted


def list_tasks(
    db: Database,
    *,
    status: str | None = None,
    unit: str | None = None,
    meeting_id: int | None = None,
    today: date | None = None,
) -> list[TaskRow]:
    """Tasks by deadline (none last); ``status`` one of :data:`STATUSES`; ``unit`` matches
    the unit in charge or the focal unit (diacritics optional). A task still open of a unit
    merged by ``today`` names the unit that received it, "<unit> (tiếp nhận từ <merged>)"
    (:mod:`.succession`), as the tasks page and the chase list count it. A past ``today``
    lists the tasks given by then, each as it stood then (:mod:`.tasks_on`), as the tasks
    report of that day prints them, under the unit that had it then (a transfer dated after
    the day undone, :func:`.tasks_on.handovers_on`). One handed over by the day (today too)
    says whence and when beside its unit, "<unit> (tiếp nhận từ <unit> ngày <day>)", as the
    documents of the day say it."""
    wanted = clean_status(status)
    day = today or date.today()
    with db.session() as s:
        stmt = select(Task).options(*TASK_OPTIONS)
        if meeting_id is not None:
            stmt = stmt.join(Conclusion, Conclusion.id == Task.conclusion_id).where(
                Conclusion.meeting_id == meeting_id
            )
        links = session_links(s)
        succession = read_succession(s)
        heirs = succession.heirs(day)
        tasks = list(s.scalars(stmt).unique())
        states: dict[int, TaskState] = {}
        past = over(day)
        if past:
            tasks = [t for t in tasks if given_by(day, t.assigned_on, _meeting_start(t))]
            states = standing_on(s.connection(), {t.id: state_of(t) for t in tasks}, day)
        facts = read_acts(s.connection(), [t.id for t in tasks] if past else None).facts_on(day)
        # Whence and when a task handed over came, today as on a past day (today's units are
        # today's: only a past day's undo transfers dated after it).
        moved = handovers_on(s.connection(), [t.id for t in tasks] if past else None, day)
        rows = []
        for t in tasks:
            row = row_of(t, day, links, states.get(t.id), facts.get(t.id, NO_FACTS))
            unit_id, focal_id = t.assignee_unit_id, t.focal_unit_id
            handover = moved.get(t.id)
            if past and handover is not None and handover.then:
                row, unit_id, focal_id = _held_then(s, t, row, handover.then)
            row = _taken_over(row, unit_id, focal_id, heirs, succession)
            rows.append(_noted(row, handover))
    if wanted is not None:
        rows = [r for r in rows if r.status == wanted]
    if unit:
        rows = [r for r in rows if matches(unit, r.assignee_unit, r.focal_unit)]
    rows.sort(key=lambda r: (r.deadline is None, r.deadline or date.max, r.id))
    return rows


def _meeting_start(t: Task) -> datetime | None:
    """The start of the meeting whose conclusion gave ``t``, read only for a task with no date
    of its own (a conclusion's task is dated its meeting's day)."""
    if t.assigned_on is not None or t.conclusion is None:
        return None
    return t.conclusion.meeting.starts_at


def _held_then(
    s: Session, t: Task, row: TaskRow, then: dict[str, Any]
) -> tuple[TaskRow, int | None, int | None]:
    """``row`` with the person, unit in charge and focal unit ``t`` had on the row's day before
    a transfer dated after it (``then``, :attr:`.tasks_on.Handover.then`), and the ids of those
    units (for :func:`_taken_over`). A handful of tasks: each name read by its own get."""

    def name(model: type[Person | Unit], key: str, now: int | None) -> tuple[int | None, str]:
        ident = then.get(key, now)
        record = s.get(model, ident) if ident is not None else None
        if record is None:
            return None, ""
        return ident, record.full_name if isinstance(record, Person) else record.name

    _pid, person = name(Person, "assignee_person_id", t.assignee_person_id)
    unit_id, unit = name(Unit, "assignee_unit_id", t.assignee_unit_id)
    focal_id, focal = name(Unit, "focal_unit_id", t.focal_unit_id)
    held = replace(
        row,
        assignee=assignee_text(person, unit),
        assignee_person=person,
        assignee_unit=unit,
        focal_unit=focal,
    )
    return held, unit_id, focal_id


def _noted(row: TaskRow, handover: Handover | None) -> TaskRow:
    """``row`` with whence and when it came beside its unit, handed over by its day: the
    list's one place for a unit's note (as for a merged unit's task, :func:`_taken_over`)."""
    note = handover.note() if handover is not None else ""
    if not note or not row.assignee_unit:
        return row
    person = row.assignee_person
    return replace(row, assignee=f"{row.assignee_unit} ({note}; {person})" if person else
                   f"{row.assignee_unit} ({note})")


def _taken_over(
    row: TaskRow,
    unit_id: int | None,
    focal_id: int | None,
    heirs: dict[int, int],
    succession: Succession,
) -> TaskRow:
    """``row`` with its unit in charge (``unit_id``) and focal unit (``focal_id``), if merged
    by the day, named as the units that received them, for a task still open; a done or
    cancelled task keeps its own."""
    if row.status not in OPEN_STATUSES:
        return row
    changes: dict[str, str] = {}
    if unit_id in heirs:
        heir, given = heirs[unit_id], unit_id
        unit = succession.label(heir, given)
        # One pair of brackets: "Sở B (tiếp nhận từ Sở A; Nguyễn Văn C)".
        person = row.assignee_person
        names = succession.names
        assignee = f"{names[heir]} ({taken_from(names[given])}; {person})" if person else unit
        changes.update(assignee_unit=unit, assignee=assignee)
    if focal_id in heirs:
        changes["focal_unit"] = succession.label(heirs[focal_id], focal_id)
    return replace(row, **changes) if changes else row


@dataclass(frozen=True)
class TaskDone:
    """What :func:`complete_task` recorded: the status it computes from the dates."""

    id: int
    version: int
    completed_on: date
    status: str  # done_on_time or done_late
    status_label: str
    days_overdue: int


def complete_task(
    db: Database,
    task_id: int,
    completed_on: date | str,
    *,
    expected_version: int | None,
    result_report: str | None = None,
    today: date | None = None,
) -> TaskDone:
    """Record that a task was done, on ``completed_on`` (not after today, not before it was
    assigned), with the unit's result report: ``None`` keeps the one recorded, any text
    replaces it (empty text clears it). Recorded again, it corrects the date or the report.
    A stopped (cancelled) task takes no result. The status, done on time (on the deadline
    itself included) or done late, follows from the dates."""
    label = tr("Ngày hoàn thành")
    done = v.date_value(completed_on, "completed_on", label, required=True)
    assert done is not None
    day = today or date.today()
    v.date_window(done, "completed_on", label, latest=day)
    report = v.text(
        result_report, "result_report", tr("Kết quả thực hiện"), max_len=5000, multiline=True
    )
    with db.session() as s:
        t = s.get(Task, v.record_id(task_id, "task_id", tr("Mã nhiệm vụ")))
        if t is None:
            raise NotFoundError(tr("Không tìm thấy nhiệm vụ có mã {id}.").format(id=task_id))
        check_version(t, expected_version, tr("Nhiệm vụ"))
        if t.status == TaskStatus.CANCELLED:
            raise BcdError(
                tr("Nhiệm vụ {id} đã dừng thực hiện: không ghi kết quả được.").format(id=task_id)
            )
        if t.assigned_on is not None and done < t.assigned_on:
            raise ValidationError(
                "completed_on",
                tr('"{label}" không được sớm hơn ngày giao nhiệm vụ ({day}).').format(
                    label=label, day=f"{t.assigned_on:%d/%m/%Y}"
                ),
                label=label,
            )
        # Not before the last extension, progress, stop, resumption or transfer: the task
        # was still open then, and a completion dated earlier would credit the wrong unit.
        not_before_latest(s.connection(), [t.id], done, "completed_on", label)
        t.completed_on = done
        t.status = TaskStatus.DONE
        if result_report is not None:
            t.result_report = report
        flush(s, tr("Nhiệm vụ"))
        state = state_of(t)
        status = task_status(state, day)
        return TaskDone(
            t.id, t.version, done, status, tr(STATUS_LABELS[status]), days_overdue(state, day)
        )


def rows_for(
    tasks: Sequence[Task], today: date, links: Links | None = None
) -> tuple[TaskRow, ...]:
    return tuple(
        row_of(t, today, links) for t in sorted(tasks, key=lambda t: (t.position, t.id))
    )
