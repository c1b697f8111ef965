"""A new meeting (or working-group session) on a file with nobody to chair (or convene) it:
the form says so at its top and its button takes the officer to the roster to fill, its
"Thêm thành viên" focused; a title typed is asked about first (Enter keeps typing). The
audit's A2: the form only said "'Chủ trì' không được để trống" on Lưu."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton

from bdcq_desktop.core import members
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.main_window import MainWindow

SHOTS = os.environ.get("BDCQ_SHOTS")  # a folder: the forms are saved there as PNG files
ORG = {"parent_body": "UBND TỈNH NGHỆ AN", "committee_name": "Ban Chỉ đạo", "place_name": "Nghệ An"}
CTRL = Qt.KeyboardModifier.ControlModifier
NO_MEMBER = (
    "Chưa có thành viên Ban Chỉ đạo nào: cần có người chủ trì. Thêm thành viên ở thẻ Thành viên "
    "(hoặc Nhập từ Excel/CSV) trước khi lập cuộc họp."
)


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def window(qtbot: Any, db: Any) -> MainWindow:
    update_organisation(db, **ORG)
    w = MainWindow(db)
    qtbot.addWidget(w)
    w.setWindowState(Qt.WindowState.WindowNoState)  # not the first start's maximised window
    w.resize(1366, 768)
    w.show()
    return w


def _shot(widget: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / name))


def _new_form(window: MainWindow, index: int) -> Any:
    window.tabs.setCurrentIndex(index)
    tab = window.current_tab()
    tab.view.new_action.trigger()
    dialog = tab.view.last_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _appoint(db: Any, name: str, role: str, body: str = "committee") -> None:
    members.appoint_new(
        db,
        body=body,
        person={"full_name": name},
        appointment={"role": role, "start_date": date.today() - timedelta(days=30)},
    )


def test_a_new_meeting_with_nobody_to_chair_points_to_the_committee(
    qtbot: Any, window: MainWindow, db: Any
) -> None:
    dialog = _new_form(window, 1)
    line = dialog.people_needed
    assert line.isVisibleTo(dialog) and line.label.text() == NO_MEMBER
    # At the top, above the fields; the kind's rule and the check boxes stay below them.
    assert line.geometry().bottom() <= dialog.form.geometry().top()
    assert dialog.rule_label.geometry().top() >= dialog.form.geometry().bottom()
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / "meeting-no-members-window.png"))
    _shot(dialog, "meeting-no-members.png")
    # Nothing typed: the button closes the form and shows Thành viên › Ban Chỉ đạo, its
    # "Thêm thành viên" focused.
    line.button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    members_tab = window.members_tab
    assert window.tabs.currentWidget() is members_tab
    assert members_tab.views.currentWidget() is members_tab.committee
    add = members_tab.committee.toolbar.widgetForAction(members_tab.committee.new_action)
    qtbot.wait(100)  # the form gone, the window's focus is not given back elsewhere
    assert window.focusWidget() is add
    _shot(window, "members-add-focused.png")
    qtbot.keyClick(add, Qt.Key.Key_Space)  # the focused button adds
    assert members_tab.committee.last_dialog is not None
    assert members_tab.committee.last_dialog.isVisible()
    members_tab.committee.last_dialog.reject()


def test_a_title_typed_is_asked_about_and_enter_keeps_typing(
    qtbot: Any, window: MainWindow
) -> None:
    dialog = _new_form(window, 1)
    title = dialog.form.editor("title")
    assert isinstance(title, QLineEdit)
    title.setText("Họp triển khai kế hoạch năm")
    dialog.people_needed.button.click()
    box = dialog.people_needed.question
    assert isinstance(box, QMessageBox) and box.isVisible()
    keep = box.findChild(QPushButton, "noButton")
    assert keep.text().replace("&", "") == "Tiếp tục nhập" and box.defaultButton() is keep
    _shot(box, "meeting-no-members-question.png")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: back to the form, as typed
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible() and title.text() == "Họp triển khai kế hoạch năm"
    assert window.tabs.currentIndex() == 1
    dialog.people_needed.button.click()
    box = dialog.people_needed.question
    box.findChild(QPushButton, "yesButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.tabs.currentWidget() is window.members_tab


def test_the_line_follows_the_roster_of_the_meetings_day(
    qtbot: Any, window: MainWindow, db: Any
) -> None:
    _appoint(db, "Trần Văn Mười", "member")
    dialog = _new_form(window, 1)
    text = dialog.people_needed.label.text()
    assert dialog.people_needed.isVisibleTo(dialog)
    assert "chưa có Trưởng ban hoặc Phó Trưởng ban: cần có người chủ trì" in text
    dialog.reject()
    _appoint(db, "Nguyễn Văn An", "head")
    dialog = _new_form(window, 1)
    assert not dialog.people_needed.isVisibleTo(dialog)
    dialog.reject()
    # "Lên lịch họp định kỳ" too: the Head is offered, no line.
    window.meetings_tab.view.regular_action.trigger()
    regular = window.meetings_tab.view.last_dialog
    assert not regular.people_needed.isVisibleTo(regular)
    regular.reject()


def test_a_new_session_with_nobody_to_convene_points_to_the_working_group(
    qtbot: Any, window: MainWindow, db: Any
) -> None:
    dialog = _new_form(window, 2)
    line = dialog.people_needed
    assert line.isVisibleTo(dialog)
    assert line.label.text().startswith("Tổ công tác chưa có thành viên nào: cần có Tổ trưởng")
    _shot(dialog, "session-no-members.png")
    line.button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    members_tab = window.members_tab
    assert members_tab.views.currentWidget() is members_tab.group
    add = members_tab.group.toolbar.widgetForAction(members_tab.group.new_action)
    assert window.focusWidget() is add
    _appoint(db, "Lê Thị Hoa", "member", "group")
    dialog = _new_form(window, 2)
    assert "chưa có Tổ trưởng hoặc Tổ phó" in dialog.people_needed.label.text()
    dialog.reject()
    _appoint(db, "Phạm Văn Bình", "leader", "group")
    dialog = _new_form(window, 2)
    assert not dialog.people_needed.isVisibleTo(dialog)


def _type_day(qtbot: Any, dialog: Any, key: str, text: str) -> None:
    """``text`` typed over the day field ``key``, then Tab (the roster of that day is read)."""
    edit = dialog.form.editor(key).edit
    dialog.activateWindow()  # the window manager's part: the focus leaves the line on Tab
    qtbot.waitUntil(dialog.isActiveWindow)
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Tab)


def _ctrl_enter(qtbot: Any, dialog: Any) -> None:
    """Ctrl+Enter, Lưu from any field (a window shortcut: the form active)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return, CTRL)


