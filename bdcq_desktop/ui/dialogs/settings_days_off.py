"""The "Ngày nghỉ" tab of Thiết lập: the days-off calendar every working-day count reads.

Each year the government announces the days off of public servants (Tết Nguyên đán and Giỗ Tổ
by the lunar calendar, the swaps, a Saturday worked in exchange); the officer copies them in
here. Unlike the other tabs, adding or removing a day is saved at once (one core call each):
the list is a register of dates, not a form whose fields are saved together, and "Hủy" of the
dialog does not undo it (the tab says so). Enter in the "Thêm một ngày" form adds the day
(from "Ngày" with no name yet, it moves on to the name): it never reaches the dialog's "Lưu",
which would close Thiết lập with the day typed lost.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import days_off
from ...core.db import Database
from ...core.errors import BcdError, ValidationError
from ...core.labels import choices as vocabulary
from ...core.models import DayOffKind
from ...core.read_scope import reading
from .. import messages
from ..forms import CHOICE, DATE, FieldSpec, FormWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("settings_days_off", text)


class DaysOffPanel(QWidget):
    """The calendar by date (this year's first row in view), a row to add one, a remove."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("daysOffPanel")
        self.rows: list[days_off.DayOffRow] = []
        self._top = -1  # the row brought to the top: this year's first day
        note = QLabel(
            _tr(
                "Ngày nghỉ lễ, Tết và ngày nghỉ bù trong tuần, ngày làm bù vào thứ Bảy, Chủ "
                "nhật, theo thông báo nghỉ lễ, Tết hằng năm của Chính phủ. Số ngày làm việc "
                "của phiên làm việc Tổ công tác, điểm danh và ngày công tính theo lịch này."
                "<br><b>Mỗi ngày thêm hoặc xóa được lưu ngay vào lịch, không chờ nút Lưu; Hủy "
                "không hoàn lại.</b>"
            ),
            self,
        )
        note.setObjectName("daysOffNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("daysOffTable")
        self.table.setHorizontalHeaderLabels(
            [_tr("Ngày"), _tr("Thứ"), _tr("Tên ngày nghỉ"), _tr("Loại")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 100)
        self.table.setColumnWidth(1, 80)
        self.table.setColumnWidth(3, 110)
        self.remove_button = QPushButton(_tr("Xóa ngày đã chọn…"), self)
        self.remove_button.setObjectName("removeDayOff")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda _c=False: self.ask_remove())
        self.form = FormWidget(
            [
                FieldSpec("day", _tr("Ngày"), DATE, required=True),
                FieldSpec(
                    "name",
                    _tr("Tên ngày nghỉ"),
                    required=True,
                    placeholder=_tr("Ví dụ: Tết Nguyên đán Mậu Thân"),
                ),
                FieldSpec(
                    "kind",
                    _tr("Loại ngày"),
                    CHOICE,
                    lambda: [(k.value, text) for k, text in vocabulary(DayOffKind)],
                    allow_empty=False,
                    help=_tr(
                        "Ngày nghỉ: ngày thường được nghỉ. Ngày làm bù: thứ Bảy, Chủ nhật đi "
                        "làm bù cho một ngày nghỉ."
                    ),
                ),
            ],
            self,
        )
        self.form.setObjectName("dayOffForm")
        self.add_button = QPushButton(_tr("Thêm vào lịch"), self)
        self.add_button.setObjectName("addDayOff")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda _c=False: self.add())
        self.day_edit: QLineEdit = self.form.editor("day").edit  # type: ignore[attr-defined]
        self.name_edit: QLineEdit = self.form.editor("name")  # type: ignore[assignment]
        for editor in (self.day_edit, self.name_edit, self.form.editor("kind")):
            editor.installEventFilter(self)
        self.status = QLabel(self)
        self.status.setObjectName("daysOffStatus")
        self.status.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>" + _tr("Thêm một ngày") + "</b>", self))
        right.addWidget(self.form)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        right.addLayout(add_row)
        right.addWidget(self.status)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addSpacing(16)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(note)
        layout.addLayout(body, 1)
        self.reload()

    # -- the list ----------------------------------------------------------------------------
    # Also read right after a day is added or removed: refused then, the day is saved and the
    # refusal must say the list was not read, not "chưa lưu được gì".
    @reading()
    def reload(self, keep: date | None = None) -> None:
        """Read the calendar again; select ``keep`` (the day just added), else bring this
        year into view."""
        self.rows = days_off.list_days_off(self.db)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            cells = (f"{r.day:%d/%m/%Y}", r.weekday, r.name, r.kind_label)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col < 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, col, item)
        wanted = keep or date(date.today().year, 1, 1)
        row = next((i for i, r in enumerate(self.rows) if r.day >= wanted), len(self.rows) - 1)
        self._top = row
        if row >= 0:
            if keep is not None:
                # Not selectRow: it reads the keyboard's modifiers and toggles under Ctrl.
                self.table.setCurrentCell(row, 0)
                self.table.selectionModel().select(
                    self.table.model().index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            self.table.scrollToItem(
                self.table.item(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Scrolled once laid out: before, the table has no height to scroll in.
        if self._top >= 0:
            self.table.scrollToItem(
                self.table.item(self._top, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )

    def selected(self) -> days_off.DayOffRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Taken before the field passes Enter on to the dialog, whose default button is "Lưu".
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            if watched is self.day_edit and not self.name_edit.text().strip():
                self.name_edit.setFocus(Qt.FocusReason.TabFocusReason)
            elif self.add():
                self.day_edit.setFocus(Qt.FocusReason.TabFocusReason)  # the next day
            return True
        return super().eventFilter(watched, event)

    # -- the actions -------------------------------------------------------------------------
    def add(self) -> bool:
        """Add the day typed in: one core call; a refusal is shown at its field."""
        self.form.clear_errors()
        self.status.clear()
        try:
            values = self.form.values()
            row = days_off.add_day_off(self.db, values["day"], values["name"], values["kind"])
        except ValidationError as exc:
            if not self.form.show_error(exc.field, exc.message):
                self._say(exc.message, error=True)
            return False
        except BcdError as exc:
            self._say(exc.message, error=True)
            return False
        self.form.set_values({"day": None, "name": ""})
        self.reload(keep=row.day)
        self._say(_tr("Đã thêm {day}: {name}.").format(day=f"{row.day:%d/%m/%Y}", name=row.name))
        return True

    def ask_remove(self) -> None:
        row = self.selected()
        if row is None:
            self._say(_tr("Chọn một ngày trong danh sách để xóa."), error=True)
            return
        messages.confirm(
            self,
            _tr("Xóa ngày khỏi lịch"),
            _tr("Xóa {day} ({name}) khỏi lịch ngày nghỉ? Số ngày làm việc sẽ tính lại.").format(
                day=f"{row.day:%d/%m/%Y}", name=row.name
            ),
            lambda: self.remove(row.day),
            yes_text=_tr("Xóa"),
            destructive=True,
        )

    def remove(self, day: date) -> bool:
        self.status.clear()
        try:
            row = days_off.remove_day_off(self.db, day)
        except BcdError as exc:
            self._say(exc.message, error=True)
            self.reload()
            return False
        self.reload(keep=day)
        self.table.clearSelection()
        self._say(_tr("Đã xóa {day}: {name}.").format(day=f"{row.day:%d/%m/%Y}", name=row.name))
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #c62828;" if error else "color: #2e7d32;")
        self.status.setText(text)
