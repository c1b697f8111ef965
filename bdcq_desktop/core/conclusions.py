"""The chair's conclusions (kết luận), typed as they are spoken, each with the tasks it assigns.

:func:`add_conclusion` is one call: the conclusion and all its tasks in one transaction, the
meeting's version checked and bumped (a parent's version guards its children). Each task has
its content, whom it is assigned to (a member and/or a unit: at least one), the focal unit
(đơn vị đầu mối, optional) and its deadline; it is assigned by the meeting's chair on the
meeting's day. A conclusion can be added once the meeting has started (adding one marks a
planned or convened meeting held, as attendance does), and not after the minutes are issued.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from . import validation as v
from .attendance import mark_held_if_started
from .db import Database
from .errors import BcdError, ValidationError
from .i18n import tr
from .meeting_rules import load_for_change, not_found, touch
from .models import Conclusion, Meeting, Person, Task, TaskSource, Unit
from .tasks import TASK_OPTIONS, TaskRow, rows_for

MAX_TEXT = 10_000


@dataclass(frozen=True)
class TaskInput:
    content: str
    assignee_person_id: int | None = None
    assignee_unit_id: int | None = None
    focal_unit_id: int | None = None
    deadline: date | str | None = None


@dataclass(frozen=True)
class ConclusionRow:
    id: int
    order: int
    text: str
    tasks: tuple[TaskRow, ...]
    version: int


@dataclass(frozen=True)
class ConclusionAdded:
    id: int
    task_ids: tuple[int, ...]
    meeting_version: int


_FIELDS = {f.name for f in fields(TaskInput)}
LABELS = {
    "text": "Nội dung kết luận",
    "content": "Nội dung nhiệm vụ",
    "assignee_person_id": "Người được giao",
    "assignee_unit_id": "Đơn vị chủ trì",
    "focal_unit_id": "Đơn vị đầu mối",
    "deadline": "Thời hạn",
    "tasks": "Nhiệm vụ",
}


def _label(field: str) -> str:
    return tr(LABELS[field])


def _bad(n: int, message: str, field: str = "tasks") -> ValidationError:
    return ValidationError(
        field, tr("Nhiệm vụ {n}: {message}").format(n=n, message=message), label=_label("tasks")
    )


def clean_tasks(tasks: Sequence[TaskInput | Mapping[str, Any]]) -> list[TaskInput]:
    out = []
    for n, raw in enumerate(tasks, start=1):
        if not isinstance(raw, TaskInput):
            unknown = sorted(set(raw) - _FIELDS)
            if unknown:
                raise _bad(n, tr("trường không hợp lệ: {names}.").format(names=", ".join(unknown)))
            raw = TaskInput(**raw)
        try:
            content = v.text(
                raw.content,
                "content",
                _label("content"),
                required=True,
                max_len=MAX_TEXT,
                multiline=True,
            )
            person = v.positive_int(
                raw.assignee_person_id,
                "assignee_person_id",
                _label("assignee_person_id"),
                minimum=1,
            )
            unit = v.positive_int(
                raw.assignee_unit_id, "assignee_unit_id", _label("assignee_unit_id"), minimum=1
            )
            focal = v.positive_int(
                raw.focal_unit_id, "focal_unit_id", _label("focal_unit_id"), minimum=1
            )
            deadline = v.date_value(raw.deadline, "deadline", _label("deadline"))
        except ValidationError as exc:
            raise _bad(n, str(exc), exc.field) from None
        if person is None and unit is None:
            raise _bad(
                n, tr("cần ghi người được giao hoặc đơn vị chủ trì (hoặc cả hai)."), "assignee"
            )
        assert content is not None
        out.append(TaskInput(content, person, unit, focal, deadline))
    return out


def _check_refs(s: Session, tasks: list[TaskInput], day: date) -> None:
    people = {t.assignee_person_id for t in tasks} - {None}
    units = {t.assignee_unit_id for t in tasks} | {t.focal_unit_id for t in tasks}
    units -= {None}
    known_people = set(s.scalars(select(Person.id).where(Person.id.in_(people))))
    known_units = set(s.scalars(select(Unit.id).where(Unit.id.in_(units))))
    for n, t in enumerate(tasks, start=1):
        for field, value, known in (
            ("assignee_person_id", t.assignee_person_id, known_people),
            ("assignee_unit_id", t.assignee_unit_id, known_units),
            ("focal_unit_id", t.focal_unit_id, known_units),
        ):
            if value is not None and value not in known:
                raise _bad(
                    n,
                    tr('"{label}": không có mã {id}.').format(label=_label(field), id=value),
                    field,
                )
        if isinstance(t.deadline, date) and t.deadline < day:
            raise _bad(
                n,
                tr('"{label}" không được sớm hơn ngày họp ({day}).').format(
                    label=_label("deadline"), day=f"{day:%d/%m/%Y}"
                ),
                "deadline",
            )


def add_conclusion(
    db: Database,
    meeting_id: int,
    text: object,
    tasks: Sequence[TaskInput | Mapping[str, Any]] = (),
    *,
    expected_version: int | None,
    now: datetime | None = None,
) -> ConclusionAdded:
    """A conclusion and its tasks, in one transaction (see the module doc)."""
    body = v.text(text, "text", _label("text"), required=True, max_len=MAX_TEXT, multiline=True)
    cleaned = clean_tasks(tasks)
    at = now or datetime.now().replace(microsecond=0)
    with db.session() as s:
        m = load_for_change(s, meeting_id, expected_version)
        if at < m.starts_at:
            raise BcdError(
                tr("Cuộc họp chưa bắt đầu ({start}): chưa ghi kết luận được.").format(
                    start=f"{m.starts_at:%H:%M %d/%m/%Y}"
                )
            )
        day = m.starts_at.date()
        _check_refs(s, cleaned, day)
        position = s.scalar(
            select(func.coalesce(func.max(Conclusion.position), 0)).where(
                Conclusion.meeting_id == m.id
            )
        )
        c = Conclusion(meeting_id=m.id, position=int(position or 0) + 1, text=body)
        s.add(c)
        s.flush()
        created = []
        for n, t in enumerate(cleaned, start=1):
            task = Task(
                content=t.content,
                source=TaskSource.CONCLUSION,
                conclusion_id=c.id,
                position=n,
                assigned_by_id=m.chair_id,
                assigned_on=day,
                assignee_person_id=t.assignee_person_id,
                assignee_unit_id=t.assignee_unit_id,
                focal_unit_id=t.focal_unit_id,
                deadline=t.deadline,
            )
            s.add(task)
            created.append(task)
        mark_held_if_started(m, at)
        version = touch(s, m)
        return ConclusionAdded(c.id, tuple(t.id for t in created), version)


def conclusion_rows(s: Session, meeting_id: int, today: date) -> tuple[ConclusionRow, ...]:
    """The conclusions of a meeting with their tasks (inside a session)."""
    found = s.scalars(
        select(Conclusion)
        .where(Conclusion.meeting_id == meeting_id)
        .options(selectinload(Conclusion.tasks).options(*TASK_OPTIONS))
        .order_by(Conclusion.position, Conclusion.id)
    ).all()
    return tuple(
        ConclusionRow(c.id, n, c.text, rows_for(c.tasks, today), c.version)
        for n, c in enumerate(found, start=1)
    )


def list_conclusions(
    db: Database, meeting_id: int, *, today: date | None = None
) -> tuple[ConclusionRow, ...]:
    with db.session() as s:
        if s.get(Meeting, meeting_id) is None:
            raise not_found(meeting_id)
        return conclusion_rows(s, meeting_id, today or date.today())
