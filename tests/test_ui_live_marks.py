"""The live window's checklist replaces a mark as the Điểm danh page does, on a real demo
SQLite file, from the keyboard:

- ticking (Space) or typing the name and Enter for an invitee marked absent with a reason asks
  the page's question first ("Thay điểm danh", Alt letters); "Không" leaves the mark, the tick
  and the name typed as they were, "Thay" records the arrival;
- a substitute reads "Lê Văn Nam dự thay", the words once, in the live row, the line under the
  live window and the Điểm danh page, and in the question before the mark is replaced.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton

from bdcq_desktop.core.attendance import check_in
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
from bdcq_desktop.ui.live_panels import IN_ROOM
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


def _gone(box: Any) -> bool:
    """Answered: hidden, and deleted once its answer was acted on."""
    return not shiboken6.isValid(box) or not box.isVisible()


def _mark_absent(db: Any, live: LiveMeetingWindow, name: str, reason: str) -> Any:
    """``name`` marked absent with ``reason`` (another PC, say), the window read anew."""
    row = room._row(db, live.meeting_id, name)
    check_in(db, live.meeting_id, row.invitee_id, expected_version=live.version,
             status="absent", reason=reason)  # fmt: skip
    live._version_changed(-1)
    return row


def test_ticking_or_typing_someone_absent_with_a_reason_asks_first(
    qtbot: Any, demo_db: Any, live: LiveMeetingWindow
) -> None:
    panel = live.attendance
    name, reason = "Trần Thu Thủy", "Đi công tác Hà Nội"
    _mark_absent(demo_db, live, name, reason)
    assert room._item_text(live, name)[1] == Qt.CheckState.Unchecked

    # Space on her row: the page's question, not the mark.
    row = next(i for i in range(panel.list.count()) if panel.list.item(i).text().startswith(name))
    panel.list.setFocus()
    panel.list.setCurrentRow(row)
    QTest.keyClick(panel.list, Qt.Key.Key_Space)
    question = room._dialog(qtbot, "replaceMarkQuestion")
    assert isinstance(question, QMessageBox) and question.windowTitle() == "Thay điểm danh"
    assert question.text() == (
        f"{name} đang được ghi “Vắng” ({reason}). Ghi “Có mặt” sẽ thay điểm danh này. "
        "Tiếp tục?"
    )
    assert room._row(demo_db, live.meeting_id, name).status == "absent"
    assert room._item_text(live, name)[1] == Qt.CheckState.Unchecked  # the tick not kept
    # Enter is "Không" (replacing is never the default); here its Alt letter.
    assert question.defaultButton().objectName() == "noButton"
    _answer(question, "noButton")
    qtbot.waitUntil(lambda: _gone(question))
    stored = room._row(demo_db, live.meeting_id, name)
    assert (stored.status, stored.reason) == ("absent", reason)
    assert room._item_text(live, name) == (f"{name} — Vắng ({reason})", Qt.CheckState.Unchecked)

    # Her name typed and Enter: asked the same; "Không" keeps the name typed in the box.
    room._back(qtbot, live)
    panel.check_box.setFocus()
    qtbot.waitUntil(panel.check_box.hasFocus)
    room._type(panel.check_box, "tran thu")
    QTest.keyClick(panel.check_box, Qt.Key.Key_Return)
    question = room._dialog(qtbot, "replaceMarkQuestion")
    assert reason in question.text()
    _answer(question, "noButton")
    qtbot.waitUntil(lambda: _gone(question))
    assert panel.check_box.text() == "tran thu"
    assert room._row(demo_db, live.meeting_id, name).status == "absent"

    # Enter again, "Thay": she is checked in, the box emptied for the next name.
    room._back(qtbot, live)
    panel.check_box.setFocus()
    QTest.keyClick(panel.check_box, Qt.Key.Key_Return)
    question = room._dialog(qtbot, "replaceMarkQuestion")
    _answer(question, "yesButton")
    qtbot.waitUntil(lambda: room._row(demo_db, live.meeting_id, name).status in IN_ROOM)
    assert room._item_text(live, name)[1] == Qt.CheckState.Checked
    assert panel.check_box.text() == ""
    assert f"Đã điểm danh: {name}" in live.notice.text()
    assert live.version == get_meeting(demo_db, live.meeting_id).version


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
