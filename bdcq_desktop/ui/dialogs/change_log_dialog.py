"""Lịch sử thay đổi: who changed a record, when, and each field before and after.

Opened from a record (the members' rows and units, the meeting's and the session's record
panes, the reporting rounds and regimes). One line per changed
field, newest first; the full values of the selected line are shown below the table (a long
note is cut in the table's cells). Read-only: one core call, :func:`.change_log.record_changes`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.change_log import ChangeRow, record_changes, value_text
from ...core.db import Database
from ...core.errors import BcdError
from .. import view_state
from ..dialog_base import Dialog
from ..record_view import make_action
from ..table_model import ROW_ROLE, Column, RowTableModel

_CELL = 80  # characters of a value shown in a cell
HISTORY_KEY = "Ctrl+Shift+H"


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
    """One line per changed field; with ``with_record``, which record it belongs to, by its
    name in ``names`` ((table, id) → "Sở Y tế") where the caller knows it, else its number."""
    out = []
    for r in rows:
        name = (names or {}).get((r.table, r.record_id), "")
        if not with_record:
            record = ""
        elif name:
            record = f"{r.table_label}: {name}"
        else:
            record = f"{r.table_label} #{r.record_id}"
        for c in r.changes or (None,):
            out.append(
                HistoryLine(
                    r.at,
                    r.user,
                    r.action_label,
                    record,
                    c.label if c else "",
                    value_text(c.before) if c else "",
                    value_text(c.after) if c else "",
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
        # Within the dialog's 900 pixels with the records named (no sideways scrolling): the
        # last column takes what is left, a value is read whole below the table.
        columns = [
            Column("at", _tr("Thời điểm"), 128),
            Column("user", _tr("Người sửa"), 100),
            Column("action", _tr("Thao tác"), 62),
            Column("record", _tr("Bản ghi"), 170, optional=True, tooltip=lambda r: r.record),
            Column("field", _tr("Trường"), 120),
            Column("before", _tr("Trước"), 130, formatter=_cut, tooltip=lambda r: r.before),
            Column("after", _tr("Sau"), 140, formatter=_cut, tooltip=lambda r: r.after),
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
        self.resize(900, 480)
        view_state.restore_geometry("dialog-changeLog", self)
        self.load(db, table, record_id, related)

    def load(
        self, db: Database, table: str, record_id: int, related: Sequence[tuple[str, int]]
    ) -> None:
        try:
            self.rows = record_changes(db, table, record_id, related=related)
        except BcdError as exc:
            self.message.setText(exc.message)
            self.model.set_rows([])
            return
        lines = history_lines(self.rows, with_record=bool(related), names=self.names)
        self.model.set_rows(lines)
        self.view.setColumnHidden(3, not related)
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


def history_action(owner: QWidget, slot: Callable[[], Any]) -> QAction:
    """The "Lịch sử thay đổi…" action of a record view (Ctrl+Shift+H inside ``owner``),
    disabled until a record is shown."""
    action = make_action(owner, _tr("Lịch sử thay đổi…"), slot, "historyAction", HISTORY_KEY)
    action.setEnabled(False)
    return action


def meeting_history(pane: Any) -> ChangeLogDialog | None:
    """Open the history of the meeting ``pane`` (the record pane) shows: the meeting itself,
    its agenda items and its invitees (attendance marks are changes of the invitees)."""
    d = pane.detail
    if d is None:
        return None
    related = [("agenda_item", a.id) for a in d.agenda]
    related += [("invitee", i.id) for i in d.invitees]
    names = {("agenda_item", a.id): a.title for a in d.agenda}
    names |= {("invitee", i.id): i.name for i in d.invitees}
    dialog = ChangeLogDialog(
        pane.host.db, "meeting", d.id, related=related, title=d.title, names=names, parent=pane
    )
    pane.host.open_dialog(dialog)
    return dialog


def session_history(pane: Any) -> ChangeLogDialog | None:
    """Open the history of the working-group session ``pane`` shows: the session itself, its
    participants (attendance included) and its outputs (drafts)."""
    d = pane.detail
    if d is None:
        return None
    related = [("session_participant", p.id) for p in d.participants]
    related += [("session_output", o.id) for o in d.outputs]
    names = {("session_participant", p.id): p.name for p in d.participants}
    names |= {("session_output", o.id): o.title for o in d.outputs}
    dialog = ChangeLogDialog(
        pane.host.db,
        "working_session",
        d.id,
        related=related,
        title=d.title,
        names=names,
        parent=pane,
    )
    pane.host.open_dialog(dialog)
    return dialog


def round_history(db: Database, row: Any, parent: QWidget) -> ChangeLogDialog:
    """The history of reporting round ``row``: the round (title, due date, units...) and the
    units' submissions (received, number, summary, evaluation)."""
    from ...core.reports import list_submissions

    reported = [s for s in list_submissions(db, row.id) if s.id]
    related = [("submission", s.id) for s in reported]
    names = {("submission", s.id): s.unit for s in reported}
    return ChangeLogDialog(
        db, "reporting_round", row.id, related=related, title=row.title, names=names,
        parent=parent,
    )  # fmt: skip
