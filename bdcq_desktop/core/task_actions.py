"""What the secretariat records on a task after it was given: an extension of its deadline
(gia hạn), a progress note from the unit's report (ghi tiến độ), a stop (dừng thực hiện) and
its resumption (thực hiện tiếp). Each is a dated act of its own (:class:`.models.TaskEvent`),
kept with the others as the task's history (:func:`task_history`), and read back by every list
and document as of a day (:mod:`.task_events`).

- **Extension.** A new deadline, later than the one in force and not before the day it is
  granted; who approved it (the Head or a Deputy Head on the roster of that day, and/or the
  words of the approving document); the day; the reason. The task's deadline in force
  (``task.extended_to``) becomes the new one; the deadline as given (``task.deadline``) is
  kept, and so are the conclusion, the minutes and the issued conclusions notice, which print
  that one: an extension is a new decision, not a correction, so it works after the minutes
  are final and supersedes nothing. Several extensions in a row each keep their row. Lateness
  is counted against the deadline in force from the extension's day: a task overdue when it
  was extended is on time again until its new deadline passes (its lateness before is what
  the documents dated then said), and the lists and the tasks report say it was extended,
  with the deadline as given beside the new one. A transfer to another unit may grant a new
  deadline in the same call (:func:`.task_transfer.transfer_task`), through the same row.
- **Progress.** The unit's interim report: its text, its day, optionally its file (stored as
  the units' reports are). The task stays open (in progress); the lists and the tasks report
  print the latest note ("Đang thực hiện (báo cáo ngày …): …"). "Ghi kết quả"
  (:func:`.tasks.complete_task`) is the completion only.
- **Stop.** The reason (required), the day, who decided (optional: the Head or a Deputy Head,
  and/or the decision's words). The task is counted apart as stopped ("Đã dừng") from that day.
- **Resumption.** Only of a stopped task, on or after its stop, for a reason: the task is open
  again, in progress (its deadline unchanged: grant an extension too if it passed meanwhile,
  its lateness counted as for any open task).

Only an open task (neither done nor stopped) is extended, reported on or stopped. Each call
validates every field first (all the fields refused said at once), then writes in one
transaction, checked against the task's version read, and bumps it: another officer's act on
the same task meanwhile is a conflict. Each act is logged (its row, and the task's update).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from . import validation as v
from .audit import log_also
from .db import Database
from .errors import BcdError, NotFoundError, ValidationError
from .i18n import tr
from .locking import check_version, flush, touch
from .meeting_rules import CHAIR_ROLES, roles_on
from .models import Person, Task, TaskEvent, TaskEventKind, TaskStatus
from .stored_files import Upload, add_file
from .task_events import Event, read_acts
from .task_history import given_on
from .task_latest import not_before_latest
from .tasks import STATUS_LABELS, state_of, task_status
from .text import short_date

LABELS = {
    "task_id": "Mã nhiệm vụ",
    # extension
    "deadline": "Thời hạn mới",
    "approved_by_id": "Người cho gia hạn",
    "approved_by_text": "Văn bản cho gia hạn",
    "extended_on": "Ngày gia hạn",
    "extension_reason": "Lý do gia hạn",
    # progress
    "text": "Tiến độ thực hiện",
    "reported_on": "Ngày báo cáo",
    # stop and resumption
    "stop_reason": "Lý do dừng thực hiện",
    "stopped_on": "Ngày dừng thực hiện",
    "decided_by_id": "Người quyết định dừng",
    "decided_by_text": "Văn bản quyết định dừng",
    "resume_reason": "Lý do thực hiện tiếp",
    "resumed_on": "Ngày thực hiện tiếp",
}
MAX_TEXT = 5000
MAX_WHO = 500

# The change log's extra keys on the task's update row: its history says the act in words
# beside the column it changed (:func:`.audit.log_also`).
LOG_KEYS = {
    TaskEventKind.EXTENSION: ("extension_on", "extension_by", "extension_reason"),
    TaskEventKind.PROGRESS: ("progress_on", "", "progress_text"),
    TaskEventKind.STOP: ("stop_on", "stop_by", "stop_reason"),
    TaskEventKind.RESUME: ("resume_on", "", "resume_reason"),
}


def _label(key: str) -> str:
    return tr(LABELS[key])


@dataclass(frozen=True)
class Acted:
    """A task after an act: its version, status and deadline in force."""

    id: int
    version: int
    status: str
    status_label: str
    deadline: date | None


class _Fields:
    """Fields cleaned one by one, every refusal kept, raised together (:meth:`done`): the
    officer who left two fields empty hears of both at once."""

    def __init__(self) -> None:
        self.refused: list[ValidationError] = []

    def take(self, read: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return read(*args, **kwargs)
        except ValidationError as exc:
            self.refused.append(exc)
            return None

    def day(self, value: Any, field: str, key: str, today: date) -> date | None:
        def read() -> date:
            day = v.date_value(value, field, _label(key)) or today
            return v.date_window(day, field, _label(key), latest=today)

        return self.take(read)

    def reason(self, value: Any, field: str, key: str) -> str | None:
        return self.take(
            v.text, value, field, _label(key), required=True, max_len=MAX_TEXT, multiline=True
        )

    def done(self) -> None:
        if self.refused:
            first = self.refused[0]
            raise ValidationError(
                first.field, first.message, label=first.label, also=(*self.refused[1:],)
            )


@dataclass(frozen=True)
class Extension:
    """An extension's fields, cleaned (:func:`clean_extension`)."""

    deadline: date
    on: date
    reason: str
    approved_by_id: int | None
    approved_by_text: str | None


