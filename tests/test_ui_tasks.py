"""Báo cáo › Nhiệm vụ from the keyboard (offscreen, pytest-qt): add an ad hoc task (a refusal
keeps what was typed), open it again with Enter, record a late result with Ctrl+Enter, and the
Đôn đốc page no longer chases it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from bdcq_desktop.core.models import CommitteeMembership, CommitteeRole, Person
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.ui.dialogs.task_dialogs import AdHocTaskDialog, TaskResultDialog
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab
from bdcq_desktop.ui.tabs.task_tracking import ALL_UNITS
from tests import report_fixtures as rf

CONTENT = "Triển khai chữ ký số cho cán bộ cấp xã"
HEAD = "Lê Trưởng Ban"


def _focus(qtbot: Any, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def _tab_to(qtbot: Any, widget: QWidget, limit: int = 30) -> None:
    """Press Tab until ``widget`` has the focus (the way a user walks a form)."""
    for _ in range(limit):
        if QApplication.focusWidget() is widget:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is widget, QApplication.focusWidget()


def _back_to(qtbot: Any, tab: QWidget, widget: QWidget) -> None:
    """The window manager gives the window back after a dialog (offscreen has none)."""
    tab.activateWindow()
    widget.setFocus()
    _focus(qtbot, widget)


def _key(
    qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_add_an_ad_hoc_task_and_record_a_result_from_the_keyboard(qtbot: Any, db: Any) -> None:
    today = date.today()
    data = rf.build(db, today)
    with db.session() as s:
        head = Person(full_name=HEAD)
        s.add_all([head, Person(full_name="Nguyễn Thị Thành Viên")])
        s.flush()
        s.add(
            CommitteeMembership(
                person_id=head.id, role=CommitteeRole.HEAD, start_date=today - timedelta(400)
            )
        )
    tab = ReportsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1340, 680)
    tab.show()
    tab.activateWindow()
    qtbot.waitExposed(tab)
    tab.reload()
    tab.pages.setCurrentWidget(tab.chase_page)  # read once, before the changes below
    assert rf.UNIT_B in [
        tab.chase_page.model.index(i, 0).data()
        for i in range(tab.chase_page.model.rowCount())
    ]
    page = tab.tasks_page
    tab.pages.setCurrentWidget(page)
    page.tasks.view.setFocus()
    _focus(qtbot, page.tasks.view)

    # Ctrl+N: the content, then (forgetting whom) the deadline and Enter: refused, kept.
    _key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.last_dialog
    assert isinstance(dialog, AdHocTaskDialog)
    qtbot.waitExposed(dialog)
    content = dialog.form.editor("content")
    content.setFocus()
    _focus(qtbot, content)
    content.insertPlainText(CONTENT)  # type: ignore[attr-defined]  # as an input method does
    deadline = dialog.form.editor("deadline").edit  # type: ignore[attr-defined]
    _tab_to(qtbot, deadline)
    qtbot.keyClicks(deadline, (today + timedelta(days=3)).strftime("%d/%m/%Y"))
    _key(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "đơn vị chủ trì" in dialog.form.error_label("assignee_unit_id").text()
    unit = dialog.form.editor("assignee_unit_id")
    assert QApplication.focusWidget() is unit  # the cursor goes where the fault is
    assert content.toPlainText() == CONTENT  # type: ignore[attr-defined]
    assert len(track_tasks(db)) == 8  # nothing written
    qtbot.keyClicks(QApplication.focusWidget(), "alpha")  # no diacritics needed
    _tab_to(qtbot, deadline)
    # Rule 7: no "Người giao" is refused; only the Head and Deputies of the day are offered.
    _key(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Người giao" in dialog.form.error_label("assigned_by_id").text()
    assigner = dialog.form.editor("assigned_by_id")
    assert QApplication.focusWidget() is assigner
    offered = [assigner.itemText(i) for i in range(assigner.count())]  # type: ignore[attr-defined]
    assert [t for t in offered if t] == [f"{HEAD} — Trưởng ban"], offered
    assert len(track_tasks(db)) == 8
    qtbot.keyClicks(QApplication.focusWidget(), "truong ban")
    with qtbot.waitSignal(dialog.saved) as saved:
        _key(qtbot, Qt.Key.Key_Return)
    tid = saved.args[0]
    row = page.tasks.current_row()
    assert row is not None and row.id == tid
    assert (row.content, row.unit, row.ad_hoc, row.status, row.assigned_on) == (
        CONTENT,
        rf.UNIT_A,
        True,
        "due_soon",
        today,
    )

    # Enter on it edits it; Escape leaves it as it was.
    _back_to(qtbot, tab, page.tasks.view)
    _key(qtbot, Qt.Key.Key_Return)
    edit = page.last_dialog
    assert isinstance(edit, AdHocTaskDialog) and edit.task_id == tid
    qtbot.waitExposed(edit)
    assert edit.form.editor("content").toPlainText() == CONTENT  # type: ignore[attr-defined]
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not edit.isVisible())

    # The task B let slip past its deadline yesterday: done today, a day late.
    assert page.units.current_row().id == ALL_UNITS  # every unit's tasks are listed
    assert page.tasks.select_where(lambda r: r.content == rf.TASK_B_OVERDUE)
    _back_to(qtbot, tab, page.tasks.view)
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    result = page.last_dialog
    assert isinstance(result, TaskResultDialog)
    qtbot.waitExposed(result)
    _focus(qtbot, result.date_edit)
    assert result.date_edit.selectedText() == today.strftime("%d/%m/%Y")
    report = result.form.editor("result_report")
    _tab_to(qtbot, report)
    report.insertPlainText("Sở đã cập nhật 45 thủ tục.")  # type: ignore[attr-defined]
    _tab_to(qtbot, result.save_button)
    with qtbot.waitSignal(result.saved):
        _key(qtbot, Qt.Key.Key_Return)
    done = page.tasks.current_row()
    assert (done.content, done.status, done.days_overdue, done.completed_on) == (
        rf.TASK_B_OVERDUE,
        "done_late",
        1,
        today,
    )
    assert done.result_report == "Sở đã cập nhật 45 thủ tục."
    assert {t.id: t.status for t in track_tasks(db)}[data.tasks["b_overdue"]] == "done_late"

    # Đôn đốc reads again when shown: B has nothing overdue left.
    tab.pages.setCurrentWidget(tab.chase_page)
    units = [
        tab.chase_page.model.index(i, 0).data()
        for i in range(tab.chase_page.model.rowCount())
    ]
    assert rf.UNIT_B not in units and rf.UNIT_C in units
