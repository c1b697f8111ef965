"""The conclusion dialog: a conclusion of a meeting and the tasks it assigns, in one form
saved by one core call (:func:`bdcq_desktop.core.conclusions.add_conclusion` with the
meeting's version, :func:`~bdcq_desktop.core.conclusions.update_conclusion` with the
conclusion's). A task the core refuses is shown under the tasks with its row selected.

Typed from the keyboard as the chair assigns the tasks (the live window opens it with a blank
task row, :meth:`ConclusionDialog.start_task`): Tab goes through a task's cells, Ctrl+N adds
the next task with the cursor in it, Ctrl+Enter saves."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ...core import conclusions as core_conclusions
from ...core.conclusions import TaskInput
from ...core.db import Database
from ...core.errors import ValidationError
from ...core.meetings import MeetingDetail, get_meeting
from ...core.read_scope import reading
from ..forms import DATE, LOOKUP, MULTILINE, ROWS, TEXT, FieldSpec, RowsEditor
from ..record_dialog import RecordDialog
from . import choices

TASK_FIELDS = (
    "tasks",
    "content",
    "assignee",
    "assignee_person_id",
    "assignee_unit_id",
    "focal_unit_id",
    "deadline",
    "id",
)
_ROW = re.compile(r"^\D*?(\d+):")  # "Nhiệm vụ 2: …" (the core), "Dòng 2: …" (the table)


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_conclusions", text)


def task_values(t: TaskInput) -> dict[str, Any]:
    return {
        "id": t.id,
        "content": t.content,
        "assignee_person_id": t.assignee_person_id,
        "assignee_unit_id": t.assignee_unit_id,
        "focal_unit_id": t.focal_unit_id,
        "deadline": t.deadline,
    }


class ConclusionDialog(RecordDialog):
    """A conclusion and its tasks, saved in one call (new: ``conclusion_id`` is ``None``)."""

    # Opened from the meeting's pane or the live window: opening reads the conclusion and the
    # units and people to pick from, so a refusal then says the data was not read.
    @reading()
    def __init__(
        self,
        db: Database,
        meeting: MeetingDetail,
        conclusion_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        self.db, self.meeting_id, self.conclusion_id = db, meeting.id, conclusion_id
        self.saved_id = conclusion_id  # a new one: its id once saved
        self._task_to_type: int | None = None  # the row the cursor goes to when shown
        values: dict[str, Any] = {}
        worked_on: frozenset[int] = frozenset()
        if conclusion_id is None:
            self.version = meeting.version
            title = _tr("Thêm kết luận")
        else:
            edit = core_conclusions.get_conclusion(db, conclusion_id)
            self.version, worked_on = edit.version, edit.worked_on
            values = {"text": edit.text, "tasks": [task_values(t) for t in edit.tasks]}
            order = next((c.order for c in meeting.conclusions if c.id == conclusion_id), "")
            title = _tr("Sửa kết luận {order}").format(order=order)
        used = {
            u
            for t in values.get("tasks", [])
            for u in (t["assignee_unit_id"], t["focal_unit_id"])
            if u is not None
        }
        # Retired units already named by a task are kept, not silently dropped.
        units = choices.unit_choices(db, keep=used)
        people = choices.people(db)
        columns = [
            FieldSpec("content", _tr("Nội dung nhiệm vụ"), TEXT, required=True),
            FieldSpec("assignee_person_id", _tr("Người được giao"), LOOKUP, choices=people),
            FieldSpec("assignee_unit_id", _tr("Đơn vị chủ trì"), LOOKUP, choices=units),
            FieldSpec("focal_unit_id", _tr("Đơn vị đầu mối"), LOOKUP, choices=units),
            FieldSpec("deadline", _tr("Thời hạn"), DATE),
        ]
        intro = _tr(
            "{meeting} — người chủ trì giao: {chair}, ngày {day}. Mỗi nhiệm vụ cần người được giao "
            "hoặc đơn vị chủ trì (hoặc cả hai)."
        ).format(
            meeting=meeting.title,
            chair=meeting.chair.name if meeting.chair else "",
            day=f"{meeting.starts_at:%d/%m/%Y}",
        )
        if worked_on:
            intro += " " + _tr(
                "Nhiệm vụ đã có kết quả thực hiện sửa được nhưng không bỏ được."
            )
        intro += " " + _tr("Ctrl+N: thêm nhiệm vụ; Tab: sang ô sau; Ctrl+Enter: lưu.")
        super().__init__(
            f"{title}: {meeting.title}",
            [
                FieldSpec("text", _tr("Nội dung kết luận"), MULTILINE, required=True),
                FieldSpec("tasks", _tr("Nhiệm vụ"), ROWS, columns=columns),
            ],
            self._save,
            values=values,
            reload=self._reload,
            intro=intro,
            key="conclusion",
            parent=parent,
        )
        self.setObjectName("conclusionDialog")
        self.tasks = self.form.editor("tasks")
        assert isinstance(self.tasks, RowsEditor)
        self.form.editor("text").setMaximumHeight(110)
        self.fit_columns()
        # The first row added widens its columns to their editors' wish (a picker asks for
        # thirty letters): set back, or the content scrolls out of sight as Tab reaches the
        # deadline. Connected after the editor's own slot, so it runs once the row is in.
        self.tasks.add_button.clicked.connect(lambda _c=False: self.fit_columns())
        self.resize(1320, 600)
        self.show_starts()
        add_task = QShortcut(QKeySequence("Ctrl+N"), self)
        add_task.setObjectName("addTaskShortcut")
        add_task.activated.connect(self.add_task)

    def fit_columns(self) -> None:
        """Every column in view at 1366 pixels: the content takes what the others leave."""
        for col, width in enumerate((300, 210, 170, 160, 180)):
            self.tasks.table.setColumnWidth(col, width)

    def add_task(self) -> int:
        """A blank task after the others, the cursor in its content (Ctrl+N); its row."""
        row = self.tasks.add_row()
        self.fit_columns()
        self.tasks.select_row(row, 0)
        return row

    def start_task(self) -> None:
        """Open with a blank task after the others and the cursor in it: the dialog opened to
        give a conclusion its tasks (the live window's "Giao nhiệm vụ")."""
        self._task_to_type = self.tasks.add_row()
        self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._task_to_type is not None:
            # Now that the cells are on screen: a hidden one does not take the cursor.
            self.tasks.select_row(self._task_to_type, 0)
            self._task_to_type = None

    def show_starts(self) -> None:
        """Each cell shows the start of its text (a name, a unit), not the end it scrolled to."""
        for row in range(self.tasks.row_count()):
            for col in self.tasks.columns:
                cell = self.tasks.cell(row, col.key)
                edit = cell if isinstance(cell, QLineEdit) else cell.findChild(QLineEdit)
                if edit is not None:
                    edit.setCursorPosition(0)

    def _save(self, values: dict[str, Any], **confirmed: bool) -> int:
        # ``confirmed``: the record dialog's yes to an IssuedNoticeWarning (notice issued)
        if self.conclusion_id is None:
            added = core_conclusions.add_conclusion(
                self.db,
                self.meeting_id,
                values["text"],
                values["tasks"],
                expected_version=self.version,
                **confirmed,
            )
            self.saved_id = added.id
        else:
            core_conclusions.update_conclusion(
                self.db,
                self.conclusion_id,
                values["text"],
                values["tasks"],
                expected_version=self.version,
                **confirmed,
            )
        return self.meeting_id

    def _reload(self) -> dict[str, Any]:
        if self.conclusion_id is None:  # a new one: the meeting's version, keep what is typed
            self.version = get_meeting(self.db, self.meeting_id).version
            return {}
        edit = core_conclusions.get_conclusion(self.db, self.conclusion_id)
        self.version = edit.version
        return {"text": edit.text, "tasks": [task_values(t) for t in edit.tasks]}

    def reload_values(self) -> bool:
        if not super().reload_values():
            return False
        self.show_starts()
        return True

    def show_validation_error(self, exc: ValidationError) -> None:
        """A task refused by the core names its field inside the task ("Nhiệm vụ 2: …"): shown
        under the tasks, that row selected."""
        if exc.field not in TASK_FIELDS:
            super().show_validation_error(exc)
            return
        self.form.show_error("tasks", exc.message)
        found = _ROW.match(exc.message)
        if found:
            self.tasks.select_row(int(found.group(1)) - 1)
        self.fit_height()
