"""Enter in a check-in box takes only an invitee whose name has every typed word: a guest not
invited, typed by name, must not check in an invitee whose post or unit holds the words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.check_in_search import by_name, rank_matches
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.ui.main_window import MainWindow
from tests.test_meeting_docs import demo_ids
from tests.test_meeting_record import _meeting
from tests.test_ui_live import _fresh_view_state, _open_with_f11  # noqa: F401 (autouse)


def test_enter_takes_a_name_never_a_post_or_unit(db: Any) -> None:
    held = _meeting(db)
    sheet = attendance_rows(db, held["meeting"])
    an = next(r for r in sheet if r.name == "Nguyễn Văn An")  # Giám đốc Sở Nội vụ
    # "noi" is in his unit only: still a suggestion, never the one Enter takes.
    assert an in rank_matches(sheet, "nguyen van noi")
    assert by_name(sheet, "nguyen van noi") is None
    assert by_name(sheet, "giam doc") is None
    for typed in ("ng v an", "an", "nguyen an", "Nguyễn"):
        assert by_name(sheet, typed) == an, typed
    assert by_name(sheet, "tr th b").name == "Trần Thị Bình"  # type: ignore[union-attr]
    assert by_name(sheet, "Nguyên") is None  # diacritics typed must match the name
    assert by_name(sheet, "") is None


def test_live_enter_on_a_name_not_invited_checks_in_nobody(
    qtbot: Any, demo_db: Any
) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.meetings_tab)
    window.activateWindow()
    qtbot.waitExposed(window)
    meeting_id = demo_ids(demo_db)["held"]
    quang = next(
        r for r in attendance_rows(demo_db, meeting_id) if r.name == "Nguyễn Văn Quang"
    )
    assert "phòng" in quang.position  # "phong" is in his post, not in his name
    check_in(
        demo_db, meeting_id, quang.invitee_id, status="unknown",
        expected_version=get_meeting(demo_db, meeting_id).version, live=True,
    )
    before = {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting_id)}
    live = _open_with_f11(qtbot, window, meeting_id)
    panel = live.attendance
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(panel.check_box.hasFocus)
    QTest.keyClicks(panel.check_box, "nguyen van phong")
    # Seen before Enter: nobody of that name, Quang only as a post match.
    assert "Không có ai tên “nguyen van phong”" in panel.match_label.text()
    assert panel.match_label.isVisible()
    QTest.keyClick(panel.check_box, Qt.Key.Key_Return)
    assert {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting_id)} == before
    assert live.notice.text().startswith("Chưa điểm danh ai")
    assert panel.check_box.text() == "nguyen van phong"
    # Alt+T: the walk-in dialog opens with the name typed.
    QTest.keyClick(panel.check_box, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.walk_in is not None and panel.walk_in.isVisible())
    assert panel.walk_in.form.editor("guest_name").text() == "nguyen van phong"
    panel.walk_in.reject()
    # His name typed: shown before Enter, then checked in.
    panel.check_box.setText("ng v quang")
    assert panel.match_label.text().startswith("→ Nguyễn Văn Quang")
    QTest.keyClick(panel.check_box, Qt.Key.Key_Return)
    after = {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting_id)}
    assert after[quang.invitee_id] in ("present", "late")
    live.close()
