"""The Điểm danh section with a walk-in, on a real demo SQLite file: the walk-in form offers the
mark ("Điểm danh": by the clock, present, late, online) and saves the one chosen; the counter
keeps the invited's counts and adds "ngoài ra 1 người dự không theo giấy mời", as the
Thành phần section's counts do; the walk-in's row says so and takes an attending mark only;
"Xóa người dự thêm nhầm" (Ctrl+7) takes them off the list again, asked first."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QPushButton

from bdcq_desktop.core.attendance import check_in
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsView
from tests import test_ui_meeting_hold as hold
from tests.test_ui_meeting_hold import _dialog, _marks, _section

meeting, tab, view, _fresh_view_state = hold.meeting, hold.tab, hold.view, hold._fresh_view_state

CTRL = Qt.KeyboardModifier.ControlModifier
EXTRA = "ngoài ra 1 người dự không theo giấy mời"


def test_a_walk_in_checked_in_online_is_counted_apart_and_removed(
    qtbot: Any, view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    section = _section(view, "attendance")
    d = view.current_meeting()
    first = next(r for r in d.attendance if r.category == "member")
    check_in(demo_db, meeting, first.invitee_id, expected_version=d.version)
    view.after_save(meeting)
    before = section.counts.text()
    invitees = _section(view, "invitees").counts.text()
    assert before and "không theo giấy mời" not in before

    section = _section(view, "attendance")
    section.box.setText("le van khach")
    QTest.keyClick(section.box, Qt.Key.Key_6, CTRL)
    dialog = _dialog(view, "walkInDialog")
    status = dialog.form.editor("status")
    assert isinstance(status, QComboBox) and status.isEnabled()
    offered = [status.itemData(i) for i in range(status.count())]
    # Yesterday's meeting is over: nobody arrives now, "Đến muộn (lúc này)" is not offered.
    assert offered == ["auto", "present", "online"]
    assert status.currentData() == "auto"  # by the clock, as before, unless told
    status.setCurrentIndex(offered.index("online"))
    position = dialog.form.editor("position")
    QTest.keyClicks(position, "Pho Giam doc VNPT Nghe An")
    QTest.keyClick(position, Qt.Key.Key_Return)
    assert not dialog.isVisible()

    row = _marks(demo_db, meeting)["Le Van Khach"]
    assert (row.status, row.walk_in) == ("online", True)
    assert "Dự trực tuyến" in section.message.text()
    # The invited's counts as they were; the walk-in apart.
    assert section.counts.text() == before.removesuffix(".") + f"; {EXTRA}."
    shown = section.current()
    assert shown is not None and shown.name == "Le Van Khach"
    assert shown.category_label == "Khách mời (không theo giấy mời)"
    assert section.model.data(section.model.index(section.model.find_row(
        lambda r: r.invitee_id == shown.invitee_id), 3)) == "Không theo giấy mời"  # fmt: skip
    assert _section(view, "invitees").counts.text() == invitees + f"; {EXTRA}"

    # On their row: an attending mark only, or removal.
    section = _section(view, "attendance")
    section.select(row.invitee_id)
    assert not section.absent_action.isEnabled() and not section.clear_action.isEnabled()
    assert section.present_action.isEnabled() and section.remove_walk_in_action.isEnabled()
    section.select(first.invitee_id)
    assert not section.remove_walk_in_action.isEnabled()  # an invited person stays listed

    section.select(row.invitee_id)
    section.view.setFocus()
    QTest.keyClick(section.view, Qt.Key.Key_7, CTRL)
    question = section.question
    assert question is not None and question.objectName() == "removeWalkInQuestion"
    assert "Le Van Khach" in question.text()
    question.findChild(QPushButton, "yesButton").click()
    qtbot.waitUntil(lambda: "Le Van Khach" not in _marks(demo_db, meeting))
    assert section.counts.text() == before
    assert "Đã xóa" in section.message.text()


def test_late_now_refused_on_save_is_told_on_the_marks_field(qtbot: Any, demo_db: Any) -> None:
    """Offered while the meeting may be sitting; its end recorded meanwhile (elsewhere), the
    refusal is on "Điểm danh", the field chosen, not about a "Giờ đến" the form lacks."""
    from PySide6.QtWidgets import QWidget

    from bdcq_desktop.core.models import Minutes
    from bdcq_desktop.ui.dialogs.walk_in_dialog import WalkInDialog
    from tests.test_ui_held_times import _ended_hours_ago

    mid, end = _ended_hours_ago(demo_db)  # today's, past its planned end, no end recorded
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = WalkInDialog(demo_db, mid, "Le Van Muon", parent)
    dialog.show()
    status = dialog.form.editor("status")
    offered = [status.itemData(i) for i in range(status.count())]
    assert offered == ["auto", "present", "late", "online"]  # it may still be sitting
    status.setCurrentIndex(offered.index("late"))
    with demo_db.session() as s:  # ended at the planned end, recorded on another computer
        s.query(Minutes).filter_by(meeting_id=mid).one().closed_at = end
    QTest.keyClick(dialog.name_box, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.banner.isVisible()
    error = dialog.form.error_label("status").text()
    assert "Cuộc họp đã kết thúc" in error and "Có mặt" in error and "Giờ đến" not in error
    assert dialog.name_box.text() == "Le Van Muon"  # kept
    assert "Le Van Muon" not in _marks(demo_db, mid)
    dialog.reject()


def test_the_walk_in_added_is_in_view_under_the_notice(
    qtbot: Any, view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    """Added last to the list, the walk-in is the current row and in sight: the line saying so
    appears under the table and shrinks it, after which the row is scrolled to again."""
    section = _section(view, "attendance")
    view.window().resize(1366, 640)
    qtbot.wait(50)
    assert not section.message.isVisible()  # the line not yet there: the table at its tallest
    section.box.setText("le van khach")
    QTest.keyClick(section.box, Qt.Key.Key_6, CTRL)
    dialog = _dialog(view, "walkInDialog")
    QTest.keyClick(dialog.name_box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    table = section.view
    assert section.current() is not None and section.current().name == "Le Van Khach"
    assert section.message.isVisible()
    qtbot.wait(50)  # the layout settled, as the officer sees it
    rect = table.visualRect(table.currentIndex())
    assert table.viewport().rect().contains(rect), (rect, table.viewport().rect())


def test_late_now_is_offered_and_filled_in_from_the_recorded_start_as_the_core_judges(
    qtbot: Any, view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    """Planned to start in half an hour, the meeting began twenty minutes ago (its start
    recorded): it is sitting now, as the core judges an arrival (core.held_times.sitting, the
    recorded start, else the planned one). The walk-in form offers "late, now", and "Đến muộn"
    fills in now, which the core takes: not the planned start's answer."""
    from datetime import datetime, timedelta

    from bdcq_desktop.core.held_times import HeldTimes, sitting
    from bdcq_desktop.core.models import Meeting, Minutes
    from bdcq_desktop.ui.dialogs.walk_in_dialog import WalkInDialog

    now = datetime.now().replace(second=0, microsecond=0)
    # The planned start stays on today's date: a meeting planned for tomorrow is not marked
    # today, whatever its recorded start (run at 23:40, "in half an hour" was tomorrow).
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
    ahead = min(timedelta(minutes=30), midnight - now - timedelta(minutes=1))
    if ahead < timedelta(minutes=1):
        pytest.skip("the day's last two minutes leave no planned start between now and midnight")
    begun = now - timedelta(minutes=20)
    with demo_db.session() as s:
        m = s.get(Meeting, meeting)
        m.starts_at, m.ends_at = now + ahead, now + ahead + timedelta(hours=3)
        mins = s.query(Minutes).filter_by(meeting_id=meeting).one_or_none()
        if mins is None:
            mins = Minutes(meeting_id=meeting)
            s.add(mins)
        mins.opened_at = begun
    planned = HeldTimes.of(now + ahead, None, None)
    assert not sitting(planned, planned.start, None, now)  # by the plan, not yet begun
    assert sitting(HeldTimes.of(planned.start, begun, None), planned.start, None, now)
    view.after_save(meeting)
    dialog = WalkInDialog(demo_db, meeting, "Le Van Muon")
    qtbot.addWidget(dialog)
    status = dialog.form.editor("status")
    assert "late" in [status.itemData(i) for i in range(status.count())]
    dialog.reject()
    section = _section(view, "attendance")
    row = next(r for r in view.current_meeting().attendance if r.category == "member")
    section.select(row.invitee_id)
    section.mark_late()
    late = _dialog(view, "lateDialog")
    typed = late.form.editor("arrived_at").text()
    assert typed and abs(
        datetime.combine(now.date(), datetime.strptime(typed, "%H:%M").time()) - now
    ) <= timedelta(minutes=2)
    assert late.try_save()  # the core takes it: arrived after the recorded start
    assert _marks(demo_db, meeting)[row.name].status == "late"
