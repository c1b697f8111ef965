"""The import dialog of a room record (ui.room_record_actions): the preview lists the room's
changes and the conflict, "Nhập" stays off until the conflict is chosen, then one core call
applies it as chosen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.room_merge import preview_meeting_record
from bdcq_desktop.core.room_record import export_meeting_record, read_meeting_record
from bdcq_desktop.ui.room_record_actions import RoomImportDialog
from tests.test_meetings_core import START, roster  # noqa: F401
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
    dialog.apply_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_applied.applied == 6
    marks = {r.invitee_id: r.status for r in attendance_rows(office, meeting)}
    assert marks[room.member] == "late"  # the room's, as chosen
