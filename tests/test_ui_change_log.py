"""Lịch sử thay đổi from a record: the members' rows and the meeting's record pane, from the
keyboard (Ctrl+Shift+H) and the context menu, on a real demo SQLite file."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core import audit, meetings, members
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.change_log_dialog import ChangeLogDialog
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab
from bdcq_desktop.ui.tabs.members_tab import MembersTab
from tests.conftest import DEMO_TODAY


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _press_history(qtbot: Any, widget: Any) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(
        widget,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def _committee_view(qtbot: Any, db: Any) -> Any:
    """The members tab shown and read, its committee roster in front."""
    tab = MembersTab(db)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.reload()
    return tab.committee


def test_history_of_a_member_from_the_roster(qtbot: Any, demo_db: Any) -> None:
    view = _committee_view(qtbot, demo_db)
    row = view.table.visible_rows()[0]
    person = members.get_person(demo_db, row.person_id)
    audit.set_current_user("Phạm Thu Hà")
    try:
        members.update_person(
            demo_db, row.person_id, expected_version=person.version, phone="0912 345 678"
        )
    finally:
        audit.set_current_user(None)
    view.reload()
    assert view.table.select_where(lambda r: r.id == row.id)
    assert view.history_action in view.table.view.actions()  # the right-click menu
    _press_history(qtbot, view.table.view)
    dialog = view.last_dialog
    assert isinstance(dialog, ChangeLogDialog) and dialog.isVisible()
    assert row.full_name in dialog.windowTitle()
    (line,) = [x for x in dialog.lines() if x.field == "Điện thoại"]
    assert line.user == "Phạm Thu Hà" and line.action == "Sửa"
    assert line.before == person.phone and line.after == "0912 345 678"
    assert "0912 345 678" in dialog.full.toPlainText()  # the first line is selected and shown
    dialog.reject()


def test_history_of_a_meeting_from_the_record_pane(qtbot: Any, demo_db: Any) -> None:
    tab = MeetingsTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    view = tab.view
    row = next(r for r in view.table.visible_rows() if r.status == "planned")
    on = datetime.combine(DEMO_TODAY, time(9, 0))  # the demo's day: the meeting lies ahead
    meetings.update_meeting(
        demo_db, row.id, expected_version=row.version, now=on, place="Hội trường B"
    )
    view.reload()
    assert view.table.select_where(lambda r: r.id == row.id)
    qtbot.waitUntil(lambda: not view.current_pending())  # a reload fills the pane after the rows
    action = view.pane.history_action
    assert action.isEnabled() and action in view.table.view.actions()
    info = view.pane.section("info")
    assert info.findChild(type(info.button(action)), "historyActionButton") is not None
    _press_history(qtbot, view.table.view)
    dialog = view.last_dialog
    assert isinstance(dialog, ChangeLogDialog) and dialog.isVisible()
    (line,) = [x for x in dialog.lines() if x.field == "Địa điểm"]
    assert line.after == "Hội trường B" and line.action == "Sửa"
    dialog.reject()
    view.table.select_where(lambda r: False)


def test_an_unknown_table_is_said_in_the_dialog(qtbot: Any, demo_db: Any) -> None:
    dialog = ChangeLogDialog(demo_db, "nothing", 1)
    qtbot.addWidget(dialog)
    assert "Không có bảng" in dialog.message.text() and dialog.lines() == []


def test_a_closed_dialog_is_deleted_not_kept(qtbot: Any, demo_db: Any) -> None:
    """Every form and window a list opens (here the change log, from the keyboard) is deleted
    once closed: kept as a hidden child of the view, each use held its widgets for the rest of
    the day (29 for a change log)."""
    from PySide6.QtWidgets import QApplication

    view = _committee_view(qtbot, demo_db)
    assert view.table.select_where(lambda r: True)

    def use_once() -> None:
        _press_history(qtbot, view.table.view)
        dialog = view.last_dialog
        assert isinstance(dialog, ChangeLogDialog) and dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not any(isinstance(w, ChangeLogDialog) for w in _alive()))

    def _alive() -> list[Any]:
        return QApplication.allWidgets()

    use_once()  # what a first use builds once (a style, a font) is not counted
    before = len(_alive())
    for _ in range(5):
        use_once()
    assert len(_alive()) == before
