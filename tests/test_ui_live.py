"""The live meeting window on a real demo SQLite file: F11 opens it on the selected meeting,
notes typed under three agenda items reach the database through the autosave worker (waited
for, never slept on), the timer shows elapsed against planned time, attendance is ticked and a
conclusion added from the window, Esc leaves; and the remembered meeting reopens on the next
start (the crash itself, a real process killed, is in test_live_crash.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core.attendance import attendance_rows
from bdcq_desktop.core.conclusions import list_conclusions
from bdcq_desktop.core.live_notes import item_notes, last_saved
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.live_agenda import clock
from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
from bdcq_desktop.ui.live_memory import LIVE_KEY, remember_live, remembered_live
from bdcq_desktop.ui.main_window import MainWindow
from tests.test_meeting_docs import demo_ids

TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def window(qtbot: Any, demo_db: Any) -> MainWindow:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.meetings_tab)
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def _stored(db: Any, meeting_id: int) -> dict[int, str]:
    return {n.item_id: n.text for n in item_notes(db, meeting_id)}


def _open_with_f11(qtbot: Any, window: MainWindow, meeting_id: int) -> LiveMeetingWindow:
    view = window.meetings_tab.view
    assert view.table.select_where(lambda r: r.id == meeting_id)
    table = view.table.view
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    QTest.keyClick(table, Qt.Key.Key_F11)
    live = view.live_window
    assert isinstance(live, LiveMeetingWindow) and live.isVisible()
    assert live.meeting_id == meeting_id
    live.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)
    return live


def test_live_mode_through_three_items(qtbot: Any, demo_db: Any, window: MainWindow) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    live = _open_with_f11(qtbot, window, meeting_id)
    assert remembered_live(demo_db) == meeting_id  # remembered while open
    items = [i for i, _t in live.items]
    assert len(items) == 3
    assert "Mục 1/3" in live.item_label.text()
    assert "Thời gian mục này: 00:0" in live.timer_label.text()
    # The planned length in minutes, not as a clock ("dự kiến 10:00" read as ten o'clock).
    assert re.search(r"dự kiến \d+ phút", live.timer_label.text()), live.timer_label.text()
    # Key events of plain letters (QTest types ASCII only; Vietnamese arrives from the input
    # method as text, the same textChanged path).
    typed = {
        items[0]: "To cong tac bao cao: 12/15 chi so dat.",
        items[1]: "So Tai chinh de nghi bo sung kinh phi.",
        items[2]: "Pho Truong ban ket luan.",
    }
    for n, item in enumerate(items):
        live.notes.setFocus()
        qtbot.waitUntil(live.notes.hasFocus)
        QTest.keyClicks(live.notes, typed[item])
        assert live.notes.toPlainText().endswith(typed[item])
        if n < 2:
            # The next item: Alt+→ (Ctrl+PgDn too); what was typed goes to the database at once.
            key = Qt.Key.Key_Right if n == 0 else Qt.Key.Key_PageDown
            mod = Qt.KeyboardModifier.AltModifier if n == 0 else Qt.KeyboardModifier.ControlModifier
            QTest.keyClick(live.notes, key, mod)
            assert f"Mục {n + 2}/3" in live.item_label.text()
    qtbot.waitUntil(
        lambda: all(_stored(demo_db, meeting_id)[i].endswith(t) for i, t in typed.items()),
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: live.saved_label.text().startswith("Đã lưu"), timeout=TIMEOUT)
    # Back to the first item: its notes as typed.
    QTest.keyClick(live.notes, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(live.notes, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert "Mục 1/3" in live.item_label.text()
    assert live.notes.toPlainText().endswith(typed[items[0]])
    assert live.item_seconds(items[1]) > 0

    # Attendance: untick someone present, then check them in by the first letters of the name.
    rows = attendance_rows(demo_db, meeting_id)
    person = next(r for r in rows if r.status == "present")
    panel = live.attendance
    index = next(
        i for i in range(panel.list.count()) if panel.list.item(i).text().startswith(person.name)
    )
    panel.list.item(index).setCheckState(Qt.CheckState.Unchecked)
    assert {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting_id)}[
        person.invitee_id
    ] == "unknown"
    assert "chưa điểm danh 1" in panel.counts.text() or "chưa điểm danh" in panel.counts.text()
    panel.check_box.setText(" ".join(w[:2] for w in person.name.split()))
    QTest.keyClick(panel.check_box, Qt.Key.Key_Return)
    marked = {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting_id)}
    assert marked[person.invitee_id] in ("present", "late")
    assert panel.check_box.text() == ""

    # A conclusion as it is spoken: Ctrl+Enter adds it.
    before = len(list_conclusions(demo_db, meeting_id))
    live.conclusions.input.setFocus()
    qtbot.waitUntil(live.conclusions.input.hasFocus)
    QTest.keyClicks(live.conclusions.input, "Giao So Tai chinh tham muu bo tri kinh phi.")
    QTest.keyClick(live.conclusions.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    after = list_conclusions(demo_db, meeting_id)
    assert (
        len(after) == before + 1 and after[-1].text == "Giao So Tai chinh tham muu bo tri kinh phi."
    )
    assert live.conclusions.input.toPlainText() == ""
    assert live.conclusions.list.count() == before + 1

    # Esc leaves: everything saved, the meeting no longer remembered, the record refreshed.
    QTest.keyClick(live.notes, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.meetings_tab.view.live_window is None)
    assert remembered_live(demo_db) is None
    assert get_meeting(demo_db, meeting_id).conclusions[-1].text.startswith("Giao So Tai chinh")


def test_typing_does_not_wait_for_the_database(
    qtbot: Any, demo_db: Any, window: MainWindow
) -> None:
    """Keystrokes are queued, the saving is the worker's: with the database locked by another
    writer, typing goes on and the text is saved once the lock is released."""
    meeting_id = demo_ids(demo_db)["held"]
    live = _open_with_f11(qtbot, window, meeting_id)
    item = live.current_item()
    other = demo_db.engine.raw_connection()
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        live.notes.setFocus()
        QTest.keyClicks(live.notes, "Go trong luc co so du lieu ban")
        assert live.notes.toPlainText().endswith("Go trong luc co so du lieu ban")
        assert live.saved_label.text() in ("Đang chờ lưu…", "Chưa lưu được — đang thử lại")
    finally:
        other.rollback()
        other.close()
    qtbot.waitUntil(
        lambda: _stored(demo_db, meeting_id)[item].endswith("co so du lieu ban"), timeout=TIMEOUT
    )
    live.close()


def test_the_next_start_reopens_the_remembered_meeting(qtbot: Any, demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    remember_live(demo_db, meeting_id)  # what an open live window leaves when killed
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.load_data()
    live = window.meetings_tab.view.live_window
    assert isinstance(live, LiveMeetingWindow) and live.meeting_id == meeting_id
    assert window.tabs.currentWidget() is window.meetings_tab
    live.close()
    assert remembered_live(demo_db) is None


def test_opened_by_hand_it_shows_the_last_save_and_no_recovery_banner(
    qtbot: Any, demo_db: Any, window: MainWindow
) -> None:
    meeting_id = demo_ids(demo_db)["held"]  # its notes were typed before
    live = _open_with_f11(qtbot, window, meeting_id)
    assert not live.recovery_banner.isVisible()
    assert live.current == 0
    assert live.saved_label.text().startswith("Đã lưu ")  # not "Chưa gõ ghi chép"
    live.close()


def test_reopened_without_timers_says_they_start_again(qtbot: Any, demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    remember_live(demo_db, meeting_id)  # killed before any timer was written
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.load_data()
    live = window.meetings_tab.view.live_window
    assert isinstance(live, LiveMeetingWindow)
    last = last_saved(item_notes(demo_db, meeting_id))
    assert last is not None and live.current_item() == last.item_id
    text = live.recovery_text.text()
    assert "đóng bất thường" in text and f"mục {last.order} “{last.title}”" in text
    assert "tính lại từ 00:00" in text
    assert live.saved_label.text().startswith("Đã khôi phục bản lưu lúc ")
    live.close()


def test_a_closed_meeting_is_not_reopened(qtbot: Any, demo_db: Any) -> None:
    ids = demo_ids(demo_db)
    remember_live(demo_db, ids["cancelled"])
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.load_data()
    assert window.meetings_tab.view.live_window is None
    assert view_state.value(LIVE_KEY) is None  # forgotten


def test_clock() -> None:
    assert (clock(0), clock(65), clock(3723)) == ("00:00", "01:05", "1:02:03")
