"""The forms of the acts on a task after it was given (Báo cáo › Nhiệm vụ, and the buttons of
"Ghi kết quả"): Gia hạn (an extension), Ghi tiến độ (a progress note, with the unit's file),
Dừng thực hiện (a stop) and Thực hiện tiếp (a resumption).

Each save is one core call of :mod:`bdcq_desktop.core.task_actions` with the task's version
read; a task changed meanwhile is a conflict, whose "Tải lại" takes the newest version and keeps
what was typed (the forms hold the act's own fields, none of the task's). "Người cho gia hạn"
and "Người quyết định dừng" offer the Head and the Deputy Heads on the roster of the day typed
(the core refuses anyone else), following that day as it is changed; a document's words may be
typed instead, or beside.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import meetings, stored_files, task_actions
from ...core.db import Database
from ...core.errors import ValidationError
from ...core.i18n import tr as core_tr
from ...core.task_history import task_history
from ...core.task_tracking import TrackedTask
from ...core.text import excerpt, short_date
from ..editors import LookupCombo
from ..forms import DATE, LOOKUP, MULTILINE, FieldSpec
from ..record_dialog import RecordDialog
from ..stored_file_actions import choose_upload
from . import choices

EXTENSION_HINT = "Công văn số …/BCĐ-VP ngày …"


def _tr(text: str) -> str:
    return QCoreApplication.translate("task_act_dialogs", text)


def _label(key: str) -> str:
    return core_tr(task_actions.LABELS[key])


def heading(row: TrackedTask) -> str:
    """The task, whom it is given to and its deadline (the one given beside, if extended)."""
    lines = [excerpt(row.content, 160)]
    who = ", ".join(x for x in (row.unit_label, row.assignee) if x)
    if who:
        lines.append(_tr("Giao cho: {who}").format(who=who))
    if row.deadline is None:
        lines.append(_tr("Không có thời hạn"))
    elif row.given_deadline is not None:
        lines.append(
            _tr("Thời hạn: {day} (đã gia hạn; hạn ban đầu {given})").format(
                day=short_date(row.deadline), given=short_date(row.given_deadline)
            )
        )
    else:
        lines.append(_tr("Thời hạn: {day}").format(day=short_date(row.deadline)))
    lines.append(_tr("Tình trạng: {status}").format(status=row.status_label))
    return "\n".join(lines)


class _ActDialog(RecordDialog):
    """An act's form on one task: its version kept, read afresh by "Tải lại".

    A subclass names its act (``ACT``, the core function), its title, Save text and key, and
    gives its fields and intro; the field keys are the act's keyword names, so one ``_save``
    serves every act. ``CHAIRS`` names the lookup that offers the Head and Deputies of the day.
    """

    ACT: Callable[..., Any]
    TITLE: str
    SAVE_TEXT: str
    KEY: str
    CHAIRS: str | None = None

    def __init__(
        self,
        db: Database,
        row: TrackedTask,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        self.db = db
        self.row = row
        self.today = today or date.today()
        self.task_id = row.id
        self.version = row.version
        super().__init__(
            _tr(self.TITLE),
            self._fields(),
            self._save,
            values={"on": self.today},
            reload=self._reload,
            intro=self._intro(row),
            save_text=_tr(self.SAVE_TEXT),
            key=self.KEY,
            parent=parent,
        )
        if self.CHAIRS:
            self.follow_day(self.CHAIRS)

    def _fields(self) -> list[FieldSpec]:
        raise NotImplementedError

    def _intro(self, row: TrackedTask) -> str:
        raise NotImplementedError

    def _extra(self) -> dict[str, Any]:
        """What the act takes beside the form's fields."""
        return {}

    def _save(self, values: dict[str, Any]) -> int:
        # ACT is a plain function kept on the class: read it off the type, not bound to self.
        act = type(self).ACT
        return act(
            self.db,
            self.task_id,
            **values,
            **self._extra(),
            expected_version=self.version,
            today=self.today,
        ).id

    def _reload(self) -> dict[str, Any]:
        """The task's version now; nothing of the form is the task's, so all typed is kept."""
        self.version = task_history(self.db, self.task_id, today=self.today).task.version
        return {}

    def follow_day(self, lookup_key: str) -> None:
        """``lookup_key`` offers the Head and Deputies of the day in "on" (today if empty), and
        follows it as it changes."""
        self._chairs_of = lookup_key
        self._fill_chairs(self.today, None)
        edit = self.form.fields["on"].editor.edit  # type: ignore[attr-defined]
        edit.editingFinished.connect(self._on_day_changed)

    def _fill_chairs(self, day: Any, keep: Any) -> None:
        when = day if isinstance(day, date) else self.today
        # Found by their unit's short name too, as every person picker finds them.
        items = choices.role_items(meetings.eligible_people(self.db, when).chairs)
        lookup = self.form.editor(self._chairs_of)
        assert isinstance(lookup, LookupCombo)
        lookup.set_items(items)
        lookup.set_value(keep)

    def _on_day_changed(self) -> None:
        try:
            day = self.form.fields["on"].value()
            keep = self.form.fields[self._chairs_of].value()
        except ValidationError:
            return  # the core names the bad field on Save
        self.read_into_form(lambda: self._fill_chairs(day, keep))  # the Head, Deputies of the day


