"""The "Kỳ" of Báo cáo › Nhiệm vụ as an officer uses it (ui/tabs/task_period_filter.py,
ui/tabs/task_tracking.py): a year typed is read once its four digits are in, not on Tab
alone. Real SQLite files (the demo), the page as the window shows it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bdcq_desktop.ui.tabs.task_period_filter import QUARTER, YEAR
from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage

PAGE = (1346, 600)  # the page's share of a 1366×768 window


def _page(qtbot: Any, db: Any) -> TaskTrackingPage:
    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.resize(*PAGE)
    page.show()
    page.reload()
    return page


# -- 1. a year typed ----------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "after"), [(YEAR, "status"), (QUARTER, "number")])
def test_a_year_typed_is_read_once_whole_and_tab_goes_on(
    qtbot: Any, demo_db: Any, kind: str, after: str
) -> None:
    page = _page(qtbot, demo_db)
    page.activateWindow()
    qtbot.waitExposed(page)
    f = page.period_filter
    f.kind.setCurrentIndex(f.kind.findData(kind))
    f.kind.setFocus()
    qtbot.waitUntil(f.kind.hasFocus)
    qtbot.keyClick(f.kind, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is f.year
    year = date.today().year - 1
    reads: list[str] = []
    f.changed.connect(lambda: reads.append(f.state()))
    f.year.selectAll()
    typed = str(year)
    qtbot.keyClicks(f.year, typed[:3])  # "202": no year, nothing read
    assert reads == [] and page.period() is not None and page.period().start.year != year
    qtbot.keyClick(f.year, typed[3])
    # Read as the last digit is typed, once, the officer still in the box.
    assert len(reads) == 1 and reads[0].split(":")[1] == typed
    assert QApplication.focusWidget() is f.year
    period = page.period()
    assert period is not None and period.start.year == year and period.given_by == kind
    assert f"năm {year}" in page.summary.text().split(":")[0].lower(), page.summary.text()
    # Tab goes on as before, and reads nothing again.
    qtbot.keyClick(f.year, Qt.Key.Key_Tab)
    expected = page.status_combo if after == "status" else f.number
    assert QApplication.focusWidget() is expected
    assert len(reads) == 1
    # A year the box does not take (after this one) is never read.
    f.year.setFocus()
    qtbot.waitUntil(f.year.hasFocus)
    f.year.selectAll()
    qtbot.keyClicks(f.year, str(date.today().year + 3))
    assert len(reads) == 1 and str(year) in page.period().label
