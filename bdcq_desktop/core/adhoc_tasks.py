"""Ad hoc tasks (nhiệm vụ giao trực tiếp): tasks the committee gives outside a meeting's
conclusions, recorded on the Báo cáo › Nhiệm vụ page or with ``bdcq tasks add``.

A task has its content, whom it is assigned to (a member and/or a unit: at least one), the
focal unit (đơn vị đầu mối, optional), the deadline, who assigned it and on which day (today
when not given; never a day still to come). The deadline is not earlier than the day it was
assigned. Who assigned it is required, and is the Head or a Deputy Head on the roster of the
day it was assigned (rule 7: tasks "được Trưởng ban, Phó Trưởng ban giao"). Older records may
name someone else, or no one: they are checked only when the assigner or the day changes, so
an edit of their content or deadline is not refused over history.

Each call validates everything first, then writes in one transaction; an edit is checked
against the version the user read. Only ad hoc tasks are edited here: those of a conclusion
belong to their meeting (:mod:`.conclusions`). A task is removed only while
nothing has been reported on it (still open, no completion date, no result report); after
that it is part of the record. Results are recorded for any task with
:func:`.tasks.complete_task`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import validation as v
from .db import Database
from .errors import BcdError, ConclusionTaskError, NotFoundError, ValidationError
from .i18n import tr
from .locking import check_version, flush
from .meeting_rules import CHAIR_ROLES, roles_on
from .models import Person, Task, TaskSource, TaskStatus, Unit

MAX_TEXT = 10_000
LABELS = {
    "content": "Nội dung nhiệm vụ",
    "assignee_person_id": "Người được giao",
    "assignee_unit_id": "Đơn vị chủ trì",
    "focal_unit_id": "Đơn vị đầu mối",
    "deadline": "Thời hạn",
    "assigned_by_id": "Người giao",
    "assigned_on": "Ngày giao",
}
_PEOPLE = ("assignee_person_id", "assigned_by_id")
_UNITS = ("assignee_unit_id", "focal_unit_id")


@dataclass(frozen=True)
class AdHocTask:
    """One ad hoc task as its edit form needs it (ids of the people and units)."""

    id: int
    content: str
    assignee_person_id: int | None
    assignee_unit_id: int | None
    focal_unit_id: int | None
    deadline: date | None
    assigned_by_id: int | None
    assigned_on: date | None
    reported: bool  # something recorded against it: it cannot be removed
    version: int

    def values(self) -> dict[str, Any]:
        """The editable fields, keyed as :func:`update_task` takes them."""
        return {key: getattr(self, key) for key in LABELS}


def _label(field: str) -> str:
    return tr(LABELS[field])


def _kind() -> str:
    return tr("Nhiệm vụ")


def clean_task(fields: Mapping[str, Any], *, today: date) -> dict[str, Any]:
    """Every field cleaned and typed (missing ones empty), or a ValidationError naming one.
    ``assigned_on`` defaults to ``today``."""
    unknown = sorted(set(fields) - set(LABELS))
    if unknown:
        raise ValidationError(
            unknown[0],
            tr("Trường không hợp lệ: {names}.").format(names=", ".join(unknown)),
            label=unknown[0],
        )
    data: dict[str, Any] = {
        "content": v.text(
            fields.get("content"),
            "content",
            _label("content"),
            required=True,
            max_len=MAX_TEXT,
            multiline=True,
        )
    }
    for key in (*_PEOPLE, *_UNITS):
        data[key] = v.positive_int(fields.get(key), key, _label(key), minimum=1)
    for key in ("deadline", "assigned_on"):
        data[key] = v.date_value(fields.get(key), key, _label(key))
    if data["assignee_person_id"] is None and data["assignee_unit_id"] is None:
        label = _label("assignee_unit_id")
        raise ValidationError(
            "assignee_unit_id",
            tr('"{label}": cần ghi người được giao hoặc đơn vị chủ trì (hoặc cả hai).').format(
                label=label
            ),
            label=label,
        )
    if data["assigned_on"] is None:
        data["assigned_on"] = today
    v.date_window(data["assigned_on"], "assigned_on", _label("assigned_on"), latest=today)
    v.date_order(
        data["assigned_on"],
        data["deadline"],
        "deadline",
        _label("deadline"),
        start_label=_label("assigned_on"),
    )
    return data


def _check_refs(s: Session, data: Mapping[str, Any]) -> None:
    for keys, model in ((_PEOPLE, Person), (_UNITS, Unit)):
        wanted = {data[k] for k in keys} - {None}
        known = set(s.scalars(select(model.id).where(model.id.in_(wanted)))) if wanted else set()
        # A person by "ID người", the number the lists head so; a unit by its "mã".
        missing = (
            tr('"{label}": không có ID người {id}.')
            if model is Person
            else tr('"{label}": không có mã {id}.')
        )
        for key in keys:
            if data[key] is not None and data[key] not in known:
                raise ValidationError(
                    key,
                    missing.format(label=_label(key), id=data[key]),
                    label=_label(key),
                )


def _check_assigner(s: Session, data: Mapping[str, Any]) -> None:
    """Rule 7: the assigner is the Head or a Deputy Head on the roster of the assignment day
    (the roster the meetings read, :func:`.meeting_rules.roles_on`)."""
    label = _label("assigned_by_id")
    day = f"{data['assigned_on']:%d/%m/%Y}"
    if data["assigned_by_id"] is None:
        raise ValidationError(
            "assigned_by_id",
            tr(
                '"{label}" không được để trống: nhiệm vụ do Trưởng ban hoặc Phó Trưởng ban '
                "giao (tại ngày giao {day})."
            ).format(label=label, day=day),
            label=label,
        )
    if roles_on(s, data["assigned_on"]).get(data["assigned_by_id"]) not in CHAIR_ROLES:
        raise ValidationError(
            "assigned_by_id",
            tr(
                '"{label}" phải là Trưởng ban hoặc Phó Trưởng ban (tại ngày giao {day}).'
            ).format(label=label, day=day),
            label=label,
        )


def _assigner_changed(t: Task, data: Mapping[str, Any], given_on: Any) -> bool:
    """The edit changes who assigned the task or when. A task recorded without a day gets
    today's by default when saved: that alone is not a change the user made."""
    if data["assigned_by_id"] != t.assigned_by_id:
        return True
    if t.assigned_on is None:
        return given_on not in (None, "")
    return data["assigned_on"] != t.assigned_on


