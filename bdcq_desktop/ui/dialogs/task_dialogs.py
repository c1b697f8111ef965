"""The Nhiệm vụ page's forms: an ad hoc task (add, edit) and a task's result.

Each save is one core call: :func:`bdcq_desktop.core.adhoc_tasks.create_task` or
:func:`~bdcq_desktop.core.adhoc_tasks.update_task` (with the version read), and
:func:`bdcq_desktop.core.tasks.complete_task` for the result (any task, of a conclusion or ad
hoc). A save returns the task's id, so the page selects it again. "Tải lại" after a conflict
reads the task afresh, and the next save is checked against that version.

"Người giao" offers the Head and the Deputy Heads on the roster of the day typed in "Ngày giao"
(rule 7; the core refuses anyone else), and follows that day as it is changed, the way the
meeting form's chair follows the meeting's day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ...core import adhoc_tasks, meetings, tasks
from ...core.db import Database
from ...core.errors import NotFoundError, ValidationError
from ...core.i18n import tr as core_tr
from ...core.task_tracking import TrackedTask, track_tasks
from ...core.text import excerpt, short_date
from ..editors import LookupCombo
from ..forms import DATE, LOOKUP, MULTILINE, DateField, FieldSpec
from ..record_dialog import RecordDialog
from . import choices


def _tr(text: str) -> str:
    return QCoreApplication.translate("task_dialogs", text)


def _label(key: str) -> str:
    return core_tr(adhoc_tasks.LABELS[key])


def _units(db: Database, keep: Iterable[int | None]) -> list[tuple[int, str, str]]:
    """Active units, and retired ones the task already names (kept as they are), found by
    their short names too (choices.unit_choices)."""
    return choices.unit_choices(db, keep={k for k in keep if k is not None})


class AdHocTaskDialog(RecordDialog):
    """Thêm / sửa nhiệm vụ giao trực tiếp: content, who is in charge (a unit and/or a person),
    the focal unit, the deadline, who assigned it and when (today by default)."""

    def __init__(
        self,
        db: Database,
        task: adhoc_tasks.AdHocTask | None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        self.db = db
        self.today = today or date.today()
        self.task_id = task.id if task is not None else None
        self.version = task.version if task is not None else None
        keep = (task.assignee_unit_id, task.focal_unit_id) if task is not None else ()
        unit_items = _units(db, keep)
        people = choices.people(db)
        fields = [
            FieldSpec("content", _label("content"), MULTILINE, required=True),
            FieldSpec(
                "assignee_unit_id",
                _label("assignee_unit_id"),
                LOOKUP,
                unit_items,
                help=_tr("Đơn vị chủ trì thực hiện; có thể chỉ ghi người được giao"),
            ),
            FieldSpec("assignee_person_id", _label("assignee_person_id"), LOOKUP, people),
            FieldSpec("focal_unit_id", _label("focal_unit_id"), LOOKUP, unit_items),
            FieldSpec("deadline", _label("deadline"), DATE),
            FieldSpec(
                "assigned_on", _label("assigned_on"), DATE, help=_tr("Để trống: ngày hôm nay")
            ),
            FieldSpec(
                "assigned_by_id",
                _label("assigned_by_id"),
                LOOKUP,
                help=_tr("Trưởng ban hoặc Phó Trưởng ban tại ngày giao"),
            ),
        ]
        self._people = people
        super().__init__(
            _tr("Sửa nhiệm vụ giao trực tiếp")
            if task is not None
            else _tr("Thêm nhiệm vụ giao trực tiếp"),
            fields,
            self._save,
            values=task.values() if task is not None else {"assigned_on": self.today},
            reload=self._reload if task is not None else None,
            intro=_tr(
                "Nhiệm vụ do Ban Chỉ đạo giao ngoài kết luận cuộc họp. Cần ghi đơn vị chủ trì "
                "hoặc người được giao (hoặc cả hai)."
            ),
            key="adHocTask",
            parent=parent,
        )
        start = task.values() if task is not None else {"assigned_on": self.today}
        self._fill_assigners(start.get("assigned_on"), start.get("assigned_by_id"))
        self.form.fields["assigned_on"].editor.edit.editingFinished.connect(  # type: ignore[attr-defined]
            self._on_day_changed
        )

    def _fill_assigners(self, day: Any, keep: Any) -> None:
        """The Head and Deputies of ``day`` (today when empty); a recorded assigner who is not
        one of them (a task from before the rule, or a reorganisation) stays shown."""
        when = day if isinstance(day, date) else self.today
        # Found by their unit's short name too, as every person picker finds them.
        items = choices.role_items(meetings.eligible_people(self.db, when).chairs)
        if keep is not None and all(item[0] != keep for item in items):
            items.append(next((i for i in self._people if i[0] == keep), (keep, "", "")))
        lookup = self.form.editor("assigned_by_id")
        assert isinstance(lookup, LookupCombo)
        lookup.set_items(items)
        lookup.set_value(keep)

    def _on_day_changed(self) -> None:
        try:
            day = self.form.fields["assigned_on"].value()
            keep = self.form.fields["assigned_by_id"].value()
        except ValidationError:
            return  # the core names the bad field on Save
        self.read_into_form(lambda: self._fill_assigners(day, keep))  # the Head, Deputies then

    def _save(self, values: dict[str, Any]) -> int:
        if self.task_id is None:
            return adhoc_tasks.create_task(self.db, today=self.today, **values)
        return adhoc_tasks.update_task(
            self.db, self.task_id, expected_version=self.version, today=self.today, **values
        )

    def _reload(self) -> dict[str, Any]:
        assert self.task_id is not None
        fresh = adhoc_tasks.get_task(self.db, self.task_id)
        self.version = fresh.version
        self._fill_assigners(fresh.assigned_on, fresh.assigned_by_id)
        return fresh.values()


def _heading(row: TrackedTask) -> str:
    parts = [excerpt(row.content, 160)]
    who = ", ".join(x for x in (row.unit, row.assignee) if x)
    if who:
        parts.append(_tr("Giao cho: {who}").format(who=who))
    if row.deadline is not None and row.given_deadline is not None:
        parts.append(
            _tr("Thời hạn: {day} (đã gia hạn; hạn ban đầu {given})").format(
                day=short_date(row.deadline), given=short_date(row.given_deadline)
            )
        )
    elif row.deadline is not None:
        parts.append(_tr("Thời hạn: {day}").format(day=short_date(row.deadline)))
    else:
        parts.append(_tr("Không có thời hạn"))
    return "\n".join(parts)


class TaskResultDialog(RecordDialog):
    """Ghi kết quả: the completion date (today to start with, selected so typing replaces it)
    and the unit's result report; the status, on time or late, follows from the dates."""

    def __init__(
        self,
        db: Database,
        row: TrackedTask,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        self.db = db
        self.today = today or date.today()
        self.task_id = row.id
        self.version = row.version
        fields = [
            FieldSpec(
                "completed_on",
                core_tr("Ngày hoàn thành"),
                DATE,
                required=True,
                help=_tr("Đúng hạn nếu không muộn hơn thời hạn (ngày của thời hạn vẫn đúng hạn)"),
            ),
            FieldSpec(
                "result_report",
                core_tr("Kết quả thực hiện"),
                MULTILINE,
                placeholder=_tr("Tóm tắt báo cáo kết quả của đơn vị (số, ngày văn bản nếu có)"),
            ),
        ]
        super().__init__(
            _tr("Ghi kết quả thực hiện nhiệm vụ"),
            fields,
            self._save,
            values={
                "completed_on": row.completed_on or self.today,
                "result_report": row.result_report,
            },
            reload=self._reload,
            intro=_heading(row),
            save_text=_tr("Ghi kết quả"),
            key="taskResult",
            parent=parent,
        )
        date_field = self.form.editor("completed_on")
        assert isinstance(date_field, DateField)
        self.date_edit = date_field.edit

    def _save(self, values: dict[str, Any]) -> int:
        done = tasks.complete_task(
            self.db,
            self.task_id,
            values["completed_on"],
            expected_version=self.version,
            result_report=values["result_report"] or "",
            today=self.today,
        )
        return done.id

    def _reload(self) -> dict[str, Any]:
        fresh = next(
            (t for t in track_tasks(self.db, today=self.today) if t.id == self.task_id), None
        )
        if fresh is None:
            raise NotFoundError(
                core_tr("Không tìm thấy nhiệm vụ có mã {id}.").format(id=self.task_id)
            )
        self.version = fresh.version
        return {
            "completed_on": fresh.completed_on or self.today,
            "result_report": fresh.result_report,
        }

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.date_edit.selectAll()
