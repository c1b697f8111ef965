"""The Báo cáo tab's overview pages (offscreen, pytest-qt): the matrix and its filters, the
chart, task tracking, who to chase and its reminder, all from the keyboard."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from bdcq_desktop.core.models import SubmissionStatus
from bdcq_desktop.ui.report_chart import Bar, RateChart
from bdcq_desktop.ui.tabs.chase_list import ChaseListPage
from bdcq_desktop.ui.tabs.report_overview import MAX_COLUMN, MIN_COLUMN, OverviewPage
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab
from bdcq_desktop.ui.tabs.task_tracking import ALL_UNITS, TaskTrackingPage
from tests import report_fixtures as rf

TIMEOUT = 60_000


@pytest.fixture
def data(db: Any) -> rf.Ids:
    # The pages read today's date: the dataset is built around it.
    return rf.build(db, date.today())


def _count(page: OverviewPage, status: SubmissionStatus) -> str:
    return page.count_labels[status].text()


def _select(combo: Any, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_matrix_page_and_filters(qtbot: Any, db: Any, data: rf.Ids) -> None:
    page = OverviewPage(db)
    qtbot.addWidget(page)
    page.resize(1300, 650)
    page.show()
    page.reload()
    # It opens on the year of the round last due (February's, due today: its period ended
    # 10 days ago), not on the newest (March's period ends in 20 days).
    assert page.year_combo.currentData() == (date.today() - timedelta(days=10)).year
    _select(page.year_combo, None)
    assert page.model.rowCount() == 4 and page.model.columnCount() == 4
    assert _count(page, SubmissionStatus.ON_TIME).endswith(": 3")
    assert _count(page, SubmissionStatus.OVERDUE).endswith(": 3")
    # Each cell: words and an icon, the colour only repeating them.
    index = page.model.index(1, 1)  # B in the January round: a day late
    assert page.model.data(index) == "Nộp muộn 1 ngày"
    assert not page.model.data(index, Qt.ItemDataRole.DecorationRole).isNull()
    assert rf.JAN_TITLE in page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert page.model.data(page.model.index(1, 0)) is None  # B was not asked in the ad hoc

    _select(page.kind_combo, "locality")
    assert page.model.rowCount() == 2
    assert _count(page, SubmissionStatus.ON_TIME).endswith(": 1")
    assert _count(page, SubmissionStatus.OVERDUE).endswith(": 2")
    _select(page.kind_combo, None)
    _select(page.regime_combo, data.regime)
    assert page.model.columnCount() == 3
    # The second round is due today (A has not reported): open, no rate (see below).
    assert [b.rate for b in page.chart.bars()] == [0.25, None, None]
    # The same figures as a table, for whoever cannot use the picture.
    page.view_button.setChecked(True)
    assert page.chart_stack.currentWidget() is page.rate_table
    assert page.rate_table.rowCount() == 3
    assert page.rate_table.item(0, 6).text() == "25%"
    # A reload keeps the filters.
    page.reload()
    assert page.regime_combo.currentData() == data.regime


def test_matrix_columns_fit_as_the_view_would_fit_them(qtbot: Any, db: Any, data: rf.Ids) -> None:
    """The page sizes its columns from the distinct cells only: the widths must be those of
    Qt's own fit over every cell (late and overdue texts, an empty cell), within the bounds."""
    page = OverviewPage(db)
    qtbot.addWidget(page)
    page.resize(1300, 650)
    page.show()
    page.reload()
    for regime in (None, data.regime):
        _select(page.year_combo, None)
        _select(page.regime_combo, regime)
        shown = [page.matrix.columnWidth(c) for c in range(page.model.columnCount())]
        page.matrix.resizeColumnsToContents()
        fitted = [
            max(MIN_COLUMN, min(page.matrix.columnWidth(c) + 8, MAX_COLUMN))
            for c in range(page.model.columnCount())
        ]
        assert shown == fitted and len(shown) >= 3


