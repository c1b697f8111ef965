"""A task handed to another unit (core.task_transfer) after a day is, in the lists of that day,
the unit's that had it then, as in the tasks report of that date (core.tasks_on.handovers_on,
one reader for all): ``bdcq tasks list --today D`` (core.tasks.list_tasks) and the tasks page
read as of D (core.task_tracking.track_tasks) name the former unit, not today's. On a real
SQLite file (the hand-counted dataset of :mod:`tests.report_fixtures`), the CLI run for real,
the report read back with pdfium (tests/pdf_tables.py)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.core.task_transfer import transfer_task
from bdcq_desktop.core.tasks import list_tasks
from bdcq_desktop.documents import service
from tests import report_fixtures as rf
from tests.cli_run import run_bdcq
from tests.pdf_tables import page_tables
from tests.test_transfer_dates_in_documents import source_cell

T = date(2026, 3, 20)  # the day asked about: past, the transfer dated the day after it
REASON = "Theo Quyết định số 12/QĐ-UBND, Sở Alpha tiếp nhận"


@pytest.fixture
def data(db: Any) -> rf.Ids:
    ids = rf.build(db, T)
    # B's task, overdue on T, handed to A the day after T (recorded today).
    transfer_task(
        db,
        ids.tasks["b_overdue"],
        to_unit_id=ids.units["A"],
        reason=REASON,
        on=T + timedelta(days=1),
        expected_version=None,
        today=date.today(),
    )
    return ids


def _cli_tasks(db_path: Path, day: date) -> dict[str, dict[str, Any]]:
    out = run_bdcq(
        ["tasks", "list", "--today", day.isoformat(), "--format", "json"], db=db_path
    )
    assert out.returncode == 0, out.stderr
    return {t["content"]: t for t in json.loads(out.stdout)}


STOPPED = "Đã dừng thực hiện"  # the annex's status of a task stopped by its date


def _report_units(pdf: bytes) -> dict[str, str]:
    """Each task of the report's annex (numbered "2.1") with the unit it is listed under, read
    from its heading row above ("2", "Sở Bêta Thử nghiệm: 2 nhiệm vụ; …"); not those stopped,
    listed apart after the units (the CLI's list has none either)."""
    found: dict[str, str] = {}
    unit = ""
    for tables in page_tables(pdf):
        for table in tables:
            for row in table:
                cells = [re.sub(r"\s+", " ", c or "").strip() for c in row]
                if len(cells) < 3:
                    continue
                if cells[0].isdigit() and ":" in cells[1] and not any(cells[2:]):
                    unit = cells[1].split(":")[0]
                elif re.fullmatch(r"\d+\.\d+", cells[0]) and cells[4] != STOPPED:
                    found[cells[1]] = unit
    return found


def test_the_tasks_list_of_a_day_names_the_unit_the_tasks_report_of_that_day_does(
    db: Any, db_path: Path, data: rf.Ids
) -> None:
    listed = _cli_tasks(db_path, T)
    report = _report_units(service.draft(db, "tasks", None, today=T))
    # On T the task was still B's: the CLI and the report of T say so, and agree.
    assert report[rf.TASK_B_OVERDUE] == rf.UNIT_B
    assert listed[rf.TASK_B_OVERDUE]["assignee"] == rf.UNIT_B
    assert listed[rf.TASK_B_OVERDUE]["status"] == "overdue"
    # Every task given to a unit, in both, under the same unit (the list names a person's
    # task by the person, the report by the person's unit).
    given = [k for k in report if k != rf.TASK_C_PERSON]
    assert len(given) == 6
    assert {k: listed[k]["assignee"] for k in given} == {k: report[k] for k in given}
    # The tasks page as of T counts it for B, and finds it among B's tasks, not A's.
    a, b = data.units["A"], data.units["B"]
    [tracked] = [t for t in track_tasks(db, today=T) if t.content == rf.TASK_B_OVERDUE]
    assert (tracked.unit_id, tracked.unit) == (b, rf.UNIT_B)
    assert rf.TASK_B_OVERDUE in {t.content for t in track_tasks(db, unit_id=b, today=T)}
    assert rf.TASK_B_OVERDUE not in {t.content for t in track_tasks(db, unit_id=a, today=T)}
    assert [r.content for r in list_tasks(db, unit=rf.UNIT_B, today=T)].count(
        rf.TASK_B_OVERDUE
    ) == 1
    # From the transfer's day on, and today, it is A's in both.
    after = T + timedelta(days=1)
    # (The list of a day after the transfer says whence it came beside the unit: below.)
    assert _cli_tasks(db_path, after)[rf.TASK_B_OVERDUE]["assignee"].startswith(
        f"{rf.UNIT_A} ("
    )
    assert _report_units(service.draft(db, "tasks", None, today=after))[
        rf.TASK_B_OVERDUE
    ] == rf.UNIT_A
    [now] = [t for t in track_tasks(db) if t.content == rf.TASK_B_OVERDUE]
    assert (now.unit_id, now.unit) == (a, rf.UNIT_A)


def test_the_lists_of_a_day_after_a_transfer_say_whence_and_when_as_the_report_does(
    db: Any, db_path: Path, data: rf.Ids
) -> None:
    """From the transfer's day (T+1) on, the lists of a past day name A with the note the
    tasks report of that day prints, "tiếp nhận từ Sở Bêta Thử nghiệm ngày 21/03/2026": the
    tasks page in the task's source (as the report), ``bdcq tasks list`` beside its unit (the
    list has no source column: where a merged unit's task says it); the day before, none. The
    report writes the day as documents do (Decree 30: "21/3/2026"), the lists as screens do."""
    note = f"tiếp nhận từ {rf.UNIT_B} ngày 21/03/2026"
    for day in (T + timedelta(days=1), T + timedelta(days=10)):
        report = source_cell(service.draft(db, "tasks", None, today=day), rf.TASK_B_OVERDUE)
        assert report.endswith(f"; tiếp nhận từ {rf.UNIT_B} ngày 21/3/2026")
        [row] = [t for t in track_tasks(db, today=day) if t.content == rf.TASK_B_OVERDUE]
        assert row.unit == rf.UNIT_A and row.source.endswith(f"; {note}")
        listed = _cli_tasks(db_path, day)[rf.TASK_B_OVERDUE]
        assert listed["assignee"] == f"{rf.UNIT_A} ({note})"
        # The filter by unit still reads the unit, not the note.
        assert rf.TASK_B_OVERDUE not in {r.content for r in list_tasks(db, unit="Bêta", today=day)}
    [then] = [t for t in track_tasks(db, today=T) if t.content == rf.TASK_B_OVERDUE]
    assert "tiếp nhận" not in then.source
    assert "tiếp nhận" not in _cli_tasks(db_path, T)[rf.TASK_B_OVERDUE]["assignee"]


def test_todays_lists_say_whence_and_when_as_a_past_days_do(
    db: Any, db_path: Path, data: rf.Ids
) -> None:
    """Today's lists, not only a past day's: the tasks page (its whole read and its first
    screen, read without the rest) in the task's source, ``bdcq tasks list`` without
    ``--today`` beside its unit, the note the tasks report of today prints."""
    from bdcq_desktop.core.task_first_rows import first_rows
    from bdcq_desktop.core.tasks import STATUSES

    note = f"tiếp nhận từ {rf.UNIT_B} ngày 21/03/2026"
    report = source_cell(service.draft(db, "tasks", None), rf.TASK_B_OVERDUE)
    assert report.endswith(f"; tiếp nhận từ {rf.UNIT_B} ngày 21/3/2026")  # as documents write it
    [row] = [t for t in track_tasks(db) if t.content == rf.TASK_B_OVERDUE]
    assert row.unit == rf.UNIT_A and row.source.endswith(f"; {note}")
    first = first_rows(db, status_order=list(STATUSES), screen=50, head=50)
    assert first is not None
    [shown] = [t for t in first.rows if t.content == rf.TASK_B_OVERDUE]
    assert shown == row  # the first screen's row is the whole read's
    out = run_bdcq(["tasks", "list", "--format", "json"], db=db_path)
    assert out.returncode == 0, out.stderr
    [listed] = [t for t in json.loads(out.stdout) if t["content"] == rf.TASK_B_OVERDUE]
    assert listed["assignee"] == f"{rf.UNIT_A} ({note})"
    # A task never handed over says nothing of the kind, today either.
    assert not [t for t in track_tasks(db) if "tiếp nhận từ" in t.source and t.id != row.id]
