"""The dialogs and files of the Biên bản section (:mod:`.meeting_minutes`): the reason asked
before reopening issued minutes, a revision shown read-only, the actual end of the meeting
(also asked when the live window ends the meeting), the PDF and Word files written.
The document engine is imported when a file is first asked for, not while the window starts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.db import Database
from ...core.errors import BcdError
from ...core.minutes_history import RevisionRow
from ...core.read_scope import reading
from .. import io_actions, messages
from ..dialog_base import Dialog
from ..worker import run_in_background

if TYPE_CHECKING:
    from ...core.issued_files import Restored
    from ...core.meeting_close import StartRecorded
    from ..record_dialog import RecordDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_minutes", text)


class ReasonDialog(Dialog):
    """Asks why the issued minutes are reopened; OK calls ``do(reason)`` (one core call). A
    refusal is shown and the dialog stays open with what was typed."""

    def __init__(self, parent: QWidget, do: Callable[[str], Any]) -> None:
        super().__init__(parent)
        self.setObjectName("reopenMinutesDialog")
        self.setWindowTitle(_tr("Mở lại biên bản"))
        self.do = do
        self.error_box: QWidget | None = None
        layout = QVBoxLayout(self)
        text = QLabel(
            _tr(
                "Biên bản đã ban hành sẽ được mở lại để sửa. Văn bản đã ban hành vẫn lưu trong "
                "sổ (đánh dấu bị thay thế); ban hành lại sẽ lấy số mới.\n\nLý do mở lại:"
            ),
            self,
        )
        text.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reopenReason")
        self.reason.setMaxLength(500)
        text.setBuddy(self.reason)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(_tr("Mở lại"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("reopenOk")
        buttons.addButton(_tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(text)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        try:
            self.do(self.reason.text())
        except BcdError as exc:
            self.error_box = messages.show_error(self, exc)
            return
        super().accept()


def revision_dialog(parent: QWidget, row: RevisionRow, text: str) -> QDialog:
    """The minutes as they stood at revision ``row`` (not shown yet)."""
    dialog = Dialog(parent)
    dialog.setObjectName("revisionDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(
        _tr("Biên bản — bản sửa lần {n} ({when}, {who})").format(
            n=row.number, when=f"{row.saved_at:%H:%M %d/%m/%Y}", who=row.author or "?"
        )
    )
    view = QPlainTextEdit(text, dialog)
    view.setObjectName("revisionText")
    view.setReadOnly(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(720, 560)
    return dialog


# The exports below run on a worker thread (the read scope is the thread's own: marked here)
# and only read the database: a refusal says the data was not read, not "chưa lưu được gì".
@reading()
def write_minutes_pdf(
    db: Database, meeting_id: int, path: str, issue_id: int | None
) -> tuple[Path, Restored | None]:
    """The issued copy (checked against its SHA-256) when the minutes are issued, or the one
    of ``issue_id`` (an earlier issue, superseded), otherwise a draft; never over the database.
    With the file written, the one of the issued-documents folder that reading the copy put
    back (missing or altered there), if any."""
    from ...core import register
    from ...documents import service
    from ..document_files import pdf_target, write_whole

    target = pdf_target(path)
    if issue_id is not None:
        rec = next(r for r in register.list_issued(db) if r.id == issue_id)
    else:
        rec = service.find_issued(db, "minutes", meeting_id)
    if rec is not None:
        copy = register.read_stored(rec, db)
    else:
        copy = register.StoredCopy(service.draft(db, "minutes", meeting_id))
    write_whole(target, copy.content, db)
    return target, copy.restored


@reading()
def write_minutes_docx(db: Database, meeting_id: int, path: str) -> tuple[Path, None]:
    from ...documents.minutes_docx import write_minutes_docx as write

    return write(db, meeting_id, path), None  # a draft: no issued file read


class MinutesFiles:
    """The files of the Biên bản section, mixed into it: PDF (the issued copy, an earlier
    issue, or a draft) and the Word draft, chosen by the officer and written in the
    background. Needs the section's ``detail``, ``host`` and ``say``."""

    detail: Any
    host: Any

    def say(self, text: str, *, error: bool = False) -> None: ...

    def _file_stem(self) -> str:
        d = self.detail
        return f"bien-ban-{d.starts_at:%Y-%m-%d}-{d.id}" if d is not None else "bien-ban"

    def export_pdf(self) -> None:
        path = io_actions.choose_save_path(
            self, _tr("Xuất biên bản (PDF)"), self._file_stem() + ".pdf", "PDF (*.pdf)", "documents"
        )
        if path:
            self.export_pdf_to(path)

    def export_pdf_to(self, path: str, issue_id: int | None = None) -> None:
        """The issued copy (checked against its SHA-256) when the minutes are issued, or the
        one of ``issue_id`` (an earlier issue), otherwise a draft; written in the background."""
        d, db = self.detail, self.host.db
        if d is not None:
            self._run_file_job(lambda _r: write_minutes_pdf(db, d.id, path, issue_id))

    def export_issued(self, issue_id: int) -> None:
        path = io_actions.choose_save_path(
            self,
            _tr("Lưu bản biên bản đã ban hành"),
            self._file_stem() + ".pdf",
            "PDF (*.pdf)",
            "documents",
        )
        if path:
            self.export_pdf_to(path, issue_id)

    def export_docx(self) -> None:
        path = io_actions.choose_save_path(
            self,
            _tr("Xuất dự thảo biên bản (Word)"),
            self._file_stem() + ".docx",
            "Word (*.docx)",
            "documents",
        )
        if path:
            self.export_docx_to(path)

    def export_docx_to(self, path: str) -> None:
        d, db = self.detail, self.host.db
        if d is None:
            return
        if not path.lower().endswith(".docx"):
            path += ".docx"
        self._run_file_job(lambda _r: write_minutes_docx(db, d.id, path))

    def _run_file_job(self, work: Callable[[Any], tuple[Path, Restored | None]]) -> None:
        def done(written: tuple[Path, Restored | None]) -> None:
            target, restored = written
            self.say(_tr("Đã xuất: {path}").format(path=target))
            if restored is not None:
                self.host.last_dialog = messages.tell_restored(self, restored)

        def failed(exc: Exception) -> None:
            self.say(_tr("Chưa xuất được."), error=True)  # not "Đang xuất…" for good
            if isinstance(exc, OSError):
                exc = BcdError(_tr("Không ghi được tệp: {error}").format(error=exc.strerror or exc))
            self.host.last_dialog = messages.show_error(self, exc)

        self.say(_tr("Đang xuất…"))
        run_in_background(work, on_success=done, on_failure=failed)


