"""The "Kỳ" of Báo cáo › Nhiệm vụ (ui/tabs/task_period_filter.py): a year, a quarter, six
months or two dates, as the tasks report of that period holds them (core/task_period.py, read
by core.task_list.tasks_of_period). The page on a real SQLite file against ``bdcq tasks
list/summary`` and ``bdcq export tasks`` run as bdcq runs them; PDFs read back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog
from bdcq_desktop.ui.report_chart import percent_text
from bdcq_desktop.ui.tabs import task_export
from bdcq_desktop.ui.tabs.task_period_filter import QUARTER, RANGE, YEAR
from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage
from tests.cli_run import ok, run_bdcq
from tests.pdf_text import flat_text

TIMEOUT = 30_000
PAGE = (1346, 600)  # the page's share of a 1366×768 window


# The quarter the tests choose on the page, as the command line is given it.
Q3 = ("--year", "2026", "--quarter", "3")


def _page(qtbot: Any, db: Any) -> TaskTrackingPage:
    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.resize(*PAGE)
    page.show()
    page.reload()
    return page


def _choose_quarter(page: TaskTrackingPage, year: int, n: int) -> None:
    f = page.period_filter
    f.kind.setCurrentIndex(f.kind.findData(QUARTER))
    f.year.setValue(year)
    f.number.setCurrentIndex(n - 1)


def _dialog_text(qtbot: Any, dialog: DocumentDialog) -> str:
    qtbot.waitUntil(lambda: not dialog._busy and dialog._pdf is not None, timeout=TIMEOUT)
    assert dialog._pdf is not None
    return flat_text(dialog._pdf)


def test_a_quarter_shows_the_tasks_and_figures_of_tasks_list_and_summary(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite3"
    page = _page(qtbot, demo_db)
    every = {r.id for r in page.every_task()}
    _choose_quarter(page, 2026, 3)
    shown = {r.id for r in page.tasks.visible_rows()}
    listed = json.loads(
        ok(run_bdcq(["tasks", "list", *Q3, "--format", "json"], db=path))
    )
    assert shown == {t["id"] for t in listed}
    assert 0 < len(shown) < len(every)  # a quarter, not every task
    # Each as it stood at the quarter's end, as the list of that day says it.
    by_id = {t["id"]: t for t in listed}
    assert {r.id: r.status for r in page.tasks.visible_rows()} == {
        i: t["status"] for i, t in by_id.items()
    }
    summary = json.loads(
        ok(run_bdcq(["tasks", "summary", *Q3, "--format", "json"], db=path))
    )
    total = summary["total"]
    assert summary["on"] == "2026-09-30"
    text = page.summary.text()
    assert text.startswith("Quý III năm 2026: "), text  # over: counted on its last day
    assert (
        f"{total['total']} nhiệm vụ (trừ {total['cancelled']} đã dừng): hoàn thành "
        f"{total['done']} ({percent_text(total['rate'])}), quá hạn {total['overdue']}, "
        f"sắp đến hạn {total['due_soon']}. Đang hiện {len(shown)}."
    ) in text
    # The units' table counts the quarter's tasks as the summary does.
    units = {(u["unit_id"] or 0): u for u in summary["units"]}
    for row in page.units.visible_rows():
        if row.id in units:
            assert (row.total, row.done, row.overdue) == (
                units[row.id]["total"],
                units[row.id]["done"],
                units[row.id]["overdue"],
            ), row.unit

    # Back to every task: every task again.
    page.period_filter.kind.setCurrentIndex(0)
    page.reload_all_rows()
    assert {r.id for r in page.tasks.visible_rows()} == every
    assert page.period() is None and not page.summary.text().startswith("Quý")


def test_the_report_of_the_list_of_a_quarter_is_the_quarters_report(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite3"
    page = _page(qtbot, demo_db)
    _choose_quarter(page, 2026, 3)
    dialog = task_export.report_listed(page)
    assert isinstance(dialog, DocumentDialog)
    assert dialog.period_combo.currentText() == "Như danh sách đang hiện: quý III năm 2026"
    from_list = _dialog_text(qtbot, dialog)
    dialog.close()
    out = tmp_path / "q3.pdf"
    ok(run_bdcq(["export", "tasks", *Q3, "-o", str(out), "--draft"], db=path))
    assert from_list == flat_text(out)
    assert "quý III năm 2026" in from_list and "theo danh sách" not in from_list

    # Narrowed further (a status): the quarter's tasks of that status, the title saying both.
    page.status_combo.setCurrentIndex(page.status_combo.findData("overdue"))
    rows = page.tasks.visible_rows()
    assert rows and all(r.status == "overdue" for r in rows)
    dialog = task_export.report_listed(page)
    assert dialog.period_combo.currentText() == (
        "Như danh sách đang hiện: quý III năm 2026; tình trạng: Quá hạn"
    )
    text = _dialog_text(qtbot, dialog)
    dialog.close()
    assert "quý III năm 2026 (tình trạng: Quá hạn; tính đến ngày 30 tháng 9 năm 2026)" in text
    assert f"Quá hạn chưa hoàn thành: {len(rows)}." in text
    assert f"Tổng số nhiệm vụ: {len(rows)}," in text


def test_the_period_is_chosen_from_the_keyboard_and_remembered(
    qtbot: Any, demo_db: Any
) -> None:
    page = _page(qtbot, demo_db)
    page.activateWindow()
    qtbot.waitExposed(page)
    page.tasks.view.setFocus()
    qtbot.waitUntil(page.tasks.view.hasFocus)
    f = page.period_filter
    qtbot.keyClick(page.tasks.view, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # "&Kỳ:"
    assert QApplication.focusWidget() is f.kind
    qtbot.keyClick(f.kind, Qt.Key.Key_Down)  # Năm
    qtbot.keyClick(f.kind, Qt.Key.Key_Down)  # Quý
    assert f.key() == QUARTER and f.year.isVisible() and f.number.isVisible()
    # Tab: the year, which quarter, then the status.
    qtbot.keyClick(f.kind, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is f.year
    f.year.selectAll()
    qtbot.keyClicks(f.year, "2026")
    qtbot.keyClick(f.year, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is f.number
    qtbot.keyClick(f.number, Qt.Key.Key_Home)  # Quý I
    qtbot.keyClick(f.number, Qt.Key.Key_Down)  # Quý II
    qtbot.keyClick(f.number, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.status_combo
    assert page.period() is not None and page.period().label == "quý II năm 2026"
    assert page.summary.text().startswith("Quý II năm 2026: ")

    # Remembered: a new page (a new window) shows the quarter, its tasks read.
    view_state.flush()
    again = _page(qtbot, demo_db)
    assert again.period_filter.key() == QUARTER
    assert again.period() is not None and again.period().label == "quý II năm 2026"
    assert {r.id for r in again.tasks.visible_rows()} == {r.id for r in page.tasks.visible_rows()}


def test_two_dates_out_of_order_are_refused_naming_the_field(qtbot: Any, demo_db: Any) -> None:
    page = _page(qtbot, demo_db)
    f = page.period_filter
    f.kind.setCurrentIndex(f.kind.findData(RANGE))
    assert f.start_field.isVisible() and f.end_field.isVisible() and f.to_label.isVisible()
    assert not f.year.isVisible()
    # Filled with this quarter so far: its tasks shown.
    assert page.period() is not None
    f.start_field.set_value(date(2026, 10, 1))
    f.end_field.set_value(date(2026, 9, 1))
    f.end_field.edit.editingFinished.emit()
    assert page.message.isVisible()
    assert "Ngày kết thúc kỳ báo cáo (01/09/2026) trước ngày bắt đầu (01/10/2026)" in (
        page.message.text()
    )
    assert not page.tasks.visible_rows()  # none of another period left on screen
    f.end_field.set_value(date(2026, 10, 31))
    f.end_field.edit.editingFinished.emit()
    assert not page.message.isVisible()
    assert page.period() is not None and page.period().end == date(2026, 10, 31)
    assert page.tasks.visible_rows()
    # A period not over is counted to today, and says so.
    today = date.today()
    f.kind.setCurrentIndex(f.kind.findData(YEAR))
    f.year.setValue(today.year)
    assert page.period() is not None and page.period().label == f"năm {today.year}"
    if today < date(today.year, 12, 31):
        assert page.summary.text().startswith(
            f"Năm {today.year} (tính đến {today:%d/%m/%Y}): "
        ), page.summary.text()


def test_the_period_controls_fit_beside_the_status_at_1366(qtbot: Any, demo_db: Any) -> None:
    page = _page(qtbot, demo_db)
    f = page.period_filter
    for key in (QUARTER, RANGE):
        f.kind.setCurrentIndex(f.kind.findData(key))
        QApplication.processEvents()
        for w in (f.kind, f.year, f.number, f.start_field, f.end_field, page.status_combo):
            if w.isVisible():
                right = w.mapTo(page, w.rect().topRight()).x()
                assert right < PAGE[0] - 300, (key, w.objectName(), right)  # room for the summary
        # The summary's figures are read whole, in at most three lines.
        summary = page.summary
        assert summary.width() >= 400, summary.width()
        assert summary.heightForWidth(summary.width()) <= 3 * summary.fontMetrics().height() + 4


def test_a_list_of_a_period_is_registered_with_both(db: Any) -> None:
    """Issued from a narrowed list of a quarter, the register's summary names the quarter
    and the list: one of another quarter, narrowed alike, is another document of the day."""
    from bdcq_desktop.core.task_period import ListedTasks, quarter
    from bdcq_desktop.documents import service

    kind = service.KINDS["tasks"]
    shown = ListedTasks(frozenset({1}), "tình trạng: Quá hạn")
    q3 = kind.register_summary(db, None, {"period": quarter(2026, 3), "shown": shown})
    q2 = kind.register_summary(db, None, {"period": quarter(2026, 2), "shown": shown})
    assert q3 == (
        "Tình hình thực hiện nhiệm vụ Ban Chỉ đạo giao quý III năm 2026 "
        "(theo danh sách: tình trạng: Quá hạn)"
    )
    assert q2 != q3


def test_a_units_transfer_moves_its_tasks_open_today_whatever_the_period(
    qtbot: Any, demo_db: Any
) -> None:
    """"Chuyển toàn bộ nhiệm vụ đang mở của đơn vị…" from a quarter's list: every task of the
    unit open today, not the quarter's as they stood at its end (one given since is left)."""
    from bdcq_desktop.core.task_tracking import track_tasks
    from bdcq_desktop.ui.dialogs.task_transfer_dialog import open_rows

    today = {t.id: t for t in track_tasks(demo_db)}
    page = _page(qtbot, demo_db)
    _choose_quarter(page, 2026, 1)
    shown = {r.id for r in page.tasks.visible_rows()}
    later = [t for t in today.values() if t.status in ("overdue", "due_soon", "not_due")
             and t.id not in shown and t.unit_id is not None]  # fmt: skip
    assert later  # open now, given after the first quarter
    unit = later[0].unit_id
    moved = open_rows(page.every_task(), unit)
    assert {r.id for r in moved} == {r.id for r in open_rows(list(today.values()), unit)}
    assert later[0].id in {r.id for r in moved}
    assert {r.id for r in page.tasks.visible_rows()} == shown  # the list still the quarter's