class TaskExtensionDialog(_ActDialog):
    """Gia hạn: the new deadline, who approved it (a person and/or a document), the day, the
    reason. The conclusion, the minutes and the issued notice are left as they are."""

    ACT = task_actions.extend_task
    TITLE = "Gia hạn nhiệm vụ"
    SAVE_TEXT = "Gia hạn"
    KEY = "taskExtension"
    CHAIRS = "approved_by_id"

    def _fields(self) -> list[FieldSpec]:
        return [
            FieldSpec("deadline", _label("deadline"), DATE, required=True),
            FieldSpec("on", _label("extended_on"), DATE, help=_tr("Để trống: ngày hôm nay")),
            FieldSpec(
                "approved_by_id",
                _label("approved_by_id"),
                LOOKUP,
                help=_tr("Trưởng ban hoặc Phó Trưởng ban tại ngày gia hạn"),
            ),
            FieldSpec(
                "approved_by_text",
                _label("approved_by_text"),
                placeholder=EXTENSION_HINT,
                help=_tr("Ghi người cho gia hạn, văn bản, hoặc cả hai"),
            ),
            FieldSpec("reason", _label("extension_reason"), MULTILINE, required=True),
        ]

    def _intro(self, row: TrackedTask) -> str:
        return heading(row) + "\n" + _tr(
            "Gia hạn không sửa kết luận, biên bản và thông báo kết luận đã ban hành: thời hạn "
            "ban đầu vẫn được giữ và in kèm thời hạn mới. Tình trạng tính theo thời hạn mới "
            "từ ngày gia hạn."
        )


class TaskStopDialog(_ActDialog):
    """Dừng thực hiện: the reason (required), the day, who decided (optional)."""

    ACT = task_actions.stop_task
    TITLE = "Dừng thực hiện nhiệm vụ"
    SAVE_TEXT = "Dừng thực hiện"
    KEY = "taskStop"
    CHAIRS = "decided_by_id"

    def _fields(self) -> list[FieldSpec]:
        return [
            FieldSpec("reason", _label("stop_reason"), MULTILINE, required=True),
            FieldSpec("on", _label("stopped_on"), DATE, help=_tr("Để trống: ngày hôm nay")),
            FieldSpec(
                "decided_by_id",
                _label("decided_by_id"),
                LOOKUP,
                help=_tr("Trưởng ban hoặc Phó Trưởng ban tại ngày dừng"),
            ),
            FieldSpec(
                "decided_by_text",
                _label("decided_by_text"),
                placeholder=_tr("Thông báo số …/TB-BCĐ ngày …"),
            ),
        ]

    def _intro(self, row: TrackedTask) -> str:
        return heading(row) + "\n" + _tr(
            "Nhiệm vụ đã dừng được tính riêng, không vào tổng số và tỷ lệ hoàn thành, từ ngày "
            "dừng; có thể cho thực hiện tiếp sau."
        )