def test_an_open_round_shows_what_was_received_never_a_rate(
    qtbot: Any, db: Any, data: rf.Ids
) -> None:
    """Due today, B and C early, A not yet: the chart, its tooltip and announced text, the
    table, the column's tooltip and the export say "2/3 đã nộp", never 100 %."""
    page = OverviewPage(db)
    qtbot.addWidget(page)
    page.resize(1366, 650)
    page.show()
    page.reload()
    _select(page.year_combo, None)
    _select(page.regime_combo, data.regime)
    column = [r.title for r in page.overview.rounds].index(rf.FEB_TITLE)  # type: ignore[union-attr]
    bar = page.chart.bars()[column]
    assert bar.rate is None and bar.received == pytest.approx(2 / 3)
    assert (bar.open_text, bar.open_short) == ("2/3 đã nộp", "2/3")
    assert "100%" not in bar.tooltip and "Đã nộp 2/3" in bar.tooltip
    assert "chưa tính tỷ lệ đúng hạn" in bar.tooltip
    # Drawn hollow: inside its outline (two thirds high) the pale tint of an open bar, not
    # the solid blue of a rate.
    image = page.chart.grab().toImage()
    slot = page.chart.bar_rect(column)
    inside = QColor(image.pixel(int(slot.center().x()), int(slot.bottom() - slot.height() / 3)))
    assert inside.lightness() > 220 and inside.blue() > inside.red(), inside.name()
    # The keyboard cursor announces it.
    page.chart.setFocus()
    qtbot.waitUntil(page.chart.hasFocus)
    qtbot.keyClick(page.chart, Qt.Key.Key_Home)
    for _ in range(column):
        qtbot.keyClick(page.chart, Qt.Key.Key_Right)
    assert page.chart.accessibleDescription() == bar.tooltip
    # The table, the column's tooltip and the export's rates row.
    assert page.rate_table.item(column, 6).text() == "Đang mở: 2/3 đã nộp"
    # Its counts say what came of what is owed, as the rate cell does: no "2 đến hạn" when
    # nobody's due date has passed (B and C came early).
    heads = [page.rate_table.horizontalHeaderItem(c).text() for c in range(2, 6)]
    assert heads == ["Phải nộp", "Đã nộp", "Đúng hạn", "Muộn"]
    counts = [page.rate_table.item(column, c).text() for c in range(2, 6)]
    assert counts == ["3", "2", "2", "0"], counts
    tip = page.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "đang mở: 2/3 đã nộp" in tip and "100%" not in tip
    sheet = page.sheet()
    assert sheet.rows[-1][0] == "Tỷ lệ đúng hạn"
    assert sheet.rows[-1][1:] == ["25%", "Đang mở: 2/3 đã nộp", "Đang mở: 0/1 đã nộp"]
    assert len(sheet.rows) == page.model.rowCount() + 1


def test_chart_paints_and_is_keyboard_accessible(qtbot: Any) -> None:
    chart = RateChart()
    qtbot.addWidget(chart)
    chart.resize(600, 260)
    chart.set_bars([Bar("Kỳ một", 0.25, "Kỳ một: 25%"), Bar("Kỳ hai", 1.0, "Kỳ hai: 100%")])
    chart.show()
    image = chart.grab().toImage()
    assert not image.isNull() and image.width() == 600
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, 600, 3) for y in range(0, 260, 3)}
    assert len(colours) > 4  # bars, axes and text, not a blank widget
    assert "#2e6eb4" in colours  # the full bar
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    assert chart.current() == 0
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.current() == 1
    assert chart.accessibleDescription() == "Kỳ hai: 100%"
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert chart.current() == 0
    chart.set_bars([])
    assert not chart.grab().toImage().isNull()


