"""The import dialog of a room record (ui.room_record_actions): the preview lists the room's
changes and the conflict, "Nhập" stays off until the conflict is chosen, then one core call
applies it as chosen."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.conclusions import add_conclusion, get_conclusion, update_conclusion
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.room_merge import preview_meeting_record
from bdcq_desktop.core.room_record import export_meeting_record, read_meeting_record
from bdcq_desktop.ui.room_record_actions import CONFLICT_COLOUR, RoomImportDialog
from tests.test_meetings_core import START, roster  # noqa: F401
from tests.test_room_conclusions import Held, held  # noqa: F401
from tests.test_room_record import Room, room  # noqa: F401


def test_the_dialog_applies_the_record_as_the_conflict_is_chosen(
    qtbot: Any, room: Room, tmp_path: Path  # noqa: F811
) -> None:
    office, meeting = room.office, room.meeting
    version = get_meeting(office, meeting).version
    check_in(office, meeting, room.member, expected_version=version, status="absent",
             reason="Đi công tác", now=START.replace(minute=30))  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    record = read_meeting_record(room.path)
    preview = preview_meeting_record(office, record)
    dialog = RoomImportDialog(office, record, preview)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == len(preview.changes) == 6
    assert not dialog.apply_button.isEnabled()  # the conflict is not chosen yet
    box = dialog.choices[f"invitee:{room.member}"]
    assert isinstance(box, QComboBox) and box.accessibleName().startswith("Giữ bên nào")
    box.setCurrentIndex(box.findData("room"))
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()  # applied in the background, as the other imports are
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.result_applied.applied == 6
    marks = {r.invitee_id: r.status for r in attendance_rows(office, meeting)}
    assert marks[room.member] == "late"  # the room's, as chosen


def test_a_conclusion_conflict_stands_out_and_the_keyboard_reaches_its_choice(
    qtbot: Any, held: Held  # noqa: F811
) -> None:
    h = held
    edit = get_conclusion(h.laptop, h.first)
    update_conclusion(h.laptop, h.first, "Giao Sở Y tế hoàn thành bệnh án điện tử trong quý III.",
                      edit.tasks, expected_version=edit.version)  # fmt: skip
    edit = get_conclusion(h.office, h.first)
    update_conclusion(h.office, h.first, "Giao Sở Y tế triển khai bệnh án điện tử toàn tỉnh.",
                      edit.tasks, expected_version=edit.version)  # fmt: skip
    add_conclusion(h.laptop, h.meeting, "Giao Sở Tài chính bố trí kinh phí năm 2027.",
                   [{"content": "Trình phương án kinh phí", "assignee_unit_id": h.r.health}],
                   expected_version=get_meeting(h.laptop, h.meeting).version,
                   now=START.replace(hour=10))  # fmt: skip
    export_meeting_record(h.laptop, h.meeting, h.path)
    record = read_meeting_record(h.path)
    preview = preview_meeting_record(h.office, record)
    dialog = RoomImportDialog(h.office, record, preview)
    qtbot.addWidget(dialog)
    dialog.resize(1366 - 100, 768 - 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    shots = os.environ.get("BDCQ_SHOTS")
    if shots:  # a look at it, at the size of a 1366x768 screen
        dialog.grab().save(str(Path(shots) / "room-import-conclusion-conflict.png"))
    row = next(n for n, c in enumerate(preview.changes) if c.conflict)
    plain = next(n for n, c in enumerate(preview.changes) if not c.conflict and not c.skipped)
    assert dialog.table.item(row, 0).background().color() == CONFLICT_COLOUR
    assert dialog.table.item(row, 0).text() == "Xung đột: Kết luận"
    assert dialog.table.item(plain, 0).background().style() == Qt.BrushStyle.NoBrush
    # Tab from the table lands on the conflict's choice, not on the next cell.
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    box = dialog.choices[f"conclusion:{h.first}"]
    assert dialog.focusWidget() is box, dialog.focusWidget()
    box.setCurrentIndex(box.findData("room"))
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: "Nhập"
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert get_conclusion(h.office, h.first).text.endswith("trong quý III.")
