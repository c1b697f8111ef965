"""The counts line at the top of the Điểm danh page stays whole when it grows to two lines (a
mark made elsewhere read in after a conflict: "… (1 người dự trực tuyến) …; khách mời 0/1."):
laid out at once with its new height, never squeezed into the one line it had, its text cut
at the top and the bottom, while the sheet gives up the room."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsView
from tests.test_ui_meeting_hold import _initials, _section, meeting, tab, view  # noqa: F401


def _whole(label: Any) -> bool:
    return label.height() >= label.heightForWidth(label.width())


def test_the_counts_line_grows_whole_after_a_conflict(
    qtbot: Any, view: MeetingsView, demo_db: Any, meeting: int  # noqa: F811
) -> None:
    # The guest marked: every group's not yet marked is said, and with the guest's too the
    # line would be on two lines already.
    guest = next(r for r in attendance_rows(demo_db, meeting) if r.name == "Lê Khách")
    check_in(demo_db, meeting, guest.invitee_id, expected_version=None, status="present")
    view.reload()
    section = _section(view, "attendance")
    counts = section.counts
    qtbot.waitUntil(lambda: "khách mời 1/1." in counts.text())
    assert _whole(counts) and counts.heightForWidth(counts.width()) < 2 * counts.fontMetrics(
    ).lineSpacing()  # one line before
    section.box.setFocus()
    QTest.keyClicks(section.box, _initials(view.current_meeting().attendance[0].name))
    target = section.matches[0]
    # Marked online elsewhere meanwhile: Enter here is a conflict, the sheet is read anew and
    # the counts name the online one, on two lines.
    check_in(demo_db, meeting, target.invitee_id, expected_version=None, status="online")
    QTest.keyClick(section.box, Qt.Key.Key_Return)
    assert "trực tuyến" in counts.text() and section.message.isVisible()
    assert counts.heightForWidth(counts.width()) >= 2 * counts.fontMetrics().lineSpacing()
    # As shown now, before any later pass of the layout: the whole of it, from its first line.
    assert _whole(counts), (counts.height(), counts.heightForWidth(counts.width()))
    assert counts.geometry().top() >= 0
