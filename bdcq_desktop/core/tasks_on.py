"""Tasks as they stood at the end of a past day, read from the change log backwards (headless,
plain SQL), as :mod:`.records_on` reads people and units.

A task's progress is one record updated over time: its status, its completion date, its
result report (the progress note, "Kết quả thực hiện") and its deadline (an extension is an
edit of it). Every update goes through the core and is logged (:mod:`.audit`, ``{field: [old,
new]}``, in local time), and the log is never pruned: today's values with every logged change
made after the day undone are the day's. A value older than the log (typed before it, loaded
by the demo) reads as today's: nothing better is known.

A document dated back (the tasks report, the reminder) prints what stood on its date: a note
rewritten since, a completion recorded since, a deadline extended since, are not what it said.
One exception: a completion recorded late, dated on or before the day, is a fact of that day
(the task was done then; the officer heard of it later), printed with the note it came with.

Every list that can be asked about a past day reads it through the same three names, so that
the lists, the tasks report and the reminder of one day agree task for task: :func:`over`
(whether the day is past at all: today's lists read today's values, with no work added),
:func:`given_by` (a task given after the day is not in its lists) and :func:`standing_on`
(each task's state that day).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any, NamedTuple

import sqlalchemy as sa

from .enums import ChangeAction, TaskStatus
from .models import ChangeLog, Task
from .records_on import _local

# A statement's ids at a time: well under any database's limit of bound values.
_CHUNK = 900


class TaskState(NamedTuple):
    """What a task's progress is read from (:func:`.tasks.task_status` reads the first three)."""

    status: TaskStatus
    deadline: date | None
    completed_on: date | None
    result_report: str | None


_FIELDS = TaskState._fields


def end_of(day: date) -> datetime:
    """The last moment of ``day``: what a document "tính đến" it knew."""
    return datetime.combine(day, time.max)


def over(day: date) -> bool:
    """Whether ``day`` is over: only then can a task's state on it differ from today's."""
    return end_of(day) < datetime.now()


def given_by(day: date, assigned_on: date | None, meeting_start: datetime | None) -> bool:
    """Whether a task was given by the end of ``day``: on its own date, else on its meeting's
    (a conclusion's task); one with neither is taken as always given."""
    given = assigned_on
    if given is None and meeting_start is not None:
        given = meeting_start.date()
    return given is None or given <= day


def standing_on(
    conn: sa.Connection, tasks: Mapping[int, TaskState], day: date
) -> dict[int, TaskState]:
    """:func:`tasks_on`, and a completion dated after ``day`` undone as well: one older than
    the change log, which it cannot undo, was not done on the day either. Such a task was
    being carried out (whether it had started is not recorded), its result not known yet."""
    out = tasks_on(conn, tasks, day)
    for task_id, state in out.items():
        if state.completed_on is not None and state.completed_on > day:
            out[task_id] = TaskState(TaskStatus.IN_PROGRESS, state.deadline, None, None)
    return out


def _value(field: str, logged: Any) -> Any:
    # The log holds the JSON form the audit hook wrote (:func:`.audit._plain`).
    if logged is None:
        return None
    if field == "status":
        return TaskStatus(logged)
    if field in ("deadline", "completed_on"):
        return date.fromisoformat(str(logged)[:10])
    return logged


def updated_after(day: date) -> sa.ColumnElement[bool]:
    """A condition on ``task.id``: the tasks the log has an update of after ``day``, those whose
    state then may differ from today's (through the log's index by time: the few edits since a
    day). For a list that narrows its tasks by today's values (:mod:`.chase`)."""
    later = sa.select(ChangeLog.record_id).where(
        ChangeLog.table_name == Task.__tablename__,
        ChangeLog.action == ChangeAction.UPDATE,
        ChangeLog.at > end_of(day),
    )
    return Task.id.in_(later)


def tasks_on(
    conn: sa.Connection, tasks: Mapping[int, TaskState], day: date
) -> dict[int, TaskState]:
    """The ``tasks`` (today's values, by id) as they stood at the end of ``day``: each one's
    updates logged after it undone, newest first. Read for the tasks asked about only, through
    the log's index by record; nothing is read for a day not over yet (today's are the day's).
    """
    after = end_of(day)
    out = dict(tasks)
    if not tasks or after >= datetime.now():
        return out
    # A completion recorded after the day but dated on or before it (the officer heard of it
    # late) was a fact of the day: the task stands done, with the note it was completed with.
    done: dict[int, TaskState] = {}
    for record_id, changes in _later_updates(conn, tasks, after):
        state = out[record_id]
        completion = changes.get("completed_on")
        if (
            isinstance(completion, list)
            and len(completion) == 2
            and completion[1] is not None
            and _value("completed_on", completion[1]) == tasks[record_id].completed_on
            and tasks[record_id].status == TaskStatus.DONE
            and state.completed_on is not None
            and state.completed_on <= day
        ):
            done[record_id] = state  # as that row left it (later rows already undone)
        values = state._asdict()
        for field in _FIELDS:
            change = changes.get(field)
            if isinstance(change, list) and len(change) == 2:
                values[field] = _value(field, change[0])
        out[record_id] = TaskState(**values)
    out.update(done)
    return out


def _later_updates(
    conn: sa.Connection, ids: Iterable[int], after: datetime
) -> list[tuple[int, dict[str, Any]]]:
    """The updates of the tasks ``ids`` logged after ``after``, each task's newest first."""
    query = sa.text(
        "SELECT record_id, at, changes FROM change_log WHERE table_name = 'task'"
        " AND record_id IN :ids AND action = 'update' AND at > :after"
        " ORDER BY record_id, at DESC, id DESC"
    ).bindparams(
        sa.bindparam("ids", expanding=True),
        sa.bindparam("after", type_=sa.DateTime()),
    )
    wanted = sorted(set(ids))
    out: list[tuple[int, dict[str, Any]]] = []
    for start in range(0, len(wanted), _CHUNK):
        rows = conn.execute(query, {"ids": wanted[start : start + _CHUNK], "after": after})
        # Compared again as local moments: the SQL narrows, as the stamps are stored.
        out += [(r, json.loads(text)) for r, at, text in rows if text and _local(at) > after]
    return out
