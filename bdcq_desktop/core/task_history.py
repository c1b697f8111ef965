"""A task's history (:func:`task_history`): given, handed over, extended, reported on,
stopped, taken up again, completed, by day; what ``bdcq tasks show`` prints and the tasks page's
details pane shows. The acts are :mod:`.task_actions`'; transfers are read from the change log
(:func:`.tasks_on.transfers_of`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from . import validation as v
from .db import Database
from .enums import TaskEventKind
from .errors import NotFoundError
from .i18n import tr
from .models import Task
from .task_events import Event, read_acts
from .tasks import TaskRow, row_of
from .tasks_on import transfers_of
from .text import short_date


def given_on(t: Task) -> date | None:
    """The day the task was given: its own, else its meeting's (a conclusion's task)."""
    if t.assigned_on is not None:
        return t.assigned_on
    meeting = t.conclusion.meeting if t.conclusion is not None else None
    return meeting.starts_at.date() if meeting is not None else None


@dataclass(frozen=True)
class HistoryLine:
    """One line of a task's history: its day, what happened (in words), a stored file."""

    day: date | None
    kind: str  # given, extension, progress, stop, resume, transfer, done
    text: str
    file_id: int | None = None
    file_name: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class History:
    """A task as listed today (:class:`.tasks.TaskRow`) and its history, oldest first."""

    task: TaskRow
    lines: tuple[HistoryLine, ...]


# Within a day: given first, completed last, the acts in the order recorded (a stable sort).
_ORDER = {"given": 0, "transfer": 1, "extension": 2, "progress": 2, "stop": 2, "resume": 2,
          "done": 3}  # fmt: skip


def _line(e: Event) -> HistoryLine:
    if e.kind == TaskEventKind.EXTENSION:
        assert e.new_deadline is not None
        text = tr("Gia hạn đến {new} (thời hạn trước đó {old})").format(
            new=short_date(e.new_deadline),
            old=short_date(e.old_deadline) if e.old_deadline else "—",
        )
        who = e.approver()
        if who:
            text += " " + tr("theo {who}").format(who=who)
        text += ". " + tr("Lý do: {reason}").format(reason=e.text)
    elif e.kind == TaskEventKind.PROGRESS:
        text = tr("Tiến độ: {text}").format(text=e.text)
    elif e.kind == TaskEventKind.STOP:
        text = tr("Dừng thực hiện")
        who = e.approver()
        if who:
            text += " " + tr("theo {who}").format(who=who)
        text += ". " + tr("Lý do: {reason}").format(reason=e.text)
    else:
        text = tr("Thực hiện tiếp. Lý do: {reason}").format(reason=e.text)
    return HistoryLine(e.day, e.kind.value, text, e.file_id, e.file_name, e.recorded_at)


def task_history(db: Database, task_id: int, *, today: date | None = None) -> History:
    """One task as listed today, with its history: given (with its deadline), handed over,
    extended, reported on, stopped, taken up again, completed; by day, oldest first."""
    day = today or date.today()
    with db.session() as s:
        t = s.get(Task, v.record_id(task_id, "task_id", tr("Mã nhiệm vụ")))
        if t is None:
            raise NotFoundError(tr("Không tìm thấy nhiệm vụ có mã {id}.").format(id=task_id))
        acts = read_acts(s.connection(), [t.id])
        row = row_of(t, day, None, None, acts.facts_on(day).get(t.id))
        given = tr("Giao nhiệm vụ")
        if t.deadline is not None:
            given += " " + tr("(thời hạn {day})").format(day=short_date(t.deadline))
        lines = [HistoryLine(given_on(t), "given", given)]
        for moved in transfers_of(s.connection(), t.id):
            text = tr("Chuyển cho {to}").format(to=moved.to_unit or "—")
            if moved.from_unit:
                text += " " + tr("(từ {unit})").format(unit=moved.from_unit)
            if moved.reason:
                text += ". " + tr("Lý do: {reason}").format(reason=moved.reason)
            lines.append(HistoryLine(moved.on, "transfer", text))
        lines += [_line(e) for e in acts.events.get(t.id, [])]
        if t.completed_on is not None:
            text = tr("Hoàn thành")
            if t.result_report:
                text += ": " + t.result_report
            lines.append(HistoryLine(t.completed_on, "done", text))
    lines.sort(key=lambda x: (x.day or date.min, _ORDER[x.kind]))
    return History(row, tuple(lines))
