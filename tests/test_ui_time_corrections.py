"""A held meeting's actual start or end already recorded: "Bắt đầu cuộc họp" (Alt+B) and "Kết
thúc cuộc họp" (Alt+H) in the live window, "Giờ bắt đầu…" / "Giờ kết thúc…" in Biên bản open on
the recorded time, say it is a correction, and show what the time means as a visible line.
Real SQLite files, driven with qtbot."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.models import Minutes
from tests.test_meeting_docs import demo_ids


def _recorded(db: Any) -> tuple[int, datetime, datetime]:
    """The demo's held meeting (of a past day) with its actual start 15 minutes after the
    planned one and its end 10 minutes before the planned end."""
    mid = demo_ids(db)["held"]
    d = get_meeting(db, mid)
    assert d.ends_at is not None
    opened, closed = d.starts_at + timedelta(minutes=15), d.ends_at - timedelta(minutes=10)
    with db.session() as s:
        mins = s.query(Minutes).filter_by(meeting_id=mid).one()
        mins.opened_at, mins.closed_at = opened, closed
    return mid, opened, closed


def _intro(dialog: QWidget) -> str:
    label = dialog.findChild(QLabel, "dialogIntro")
    assert label is not None and label.isVisible()
    return label.text()


def _live(qtbot: Any, db: Any, mid: int) -> Any:
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow

    live = LiveMeetingWindow(db, mid)
    live.resize(1366, 768)
    live.show()
    live.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)
    live.notes.setFocus()
    qtbot.waitUntil(live.notes.hasFocus)
    return live


def test_alt_b_on_a_recorded_start_opens_on_it_as_a_correction(
    qtbot: Any, demo_db: Any
) -> None:
    mid, opened, _closed = _recorded(demo_db)
    live = _live(qtbot, demo_db, mid)
    qtbot.keyClick(live.notes, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: live.start_dialog is not None and live.start_dialog.isVisible())
    dialog = live.start_dialog
    assert dialog.windowTitle() == "Sửa giờ bắt đầu"
    box = dialog.form.editor("opened_at")
    assert box.text() == f"{opened:%H:%M}"  # the recorded start, not the planned one or now
    intro = _intro(dialog)
    assert f"Đã ghi giờ bắt đầu {opened:%H:%M} — sửa lại:" in intro
    assert "người đến sau giờ này được ghi là đến muộn" in intro
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter by reflex: the recorded start stays
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_meeting(demo_db, mid).minutes.opened_at == opened
    live.close()


def test_alt_h_on_a_recorded_end_opens_on_it_as_a_correction(qtbot: Any, demo_db: Any) -> None:
    mid, _opened, closed = _recorded(demo_db)
    live = _live(qtbot, demo_db, mid)
    qtbot.keyClick(live.notes, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: live.end_dialog is not None and live.end_dialog.isVisible())
    dialog = live.end_dialog
    assert dialog.windowTitle() == "Sửa giờ kết thúc"
    box = dialog.form.editor("closed_at")
    assert box.text() == f"{closed:%H:%M}"  # the recorded end, not the planned one
    intro = _intro(dialog)
    assert f"Đã ghi giờ kết thúc {closed:%H:%M} — sửa lại:" in intro
    assert "sang ngày hôm sau" in intro  # the next-day rule, visible
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not live.isVisible())
    assert get_meeting(demo_db, mid).minutes.closed_at == closed
    live.close()


def test_the_minutes_time_dialogs_say_a_recorded_time_is_corrected(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.ui.tabs.minutes_dialogs import close_time_dialog, start_time_dialog

    mid, opened, closed = _recorded(demo_db)
    parent = QWidget()
    qtbot.addWidget(parent)
    start = start_time_dialog(parent, demo_db, mid)
    start.show()
    assert start.windowTitle() == "Sửa giờ bắt đầu"
    assert f"Đã ghi giờ bắt đầu {opened:%H:%M} — sửa lại:" in _intro(start)
    start.reject()
    end = close_time_dialog(parent, demo_db, mid)
    end.show()
    assert end.windowTitle() == "Sửa giờ kết thúc"
    assert f"Đã ghi giờ kết thúc {closed:%H:%M} — sửa lại:" in _intro(end)
    end.reject()


def test_the_time_dialogs_show_their_explanation_when_nothing_is_recorded(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.ui.tabs.minutes_dialogs import close_time_dialog, start_time_dialog

    mid = demo_ids(demo_db)["held"]
    with demo_db.session() as s:
        mins = s.query(Minutes).filter_by(meeting_id=mid).one()
        mins.opened_at = mins.closed_at = None
    parent = QWidget()
    qtbot.addWidget(parent)
    for make, title, shown in (
        (start_time_dialog, "Giờ bắt đầu thực tế", "người đến sau giờ này được ghi là đến muộn"),
        (close_time_dialog, "Giờ kết thúc thực tế", "sang ngày hôm sau"),
    ):
        dialog = make(parent, demo_db, mid)
        dialog.show()
        assert dialog.windowTitle() == title
        intro = _intro(dialog)
        assert shown in intro and "sửa lại" not in intro
        assert dialog.frameGeometry().height() < 768
        dialog.reject()


def test_the_live_windows_start_and_end_buttons_are_named_alike(qtbot: Any, demo_db: Any) -> None:
    """Both with an underlined letter; the keys are in the help line."""
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow

    live = LiveMeetingWindow(demo_db, demo_ids(demo_db)["held"])
    qtbot.addWidget(live)
    start = live.findChild(QPushButton, "liveStart")
    end = live.findChild(QPushButton, "liveEnd")
    assert start.text() == "&Bắt đầu cuộc họp…"
    assert end.text() == "Kết thúc cuộc &họp…"
    assert "Alt+B: bắt đầu cuộc họp" in live.help_line.text()
    assert "Alt+H: kết thúc cuộc họp" in live.help_line.text()
