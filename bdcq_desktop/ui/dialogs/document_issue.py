"""The document dialog's issue: the core's question or the usual "Ban hành?", then the next
number taken in the background (:mod:`.document_dialog`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox

from ...core import register
from ...core.db import Database
from ...core.errors import BcdError
from ...documents import service
from ...documents.issue_readiness import issue_refusal
from .. import messages
from ..messages import error_text
from ..worker import run_in_background
from .document_jobs import Result, Wanted, issue_document
from .signer_combo import SignerCombo

# Translation context of the issue's words: they were the document dialog's, and stay so.
_CONTEXT = "DocumentDialog"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class IssueFlow:
    """Issuing the kind shown, mixed into :class:`.document_dialog.DocumentDialog`: asks, then
    takes the next number, stores the PDF and shows the stored copy. Needs the dialog's
    state below, its ``failed`` signal and the methods stubbed here."""

    db: Database
    signer_combo: SignerCombo
    last_question: QMessageBox | None
    failed: Any
    _wanted: Wanted
    _busy: bool
    _issuing: bool
    _issued: register.IssuedRecord | None
    end_dialog: Any = None  # the actual end asked before minutes are issued, while open
    today: Any
    record_id: int | None
    issue_button: Any
    status: Any
    period_combo: Any  # the kind's period (document_period.add_period_row), and its form
    period_form: Any
    issue_note: QLabel | None = None  # why "Ban hành…" is not offered, beside it
    _issue_block: tuple[str, str | None] | None = None  # (kind, why not), for the preview shown

    def current_kind(self) -> service.DocumentKind | None: ...

    def _record_for(self, kind: service.DocumentKind) -> int | None: ...

    def _set_busy(self, busy: bool, text: str, *, error: bool = False) -> None: ...

    def _on_result(self, result: Result) -> None: ...

    def refresh(self) -> None: ...

    def kind_options(self, kind: service.DocumentKind) -> dict[str, Any]:
        """The kind's own options chosen in the dialog: the period of a kind that takes one."""
        return self.period_combo.options() if "period" in kind.options else {}

    def scope_text(self, kind: service.DocumentKind) -> str:
        """What the kind's period or list is called ("quý III năm 2026"; a list of a period:
        both, "quý III năm 2026; Sở Nội vụ"), "" for none."""
        options = self.kind_options(kind)
        labels = (getattr(v, "label", "") for v in options.values() if v is not None)
        return "; ".join(label for label in labels if label)

    def show_period(self) -> None:
        """"Kỳ báo cáo" only for a kind that takes a period."""
        kind = self.current_kind()
        shown = kind is not None and "period" in kind.options
        self.period_form.setRowVisible(self.period_combo, shown)

    def _refused_while_issuing(self) -> bool:
        """Esc, Đóng or the window's close during an issue: refused. The document is issued all
        the same; closed, the dialog could not say so, nor tell the record's tab to show it
        issued (its result went with it)."""
        if self._issuing:
            self.status.setText(_tr("Đang ban hành, xin chờ xong…"))
        return self._issuing

    def make_issue_note(self) -> QLabel:
        """The line beside "Ban hành…" that says why it is not offered (empty when it is)."""
        note = QLabel(self)  # type: ignore[arg-type]
        note.setObjectName("issueNote")
        note.setWordWrap(True)
        self.issue_note = note
        return note

    def issuable(self, offered: bool) -> bool:
        """Whether "Ban hành…" is offered for the draft shown (``offered``: a draft is shown and
        nothing is issued): not when the record's rules would refuse the issue today (a meeting
        not held yet, a date of issue that makes no sense for it), said beside the button. Asked
        once per preview shown (:func:`..documents.issue_readiness.issue_refusal`)."""
        kind = self.current_kind()
        if not offered or kind is None:
            self._issue_block = None
            self._say_issue_block(None)
            return False
        if self._issue_block is None or self._issue_block[0] != kind.name:
            try:
                why = issue_refusal(self.db, kind.name, self._record_for(kind), self.today)
            except BcdError:  # the record gone, say: the preview and the issue say so
                why = None
            self._issue_block = (kind.name, why)
        why = self._issue_block[1]
        self._say_issue_block(why)
        return why is None

    def _say_issue_block(self, why: str | None) -> None:
        text = _tr("Chưa ban hành được: {reason}").format(reason=why) if why else ""
        if self.issue_note is not None:
            self.issue_note.setText(text)
        self.issue_button.setToolTip(
            text or _tr("Lấy số tiếp theo trong sổ đăng ký văn bản và lưu bản chính thức")
        )

    def issue(self) -> None:
        """Ask, then take the next number, store the PDF and show the stored copy."""
        kind = self.current_kind()
        if kind is None or self._busy or self._issued is not None:
            return
        if kind.name == "minutes" and self._ask_end_first(self._record_for(kind)):
            return
        # The core's question first (minutes with invitees not marked): "Vẫn ban hành" there
        # answers the usual question too. The attendance is recorded in the meeting's pane.
        question = service.issue_question(self.db, kind.name, self._record_for(kind))
        if question is not None:
            self.last_question = messages.ask_before_issue(
                self, question, lambda: self._confirm_issue(kind, confirm_unmarked=True)
            )
            return
        self._confirm_issue(kind)

    def _confirm_issue(self, kind: service.DocumentKind, *, confirm_unmarked: bool = False) -> None:
        """The usual "Ban hành?" (after "Vẫn ban hành", only when the working days it prints
        count a year whose days off are not entered: that is asked, never issued unawares)."""
        days_off = service.days_off_question(self.db, kind.name, self._record_for(kind))
        if confirm_unmarked and days_off is None:
            self._start_issue(kind, confirm_unmarked=True)
            return
        who = self.signer_combo.currentText() if self.signer_combo.has_choice() else ""
        signed = _tr("\nNgười ký: {who}.").format(who=who) if who else ""
        warned = f"{days_off.message}\n\n" if days_off is not None else ""
        role = QMessageBox.ButtonRole
        # Waits: asked by the officer's Ban hành (or the end-time form's Lưu) before any job is
        # started, app-modal over this dialog, and the answer decides whether this call issues.
        answer = messages.ask_now(
            self,
            _tr("Ban hành văn bản"),
            warned
            + _tr(
                "Ban hành “{label}”?{signed}\n\nVăn bản sẽ được lấy số tiếp theo trong sổ đăng "
                "ký văn bản, lưu bản chính thức và không thể sửa sau khi ban hành."
            ).format(label=kind.label, signed=signed),
            [
                messages.Answer("yesButton", _tr("Có"), role.YesRole),
                messages.Answer("noButton", _tr("Không"), role.NoRole),
            ],
            default="noButton",
            escape="noButton",
            icon=QMessageBox.Icon.Question if days_off is None else QMessageBox.Icon.Warning,
            name="issueConfirmBox",
        )
        if answer != "yesButton":
            return
        self._start_issue(
            kind, confirm_unmarked=confirm_unmarked, confirm_days_off=days_off is not None
        )

    def _ask_end_first(self, meeting_id: int | None) -> bool:
        """Minutes print the meeting's actual end and cannot change once issued: with none
        recorded, it is asked first (the planned end filled in), recorded by one core call,
        and the issue goes on from its usual question. True when asked."""
        from ...core.meetings import get_meeting
        from ..tabs.minutes_dialogs import close_time_dialog

        if meeting_id is None:
            return False
        d = get_meeting(self.db, meeting_id)
        if d.status != "held" or (d.minutes is not None and d.minutes.closed_at is not None):
            return False  # not ready (the build says why), or the end is recorded
        dialog = close_time_dialog(self, self.db, meeting_id, before_issue=True)
        dialog.saved.connect(lambda _r: self.issue())
        dialog.finished.connect(lambda _r: setattr(self, "end_dialog", None))  # deleted then
        self.end_dialog = dialog
        dialog.open()
        return True

    def _start_issue(
        self,
        kind: service.DocumentKind,
        *,
        confirm_unmarked: bool = False,
        confirm_days_off: bool = False,
    ) -> None:
        if self._busy or self._issued is not None:  # the question was open meanwhile
            return
        self._wanted.generation += 1
        generation, record_id, db = self._wanted.generation, self._record_for(kind), self.db
        signer_id, options = self.signer_combo.signer_id(), self.kind_options(kind)
        self._issuing = True
        self._set_busy(True, _tr("Đang ban hành…"))

        def work(_report: Callable[[int, str], None]) -> Result:
            return issue_document(
                db, kind.name, record_id, generation, confirm_unmarked, signer_id, options,
                confirm_days_off=confirm_days_off,
            )  # fmt: skip

        def failed(exc: Exception) -> None:
            if generation != self._wanted.generation:
                return
            self._issuing = False
            if self._wanted.closed:
                return
            # The draft on screen stays: nothing was issued.
            text = error_text(exc)
            self._set_busy(False, _tr("Chưa ban hành được: {error}").format(error=text), error=True)
            # Not blocking: in the job's callback, a blocking box let the dialog be closed and
            # deleted under its nested event loop (see the document dialog's failure box).
            box = messages.show_message(self, _tr("Không ban hành được"), text, warning=True)
            box.setObjectName("issueFailedBox")
            self.failed.emit(text)
            if isinstance(exc, service.AlreadyIssuedError):
                self.refresh()  # someone issued it meanwhile: show their copy

        run_in_background(work, on_success=self._on_result, on_failure=failed)
