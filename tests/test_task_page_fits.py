"""Báo cáo › Nhiệm vụ at 1366×768 (the page gets some 1346 px of it): the units' table shows
every column without scrolling sideways, the completion rate right after the unit's name, the
names whole; the counts under short headers that say in full what they count; the task's text
readable beside its deadline and status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage

PAGE = (1346, 600)  # the page's share of a 1366×768 window (tabs, toolbar, margins aside)


def _shown(table: Any) -> list[int]:
    view = table.view
    count = len(table.model.columns())
    return sorted(
        (i for i in range(count) if not view.isColumnHidden(i)),
        key=view.horizontalHeader().visualIndex,
    )


def _column(table: Any, key: str) -> int:
    return next(i for i, c in enumerate(table.model.columns()) if c.key == key)


def test_the_units_and_their_rate_fit_beside_readable_tasks(qtbot: Any, demo_db: Any) -> None:
    page = TaskTrackingPage(demo_db)
    qtbot.addWidget(page)
    page.resize(*PAGE)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.units.proxy.rowCount() > 5)
    QApplication.processEvents()

    units = page.units
    view = units.view
    assert view.horizontalScrollBar().maximum() == 0, [
        (units.model.columns()[i].title, view.columnWidth(i)) for i in _shown(units)
    ]
    shown = _shown(units)
    assert [units.model.columns()[i].key for i in shown[:2]] == ["unit", "rate"]
    name = _column(units, "unit")
    metrics = view.fontMetrics()
    names = [units.proxy.index(r, name).data() for r in range(units.proxy.rowCount())]
    assert "Sở Giáo dục và Đào tạo" in names  # cut to "Sở Giáo dục và Đ…" at 124 px
    for unit in names:  # every name whole
        assert view.columnWidth(name) >= metrics.horizontalAdvance(unit) + 8, unit
    # Short headers, each saying in full what it counts.
    header = units.model
    for i in shown[1:]:
        title = header.headerData(i, Qt.Orientation.Horizontal)
        tip = header.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip and len(tip) > len(title), (title, tip)

    tasks = page.tasks
    content = _column(tasks, "content")
    tview = tasks.view
    assert tview.columnWidth(content) >= 250
    # The essentials on the first screen, without scrolling sideways.
    for key in ("deadline", "status_label", "content", "days_overdue", "unit_label"):
        column = _column(tasks, key)
        right = tview.columnViewportPosition(column) + tview.columnWidth(column)
        assert right <= tview.viewport().width(), key
