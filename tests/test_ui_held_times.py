"""The held meeting's times in the window: "Bắt đầu cuộc họp" in the live window, the actual end
asked before the minutes are issued (Biên bản › Ban hành, and the document dialog), and a
check-in far past the planned end asked once in the live window (Enter accepts). Real SQLite
files, driven with qtbot."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QWidget

from bdcq_desktop.core.attendance import attendance_rows
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.models import AttendanceStatus, Invitee, Meeting, Minutes
from bdcq_desktop.ui import view_state
from tests.test_meeting_docs import demo_ids

TIMEOUT = 60_000


@pytest.fixture
def fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _ended_hours_ago(db: Any) -> tuple[int, datetime]:
    """The demo's held meeting moved to four to three hours ago, no actual time recorded and
    nobody marked: as it stands when the room forgot to end it. Returns it and its end."""
    mid = demo_ids(db)["held"]
    now = datetime.now().replace(second=0, microsecond=0)
    start, end = now - timedelta(hours=4), now - timedelta(hours=3)
    if start.date() != end.date():  # between 03:00 and 04:00: kept on one day, an hour earlier
        start, end = start - timedelta(hours=1), end - timedelta(hours=1)
    with db.session() as s:
        m = s.get(Meeting, mid)
        m.starts_at, m.ends_at = start, end
        mins = s.query(Minutes).filter_by(meeting_id=mid).one()
        mins.opened_at = mins.closed_at = None
        for inv in s.query(Invitee).filter_by(meeting_id=mid):
            inv.attendance, inv.arrived_at = AttendanceStatus.UNKNOWN, None
            inv.absence_reason = inv.substitute_name = inv.substitute_position = None
    return mid, end


def test_starting_the_meeting_in_the_live_window_records_its_actual_start(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow

    mid = demo_ids(demo_db)["held"]
    start = get_meeting(demo_db, mid).starts_at
    live = LiveMeetingWindow(demo_db, mid)
    live.resize(1366, 768)
    live.show()
    button = live.findChild(QPushButton, "liveStart")
    assert button is not None and button.text() == "&Bắt đầu cuộc họp…"
    assert "Alt+B: bắt đầu cuộc họp" in live.help_line.text()
    live.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)
    live.notes.setFocus()
    qtbot.waitUntil(live.notes.hasFocus)
    # Keyboard reachable from where the secretary types (after the button's press animation).
    qtbot.keyClick(live.notes, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: live.start_dialog is not None and live.start_dialog.isVisible())
    dialog = live.start_dialog
    box = dialog.form.editor("opened_at")  # type: ignore[attr-defined]
    assert isinstance(box, QLineEdit) and box.text()  # now, editable
    actual = start + timedelta(minutes=15)
    box.setText(f"{actual:%H:%M}")
    dialog.save_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    d = get_meeting(demo_db, mid)
    assert d.minutes is not None and d.minutes.opened_at == actual
    assert d.starts_at == start  # the plan is left as it was
    assert f"{actual:%H:%M}" in live.notice.text()
    assert live.version == d.version  # read again: the next check-in does not conflict
    live.close()


def test_a_check_in_far_past_the_planned_end_is_asked_once(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow

    mid, _end = _ended_hours_ago(demo_db)
    row = next(r for r in attendance_rows(demo_db, mid) if not r.takes_the_minutes)
    live = LiveMeetingWindow(demo_db, mid)
    live.show()
    panel = live.attendance
    panel.check_box.setText(row.name)
    qtbot.keyClick(panel.check_box, Qt.Key.Key_Return)
    box = panel.question
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert row.name in box.text() and "Giờ kết thúc thực tế" in box.text()
    assert next(r for r in attendance_rows(demo_db, mid) if r.invitee_id == row.invitee_id
                ).status == "unknown"  # nothing recorded before the answer
    assert box.defaultButton() is not None
    assert box.defaultButton().objectName() == "yesButton"  # Enter accepts
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: next(r for r in attendance_rows(demo_db, mid) if r.invitee_id == row.invitee_id
                     ).status == "late"
    )
    assert panel.check_box.text() == ""
    live.close()


def test_issuing_minutes_without_the_actual_end_asks_it_first(
    qtbot: Any, demo_db: Any, fresh_view_state: Any
) -> None:
    from bdcq_desktop.ui.tabs.meeting_minutes import MinutesSection
    from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab

    mid, end = _ended_hours_ago(demo_db)
    with demo_db.session() as s:  # everyone marked: the only question is the end
        for inv in s.query(Invitee).filter_by(meeting_id=mid):
            inv.attendance = AttendanceStatus.PRESENT
    tab = MeetingsTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    view = tab.view
    assert view.table.select_where(lambda r: r.id == mid)
    sec = view.pane.section("minutes")
    assert isinstance(sec, MinutesSection)
    view.pane.sections.setCurrentWidget(sec)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == mid)

    qtbot.mouseClick(sec.finalise_button, Qt.MouseButton.LeftButton)
    dialog = sec.host.last_dialog
    assert dialog is not None and dialog.objectName() == "closeTimeDialog"
    box = dialog.form.editor("closed_at")
    assert box.text() == f"{end:%H:%M}"  # the planned end, offered
    assert dialog.save_button.text().replace("&", "") == "Ghi và ban hành…"
    later = end + timedelta(minutes=20)
    box.setText(f"{later:%H:%M}")
    dialog.save_button.click()
    # Recorded, then the usual question; nothing issued yet.
    qtbot.waitUntil(lambda: isinstance(sec.host.last_dialog, QMessageBox))
    assert get_meeting(demo_db, mid).minutes.closed_at == later
    assert get_meeting(demo_db, mid).minutes.status != "final"
    question = sec.host.last_dialog
    assert "Ban hành biên bản" in question.text()
    question.defaultButton().click()
    qtbot.waitUntil(lambda: sec.is_locked(), timeout=TIMEOUT)
    assert get_meeting(demo_db, mid).minutes.closed_at == later  # as issued, unaltered


def test_the_document_dialog_asks_the_end_before_issuing_minutes(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog

    mid, end = _ended_hours_ago(demo_db)
    dialog = DocumentDialog(demo_db, "meeting", mid, "Cuộc họp", kind="minutes")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=TIMEOUT)
    dialog.issue()
    asked = dialog.end_dialog
    assert asked is not None
    box = asked.form.editor("closed_at")
    assert box.text() == f"{end:%H:%M}"  # the planned end, offered
    asked.reject()
    qtbot.wait(200)
    assert dialog.end_dialog is None  # closed, let go
    assert get_meeting(demo_db, mid).minutes.closed_at is None  # cancelled: nothing recorded
    assert get_meeting(demo_db, mid).minutes.status != "final"
    dialog.close()
    qtbot.wait(200)


def _forgotten_times(db: Any) -> int:
    """The demo's held meeting, of a past day, with no actual start or end recorded."""
    mid = demo_ids(db)["held"]
    with db.session() as s:
        mins = s.query(Minutes).filter_by(meeting_id=mid).one()
        mins.opened_at = mins.closed_at = None
        for inv in s.query(Invitee).filter_by(meeting_id=mid):
            inv.arrived_at = None  # no arrival after the planned end to refuse it
    return mid


