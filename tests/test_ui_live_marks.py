"""The live window's checklist and the Điểm danh page, on a real demo SQLite file, from the
keyboard:

- a substitute reads "Lê Văn Nam dự thay", the words once, in the live row, the line under the
  live window and the Điểm danh page, and in the question before the mark is replaced.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
from bdcq_desktop.ui.mnemonics import mnemonic_of
from tests import test_ui_live_room as room
from tests import test_ui_meeting_hold as hold

live, _fresh_view_state = room.live, room._fresh_view_state
meeting, tab, view = hold.meeting, hold.tab, hold.view

ALT = Qt.KeyboardModifier.AltModifier


def _answer(question: Any, name: str) -> None:
    """The answer ``name`` by its Alt letter, typed on the box."""
    button = question.findChild(QPushButton, name)
    letter = mnemonic_of(button.text())
    assert letter, button.text()
    key = getattr(Qt.Key, f"Key_{letter.upper()}")
    QTest.keyClick(question.focusWidget() or question, key, ALT)


def test_a_substitute_reads_once_in_the_live_window(
    qtbot: Any, demo_db: Any, live: LiveMeetingWindow
) -> None:
    panel = live.attendance
    name = "Bùi Thị Ngân"
    panel.check_box.setFocus()
    qtbot.waitUntil(panel.check_box.hasFocus)
    room._type(panel.check_box, "bui thi ngan")
    QTest.keyClick(panel.check_box, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    form = room._dialog(qtbot, "substituteDialog")
    room._type(room._focus(), "Le Van Nam")
    QTest.keyClick(room._focus(), Qt.Key.Key_Tab)
    room._type(room._focus(), "Pho Giam doc")
    QTest.keyClick(room._focus(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert room._item_text(live, name) == (f"{name} — Le Van Nam dự thay", Qt.CheckState.Checked)
    assert live.notice.text() == f"Đã điểm danh: {name} — Le Van Nam, Pho Giam doc dự thay."

    # Marking her absent asks, naming the substitute once.
    room._back(qtbot, live)
    room._type(panel.check_box, "bui thi ngan")
    QTest.keyClick(panel.check_box, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    question = room._dialog(qtbot, "replaceMarkQuestion")
    assert question.text().startswith(f"{name} đang được ghi “Le Van Nam, Pho Giam doc dự thay”.")
    assert question.text().count("dự thay") == 1
    _answer(question, "noButton")


def test_a_substitute_reads_once_on_the_attendance_page(
    qtbot: Any, demo_db: Any, view: Any, meeting: int
) -> None:
    section = hold._section(view, "attendance")
    thuy = next(r for r in view.current_meeting().attendance if r.category == "member")
    section.select(thuy.invitee_id)
    section.view.setFocus()
    QTest.keyClick(section.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    dialog = hold._dialog(view, "substituteDialog")
    QTest.keyClicks(dialog.form.editor("substitute_name"), "Le Van Nam")
    QTest.keyClicks(dialog.form.editor("substitute_position"), "Pho Giam doc")
    QTest.keyClick(dialog.form.editor("substitute_position"), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert section.message.text() == (
        f"Đã điểm danh: {thuy.name} — Le Van Nam, Pho Giam doc dự thay"
    )
    # Her row: the mark, then who came (the column "Ghi chú"), "dự thay" once.
    model, at = section.model, section.model.find_row(lambda r: r.invitee_id == thuy.invitee_id)
    cells = [model.data(model.index(at, c)) or "" for c in range(model.columnCount())]
    assert cells[2:4] == ["⇄ Cử người dự thay", "Le Van Nam, Pho Giam doc"]
    assert " ".join(cells).count("dự thay") == 1
