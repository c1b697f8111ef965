"""The tasks a conclusion assigns, as a form or a script gives them (:mod:`.conclusions`).

:func:`clean_tasks` validates them before anything is written, each refusal naming its line
("Nhiệm vụ 2: …") and its field; :func:`check_refs` checks, in the caller's session, that the
people and units named exist and that no deadline is before the meeting.

A script editing a conclusion (``bdcq meetings conclusion-edit``) need not restate a task it
keeps: :func:`with_stored` completes a task given by its ``id`` with what is stored of it, so
``{"id": 3}`` keeps task 3 as it is and ``{"id": 3, "deadline": "31/12/2026"}`` changes only
its deadline (``null`` clears a field). The window's form sends every field (a
:class:`TaskInput`), which is taken as given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import validation as v
from .errors import ValidationError
from .i18n import tr
from .models import Person, Task, Unit

MAX_TEXT = 10_000


@dataclass(frozen=True)
class TaskInput:
    content: str
    assignee_person_id: int | None = None
    assignee_unit_id: int | None = None
    focal_unit_id: int | None = None
    deadline: date | str | None = None
    id: int | None = None  # a task of the conclusion being edited; None: a new task


_FIELDS = {f.name for f in fields(TaskInput)}
LABELS = {
    "text": "Nội dung kết luận",
    "content": "Nội dung nhiệm vụ",
    "assignee_person_id": "Người được giao",
    "assignee_unit_id": "Đơn vị chủ trì",
    "focal_unit_id": "Đơn vị đầu mối",
    "deadline": "Thời hạn",
    "tasks": "Nhiệm vụ",
    "id": "Mã nhiệm vụ",
}


def label(field: str) -> str:
    return tr(LABELS[field])


def task_error(n: int, message: str, field: str = "tasks") -> ValidationError:
    return ValidationError(
        field, tr("Nhiệm vụ {n}: {message}").format(n=n, message=message), label=label("tasks")
    )


def clean_tasks(tasks: Sequence[TaskInput | Mapping[str, Any]]) -> list[TaskInput]:
    out = []
    for n, raw in enumerate(tasks, start=1):
        if not isinstance(raw, TaskInput):
            if not isinstance(raw, Mapping):  # a script's JSON: a bare text for a task
                raise task_error(n, tr('mỗi nhiệm vụ là một đối tượng, ví dụ {"content": "…"}.'))
            unknown = sorted(set(raw) - _FIELDS)
            if unknown:
                names = ", ".join(unknown)
                raise task_error(n, tr("trường không hợp lệ: {names}.").format(names=names))
            # A task without its content is refused below, naming the field.
            raw = TaskInput(**{"content": None, **raw})
        try:
            content = v.text(
                raw.content,
                "content",
                label("content"),
                required=True,
                max_len=MAX_TEXT,
                multiline=True,
            )
            person = v.positive_int(
                raw.assignee_person_id,
                "assignee_person_id",
                label("assignee_person_id"),
                minimum=1,
            )
            unit = v.positive_int(
                raw.assignee_unit_id, "assignee_unit_id", label("assignee_unit_id"), minimum=1
            )
            focal = v.positive_int(
                raw.focal_unit_id, "focal_unit_id", label("focal_unit_id"), minimum=1
            )
            deadline = v.date_value(raw.deadline, "deadline", label("deadline"))
            task_id = v.positive_int(raw.id, "id", label("id"), minimum=1)
        except ValidationError as exc:
            raise task_error(n, str(exc), exc.field) from None
        if person is None and unit is None:
            raise task_error(
                n, tr("cần ghi người được giao hoặc đơn vị chủ trì (hoặc cả hai)."), "assignee"
            )
        assert content is not None
        if task_id is not None and task_id in {t.id for t in out}:
            raise task_error(n, tr("nhiệm vụ này đã có ở dòng trên."), "id")
        out.append(TaskInput(content, person, unit, focal, deadline, task_id))
    return out


def check_refs(s: Session, tasks: list[TaskInput], day: date) -> None:
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
                missing = (
                    tr('"{label}": không có ID người {id}.')
                    if field == "assignee_person_id"
                    else tr('"{label}": không có mã {id}.')
                )
                raise task_error(n, missing.format(label=label(field), id=value), field)
        if isinstance(t.deadline, date) and t.deadline < day:
            raise task_error(
                n,
                tr('"{label}" không được sớm hơn ngày họp ({day}).').format(
                    label=label("deadline"), day=f"{day:%d/%m/%Y}"
                ),
                "deadline",
            )


def with_stored(
    tasks: Sequence[TaskInput | Mapping[str, Any]], stored: Mapping[int, Task]
) -> list[TaskInput | Mapping[str, Any]]:
    """``tasks`` with each one given as a mapping with an ``id`` completed by the stored task
    of that id (``stored``: the conclusion's tasks by id): the fields it gives replace the
    stored ones, the others are kept (see the module doc). An id the conclusion does not have
    is refused, naming the line."""
    out: list[TaskInput | Mapping[str, Any]] = []
    for n, raw in enumerate(tasks, start=1):
        if isinstance(raw, Mapping) and raw.get("id") is not None:
            try:
                task_id = v.positive_int(raw["id"], "id", label("id"), minimum=1)
            except ValidationError as exc:
                raise task_error(n, str(exc), "id") from None
            t = stored.get(task_id) if task_id is not None else None
            if t is None:
                raise task_error(
                    n, tr("kết luận này không có nhiệm vụ mã {id}.").format(id=raw["id"]), "id"
                )
            kept = {
                "content": t.content,
                "assignee_person_id": t.assignee_person_id,
                "assignee_unit_id": t.assignee_unit_id,
                "focal_unit_id": t.focal_unit_id,
                "deadline": t.deadline,
            }
            raw = {**kept, **raw}
        out.append(raw)
    return out
