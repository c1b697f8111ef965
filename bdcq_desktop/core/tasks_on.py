"""Tasks as they stood at the end of a past day, read from the change log backwards (headless,
plain SQL), as :mod:`.records_on` reads people and units.

A task's progress is one record updated over time: its status, its completion date, its
result report ("Kết quả thực hiện") and its deadline as given (an edit of it corrects it).
Every update goes through the core and is logged (:mod:`.audit`, ``{field: [old, new]}``, in
local time), and the log is never pruned: today's values with every logged change made after
the day undone are the day's. A value older than the log (typed before it, loaded by the
demo) reads as today's: nothing better is known. The dated acts on a task since 0020 (an
extension of its deadline, a stop, a resumption: :mod:`.task_events`) count from their own
days, whenever they were recorded: the deadline a state carries is the one in force (the last
extension dated by the day, else the one given then).

A document dated back (the tasks report, the reminder) prints what stood on its date: a note
rewritten since, a completion recorded since, a deadline extended after it, are not what it
said.
One exception: a completion recorded late, dated on or before the day, is a fact of that day
(the task was done then; the officer heard of it later), printed with the note it came with.

Every list that can be asked about a past day reads it through the same three names, so that
the lists, the tasks report and the reminder of one day agree task for task: :func:`over`
(whether the day is past at all: today's lists read today's values, with no work added),
:func:`given_by` (a task given after the day is not in its lists) and :func:`standing_on`
(each task's state that day).

Who had a task is read the same way (:func:`handovers_on`): a transfer (:mod:`.task_transfer`)
is dated by the officer, and its update row carries that day, so a transfer dated after the day
is undone (the task is the former unit's on it) and one dated on or before it is the day's (the
task is the receiving unit's, "tiếp nhận từ" the one it left). Every document and list that
reads a task as of a day (the tasks report, the reminder and the Đôn đốc list, the conclusions
notice) asks here, so that two documents of one date name the same unit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time
from typing import Any, NamedTuple

import sqlalchemy as sa

from .enums import ChangeAction, TaskStatus
from .i18n import tr
from .models import ChangeLog, Person, Task, Unit
from .records_on import _local
from .succession import taken_from
from .task_events import Acts, in_force, read_acts, stopped_on
from .text import short_date

# A statement's ids at a time: well under any database's limit of bound values.
_CHUNK = 900


class TaskState(NamedTuple):
    """What a task's progress is read from (:func:`.tasks.task_status` reads the first three)."""

    status: TaskStatus
    deadline: date | None
    completed_on: date | None
    result_report: str | None


_FIELDS = TaskState._fields

# The change log's extra keys on a transferred task's update row (:func:`.audit.log_also`), and
# the fields a transfer rewrites: read back by :func:`handovers_on`.
LOG_ON, LOG_REASON = "transfer_on", "transfer_reason"
UNIT_FIELDS = ("assignee_unit_id", "focal_unit_id", "assignee_person_id")


class Handover(NamedTuple):
    """What transfers did to a task's units, seen from a day."""

    # The fields a transfer dated after the day rewrote (of :data:`UNIT_FIELDS`), as they
    # stood on the day; empty when none did.
    then: dict[str, Any]
    # The last transfer dated on or before the day: whom the task came from ("" if none) and
    # that transfer's day.
    came_from: str
    on: date | None

    def note(self, dated: Callable[[date], str] = short_date) -> str:
        """ "tiếp nhận từ Viettel Nghệ An ngày 20/11/2026" for a task's source, or ""; ``dated``
        writes the date (a document's: :func:`.text.decree_date`)."""
        if not self.came_from or self.on is None:
            return ""
        return tr("{taken} ngày {day}").format(taken=taken_from(self.came_from), day=dated(self.on))


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
    conn: sa.Connection, tasks: Mapping[int, TaskState], day: date, acts: Acts | None = None
) -> dict[int, TaskState]:
    """:func:`tasks_on`, and a completion dated after ``day`` undone as well: one older than
    the change log, which it cannot undo, was not done on the day either. Such a task was
    being carried out (whether it had started is not recorded), its result not known yet."""
    out = tasks_on(conn, tasks, day, acts)
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
    conn: sa.Connection, tasks: Mapping[int, TaskState], day: date, acts: Acts | None = None
) -> dict[int, TaskState]:
    """The ``tasks`` (today's values, by id, each with its deadline in force) as they stood at
    the end of ``day``: each one's updates logged after it undone, newest first, then its dated
    acts applied (:func:`_with_acts`). Read for the tasks asked about only, through
    the log's index by record; nothing is read for a day not over yet (today's are the day's).
    ``acts``: those already read by the caller (of these tasks or more), not read again.
    """
    after = end_of(day)
    out = dict(tasks)
    if not tasks or after >= datetime.now():
        return out
    # A completion recorded after the day but dated on or before it (the officer heard of it
    # late) was a fact of the day: the task stands done, with the note it was completed with.
    done: dict[int, TaskState] = {}
    # The deadline as given on the day, where a change of it was logged after the day (the
    # oldest change's former value): what an extension dated after the day had not replaced.
    given_then: dict[int, Any] = {}
    for record_id, changes in _later_updates(conn, tasks, after):
        state = out[record_id]
        given = changes.get("deadline")
        if isinstance(given, list) and len(given) == 2:
            given_then[record_id] = _value("deadline", given[0])
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
    return _with_acts(conn, out, day, given_then, acts)