class MinutesTimes:
    """The meeting's actual start and end in the Biên bản section, mixed into it: each one
    core call in its dialog; minutes issued with no end recorded ask for it first. Needs the
    section's ``detail``, ``host``, ``say`` and ``is_locked``."""

    detail: Any
    host: Any

    def say(self, text: str, *, error: bool = False) -> None: ...

    def is_locked(self) -> bool: ...

    def record_close(self) -> None:
        """Giờ kết thúc thực tế: one core call; the draft's closing line follows it."""
        self._open_time(close_time_dialog, _tr("Đã ghi giờ kết thúc thực tế."))

    def record_start(self) -> None:
        """Giờ bắt đầu thực tế: one core call; the draft's opening line follows it. The line
        says how many marked late before it were made present (the core's count)."""
        d = self.detail
        if d is None or self.is_locked():
            return
        done: list[StartRecorded] = []
        dialog = start_time_dialog(self, self.host.db, d.id, recorded=done.append)
        self.host.open_dialog(dialog)  # the refresh first, then the line about what was saved
        dialog.saved.connect(lambda _r: self.say(done[-1].text))

    def _open_time(self, make: Callable[..., RecordDialog], said: str) -> None:
        d = self.detail
        if d is None or self.is_locked():
            return
        dialog = make(self, self.host.db, d.id)
        self.host.open_dialog(dialog)  # the refresh first, then the line about what was saved
        dialog.saved.connect(lambda _r: self.say(said))

    def ask_end_before_issue(self, then: Callable[[], None]) -> bool:
        """No actual end recorded: ask it (the planned end filled in) before the minutes are
        issued, since they print it and cannot change after; saved, ``then()`` goes on with the
        issue. True when asked (the caller stops there)."""
        d = self.detail
        if d is None or (d.minutes is not None and d.minutes.closed_at is not None):
            return False
        dialog = close_time_dialog(self, self.host.db, d.id, before_issue=True)
        self.host.open_dialog(dialog)
        dialog.saved.connect(lambda _r: then())
        return True


