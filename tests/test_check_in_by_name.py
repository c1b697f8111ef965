"""Enter in a check-in box takes only an invitee whose name has every typed word: a guest not
invited, typed by name, must not check in an invitee whose post or unit holds the words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.check_in_search import by_name, name_matches, rank_matches
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.text import fold
from bdcq_desktop.ui.main_window import MainWindow
from tests import test_ui_meeting_hold as hold
from tests.test_meeting_docs import demo_ids
from tests.test_meeting_record import _meeting
from tests.test_ui_live import _fresh_view_state, _open_with_f11  # noqa: F401 (autouse)

# The demo meeting of yesterday and the meetings tab showing it, as the hold tests have them.
meeting, tab, view = hold.meeting, hold.tab, hold.view


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


def test_name_matches_leave_out_post_and_unit_matches(db: Any) -> None:
    held = _meeting(db)
    sheet = attendance_rows(db, held["meeting"])
    assert rank_matches(sheet, "giam doc")  # found by post: a suggestion only
    assert name_matches(sheet, "giam doc") == []
    found = name_matches(sheet, "ng")
    assert found and all(
        any(w.startswith("ng") for w in fold(f"{r.name} {r.substitute_name}").split())
        for r in found
    )
    assert found[0] == by_name(sheet, "ng")


def _post_only(sheet: list[Any]) -> tuple[Any, str]:
    """A member still unmarked and their first letters with a word of their post added: every
    word is in name and post together, not all in the name."""
    for r in sheet:
        names = fold(r.name).split()
        extra = [w for w in fold(r.position).split()
                 if len(w) > 2 and not any(n.startswith(w) for n in names)]
        typed = " ".join(w[:2] for w in names)
        if r.category == "member" and r.status == "unknown" and extra and by_name(sheet, typed):
            return r, f"{typed} {extra[0]}"
    raise AssertionError("no member with a post word outside the name")


def test_the_attendance_page_enter_takes_a_name_never_a_post(
    view: Any, demo_db: Any, meeting: int
) -> None:
    """Điểm danh nhanh uses the live window's rule and line."""
    section = hold._section(view, "attendance")
    sheet = list(view.current_meeting().attendance)
    person, typed = _post_only(sheet)
    assert person in rank_matches(sheet, typed) and by_name(sheet, typed) is None
    section.box.setFocus()
    QTest.keyClicks(section.box, typed)
    line = section.match_label.text()
    assert line.startswith(f"Không có ai tên “{typed}” trong danh sách mời; Ctrl+6"), line
    assert section.current() is None  # the keys mark nobody either
    before = {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting)}
    QTest.keyClick(section.box, Qt.Key.Key_Return)
    assert {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting)} == before
    # The name alone: shown as the live window shows it, then checked in.
    section.box.setText(typed.rsplit(" ", 1)[0])
    expected = by_name(sheet, section.box.text())
    assert expected is not None
    assert section.match_label.text().startswith(f"→ {expected.name} (")
    assert "— Enter: có mặt" in section.match_label.text()
    assert section.current().invitee_id == expected.invitee_id
    QTest.keyClick(section.box, Qt.Key.Key_Return)
    after = {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting)}
    assert after[expected.invitee_id] == "present"
