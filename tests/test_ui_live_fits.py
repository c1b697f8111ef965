"""The live meeting window at 1366x768 on a real demo SQLite file: an agenda item with a long
title (a report's full name) does not widen the window past the screen, so the attendance
panel, "Kết thúc cuộc họp", "Thoát" and the help line stay in view; the title is whole in the
item's heading and in the tooltips."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from bdcq_desktop.core.agenda import set_agenda
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
from tests.test_meeting_docs import demo_ids

LONG = (
    "Sở Giáo dục và Đào tạo báo cáo kết quả triển khai chuyển đổi số trong giáo dục năm học "
    "2025–2026 và kế hoạch năm 2027, kèm theo đánh giá mức độ hoàn thành các chỉ tiêu của Đề án "
    "06 và đề xuất kinh phí"
)


def _inside(child: QWidget, window: QWidget) -> bool:
    top_left = child.mapTo(window, QPoint(0, 0))
    return (
        child.isVisible()
        and top_left.x() >= 0
        and top_left.x() + child.width() <= window.width()
        and top_left.y() + child.height() <= window.height()
    )


def test_a_long_item_title_keeps_the_window_within_the_screen(qtbot: Any, demo_db: Any) -> None:
    assert len(LONG) > 190
    meeting_id = demo_ids(demo_db)["convened"]
    detail = get_meeting(demo_db, meeting_id)
    set_agenda(
        demo_db,
        meeting_id,
        [{"title": LONG, "planned_minutes": 30}, {"title": "Thảo luận", "planned_minutes": 45}],
        expected_version=detail.version,
        confirm_after_convocation=True,
    )
    live = LiveMeetingWindow(demo_db, meeting_id)
    qtbot.addWidget(live)
    live.resize(1366, 768)
    live.show()
    qtbot.waitExposed(live)

    assert live.minimumSizeHint().width() <= 1366
    assert live.width() <= 1366
    for name in ("liveEnd", "liveLeave", "liveStart"):
        button = live.findChild(QPushButton, name)
        assert button is not None and _inside(button, live), name
    assert _inside(live.attendance, live)
    assert _inside(live.help_line, live)
    # The closed box is elided; the title is whole above it and in the tooltips.
    combo = live.item_combo
    assert combo.toolTip() == f"1. {LONG}"
    assert combo.itemData(0, Qt.ItemDataRole.ToolTipRole) == f"1. {LONG}"
    assert LONG in live.item_label.text()
