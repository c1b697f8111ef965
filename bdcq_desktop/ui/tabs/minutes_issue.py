"""Biên bản's "Ban hành…" and "Mở lại…": the minutes issued through the document engine (a
number from the register, the stored PDF and its SHA-256; the minutes then locked), and
unlocked again with a reason. A mixin of :class:`.meeting_minutes.MinutesSection`, whose
state (the meeting shown, the edits, the busy flag, the line) it uses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from ...core.minutes_text import reopen_minutes
from .. import messages
from ..worker import run_in_background
from .minutes_dialogs import ReasonDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_minutes", text)  # the section's own context


class MinutesIssue:
    """Issue and reopen; the section gives ``detail``, ``edits``, ``_busy``, ``host``,
    ``say``, ``update_buttons``, ``is_locked``, ``go_to`` and ``ask_end_before_issue``."""

    detail: Any
    edits: dict[str, str]
    _busy: bool
    host: Any

    def finalise(self) -> None:
        """Ask, then issue the minutes (number, stored PDF, SHA-256; the minutes locked)."""
        d = self.detail
        if d is None or self.is_locked() or self._busy:
            return
        if self.edits:
            self.host.last_dialog = messages.show_message(
                self,
                _tr("Chưa lưu"),
                _tr("Còn phần biên bản chưa lưu (dấu *): hãy lưu bản sửa trước khi ban hành."),
                warning=True,
            )
            return
        if self.ask_end_before_issue(self.finalise):
            return
        from ...documents import service  # the document engine loads when first needed

        # The core's question first (invitees not marked): its "Vẫn ban hành" is the answer to
        # the usual question too, and issues confirming it.
        question = service.issue_question(self.host.db, "minutes", d.id)
        if question is not None:
            meeting_id = d.id
            self.host.last_dialog = messages.ask_before_issue(
                self,
                question,
                lambda: self._issue(meeting_id, confirm_unmarked=True),
                lambda: self.go_to("attendance"),
            )
            return
        self.host.last_dialog = messages.confirm(
            self,
            _tr("Ban hành biên bản"),
            _tr(
                "Ban hành biên bản “{title}”?\n\nBiên bản sẽ được lấy số tiếp theo trong sổ "
                "đăng ký văn bản, lưu bản PDF chính thức (kèm mã SHA-256) và khóa lại; muốn "
                "sửa phải mở lại, có ghi lý do."
            ).format(title=d.title),
            lambda: self._issue(d.id),
            yes_text=_tr("Ban hành"),
        )

    def _issue(self, meeting_id: int, *, confirm_unmarked: bool = False) -> None:
        from ...documents import service  # the document engine loads when first needed

        db = self.host.db
        self._busy = True
        self.update_buttons()
        self.say(_tr("Đang ban hành biên bản…"))

        def done(rec: Any) -> None:
            self._busy = False
            self.say(
                _tr("Đã ban hành biên bản số {symbol}; SHA-256 {sha}.").format(
                    symbol=rec.symbol, sha=rec.sha256
                )
            )
            self.host.after_save(meeting_id)

        def failed(exc: Exception) -> None:
            self._busy = False
            self.update_buttons()
            self.say(_tr("Chưa ban hành được."), error=True)
            self.host.last_dialog = messages.show_error(self, exc)

        run_in_background(
            lambda _r: service.issue(
                db, "minutes", meeting_id, confirm_unmarked=confirm_unmarked
            ),
            on_success=done,
            on_failure=failed,
        )

    def reopen(self) -> None:
        d = self.detail
        if d is None or not self.is_locked() or d.minutes is None:
            return
        version = d.minutes.version

        def do(reason: str) -> None:
            reopen_minutes(self.host.db, d.id, reason, expected_version=version)
            self.say(_tr("Đã mở lại biên bản để sửa."))
            self.host.after_save(d.id)

        dialog = ReasonDialog(self, do)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else kept in the section
        self.host.last_dialog = dialog
        dialog.open()