def test_lưu_is_off_while_nobody_can_chair_and_on_once_the_day_has_a_head(
    qtbot: Any, window: MainWindow, db: Any
) -> None:
    """Every Lưu was refused while the line showed ("'Chủ trì' không được để trống", or a
    delegate with nobody to have delegated them): it is off then, on once the day typed has
    someone to chair, off again on a day without."""
    from bdcq_desktop.core.meetings import list_meetings

    head_from = date.today() + timedelta(days=7)
    members.appoint_new(db, body="committee", person={"full_name": "Nguyễn Văn An"},
                        appointment={"role": "head", "start_date": head_from})  # fmt: skip
    dialog = _new_form(window, 1)
    line, save = dialog.people_needed, dialog.save_button
    assert line.isVisibleTo(dialog) and not save.isEnabled()
    assert save.toolTip() == line.label.text()
    title = dialog.form.editor("title")
    title.setFocus()
    QTest.keyClicks(title, "Hop trien khai ke hoach")
    _ctrl_enter(qtbot, dialog)  # Lưu from any field: nothing saved, nothing refused
    assert dialog.isVisible() and list_meetings(db) == []
    assert not any(f.error.isVisibleTo(dialog) for f in dialog.form.fields.values())

    _type_day(qtbot, dialog, "starts_at", f"{head_from:%d/%m/%Y} 08:00")
    assert not line.isVisibleTo(dialog) and save.isEnabled() and save.toolTip() == ""
    _type_day(qtbot, dialog, "starts_at", f"{date.today():%d/%m/%Y} 08:00")  # nobody again
    assert line.isVisibleTo(dialog) and not save.isEnabled()
    _type_day(qtbot, dialog, "starts_at", f"{head_from:%d/%m/%Y} 08:00")
    assert save.isEnabled()
    chair = dialog.form.editor("chair_id")
    chair.set_value(chair.itemData(0))  # the Head, first of those offered
    _ctrl_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [m.title for m in list_meetings(db)] == ["Hop trien khai ke hoach"]


def test_lưu_of_a_session_is_off_while_nobody_can_convene_it(
    qtbot: Any, window: MainWindow, db: Any
) -> None:
    leader_from = date.today() + timedelta(days=7)
    members.appoint_new(db, body="group", person={"full_name": "Phạm Văn Bình"},
                        appointment={"role": "leader", "start_date": leader_from})  # fmt: skip
    dialog = _new_form(window, 2)
    assert dialog.people_needed.isVisibleTo(dialog) and not dialog.save_button.isEnabled()
    _type_day(qtbot, dialog, "starts_on", f"{leader_from:%d/%m/%Y}")
    assert not dialog.people_needed.isVisibleTo(dialog) and dialog.save_button.isEnabled()
    dialog.reject()
