"""Checking people in at the meeting room by keyboard (meeting-room audit, items 1, 2 and 5),
on a real demo SQLite file, keys sent as the audit sent them:

- after a mark saved from a dialog the check-in box is empty, so the next name does not read
  "pham hngan"; a name matching nobody leaves nobody selected (the marks are off); replacing a
  substitute by an absence asks first;
- someone who walks in uninvited is added and checked in from the Điểm danh section (Ctrl+6),
  from Mời thêm (Ctrl+Shift+I) once the meeting is held, and from the live window (Alt+T);
- Esc in the live check-in box clears it; only from an empty box does Esc close the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.check_in_search import rank_matches
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.units import list_units
from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.tabs.meeting_attendance import AttendanceSection
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsView
from tests import test_ui_meeting_hold as hold
from tests.test_ui_meeting_hold import _dialog, _initials, _marks, _section

# The demo meeting of yesterday and the meetings tab showing it, as the hold tests have them.
meeting, tab, view, _fresh_view_state = hold.meeting, hold.tab, hold.view, hold._fresh_view_state

CTRL = Qt.KeyboardModifier.ControlModifier


def _typed_for(sheet: list[Any], n: int) -> list[tuple[Any, str]]:
    """``n`` members, each with the first letters that find them first."""
    out = []
    for r in sheet:
        if r.category == "member" and rank_matches(sheet, _initials(r.name))[0] == r:
            out.append((r, _initials(r.name)))
        if len(out) == n:
            return out
    raise AssertionError("not enough members")


def _type(section: AttendanceSection, text: str) -> None:
    """Letters typed after Alt+5: the first in the sheet moves the focus to the box, where
    the rest go (as the keyboard follows the focus)."""
    QTest.keyClicks(section.view, text[0])
    assert section.box.hasFocus()
    QTest.keyClicks(section.box, text[1:])


def _focus_sheet(view: MeetingsView) -> AttendanceSection:
    """Alt+5: the section shown, the focus in its sheet."""
    section = _section(view, "attendance")
    section.view.setFocus()
    return section


def test_the_box_is_empty_after_a_dialog_and_a_stray_name_selects_nobody(
    qtbot: Any, view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    section = _focus_sheet(view)
    (thuy, thuy_typed), (ngan, ngan_typed) = _typed_for(list(view.current_meeting().attendance), 2)
    # The first name, Ctrl+3, the substitute typed, Enter.
    _type(section, thuy_typed)
    assert section.box.text() == thuy_typed and section.current().invitee_id == thuy.invitee_id
    QTest.keyClick(section.box, Qt.Key.Key_3, CTRL)
    dialog = _dialog(view, "substituteDialog")
    QTest.keyClicks(dialog.form.editor("substitute_name"), "le thi mai")
    QTest.keyClick(dialog.form.editor("substitute_name"), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert _marks(demo_db, meeting)[thuy.name].status == "substitute"
    assert section.box.text() == ""  # the next name starts afresh
    # The next one: Alt+5, the letters, Ctrl+2, the reason, Enter: the absence is hers.
    section = _focus_sheet(view)
    _type(section, ngan_typed)
    assert section.box.text() == ngan_typed
    assert section.current().invitee_id == ngan.invitee_id
    QTest.keyClick(section.box, Qt.Key.Key_2, CTRL)
    dialog = _dialog(view, "absentDialog")
    assert ngan.name in dialog.windowTitle()
    QTest.keyClicks(dialog.form.editor("reason"), "Di cong tac tai Ha Noi")
    QTest.keyClick(dialog.form.editor("reason"), Qt.Key.Key_Return)
    marks = _marks(demo_db, meeting)
    assert (marks[ngan.name].status, marks[ngan.name].reason) == (
        "absent", "Di cong tac tai Ha Noi"
    )
    assert (marks[thuy.name].status, marks[thuy.name].substitute_name) == (
        "substitute", "Le Thi Mai"
    )
    assert section.box.text() == ""
    # Letters matching nobody: nobody selected, the marks off, Ctrl+2 opens nothing.
    QTest.keyClicks(section.box, "zzqx")
    assert section.current() is None
    assert not section.absent_action.isEnabled() and not section.present_action.isEnabled()
    view.last_dialog = None
    QTest.keyClick(section.box, Qt.Key.Key_2, CTRL)
    assert view.last_dialog is None
    assert _marks(demo_db, meeting)[thuy.name].status == "substitute"


def test_replacing_a_substitute_by_an_absence_asks_first(
    qtbot: Any, view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    section = _focus_sheet(view)
    d = view.current_meeting()
    thuy = next(r for r in d.attendance if r.category == "member")
    check_in(demo_db, meeting, thuy.invitee_id, expected_version=d.version,
             status="substitute", substitute_name="Lê Thị Mai")
    view.after_save(meeting)
    section.select(thuy.invitee_id)
    view.last_dialog = None
    QTest.keyClick(section.view, Qt.Key.Key_2, CTRL)
    question = section.question
    assert question is not None and question.isVisible()
    assert question.objectName() == "replaceMarkQuestion"
    assert thuy.name in question.text() and "Lê Thị Mai" in question.text()
    assert view.last_dialog is None  # no form before the answer
    question.findChild(QPushButton, "noButton").click()
    qtbot.waitUntil(lambda: not question.isVisible())
    assert view.last_dialog is None
    assert _marks(demo_db, meeting)[thuy.name].status == "substitute"
    # Asked again and answered "Thay": the absence form, for her.
    QTest.keyClick(section.view, Qt.Key.Key_2, CTRL)
    question = section.question
    question.findChild(QPushButton, "yesButton").click()
    dialog = _dialog(view, "absentDialog")
    assert thuy.name in dialog.windowTitle()


def test_a_walk_in_is_added_from_the_section_and_from_mời_thêm(
    qtbot: Any, view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    section = _focus_sheet(view)
    d = view.current_meeting()
    first = next(r for r in d.attendance if r.category == "member")
    check_in(demo_db, meeting, first.invitee_id, expected_version=d.version)
    view.after_save(meeting)
    assert view.current_meeting().status == "held"
    # The name typed finds nobody on the list; Ctrl+6 takes it into the walk-in form (Ctrl+5
    # is the online mark).
    _type(section, "le van khach")
    assert section.current() is None and "Ctrl+6" in section.match_label.text()
    QTest.keyClick(section.box, Qt.Key.Key_6, CTRL)
    dialog = _dialog(view, "walkInDialog")
    assert type(dialog).__name__ == "WalkInDialog"
    assert dialog.form.editor("guest_name").text() == "le van khach"
    assert dialog.person_id() is None  # "Người mới": nobody on record by that name
    position = dialog.form.editor("position")
    assert position.isEnabled()
    QTest.keyClicks(position, "Pho Giam doc VNPT Nghe An")
    QTest.keyClick(position, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    row = _marks(demo_db, meeting)["Le Van Khach"]
    assert (row.status, row.category, row.position) == (
        "present", "guest", "Pho Giam doc VNPT Nghe An"
    )
    assert "Le Van Khach" in section.message.text() and section.box.text() == ""
    assert section.current().name == "Le Van Khach"
    # Mời thêm (Ctrl+Shift+I) on the held meeting: the same form, a unit's head found by name.
    invited = {r.name for r in attendance_rows(demo_db, meeting)}
    unit = next(u for u in list_units(demo_db) if u.head and u.head not in invited)
    assert view.invite_action.isEnabled()
    view.table.view.setFocus()
    QTest.keyClick(view.table.view, Qt.Key.Key_I, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = _dialog(view, "walkInDialog")
    qtbot.waitUntil(dialog.name_box.hasFocus)  # the name box first, as the form opens
    dialog.name_box.setText(unit.head)  # the whole name: one person on record
    assert dialog.list.currentItem().text().startswith(unit.head)
    assert not dialog.form.editor("position").isEnabled()  # theirs comes from the record
    QTest.keyClick(dialog.name_box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    row = _marks(demo_db, meeting)[unit.head]
    assert row.status == "present" and row.category in ("agency_head", "member", "guest")


def test_live_window_esc_clears_the_box_and_alt_t_adds_a_walk_in(
    qtbot: Any, demo_db: Any, meeting: int
) -> None:
    d = get_meeting(demo_db, meeting)
    first = next(r for r in d.attendance if r.category == "member")
    check_in(demo_db, meeting, first.invitee_id, expected_version=d.version)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.meetings_tab)
    window.activateWindow()
    qtbot.waitExposed(window)
    meetings = window.meetings_tab.view
    assert meetings.table.select_where(lambda r: r.id == meeting)
    meetings.table.view.setFocus()
    qtbot.waitUntil(meetings.table.view.hasFocus)
    QTest.keyClick(meetings.table.view, Qt.Key.Key_F11)
    live = meetings.live_window
    assert isinstance(live, LiveMeetingWindow)
    live.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)
    box = live.attendance.check_box
    QTest.keyClick(live, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert box.hasFocus()
    QTest.keyClicks(box, "le van khach")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert "Alt+T" in live.notice.text()
    # Esc: the mistyped name goes, the window stays.
    QTest.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and meetings.live_window is live and live.isVisible()
    assert "Esc" in live.help_line.text() and "thoát" in live.help_line.text()
    assert "Shift+Enter" in live.help_line.text()  # the online check-in's key too
    # Alt+T with the name typed: the walk-in form, Enter saves it.
    QTest.keyClicks(box, "le van khach")
    QTest.keyClick(live, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    # A button's Alt letter clicks it as a click is drawn: a moment later.
    qtbot.waitUntil(lambda: live.attendance.walk_in is not None)
    dialog = live.attendance.walk_in
    qtbot.waitUntil(dialog.name_box.hasFocus)
    assert type(dialog).__name__ == "WalkInDialog" and dialog.isVisible()
    assert dialog.name_box.text() == "le van khach"
    # Added in the live window: a meeting running over still sits (the core's live rule).
    assert dialog.live
    QTest.keyClick(dialog.name_box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    row = _marks(demo_db, meeting)["Le Van Khach"]
    assert (row.status, row.category) == ("present", "guest")
    assert "Le Van Khach" in live.notice.text()
    assert live.version == get_meeting(demo_db, meeting).version
    texts = [live.attendance.list.item(i).text() for i in range(live.attendance.list.count())]
    assert any(t.startswith("Le Van Khach") for t in texts)
    assert box.text() == ""
    # From an empty box, Esc leaves the live window (everything saved).
    live.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: meetings.live_window is None)
