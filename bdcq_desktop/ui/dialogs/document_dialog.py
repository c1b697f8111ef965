"""The document dialog: choose a kind, preview its pages, issue it, open it, save it.

Everything slow (building the PDF, rendering its pages to images, issuing through the register)
runs through :func:`..worker.run_in_background`; results and errors come back on the GUI thread
and an error is shown as the core's Vietnamese message, never as a traceback. The pages are
rendered and shown by :mod:`..pdf_preview`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core import register
from ...core.db import Database
from ...core.errors import BcdError
from ...documents import service
from ...documents.file_names import document_file_name
from ...documents.layout import BuildCancelled
from .. import io_actions, messages, view_state
from ..dialog_base import Dialog
from ..document_files import pdf_target, temporary_copy, write_whole
from ..help_key import add_help_key
from ..messages import error_text, tell_restored
from ..pdf_preview import PreviewArea
from ..record_view import REFUSAL_STYLE
from ..worker import run_in_background
from .document_issue import IssueFlow
from .document_jobs import Result, Wanted, build_preview, check_kinds
from .document_period import add_period_row
from .signer_combo import SignerCombo

# The size the dialog opens at when the screen has room (a page preview at a readable size).
PREFERRED_SIZE = QSize(860, 900)
_SIZE_KEY = "documentDialog/size"


def _tr(text: str) -> str:
    return QCoreApplication.translate("document_dialog", text)


def _record_name(record_type: str) -> str:
    names = {
        "meeting": _tr("Cuộc họp"),
        "session": _tr("Phiên làm việc của Tổ công tác"),
        "round": _tr("Đợt báo cáo"),
        "unit": _tr("Cơ quan, đơn vị"),
    }
    return names.get(record_type, record_type)


def _symbol_text(rec: register.IssuedRecord) -> str:
    return _tr("số {symbol} ngày {day}").format(symbol=rec.symbol, day=f"{rec.issued_on:%d/%m/%Y}")


# --- the dialog --------------------------------------------------------------------------------


class DocumentDialog(IssueFlow, Dialog):
    """Documents of one record (``record_type`` "meeting", "session", "round") or of the whole
    database (``record_type`` None).

    ``preview_ready(pages)`` fires when a preview is shown (0 pages: text only), ``failed(text)``
    when building or issuing failed (the message has been shown), ``issued(record)`` after an
    issue, ``saved(path)`` after "Lưu thành…".
    """

    preview_ready = Signal(int)
    failed = Signal(str)
    issued = Signal(object)
    saved = Signal(str)

    def __init__(
        self,
        db: Database,
        record_type: str | None = None,
        record_id: int | None = None,
        record_label: str = "",
        *,
        kind: str | None = None,
        today: date | None = None,
        listed: tuple[Mapping[str, object], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.record_type = record_type
        self.record_id = record_id
        self.today = today
        self.setObjectName("documentDialog")
        add_help_key(self, "van-ban")  # F1: issuing and numbering (Decree 30)
        self.setWindowTitle(self.tr("Văn bản"))
        # Read by the build in its thread (not the dialog itself, which may be gone by then):
        # a preview no longer wanted stops at its next page (documents.layout.cancellable).
        self._wanted = Wanted()
        self._busy = False
        self._issuing = False  # an issue under way: the dialog stays open until it ends
        self._pdf: bytes | None = None
        self._issued: register.IssuedRecord | None = None
        self._kinds = self._available_kinds()
        self._unavailable: dict[str, str] = {}
        self.last_question: QMessageBox | None = None  # the core's question before issuing

        heading = QLabel(self._record_text(record_label), self)
        heading.setObjectName("recordLabel")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        record_kinds = [k for k in self._kinds if k.record_type is not None]
        for k in record_kinds:
            self.kind_combo.addItem(k.label, k.name)
        database_kinds = [k for k in self._kinds if k.record_type is None]
        if record_kinds and database_kinds:
            self.kind_combo.insertSeparator(self.kind_combo.count())
        for k in database_kinds:
            # The tasks report covers the period chosen in "Kỳ báo cáo", not the whole data.
            whole = "period" not in k.options
            text = self.tr("{label} (toàn bộ dữ liệu)").format(label=k.label) if whole else k.label
            self.kind_combo.addItem(text, k.name)

        self.draft_check = QCheckBox(self.tr("Xem bản dự thảo theo dữ liệu hiện tại"), self)
        self.draft_check.setObjectName("draftCheck")
        self.draft_check.setToolTip(
            self.tr("Văn bản đã ban hành được giữ nguyên bản lưu; bản dự thảo không có số.")
        )
        self.draft_check.setVisible(False)

        self.signer_combo = SignerCombo(self)

        self.status = QLabel(self)
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("Loại văn bản:"), self.kind_combo)
        form.addRow("", self.draft_check)
        form.addRow(self.tr("Người ký:"), self.signer_combo)
        self.period_combo = add_period_row(self, form, today, listed)  # the tasks report's

        self.preview = PreviewArea(self)
        self.pages = self.preview.pages  # the column of page images

        self.issue_button = QPushButton(self.tr("&Ban hành…"), self)
        self.issue_button.setObjectName("issueButton")
        self.issue_button.setToolTip(
            self.tr("Lấy số tiếp theo trong sổ đăng ký văn bản và lưu bản chính thức")
        )
        self.open_button = QPushButton(self.tr("&Mở bằng trình xem"), self)
        self.open_button.setObjectName("openButton")
        self.save_button = QPushButton(self.tr("&Lưu thành…"), self)
        self.save_button.setObjectName("saveButton")
        close_button = self.close_button = QPushButton(self.tr("Đóng"), self)
        close_button.setObjectName("closeButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.make_issue_note(), 1)  # why it is not offered, when it is not
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)

        # Only the preview scrolls: the buttons stay at the bottom edge at any height.
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.preview.setMinimumHeight(120)
        self.fit_to_screen()

        self.issue_button.clicked.connect(self.issue)
        self.open_button.clicked.connect(self.open_in_viewer)
        self.save_button.clicked.connect(self.save_as)
        close_button.clicked.connect(self.reject)
        self.draft_check.toggled.connect(self.refresh)
        self.signer_combo.chosen.connect(self.refresh)

        if kind is not None:
            self.select_kind(kind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._update_buttons()
        if self.kind_combo.count():
            self._check_kinds(requested=kind)
        else:
            self.status.setText(self.tr("Không có loại văn bản nào cho mục này."))

    # -- size ----------------------------------------------------------------------------------
    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Open at the remembered (else preferred) size, shrunk to the screen's free area
        (``available``: the screen's, without the task bar) and centred on it."""
        if available is None:
            screen = self.parentWidget().screen() if self.parentWidget() else self.screen()
            screen = screen or QGuiApplication.primaryScreen()
            available = screen.availableGeometry()
        wanted = view_state.value(_SIZE_KEY)
        size = wanted if isinstance(wanted, QSize) and wanted.isValid() else PREFERRED_SIZE
        # Leave room for the window frame and title bar, which the size does not include.
        width = max(min(size.width(), available.width() - 16), 480)
        height = max(min(size.height(), available.height() - 40), 360)
        self.resize(width, height)
        left = available.x() + (available.width() - width) // 2
        top = available.y() + max((available.height() - height - 30) // 2, 0)
        self.move(left, top)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._refused_while_issuing():
            event.ignore()
            return
        self._remember_size()
        self._wanted.closed = True
        super().closeEvent(event)

    def reject(self) -> None:
        if not self._refused_while_issuing():
            super().reject()

    def done(self, result: int) -> None:
        self._remember_size()
        self._wanted.closed = True
        super().done(result)

    def _remember_size(self) -> None:
        if self.isVisible() and not self.isMaximized():
            view_state.save_value(_SIZE_KEY, self.size())

    # -- kinds ---------------------------------------------------------------------------------
    def _available_kinds(self) -> list[service.DocumentKind]:
        try:
            kinds = service.kinds_for(self.record_type) if self.record_type else []
            return kinds + service.kinds_for(None)
        except Exception as exc:  # a broken document module must not take the window down
            QMessageBox.warning(self, self.tr("Văn bản"), error_text(exc))
            return []

    def _record_text(self, label: str) -> str:
        if self.record_type is None:
            return self.tr("Văn bản tổng hợp")  # of a period, or whole: the kind list says
        name = _record_name(self.record_type)
        return f"{name}: {label}" if label else name

    def kind_names(self) -> list[str]:
        return [
            self.kind_combo.itemData(i)
            for i in range(self.kind_combo.count())
            if self.kind_combo.itemData(i)
        ]

    def current_kind(self) -> service.DocumentKind | None:
        name = self.kind_combo.currentData()
        return next((k for k in self._kinds if k.name == name), None)

    def select_kind(self, name: str) -> bool:
        index = self.kind_combo.findData(name)
        if index < 0:
            return False
        self.kind_combo.setCurrentIndex(index)
        return True

    def _check_kinds(self, requested: str | None) -> None:
        """Find in the background which kinds can be made; then disable the others (their
        reason as tooltip), open on the kind that fits the record's stage unless one was
        asked for, and preview it."""
        record_type, record_id, today, db = self.record_type, self.record_id, self.today, self.db
        self._set_busy(True, self.tr("Đang kiểm tra các văn bản lập được…"))

        def work(_report: Callable[[int, str], None]) -> tuple[dict[str, str], str | None]:
            return check_kinds(db, record_type, record_id, today)

        # The callbacks below are closures, not slots of the dialog: closed (and so deleted)
        # before the check ended, it is not disconnected from them, and its widgets are gone.
        def checked(result: tuple[dict[str, str], str | None]) -> None:
            if self._wanted.closed:
                return
            blocked, suggestion = result
            self.set_unavailable(blocked)
            if requested is None and suggestion is not None:
                self.kind_combo.blockSignals(True)
                self.select_kind(suggestion)
                self.kind_combo.blockSignals(False)
            self.refresh()

        def failed(_exc: Exception) -> None:
            if not self._wanted.closed:
                self.refresh()  # every kind stays offered; the preview says what is wrong

        run_in_background(work, on_success=checked, on_failure=failed)

    def set_unavailable(self, reasons: dict[str, str]) -> None:
        """Disable the kinds that cannot be made now, with the reason as their tooltip."""
        self._unavailable = dict(reasons)
        model = self.kind_combo.model()
        if not isinstance(model, QStandardItemModel):
            return
        for i in range(self.kind_combo.count()):
            name = self.kind_combo.itemData(i)
            item = model.item(i)
            if not name or item is None:
                continue
            reason = reasons.get(name)
            item.setEnabled(reason is None)
            tip = self.tr("Chưa lập được: {reason}").format(reason=reason) if reason else ""
            item.setToolTip(tip)

    def unavailable_reason(self, name: str) -> str | None:
        return self._unavailable.get(name)

    def is_kind_enabled(self, name: str) -> bool:
        model = self.kind_combo.model()
        index = self.kind_combo.findData(name)
        item = model.item(index) if isinstance(model, QStandardItemModel) and index >= 0 else None
        return item is not None and item.isEnabled()

    def _record_for(self, kind: service.DocumentKind) -> int | None:
        # A whole-database kind is registered under no record, whichever record is selected.
        return self.record_id if kind.record_type is not None else None

    def _on_kind_changed(self, _index: int) -> None:
        self.draft_check.blockSignals(True)
        self.draft_check.setChecked(False)
        self.draft_check.blockSignals(False)
        self.signer_combo.reset()  # another kind: its own signers, the settings' first
        self.refresh()

    # -- preview -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Build the current kind's preview in the background."""
        kind = self.current_kind()
        if kind is None:
            return
        self.show_period()
        self._wanted.generation += 1
        generation, record_id = self._wanted.generation, self._record_for(kind)
        want_draft, today, db = self.draft_check.isChecked(), self.today, self.db
        signer_id, options = self.signer_combo.signer_id(), self.kind_options(kind)
        self._set_busy(True, self.tr("Đang dựng bản xem trước…"))
        wanted = self._wanted

        def unwanted() -> bool:
            return wanted.closed or wanted.generation != generation

        def work(_report: Callable[[int, str], None]) -> Result:
            return build_preview(
                db, kind.name, record_id, generation, want_draft, today, unwanted, signer_id,
                options,
            )

        run_in_background(work, on_success=self._on_result, on_failure=self._failure(generation))

    def _failure(self, generation: int) -> Callable[[Exception], None]:
        def failed(exc: Exception) -> None:
            if isinstance(exc, BuildCancelled) or self._wanted.closed:
                return  # nobody waits for it: the dialog closed, or shows another kind
            if generation != self._wanted.generation:
                return  # the user has moved on to another kind
            self._pdf, self._issued = None, None
            text = error_text(exc)
            self.preview.show_error(text)
            self._set_busy(False, self.tr("Không tạo được văn bản."), error=True)
            # Not blocking, as the "Đã ban hành" box below: this runs in the background job's
            # callback, and a blocking box's nested event loop let the dialog be closed and
            # deleted under it (the application aborted, "double free or corruption").
            box = messages.show_message(
                self, self.tr("Không tạo được văn bản"), text, warning=True
            )
            box.setObjectName("buildFailedBox")
            self.failed.emit(text)

        return failed

    def _on_result(self, result: Result) -> None:
        if result.generation != self._wanted.generation:
            return
        self._issuing = False
        self._pdf, self._issued = result.pdf, result.issued
        self.preview.show_preview(result.preview)
        self.draft_check.setVisible(result.issued is not None)
        if result.from_store and result.issued is not None:
            self.signer_combo.show_issued(result.issued.signer)
        else:
            self.signer_combo.set_choices(result.signers, result.signer_id)
        if result.issued is not None and result.from_store:
            status = self.tr("Đã ban hành {symbol}. Đang xem bản lưu (đã kiểm tra SHA-256).")
        elif result.issued is not None:
            status = self.tr("Đã ban hành {symbol}. Đang xem bản dự thảo theo dữ liệu hiện tại.")
        else:
            status = self.tr("Chưa ban hành. Đang xem bản dự thảo (số và ngày để trống).")
        pages = len(result.preview.images)
        status = status.format(symbol=_symbol_text(result.issued) if result.issued else "")
        status += " " + self.tr("{n} trang.").format(n=result.preview.total or pages or "?")
        refused = result.signers.refused if result.signers is not None else ""
        if refused and not result.from_store:  # said on screen, not only in the list's tooltip
            status += "\n" + self.tr("{why} Bản dự thảo đang do {who} ký.").format(
                why=refused, who=self.signer_combo.currentText()
            )
        self._set_busy(False, status)
        if result.restored is not None:
            tell_restored(self, result.restored)
        if result.just_issued and result.issued is not None:
            self.issued.emit(result.issued)
            # Not blocking, as every notice of the window (ui/messages.py): a blocking box ran
            # a nested event loop inside this slot, and the dialog closed under it (Đóng
            # clicked with the box still up) took the box with it: a double free, the
            # application aborted.
            box = messages.show_message(
                self,
                self.tr("Đã ban hành"),
                self.tr("Đã ban hành văn bản {symbol}.").format(symbol=_symbol_text(result.issued)),
            )
            box.setObjectName("issuedBox")
        self.preview_ready.emit(pages)

    def page_count(self) -> int:
        return self.preview.page_count()

    # -- actions -------------------------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str, *, error: bool = False) -> None:
        """``error``: ``text`` says what was refused, in red as every refusal is said."""
        self._busy = busy
        self.status.setStyleSheet(REFUSAL_STYLE if error else "")
        self.status.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = not self._busy and self._pdf is not None
        self.kind_combo.setEnabled(not self._busy)
        self.draft_check.setEnabled(not self._busy)
        self.period_combo.setEnabled(not self._busy)
        self.signer_combo.setEnabled(not self._busy and self.signer_combo.has_choice())
        self.issue_button.setEnabled(self.issuable(ready and self._issued is None))
        self.open_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.close_button.setEnabled(not self._issuing)  # see _refused_while_issuing

    def file_name(self) -> str:
        """The name "Lưu thành…" offers: the document's name, then its number or the day."""
        kind = self.current_kind()
        if kind is None:
            return "van-ban.pdf"
        issued = (
            self._issued if self._issued is not None and not self.draft_check.isChecked() else None
        )
        scope = self.scope_text(kind)  # the period or list of a tasks report
        return document_file_name(kind.name, issued, on=self.today, scope=scope)

    def save_as(self) -> None:
        if self._pdf is None:
            return
        path = io_actions.choose_save_path(
            self, self.tr("Lưu văn bản"), self.file_name(), self.tr("Tệp PDF (*.pdf)"), "documents"
        )
        if not path:
            return
        target = pdf_target(path)
        try:
            write_whole(target, self._pdf, self.db)
        except BcdError as exc:
            QMessageBox.warning(self, self.tr("Không lưu được"), exc.message)
            return
        except OSError as exc:
            text = self.tr("Không ghi được tệp {path}: {error}").format(
                path=target, error=exc.strerror or exc
            )
            QMessageBox.warning(self, self.tr("Không lưu được"), text)
            return
        self.status.setStyleSheet("")  # a refusal said before is over
        self.status.setText(self.tr("Đã lưu: {path}").format(path=target))
        self.saved.emit(str(target))

    def open_in_viewer(self) -> None:
        """Write a temporary copy and hand it to the system's PDF viewer."""
        if self._pdf is None:
            return
        try:
            name = temporary_copy(self._pdf, self.file_name())
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Không mở được"), str(exc.strerror or exc))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(name)):
            QMessageBox.warning(
                self,
                self.tr("Không mở được"),
                self.tr("Không có trình xem PDF. Tệp đã được ghi tại {path}").format(path=name),
            )
