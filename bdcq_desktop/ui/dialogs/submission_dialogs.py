"""Recording what a unit sent: the quick entry (received date and number, from the keyboard)
and the full form (the unit's document date, summary, evaluation, the file); and the waiver
(miễn nộp: the day and the reason the committee excused the unit from the report).

Each save is one core call, :func:`bdcq_desktop.core.submissions.record_submission`, passing the
round's version the row was read with and the submission's own, which guards the save: another
officer recording another unit's report of the round meanwhile is no conflict, the same unit's
is. Then the form shows what the other officer saved beside what was typed (the record
dialog's conflict question), and the report read anew, with both versions, is what the next
save is checked against: what was typed is never lost to a stale save. The file is read and
checked (size limit, not a folder) when it is chosen, and stored by that same call.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import reports, stored_files, submissions, waivers
from ...core.db import Database
from ...core.reports import SubmissionRow
from ...core.text import short_date
from ..forms import DATE, MULTILINE, DateField, FieldSpec
from ..record_dialog import RecordDialog
from ..stored_file_actions import choose_upload, open_stored_file


def _tr(text: str) -> str:
    return QCoreApplication.translate("submission_dialogs", text)


def _label(key: str) -> str:
    return _tr(submissions.LABELS[key])


def _heading(row: SubmissionRow) -> str:
    """The unit, the round, its deadline, and the received dates the round accepts (the
    core's rule, :func:`bdcq_desktop.core.report_periods.received_from`), said before the
    officer types rather than after a refusal."""
    due = short_date(row.due_date) if row.due_date else ""
    text = _tr("{unit} — {round} (hạn {due})").format(unit=row.unit, round=row.round, due=due)
    if row.received_from is not None:
        text += "\n" + _tr("Ngày nhận: từ {day} đến hôm nay.").format(
            day=short_date(row.received_from)
        )
    return text


class _EnterMovesOn(QObject):
    """Enter in the date field goes to the number field (the common case types both, then
    Enter saves); with the number already typed, Enter saves at once."""

    def __init__(self, date_field: DateField, next_field: QWidget) -> None:
        super().__init__(date_field)
        self.next_field = next_field
        date_field.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.next_field.text()  # type: ignore[attr-defined]
        ):
            self.next_field.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return False


class _ReportForm(RecordDialog):
    """What the three forms share: the report as read (``row``), read anew (the newest values,
    both versions) when a save meets another officer's."""

    db: Database
    row: SubmissionRow
    today: date | None

    def _read_again(self) -> SubmissionRow:
        self.row = reports.get_submission(self.db, self.row.id)
        return self.row

    def _received(self, row: SubmissionRow) -> dict[str, Any]:
        return {
            "received_on": row.received_on or self.today or date.today(),
            "document_number": row.document_number,
        }


class QuickEntryDialog(_ReportForm):
    """Ngày nhận and Số văn bản only: Enter, type, Enter. The received date starts as today's
    (selected, so typing replaces it)."""

    def __init__(
        self,
        db: Database,
        row: SubmissionRow,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        self.db, self.row, self.today = db, row, today
        fields = [
            FieldSpec("received_on", _label("received_on"), DATE, required=True),
            FieldSpec(
                "document_number", _label("document_number"), placeholder=_tr("ví dụ 125/BC-STTTT")
            ),
        ]

        def save(values: dict[str, Any]) -> int:
            read = self.row  # as read last: a stale save reads it again
            return submissions.record_submission(
                db,
                read.id,
                expected_version=read.round_version,
                submission_version=read.version,
                received_on=values["received_on"],
                document_number=values["document_number"],
                # The quick entry keeps what the full form recorded before.
                document_date=read.document_date,
                summary=read.summary,
                evaluation=read.evaluation,
            )

        super().__init__(
            _tr("Ghi nhận báo cáo"),
            fields,
            save,
            values=self._received(row),
            reload=lambda: self._received(self._read_again()),
            intro=_heading(row),
            save_text=_tr("Ghi nhận"),
            key="quickEntry",
            parent=parent,
        )
        self.setMinimumWidth(460)
        date_field = self.form.editor("received_on")
        assert isinstance(date_field, DateField)
        self.date_edit = date_field.edit
        self.number_edit = self.form.editor("document_number")
        self._enter = _EnterMovesOn(date_field, self.number_edit)
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.date_edit.selectAll()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.date_edit.selectAll()


class SubmissionDialog(_ReportForm):
    """Everything about one unit's report, with its file (attach, open, remove)."""

    def __init__(
        self,
        db: Database,
        row: SubmissionRow,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        fields = [
            FieldSpec("received_on", _label("received_on"), DATE, required=True),
            FieldSpec("document_number", _label("document_number")),
            FieldSpec("document_date", _label("document_date"), DATE),
            FieldSpec("summary", _label("summary"), MULTILINE),
            FieldSpec(
                "evaluation",
                _label("evaluation"),
                MULTILINE,
                help=_tr("Nhận xét của Văn phòng về chất lượng, đầy đủ của báo cáo"),
            ),
        ]
        self.db, self.row, self.today = db, row, today
        self.upload: stored_files.Upload | None = None
        self.remove_file = False

        def save(values: dict[str, Any]) -> int:
            return submissions.record_submission(
                db,
                self.row.id,
                expected_version=self.row.round_version,
                submission_version=self.row.version,
                upload=self.upload,
                remove_file=self.remove_file,
                **values,
            )

        super().__init__(
            _tr("Báo cáo của đơn vị"),
            fields,
            save,
            values=self._values(row),
            reload=self._reload,
            intro=_heading(row),
            key="submission",
            parent=parent,
        )
        self._build_file_line()

    def _values(self, row: SubmissionRow) -> dict[str, Any]:
        return {
            **self._received(row),
            "document_date": row.document_date,
            "summary": row.summary,
            "evaluation": row.evaluation,
        }

    def _reload(self) -> dict[str, Any]:
        fresh = self._read_again()
        # The file chosen or taken off here stays so; one taken off that is gone anyway, goes.
        self.remove_file = self.remove_file and fresh.file_id is not None
        self._show_file()
        return self._values(fresh)

    def _take_theirs(self, fresh: dict[str, Any], theirs: dict[str, Any]) -> None:
        super()._take_theirs(fresh, theirs)
        # The file as the other officer left it too: a file chosen here is dropped with the rest.
        self.upload, self.remove_file = None, False
        self._show_file()

    def _build_file_line(self) -> None:
        # The name on a line of its own, wrapped, the buttons under it: beside them, a report's
        # name ("Báo cáo Quý IV - Sở Y tế.pdf (1 KB) — lưu khi bấm Lưu") was cut off.
        box = QWidget(self)
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        name_line = QHBoxLayout()
        line = QHBoxLayout()
        rows.addLayout(name_line)
        rows.addLayout(line)
        self.file_label = QLabel(box)
        self.file_label.setObjectName("fileName")
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attach_button = QPushButton(_tr("Đính kèm tệp…"), box)
        self.attach_button.setObjectName("attachButton")
        self.open_button = QPushButton(_tr("Mở tệp"), box)
        self.open_button.setObjectName("openFileButton")
        self.remove_button = QPushButton(_tr("Bỏ tệp"), box)
        self.remove_button.setObjectName("removeFileButton")
        for b in (self.attach_button, self.open_button, self.remove_button):
            b.setAutoDefault(False)
        self.attach_button.clicked.connect(lambda: self.attach(choose_upload(self, db=self.db)))
        self.open_button.clicked.connect(self.open_file)
        self.remove_button.clicked.connect(self.detach)
        caption = QLabel(_label("file") + ":", box)
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        name_line.addWidget(caption)
        name_line.addWidget(self.file_label, 1)
        line.addStretch(1)
        line.addWidget(self.attach_button)
        line.addWidget(self.open_button)
        line.addWidget(self.remove_button)
        self.add_section(box, "file")
        self._show_file()

    def attach(self, upload: stored_files.Upload | None) -> None:
        """Keep ``upload`` (already checked) to store with the save; ``None``: nothing chosen."""
        if upload is None:
            return
        self.upload = upload
        self.remove_file = False
        self._show_file()

    def detach(self) -> None:
        self.upload = None
        self.remove_file = self.row.file_id is not None
        self._show_file()

    def open_file(self) -> None:
        if self.row.file_id is not None and not self.remove_file and self.upload is None:
            open_stored_file(self, self.db, self.row.file_id)

    def _show_file(self) -> None:
        if self.upload is not None:
            text = _tr("{name} ({size}) — lưu khi bấm Lưu").format(
                name=self.upload.name, size=stored_files.size_text(self.upload.size)
            )
        elif self.row.file_id is not None and not self.remove_file:
            text = self.row.file_name
        else:
            text = _tr("(chưa có tệp)")
        self.file_label.setText(text)
        self.file_label.setToolTip(text)
        stored = self.row.file_id is not None and not self.remove_file and self.upload is None
        self.open_button.setEnabled(stored)
        self.remove_button.setEnabled(stored or self.upload is not None)


class WaiverDialog(_ReportForm):
    """Miễn nộp: the day the committee excused the unit (today unless said) and the reason,
    required; saved by one core call, :func:`bdcq_desktop.core.waivers.waive_submission`,
    which also corrects a waiver already recorded."""

    def __init__(
        self,
        db: Database,
        row: SubmissionRow,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        fields = [
            FieldSpec("waived_on", _label("waived_on"), DATE, required=True),
            FieldSpec(
                "waived_reason",
                _label("waived_reason"),
                MULTILINE,
                required=True,
                placeholder=_tr(
                    "ví dụ: Đơn vị đã hợp nhất; nội dung báo cáo do Sở Tài chính tổng hợp"
                ),
                help=_tr("Ý kiến của Ban Chỉ đạo cho đơn vị không phải gửi báo cáo này"),
            ),
        ]

        self.db, self.row, self.today = db, row, today

        def save(values: dict[str, Any]) -> int:
            return waivers.waive_submission(
                db,
                self.row.id,
                expected_version=self.row.round_version,
                submission_version=self.row.version,
                reason=values["waived_reason"],
                waived_on=values["waived_on"],
            )

        def values(read: SubmissionRow) -> dict[str, Any]:
            return {
                "waived_on": read.waived_on or today or date.today(),
                "waived_reason": read.waived_reason,
            }

        intro = _heading(row).split("\n")[0] + "\n" + _tr(
            "Báo cáo được miễn nộp không còn tính là quá hạn và không bị đôn đốc; bỏ miễn nộp "
            "được khi chưa nhận báo cáo."
        )
        super().__init__(
            _tr("Miễn nộp báo cáo"),
            fields,
            save,
            values=values(row),
            reload=lambda: values(self._read_again()),
            intro=intro,
            save_text=_tr("Miễn nộp"),
            key="waiver",
            parent=parent,
        )
        self.setMinimumWidth(520)
        self.reason_edit = self.form.editor("waived_reason")

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        # The day is today's nearly always: the cursor starts where the officer must type.
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)
