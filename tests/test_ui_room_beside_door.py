"""Two live meeting windows on one meeting, each on a Database of its own over one real demo
SQLite file: the laptop at the door checks people in, the secretary's window records the
chair's conclusions. A conclusion recorded after a check-in at the door is saved without any
conflict message, and the window then holds the meeting as it is now; a refusal (a conflict
included) is shown as the app shows refusals, apart from what was done."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bdcq_desktop.core import meetings
from bdcq_desktop.core.conclusions import list_conclusions
from bdcq_desktop.core.db import Database
from tests.test_ui_room_checkin import _typed_for
from tests.test_ui_sibling_check_in import (  # noqa: F401  (fixtures)
    _check_in_typed,
    _fresh_view_state,
    _no_dialog,
    _ticked,
    _window,
    meeting,
    other,
)


def _done(window: Any) -> bool:
    """The line under the panels shows a success: the app's green, no banner."""
    style = window.notice.styleSheet()
    return "#1b5e20" in style and "background" not in style


def _refused(window: Any) -> bool:
    """…shows a refusal as the app's banners do: red on pink, framed."""
    style = window.notice.styleSheet()
    return "#b71c1c" in style and "#fdecea" in style and "#1b5e20" not in style


def _record(window: Any, text: str) -> None:
    """Typed in the box, then "Ghi kết luận" (two windows: the button, not a key that needs
    the window active)."""
    window.conclusions.input.setPlainText(text)
    QTest.mouseClick(window.conclusions.add_button, Qt.MouseButton.LeftButton)


def test_a_conclusion_recorded_after_a_check_in_at_the_door(
    qtbot: Any, demo_db: Any, other: Database, meeting: int  # noqa: F811
) -> None:
    door = _window(qtbot, demo_db, meeting)
    desk = _window(qtbot, other, meeting)  # the secretary's, opened before the door's marks
    rows = [r for r in door.attendance.rows if r.category == "member"]
    (first, first_typed), (_second, second_typed) = _typed_for(rows, 2)
    _check_in_typed(door, first_typed)
    assert door.notice.text() == f"Đã điểm danh: {first.name}."
    assert _done(door)

    _record(desk, "Giao các sở đẩy nhanh chuyển đổi số.")
    assert desk.notice.text() == "Đã ghi kết luận."
    assert _done(desk) and _no_dialog()
    assert desk.conclusions.input.toPlainText() == ""
    assert [c.text for c in list_conclusions(demo_db, meeting)] == [
        "Giao các sở đẩy nhanh chuyển đổi số."
    ]
    # The window holds the meeting as it is now: its version, the door's mark shown.
    assert desk.version == meetings.get_meeting(demo_db, meeting).version
    assert _ticked(desk, first.invitee_id)
    # Another check-in at the door, then the next conclusion: saved as well, numbered 2.
    _check_in_typed(door, second_typed)
    _record(desk, "Sở Tài chính bố trí kinh phí.")
    assert desk.notice.text() == "Đã ghi kết luận."
    assert [desk.conclusions.list.item(i).text() for i in range(2)] == [
        "1. Giao các sở đẩy nhanh chuyển đổi số.",
        "2. Sở Tài chính bố trí kinh phí.",
    ]

    # A refusal is no success: a name typed at the door matching nobody is refused, shown
    # as a refusal.
    _check_in_typed(door, "khong co ai")
    assert door.notice.text().startswith("Chưa điểm danh ai")
    assert _refused(door)
    # Then a success turns it back.
    _record(door, "Văn phòng tổng hợp.")
    assert door.notice.text() == "Đã ghi kết luận." and _done(door)
