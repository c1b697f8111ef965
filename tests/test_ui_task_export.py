""""Xuất Excel…" on Báo cáo › Nhiệm vụ: the tasks as the page shows them (the unit chosen, the
status, the search, the columns and their order), deadlines (an extended one too) and
completion dates as Excel dates, days late as numbers; the units' table from its right-click
menu. Read back with openpyxl; the file is asked for through the save dialog as the officer
meets it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from bdcq_desktop.core.task_actions import extend_task
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage

TIMEOUT = 20_000


def _shown_titles(table: Any) -> list[str]:
    view = table.view
    columns = table.model.columns()
    shown = [c for c in range(len(columns)) if not view.isColumnHidden(c)]
    return [columns[c].title for c in sorted(shown, key=view.horizontalHeader().visualIndex)]


def _answer(monkeypatch: pytest.MonkeyPatch, target: Path, asked: list[str]) -> None:
    def answer(_parent: Any, _title: str, start: str, *_a: Any) -> tuple[str, str]:
        asked.append(Path(start).name)
        return str(target), "Excel (*.xlsx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def test_the_tasks_page_exports_what_it_shows(
    qtbot: Any, demo_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One of Sở Nội vụ's open tasks extended: the page marks its deadline "↻", the file has
    # the day.
    moved = next(
        t for t in track_tasks(demo_db) if t.unit == "Sở Nội vụ" and t.status == "overdue"
    )
    extended = date.today() + timedelta(days=30)
    extend_task(
        demo_db,
        moved.id,
        deadline=extended,
        reason="Chờ hướng dẫn của Bộ",
        approved_by_text="Công văn số 15/BCĐ-VP",
        expected_version=moved.version,
    )
    page = TaskTrackingPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1346, 600)
    page.show()
    page.reload()
    action = page.export_action
    assert action.text() == "Xuất Excel…" and action.isEnabled()

    # One unit's tasks, as chosen on the left.
    assert page.units.select_where(lambda r: r.unit == "Sở Nội vụ")
    shown = page.tasks.visible_rows()
    assert shown and {t.unit for t in shown} == {"Sở Nội vụ"}
    target, asked = tmp_path / "nv.xlsx", []
    _answer(monkeypatch, target, asked)
    action.trigger()
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    assert asked and asked[0].endswith(".xlsx") and "so-noi-vu" in asked[0]
    rows = [list(r) for r in load_workbook(target).active.iter_rows(values_only=True)]
    titles = rows[0]
    assert titles == _shown_titles(page.tasks) and len(rows) == len(shown) + 1
    deadline, late, done = (titles.index(t) for t in ("Thời hạn", "Trễ (ngày)", "Ngày hoàn thành"))
    by_content = {r[titles.index("Nội dung nhiệm vụ")]: r for r in rows[1:]}
    for task in shown:
        row = by_content[task.content]
        assert isinstance(row[deadline], datetime) and row[deadline].date() == task.deadline
        if task.days_overdue:
            assert row[late] == task.days_overdue and isinstance(row[late], int)
        else:
            assert row[late] in (None, "")
        if task.completed_on is not None:
            assert isinstance(row[done], datetime) and row[done].date() == task.completed_on
    assert any(t.days_overdue for t in shown)  # the demo's Sở Nội vụ has tasks late
    column = next(i for i, c in enumerate(page.tasks.model.columns()) if c.key == "deadline")
    proxy = page.tasks.proxy
    on_screen = {
        task.id: proxy.index(r, column).data() for r, task in enumerate(page.tasks.visible_rows())
    }
    assert on_screen[moved.id] == f"{extended:%d/%m/%Y} ↻"
    assert by_content[moved.content][deadline] == datetime(
        extended.year, extended.month, extended.day
    )

    # The units' table, with its rate as the screen says it and its counts as numbers.
    target = tmp_path / "dv.xlsx"
    _answer(monkeypatch, target, asked)
    page.export_units_action.trigger()
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    rows = [list(r) for r in load_workbook(target).active.iter_rows(values_only=True)]
    assert rows[0] == _shown_titles(page.units)
    assert len(rows) == page.units.proxy.rowCount() + 1
    first = rows[1]
    assert first[0] == "Tất cả các đơn vị" and isinstance(first[rows[0].index("Tổng")], int)
    assert str(first[rows[0].index("Tỷ lệ")]).endswith("%")