def test_a_past_days_meeting_is_started_and_ended_at_its_planned_times(
    qtbot: Any, demo_db: Any
) -> None:
    """Now would be a time of the wrong day, refused on save: the planned times are offered,
    and the end is reached by Alt+H from the notes."""
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow

    mid = _forgotten_times(demo_db)
    planned = get_meeting(demo_db, mid)
    assert planned.starts_at.date() < datetime.now().date() and planned.ends_at is not None
    live = LiveMeetingWindow(demo_db, mid)
    live.resize(1366, 768)
    live.show()
    assert "Alt+H: kết thúc cuộc họp" in live.help_line.text()
    live.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)
    live.notes.setFocus()
    qtbot.waitUntil(live.notes.hasFocus)
    qtbot.keyClick(live.notes, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: live.start_dialog is not None and live.start_dialog.isVisible())
    start = live.start_dialog
    assert start.form.editor("opened_at").text() == f"{planned.starts_at:%H:%M}"
    start.save_button.click()
    qtbot.waitUntil(lambda: not start.isVisible())
    assert get_meeting(demo_db, mid).minutes.opened_at == planned.starts_at

    live.activateWindow()  # offscreen, closing the dialog leaves no window active
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)
    live.notes.setFocus()
    qtbot.waitUntil(live.notes.hasFocus)
    qtbot.keyClick(live.notes, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    # A button's Alt letter clicks it after its short press animation.
    qtbot.waitUntil(lambda: live.end_dialog is not None and live.end_dialog.isVisible())
    end = live.end_dialog
    assert end.form.editor("closed_at").text() == f"{planned.ends_at:%H:%M}"
    end.save_button.click()  # taken as offered: the window closes
    qtbot.waitUntil(lambda: not live.isVisible())
    assert get_meeting(demo_db, mid).minutes.closed_at == planned.ends_at


def test_the_end_forms_help_says_how_an_earlier_time_is_read(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.tabs.minutes_dialogs import close_time_dialog

    mid = _forgotten_times(demo_db)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = close_time_dialog(parent, demo_db, mid)
    help_text = dialog.form.editor("closed_at").toolTip()  # the field's help
    assert "sang ngày hôm sau" in help_text and "không quá 6 giờ" in help_text
    dialog.reject()


def test_starting_the_meeting_says_how_many_late_marks_became_present(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow

    mid = _forgotten_times(demo_db)
    start = get_meeting(demo_db, mid).starts_at
    with demo_db.session() as s:  # two marked late by the planned start, before it began
        rows = [i for i in s.query(Invitee).filter_by(meeting_id=mid).order_by(Invitee.id)
                if i.attendance == AttendanceStatus.PRESENT][:2]
        assert len(rows) == 2
        for n, inv in enumerate(rows, start=1):
            inv.arrived_at = start + timedelta(minutes=5 * n)
    live = LiveMeetingWindow(demo_db, mid)
    live.resize(1366, 768)
    live.show()
    live.start_meeting()
    dialog = live.start_dialog
    actual = start + timedelta(minutes=15)
    dialog.form.editor("opened_at").setText(f"{actual:%H:%M}")  # type: ignore[attr-defined]
    dialog.save_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert live.notice.text() == (
        f"Đã ghi giờ bắt đầu {actual:%H:%M}; 2 người ghi đến muộn trước giờ này được tính là "
        "có mặt (giờ đến vẫn giữ)."
    )
    assert all(r.status == "present" for r in attendance_rows(demo_db, mid)
               if r.invitee_id in {i.id for i in rows})
    live.close()