def _close_text(closed_at: datetime, day: date) -> str:
    """``11:35`` on the meeting's day; ``08/12/2026 00:40`` on another (past midnight)."""
    return f"{closed_at:%H:%M}" if closed_at.date() == day else f"{closed_at:%d/%m/%Y %H:%M}"


def close_time_dialog(
    parent: QWidget,
    db: Database,
    meeting_id: int,
    *,
    ending: bool = False,
    before_issue: bool = False,
) -> RecordDialog:
    """"Giờ kết thúc thực tế": the actual end, the one the minutes print. Filled with the end
    recorded, else (``ending``: the meeting is being ended now, or nothing recorded) now, or
    the planned end for a meeting of another day no longer sitting, editable;
    ``before_issue``: asked before minutes are issued with no end recorded, filled with the
    planned end (what they would print otherwise). Saving is one core call
    (:func:`..core.meeting_close.record_close`), guarded by the minutes' version; it neither
    moves the meeting's planned times nor touches its issued documents. The caller connects
    ``saved`` and opens it."""
    from ...core.meeting_close import record_close
    from ...core.meeting_span import RUN_OVER, proposed_end

    def value(d: Any, info: Any) -> datetime:
        closed = info.closed_at if info is not None else None
        if before_issue and closed is None and d.ends_at is not None:
            return d.ends_at
        if closed is not None:  # recorded: open on it, as a correction (ending too)
            return closed
        # Now, unless the meeting is of another day and no longer sitting: then the planned
        # end, since now would be refused on save (a day the meeting was not on).
        return proposed_end(d.starts_at, d.ends_at, datetime.now())

    help_text = _tr(
        "Giờ cuộc họp thực sự kết thúc, in trong biên bản. Giờ sớm hơn giờ bắt đầu được "
        "hiểu là sang ngày hôm sau (họp quá nửa đêm), nếu không quá {hours} giờ sau giờ kết "
        "thúc theo kế hoạch; muộn hơn thì gõ cả ngày. Không sửa giờ họp theo kế hoạch và "
        "giấy triệu tập."
    ).format(hours=int(RUN_OVER.total_seconds() // 3600))
    recorded_end = _recorded(db, meeting_id, "closed_at")
    if recorded_end is not None:
        title = _tr("Sửa giờ kết thúc")
        # Ending the meeting still leaves the window once saved; in Biên bản a plain save.
        save_text = _tr("Kết thúc cuộc họp") if ending else ""
        intro = help_text + "\n\n" + _tr("Đã ghi giờ kết thúc {at} — sửa lại:").format(
            at=recorded_end
        )
    elif before_issue:
        title, save_text = _tr("Giờ kết thúc thực tế trước khi ban hành"), _tr("Ghi và ban hành…")
        intro = _tr(
            "Chưa ghi giờ cuộc họp thực sự kết thúc. Biên bản in giờ này và không sửa được sau "
            "khi ban hành: hãy kiểm tra (đã điền sẵn giờ kết thúc theo kế hoạch)."
        )
    elif ending:
        title, save_text, intro = _tr("Kết thúc cuộc họp"), _tr("Kết thúc cuộc họp"), help_text
    else:
        title, save_text, intro = _tr("Giờ kết thúc thực tế"), "", help_text
    return _time_dialog(
        parent,
        db,
        meeting_id,
        "closed_at",
        _tr("Giờ kết thúc thực tế"),
        help_text,
        value,
        lambda form, version: record_close(db, meeting_id, form, expected_version=version),
        title=title,
        save_text=save_text,
        intro=intro,
        key="closeTime",
        placeholder=_tr("vd. 11:35, hoặc 08/12/2026 00:40"),
    )


def start_time_dialog(
    parent: QWidget,
    db: Database,
    meeting_id: int,
    *,
    starting: bool = False,
    recorded: Callable[[StartRecorded], object] | None = None,
) -> RecordDialog:
    """"Giờ bắt đầu thực tế": the actual start, the one the minutes print and late arrivals
    are judged against. Filled with the start recorded, else now (``starting``: the meeting
    is being opened now; the planned start when it is not the meeting's day) or the planned
    start, editable. Saving is one core call
    (:func:`..core.meeting_close.record_start`), guarded by the minutes' version; the planned
    times and the issued documents are left alone. ``recorded`` gets what the core did
    (before ``saved``), for the caller to say it. The caller connects ``saved``, opens it."""
    from ...core.meeting_close import record_start
    from ...core.meeting_span import proposed_start

    def value(d: Any, info: Any) -> datetime:
        opened = info.opened_at if info is not None else None
        if opened is not None:  # recorded: open on it, as a correction (starting too)
            return opened
        if starting:
            # Now on the meeting's day; for a meeting of another day, its planned start.
            return proposed_start(d.starts_at, datetime.now())
        return d.starts_at

    help_text = _tr(
        "Giờ cuộc họp thực sự bắt đầu, in trong biên bản; người đến sau giờ này được ghi "
        "là đến muộn. Không sửa giờ họp theo kế hoạch và giấy triệu tập."
    )
    recorded_start = _recorded(db, meeting_id, "opened_at")
    if recorded_start is not None:
        title, save_text = _tr("Sửa giờ bắt đầu"), ""
        intro = help_text + "\n\n" + _tr("Đã ghi giờ bắt đầu {at} — sửa lại:").format(
            at=recorded_start
        )
    elif starting:
        title, save_text, intro = _tr("Bắt đầu cuộc họp"), _tr("Bắt đầu cuộc họp"), help_text
    else:
        title, save_text, intro = _tr("Giờ bắt đầu thực tế"), "", help_text
    return _time_dialog(
        parent,
        db,
        meeting_id,
        "opened_at",
        _tr("Giờ bắt đầu thực tế"),
        help_text,
        value,
        lambda form, version: _told(
            record_start(db, meeting_id, form, expected_version=version), recorded
        ),
        title=title,
        save_text=save_text,
        intro=intro,
        key="startTime",
        placeholder=_tr("vd. 08:15"),
    )


def _recorded(db: Database, meeting_id: int, field: str) -> str | None:
    """The meeting's actual start or end (``field`` of its minutes) as the dialogs write it,
    or None when not recorded."""
    from ...core.meetings import get_meeting

    d = get_meeting(db, meeting_id)
    at = getattr(d.minutes, field, None) if d.minutes is not None else None
    return _close_text(at, d.starts_at.date()) if at is not None else None


def _told(result: StartRecorded, recorded: Callable[[StartRecorded], object] | None) -> int:
    if recorded is not None:
        recorded(result)
    return result.version


def _time_dialog(
    parent: QWidget,
    db: Database,
    meeting_id: int,
    field: str,
    label: str,
    help_text: str,
    value: Callable[[Any, Any], datetime],
    record: Callable[[Any, int], int],
    *,
    title: str,
    save_text: str,
    intro: str,
    key: str,
    placeholder: str,
) -> RecordDialog:
    """One time of the held meeting (its actual start or end), in a one-field form."""
    from ...core.meetings import get_meeting
    from ..editors import FieldSpec
    from ..record_dialog import RecordDialog  # the forms load when a form is first opened

    version = [0]

    def current() -> dict[str, Any]:
        d = get_meeting(db, meeting_id)
        info = d.minutes
        version[0] = info.version if info is not None else 0
        return {field: _close_text(value(d, info), d.starts_at.date())}

    def save(form: dict[str, Any]) -> int:
        record(form[field], version[0])
        return meeting_id

    spec = FieldSpec(field, label, required=True, placeholder=placeholder, help=help_text)
    dialog = RecordDialog(
        title,
        [spec],
        save,
        values=current(),
        reload=current,
        intro=intro,
        save_text=save_text,
        key=key,
        parent=parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog
