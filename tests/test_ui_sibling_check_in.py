"""Two live meeting windows on one meeting, each on a Database of its own over one real demo
SQLite file (the laptop at the door and the secretary's PC): checking in another invitee from
the window that loaded the meeting before the other's mark is saved without a conflict, and
the window then shows the other's mark; the same invitee marked by both is still a conflict,
told by name."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from bdcq_desktop.core import meetings
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
from bdcq_desktop.ui.live_panels import ROW_ROLE
from tests.test_ui_meeting_hold import _marks
from tests.test_ui_room_checkin import _typed_for


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Iterator[None]:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def meeting(demo_db: Any) -> int:
    """A briefing that began a minute ago: a check-in now is "present"."""
    start = datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=1)
    chair = meetings.eligible_people(demo_db, start.date()).chairs[0].person_id
    return meetings.create_meeting(
        demo_db,
        kind="briefing",
        title="Làm việc về chuyển đổi số",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        chair_id=chair,
        invite_committee=True,
        now=start - timedelta(days=3),
    )


@pytest.fixture
def other(demo_db: Any) -> Iterator[Database]:
    database = open_database(demo_db.sqlite_path)
    yield database
    database.dispose()


def _window(qtbot: Any, db: Any, meeting_id: int) -> LiveMeetingWindow:
    window = LiveMeetingWindow(db, meeting_id)
    qtbot.addWidget(window)
    window.show()
    return window


def _check_in_typed(window: LiveMeetingWindow, typed: str) -> None:
    box = window.attendance.check_box
    box.setFocus()
    QTest.keyClicks(box, typed)
    QTest.keyClick(box, Qt.Key.Key_Return)


def _ticked(window: LiveMeetingWindow, invitee_id: int) -> bool:
    panel = window.attendance.list
    for i in range(panel.count()):
        item = panel.item(i)
        if item.data(ROW_ROLE).invitee_id == invitee_id:
            return item.checkState() == Qt.CheckState.Checked
    raise AssertionError(invitee_id)


def _no_dialog() -> bool:
    return not any(
        isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_a_second_window_checks_in_another_invitee_without_a_conflict(
    qtbot: Any, demo_db: Any, other: Database, meeting: int
) -> None:
    door = _window(qtbot, demo_db, meeting)
    desk = _window(qtbot, other, meeting)  # loaded before the door's first mark
    rows = [r for r in door.attendance.rows if r.category == "member"]
    (first, first_typed), (second, second_typed), (third, third_typed) = _typed_for(rows, 3)
    _check_in_typed(door, first_typed)
    assert door.notice.text() == f"Đã điểm danh: {first.name}."
    # The desk checks in someone else with the meeting read before the door's mark.
    _check_in_typed(desk, second_typed)
    assert desk.notice.text() == f"Đã điểm danh: {second.name}."
    assert _no_dialog() and desk.attendance.question is None
    marks = _marks(demo_db, meeting)
    assert (marks[first.name].status, marks[second.name].status) == ("present", "present")
    # The desk's list is the one now, with the door's mark, and its meeting version too.
    assert _ticked(desk, first.invitee_id) and _ticked(desk, second.invitee_id)
    assert desk.version == meetings.get_meeting(demo_db, meeting).version
    # Both mark the third: the door first; the desk's tick, from its list read before, is a
    # conflict that names them, and the list shows the door's mark.
    _check_in_typed(door, third_typed)
    assert _marks(demo_db, meeting)[third.name].status == "present"
    assert not _ticked(desk, third.invitee_id)
    panel = desk.attendance.list
    item = next(
        panel.item(i)
        for i in range(panel.count())
        if panel.item(i).data(ROW_ROLE).invitee_id == third.invitee_id
    )
    item.setCheckState(Qt.CheckState.Checked)
    assert third.name in desk.notice.text() and "nơi khác" in desk.notice.text()
    assert _ticked(desk, third.invitee_id)  # the door's mark, read again
    assert desk.version == meetings.get_meeting(demo_db, meeting).version
