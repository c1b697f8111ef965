"""Dialogs of a working-group session's outputs (the drafts): a new or edited output with its
file, checked before the dialog accepts it, and a change of status. Each Save is one core call
(:mod:`bdcq_desktop.core.session_outputs`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...core import meetings, session_detail, session_outputs
from ...core.db import Database
from ...core.enums import OutputStatus, SessionPurpose
from ...core.labels import choices as vocabulary
from ...core.labels import label
from ...core.read_scope import reading
from ...core.session_outputs import OutputRow
from ...core.stored_files import Upload, size_text
from ..forms import CHOICE, LOOKUP, TEXT, FieldSpec
from ..record_dialog import RecordDialog
from ..stored_file_actions import choose_upload


def _tr(text: str) -> str:
    return QCoreApplication.translate("output_dialogs", text)


def meeting_choices(db: Database, keep: int | None = None) -> list[tuple[int, str]]:
    """The meetings a draft can have been submitted to (held or begun: the core refuses one
    still to come or cancelled), and ``keep``, the one the output names now."""
    return [
        (m.id, f"{m.title} ({m.starts_at:%d/%m/%Y})")
        for m in meetings.list_meetings(db)
        if m.id == keep or session_outputs.held_or_begun(m.status, m.starts_at)
    ]


def status_choices(row: OutputRow | None) -> list[tuple[str, str]]:
    if row is None:
        allowed = [s.value for s in session_outputs.FIRST_STATUSES]
    else:
        allowed = [row.status, *row.next_statuses]
    return [(s, label(OutputStatus(s))) for s in allowed]


def output_fields(db: Database, row: OutputRow | None) -> list[FieldSpec]:
    L = session_outputs.label_of
    return [
        FieldSpec("title", L("title"), TEXT, required=True),
        FieldSpec("kind", L("kind"), CHOICE, vocabulary(SessionPurpose), True, allow_empty=False),
        FieldSpec("version_label", L("version_label"), placeholder=_tr("ví dụ: Dự thảo 2")),
        FieldSpec("status", L("status"), CHOICE, status_choices(row), True, allow_empty=False),
        FieldSpec(
            "submitted_meeting_id",
            L("submitted_meeting_id"),
            LOOKUP,
            lambda: meeting_choices(db, row.submitted_meeting_id if row else None),
            help=_tr(
                "Khi đã trình hoặc đã ban hành: cuộc họp Ban Chỉ đạo đã xem xét (chỉ cuộc "
                "họp đã diễn ra)."
            ),
        ),
    ]


class OutputDialog(RecordDialog):
    """A new output, or an existing one edited; "Chọn tệp…" attaches (or replaces) its file,
    checked before the dialog accepts it (size, not a folder)."""

    @reading()  # opened from the session's pane too: opening reads the session
    def __init__(
        self,
        db: Database,
        session_id: int,
        row: OutputRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.db = db
        self.session_id = session_id
        self.row = row
        self.upload: Upload | None = None
        self.version = session_detail.get_session(db, session_id).version
        title = (
            _tr("Thêm sản phẩm của phiên làm việc")
            if row is None
            else _tr("Sửa sản phẩm: {title}").format(title=row.title)
        )
        super().__init__(
            title,
            output_fields(db, row),
            self._save,
            # Given here, not set after: what a stale save compares the typing with.
            values=_output_values(row) if row else {"status": OutputStatus.DRAFTING.value},
            reload=self._reload,
            key="sessionOutput",
            parent=parent,
        )
        self.setObjectName("outputDialog")
        box = QWidget(self)
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        self.file_label = QLabel(box)
        self.file_label.setObjectName("fileName")
        self.file_label.setWordWrap(True)
        self.file_button = QPushButton(_tr("Chọn tệp…"), box)
        self.file_button.setObjectName("chooseFile")
        self.file_button.setAutoDefault(False)
        self.file_button.clicked.connect(lambda _c=False: self.choose_file())
        line.addWidget(QLabel(session_outputs.label_of("file") + ":", box))
        line.addWidget(self.file_label, 1)
        line.addWidget(self.file_button)
        self.add_section(box, "file")
        self._show_file()

    def _show_file(self) -> None:
        if self.upload is not None:
            text = _tr("{name} ({size}) — sẽ lưu khi bấm Lưu").format(
                name=self.upload.name, size=size_text(self.upload.size)
            )
        elif self.row is not None and self.row.file_id is not None:
            text = f"{self.row.file_name} ({size_text(self.row.file_size or 0)})"
        else:
            text = _tr("chưa có tệp (tối đa 50 MB)")
        self.file_label.setText(text)

    def choose_file(self) -> None:
        upload = choose_upload(self, _tr("Chọn tệp dự thảo"), self.db)
        if upload is not None:
            self.set_upload(upload)

    def set_upload(self, upload: Upload) -> None:
        self.upload = upload
        self._show_file()

    def collect(self) -> dict[str, Any]:
        values = self.form.values()
        if self.row is not None:
            initial = {
                "title": self.row.title,
                "kind": self.row.kind,
                "version_label": self.row.version_label or None,
                "status": self.row.status,
                "submitted_meeting_id": self.row.submitted_meeting_id,
            }
            values = {k: v for k, v in values.items() if initial.get(k) != (v or None)}
        return values

    def _save(self, values: dict[str, Any]) -> int:
        if self.row is None:
            session_outputs.add_output(
                self.db,
                self.session_id,
                expected_version=self.version,
                upload=self.upload,
                **values,
            )
        else:
            session_outputs.update_output(
                self.db, self.row.id, expected_version=self.version, upload=self.upload, **values
            )
        return self.session_id

    def _reload(self) -> dict[str, Any]:
        fresh = session_detail.get_session(self.db, self.session_id)
        self.version = fresh.version
        if self.row is None:  # a new output: the session's version, the typing kept
            return {}
        # The output as saved now: compared with what was typed, and what the save sends the
        # changes from (collect).
        self.row = next((o for o in fresh.outputs if o.id == self.row.id), self.row)
        self._show_file()
        return _output_values(self.row)


def _output_values(row: OutputRow) -> dict[str, Any]:
    return {
        "title": row.title,
        "kind": row.kind,
        "version_label": row.version_label,
        "status": row.status,
        "submitted_meeting_id": row.submitted_meeting_id,
    }


@reading()  # opened from the session's pane: opening reads the session
def status_dialog(db: Database, session_id: int, row: OutputRow, parent: QWidget) -> RecordDialog:
    """Move an output on (drafting → consulting → submitted → approved, or dropped)."""
    version = [session_detail.get_session(db, session_id).version]
    L = session_outputs.label_of
    choices = [(s, label(OutputStatus(s))) for s in row.next_statuses]

    def save(values: dict[str, Any]) -> int:
        session_outputs.set_output_status(
            db,
            row.id,
            values["status"],
            expected_version=version[0],
            submitted_meeting_id=values.get("submitted_meeting_id"),
        )
        return session_id

    def reload() -> dict[str, Any]:  # a stale save: the session's newest, the choice kept
        version[0] = session_detail.get_session(db, session_id).version
        return {}

    dialog = RecordDialog(
        _tr("Đổi tình trạng: {title}").format(title=row.title),
        [
            FieldSpec("status", L("status"), CHOICE, choices, True, allow_empty=False),
            FieldSpec(
                "submitted_meeting_id",
                L("submitted_meeting_id"),
                LOOKUP,
                lambda: meeting_choices(db, row.submitted_meeting_id),
                help=_tr("Cuộc họp Ban Chỉ đạo đã trình (chỉ cuộc họp đã diễn ra)."),
            ),
        ],
        save,
        values={"submitted_meeting_id": row.submitted_meeting_id},
        reload=reload,
        intro=_tr("Hiện tại: {status}.").format(status=row.status_label),
        key="sessionOutputStatus",
        parent=parent,
    )
    dialog.setObjectName("outputStatusDialog")
    return dialog
