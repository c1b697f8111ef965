"""The meeting room's record, carried on a USB stick (:mod:`..core.room_record`): on the
laptop, "Xuất biên ghi phòng họp…" saves the selected meeting's record; at the office,
"Nhập biên ghi từ phòng họp…" reads a file, shows what it changes and the conflicts with what
the office changed meanwhile (its rows highlighted, each choice reached by Tab), lets the officer
choose per conflict, and applies it with one core call, run in the background as the other
imports are (:func:`.io_actions.run_job`). The window is thin: every rule is the core's."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import BcdError, IssuedNoticeWarning
from ..core.room_merge import OFFICE, ROOM, RoomPreview, apply_meeting_record
from ..core.room_record import SUFFIX, RoomRecord, change_kind_label
from . import io_actions, messages
from .dialog_base import Dialog
from .io_actions import choose_open_path, choose_save_path

FILTERS = "Biên ghi phòng họp (*.bcdhop)"
# A conflict's row: the warm yellow of the other conflict dialogs (conflict_dialog), with the
# kind in bold, so that the rows to decide stand out of a long list of plain changes.
CONFLICT_COLOUR = QColor(255, 243, 205)
SKIPPED_COLOUR = QColor(110, 110, 110)


def _tr(text: str) -> str:
    return QCoreApplication.translate("room_record", text)


def _cut(text: str, n: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= n else line[: n - 1] + "…"


class RoomImportDialog(Dialog):
    """The preview of a room record: one row per change, a choice per conflict; "Nhập"
    applies it (one core call), the choices as ``resolve``."""

    def __init__(
        self, db: Any, record: RoomRecord, preview: RoomPreview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.record, self.preview = db, record, preview
        self.result_applied: Any = None
        self.setWindowTitle(_tr("Nhập biên ghi từ phòng họp"))
        layout = QVBoxLayout(self)
        head = QLabel(
            _tr("Cuộc họp: <b>{title}</b><br>{n} thay đổi, {c} xung đột (văn phòng cũng đã sửa "
                "cùng chỗ sau khi chép sang máy phòng họp: chọn giữ bên nào).").format(
                title=preview.title, n=len(preview.changes), c=len(preview.conflicts))
        )  # fmt: skip
        head.setWordWrap(True)
        layout.addWidget(head)
        self.table = QTableWidget(len(preview.changes), 5, self)
        self.table.setHorizontalHeaderLabels(
            [_tr("Loại"), _tr("Nội dung"), _tr("Văn phòng hiện có"), _tr("Phòng họp ghi"),
             _tr("Giữ")]
        )  # fmt: skip
        self.table.verticalHeader().hide()
        # Tab goes from the table to each choice, then to the buttons (not cell by cell).
        self.table.setTabKeyNavigation(False)
        self.choices: dict[str, QComboBox] = {}
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, change in enumerate(preview.changes):
            values = (change_kind_label(change.kind), change.what,
                      # A conflict's two versions whole: they often differ at the end.
                      _cut(change.before, 600 if change.conflict else 160),
                      _cut(change.after, 600 if change.conflict else 160))  # fmt: skip
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(value if col < 2 else (change.before, change.after)[col - 2])
                if change.conflict:
                    item.setBackground(CONFLICT_COLOUR)
                    if col == 0:
                        item.setFont(bold)
                        item.setText(_tr("Xung đột: {kind}").format(kind=value))
                elif change.skipped:
                    item.setForeground(SKIPPED_COLOUR)
                self.table.setItem(row, col, item)
            if change.skipped:
                note = QTableWidgetItem(_tr("Không nhập: {why}").format(why=change.skipped))
                note.setFlags(note.flags() & ~Qt.ItemFlag.ItemIsEditable)
                note.setToolTip(note.text())
                note.setForeground(SKIPPED_COLOUR)
                self.table.setItem(row, 4, note)
            elif change.conflict:
                box = QComboBox(self.table)
                box.addItem(_tr("— chọn —"), "")
                box.addItem(_tr("Bản phòng họp"), ROOM)
                box.addItem(_tr("Bản văn phòng"), OFFICE)
                box.setAccessibleName(_tr("Giữ bên nào: {what}").format(what=change.what))
                box.currentIndexChanged.connect(self._update)
                self.table.setCellWidget(row, 4, box)
                self.choices[change.key] = box
            else:
                self.table.setItem(row, 4, QTableWidgetItem(_tr("Bản phòng họp")))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The place named, the office's and the room's texts share the width: a long
        # conclusion's name took it all and left its two versions cut to a few words.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        # Each row as tall as its wrapped texts, kept so as the columns stretch.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(self)
        accept = QDialogButtonBox.ButtonRole.AcceptRole
        self.apply_button = self.buttons.addButton(_tr("&Nhập"), accept)
        cancel = self.buttons.addButton(_tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Enter applies once every conflict is chosen (a choice box does not take Enter).
        self.apply_button.setDefault(True)
        chain = [self.table, *self.choices.values(), self.apply_button, cancel]
        for before, after in itertools.pairwise(chain):
            self.setTabOrder(before, after)
        self._busy = False
        self.resize(1200, 600)  # within a 1366×768 screen, its taskbar below
        self._update()

    def resolve(self) -> dict[str, str]:
        return {k: box.currentData() for k, box in self.choices.items() if box.currentData()}

    def _update(self) -> None:
        applicable = any(not c.skipped for c in self.preview.changes)
        chosen = len(self.resolve()) == len(self.choices)
        self.apply_button.setEnabled(applicable and chosen and not self._busy)

    def apply(self, confirm_after_notice: bool = False) -> None:
        """One core call, in the background behind the progress dialog (the whole import is
        one transaction; a long record of a long day takes its time)."""
        if self._busy or not self.apply_button.isEnabled():
            return
        db, record, version = self.db, self.record, self.preview.version
        resolve = self.resolve()
        self._busy = True
        self._update()

        def work(_report: Any) -> Any:
            return apply_meeting_record(db, record, expected_version=version, resolve=resolve,
                                        confirm_after_notice=confirm_after_notice)  # fmt: skip

        io_actions.run_job(self, _tr("Đang nhập biên ghi phòng họp…"), work,
                           on_done=self._applied, on_error=self._failed)  # fmt: skip

    def _applied(self, result: Any) -> None:
        self._busy = False
        self.result_applied = result
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self._update()
        if isinstance(exc, IssuedNoticeWarning):
            box = messages.confirm(self, _tr("Cần xác nhận"), exc.message,
                                   lambda: self.apply(confirm_after_notice=True),
                                   yes_text=_tr("Vẫn nhập"), destructive=True)  # fmt: skip
            box.setObjectName("confirmationQuestion")
            return
        messages.show_error(self, exc, _tr("Không nhập được biên ghi"))

    def reject(self) -> None:
        if not self._busy:  # the import goes on: the dialog stays to say how it ended
            super().reject()


def export_room_record(window: Any) -> None:
    """On the laptop: save the selected meeting's record (to a USB stick, say)."""
    from ..core.room_record import export_meeting_record

    meeting = window.meetings_tab.current_meeting()
    if meeting is None:
        QMessageBox.information(window, _tr("Xuất biên ghi phòng họp"),
                                _tr("Hãy chọn một cuộc họp ở thẻ Cuộc họp trước."))  # fmt: skip
        return
    path = choose_save_path(window, _tr("Xuất biên ghi phòng họp"),
                            f"cuoc-hop-{meeting.id}{SUFFIX}", FILTERS, "room_record")  # fmt: skip
    if path is None:
        return
    try:
        written = export_meeting_record(window.db, meeting.id, path)
    except BcdError as exc:
        messages.show_error(window, exc, _tr("Không xuất được biên ghi"))
        return
    said = _tr("Đã lưu biên ghi phòng họp: {path}").format(path=written)
    QMessageBox.information(window, _tr("Xuất biên ghi phòng họp"), said)


def import_room_record(window: Any, path: str | None = None) -> RoomImportDialog | None:
    """At the office: read the file, preview it, apply it as chosen."""
    from ..core.room_merge import preview_meeting_record
    from ..core.room_record import read_meeting_record

    title = _tr("Nhập biên ghi từ phòng họp")
    path = path or choose_open_path(window, title, FILTERS, "room_record")
    if path is None:
        return None
    try:
        record = read_meeting_record(path)
        preview = preview_meeting_record(window.db, record)
    except BcdError as exc:
        messages.show_error(window, exc, _tr("Không nhập được biên ghi"))
        return None
    dialog = RoomImportDialog(window.db, record, preview, window)
    dialog.accepted.connect(lambda: window.reload_all())
    dialog.open()
    return dialog
