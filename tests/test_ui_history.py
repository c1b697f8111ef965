"""Lịch sử thay đổi beyond members and meetings: a working-group session (with its outputs),
a reporting round (with its units' reports), a unit and a reporting regime. Each change is
made through the core, then the history is opened from the window (Ctrl+Shift+H or the
right-click menu) on a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core import (
    audit,
    people,
    regimes,
    reports,
    round_edit,
    rounds,
    session_detail,
    session_outputs,
    submissions,
    units,
    working_group,
)
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.change_log_dialog import ChangeLogDialog
from bdcq_desktop.ui.tabs.members_tab import MembersTab
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab
from bdcq_desktop.ui.tabs.sessions_tab import WorkingSessionsTab

TODAY = date.today()


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def as_officer() -> Any:
    audit.set_current_user("Phạm Thu Hà")
    yield
    audit.set_current_user(None)


def _press_history(qtbot: Any, widget: Any) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(
        widget,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def _opened(view: Any, title: str) -> ChangeLogDialog:
    dialog = view.last_dialog
    assert isinstance(dialog, ChangeLogDialog) and dialog.isVisible()
    assert title in dialog.windowTitle()
    return dialog


def _line(dialog: ChangeLogDialog, field: str) -> Any:
    (line,) = [x for x in dialog.lines() if x.field == field and x.action == "Sửa"]
    assert line.user == "Phạm Thu Hà"
    return line


def _show(qtbot: Any, widget: Any) -> None:
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.reload()


def test_history_of_a_session_and_its_outputs(qtbot: Any, demo_db: Any, as_officer: Any) -> None:
    tab = WorkingSessionsTab(demo_db)
    _show(qtbot, tab)
    view = tab.view
    row = next(r for r in view.table.visible_rows() if r.outputs)
    before = session_detail.get_session(demo_db, row.id)
    version = working_group.update_session(
        demo_db, row.id, expected_version=before.version, place="Phòng họp số 3"
    )
    output = before.outputs[0]
    session_outputs.update_output(
        demo_db, output.id, expected_version=version, version_label="Dự thảo 9"
    )
    view.reload()
    assert view.table.select_where(lambda r: r.id == row.id)
    qtbot.waitUntil(lambda: not view.current_pending())
    action = view.pane.history_action
    assert action.isEnabled() and action in view.table.view.actions()  # the right-click menu
    info = view.pane.section("sessionInfo")
    assert info.findChild(type(info.button(action)), "historyActionButton") is not None
    _press_history(qtbot, view.table.view)
    dialog = _opened(view, before.title)
    line = _line(dialog, "Địa điểm")
    assert (line.before, line.after) == (before.place, "Phòng họp số 3")
    draft = _line(dialog, "Phiên bản")  # a child's change, named with its record
    assert draft.after == "Dự thảo 9"
    # Named by the output's title, not its number; the session by its own title.
    assert draft.record == f"Sản phẩm của phiên làm việc: {output.title}"
    assert _line(dialog, "Địa điểm").record == f"Phiên làm việc của Tổ công tác: {before.title}"
    dialog.reject()


@pytest.fixture
def round_data(db: Any) -> dict[str, Any]:
    ids = [units.create_unit(db, name=n) for n in ("Sở Y tế", "Sở Tài chính")]
    rid = rounds.open_ad_hoc_round(
        db,
        title="Báo cáo theo Thông báo 14",
        due_date=TODAY + timedelta(days=10),
        unit_ids=ids,
        opened_on=TODAY - timedelta(days=10),
    )
    return {"db": db, "units": ids, "round": rid}


def test_history_of_a_round_and_its_reports(
    qtbot: Any, round_data: dict[str, Any], as_officer: Any
) -> None:
    db, rid = round_data["db"], round_data["round"]
    old_due = TODAY + timedelta(days=10)
    new_due = TODAY + timedelta(days=20)
    round_edit.update_round(
        db, rid, expected_version=rounds.get_round(db, rid).version, due_date=new_due
    )
    first = reports.list_submissions(db, rid)[0]
    submissions.record_submission(
        db,
        first.id,
        expected_version=first.round_version,
        received_on=TODAY,
        document_number="15/BC-SYT",
    )
    tab = ReportsTab(db)
    _show(qtbot, tab)
    view = tab.rounds_view
    assert view.table.select_where(lambda r: r.id == rid)
    assert view.history_action.isEnabled() and view.history_action in view.table.view.actions()
    _press_history(qtbot, view.table.view)
    dialog = _opened(view, "Báo cáo theo Thông báo 14")
    line = _line(dialog, "Hạn nộp")
    # Written as the app writes dates (dd/mm/yyyy), not as the log stores them (ISO).
    assert (line.before, line.after) == (f"{old_due:%d/%m/%Y}", f"{new_due:%d/%m/%Y}")
    number = _line(dialog, "Số văn bản")
    # The unit's report named by the unit, not by its number.
    assert number.after == "15/BC-SYT" and number.record == f"Báo cáo của đơn vị: {first.unit}"
    dialog.reject()


def test_history_of_a_unit(qtbot: Any, db: Any, as_officer: Any) -> None:
    uid = units.create_unit(db, name="Sở Y tế")
    units.update_unit(db, uid, name="Sở Y tế tỉnh")
    tab = MembersTab(db)
    _show(qtbot, tab)
    view = tab.units
    tab.views.setCurrentWidget(view)
    assert view.table.select_where(lambda r: r.id == uid)
    assert view.history_action in view.table.view.actions()
    _press_history(qtbot, view.table.view)
    dialog = _opened(view, "Sở Y tế tỉnh")
    line = _line(dialog, "Tên cơ quan, đơn vị")
    assert (line.before, line.after) == ("Sở Y tế", "Sở Y tế tỉnh")
    dialog.reject()


def test_history_of_an_expert_like_the_rosters_and_units(
    qtbot: Any, db: Any, as_officer: Any
) -> None:
    pid = people.create_person(db, full_name="Trần Văn Khoa", kind="expert", phone="0912 000 111")
    people.update_person(db, pid, expected_version=1, phone="0912 345 678")
    tab = MembersTab(db)
    _show(qtbot, tab)
    view = tab.experts
    tab.views.setCurrentWidget(view)
    assert view.table.select_where(lambda r: r.id == pid)
    assert view.history_action.isEnabled() and view.history_action in view.table.view.actions()
    _press_history(qtbot, view.table.view)
    dialog = _opened(view, "Trần Văn Khoa")
    line = _line(dialog, "Điện thoại")
    assert (line.before, line.after) == ("0912 000 111", "0912 345 678")
    dialog.reject()


def test_history_of_a_regime(qtbot: Any, db: Any, as_officer: Any) -> None:
    ids = [units.create_unit(db, name="Sở Y tế")]
    rid = regimes.create_regime(db, name="Báo cáo quý", frequency="quarterly", unit_ids=ids)
    regimes.update_regime(
        db, rid, expected_version=regimes.get_regime(db, rid).version, name="Báo cáo quý về PCTN"
    )
    tab = ReportsTab(db)
    _show(qtbot, tab)
    view = tab.regimes_view
    tab.pages.setCurrentWidget(view)
    assert view.table.select_where(lambda r: r.id == rid)
    assert view.history_action in view.table.view.actions()
    _press_history(qtbot, view.table.view)
    dialog = _opened(view, "Báo cáo quý về PCTN")
    line = _line(dialog, "Tên chế độ báo cáo")
    assert (line.before, line.after) == ("Báo cáo quý", "Báo cáo quý về PCTN")
    dialog.reject()


def test_a_rounds_history_shows_units_by_name_and_a_unit_taken_out(
    qtbot: Any, round_data: dict[str, Any], as_officer: Any
) -> None:
    """A report created when a unit is added to the round reads "Cơ quan, đơn vị: Sở Nội
    vụ", not the unit's number; the report of a unit taken out stays, marked deleted."""
    db, rid = round_data["db"], round_data["round"]
    health, _finance = round_data["units"]
    home = units.create_unit(db, name="Sở Nội vụ")
    round_edit.update_round(  # what Sửa đợt saves: one unit added, one taken out
        db, rid, expected_version=rounds.get_round(db, rid).version, unit_ids=[health, home]
    )
    tab = ReportsTab(db)
    _show(qtbot, tab)
    view = tab.rounds_view
    assert view.table.select_where(lambda r: r.id == rid)
    _press_history(qtbot, view.table.view)
    dialog = _opened(view, "Báo cáo theo Thông báo 14")
    assert not dialog.view.isColumnHidden(3)  # the "Bản ghi" column names each record
    shown = {(x.action, x.record, x.field, x.before, x.after) for x in dialog.lines()}
    report = "Báo cáo của đơn vị"
    assert ("Tạo mới", f"{report}: Sở Nội vụ", "Cơ quan, đơn vị", "", "Sở Nội vụ") in shown
    assert ("Tạo mới", f"{report}: Sở Nội vụ", "Đợt báo cáo", "", "Báo cáo theo Thông báo 14") in (
        shown
    )
    gone = f"{report}: Sở Tài chính (đã xóa)"
    assert ("Xóa", gone, "Cơ quan, đơn vị", "Sở Tài chính", "") in shown
    assert not [x for x in dialog.lines() if x.after in {str(home), str(rid)}]  # no bare id
    dialog.reject()
