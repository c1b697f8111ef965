"""The acts recorded on tasks after they were given (:class:`.models.TaskEvent`, written by
:mod:`.task_actions`) as the lists and documents read them: each task's extensions, stops and
resumptions, and its latest progress note, as of a day, and the words every list and document
prints of them.

An act counts from its own day (the approval, the unit's report, the decision), not from the
day it was recorded, so a list of a past day reads the acts dated by then (as a completion
recorded late but dated on or before the day is that day's, :mod:`.tasks_on`):

- the deadline in force on a day is the last extension dated by then, else the deadline as
  given; lateness is counted against it from the extension's day. Before that day the task was
  late against the former deadline, and a document dated then says so; from it, the former
  lateness is history: the task is counted on time until its new deadline passes, and the lists
  and the tasks report say it was extended ("đã gia hạn", with the deadline as given beside);
- a task is stopped from its stop's day until a resumption's day;
- the progress shown is the last note dated by the day.

Plain SQL over the few event rows (a handful per task extended or reported on, none for most):
read whole, or for the tasks asked about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from .enums import TaskEventKind
from .i18n import tr
from .models import Person, StoredFile, Task, TaskEvent
from .text import decree_date, short_date

_CHUNK = 900  # ids per statement: well under any database's limit of bound values


def due_column() -> sa.ColumnElement[Any]:
    """The deadline in force as SQL (:attr:`.models.Task.due`): the last extension's, else the
    one given."""
    return sa.func.coalesce(Task.extended_to, Task.deadline)


@dataclass(frozen=True)
class Event:
    """One act on a task, as the history lists it."""

    id: int
    task_id: int
    kind: TaskEventKind
    day: date
    text: str
    old_deadline: date | None = None
    new_deadline: date | None = None
    decided_by_id: int | None = None
    decided_by: str = ""  # the person's name
    decided_by_text: str = ""  # the approving document, in words
    file_id: int | None = None
    file_name: str = ""
    recorded_at: datetime | None = None

    def approver(self) -> str:
        """Who approved or decided it, as a sentence continues after "theo": "Công văn số …
        (ý kiến đồng chí …)", "ý kiến đồng chí …", or ""."""
        person = ""
        if self.decided_by:
            person = tr("ý kiến đồng chí {name}").format(name=self.decided_by)
        if self.decided_by_text and person:
            return f"{self.decided_by_text} ({person})"
        return self.decided_by_text or person

    @property
    def late_by(self) -> int:
        """Days the task was already overdue when this extension was granted (0 if not)."""
        if self.old_deadline is None:
            return 0
        return max(0, (self.day - self.old_deadline).days)

    def extension_text(self, dated: Callable[[date], str] = short_date) -> str:
        """ "gia hạn đến 15/01/2027 theo … (ngày 05/01/2027)", and ", khi đã quá hạn 16 ngày"
        inside the brackets for a task extended after its deadline had passed; ``dated``
        writes the dates (a document's: :func:`.text.decree_date`)."""
        assert self.new_deadline is not None
        text = tr("gia hạn đến {deadline}").format(deadline=dated(self.new_deadline))
        who = self.approver()
        if who:
            text += " " + tr("theo {who}").format(who=who)
        when = tr("ngày {day}").format(day=dated(self.day))
        if self.late_by:
            when += ", " + tr("khi đã quá hạn {n} ngày").format(n=self.late_by)
        return f"{text} ({when})"

    def stop_text(self, dated: Callable[[date], str] = short_date) -> str:
        """ "Dừng thực hiện từ ngày 13/07/2026 theo … Lý do: …", as the tasks report prints a
        stopped task where an open one's progress goes."""
        text = tr("Dừng thực hiện từ ngày {day}").format(day=dated(self.day))
        who = self.approver()
        if who:
            text += " " + tr("theo {who}").format(who=who)
        return text + ". " + tr("Lý do: {reason}").format(reason=self.text)

    def progress_text(self, dated: Callable[[date], str] = short_date) -> str:
        """ "Đang thực hiện (báo cáo ngày 10/01/2027): …", as the lists and the tasks report
        print the latest progress of an open task."""
        return tr("Đang thực hiện (báo cáo ngày {day}): {text}").format(
            day=dated(self.day), text=self.text
        )


class Facts(NamedTuple):
    """What a task's acts say on a day (:func:`facts_on`)."""

    # The deadline as given, when an extension dated by the day replaced it (else None).
    given: date | None
    # The extensions dated by the day, oldest first.
    extensions: tuple[Event, ...]
    # The last progress note dated by the day.
    progress: Event | None
    # The last stop or resumption dated by the day.
    stop: Event | None

    def deadline_note(self) -> str:
        """ "Hạn ban đầu 20/12/2026, gia hạn đến 15/01/2027 theo … (ngày 05/01/2027)" for a task
        extended by the day (each extension in turn), else ""."""
        if not self.extensions:
            return ""
        first = self.given if self.given is not None else self.extensions[0].old_deadline
        parts = [tr("Hạn ban đầu {day}").format(day=short_date(first))] if first else []
        return "; ".join([*parts, *(e.extension_text() for e in self.extensions)])


