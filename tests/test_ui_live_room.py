"""The live meeting window is enough for the room, from the keyboard: an absence with its
reason and a substitute are recorded from the check-in box by the Điểm danh page's own forms
(Ctrl+2, Ctrl+3), and a conclusion is given two tasks (Alt+N, the conclusion dialog: Tab
through a task, Ctrl+N for the next, Ctrl+Enter saves), stored with their units and deadlines
and printed in the minutes (read back). Real demo SQLite file."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from bdcq_desktop.core.attendance import attendance_rows
from bdcq_desktop.core.conclusions import list_conclusions
from bdcq_desktop.core.units import list_units
from bdcq_desktop.documents import service
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
from tests.pdf_text import flat_text
from tests.test_meeting_docs import demo_ids

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def live(qtbot: Any, demo_db: Any) -> LiveMeetingWindow:
    window = LiveMeetingWindow(demo_db, demo_ids(demo_db)["held"])
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _dialog(qtbot: Any, name: str) -> QWidget:
    """The dialog of that object name once it is open and has the cursor."""
    found: list[QWidget] = []

    def open_() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()
        ]
        return bool(found) and QApplication.activeWindow() is found[0]

    qtbot.waitUntil(open_)
    return found[0]


def _back(qtbot: Any, live: LiveMeetingWindow) -> None:
    """The live window active again once a dialog closed (the window manager's part: the
    offscreen platform leaves no window active)."""
    live.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)


def _type(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text)


def _focus() -> QWidget:
    focus = QApplication.focusWidget()
    assert focus is not None
    return focus


def _row(db: Any, meeting_id: int, name: str) -> Any:
    return next(r for r in attendance_rows(db, meeting_id) if r.name == name)


def _item_text(live: LiveMeetingWindow, name: str) -> tuple[str, Qt.CheckState]:
    panel = live.attendance
    for i in range(panel.list.count()):
        item = panel.list.item(i)
        if item.text().startswith(name):
            return item.text(), item.checkState()
    raise AssertionError(name)


def test_absence_and_substitute_from_the_check_in_box(
    qtbot: Any, demo_db: Any, live: LiveMeetingWindow
) -> None:
    meeting_id = live.meeting_id
    panel = live.attendance
    assert "Ctrl+2: vắng có lý do" in live.help_line.text()
    assert "Ctrl+3: cử người dự thay" in live.help_line.text()

    # Absent with a reason: the name typed selects her, Ctrl+2 opens the Điểm danh page's form.
    assert _row(demo_db, meeting_id, "Trần Thu Thủy").status == "present"
    panel.check_box.setFocus()
    qtbot.waitUntil(panel.check_box.hasFocus)
    _type(panel.check_box, "tran thu")
    QTest.keyClick(panel.check_box, Qt.Key.Key_2, CTRL)
    form = _dialog(qtbot, "absentDialog")
    assert "Trần Thu Thủy" in form.windowTitle()
    _type(_focus(), "Di cong tac Ha Noi")
    QTest.keyClick(_focus(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not form.isVisible())
    stored = _row(demo_db, meeting_id, "Trần Thu Thủy")
    assert (stored.status, stored.reason) == ("absent", "Di cong tac Ha Noi")
    text, state = _item_text(live, "Trần Thu Thủy")
    assert "Di cong tac Ha Noi" in text and state == Qt.CheckState.Unchecked
    assert "Trần Thu Thủy" in live.notice.text() and "Di cong tac Ha Noi" in live.notice.text()
    assert panel.check_box.text() == ""

    # A substitute: name, Tab, position. The cursor is back in the check-in box.
    _back(qtbot, live)
    qtbot.waitUntil(panel.check_box.hasFocus)
    _type(panel.check_box, "bui thi ngan")
    QTest.keyClick(panel.check_box, Qt.Key.Key_3, CTRL)
    form = _dialog(qtbot, "substituteDialog")
    _type(_focus(), "Le Van Nam")
    QTest.keyClick(_focus(), Qt.Key.Key_Tab)
    _type(_focus(), "Pho Giam doc")
    QTest.keyClick(_focus(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not form.isVisible())
    stored = _row(demo_db, meeting_id, "Bùi Thị Ngân")
    assert (stored.status, stored.substitute_name, stored.substitute_position) == (
        "substitute",
        "Le Van Nam",
        "Pho Giam doc",
    )
    text, state = _item_text(live, "Bùi Thị Ngân")
    assert "Le Van Nam dự thay" in text and state == Qt.CheckState.Checked

    # Marking her absent now replaces what was typed for the substitute: asked first.
    _back(qtbot, live)
    _type(panel.check_box, "bui thi ngan")
    QTest.keyClick(panel.check_box, Qt.Key.Key_2, CTRL)
    question = _dialog(qtbot, "replaceMarkQuestion")
    assert "Le Van Nam" in question.findChild(QWidget, "qt_msgbox_label").text()
    question.reject()
    assert _row(demo_db, meeting_id, "Bùi Thị Ngân").status == "substitute"


# The conclusion dialog's task columns at 1366 pixels (the deadline, last, takes the rest).
FITTED = [300, 210, 170, 160]


def _widths(dialog: Any) -> list[int]:
    table = dialog.tasks.table
    return [table.columnWidth(c) for c in range(table.columnCount() - 1)]


def test_the_first_task_row_keeps_every_column_in_view(qtbot: Any, demo_db: Any) -> None:
    """The first row added (by "Thêm dòng" too) does not widen the columns to the pickers'
    wish, which scrolled the content out of sight once Tab reached the deadline."""
    from bdcq_desktop.core.meetings import get_meeting
    from bdcq_desktop.ui.dialogs.conclusion_dialog import ConclusionDialog

    dialog = ConclusionDialog(demo_db, get_meeting(demo_db, demo_ids(demo_db)["held"]), None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.mouseClick(dialog.tasks.add_button, Qt.MouseButton.LeftButton)
    assert dialog.tasks.row_count() == 1 and _widths(dialog) == FITTED
    assert _focus() is dialog.tasks.cell(0, "content")  # the cursor in the row added
    dialog.reject()


def _lookup_unit(cell: QWidget, typed: str) -> None:
    """Type a few letters of a unit in a task's unit cell (its line has the cursor)."""
    _type(_focus(), typed)
    assert cell.isAncestorOf(_focus()) or _focus() is cell


