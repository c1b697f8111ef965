"""Handing open tasks to another unit (chuyển nhiệm vụ), e.g. those of a district People's
Committee dissolved in the 2025 reorganisation with no successor recorded.

A merge needs nothing of this: the receiving unit answers for the merged one's open work when
read (:mod:`.succession`). A unit retired with no successor has nobody to answer for its open
tasks, so the tasks page and ``bdcq check`` point them out, and the officer moves them here:
one task (:func:`transfer_task`) or every open task a unit answers for
(:func:`transfer_unit_tasks`), to a unit in office, on a day, for a reason ("Theo Quyết định …,
phường X tiếp nhận").

The move rewrites the task's unit in charge (and its focal unit, when that was the unit handing
over); a person in charge who belonged to that unit is no longer named, the new unit choosing
its own. That is said, not done silently: :func:`no_longer_in_charge` names them before the
officer confirms (the dialog), :attr:`Transferred.no_longer_in_charge` after (the command), and
the task's update row says it in words (``transfer_note``). Each task's update row in the
change log carries the day and the reason beside the old and new units
(:func:`.audit.log_also`), so the task's history says who had it before, and
:func:`.tasks_on.handovers_on` reads the units a task had on a past day back from the log: a
document dated before the transfer still names the unit of its day, one dated after it says
whence the task came.

One task handed over may get a new deadline in the same call (the receiving unit needs time):
an extension (:mod:`.task_actions`) dated on the transfer's day, for its reason, with who
approved it, recorded as any other extension.

One call, one transaction: everything is validated and every task's version compared before
anything is written; one refusal refuses all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .audit import log_also
from .db import Database
from .errors import BcdError, NotFoundError, ValidationError
from .i18n import tr
from .locking import check_version, conflict, flush
from .models import Person, ReportingRound, Submission, Task, TaskStatus, Unit
from .succession import Succession, read_succession
from .task_actions import LABELS as ACT_LABELS
from .task_actions import clean_extension, extend_on
from .task_latest import not_before_latest

# The change log's extra keys on a transferred task's update row, read back (with the units it
# rewrote) by the one reader of a task as of a day.
from .tasks_on import LOG_ON, LOG_REASON

LABELS = {
    "task_id": "Mã nhiệm vụ",
    "from_unit_id": "Đơn vị chuyển đi",
    "to_unit_id": "Đơn vị tiếp nhận",
    "on": "Ngày chuyển giao",
    "reason": "Lý do chuyển giao",
}


def _label(key: str) -> str:
    return tr(LABELS[key])


# The change log's words on a transferred task's update row for the person it stopped naming.
LOG_NOTE = "transfer_note"


@dataclass(frozen=True)
class Transferred:
    """What a transfer moved: the tasks' ids, to which unit, on which day, and the people in
    charge it stopped naming (their names, each once, in the tasks' order)."""

    task_ids: tuple[int, ...]
    to_unit: str
    on: date
    no_longer_in_charge: tuple[str, ...] = ()
    extended_to: date | None = None  # the new deadline granted with it, if any

    def dropped_text(self) -> str:
        """"Đồng chí … thôi phụ trách do chuyển đơn vị." or ""."""
        return dropped_text(self.no_longer_in_charge)


def dropped_text(names: Iterable[str]) -> str:
    """The sentence naming the people in charge a transfer stops naming ("" if none)."""
    names = list(names)
    if not names:
        return ""
    who = tr(", đồng chí ").join(names)
    return tr("Đồng chí {who} thôi phụ trách do chuyển đơn vị.").format(who=who)


def _drops(t: Task, given: set[int]) -> bool:
    """Whether moving ``t`` away from ``given`` stops naming its person in charge: one named
    as an official of a unit handing over (the new unit picks its own); one of no unit, or of
    another unit, stays."""
    return t.assignee_person is not None and t.assignee_person.unit_id in given


def _dropped(tasks: Iterable[Task], given: set[int]) -> tuple[str, ...]:
    names = [t.assignee_person.full_name for t in tasks if _drops(t, given)]
    return tuple(dict.fromkeys(names))


def is_open(t: Task) -> bool:
    """Still to be done: neither completed nor stopped (what the tasks pages count as open)."""
    return t.completed_on is None and t.status not in (TaskStatus.DONE, TaskStatus.CANCELLED)


def _given_unit(t: Task) -> int | None:
    """The unit the task was given to: its unit in charge, else its person's unit."""
    if t.assignee_unit_id is not None:
        return t.assignee_unit_id
    return t.assignee_person.unit_id if t.assignee_person is not None else None


def _clean(to_unit_id: Any, reason: Any, on: Any, today: date) -> tuple[int, str, date]:
    # Every field checked before raising: the officer who left two fields empty is told of
    # both at once, not of the second on the next try.
    refused: list[ValidationError] = []
    target = text = day = None
    try:
        target = v.positive_int(to_unit_id, "to_unit_id", _label("to_unit_id"), minimum=1)
        if target is None:
            raise ValidationError(
                "to_unit_id",
                tr('"{label}" không được để trống.').format(label=_label("to_unit_id")),
                label=_label("to_unit_id"),
            )
    except ValidationError as exc:
        refused.append(exc)
    try:
        text = v.text(
            reason, "reason", _label("reason"), required=True, max_len=1000, multiline=True
        )
    except ValidationError as exc:
        refused.append(exc)
    try:
        day = v.date_value(on, "on", _label("on")) or today
        v.date_window(day, "on", _label("on"), latest=today)
    except ValidationError as exc:
        refused.append(exc)
    if refused:
        first = refused[0]
        raise ValidationError(first.field, first.message, label=first.label, also=(*refused[1:],))
    assert target is not None and text is not None and day is not None
    return target, text, day


def _target(s: Session, unit_id: int, day: date) -> Unit:
    unit = s.get(Unit, unit_id)
    if unit is None:
        raise ValidationError(
            "to_unit_id",
            tr('"{label}": không có mã {id}.').format(label=_label("to_unit_id"), id=unit_id),
            label=_label("to_unit_id"),
        )
    if not unit.active or (unit.retired_on is not None and unit.retired_on <= day):
        raise ValidationError(
            "to_unit_id",
            tr(
                '"{label}": {name} đã thôi hoạt động, không tiếp nhận nhiệm vụ được; '
                "chọn một đơn vị đang hoạt động."
            ).format(label=_label("to_unit_id"), name=unit.name),
            label=_label("to_unit_id"),
        )
    return unit


def _move(
    s: Session,
    tasks: Iterable[Task],
    given: set[int],
    target: Unit,
    day: date,
    reason: str,
    *,
    many: bool = False,
) -> tuple[int, ...]:
    """Hand each task's part of the units in ``given`` to ``target``, logged with the day and
    the reason; every task is checked before the first is changed (``many``: the refusal
    names the task, a unit's whole transfer)."""
    tasks = list(tasks)
    for t in tasks:
        if t.assigned_on is not None and day < t.assigned_on:
            raise ValidationError(
                "on",
                tr('"{label}" không được sớm hơn ngày giao nhiệm vụ {id} ({day}).').format(
                    label=_label("on"), id=t.id, day=f"{t.assigned_on:%d/%m/%Y}"
                ),
                label=_label("on"),
            )
    # Not before the task's latest act either (an earlier transfer, an extension, a progress
    # note): dated before it, the history would say the old unit's acts were the new one's.
    ids = [t.id for t in tasks]
    not_before_latest(s.connection(), ids, day, "on", _label("on"), name_task=many)
    for t in tasks:
        notes = {LOG_ON: [None, day.isoformat()], LOG_REASON: [None, reason]}
        if _drops(t, given):
            # Named as the old unit's official: the new one picks. Said in the history.
            notes[LOG_NOTE] = [None, dropped_text([t.assignee_person.full_name])]
            t.assignee_person_id = None
        t.assignee_unit_id = target.id
        if t.focal_unit_id in given:
            t.focal_unit_id = target.id
        log_also(s, t, notes)
    flush(s, tr("Nhiệm vụ"))
    return tuple(t.id for t in tasks)


def transfer_task(
    db: Database,
    task_id: int,
    *,
    to_unit_id: Any,
    reason: Any,
    on: Any = None,
    expected_version: int | None,
    today: date | None = None,
    deadline: Any = None,
    approved_by_id: Any = None,
    approved_by_text: Any = None,
) -> Transferred:
    """Hand one open task to ``to_unit_id`` (in office, not the unit that has it) on ``on``
    (today when not given; not after today, not before the task was given) for ``reason``;
    with a ``deadline``, extended to it on that day, approved as an extension is
    (:func:`.task_actions.extend_task`)."""
    day_today = today or date.today()
    target_id, text, day = _clean(to_unit_id, reason, on, day_today)
    extension = None
    approved = any(x not in (None, "") for x in (approved_by_id, approved_by_text))
    if deadline in (None, "") and approved:
        # Who approved a new deadline, with none given: said, not dropped.
        label = tr(ACT_LABELS["deadline"])
        raise ValidationError(
            "deadline",
            tr('"{label}" không được để trống khi đã ghi người, văn bản cho gia hạn.').format(
                label=label
            ),
            label=label,
        )
    if deadline not in (None, ""):
        extension = clean_extension(
            deadline,
            reason=text,
            approved_by_id=approved_by_id,
            approved_by_text=approved_by_text,
            on=day,
            today=day_today,
        )
    tid = v.record_id(task_id, "task_id", _label("task_id"))
    with db.session() as s:
        t = s.get(Task, tid, options=[joinedload(Task.assignee_person)])
        if t is None:
            raise NotFoundError(tr("Không tìm thấy nhiệm vụ có mã {id}.").format(id=task_id))
        check_version(t, expected_version, tr("Nhiệm vụ"))
        if not is_open(t):
            raise BcdError(
                tr(
                    "Nhiệm vụ {id} đã hoàn thành hoặc đã dừng: chỉ chuyển được nhiệm vụ đang mở."
                ).format(id=tid)
            )
        given = _given_unit(t)
        if given == target_id:  # said first: the unit may be retired as well
            raise ValidationError(
                "to_unit_id",
                tr('"{label}" trùng với đơn vị đang chủ trì nhiệm vụ ({name}).').format(
                    label=_label("to_unit_id"), name=s.get(Unit, given).name
                ),
                label=_label("to_unit_id"),
            )
        target = _target(s, target_id, day)
        units = {given} if given is not None else set()
        dropped = _dropped([t], units)
        ids = _move(s, [t], units, target, day, text)
        if extension is not None:
            extend_on(s, t, extension)
            flush(s, tr("Nhiệm vụ"))
        return Transferred(ids, target.name, day, dropped, t.due if extension else None)


def transfer_unit_tasks(
    db: Database,
    from_unit_id: Any,
    *,
    to_unit_id: Any,
    reason: Any,
    on: Any = None,
    expected_versions: Mapping[int, int] | None,
    today: date | None = None,
) -> Transferred:
    """Hand every open task ``from_unit_id`` answers for (its own, and those of units merged
    into it, as the tasks page counts them) to ``to_unit_id``. ``expected_versions``: each
    task's version as the caller listed them (``None``: as they are now); a task changed,
    added or closed meanwhile refuses the whole transfer."""
    day_today = today or date.today()
    target_id, text, day = _clean(to_unit_id, reason, on, day_today)
    source_id = v.record_id(from_unit_id, "from_unit_id", _label("from_unit_id"))
    with db.session() as s:
        source = s.get(Unit, source_id)
        if source is None:
            raise ValidationError(
                "from_unit_id",
                tr('"{label}": không có mã {id}.').format(
                    label=_label("from_unit_id"), id=source_id
                ),
                label=_label("from_unit_id"),
            )
        if target_id == source.id:  # said first: the unit may be retired as well
            raise ValidationError(
                "to_unit_id",
                tr('"{label}" phải khác "{source}" ({name}).').format(
                    label=_label("to_unit_id"), source=_label("from_unit_id"), name=source.name
                ),
                label=_label("to_unit_id"),
            )
        target = _target(s, target_id, day)
        given, tasks = _open_tasks_of(s, source.id, day_today)
        if not tasks:
            raise BcdError(
                tr("{name} không còn nhiệm vụ đang mở nào để chuyển.").format(name=source.name)
            )
        if expected_versions is not None:
            if {t.id for t in tasks} != set(expected_versions):
                raise conflict(tr("Danh sách nhiệm vụ đang mở của {name}").format(name=source.name))
            for t in tasks:
                check_version(t, expected_versions[t.id], tr("Nhiệm vụ {id}").format(id=t.id))
        dropped = _dropped(tasks, given)
        ids = _move(s, tasks, given, target, day, text, many=True)
        return Transferred(ids, target.name, day, dropped)


def _open_tasks_of(s: Session, unit_id: int, today: date) -> tuple[set[int], list[Task]]:
    """The units ``unit_id`` answers for (its own and those merged into it) and every open task
    they were given, in id order: what a unit's transfer moves."""
    given = set(read_succession(s).answered_by(unit_id, today))
    person_unit = select(Person.id).where(Person.unit_id.in_(given))
    candidates = s.scalars(
        select(Task)
        .options(joinedload(Task.assignee_person))
        .where(
            or_(
                Task.assignee_unit_id.in_(given),
                Task.assignee_unit_id.is_(None) & Task.assignee_person_id.in_(person_unit),
            )
        )
        .order_by(Task.id)
    ).all()
    return given, [t for t in candidates if is_open(t)]


def no_longer_in_charge(
    db: Database,
    *,
    task_id: int | None = None,
    from_unit_id: int | None = None,
    today: date | None = None,
) -> tuple[str, ...]:
    """Who a transfer of the task ``task_id``, or of every open task of ``from_unit_id``,
    would stop naming as in charge (as :attr:`Transferred.no_longer_in_charge`): read before
    the officer confirms, so that nobody is dropped unsaid. Nothing is written."""
    with db.session() as s:
        if task_id is not None:
            t = s.get(Task, task_id, options=[joinedload(Task.assignee_person)])
            if t is None:
                return ()
            given = _given_unit(t)
            return _dropped([t], {given} if given is not None else set())
        if from_unit_id is None:
            return ()
        units, tasks = _open_tasks_of(s, from_unit_id, today or date.today())
        return _dropped(tasks, units)


@dataclass(frozen=True)
class Unanswered:
    """A unit no longer in office with no successor, and the open work nobody answers for."""

    unit_id: int
    unit: str
    open_tasks: int
    pending_reports: int  # asked of it in rounds due on or after it stopped, not received


def unanswered_work(conn: sa.Connection, day: date) -> list[Unanswered]:
    """Every unit of :meth:`.succession.Succession.unanswered` on ``day`` that open tasks or
    reports still wait on, counted as the tasks page counts them (a merged unit's for the unit
    that received it). Three grouped queries: a few rows per unit, whatever the tasks."""
    succession = Succession.read(conn)
    gone = succession.unanswered(day)
    if not gone:
        return []
    task, person = Task.__table__.c, Person.__table__.c
    given = sa.func.coalesce(task.assignee_unit_id, person.unit_id)
    with_person = Task.__table__.outerjoin(Person.__table__, person.id == task.assignee_person_id)
    tasks: dict[int, int] = {}
    for uid, n in conn.execute(
        select(given, sa.func.count())
        .select_from(with_person)
        .where(
            task.completed_on.is_(None),
            task.status.not_in((TaskStatus.DONE, TaskStatus.CANCELLED)),
            given.is_not(None),
        )
        .group_by(given)
    ):
        if (heir := succession.heir(uid, day)) in gone:
            tasks[heir] = tasks.get(heir, 0) + n
    retired = dict(conn.execute(select(Unit.id, Unit.retired_on).where(Unit.id.in_(gone))).all())
    sub, rnd = Submission.__table__.c, ReportingRound.__table__.c
    reports: dict[int, int] = {}
    for uid, due, n in conn.execute(
        select(sub.unit_id, rnd.due_date, sa.func.count())
        .select_from(Submission.__table__.join(ReportingRound.__table__, rnd.id == sub.round_id))
        # A report the committee excused (miễn nộp) by ``day`` waits on nobody.
        .where(sub.received_on.is_(None), sa.or_(sub.waived_on.is_(None), sub.waived_on > day))
        .group_by(sub.unit_id, rnd.due_date)
    ):
        heir = succession.heir(uid, day)
        since = retired.get(heir)
        # A report due before the unit stopped was its own to send, missed: history. With
        # no day recorded (retired before days were kept) which it was is not known.
        if heir in gone and since is not None and due >= since:
            reports[heir] = reports.get(heir, 0) + n
    return sorted(
        (
            Unanswered(uid, succession.names[uid], tasks.get(uid, 0), reports.get(uid, 0))
            for uid in set(tasks) | set(reports)
        ),
        key=lambda u: (succession.orders.get(u.unit_id, 0), u.unit),
    )