def clean_extension(
    deadline: Any,
    *,
    reason: Any,
    approved_by_id: Any = None,
    approved_by_text: Any = None,
    on: Any = None,
    today: date,
) -> Extension:
    """The extension's fields cleaned, every refusal raised at once; who approved it may be a
    person, the words of a document, or both."""
    f = _Fields()
    new = f.take(v.date_value, deadline, "deadline", _label("deadline"), required=True)
    day = f.day(on, "on", "extended_on", today)
    text = f.reason(reason, "reason", "extension_reason")
    person = f.take(
        v.positive_int, approved_by_id, "approved_by_id", _label("approved_by_id"), minimum=1
    )
    words = f.take(
        v.text, approved_by_text, "approved_by_text", _label("approved_by_text"), max_len=MAX_WHO
    )
    if person is None and words is None and not any(
        e.field in ("approved_by_id", "approved_by_text") for e in f.refused
    ):
        label = _label("approved_by_id")
        f.refused.append(
            ValidationError(
                "approved_by_id",
                tr(
                    '"{label}" không được để trống: ghi người cho gia hạn (Trưởng ban, Phó '
                    'Trưởng ban) hoặc "{text}".'
                ).format(label=label, text=_label("approved_by_text")),
                label=label,
            )
        )
    f.done()
    assert new is not None and day is not None and text is not None
    return Extension(new, day, text, person, words)


def _load(s: Session, task_id: Any, expected_version: int | None) -> Task:
    t = s.get(Task, v.record_id(task_id, "task_id", _label("task_id")))
    if t is None:
        raise NotFoundError(tr("Không tìm thấy nhiệm vụ có mã {id}.").format(id=task_id))
    check_version(t, expected_version, tr("Nhiệm vụ"))
    return t


def _must_be_open(t: Task, doing: str) -> None:
    if t.status == TaskStatus.CANCELLED:
        raise BcdError(
            tr("Nhiệm vụ {id} đã dừng thực hiện: không {doing} được.").format(id=t.id, doing=doing)
        )
    if t.completed_on is not None or t.status == TaskStatus.DONE:
        raise BcdError(
            tr("Nhiệm vụ {id} đã hoàn thành: không {doing} được.").format(id=t.id, doing=doing)
        )


def _not_before(day: date, bound: date | None, field: str, key: str, what: str) -> None:
    if bound is not None and day < bound:
        raise ValidationError(
            field,
            tr('"{label}" ({day}) không được sớm hơn {what} ({bound}).').format(
                label=_label(key), day=short_date(day), what=what, bound=short_date(bound)
            ),
            label=_label(key),
        )


