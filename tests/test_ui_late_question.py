"""The core's question about an arrival far past the planned end (LateArrivalWarning) is asked
the same way wherever an arrival is recorded: the live window's check-in box and its "Thêm
người dự" (Alt+T), Điểm danh's "Đến muộn…" (Ctrl+4) and its "Thêm người dự" (Ctrl+6): title
"Giờ đến muộn bất thường", "Vẫn ghi đến muộn", Enter says yes. Real SQLite files, qtbot."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from bdcq_desktop.core.attendance import attendance_rows
from tests.meeting_pane import open_section
from tests.test_ui_held_times import _ended_hours_ago


def _the_question(qtbot: Any, box: Any) -> None:
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "Giờ đến muộn bất thường"
    yes = box.defaultButton()
    assert yes is not None and yes.objectName() == "yesButton"  # Enter says yes
    assert yes.text().replace("&", "") == "Vẫn ghi đến muộn"
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.wait(100)  # the answered box and the form saved are deleted before the test goes on


def _status(db: Any, mid: int, name: str) -> str | None:
    return next((r.status for r in attendance_rows(db, mid) if r.name == name), None)


def test_the_live_windows_check_in_and_walk_in_ask_alike(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow

    mid, _end = _ended_hours_ago(demo_db)
    row = next(r for r in attendance_rows(demo_db, mid) if not r.takes_the_minutes)
    live = LiveMeetingWindow(demo_db, mid)
    live.resize(1366, 768)
    live.show()
    panel = live.attendance
    panel.check_box.setText(row.name)
    qtbot.keyClick(panel.check_box, Qt.Key.Key_Return)
    _the_question(qtbot, panel.question)
    qtbot.waitUntil(lambda: _status(demo_db, mid, row.name) == "late")

    panel.add_walk_in()  # Alt+T
    dialog = panel.walk_in
    assert dialog is not None and dialog.isVisible()
    dialog.form.editor("guest_name").setText("Trần Văn Mới")
    dialog.save_button.click()
    _the_question(qtbot, dialog.question)
    qtbot.waitUntil(lambda: _status(demo_db, mid, "Trần Văn Mới") == "late")
    live.close()


def test_the_attendance_sections_forms_ask_alike(qtbot: Any, demo_db: Any) -> None:
    mid, _end = _ended_hours_ago(demo_db)
    tab, section = open_section(qtbot, demo_db, mid, "attendance")
    view = tab.view
    row = next(r for r in attendance_rows(demo_db, mid) if not r.takes_the_minutes)

    section.select(row.invitee_id)  # Đến muộn… (Ctrl+4), at the time now
    section.late_action.trigger()
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == "lateDialog"
    dialog.form.editor("arrived_at").setText(f"{datetime.now():%H:%M}")
    dialog.save_button.click()
    _the_question(qtbot, dialog.question)
    qtbot.waitUntil(lambda: _status(demo_db, mid, row.name) == "late")

    section.box.setText("Trần Văn Mới")  # Thêm người dự (Ctrl+6), late now
    section.walk_in_action.trigger()
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == "walkInDialog"
    status = dialog.form.editor("status")
    status.setCurrentIndex(status.findData("late"))
    dialog.save_button.click()
    _the_question(qtbot, dialog.question)
    qtbot.waitUntil(lambda: _status(demo_db, mid, "Trần Văn Mới") == "late")


def test_a_check_in_by_the_clock_past_the_planned_end_asks_about_the_overrun(
    qtbot: Any, demo_db: Any
) -> None:
    """Nothing typed, the time is the clock's: not "a slip of the keyboard" but a meeting that
    ran past its planned end, shown in the window's heading too. A time typed past it is still
    asked as a likely slip."""
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow

    mid, end = _ended_hours_ago(demo_db)
    first, second = [r for r in attendance_rows(demo_db, mid) if not r.takes_the_minutes][:2]
    live = LiveMeetingWindow(demo_db, mid)
    live.resize(1366, 768)
    live.show()
    heading = live.heading.text()
    assert f"{end:%H:%M %d/%m/%Y}" in heading  # the planned end
    # Three hours ago, or four when three hours ago would have crossed midnight.
    hours = (datetime.now().replace(second=0, microsecond=0) - end) // timedelta(hours=1)
    assert f"đã quá giờ kết thúc dự kiến {hours} giờ" in heading
    panel = live.attendance
    panel.check_box.setText(first.name)
    qtbot.keyClick(panel.check_box, Qt.Key.Key_Return)
    box = panel.question
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "gõ nhầm" not in box.text()
    assert f"đã quá giờ kết thúc theo kế hoạch ({end:%H:%M %d/%m/%Y})" in box.text()
    assert f"ghi đến muộn lúc {datetime.now():%H:%M}" in box.text()
    _the_question(qtbot, box)
    qtbot.waitUntil(lambda: _status(demo_db, mid, first.name) == "late")
    live.close()

    tab, section = open_section(qtbot, demo_db, mid, "attendance")
    section.select(second.invitee_id)  # Đến muộn… (Ctrl+4), a time typed
    section.late_action.trigger()
    dialog = tab.view.last_dialog
    assert dialog is not None
    dialog.form.editor("arrived_at").setText(f"{datetime.now():%H:%M}")
    dialog.save_button.click()
    assert "gõ nhầm giờ" in dialog.question.text()
    _the_question(qtbot, dialog.question)