def _with_acts(
    conn: sa.Connection,
    states: dict[int, TaskState],
    day: date,
    given_then: dict[int, Any],
    acts: Acts | None,
) -> dict[int, TaskState]:
    """``states`` (undone from the log) with the tasks' dated acts applied (:mod:`.task_events`):
    an extension counts from its own day, and so do a stop and a resumption, whenever they were
    recorded. Read for the tasks that have acts (few)."""
    if acts is None:
        acts = read_acts(conn, states)
    for tid, events in acts.events.items():
        state = states.get(tid)
        if state is None:  # an act of a task not asked about (the caller read every task's)
            continue
        given = given_then.get(tid, acts.given.get(tid))
        deadline = in_force(events, given, day)
        status = state.status
        stopped = stopped_on(events, day)
        if stopped:
            status = TaskStatus.CANCELLED
        elif stopped is False and status == TaskStatus.CANCELLED:
            # Stopped after the day, or taken up again by it: open on the day.
            status = TaskStatus.IN_PROGRESS
        states[tid] = state._replace(deadline=deadline, status=status)
    return states


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


_MOVES = (
    "SELECT id, record_id, changes FROM change_log WHERE table_name = 'task'"
    " AND action = 'update' AND changes LIKE :mark"
)


def _transfer_rows(
    conn: sa.Connection, ids: Iterable[int] | None, *, stamped: bool = False
) -> Iterator[Any]:
    """The log's transfer rows (id, task id, changes; and when recorded, ``stamped``) of the
    tasks of ``ids`` (None: all)."""
    mark = f'%"{LOG_ON}"%'
    moves = _MOVES.replace("changes FROM", "changes, at FROM") if stamped else _MOVES
    if ids is None:
        yield from conn.execute(sa.text(moves), {"mark": mark})
        return
    query = sa.text(f"{moves} AND record_id IN :ids").bindparams(
        sa.bindparam("ids", expanding=True)
    )
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), _CHUNK):
        yield from conn.execute(query, {"ids": wanted[start : start + _CHUNK], "mark": mark})


def handovers_on(conn: sa.Connection, ids: Iterable[int] | None, day: date) -> dict[int, Handover]:
    """The tasks of ``ids`` (None: every task) that a transfer moved (dated on any day), each
    as seen from the end of ``day``: its units then (:attr:`Handover.then`, transfers dated
    after the day undone, newest first) and where it came from (the last transfer dated on or
    before the day). Read through the log's index by record, for the tasks asked about only
    (every task: the task rows of the log, one statement, as today's whole list asks); a task
    not in the result was never transferred."""
    moves: list[tuple[date, int, int, dict[str, Any]]] = []
    for row_id, record_id, text in _transfer_rows(conn, ids):
        changes = json.loads(text) if text else {}
        moved = changes.get(LOG_ON)
        if isinstance(moved, list) and len(moved) == 2 and moved[1]:
            moves.append((date.fromisoformat(str(moved[1])[:10]), row_id, record_id, changes))
    if not moves:
        return {}
    # By the transfer's day (the officer's, which may be earlier than when it was recorded),
    # then as recorded: newest first, so that the oldest transfer after the day, read last,
    # gives the units the day had.
    moves.sort(key=lambda m: (m[0], m[1]), reverse=True)
    then: dict[int, dict[str, Any]] = {}
    last: dict[int, tuple[date, dict[str, Any]]] = {}
    for on, _row, record_id, changes in moves:
        if on > day:
            before = then.setdefault(record_id, {})
            for field in UNIT_FIELDS:
                change = changes.get(field)
                if isinstance(change, list) and len(change) == 2:
                    before[field] = change[0]
        elif record_id not in last:
            last[record_id] = (on, changes)
    names = _givers(conn, [c for _on, c in last.values()])
    out: dict[int, Handover] = {}
    for tid in set(then) | set(last):
        came_from, on = "", None
        if tid in last:
            on, changes = last[tid]
            giver = _giver(changes)
            came_from = names.get(giver, "") if giver is not None else ""
        out[tid] = Handover(then.get(tid, {}), came_from, on)
    return out