def _chair_on(s: Session, person_id: int | None, day: date, field: str, key: str) -> None:
    """A person approving or deciding for the committee: the Head or a Deputy Head on the
    roster of ``day`` (rule 7, as for whoever gives a task)."""
    if person_id is None:
        return
    label = _label(key)
    if s.get(Person, person_id) is None:
        raise ValidationError(
            field,
            tr('"{label}": không có ID người {id}.').format(label=label, id=person_id),
            label=label,
        )
    if roles_on(s, day).get(person_id) not in CHAIR_ROLES:
        raise ValidationError(
            field,
            tr('"{label}" phải là Trưởng ban hoặc Phó Trưởng ban (tại ngày {day}).').format(
                label=label, day=short_date(day)
            ),
            label=label,
        )


def _events(s: Session, t: Task) -> list[Event]:
    return read_acts(s.connection(), [t.id]).events.get(t.id, [])


def _record(
    s: Session,
    t: Task,
    kind: TaskEventKind,
    day: date,
    text: str,
    *,
    who: tuple[int | None, str | None] = (None, None),
    deadlines: tuple[date | None, date | None] = (None, None),
    file_id: int | None = None,
) -> None:
    """The act's row, and the task's update row saying it (the task's version bumped)."""
    event = TaskEvent(
        task_id=t.id,
        kind=kind,
        day=day,
        text=text,
        old_deadline=deadlines[0],
        new_deadline=deadlines[1],
        decided_by_id=who[0],
        decided_by_text=who[1],
        file_id=file_id,
    )
    s.add(event)
    on_key, by_key, text_key = LOG_KEYS[kind]
    notes: dict[str, list[Any]] = {on_key: [None, day.isoformat()], text_key: [None, text]}
    if by_key and (who[0] is not None or who[1]):
        name = s.get(Person, who[0]).full_name if who[0] is not None else ""
        notes[by_key] = [None, "; ".join(x for x in (name, who[1]) if x)]
    log_also(s, t, notes)
    touch(t)


def _acted(s: Session, t: Task, today: date) -> Acted:
    flush(s, tr("Nhiệm vụ"))
    status = task_status(state_of(t), today)
    return Acted(t.id, t.version, status, tr(STATUS_LABELS[status]), t.due)


def extend_on(s: Session, t: Task, ext: Extension) -> None:
    """:func:`extend_task`'s rules and writing inside the caller's transaction (a transfer
    granting a new deadline uses it too)."""
    _must_be_open(t, tr("gia hạn"))
    current = t.due
    if current is None:
        raise ValidationError(
            "deadline",
            tr(
                'Nhiệm vụ {id} không có thời hạn: không có gì để gia hạn ("{label}").'
            ).format(id=t.id, label=_label("deadline")),
            label=_label("deadline"),
        )
    _not_before(ext.on, given_on(t), "on", "extended_on", tr("ngày giao nhiệm vụ"))
    earlier = [e for e in _events(s, t) if e.kind == TaskEventKind.EXTENSION]
    if earlier:
        _not_before(ext.on, earlier[-1].day, "on", "extended_on", tr("lần gia hạn trước"))
    not_before_latest(s.connection(), [t.id], ext.on, "on", _label("extended_on"))
    if ext.deadline <= current:
        raise ValidationError(
            "deadline",
            tr('"{label}" ({day}) phải muộn hơn thời hạn hiện tại ({current}).').format(
                label=_label("deadline"), day=short_date(ext.deadline), current=short_date(current)
            ),
            label=_label("deadline"),
        )
    _not_before(ext.deadline, ext.on, "deadline", "deadline", _label("extended_on").lower())
    _chair_on(s, ext.approved_by_id, ext.on, "approved_by_id", "approved_by_id")
    _record(
        s,
        t,
        TaskEventKind.EXTENSION,
        ext.on,
        ext.reason,
        who=(ext.approved_by_id, ext.approved_by_text),
        deadlines=(current, ext.deadline),
    )
    t.extended_to = ext.deadline


def extend_task(
    db: Database,
    task_id: int,
    *,
    deadline: Any,
    reason: Any,
    approved_by_id: Any = None,
    approved_by_text: Any = None,
    on: Any = None,
    expected_version: int | None,
    today: date | None = None,
) -> Acted:
    """Extend an open task's deadline (see the module doc)."""
    day_today = today or date.today()
    ext = clean_extension(
        deadline,
        reason=reason,
        approved_by_id=approved_by_id,
        approved_by_text=approved_by_text,
        on=on,
        today=day_today,
    )
    with db.session() as s:
        t = _load(s, task_id, expected_version)
        extend_on(s, t, ext)
        return _acted(s, t, day_today)


