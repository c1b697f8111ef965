"""Tệp › Văn bản › "Số đã cấp ngoài phần mềm…": the last number of each type the committee issued on
paper this year, before it used the application, so the register goes on after it.

One row per series of the year (:mod:`...documents.numbering`): its type, the register's last
number, the floor (the one column typed in, in place: a digit starts editing, Enter or an arrow
ends it) and the number the next document takes, worked out again as the officer types. "Lưu"
saves every changed row in one core call under the settings' version read on opening: when
another officer saved the settings meanwhile, the rows are read again with what was typed put
back on top, for the officer to check and save again.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.db import Database
from ...core.errors import BcdError, ConflictError, NumberFloorWarning, ValidationError
from ...core.read_scope import reading
from ...core.register import symbol
from ...documents import numbering as nb
from .. import messages, view_state
from ..dialog_base import Dialog
from ..setup_notice import visited_key

TYPE, LAST, FLOOR, NEXT = range(4)
EDITED = QColor("#fff8e1")  # the pale yellow of something to save (the setup notice's)
REFUSED = QColor("#ffebee")


def _tr(text: str) -> str:
    return QCoreApplication.translate("numbering_dialog", text)


class NumberingDialog(Dialog):
    """The year's series, the floor of each typed in place; :attr:`saved` once stored."""

    saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, year: int | None = None):
        super().__init__(parent)
        self.db = db
        self.year = year or date.today().year
        self.setObjectName("numberingDialog")
        self.setWindowTitle(_tr("Số đã cấp ngoài phần mềm"))
        self.data: nb.Numbering | None = None
        # The question a floor meeting numbers already issued asks (open until answered).
        self.question: QMessageBox | None = None
        note = QLabel(
            _tr(
                "Nếu năm {year} Ban Chỉ đạo đã ban hành văn bản trên giấy trước khi dùng phần "
                "mềm, ghi số cuối đã cấp của từng loại (ví dụ đã cấp đến 07/GM-BCĐ thì ghi 7). "
                "Văn bản tiếp theo lấy số sau số lớn hơn giữa số đó và số cuối trong sổ: số "
                "văn bản không trùng trong năm (Nghị định 30/2020, Điều 15). Để trống nếu không "
                "có; năm sau số lại bắt đầu từ 01."
            ).format(year=self.year),
            self,
        )
        note.setObjectName("numberingNote")
        note.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("numberingTable")
        self.table.setHorizontalHeaderLabels(
            [
                _tr("Loại văn bản"),
                _tr("Số cuối trong sổ"),
                _tr("Số cuối đã cấp ngoài phần mềm"),
                _tr("Số tiếp theo"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # A digit typed on the cell starts editing it, as in a spreadsheet; F2 and a double
        # click too.
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TYPE, QHeaderView.ResizeMode.Stretch)
        # Wide enough for their headings (bold while their column is current) at any font.
        bold = header.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for col in (LAST, FLOOR, NEXT):
            text = self.table.horizontalHeaderItem(col).text()
            self.table.setColumnWidth(col, max(120, metrics.horizontalAdvance(text) + 24))
        self.table.itemChanged.connect(self._typed)
        self.status = QLabel(self)
        self.status.setObjectName("numberingStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_tr("&Lưu"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Hủy"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(820, 420)
        self.load()
        view_state.save_value(visited_key(db), True)

    # -- the rows ------------------------------------------------------------------------------
    @reading()  # on opening, and again after another officer's save: only reads
    def load(self, typed: dict[str, str] | None = None) -> None:
        """Read the series (and the settings' version) again; ``typed``: the floors typed
        before, by series, put back on top."""
        self.data = nb.numbering(self.db, self.year)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.data.rows))
        for i, row in enumerate(self.data.rows):
            name = QTableWidgetItem(f"{row.type_name} ({row.type_abbr})")
            name.setToolTip(_tr("Dùng cho: {kinds}").format(kinds=row.kinds) if row.kinds else "")
            last = QTableWidgetItem(f"{row.last_issued:02d}" if row.last_issued else "—")
            last.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            floor = QTableWidgetItem(str(row.floor) if row.floor else "")
            floor.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            floor.setToolTip(_tr("Gõ số cuối đã cấp trên giấy; để trống nếu không có"))
            after = QTableWidgetItem(row.next_symbol)
            after.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            for item in (name, last, after):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            for col, item in ((TYPE, name), (LAST, last), (FLOOR, floor), (NEXT, after)):
                self.table.setItem(i, col, item)
        self.table.blockSignals(False)
        for abbr, text in (typed or {}).items():
            i = self._row_of(abbr)
            if i is not None:
                self.table.item(i, FLOOR).setText(text)  # marked and worked out by _typed
        if self.data.rows:
            self.table.setCurrentCell(0, FLOOR)

    def _row_of(self, abbr: str) -> int | None:
        rows = self.data.rows if self.data else ()
        return next((i for i, r in enumerate(rows) if r.type_abbr == abbr), None)

    def _typed(self, item: QTableWidgetItem) -> None:
        if item.column() != FLOOR or self.data is None:
            return
        row = self.data.rows[item.row()]
        text = item.text().strip()
        changed = text != (str(row.floor) if row.floor else "")
        self.table.blockSignals(True)
        item.setBackground(QBrush(EDITED) if changed else QBrush())
        floor = int(text) if text.isdigit() else 0
        after = max(row.last_issued, floor) + 1
        self.table.item(item.row(), NEXT).setText(symbol(after, row.type_abbr, self.data.body_abbr))
        self.table.blockSignals(False)

    def changes(self) -> dict[str, str]:
        """The floors typed that differ from those stored, by series."""
        out: dict[str, str] = {}
        for i, row in enumerate(self.data.rows if self.data else ()):
            text = self.table.item(i, FLOOR).text().strip()
            if text != (str(row.floor) if row.floor else ""):
                out[row.type_abbr] = text
        return out

    # -- saving --------------------------------------------------------------------------------
    def save(self, *, confirm_floor: bool = False) -> bool:
        """Every changed floor in one core call; a refusal names the type and stays open. A
        floor meeting numbers already issued is asked first (False until answered yes)."""
        assert self.data is not None
        # The cell being typed in hands its text over first (Lưu clicked mid-edit).
        self.table.setCurrentItem(None)
        typed = self.changes()
        if not typed:
            self.accept()
            return True
        try:
            nb.save_floors(
                self.db,
                self.year,
                typed,
                expected_version=self.data.version,
                confirm_floor=confirm_floor,
            )
        except NumberFloorWarning as exc:
            # The cursor back on the floor asked about (the first one the question names):
            # answered "Không", the officer corrects it there, not from a table with no
            # current cell (cleared above to take the typed text).
            named = [ln.partition(" ")[0] for ln in exc.message.splitlines()]
            self._cursor_to(next((a for a in typed if a in named), next(iter(typed))))
            # About numbers issued twice: Enter (and Esc) keep the floor unsaved.
            self.question = messages.confirm(
                self,
                _tr("Số trùng với số phần mềm đã cấp"),
                exc.message,
                lambda: self.save(confirm_floor=True),
                yes_text=_tr("Vẫn lưu"),
                destructive=True,
            )
            return False
        except ConflictError as exc:
            self.load(typed)
            self._say(
                exc.message
                + " "
                + _tr("Bảng đã được đọc lại, giữ số bạn vừa gõ: kiểm tra rồi bấm Lưu lần nữa.")
            )
            return False
        except ValidationError as exc:
            self._refused(exc)
            return False
        except BcdError as exc:
            self._say(exc.message)
            return False
        self.saved.emit()
        self.accept()
        return True

    def _refused(self, exc: ValidationError) -> None:
        """The refusal said, and its row's cell marked and given the cursor."""
        self._say(exc.message)
        abbr = exc.field.partition(".")[2] if exc.field.startswith("floor.") else ""
        i = self._row_of(abbr)
        if i is not None:
            item = self.table.item(i, FLOOR)
            self.table.blockSignals(True)
            item.setBackground(QBrush(REFUSED))
            self.table.blockSignals(False)
        self._cursor_to(abbr)

    def _cursor_to(self, abbr: str) -> None:
        """The cursor on the floor cell of series ``abbr`` (if shown), the table focused."""
        i = self._row_of(abbr)
        if i is not None:
            self.table.setCurrentCell(i, FLOOR)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(text)
