"""The dialogs and files of the Biên bản section (:mod:`.meeting_minutes`): the reason asked
before reopening issued minutes, a revision shown read-only, the PDF and Word files written.
The document engine is imported when a file is first asked for, not while the window starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from ...core.minutes_text import RevisionRow
from .. import messages


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_minutes", text)


class ReasonDialog(QDialog):
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
    dialog = QDialog(parent)
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


def write_minutes_pdf(db: Database, meeting_id: int, path: str, issue_id: int | None) -> Path:
    """The issued copy (checked against its SHA-256) when the minutes are issued, or the one
    of ``issue_id`` (an earlier issue, superseded), otherwise a draft; never over the database."""
    from ...core import register
    from ...documents import service
    from ..document_files import pdf_target, write_whole

    target = pdf_target(path)
    if issue_id is not None:
        rec = next(r for r in register.list_issued(db) if r.id == issue_id)
        data = register.stored_copy(rec, db)
    else:
        rec = service.find_issued(db, "minutes", meeting_id)
        data = register.stored_copy(rec, db) if rec else service.draft(db, "minutes", meeting_id)
    write_whole(target, data, db)
    return target


def write_minutes_docx(db: Database, meeting_id: int, path: str) -> Path:
    from ...documents.minutes_docx import write_minutes_docx as write

    return write(db, meeting_id, path)