def record_progress(
    db: Database,
    task_id: int,
    *,
    text: Any,
    on: Any = None,
    upload: Upload | None = None,
    expected_version: int | None,
    today: date | None = None,
) -> Acted:
    """Record what the unit reported of an open task, on its day (today when not given), with
    its file if any; the task stays open, in progress."""
    day_today = today or date.today()
    f = _Fields()
    note = f.take(v.text, text, "text", _label("text"), required=True, max_len=MAX_TEXT,
                  multiline=True)  # fmt: skip
    day = f.day(on, "on", "reported_on", day_today)
    f.done()
    assert note is not None and day is not None
    with db.session() as s:
        t = _load(s, task_id, expected_version)
        _must_be_open(t, tr("ghi tiến độ"))
        _not_before(day, given_on(t), "on", "reported_on", tr("ngày giao nhiệm vụ"))
        not_before_latest(s.connection(), [t.id], day, "on", _label("reported_on"))
        file_id = add_file(s, upload).id if upload is not None else None
        _record(s, t, TaskEventKind.PROGRESS, day, note, file_id=file_id)
        t.status = TaskStatus.IN_PROGRESS
        return _acted(s, t, day_today)


def stop_task(
    db: Database,
    task_id: int,
    *,
    reason: Any,
    on: Any = None,
    decided_by_id: Any = None,
    decided_by_text: Any = None,
    expected_version: int | None,
    today: date | None = None,
) -> Acted:
    """Stop an open task (Dừng thực hiện) from ``on`` (today when not given) for ``reason``;
    who decided it is optional. Counted apart as stopped from that day."""
    day_today = today or date.today()
    f = _Fields()
    text = f.reason(reason, "reason", "stop_reason")
    day = f.day(on, "on", "stopped_on", day_today)
    person = f.take(
        v.positive_int, decided_by_id, "decided_by_id", _label("decided_by_id"), minimum=1
    )
    words = f.take(
        v.text, decided_by_text, "decided_by_text", _label("decided_by_text"), max_len=MAX_WHO
    )
    f.done()
    assert text is not None and day is not None
    with db.session() as s:
        t = _load(s, task_id, expected_version)
        _must_be_open(t, tr("dừng thực hiện"))
        _not_before(day, given_on(t), "on", "stopped_on", tr("ngày giao nhiệm vụ"))
        not_before_latest(s.connection(), [t.id], day, "on", _label("stopped_on"))
        _chair_on(s, person, day, "decided_by_id", "decided_by_id")
        _record(s, t, TaskEventKind.STOP, day, text, who=(person, words))
        t.status = TaskStatus.CANCELLED
        return _acted(s, t, day_today)


def resume_task(
    db: Database,
    task_id: int,
    *,
    reason: Any,
    on: Any = None,
    expected_version: int | None,
    today: date | None = None,
) -> Acted:
    """Take a stopped task up again (Thực hiện tiếp) from ``on`` (today when not given, not
    before its stop) for ``reason``. Its deadline is unchanged."""
    day_today = today or date.today()
    f = _Fields()
    text = f.reason(reason, "reason", "resume_reason")
    day = f.day(on, "on", "resumed_on", day_today)
    f.done()
    assert text is not None and day is not None
    with db.session() as s:
        t = _load(s, task_id, expected_version)
        if t.status != TaskStatus.CANCELLED:
            raise BcdError(
                tr("Nhiệm vụ {id} không ở tình trạng đã dừng: không cần thực hiện tiếp.").format(
                    id=t.id
                )
            )
        events = _events(s, t)
        stops = [e for e in events if e.kind == TaskEventKind.STOP]
        bound = stops[-1].day if stops else given_on(t)
        _not_before(day, bound, "on", "resumed_on", tr("ngày dừng thực hiện"))
        not_before_latest(s.connection(), [t.id], day, "on", _label("resumed_on"))
        _record(s, t, TaskEventKind.RESUME, day, text)
        # Being carried out again; never "open" as if untouched (its history is the record:
        # an ad hoc task with one is never removed, :func:`.adhoc_tasks.reported`).
        t.status = TaskStatus.IN_PROGRESS
        return _acted(s, t, day_today)
