"""The import preview: every row of the file with its problems; nothing is written until
"Nhập" — which stays disabled while any row has a problem.

A warning (``ImportRow.warnings``: a second holder of one position in one unit) is not a
problem: the row is tinted amber, the warning is read in the same column and listed in the
summary, and "Nhập" stays enabled — importing with the warnings in view is the confirmation.
So is a column of the file that nothing reads (``ImportPreview.column_warning``), in the
summary above the row warnings.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import roster_io
from ...core.db import Database
from ...core.errors import BcdError, ValidationError
from ...core.read_scope import reading
from ...core.text import short_date
from .. import io_actions, view_state
from ..dialog_base import Dialog
from ..forms import ERROR_STYLE, DateField
from ..search_proxy import SearchProxy
from ..table_model import ROW_ROLE, Column, RowTableModel

_WARNING_COLOUR = QColor(255, 243, 205)  # amber: look before importing, not an error
_WARNINGS_LISTED = 5  # in the summary; the rest are in the table


class _PreviewModel(RowTableModel):
    """The rows, red where there are problems (the base's ``flagged``), amber where there
    are only warnings."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        value = super().data(index, role)
        if role == Qt.ItemDataRole.BackgroundRole and value is None and index.isValid():
            row = index.data(ROW_ROLE)
            if row is not None and row.warnings:
                return _WARNING_COLOUR
        return value


def _notes(row: roster_io.ImportRow) -> list[str]:
    """Problems first (they block the import), then warnings; each is a sentence."""
    return [*row.problems, *row.warnings]


def _tr(text: str) -> str:
    return QCoreApplication.translate("import_dialog", text)


def _start(row: roster_io.ImportRow) -> str:
    if row.start_date is not None:
        return short_date(row.start_date)
    return _tr("chưa có") if row.role else ""  # the date chosen below the table


def _decision(row: roster_io.ImportRow) -> str:
    if row.decision_number and row.decision_date:
        return _tr("{number} ngày {day}").format(
            number=row.decision_number, day=short_date(row.decision_date)
        )
    return row.decision_number


# On a worker thread (the read scope is the thread's own: marked here): the file is read and
# checked against the data, nothing written, so a refusal says the data was not read.
@reading()
def read_preview(db: Database, path: str | Path) -> roster_io.ImportPreview:
    """The rows of the roster file ``path`` and their problems, checked against ``db``."""
    return roster_io.preview_import(db, path)


class ImportPreviewDialog(Dialog):
    """Shows an :class:`ImportPreview`; ``applied(count)`` once the rows are written."""

    applied = Signal(int)

    def __init__(
        self,
        db: Database,
        preview: roster_io.ImportPreview,
        path: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("Nhập danh sách — {name}").format(name=Path(path).name))
        self.db, self.path, self.preview = db, path, preview
        self._busy = False  # a file being read again or written
        columns = [
            Column("line", self.tr("Dòng"), 50, align_right=True),
            Column("full_name", self.tr("Họ và tên"), 170),
            Column(
                "problems",
                self.tr("Vấn đề"),
                330,
                value=lambda r: " ".join(_notes(r)),
                tooltip=lambda r: "\n".join(_notes(r)),
            ),
            # Whom the row is: a person already recorded, another term of an earlier row's, or
            # someone new; what the import does to the record, to be read before "Nhập".
            # Wide enough for "đã có, ID người 1234" whole (125 px of text at 9 pt); a longer
            # label ("…; nhiệm kỳ đã có") is elided, whole in its tooltip.
            Column("person_label", self.tr("Người"), 140),
            Column("honorific_label", self.tr("Giới tính"), 70),
            Column("position", self.tr("Chức vụ"), 150),
            Column(
                "unit",
                self.tr("Cơ quan"),
                210,
                value=lambda r: r.unit + (self.tr(" (mới)") if r.creates_unit else ""),
            ),
            Column("role_label", self.tr("Vai trò"), 130),
            Column("field", self.tr("Lĩnh vực"), 150),
            Column("area", self.tr("Địa bàn"), 120),
            Column("phone", self.tr("Điện thoại"), 110),
            Column("email", self.tr("Thư điện tử"), 170),
            Column("decision_number", self.tr("Quyết định"), 170, value=_decision),
            Column("start_date", self.tr("Từ ngày"), 90, value=_start),
            # An ended term (an export of every term): imported as ended, and shown so.
            Column(
                "end_date",
                self.tr("Đến ngày"),
                90,
                value=lambda r: short_date(r.end_date) if r.end_date else "",
            ),
        ]
        self.model = _PreviewModel(columns, self, flagged=lambda r: bool(r.problems))
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setObjectName("importTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(columns):
            self.view.setColumnWidth(i, col.width)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("importError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        # Each row starts on its own "Từ ngày" or decision date; this date is only for the
        # rows that give neither, and it starts empty: a default (today) would start them on
        # a day nobody chose, after the meetings they have already held.
        self.start_date = DateField("start_date", self.tr("Ngày bắt đầu"), self)
        self.start_date.setObjectName("field_start_date")
        self.start_box = QWidget(self)
        box = QVBoxLayout(self.start_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.start_label = QLabel(self.start_box)  # which rows, set with each preview
        self.start_label.setObjectName("undatedLabel")
        self.start_label.setWordWrap(True)
        start_line = QHBoxLayout()
        # A fixed text: the dialog gives it its Alt letter once.
        start_buddy = QLabel(self.tr("Các dòng này làm thành viên từ ngày"), self.start_box)
        start_buddy.setBuddy(self.start_date)
        start_line.addWidget(start_buddy)
        start_line.addWidget(self.start_date)
        start_line.addStretch(1)
        box.addWidget(self.start_label)
        box.addLayout(start_line)

        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            self.tr("Nhập"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("applyButton")
        self.recheck_button = QPushButton(self.tr("Kiểm tra lại tệp"), self)
        self.recheck_button.setObjectName("recheckButton")
        self.recheck_button.setToolTip(self.tr("Sau khi sửa tệp trong Excel, đọc lại tệp"))
        self.buttons.addButton(self.recheck_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.recheck_button.clicked.connect(self.recheck)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.start_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(1100, 560)
        view_state.restore_geometry("dialog-import", self)
        self.set_preview(preview)

    def set_preview(self, preview: roster_io.ImportPreview) -> None:
        self.preview = preview
        self.model.set_rows(preview.rows)
        if len(preview.rows) <= 500:  # wrapped problems readable in place (cheap on a roster)
            self.model.show_all()
            self.view.resizeRowsToContents()
        n, bad = len(preview.rows), preview.errors
        text = self.tr("{n} dòng đọc được, {m} dòng có bổ nhiệm vào Ban Chỉ đạo.").format(
            n=n, m=preview.memberships
        )
        if preview.unchanged:  # an export imported back: nothing to add for these
            text += " " + escape(
                self.tr("{k} dòng có nhiệm kỳ đã có trong dữ liệu: giữ nguyên, không thêm.").format(
                    k=preview.unchanged
                )
            )
        if preview.renamed:  # a key given under another name: the person is renamed (warnings)
            text += " " + escape(
                self.tr("{k} người đổi họ tên theo tệp (xem cảnh báo).").format(k=preview.renamed)
            )
        known = preview.people - preview.new_people
        if known:  # said, so that nobody expects them added again (column "Người")
            text += " " + escape(
                self.tr(
                    "{k} người đã có trong dữ liệu (cột “Người”), {new} người mới."
                ).format(k=known, new=preview.new_people)
            )
        ended = sum(
            1 for r in preview.rows if r.role and r.end_date is not None and not r.unchanged
        )
        if ended:  # former members: not to be mistaken for today's roster
            text += " " + escape(
                self.tr(
                    "Trong đó {k} nhiệm kỳ đã kết thúc (có “Đến ngày”), nhập là thành viên cũ."
                ).format(k=ended)
            )
        if bad:
            text += (
                " <b style='color:#b71c1c'>"
                + escape(
                    self.tr(
                        "{bad} dòng có lỗi (tô đỏ): sửa tệp rồi bấm “Kiểm tra lại tệp”. "
                        "Chưa ghi gì vào dữ liệu."
                    ).format(bad=bad)
                )
                + "</b>"
            )
        elif preview.undated:
            # Not "press Nhập" while the date below is still wanted: say what is left to do.
            text += " " + escape(
                self.tr(
                    "Không có lỗi; còn cần chọn ngày bắt đầu cho {k} dòng chưa có ngày (bên "
                    "dưới), rồi bấm “Nhập” để ghi tất cả trong một lần."
                ).format(k=len(preview.undated))
            )
        else:
            text += " " + escape(self.tr("Không có lỗi: bấm “Nhập” để ghi tất cả trong một lần."))
        if preview.column_warning:
            # Above the row warnings: it concerns every row, and a column left out is data lost.
            text += "<br><b style='color:#8a5a00'>" + escape(preview.column_warning) + "</b>"
        warnings = preview.warnings
        if warnings:
            listed = [
                self.tr("Dòng {line}: {text}").format(line=line, text=text)
                for line, text in warnings[:_WARNINGS_LISTED]
            ]
            if len(warnings) > _WARNINGS_LISTED:
                listed.append(
                    self.tr("… và {k} cảnh báo khác (tô vàng trong bảng).").format(
                        k=len(warnings) - _WARNINGS_LISTED
                    )
                )
            text += (
                "<br><b style='color:#8a5a00'>"
                + escape(
                    self.tr(
                        "{k} cảnh báo (tô vàng): nên xem lại trước khi nhập; "
                        "không phải lỗi, vẫn nhập được."
                    ).format(k=len(warnings))
                )
                + "</b><br>"
                + "<br>".join(escape(line) for line in listed)
            )
        if preview.new_units:
            text += "<br>" + escape(
                self.tr("Sẽ tạo {k} cơ quan, đơn vị mới: {names}.").format(
                    k=len(preview.new_units), names=", ".join(preview.new_units)
                )
            )
        self.summary.setText(text)
        undated = preview.undated
        self.start_box.setVisible(bool(undated))
        if undated:
            lines = ", ".join(str(n) for n in undated[:10]) + ("…" if len(undated) > 10 else "")
            self.start_label.setText(
                self.tr(
                    "{k} dòng có vai trò nhưng không ghi “Từ ngày” hay ngày quyết định "
                    "(dòng {lines}): hãy chọn ngày bắt đầu cho các dòng này."
                ).format(k=len(undated), lines=lines)
            )
        self.apply_button.setEnabled(preview.ok)
        self.error.setVisible(False)
        self.show_first_problem()

    def first_problem(self) -> QModelIndex | None:
        """The first row in red (an error), else in amber (a warning), as the table is sorted."""
        for wanted in (lambda r: bool(r.problems), lambda r: bool(r.warnings)):
            for i in range(self.proxy.rowCount()):
                index = self.proxy.index(i, 0)
                row = index.data(ROW_ROLE)
                if row is not None and wanted(row):
                    return index
        return None

    def show_first_problem(self) -> None:
        """Select the first row to fix and bring it on screen: the summary names "Dòng 23",
        the table otherwise opens on its first rows. Again once shown, the table's height
        known (a scroll before that goes by its default size)."""
        index = self.first_problem()
        if index is None:
            return
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.show_first_problem)

    def recheck(self) -> None:
        self._run(
            self.tr("Đang đọc lại tệp…"),
            lambda _report: read_preview(self.db, self.path),
            on_done=self.set_preview,
        )

    def _run(self, label: str, work: Any, *, on_done: Any) -> None:
        """Run ``work`` behind the progress dialog, one at a time (its buttons are off until it
        ends); the dialog stays open until then (see :meth:`reject`)."""
        if self._busy:
            return
        self._set_busy(True)

        def done(result: Any) -> None:
            self._set_busy(False)
            on_done(result)

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            self._show_error(exc)

        io_actions.run_job(self, label, work, on_done=done, on_error=failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.recheck_button.setEnabled(not busy)
        self.apply_button.setEnabled(not busy and self.preview.ok)

    def reject(self) -> None:
        """Esc, Hủy or the window's close, refused while the file is read or written: the rows
        are written all the same, and the dialog, gone, could neither say so nor refresh the
        list (its progress and its result reached deleted widgets)."""
        if self._busy:
            self.error.setText(self.tr("Đang xử lý tệp, xin chờ xong."))
            self.error.setVisible(True)
            return
        super().reject()

    def apply(self) -> None:
        if not self.preview.ok:
            return
        try:
            start = self.start_date.value() if self.preview.undated else None
        except ValidationError as exc:
            self._show_error(exc)
            return
        preview = self.preview
        # An empty date with undated rows is refused by the core, naming them.
        self._run(
            self.tr("Đang ghi {n} dòng…").format(n=len(preview.rows)),
            lambda _report: roster_io.apply_import(self.db, preview, default_start=start),
            on_done=self._applied,
        )

    def _applied(self, count: int) -> None:
        self.applied.emit(count)
        self.accept()

    def _show_error(self, exc: Exception) -> None:
        self.error.setText(exc.message if isinstance(exc, BcdError) else str(exc))
        self.error.setVisible(True)
        self.apply_button.setEnabled(self.preview.ok)

    def done(self, result: int) -> None:
        view_state.save_geometry("dialog-import", self)
        super().done(result)
