"""Báo cáo › Nhiệm vụ from the keyboard (offscreen, pytest-qt), on a meeting whose minutes are
final: Enter on its task opens "Ghi kết quả", whose Alt+G opens "Gia hạn"; the extension saved,
the deadline cell marks it and the details pane shows the history; Ctrl+Shift+G records
progress (shown in the result column), "Dừng thực hiện…" stops the task and "Thực hiện tiếp…"
takes it up again; Ctrl+T hands the other task over with a new deadline."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPushButton

from bdcq_desktop.core.minutes import finalise_issued, minutes_state
from bdcq_desktop.core.units import create_unit
from bdcq_desktop.ui.dialogs.task_act_dialogs import (
    TaskExtensionDialog,
    TaskProgressDialog,
    TaskResumeDialog,
    TaskStopDialog,
)
from bdcq_desktop.ui.dialogs.task_dialogs import TaskResultDialog
from bdcq_desktop.ui.dialogs.task_transfer_dialog import TaskTransferDialog
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab
from tests.test_conclusions_edit import held_meeting
from tests.test_ui_tasks import _back_to, _focus, _key, _tab_to


def _dialog_of(qtbot: Any, page: Any, kind: type) -> Any:
    """The dialog ``kind`` the page opened, shown, with the cursor in it."""
    qtbot.waitUntil(lambda: isinstance(page.last_dialog, kind) and page.last_dialog.isVisible())
    dialog = page.last_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # the window manager's part (offscreen has none)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    return dialog


def test_extend_report_stop_and_resume_a_task_from_the_keyboard(qtbot: Any, db: Any) -> None:
    ids = held_meeting(db)
    create_unit(db, name="Sở Tư pháp", kind="department")
    with db.session() as s:
        finalise_issued(s, minutes_state(db, ids["meeting"]), "a" * 64)
    today = date.today()
    later = today + timedelta(days=45)
    tab = ReportsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1366, 720)
    tab.show()
    tab.activateWindow()
    qtbot.waitExposed(tab)
    tab.reload()
    page = tab.tasks_page
    tab.pages.setCurrentWidget(page)
    assert page.tasks.select_where(lambda r: r.id == ids["task1"])
    _back_to(qtbot, tab, page.tasks.view)

    # Enter on a conclusion's task: "Ghi kết quả", with the other acts as buttons.
    _key(qtbot, Qt.Key.Key_Return)
    result = _dialog_of(qtbot, page, TaskResultDialog)
    buttons = {b.objectName(): b.text() for b in result.findChildren(QPushButton)}
    assert buttons["extendTaskButton"] == "&Gia hạn…"
    assert buttons["taskProgressButton"] == "Ghi &tiến độ…" and "resumeTaskButton" not in buttons
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    extension = _dialog_of(qtbot, page, TaskExtensionDialog)
    assert page.last_dialog is extension  # "Ghi kết quả" closed (and deleted)
    deadline = extension.form.editor("deadline").edit
    deadline.setFocus()
    _focus(qtbot, deadline)
    qtbot.keyClicks(deadline, later.strftime("%d/%m/%Y"))
    # Saved without whom or why: refused, naming the fields, nothing written.
    _key(qtbot, Qt.Key.Key_Return)
    assert extension.isVisible()
    assert "Người cho gia hạn" in extension.form.error_label("approved_by_id").text()
    assert "Lý do gia hạn" in extension.form.error_label("reason").text()
    approver = extension.form.editor("approved_by_id")
    _tab_to(qtbot, approver)
    qtbot.keyClicks(approver, "truong ban")  # no diacritics needed
    reason = extension.form.editor("reason")
    _tab_to(qtbot, reason)
    reason.insertPlainText("Chờ hướng dẫn của Bộ")  # as an input method does
    with qtbot.waitSignal(extension.saved):
        _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    row = page.tasks.current_row()
    assert row.id == ids["task1"] and row.given_deadline == date(2026, 9, 30)
    assert row.deadline == later and row.status != "overdue"
    cell = page.tasks.view.model().index(page.tasks.view.currentIndex().row(), 0).data()
    assert cell == later.strftime("%d/%m/%Y") + " ↻"
    details = page.details.toPlainText()
    assert "Hạn ban đầu 30/09/2026; gia hạn đến" in details
    assert "theo ý kiến đồng chí Vũ Duy Tiến" in details and "Chờ hướng dẫn của Bộ" in details

    # Ctrl+Shift+G: a progress note; the task stays open, its result cell says it.
    _back_to(qtbot, tab, page.tasks.view)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    _key(qtbot, Qt.Key.Key_G, ctrl_shift)
    progress = _dialog_of(qtbot, page, TaskProgressDialog)
    text = progress.form.editor("text")
    text.setFocus()
    _focus(qtbot, text)
    text.insertPlainText("Đã kết nối 60%")
    with qtbot.waitSignal(progress.saved):
        _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    row = page.tasks.current_row()
    assert row.progress.endswith("Đã kết nối 60%") and row.completed_on is None
    assert "Tiến độ: Đã kết nối 60%" in page.details.toPlainText()

    # Stopped, then taken up again, from the page's actions.
    stop = page.findChild(QAction, "stopTaskAction")
    resume = page.findChild(QAction, "resumeTaskAction")
    assert stop.isEnabled() and not resume.isEnabled()
    stop.trigger()
    dialog = _dialog_of(qtbot, page, TaskStopDialog)
    dialog.form.editor("reason").insertPlainText("Lồng ghép vào kế hoạch năm sau")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert page.tasks.current_row().status == "cancelled"
    assert resume.isEnabled() and not stop.isEnabled()
    resume.trigger()
    dialog = _dialog_of(qtbot, page, TaskResumeDialog)
    dialog.form.editor("reason").insertPlainText("Ban Chỉ đạo yêu cầu tiếp tục")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert page.tasks.current_row().status != "cancelled"
    history = page.details.toPlainText()
    assert history.index("Dừng thực hiện") < history.index("Thực hiện tiếp")

    # Ctrl+T on the other task: handed to another unit with a new deadline.
    assert page.tasks.select_where(lambda r: r.id == ids["task2"])
    _back_to(qtbot, tab, page.tasks.view)
    _key(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    transfer = _dialog_of(qtbot, page, TaskTransferDialog)
    qtbot.keyClicks(transfer.form.editor("to_unit_id"), "tu phap")
    transfer.form.editor("reason").insertPlainText("Theo Quyết định số 99/QĐ-UBND")
    qtbot.keyClicks(transfer.form.editor("deadline").edit, later.strftime("%d/%m/%Y"))
    transfer.save_button.click()  # a new deadline needs whoever approved it
    assert "Người cho gia hạn" in transfer.form.error_label("approved_by_id").text()
    assert page.tasks.current_row().unit != "Sở Tư pháp"  # nothing moved
    qtbot.keyClicks(transfer.form.editor("approved_by_id"), "truong ban")
    with qtbot.waitSignal(transfer.saved):
        transfer.save_button.click()
    assert transfer.isVisible() is False
    row = page.tasks.current_row()
    assert (row.id, row.unit, row.deadline) == (ids["task2"], "Sở Tư pháp", later)
    assert "Gia hạn đến" in page.details.toPlainText()