def reported(t: Task) -> bool:
    """Something recorded against the task: in progress (a progress note, a resumption),
    completed, stopped, extended, or a result."""
    return (
        t.status != TaskStatus.OPEN
        or t.completed_on is not None
        or bool(t.result_report)
        or t.extended_to is not None
    )


def _load(s: Session, task_id: int, expected_version: int | None) -> Task:
    t = s.get(Task, v.record_id(task_id, "task_id", tr("Mã nhiệm vụ")))
    if t is None:
        raise NotFoundError(tr("Không tìm thấy nhiệm vụ có mã {id}.").format(id=task_id))
    if t.source != TaskSource.AD_HOC:
        conclusion = t.conclusion
        if conclusion is None:  # not stored so (a conclusion's task has its conclusion)
            raise BcdError(
                tr("Nhiệm vụ {id} được giao theo kết luận cuộc họp: không sửa riêng được.").format(
                    id=t.id
                )
            )
        raise ConclusionTaskError(
            tr(
                "Nhiệm vụ {id} được giao theo kết luận mã {conclusion} của cuộc họp mã "
                "{meeting}: sửa (hoặc bỏ) nhiệm vụ trong kết luận đó."
            ).format(id=t.id, conclusion=conclusion.id, meeting=conclusion.meeting_id),
            task_id=t.id,
            conclusion_id=conclusion.id,
            meeting_id=conclusion.meeting_id,
        )
    check_version(t, expected_version, _kind())
    return t


def create_task(db: Database, *, today: date | None = None, **fields: Any) -> int:
    """Record an ad hoc task (see the module doc); returns its id."""
    data = clean_task(fields, today=today or date.today())
    with db.session() as s:
        _check_refs(s, data)
        _check_assigner(s, data)
        t = Task(source=TaskSource.AD_HOC, position=0, status=TaskStatus.OPEN, **data)
        s.add(t)
        flush(s, _kind())
        return t.id


def update_task(
    db: Database,
    task_id: int,
    *,
    expected_version: int | None,
    today: date | None = None,
    **fields: Any,
) -> int:
    """Rewrite an ad hoc task's fields (all of them, as the form holds them; its progress and
    result are kept); returns its id."""
    data = clean_task(fields, today=today or date.today())
    with db.session() as s:
        t = _load(s, task_id, expected_version)
        _check_refs(s, data)
        if _assigner_changed(t, data, fields.get("assigned_on")):
            _check_assigner(s, data)
        if t.completed_on is not None and data["assigned_on"] > t.completed_on:
            raise ValidationError(
                "assigned_on",
                tr('"{label}" không được muộn hơn ngày hoàn thành ({day}).').format(
                    label=_label("assigned_on"), day=f"{t.completed_on:%d/%m/%Y}"
                ),
                label=_label("assigned_on"),
            )
        if t.extended_to is not None and data["deadline"] != t.deadline:
            raise extended_deadline(t, _label("deadline"))
        for key, value in data.items():
            setattr(t, key, value)
        flush(s, _kind())
        return t.id


def extended_deadline(t: Task, label: str) -> ValidationError:
    """The refusal of a change of the deadline as given of a task extended since: the
    extensions were granted against it (:mod:`.task_actions`), and the one in force is
    changed by another extension."""
    return ValidationError(
        "deadline",
        tr(
            '"{label}": nhiệm vụ {id} đã được gia hạn đến {day}, thời hạn giao ban đầu không '
            "sửa được nữa; muốn đổi thời hạn thì gia hạn tiếp (Gia hạn…, bdcq tasks extend)."
        ).format(label=label, id=t.id, day=f"{t.extended_to:%d/%m/%Y}"),
        label=label,
    )


def get_task(db: Database, task_id: int) -> AdHocTask:
    """One ad hoc task, for the edit form."""
    with db.session() as s:
        t = _load(s, task_id, None)
        return AdHocTask(
            id=t.id,
            content=t.content,
            assignee_person_id=t.assignee_person_id,
            assignee_unit_id=t.assignee_unit_id,
            focal_unit_id=t.focal_unit_id,
            deadline=t.deadline,
            assigned_by_id=t.assigned_by_id,
            assigned_on=t.assigned_on,
            reported=reported(t),
            version=t.version,
        )


def remove_task(db: Database, task_id: int, *, expected_version: int | None) -> None:
    """Take away an ad hoc task on which nothing has been reported (see the module doc)."""
    with db.session() as s:
        t = _load(s, task_id, expected_version)
        if reported(t):
            raise BcdError(
                tr(
                    "Nhiệm vụ {id} đã có kết quả hoặc tiến độ được ghi nhận: không xóa được "
                    "(vẫn sửa được)."
                ).format(id=task_id)
            )
        s.delete(t)
        flush(s, _kind())