class Transfer(NamedTuple):
    """One transfer of a task, as its history lists it."""

    on: date
    from_unit: str
    to_unit: str
    reason: str


def transfers_of(conn: sa.Connection, task_id: int) -> list[Transfer]:
    """The transfers of one task, by their day: whence, whither, why (from the log's rows)."""
    rows = []
    for _row, _record, text in _transfer_rows(conn, [task_id]):
        changes = json.loads(text) if text else {}
        moved = changes.get(LOG_ON)
        if isinstance(moved, list) and len(moved) == 2 and moved[1]:
            rows.append((date.fromisoformat(str(moved[1])[:10]), changes))
    if not rows:
        return []
    names = _givers(conn, [c for _on, c in rows])
    targets = {
        int(c["assignee_unit_id"][1])
        for _on, c in rows
        if isinstance(c.get("assignee_unit_id"), list) and c["assignee_unit_id"][1] is not None
    }
    units = dict(conn.execute(sa.select(Unit.id, Unit.name).where(Unit.id.in_(targets))).all())
    out = []
    for on, changes in sorted(rows, key=lambda r: r[0]):
        giver = _giver(changes)
        to = changes.get("assignee_unit_id")
        to_id = to[1] if isinstance(to, list) and len(to) == 2 else None
        reason = changes.get(LOG_REASON)
        out.append(
            Transfer(
                on,
                names.get(giver, "") if giver is not None else "",
                units.get(to_id, "") if to_id is not None else "",
                str(reason[1]) if isinstance(reason, list) and len(reason) == 2 else "",
            )
        )
    return out


def with_note(text: str, handover: Handover | None) -> str:
    """A task's source ``text`` and, handed over by the day, whence and when it came: "Kết
    luận cuộc họp ngày …; tiếp nhận từ … ngày …", as every list and document of the day
    prints it (``text`` itself otherwise)."""
    note = handover.note() if handover is not None else ""
    return f"{text}; {note}" if note else text


def people_of(conn: sa.Connection, ids: Iterable[int]) -> dict[int, tuple[int | None, str]]:
    """The unit and name of each person of ``ids`` (those tasks had before a transfer,
    :attr:`Handover.then`)."""
    wanted = sorted(set(ids))
    out: dict[int, tuple[int | None, str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = sa.select(Person.id, Person.unit_id, Person.full_name).where(
            Person.id.in_(wanted[start : start + _CHUNK])
        )
        out.update((pid, (unit, name)) for pid, unit, name in conn.execute(query))
    return out


def _giver(changes: dict[str, Any]) -> tuple[str, int] | None:
    """Whom a transfer row took the task from: the unit in charge it replaced, else the
    person in charge it stopped naming (read as their unit, else as the person)."""
    unit = changes.get("assignee_unit_id")
    if isinstance(unit, list) and len(unit) == 2 and unit[0] is not None:
        return ("unit", int(unit[0]))
    person = changes.get("assignee_person_id")
    if isinstance(person, list) and len(person) == 2 and person[0] is not None:
        return ("person", int(person[0]))
    return None


def _givers(conn: sa.Connection, rows: list[dict[str, Any]]) -> dict[tuple[str, int], str]:
    """The names of the givers of ``rows`` (:func:`_giver`), by giver: a person in charge of a
    unit is read as the unit ("tiếp nhận từ Sở …"), one of no unit as "đồng chí …"."""
    givers = {g for g in map(_giver, rows) if g is not None}
    people = sorted(i for kind, i in givers if kind == "person")
    units: dict[int, str] = {}
    person_unit: dict[int, tuple[int | None, str]] = {}
    if people:
        person_unit = {
            pid: (uid, name)
            for pid, uid, name in conn.execute(
                sa.select(Person.id, Person.unit_id, Person.full_name).where(Person.id.in_(people))
            )
        }
    unit_ids = {i for kind, i in givers if kind == "unit"}
    unit_ids |= {uid for uid, _name in person_unit.values() if uid is not None}
    if unit_ids:
        units = dict(conn.execute(sa.select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids))).all())
    out: dict[tuple[str, int], str] = {}
    for kind, i in givers:
        if kind == "unit":
            out[(kind, i)] = units.get(i, "")
        elif i in person_unit:
            uid, name = person_unit[i]
            out[(kind, i)] = (
                units.get(uid, "") if uid is not None else tr("đồng chí {name}").format(name=name)
            )
    return out
