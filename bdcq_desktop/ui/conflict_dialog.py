"""The question a save that hit a newer version asks: the other officer's changes beside
what this one typed, field by field.

Shown by :class:`.record_dialog.RecordDialog` when the core raises ``ConflictError``. Its two
answers never lose what was typed: "Tải lại, giữ phần tôi đã nhập" takes the newest version
and puts the officer's own changes back on top of it (nothing is saved until they press Lưu
again), "Quay lại" leaves the form exactly as typed and saves nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("conflict_dialog", text)


@dataclass(frozen=True)
class ConflictRow:
    """One field that someone changed: as opened, as the other officer saved it, as typed
    here, and what the form will hold after "keep mine"."""

    key: str
    label: str
    opened: str
    theirs: str
    mine: str
    result: str
    both: bool  # both changed it, differently: the typed value is kept


_BOTH_COLOUR = QColor(255, 243, 205)


class ConflictDialog(QDialog):
    def __init__(self, message: str, rows: Sequence[ConflictRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(_tr("Bản ghi vừa được người khác sửa"))
        self.rows = list(rows)
        intro = QLabel(
            message
            + "\n"
            + _tr(
                "Dưới đây là những gì người kia đã lưu và những gì bạn vừa nhập. "
                "Chưa có gì của bạn được lưu."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("conflictMessage")
        headers = [
            _tr("Trường"),
            _tr("Khi bạn mở"),
            _tr("Người khác đã lưu"),
            _tr("Bạn đã nhập"),
            _tr("Sau khi tải lại"),
        ]
        self.table = QTableWidget(len(self.rows), len(headers), self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        bold = QFont()
        bold.setBold(True)
        for i, r in enumerate(self.rows):
            for j, text in enumerate((r.label, r.opened, r.theirs, r.mine, r.result)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if r.both:
                    item.setBackground(_BOTH_COLOUR)
                if j == 4:
                    item.setFont(bold)
                self.table.setItem(i, j, item)
        note = QLabel(
            _tr(
                "Tô vàng: cả hai cùng sửa một trường — giữ giá trị bạn nhập. "
                "Các trường bạn không sửa lấy theo bản của người khác."
            )
            if any(r.both for r in self.rows)
            else _tr("Các trường bạn không sửa lấy theo bản của người khác."),
            self,
        )
        note.setWordWrap(True)
        note.setObjectName("conflictNote")
        self.buttons = QDialogButtonBox(self)
        self.keep_button = self.buttons.addButton(
            _tr("Tải lại, giữ phần tôi đã nhập"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button.setObjectName("keepMineButton")
        self.back_button = self.buttons.addButton(
            _tr("Quay lại (chưa lưu)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.back_button.setObjectName("backButton")
        self.keep_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(820, min(520, 200 + 30 * len(self.rows)))