class TaskResumeDialog(_ActDialog):
    """Thực hiện tiếp: the reason and the day; the deadline stays (extend it if it passed)."""

    ACT = task_actions.resume_task
    TITLE = "Cho thực hiện tiếp nhiệm vụ"
    SAVE_TEXT = "Thực hiện tiếp"
    KEY = "taskResume"

    def _fields(self) -> list[FieldSpec]:
        return [
            FieldSpec("reason", _label("resume_reason"), MULTILINE, required=True),
            FieldSpec("on", _label("resumed_on"), DATE, help=_tr("Để trống: ngày hôm nay")),
        ]

    def _intro(self, row: TrackedTask) -> str:
        return heading(row) + "\n" + _tr(
            "Thời hạn giữ nguyên; nếu đã qua, gia hạn thêm sau khi cho thực hiện tiếp."
        )


class TaskProgressDialog(_ActDialog):
    """Ghi tiến độ: what the unit reported, its day, and its file if any; the task stays
    open ("Ghi kết quả" is the completion)."""

    ACT = task_actions.record_progress
    TITLE = "Ghi tiến độ thực hiện nhiệm vụ"
    SAVE_TEXT = "Ghi tiến độ"
    KEY = "taskProgress"

    def __init__(
        self,
        db: Database,
        row: TrackedTask,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        self.upload: stored_files.Upload | None = None
        super().__init__(db, row, parent, today=today)
        self._build_file_line()

    def _fields(self) -> list[FieldSpec]:
        return [
            FieldSpec(
                "text",
                _label("text"),
                MULTILINE,
                required=True,
                placeholder=_tr("Theo báo cáo của đơn vị: đã làm được gì, còn vướng gì"),
            ),
            FieldSpec("on", _label("reported_on"), DATE, help=_tr("Ngày báo cáo của đơn vị")),
        ]

    def _intro(self, row: TrackedTask) -> str:
        intro = heading(row)
        if row.progress:
            intro += "\n" + _tr("Lần trước: {progress}").format(progress=row.progress)
        return intro

    def _extra(self) -> dict[str, Any]:
        return {"upload": self.upload}

    def _build_file_line(self) -> None:
        box = QWidget(self)
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        self.file_label = QLabel(box)
        self.file_label.setObjectName("fileName")
        self.file_label.setWordWrap(True)
        self.attach_button = QPushButton(_tr("Đính kèm tệp…"), box)
        self.attach_button.setObjectName("attachButton")
        self.remove_button = QPushButton(_tr("Bỏ tệp"), box)
        self.remove_button.setObjectName("removeFileButton")
        for b in (self.attach_button, self.remove_button):
            b.setAutoDefault(False)
        self.attach_button.clicked.connect(lambda: self.attach(choose_upload(self, db=self.db)))
        self.remove_button.clicked.connect(lambda: self.attach(None, keep=False))
        caption = QLabel(_tr("Tệp báo cáo của đơn vị:"), box)
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        head = QHBoxLayout()
        head.addWidget(caption)
        head.addWidget(self.file_label, 1)
        rows.addLayout(head)
        line.addStretch(1)
        line.addWidget(self.attach_button)
        line.addWidget(self.remove_button)
        rows.addLayout(line)
        self.add_section(box, "file")
        self._show_file()

    def attach(self, upload: stored_files.Upload | None, *, keep: bool = True) -> None:
        """Keep ``upload`` (checked) to store with the save; None and ``keep``: nothing was
        chosen (the one kept stays); ``keep=False``: drop the one chosen."""
        if upload is None and keep:
            return
        self.upload = upload
        self._show_file()

    def _show_file(self) -> None:
        if self.upload is not None:
            text = _tr("{name} ({size}) — lưu khi bấm Ghi tiến độ").format(
                name=self.upload.name, size=stored_files.size_text(self.upload.size)
            )
        else:
            text = _tr("(không có tệp)")
        self.file_label.setText(text)
        self.file_label.setToolTip(text)
        self.remove_button.setEnabled(self.upload is not None)
