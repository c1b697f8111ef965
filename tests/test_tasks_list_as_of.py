"""The task lists asked about a past day (``bdcq tasks list --today D``, the core reads behind
the tasks page) say what stood on D, as the tasks report dated D does: a task given after D is
left out, and each task's status, deadline, completion and note are those of D
(:mod:`bdcq_desktop.core.tasks_on`). The CLI and the report, read back from its PDF, agree row
for row and in their counts."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bdcq_desktop.core import adhoc_tasks
from bdcq_desktop.core import task_tracking as tt
from bdcq_desktop.core.task_first_rows import first_rows
from bdcq_desktop.core.tasks import complete_task, list_tasks
from bdcq_desktop.core.text import decree_date
from bdcq_desktop.ui.tabs.task_columns import STATUS_ORDER
from tests.cli_run import run_bdcq
from tests.test_tasks_of_their_date import (
    N1,
    _figures_agree,
    _flat,
    _report,
    _version,
    under_way_long_overdue,
)


def _cli_rows(path: Path, on: date) -> list[dict[str, Any]]:
    out = run_bdcq(["tasks", "list", "--today", on.isoformat(), "--format", "json"], db=path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _as_printed(row: dict[str, Any]) -> tuple[str, str]:
    """A CLI row's deadline and status as the report's annex words them."""
    deadline = decree_date(date.fromisoformat(row["deadline"])) if row["deadline"] else ""
    if row["status"].startswith("done_"):
        return deadline, "Hoàn thành"
    if row["status"] == "overdue":
        return deadline, f"Quá hạn {row['days_overdue']} ngày"
    return deadline, "đang thực hiện"


def _report_printed(row: tuple[str, str, str]) -> tuple[str, str]:
    deadline, status, _note = row
    # An extended task: the deadline in force, as the CLI lists it, without the report's
    # words of the extension ("(gia hạn; hạn ban đầu …)", "(đã gia hạn)").
    deadline = deadline.split(" (gia hạn", 1)[0]
    status = re.sub(r" \(đã gia hạn\)$|; đã gia hạn(?=\)$)", "", status)
    if status.startswith("Hoàn thành"):
        return deadline, "Hoàn thành"
    return deadline, status if status.startswith("Quá hạn") else "đang thực hiện"


def _agree(path: Path, db: Any, on: date) -> list[dict[str, Any]]:
    """``bdcq tasks list --today on`` and the tasks report dated ``on``: the same tasks, each
    with the same deadline and status, and the report's figures those of the CLI's rows."""
    cli = [r for r in _cli_rows(path, on) if r["status"] != "cancelled"]
    page, printed = _report(db, on)
    _figures_agree(page, printed)
    # Those stopped by the day, listed apart in the annex, are not the CLI's list either.
    printed = {c: r for c, r in printed.items() if r[1] != "Đã dừng thực hiện"}
    listed = {unicodedata.normalize("NFC", _flat(r["content"])): _as_printed(r) for r in cli}
    assert len(listed) == len(cli)  # one row per task
    assert listed == {c: _report_printed(r) for c, r in printed.items()}, on
    return cli


def test_the_cli_as_of_a_day_lists_what_the_report_of_that_day_prints(
    demo_db: Any, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite3"
    # Half a year into the demo: tasks given later are left out, those completed later open.
    cli = _agree(path, demo_db, date(2025, 6, 30))
    every = [r for r in _cli_rows(path, date.today()) if r["status"] != "cancelled"]
    assert 0 < len(cli) < len(every)
    # Before any task was given: none listed, as the report says none was given.
    assert _cli_rows(path, date(2024, 12, 31)) == []
    page, printed = _report(demo_db, date(2024, 12, 31))
    assert printed == {} and "chưa giao nhiệm vụ nào" in page
    for on in (date(2025, 12, 31), date.today() - timedelta(days=1), date.today()):
        _agree(path, demo_db, on)


def test_a_past_day_reads_each_task_as_it_stood_then(demo_db: Any, tmp_path: Path) -> None:
    """A task completed (recorded today) after the day stays overdue on it, with its old note;
    a task given after the day is not listed: in the CLI, the tasks page's reads (full and
    first screen) and the report of that day alike."""
    today = date.today()
    with demo_db.session() as s:
        t = under_way_long_overdue(s, today)
        assert t is not None and t.deadline is not None and t.assigned_on is not None
        tid, deadline, note, unit, by = (
            t.id, t.deadline, t.result_report, t.assignee_unit_id, t.assigned_by_id
        )  # fmt: skip
    day = deadline + timedelta(days=5)
    complete_task(demo_db, tid, day + timedelta(days=3), expected_version=_version(demo_db, tid),
                  result_report=N1)  # fmt: skip
    later = adhoc_tasks.create_task(
        demo_db, content="Rà soát danh mục thủ tục hành chính trực tuyến toàn trình.",
        assignee_unit_id=unit, deadline=today + timedelta(days=30), assigned_by_id=by,
        assigned_on=day + timedelta(days=1),
    )  # fmt: skip

    rows = {r.id: r for r in tt.track_tasks(demo_db, today=day)}
    assert later not in rows
    then = rows[tid]
    assert (then.status, then.completed_on, then.days_overdue) == ("overdue", None, 5)
    assert then.result_report == note
    assert [r.id for r in tt.track_tasks(demo_db, status="overdue", today=day)] == [
        r.id for r in rows.values() if r.status == "overdue"
    ]
    assert tid in {r.id for r in tt.track_tasks(demo_db, status="overdue", today=day)}
    listed = {r.id: r for r in list_tasks(demo_db, today=day)}
    assert listed.keys() == rows.keys()
    assert (listed[tid].status, listed[tid].completed_on) == ("overdue", None)
    first = first_rows(demo_db, status_order=STATUS_ORDER, screen=9, head=13, today=day)
    assert first is not None and first.count() == len(rows)
    assert first.completion_by_unit() == tt.completion_by_unit(list(rows.values()))
    cli = {r["id"]: r for r in _agree(tmp_path / "demo.sqlite3", demo_db, day)}
    assert cli[tid]["status"] == "overdue" and later not in cli

    # Today: done late, and the later task listed.
    now = {r.id: r for r in tt.track_tasks(demo_db, today=today)}
    assert now[tid].status == "done_late" and now[tid].result_report == N1 and later in now
