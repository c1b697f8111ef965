"""The question a save that hit a newer version asks: the other officer's changes beside
what this one typed, field by field.

Shown by :class:`.record_dialog.RecordDialog` when the core raises ``ConflictError``. Nothing
is saved by any answer; each leaves the form for the officer to check and save:
"Tải lại, giữ phần tôi đã nhập" takes the newest version and puts the officer's own changes
back on top of it; "Lấy bản của người kia" takes the newest version and drops what was typed
(the officer chose so, seeing both side by side); "Gộp văn bản" (offered when both changed a
multi-line text) is "keep mine" except that those texts hold both versions, the other
officer's first and this one's under a marker line, to be tidied before saving; "Quay lại"
leaves the form exactly as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .dialog_base import Dialog
from .forms import MULTILINE, FieldSpec


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
    mergeable: bool = False  # both changed a multi-line text: "merge" puts both in it


def conflict_rows(
    specs: Mapping[str, FieldSpec],
    opened: Mapping[str, Any],
    theirs: Mapping[str, Any],
    typed: Mapping[str, Any],
    shown: Callable[[str, Any], str],
) -> list[ConflictRow]:
    """The fields of ``specs`` someone changed since the form was ``opened``: the values as
    opened, as the other officer saved them (``theirs``), as ``typed`` here, each read as the
    form shows it (``shown(key, value)``). A field both changed keeps the typed value."""
    rows = []
    for key, spec in specs.items():
        old, other, mine = opened.get(key), theirs.get(key), typed.get(key)
        if other == old and mine == old:
            continue
        result = mine if mine != old else other
        both = other != old and mine != old and other != mine
        rows.append(
            ConflictRow(
                key,
                spec.label,
                shown(key, old),
                shown(key, other),
                shown(key, mine),
                shown(key, result),
                both=both,
                mergeable=both and spec.kind == MULTILINE,
            )
        )
    return rows


def shown_value(editor: QWidget, value: Any) -> str:
    """``value`` as the officer reads it in ``editor`` (a pick's text, not its id)."""
    if value is None or value == "":
        return "—"
    find = getattr(editor, "findData", None)
    if find is not None:
        index = find(value)
        if index >= 0:
            return editor.itemText(index)  # type: ignore[attr-defined]
    if isinstance(value, datetime):
        return value.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return _tr("Có") if value else _tr("Không")
    if isinstance(value, list | tuple):
        return _tr("{n} dòng").format(n=len(value))
    return str(value)


def merged_texts(
    rows: Sequence[ConflictRow], theirs: Mapping[str, Any], typed: Mapping[str, Any]
) -> dict[str, str]:
    """What "merge" puts in each mergeable field of ``rows``: see :func:`merge_text`."""
    return {
        r.key: merge_text(theirs.get(r.key) or "", typed.get(r.key) or "")
        for r in rows
        if r.mergeable
    }


def merge_marker() -> str:
    return _tr("——— Phần bạn đã nhập (sửa lại cho gọn rồi xóa dòng này) ———")


def merge_text(theirs: str, mine: str) -> str:
    """Both versions of a text two officers changed: theirs, then a marker line, then mine."""
    return f"{theirs.rstrip()}\n{merge_marker()}\n{mine.strip()}"


# What the dialog finished with, beside Accepted (keep mine) and Rejected (back).
TAKE_THEIRS, MERGE = 2, 3

_BOTH_COLOUR = QColor(255, 243, 205)


class ConflictDialog(Dialog):
    theirs_taken = Signal()
    merge_taken = Signal()

    def __init__(
        self,
        message: str,
        rows: Sequence[ConflictRow],
        parent: QWidget | None = None,
        *,
        row_header: str = "",
    ):
        """``row_header``: the rows are a list's lines (an agenda's items: "Mục"), not a
        form's fields."""
        super().__init__(parent)
        items = bool(row_header)
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
            row_header or _tr("Trường"),
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
        self._items = items
        if items:  # a line is long: room for it, not for the labels ("Mục 3")
            self.table.horizontalHeader().setSectionResizeMode(
                0, QHeaderView.ResizeMode.ResizeToContents
            )
            both = _tr("Tô vàng: cả hai cùng sửa một dòng — giữ bản bạn nhập. ")
            rest = _tr("Những gì bạn không sửa lấy theo bản của người khác.")
        else:
            both = _tr("Tô vàng: cả hai cùng sửa một trường — giữ giá trị bạn nhập. ")
            rest = _tr("Các trường bạn không sửa lấy theo bản của người khác.")
        note = QLabel((both if any(r.both for r in self.rows) else "") + rest, self)
        note.setWordWrap(True)
        note.setObjectName("conflictNote")
        self.buttons = QDialogButtonBox(self)
        self.keep_button = self.buttons.addButton(
            _tr("Tải lại, giữ phần tôi đã nhập"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button.setObjectName("keepMineButton")
        self.theirs_button = self.buttons.addButton(
            _tr("Lấy bản của người kia (bỏ phần tôi nhập)"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.theirs_button.setObjectName("takeTheirsButton")
        self.theirs_button.clicked.connect(lambda: self._finish(TAKE_THEIRS))
        self.merge_button = self.buttons.addButton(
            _tr("Gộp văn bản hai bên"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setToolTip(
            _tr("Các đoạn văn cả hai cùng sửa giữ cả hai bản: của người kia trước, của bạn sau.")
        )
        self.merge_button.setVisible(any(r.mergeable for r in self.rows))
        self.merge_button.clicked.connect(lambda: self._finish(MERGE))
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
        self.resize(900, min(520, 200 + 30 * len(self.rows)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._items:  # the lines wrap once the columns have their widths
            self.table.resizeRowsToContents()

    def _finish(self, code: int) -> None:
        (self.theirs_taken if code == TAKE_THEIRS else self.merge_taken).emit()
        self.done(code)