def deadline_cell(deadline: date | None, facts: Facts) -> str:
    """A task's deadline in force as the documents' deadline cell: "15/01/2027 (gia hạn; hạn
    ban đầu 20/12/2026)" for one extended by the day (the deadline as given beside), else the
    date alone ("" for none), the dates as documents write them (:func:`.text.decree_date`).
    The tasks report and the reminder of one day print the same."""
    if deadline is None:
        return ""
    if facts.given is None or not facts.extensions:
        return decree_date(deadline)
    return tr("{day} (gia hạn; hạn ban đầu {given})").format(
        day=decree_date(deadline), given=decree_date(facts.given)
    )


NO_FACTS = Facts(None, (), None, None)  # a task with no act recorded

_COLUMNS = (
    TaskEvent.id,
    TaskEvent.task_id,
    TaskEvent.kind,
    TaskEvent.day,
    TaskEvent.text,
    TaskEvent.old_deadline,
    TaskEvent.new_deadline,
    TaskEvent.decided_by_id,
    Person.full_name,
    TaskEvent.decided_by_text,
    TaskEvent.file_id,
    StoredFile.name,
    TaskEvent.created_at,
)


def _query() -> sa.Select[Any]:
    return (
        sa.select(*_COLUMNS, Task.deadline)
        .join(Task, Task.id == TaskEvent.task_id)
        .outerjoin(Person, Person.id == TaskEvent.decided_by_id)
        .outerjoin(StoredFile, StoredFile.id == TaskEvent.file_id)
    )


def _event(row: Any) -> Event:
    return Event(
        id=row[0],
        task_id=row[1],
        kind=TaskEventKind(row[2]),
        day=row[3],
        text=row[4],
        old_deadline=row[5],
        new_deadline=row[6],
        decided_by_id=row[7],
        decided_by=row[8] or "",
        decided_by_text=row[9] or "",
        file_id=row[10],
        file_name=row[11] or "",
        recorded_at=row[12],
    )


class Acts(NamedTuple):
    """Every act of some tasks, each task's by day then as recorded, and each one's deadline as
    given today (what an extension replaced)."""

    events: dict[int, list[Event]]
    given: dict[int, date | None]

    def facts_on(self, day: date) -> dict[int, Facts]:
        """Each task's :class:`Facts` on ``day`` (the acts dated by then)."""
        return {tid: facts_of(evs, self.given.get(tid), day) for tid, evs in self.events.items()}


def read_acts(conn: sa.Connection, ids: Iterable[int] | None = None) -> Acts:
    """The acts of the tasks ``ids`` (None: of every task; few rows either way)."""
    rows: list[Any] = []
    if ids is None:
        rows = list(conn.execute(_query()))
    else:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), _CHUNK):
            query = _query().where(TaskEvent.task_id.in_(wanted[start : start + _CHUNK]))
            rows += conn.execute(query).all()
    events: dict[int, list[Event]] = {}
    given: dict[int, date | None] = {}
    for row in sorted(rows, key=lambda r: (r[1], r[3], r[0])):
        events.setdefault(row[1], []).append(_event(row))
        given[row[1]] = row[-1]
    return Acts(events, given)


def facts_of(events: Iterable[Event], given: date | None, day: date) -> Facts:
    """The :class:`Facts` of one task's ``events`` (by day) on ``day``; ``given`` its deadline
    as given."""
    dated = [e for e in events if e.day <= day]
    extensions = tuple(e for e in dated if e.kind == TaskEventKind.EXTENSION)
    progress = [e for e in dated if e.kind == TaskEventKind.PROGRESS]
    stops = [e for e in dated if e.kind in (TaskEventKind.STOP, TaskEventKind.RESUME)]
    return Facts(
        given if extensions else None,
        extensions,
        progress[-1] if progress else None,
        stops[-1] if stops else None,
    )


def in_force(events: Iterable[Event], given_then: date | None, day: date) -> date | None:
    """The deadline in force on ``day`` of a task with ``events``: the last extension dated by
    then, else ``given_then`` (the deadline as given, as it stood on the day)."""
    extended = [e for e in events if e.kind == TaskEventKind.EXTENSION and e.day <= day]
    return extended[-1].new_deadline if extended else given_then


def stopped_on(events: Iterable[Event], day: date) -> bool | None:
    """Whether the task stood stopped on ``day`` by its stops and resumptions dated by then;
    None when it has none at all (a task stopped before the events were recorded: its status
    alone says)."""
    marks = [e for e in events if e.kind in (TaskEventKind.STOP, TaskEventKind.RESUME)]
    if not marks:
        return None
    dated = [e for e in marks if e.day <= day]
    return bool(dated) and dated[-1].kind == TaskEventKind.STOP


def progress_by_task(acts: Acts, day: date) -> Mapping[int, Event]:
    """The last progress note dated by ``day`` of each task that has one."""
    out: dict[int, Event] = {}
    for tid, evs in acts.events.items():
        notes = [e for e in evs if e.kind == TaskEventKind.PROGRESS and e.day <= day]
        if notes:
            out[tid] = notes[-1]
    return out