def test_task_page_completion_and_filter(qtbot: Any, db: Any, data: rf.Ids) -> None:
    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    units = page.units.visible_rows()
    assert units[0].id == ALL_UNITS and units[0].total == 7  # the cancelled one aside
    by_name = {u.unit: u for u in units}
    assert by_name[rf.UNIT_C].rate == pytest.approx(2 / 3)
    assert len(page.tasks.visible_rows()) == 8
    page.units.select_where(lambda r: r.unit == rf.UNIT_B)
    assert {t.unit for t in page.tasks.visible_rows()} == {rf.UNIT_B}
    _select(page.status_combo, "overdue")
    page.units.select_where(lambda r: r.id == ALL_UNITS)
    assert {t.content for t in page.tasks.visible_rows()} == {
        rf.TASK_B_OVERDUE,
        rf.TASK_C_PERSON,
    }


def test_chase_page_groups_and_drafts_reminders(qtbot: Any, db: Any, data: rf.Ids) -> None:
    page = ChaseListPage(db)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    model = page.tree.model()
    tops = [model.index(i, 0) for i in range(model.rowCount())]
    assert [t.data() for t in tops] == [rf.UNIT_A, rf.UNIT_B, rf.UNIT_C]
    c = tops[2]
    children = [model.index(i, 0, c) for i in range(model.rowCount(c))]
    assert [i.data() for i in children] == [rf.JAN_TITLE, rf.TASK_C_PERSON]
    assert children[0].siblingAtColumn(3).data() == "28"
    assert all(page.tree.isExpanded(t) for t in tops)
    page.tree.setCurrentIndex(children[1])  # a row of the unit picks the unit
    assert page.selected_unit() == data.units["C"]
    dialog = page.remind_selected()
    assert dialog is not None
    assert dialog.record_type == "unit" and dialog.record_id == data.units["C"]
    assert dialog.current_kind().name == "reminder"  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT) as ready:
        pass
    assert ready.args[0] >= 1
    dialog.close()
    every = page.remind_all()
    assert every.record_id is None and every.current_kind().name == "reminder"  # type: ignore[union-attr]
    with qtbot.waitSignal(every.preview_ready, timeout=TIMEOUT):
        pass
    every.close()


def _tab_chain(qtbot: Any, start: QWidget, steps: int) -> list[str]:
    """Object names of the widgets Tab reaches from ``start``, in order, until it returns."""
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    names = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start:
            break
        names.append(widget.objectName())
    return names


def test_reports_tab_pages_from_the_keyboard(qtbot: Any, db: Any, data: rf.Ids) -> None:
    tab = ReportsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1340, 680)
    tab.show()
    tab.activateWindow()
    qtbot.waitExposed(tab)
    tab.reload()
    pages = tab.pages
    assert [pages.tabText(i) for i in range(pages.count())] == [
        "Đợt báo cáo",
        "Chế độ báo cáo",
        "Tổng hợp",
        "Nhiệm vụ",
        "Đôn đốc",
    ]
    # Pages load when shown; Ctrl+Tab walks them.
    assert tab.overview_page.overview is None
    pages.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    for _ in range(2):  # past the regimes page
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
        )
    assert pages.currentWidget() is tab.overview_page
    assert tab.overview_page.overview is not None
    chain = _tab_chain(qtbot, tab.overview_page.kind_combo, 20)
    for name in ("overviewYear", "overviewRegime", "overviewMatrix", "chartAsTable", "rateChart"):
        assert name in chain, chain
    # Alt+letters of the filters' labels reach their combos.
    tab.overview_page.matrix.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.overview_page.matrix)
    qtbot.keyClick(tab.overview_page.matrix, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is tab.overview_page.year_combo
    pages.setCurrentWidget(tab.chase_page)
    assert tab.chase_page.tree.model().rowCount() == 3
    chain = _tab_chain(qtbot, tab.chase_page.tree, 20)
    assert chain[:2] == ["remindUnitButton", "remindAllButton"], chain
