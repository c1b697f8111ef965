"""The "Kỳ" of Báo cáo › Nhiệm vụ as an officer uses it (ui/tabs/task_period_filter.py,
ui/tabs/task_tracking.py): a year typed is read once its four digits are in, not on Tab
alone; a period not begun says so plainly, on the page and in ``bdcq tasks list``, not with
the report's refusal; and with a period over, the row actions follow the task as it is today
(what they act on: core/task_today.py), not as it stood at the period's end. Real SQLite
files (the demo), the page as the window shows it, ``bdcq`` run as it is run."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core import task_actions
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.task_list import tasks_of_period
from bdcq_desktop.core.task_period import as_of, not_begun, quarter
from bdcq_desktop.core.task_today import task_today
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.core.tasks import OPEN_STATUSES
from bdcq_desktop.ui.tabs.task_period_filter import QUARTER, RANGE, YEAR
from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage
from tests.cli_run import ok, run_bdcq

PAGE = (1346, 600)  # the page's share of a 1366×768 window
Q1 = quarter(2026, 1)  # over: tasks open at its end were done or stopped since (the demo)
ACTS = ("extendTaskAction", "taskProgressAction", "stopTaskAction", "transferTaskAction",
        "transferUnitTasksAction")  # fmt: skip


def _page(qtbot: Any, db: Any) -> TaskTrackingPage:
    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.resize(*PAGE)
    page.show()
    page.reload()
    return page


def _action(page: TaskTrackingPage, name: str) -> QAction:
    action = page.findChild(QAction, name)
    assert action is not None, name
    return action


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


# -- 2. a period not begun ----------------------------------------------------------------------
def test_a_period_not_begun_is_empty_and_said_plainly_by_the_core(demo_db: Any) -> None:
    day = date(2026, 11, 20)
    ahead = quarter(2027, 1)
    assert tasks_of_period(demo_db, ahead, today=day) == []
    assert not_begun(ahead, day) == (
        "Kỳ quý I năm 2027 chưa bắt đầu (bắt đầu từ ngày 01/01/2027): chưa có nhiệm vụ nào."
    )
    assert not_begun(quarter(2026, 4), day) == ""
    # The report keeps its own refusal (a report dated before its period).
    with pytest.raises(BcdError, match="sau ngày của báo cáo"):
        as_of(ahead, day)


def test_tasks_list_of_a_period_not_begun_says_so(demo_db: Any, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    ahead = ["--year", "2027", "--quarter", "1", "--today", "2026-11-20"]
    said = "Kỳ quý I năm 2027 chưa bắt đầu (bắt đầu từ ngày 01/01/2027): chưa có nhiệm vụ nào."
    res = run_bdcq(["tasks", "list", *ahead], db=path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == said and "sau ngày của báo cáo" not in res.stderr
    # A script's JSON stays JSON (no task), the words on stderr.
    res = run_bdcq(["tasks", "list", *ahead, "--format", "json"], db=path)
    assert res.returncode == 0 and json.loads(res.stdout) == []
    assert res.stderr.strip() == f"bdcq: {said}"
    args = ["tasks", "summary", "--year", "2027", "--quarter", "1", "--on", "2026-11-20"]
    summary = json.loads(ok(run_bdcq([*args, "--format", "json"], db=path)))
    assert summary["total"]["total"] == 0 and summary["units"] == []


def test_the_page_says_a_period_not_begun_plainly(qtbot: Any, demo_db: Any) -> None:
    page = _page(qtbot, demo_db)
    f = page.period_filter
    f.kind.setCurrentIndex(f.kind.findData(RANGE))
    start, end = date.today() + timedelta(days=40), date.today() + timedelta(days=70)
    f.start_field.set_value(start)
    f.end_field.set_value(end)
    f.end_field.edit.editingFinished.emit()
    assert not page.message.isVisible(), page.message.text()  # no refusal
    assert page.tasks.visible_rows() == []
    assert page.summary.text() == (
        f"Kỳ từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y} chưa bắt đầu: chưa có nhiệm vụ nào."
    )
    # Back to a period begun: its tasks again.
    f.start_field.set_value(date.today() - timedelta(days=90))
    f.end_field.edit.editingFinished.emit()
    assert page.tasks.visible_rows() and "chưa bắt đầu" not in page.summary.text()


# -- 3. the actions of a period over ------------------------------------------------------------
def test_the_task_of_today_is_todays_row(demo_db: Any) -> None:
    every = track_tasks(demo_db)
    assert [task_today(demo_db, t.id) for t in every] == every
    assert task_today(demo_db, 10**6) is None


def test_a_period_over_enables_the_actions_from_the_task_today(qtbot: Any, demo_db: Any) -> None:
    today = {t.id: t for t in track_tasks(demo_db)}
    then = tasks_of_period(demo_db, Q1)
    done = [r for r in then if r.status in OPEN_STATUSES and today[r.id].status.startswith("done")]
    stopped = [r for r in then if r.status in OPEN_STATUSES and today[r.id].status == "cancelled"]
    assert done and stopped  # the demo: open at the quarter's end, done or stopped since
    page = _page(qtbot, demo_db)
    f = page.period_filter
    f.kind.setCurrentIndex(f.kind.findData(QUARTER))
    f.year.setValue(2026)
    f.number.setCurrentIndex(0)
    assert page.period() == Q1

    # Open at the quarter's end (as the list shows it), done today: nothing to extend,
    # report on, stop or hand over; its result can still be corrected.
    assert page.tasks.select_where(lambda r: r.id == done[0].id)
    shown = page.tasks.current_row()
    assert shown.status in OPEN_STATUSES  # the list stays the quarter's
    for name in ACTS:
        assert not _action(page, name).isEnabled(), name
    assert _action(page, "taskResultAction").isEnabled()
    details = page.details.toPlainText()
    assert f"{shown.status_label} (cuối kỳ); hiện nay: {today[shown.id].status_label}" in details

    # Open then, stopped today: taken up again, not stopped again; the dialog is of today's.
    assert page.tasks.select_where(lambda r: r.id == stopped[0].id)
    assert not _action(page, "stopTaskAction").isEnabled()
    resume = _action(page, "resumeTaskAction")
    assert resume.isEnabled()
    resume.trigger()
    dialog = page.last_dialog
    assert dialog is not None and type(dialog).__name__ == "TaskResumeDialog"
    assert dialog.row == today[stopped[0].id]  # type: ignore[attr-defined]
    dialog.close()

    # The core still refuses what no longer applies, whatever the page offers.
    with pytest.raises(BcdError, match="đã hoàn thành"):
        task_actions.extend_task(
            demo_db,
            done[0].id,
            deadline=date.today() + timedelta(days=30),
            reason="Thử",
            approved_by_text="Trưởng ban",
            expected_version=None,
        )

    # Every task (no period): the rows are today's, nothing read apart.
    f.kind.setCurrentIndex(0)
    page.reload_all_rows()
    assert page.tasks.select_where(lambda r: r.id == done[0].id)
    assert page.task_now(page.tasks.current_row()) is page.tasks.current_row()
    assert "(cuối kỳ)" not in page.details.toPlainText()
