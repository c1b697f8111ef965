"""Miễn nộp in the Báo cáo tab with pytest-qt, from the keyboard: Ctrl+M on a unit's row opens
the small dialog (the day, today by default, and the required reason), its save is one core
call; the row then says "Miễn nộp" (the reason in its tooltip), the round counts it apart;
Ctrl+Shift+M asks, then takes it off. A received report offers neither. The dataset is
tests/report_fixtures.py dated today (round "Tháng 01": UBND huyện Gamma 28 days overdue,
Sở Bêta a day late)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from bdcq_desktop.core import reports
from bdcq_desktop.ui.dialogs.submission_dialogs import WaiverDialog
from bdcq_desktop.ui.tabs.report_rounds import status_tip
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab
from tests import report_fixtures as rf

REASON = "Đơn vị đã hợp nhất; nội dung báo cáo do Sở Tài chính tổng hợp"


@pytest.fixture
def data(db: Any) -> rf.Ids:
    return rf.build(db, date.today())


@pytest.fixture
def tab(qtbot: Any, db: Any, data: rf.Ids) -> ReportsTab:
    widget = ReportsTab(db)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.reload()
    qtbot.waitUntil(lambda: widget.rounds.model.rowCount() == 4)
    widget.rounds.select_where(lambda r: r.id == data.rounds["jan"])
    qtbot.waitUntil(lambda: widget.submissions.model.rowCount() == 4)
    return widget


def _select(qtbot: Any, tab: ReportsTab, unit_id: int) -> reports.SubmissionRow:
    tab.submissions.select_where(lambda r: r.unit_id == unit_id)
    tab.activateWindow()
    qtbot.waitExposed(tab)
    tab.submissions.view.setFocus()
    qtbot.waitUntil(tab.submissions.view.hasFocus)
    row = tab.submissions.current_row()
    assert row is not None and row.unit_id == unit_id
    return row


def _shown(tab: ReportsTab, unit_id: int) -> reports.SubmissionRow:
    return next(r for r in tab.submissions.model.rows() if r.unit_id == unit_id)


def test_waive_and_unwaive_from_the_keyboard(qtbot: Any, tab: ReportsTab, data: rf.Ids) -> None:
    pane, view = tab.rounds_view.pane, tab.rounds_view
    unit_c = data.units["C"]
    row = _select(qtbot, tab, unit_c)
    assert row.status == "overdue"
    assert pane.waive_action.isEnabled() and not pane.unwaive_action.isEnabled()
    menu = {a.objectName() for a in tab.submissions.view.actions()}
    assert {"waiveAction", "unwaiveAction"} <= menu  # in the row's context menu too

    QTest.keyClick(tab.submissions.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = view.last_dialog
    assert isinstance(dialog, WaiverDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.form.values()["waived_on"] == date.today()
    hint = dialog.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740  # a 1366×768 laptop
    # The reason is required: the core's refusal shows under the field, nothing saved.
    assert dialog.try_save() is False
    error = dialog.form.error_label("waived_reason")
    assert not error.isHidden() and "Lý do miễn nộp" in error.text()
    dialog.form.fields["waived_reason"].set_value(REASON)
    assert dialog.try_save() is True

    qtbot.waitUntil(lambda: _shown(tab, unit_c).status == "waived")
    shown = _shown(tab, unit_c)
    assert shown.status_text == "Miễn nộp" and shown.waived_reason == REASON
    assert REASON in status_tip(shown)
    # What the row shows: the status text, its icon, the reason in the tooltip.
    model = tab.submissions.model
    column = next(i for i, c in enumerate(model.columns()) if c.key == "status_text")
    line = next(r for r in range(model.rowCount()) if model.row_at(r).unit_id == unit_c)
    index = model.index(line, column)
    assert model.data(index) == "Miễn nộp"
    assert REASON in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    jan = tab.rounds.current_row()
    assert (jan.missing, jan.waived) == (1, 1)
    assert "1 miễn nộp" in pane.heading.text()
    assert pane.unwaive_action.isEnabled()

    _select(qtbot, tab, unit_c)
    QTest.keyClick(
        tab.submissions.view,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and rf.UNIT_C in box.text()
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()
    qtbot.waitUntil(lambda: _shown(tab, unit_c).status == "overdue")
    assert tab.rounds.current_row().waived == 0


def test_a_received_report_offers_no_waiver(qtbot: Any, tab: ReportsTab, data: rf.Ids) -> None:
    pane = tab.rounds_view.pane
    _select(qtbot, tab, data.units["B"])
    assert not pane.waive_action.isEnabled() and not pane.unwaive_action.isEnabled()