def test_a_conclusion_given_two_tasks_from_the_live_window(
    qtbot: Any, demo_db: Any, live: LiveMeetingWindow
) -> None:
    meeting_id = live.meeting_id
    units = {u.name: u.id for u in list_units(demo_db)}
    panel = live.conclusions
    assert "Alt+N: giao nhiệm vụ" in live.help_line.text()

    # The conclusion as the chair says it, recorded at once (Ctrl+Enter) ...
    panel.input.setFocus()
    qtbot.waitUntil(panel.input.hasFocus)
    _type(panel.input, "Giao cac so trien khai nen tang du lieu dung chung.")
    QTest.keyClick(panel.input, Qt.Key.Key_Return, CTRL)
    recorded = list_conclusions(demo_db, meeting_id)[-1]
    assert recorded.text == "Giao cac so trien khai nen tang du lieu dung chung."
    assert recorded.tasks == ()

    # ... then its tasks: Alt+N opens the conclusion dialog on it, the cursor in a blank task.
    QTest.keyClick(panel.input, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    dialog = _dialog(qtbot, "conclusionDialog")
    tasks = dialog.tasks  # type: ignore[attr-defined]
    assert tasks.row_count() == 1
    assert _focus() is tasks.cell(0, "content")
    assert _widths(dialog) == FITTED  # every column in view at 1366 pixels
    for row, (content, unit, deadline) in enumerate(
        (
            ("Bo tri kinh phi nen tang", "tai chinh", "31/12/2026"),
            ("Xay dung kho du lieu", "xay dung", "15/12/2026"),
        )
    ):
        if row:
            QTest.keyClick(_focus(), Qt.Key.Key_N, CTRL)  # the next task, the cursor in it
            assert _focus() is tasks.cell(row, "content")
        _type(_focus(), content)
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)  # the person assigned: none
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)
        _lookup_unit(tasks.cell(row, "assignee_unit_id"), unit)
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)  # the focal unit: none
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)
        assert tasks.cell(row, "deadline").isAncestorOf(_focus())
        _type(_focus(), deadline)
    QTest.keyClick(_focus(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (saved,) = [c for c in list_conclusions(demo_db, meeting_id) if c.id == recorded.id]
    assert [(t.content, t.assignee_unit_id, t.deadline) for t in saved.tasks] == [
        ("Bo tri kinh phi nen tang", units["Sở Tài chính"], date(2026, 12, 31)),
        ("Xay dung kho du lieu", units["Sở Xây dựng"], date(2026, 12, 15)),
    ]
    assert panel.list.currentItem().text().endswith("2 nhiệm vụ")
    assert "2 nhiệm vụ" in live.notice.text()

    # The minutes list them under the conclusion.
    text = flat_text(service.draft(demo_db, "minutes", meeting_id))
    assert "Giao cac so trien khai nen tang du lieu dung chung." in text
    assert re.search(
        r"Bo tri kinh phi nen tang \(đơn vị chủ trì: Sở Tài chính; thời hạn: chậm nhất ngày "
        r"31/12/2026\);",
        text,
    ), text
    assert re.search(
        r"Xay dung kho du lieu \(đơn vị chủ trì: Sở Xây dựng; thời hạn: chậm nhất ngày "
        r"15/12/2026\)",
        text,
    ), text


def test_a_conclusion_typed_and_given_tasks_in_one_save(
    qtbot: Any, demo_db: Any, live: LiveMeetingWindow
) -> None:
    """Alt+N while the conclusion is still in the box: it is recorded with its task by one
    save of the dialog, and the box is emptied."""
    meeting_id = live.meeting_id
    before = len(list_conclusions(demo_db, meeting_id))
    panel = live.conclusions
    panel.input.setFocus()
    qtbot.waitUntil(panel.input.hasFocus)
    _type(panel.input, "Giao So Tai chinh tham muu kinh phi.")
    QTest.keyClick(panel.input, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    dialog = _dialog(qtbot, "conclusionDialog")
    assert len(list_conclusions(demo_db, meeting_id)) == before  # nothing saved yet
    _type(_focus(), "Tham muu bo tri kinh phi")
    for _ in range(2):
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)
    _type(_focus(), "tai chinh")
    QTest.keyClick(_focus(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    after = list_conclusions(demo_db, meeting_id)
    assert len(after) == before + 1
    assert after[-1].text == "Giao So Tai chinh tham muu kinh phi."
    assert [t.content for t in after[-1].tasks] == ["Tham muu bo tri kinh phi"]
    assert panel.input.toPlainText() == ""
