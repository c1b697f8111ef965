"""Báo cáo › Nhiệm vụ, from the keyboard (offscreen, pytest-qt): an open task of a district
dissolved with no successor is flagged and counted in the summary; Ctrl+T hands it to a unit
in office (a refusal keeps what was typed), and "Chuyển toàn bộ…" moves the unit's other one."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from bdcq_desktop.core.models import Task
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.core.units import retire_unit
from bdcq_desktop.ui.dialogs.task_transfer_dialog import TaskTransferDialog
from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage
from tests import report_fixtures as rf

REASON = "Theo Quyết định số 12/QĐ-UBND, Sở Alpha tiếp nhận"
OWN = "Hoàn thiện hạ tầng một cửa cấp huyện"


def test_flag_and_hand_over_the_tasks_of_a_dissolved_district(qtbot: Any, db: Any) -> None:
    today = date.today()
    ids = rf.build(db, today)
    with db.session() as s:
        s.add(
            Task(
                content=OWN,
                assignee_unit_id=ids.units["C"],
                assigned_on=today - timedelta(days=30),
                deadline=today + timedelta(days=20),
            )
        )
    retire_unit(db, ids.units["C"], on=today - timedelta(days=5))
    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.resize(1340, 680)
    page.show()
    qtbot.waitExposed(page)
    page.reload_all_rows()
    assert "⚠ 2 nhiệm vụ đang mở thuộc đơn vị đã thôi hoạt động" in page.summary.text()
    model = page.tasks.proxy
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("Đơn vị chủ trì")
    shown = page.tasks.visible_rows()
    row = next(i for i, r in enumerate(shown) if r.id == ids.tasks["c_person"])
    assert model.index(row, column).data() == f"⚠ {rf.UNIT_C}"
    tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{rf.UNIT_C}: Đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận"

    # Ctrl+T on the person's task: the receiving unit, then Enter with no reason: refused.
    assert page.tasks.select_where(lambda r: r.id == ids.tasks["c_person"])
    page.tasks.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tasks.view)
    qtbot.keyClick(page.tasks.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = page.last_dialog
    assert isinstance(dialog, TaskTransferDialog) and not dialog.whole_unit
    qtbot.waitExposed(dialog)
    # Before "Chuyển": C's official in charge is named as dropped (the new unit picks one).
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(
        "Đồng chí Trần Văn Thử thôi phụ trách do chuyển đơn vị." in t for t in texts
    ), texts
    unit = dialog.form.editor("to_unit_id")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is unit)  # the first field
    offered = [unit.itemText(i) for i in range(unit.count())]  # type: ignore[attr-defined]
    assert rf.UNIT_C not in offered and rf.UNIT_D not in offered and rf.UNIT_A in offered
    qtbot.keyClicks(unit, "alpha")  # no diacritics needed
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Lý do chuyển giao" in dialog.form.error_label("reason").text()
    reason = dialog.form.editor("reason")
    assert QApplication.focusWidget() is reason
    reason.insertPlainText(REASON)  # type: ignore[attr-defined]  # as an input method does
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.try_save()
    assert saved.args[0] == ids.tasks["c_person"]
    moved = next(r for r in track_tasks(db) if r.id == ids.tasks["c_person"])
    assert (moved.unit, moved.no_successor) == (rf.UNIT_A, False)
    assert "⚠ 1 nhiệm vụ đang mở" in page.summary.text()

    # The district's other open task, with the whole-unit action from the toolbar.
    assert page.tasks.select_where(lambda r: r.content == OWN)
    page.transfer_all_action.trigger()
    whole = page.last_dialog
    assert isinstance(whole, TaskTransferDialog) and whole.whole_unit
    assert [r.content for r in whole.rows] == [OWN]
    whole.form.fields["to_unit_id"].set_value(ids.units["A"])
    whole.form.editor("reason").insertPlainText(REASON)  # type: ignore[attr-defined]
    # Edited elsewhere meanwhile: refused, read again, nothing moved; the next save moves it.
    with db.session() as s:
        s.query(Task).filter(Task.content == OWN).one().deadline = today + timedelta(days=25)
    assert not whole.try_save()
    assert "vừa được người khác sửa" in whole.banner_label.text()
    assert next(r for r in track_tasks(db) if r.content == OWN).unit == rf.UNIT_C
    assert whole.try_save()
    assert next(r for r in track_tasks(db) if r.content == OWN).unit == rf.UNIT_A
    assert "thôi hoạt động" not in page.summary.text()
