"""The line under a check-in box says what Enter records: "Enter: đến muộn hh:mm" once the
meeting began past the grace the core allows (Enter records a late arrival), "Enter: có mặt"
before that; alike in the live window and Điểm danh nhanh. Real SQLite files, qtbot."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bdcq_desktop.core.attendance import attendance_rows
from bdcq_desktop.core.models import Meeting, Minutes
from tests.meeting_pane import open_section
from tests.test_ui_held_times import _ended_hours_ago


def _sitting(db: Any, started: timedelta) -> int:
    """The demo's held meeting moved to have begun ``started`` ago, for two hours, its actual
    start and end not recorded, nobody marked."""
    mid, _end = _ended_hours_ago(db)
    now = datetime.now().replace(second=0, microsecond=0)
    with db.session() as s:
        m = s.get(Meeting, mid)
        m.starts_at, m.ends_at = now - started, now - started + timedelta(hours=2)
        assert s.query(Minutes).filter_by(meeting_id=mid).one().opened_at is None
    return mid


def _name(db: Any, mid: int) -> str:
    return next(r.name for r in attendance_rows(db, mid) if not r.takes_the_minutes)


def test_the_live_line_says_enter_records_late(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow

    mid = _sitting(demo_db, timedelta(minutes=1))  # within the minutes allowed: present
    name = _name(demo_db, mid)
    live = LiveMeetingWindow(demo_db, mid)
    live.resize(1366, 768)
    live.show()
    panel = live.attendance
    panel.check_box.setText(name)
    assert "— Enter: có mặt" in panel.match_label.text()
    _sitting(demo_db, timedelta(minutes=40))  # the meeting is 40 minutes in
    panel.check_box.clear()
    panel.check_box.setText(name)
    line = panel.match_label.text()
    assert line.startswith(f"→ {name} (") and "— Enter: đến muộn " in line, line
    assert "Enter: có mặt" not in line
    said = line.rsplit("Enter: đến muộn ", 1)[1][:5]
    now = datetime.now()
    assert said in {f"{now - timedelta(minutes=1):%H:%M}", f"{now:%H:%M}"}  # the time now
    live.close()


def test_the_attendance_pages_line_says_the_same(qtbot: Any, demo_db: Any) -> None:
    mid = _sitting(demo_db, timedelta(minutes=40))
    name = _name(demo_db, mid)
    _tab, section = open_section(qtbot, demo_db, mid, "attendance")
    section.box.setText(name)
    assert "— Enter: đến muộn " in section.match_label.text()

