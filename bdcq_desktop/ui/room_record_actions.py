"""The meeting room's record, carried on a USB stick (:mod:`..core.room_record`): on the
laptop, "Xuất biên ghi phòng họp…" saves the selected meeting's record; at the office,
"Nhập biên ghi từ phòng họp…" reads a file, shows what it changes and the conflicts with what
the office changed meanwhile, lets the officer choose per conflict, and applies it with one
core call. The window is thin: every rule is the core's."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
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

from ..core.errors import BcdError
from ..core.room_merge import OFFICE, ROOM, RoomPreview, apply_meeting_record
from ..core.room_record import SUFFIX, RoomRecord, change_kind_label
from . import messages
from .dialog_base import Dialog
from .io_actions import choose_open_path, choose_save_path

FILTERS = "Biên ghi phòng họp (*.bcdhop)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("room_record", text)




def _cut(text: str, n: int = 90) -> str:
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
        self.choices: dict[str, QComboBox] = {}
        for row, change in enumerate(preview.changes):
            values = (change_kind_label(change.kind), change.what,
                      _cut(change.before), _cut(change.after))  # fmt: skip
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(value if col < 2 else (change.before, change.after)[col - 2])
                self.table.setItem(row, col, item)
            if change.skipped:
                note = QTableWidgetItem(_tr("Không nhập: {why}").format(why=change.skipped))
                note.setFlags(note.flags() & ~Qt.ItemFlag.ItemIsEditable)
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
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(self)
        accept = QDialogButtonBox.ButtonRole.AcceptRole
        self.apply_button = self.buttons.addButton(_tr("&Nhập"), accept)
        self.buttons.addButton(_tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(1000, 460)
        self._update()

    def resolve(self) -> dict[str, str]:
        return {k: box.currentData() for k, box in self.choices.items() if box.currentData()}

    def _update(self) -> None:
        applicable = any(not c.skipped for c in self.preview.changes)
        self.apply_button.setEnabled(applicable and len(self.resolve()) == len(self.choices))

    def apply(self) -> None:
        try:
            self.result_applied = apply_meeting_record(
                self.db, self.record, expected_version=self.preview.version, resolve=self.resolve()
            )
        except BcdError as exc:
            messages.show_error(self, exc, _tr("Không nhập được biên ghi"))
            return
        self.accept()


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
