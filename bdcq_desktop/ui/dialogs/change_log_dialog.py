"""Lịch sử thay đổi: who changed a record, when, and each field before and after.

Opened from a record (the members' rows and units, the meeting's and the session's record
panes, the reporting rounds and regimes). One line per changed
field, newest first; the full values of the selected line are shown below the table (a long
note is cut in the table's cells). Read-only: one core call, :func:`.change_log.record_changes`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.change_log import ChangeRow, record_changes
from ...core.db import Database
from ...core.errors import BcdError
from ...core.read_scope import reading
from .. import view_state
from ..dialog_base import Dialog
from ..table_model import ROW_ROLE, Column, RowTableModel

_CELL = 80  # characters of a value shown in a cell


def _tr(text: str) -> str:
    return QCoreApplication.translate("change_log_dialog", text)


@dataclass(frozen=True)
class HistoryLine:
    """One changed field of one logged change (a change without fields: one empty line)."""

    at: datetime
    user: str
    action: str
    record: str
    field: str
    before: str
    after: str


def history_lines(
    rows: Sequence[ChangeRow],
    *,
    with_record: bool,
    names: Mapping[tuple[str, int], str] | None = None,
) -> list[HistoryLine]:
    """One changed field per line; with ``with_record``, which record it belongs to, by the
    caller's ``names`` ((table, id) → title) where given, else by the name the core gives it
    (its number if it has none). A reference (a unit, a person) reads as the record's name."""
    out = []
    for r in rows:
        name = (names or {}).get((r.table, r.record_id), "")
        if not with_record:
            record = ""
        elif name:
            record = f"{r.table_label}: {name}"
        else:
            record = r.record_label
        for c in r.changes or (None,):
            out.append(
                HistoryLine(
                    r.at,
                    r.user,
                    r.action_label,
                    record,
                    c.label if c else "",
                    c.before_text() if c else "",
                    c.after_text() if c else "",
                )
            )
    return out


def _cut(text: str) -> str:
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"


class ChangeLogDialog(Dialog):
    def __init__(
        self,
        db: Database,
        table: str,
        record_id: int,
        *,
        related: Sequence[tuple[str, int]] = (),
        children: bool = False,
        title: str = "",
        names: Mapping[tuple[str, int], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changeLogDialog")
        self.setWindowTitle(_tr("Lịch sử thay đổi") + (f" — {title}" if title else ""))
        # The records' names for the "Bản ghi" column: the record itself by its title.
        self.names = {**({(table, record_id): title} if title else {}), **(names or {})}
        self.rows: list[ChangeRow] = []
        self.message = QLabel(self)
        self.message.setObjectName("changeLogMessage")
        self.message.setWordWrap(True)
        # Within the dialog's 1,120 pixels with the records named (no sideways scrolling on a
        # 1366×768 screen): the record's column holds "Báo cáo của đơn vị: <a unit's name>
        # (đã xóa)" whole for most units (cut at 170 pixels, the mark of a removed child was
        # the part lost); the last column takes what is left, a value is read whole below.
        columns = [
            Column("at", _tr("Thời điểm"), 124),
            Column("user", _tr("Người sửa"), 100),
            Column("action", _tr("Thao tác"), 62),
            Column("record", _tr("Bản ghi"), 300, optional=True, tooltip=lambda r: r.record),
            Column("field", _tr("Trường"), 130),
            Column("before", _tr("Trước"), 180, formatter=_cut, tooltip=lambda r: r.before),
            Column("after", _tr("Sau"), 180, formatter=_cut, tooltip=lambda r: r.after),
        ]
        self.model = RowTableModel(columns, self)
        self.view = QTableView(self)
        self.view.setObjectName("changeLogTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(columns):
            self.view.setColumnWidth(i, col.width)
        self.view.selectionModel().currentRowChanged.connect(self._show_line)
        self.full = QPlainTextEdit(self)
        self.full.setObjectName("changeLogValues")
        self.full.setReadOnly(True)
        self.full.setMaximumHeight(110)
        self.full.setPlaceholderText(_tr("Chọn một dòng để xem đầy đủ giá trị trước và sau."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.full)
        layout.addWidget(buttons)
        self.resize(1120, 520)
        view_state.restore_geometry("dialog-changeLog", self)
        self.load(db, table, record_id, related, children=children)

    @reading()  # only reads: a refusal shown here does not say "chưa lưu được gì"
    def load(
        self,
        db: Database,
        table: str,
        record_id: int,
        related: Sequence[tuple[str, int]],
        *,
        children: bool = False,
    ) -> None:
        try:
            self.rows = record_changes(db, table, record_id, related=related, children=children)
        except BcdError as exc:
            self.message.setText(exc.message)
            self.model.set_rows([])
            return
        with_record = bool(related) or children
        lines = history_lines(self.rows, with_record=with_record, names=self.names)
        self.model.set_rows(lines)
        self.view.setColumnHidden(3, not with_record)
        self.message.setText(
            _tr("{n} lần thay đổi, mới nhất ở trên.").format(n=len(self.rows))
            if self.rows
            else _tr("Chưa có thay đổi nào được ghi lại cho bản ghi này.")
        )
        if lines:
            self.view.selectRow(0)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def lines(self) -> list[HistoryLine]:
        return [self.model.index(i, 0).data(ROW_ROLE) for i in range(self.model.rowCount())]

    def _show_line(self, current: QModelIndex, _previous: QModelIndex) -> None:
        line = current.data(ROW_ROLE) if current.isValid() else None
        if line is None:
            self.full.clear()
            return
        head = f"{line.record} — {line.field}" if line.record else line.field
        self.full.setPlainText(
            f"{head}\n{_tr('Trước')}: {line.before}\n{_tr('Sau')}: {line.after}"
        )

    def done(self, result: int) -> None:
        view_state.save_geometry("dialog-changeLog", self)
        super().done(result)


def meeting_history(pane: Any) -> ChangeLogDialog | None:
    """Open the history of the meeting ``pane`` (the record pane) shows: the meeting itself,
    its agenda items and its invitees (attendance marks are changes of the invitees), those
    since removed included."""
    d = pane.detail
    if d is None:
        return None
    dialog = ChangeLogDialog(
        pane.host.db, "meeting", d.id, children=True, title=d.title, parent=pane
    )
    pane.host.open_dialog(dialog)
    return dialog


def session_history(pane: Any) -> ChangeLogDialog | None:
    """Open the history of the working-group session ``pane`` shows: the session itself, its
    participants (attendance included) and its outputs (drafts), those since removed
    included."""
    d = pane.detail
    if d is None:
        return None
    dialog = ChangeLogDialog(
        pane.host.db, "working_session", d.id, children=True, title=d.title, parent=pane
    )
    pane.host.open_dialog(dialog)
    return dialog


def round_history(db: Database, row: Any, parent: QWidget) -> ChangeLogDialog:
    """The history of reporting round ``row``: the round (title, due date, units...) and the
    units' submissions (received, number, summary, evaluation), those of units taken out of
    the round included."""
    return ChangeLogDialog(
        db, "reporting_round", row.id, children=True, title=row.title, parent=parent
    )
