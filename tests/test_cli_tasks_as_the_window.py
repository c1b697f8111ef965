"""``bdcq tasks list`` and ``bdcq tasks summary`` give the figures of Báo cáo › Nhiệm vụ: the
unit a task counts for (``--unit`` a name as the window's units table lists it, ``--unit-id``
its id; never the focal unit), each task's assigned and completion dates, source and result
report, and the window's per-unit table from the same core call."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.ui.report_chart import percent_text
from bdcq_desktop.ui.tabs.task_tracking import ALL_UNITS, TaskTrackingPage
from tests.cli_run import run_bdcq

SCIENCE = "Sở Khoa học và Công nghệ"


def _ok(path: Path, *args: str) -> str:
    out = run_bdcq(args, db=path)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _page(qtbot: Any, db: Any) -> TaskTrackingPage:
    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    page.reload_all_rows()
    return page


def test_a_unit_s_tasks_are_those_the_window_counts_for_it(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite3"
    page = _page(qtbot, demo_db)
    assert page.units.select_where(lambda r: r.unit == SCIENCE)
    unit = page.units.current_row()
    window = {t.id for t in page.tasks.visible_rows()}
    listed = json.loads(_ok(path, "tasks", "list", "--unit", "Khoa học", "--format", "json"))
    # Not the tasks where it is only the focal unit (38 against the window's 10 in the audit).
    assert {t["id"] for t in listed} == window, (len(listed), len(window))
    assert {t["unit"] for t in listed} == {SCIENCE} and {t["unit_id"] for t in listed} == {unit.id}
    by_id = json.loads(
        _ok(path, "tasks", "list", "--unit-id", str(unit.id), "--format", "json")
    )
    assert [t["id"] for t in by_id] == [t["id"] for t in listed]
    focal_only = [t for t in track_tasks(demo_db) if t.focal_unit == SCIENCE and t.unit != SCIENCE]
    assert focal_only  # the demo has such tasks: they are left out above

    # Each task with what the window shows of it.
    rows = {t.id: t for t in track_tasks(demo_db)}
    everything = json.loads(_ok(path, "tasks", "list", "--format", "json"))
    assert {t["id"] for t in everything} == set(rows)
    for t in everything:
        row = rows[t["id"]]
        assert t["source"] == row.source and t["result_report"] == row.result_report
        assert t["progress"] == row.progress
        assert t["unit_id"] == row.unit_id and t["unit"] == row.unit
        for key in ("assigned_on", "completed_on", "deadline", "given_deadline"):
            value = getattr(row, key)
            assert t[key] == (value.isoformat() if value else None), key
    done = [t for t in everything if t["completed_on"] and t["result_report"]]
    assert done
    table = _ok(path, "tasks", "list", "--unit-id", str(unit.id))
    header = table.splitlines()[0]
    assert "Ngày hoàn thành" in header and "Kết quả thực hiện" in header
    sheet = list(csv.DictReader(io.StringIO(_ok(path, "tasks", "list", "--format", "csv"))))
    assert {"Ngày giao", "Ngày hoàn thành", "Kết quả thực hiện", "Nguồn giao"} <= set(sheet[0])


def test_the_summary_is_the_window_s_units_table(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite3"
    page = _page(qtbot, demo_db)
    shown = page.units.visible_rows()
    summary = json.loads(_ok(path, "tasks", "summary", "--format", "json"))
    assert summary["on"] == date.today().isoformat()
    every = next(r for r in shown if r.id == ALL_UNITS)
    total = summary["total"]
    assert (total["total"], total["done"], total["overdue"], total["rate_text"]) == (
        every.total,
        every.done,
        every.overdue,
        percent_text(every.rate),
    )
    units = {(u["unit_id"] or 0, u["unit"]): u for u in summary["units"]}
    window = {(r.id, r.unit): r for r in shown if r.id != ALL_UNITS}
    assert set(units) == set(window)
    for key, r in window.items():
        u = units[key]
        assert (u["total"], u["done"], u["done_late"], u["overdue"], u["due_soon"]) == (
            r.total,
            r.done,
            r.done_late,
            r.overdue,
            r.due_soon,
        ), key
        assert u["rate_text"] == percent_text(r.rate)
    # Listed in the window's order: by name, every unit's row first.
    table = _ok(path, "tasks", "summary").splitlines()
    assert table[2].startswith("Tất cả các đơn vị")
    names = [u["unit"] for u in summary["units"]]
    assert table.index(next(line for line in table if line.startswith(names[0]))) == 3
    sheet = list(csv.DictReader(io.StringIO(_ok(path, "tasks", "summary", "--format", "csv"))))
    assert sheet[0]["Cơ quan, đơn vị"] == "Tất cả các đơn vị" and len(sheet) == len(shown)

    # A past day: the figures of that day, as the list of that day counts them.
    day = date.today() - timedelta(days=120)
    then = json.loads(_ok(path, "tasks", "summary", "--on", day.isoformat(), "--format", "json"))
    listed = json.loads(
        _ok(path, "tasks", "list", "--today", day.isoformat(), "--format", "json")
    )
    counted = [t for t in listed if t["status"] != "cancelled"]
    assert then["on"] == day.isoformat() and then["total"]["total"] == len(counted)
    assert then["total"]["total"] < total["total"]
    for u in then["units"]:
        mine = [t for t in counted if t["unit_id"] == u["unit_id"]]
        assert u["total"] == len(mine), u["unit"]
        assert u["done"] == sum(t["status"].startswith("done_") for t in mine), u["unit"]
