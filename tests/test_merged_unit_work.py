"""A unit merged into another (sáp nhập, core.units.merge_units): its open tasks and its
unreceived reports are chased and reported from the unit that received it, named
"<unit> (tiếp nhận từ <merged unit>)", following merges of merges; its done work and the
records stay its own. Through the core on a real SQLite file (the hand-counted dataset of
:mod:`tests.report_fixtures`, unit B merged into A ten days before), then the tracking, the
chase list, ``bdcq tasks list``, the reminder and the tasks report read back by pdfium
(tests/pdf_text.py, tests/pdf_tables.py)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import chase, task_tracking
from bdcq_desktop.core.errors import NotReadyError
from bdcq_desktop.core.models import Submission, Task, TaskStatus
from bdcq_desktop.core.task_first_rows import first_rows
from bdcq_desktop.core.tasks import list_tasks
from bdcq_desktop.core.units import merge_units, reactivate_unit
from tests import report_fixtures as rf
from tests.cli_run import run_bdcq
from tests.pdf_tables import page_tables
from tests.pdf_text import flat_text

T = date(2026, 3, 20)
MERGED_ON = T - timedelta(days=10)
DONE_B = "Nhiệm vụ Sở Bêta đã hoàn thành"
TAKEN = f"{rf.UNIT_A} (tiếp nhận từ {rf.UNIT_B})"


def _build(db: Any) -> rf.Ids:
    """The dataset, with B also owing the ad hoc report and having done a task, then B merged
    into A (as the user does it: one core call)."""
    ids = rf.build(db, T)
    with db.session() as s:
        s.add(Submission(round_id=ids.rounds["adhoc"], unit_id=ids.units["B"]))
        s.add(
            Task(
                content=DONE_B,
                assignee_unit_id=ids.units["B"],
                assigned_on=T - timedelta(days=60),
                deadline=T - timedelta(days=15),
                completed_on=T - timedelta(days=20),
                status=TaskStatus.DONE,
            )
        )
    merge_units(db, ids.units["B"], ids.units["A"], on=MERGED_ON)
    return ids


@pytest.fixture
def data(db: Any) -> rf.Ids:
    return _build(db)


def test_the_chase_list_chases_the_merged_units_arrears_from_its_successor(
    db: Any, data: rf.Ids
) -> None:
    units = {u.unit: u for u in chase.chase_list(db, today=T)}
    assert list(units) == [rf.UNIT_A, rf.UNIT_C]  # B is no longer chased as itself
    a = units[rf.UNIT_A]
    assert [(r.round_title, r.taken_from) for r in a.reports] == [
        (rf.AD_HOC_TITLE, ""),
        (f"{rf.AD_HOC_TITLE} (tiếp nhận từ {rf.UNIT_B})", rf.UNIT_B),
    ]
    [task] = a.tasks
    assert (task.task_id, task.taken_from) == (data.tasks["b_overdue"], rf.UNIT_B)
    assert task.source.endswith(f"; tiếp nhận từ {rf.UNIT_B}")
    # The successor's own list is the same; the merged unit's is refused, naming who answers.
    assert chase.chase_list(db, unit_id=data.units["A"], today=T) == [a]
    with pytest.raises(NotReadyError, match=f"{rf.UNIT_B} đã được sáp nhập vào {rf.UNIT_A}"):
        chase.chase_list(db, unit_id=data.units["B"], today=T)
    # On a day before the merge B was still there: its arrears are its own.
    before = {u.unit: u for u in chase.chase_list(db, today=MERGED_ON - timedelta(days=1))}
    assert [r.taken_from for r in before[rf.UNIT_B].reports] == [""]
    assert all(not r.taken_from for r in before[rf.UNIT_A].reports)


def test_the_tracking_and_the_task_list_count_open_tasks_for_the_successor(
    db: Any, data: rf.Ids
) -> None:
    rows = {r.id: r for r in task_tracking.track_tasks(db, today=T)}
    a, b = data.units["A"], data.units["B"]
    for key in ("b_overdue", "b_today"):  # still open: the successor's now
        row = rows[data.tasks[key]]
        assert (row.unit_id, row.unit, row.taken_from) == (a, rf.UNIT_A, rf.UNIT_B)
        assert row.unit_label == TAKEN
    done = next(r for r in rows.values() if r.content == DONE_B)
    cancelled = rows[data.tasks["b_cancelled"]]
    for row in (done, cancelled):  # what B did or was spared stays B's
        assert (row.unit_id, row.unit, row.taken_from) == (b, rf.UNIT_B, "")
        assert row.unit_label == rf.UNIT_B
    assert {r.id for r in task_tracking.track_tasks(db, unit_id=a, today=T)} == {
        data.tasks[k] for k in ("a_soon", "a_later", "b_overdue", "b_today")
    }
    assert {r.id for r in task_tracking.track_tasks(db, unit_id=b, today=T)} == {
        done.id,
        cancelled.id,
    }
    per_unit = {c.unit_id: c for c in task_tracking.completion_by_unit(rows.values())}
    assert (per_unit[a].overdue, per_unit[a].due_soon, per_unit[a].total) == (1, 2, 4)
    assert (per_unit[b].done, per_unit[b].overdue, per_unit[b].cancelled) == (1, 0, 1)
    # The tasks page's first screen counts as its full read does.
    order = ("overdue", "due_soon", "not_due", "done_late", "done_on_time", "cancelled")
    first = first_rows(db, status_order=order, screen=3, head=4, today=T)
    assert first is not None
    assert first.completion_by_unit() == task_tracking.completion_by_unit(
        task_tracking.track_tasks(db, today=T)
    )
    # bdcq tasks list: the unit as it answers now, found by either name.
    [listed] = list_tasks(db, status="overdue", unit="Alpha", today=T)
    assert (listed.id, listed.assignee_unit) == (data.tasks["b_overdue"], TAKEN)
    assert [r.id for r in list_tasks(db, unit="Bêta", status="overdue", today=T)] == [listed.id]
    [kept] = [r for r in list_tasks(db, unit="Bêta", today=T) if r.content == DONE_B]
    assert kept.assignee_unit == rf.UNIT_B


def test_the_task_list_names_the_person_in_charge_in_the_same_brackets(
    db: Any, data: rf.Ids
) -> None:
    with db.session() as s:
        task = s.get(Task, data.tasks["b_overdue"])
        task.assignee_person_id = s.get(Task, data.tasks["c_person"]).assignee_person_id
    [row] = list_tasks(db, status="overdue", unit="Alpha", today=T)
    assert row.assignee == f"{rf.UNIT_A} (tiếp nhận từ {rf.UNIT_B}; Trần Văn Thử)"


def test_merges_of_merges_and_undoing_a_merge(db: Any, data: rf.Ids) -> None:
    # C merged into B, then B into A: C's open task (given to a person of C) is A's.
    reactivate_unit(db, data.units["B"])
    merge_units(db, data.units["C"], data.units["B"], on=MERGED_ON - timedelta(days=5))
    merge_units(db, data.units["B"], data.units["A"], on=MERGED_ON)
    person_task = data.tasks["c_person"]
    on_day = {r.id: r for r in task_tracking.track_tasks(db, today=T)}[person_task]
    assert (on_day.unit_id, on_day.unit_label) == (
        data.units["A"],
        f"{rf.UNIT_A} (tiếp nhận từ {rf.UNIT_C})",
    )
    between = MERGED_ON - timedelta(days=2)  # C merged, B not yet
    earlier = {r.id: r for r in task_tracking.track_tasks(db, today=between)}[person_task]
    assert (earlier.unit_id, earlier.taken_from) == (data.units["B"], rf.UNIT_C)
    [a] = [u for u in chase.chase_list(db, today=T) if u.unit_id == data.units["A"]]
    assert {(t.task_id, t.taken_from) for t in a.tasks} == {
        (data.tasks["b_overdue"], rf.UNIT_B),
        (person_task, rf.UNIT_C),
    }
    # A merge entered by mistake and undone: the work is B's again, nothing else to undo.
    reactivate_unit(db, data.units["B"])
    rows = {r.id: r for r in task_tracking.track_tasks(db, today=T)}
    assert (rows[data.tasks["b_overdue"]].unit_id, rows[data.tasks["b_overdue"]].taken_from) == (
        data.units["B"],
        "",
    )
    assert rows[person_task].unit_id == data.units["B"]  # C is still merged, into B now


def _table_rows(pdf: bytes) -> list[list[str]]:
    rows = []
    for tables in page_tables(pdf):
        for table in tables:
            rows += [[re.sub(r"\s+", " ", c or "").strip() for c in row] for row in table]
    return rows


def _report_overdue(text: str) -> int:
    return int(re.search(r"Quá hạn chưa hoàn thành: (\d+)", text).group(1))  # type: ignore[union-attr]


def _reminder_overdue(text: str) -> int:
    found = re.search(r"và (\d+) nhiệm vụ chưa hoàn thành đã quá hạn", text)
    return int(found.group(1))  # type: ignore[union-attr]


def _proposal(text: str) -> dict[str, int]:
    """The units the tasks report's Kiến nghị asks to finish, with their numbers of tasks."""
    asked = text.split("báo cáo kết quả về Ban Chỉ đạo:", 1)[1].split("./.", 1)[0]
    return {
        m.group(1).strip(): int(m.group(2))
        for m in re.finditer(r"([^;]+?) \((\d+) nhiệm vụ\)", asked)
    }


def test_the_reminder_and_the_tasks_report_agree_and_ask_the_successor(
    db: Any, data: rf.Ids
) -> None:
    from bdcq_desktop.documents import service

    report_pdf = service.draft(db, "tasks", None, today=T)
    report = flat_text(report_pdf)
    reminder = flat_text(service.draft(db, "reminder", None, today=T))
    # b_overdue (now A's) and C's person's task, in both documents.
    assert _report_overdue(report) == _reminder_overdue(reminder) == 2
    assert "2 cơ quan, đơn vị còn 3 báo cáo chưa gửi và 2 nhiệm vụ" in reminder
    assert _proposal(report) == {rf.UNIT_A: 1, rf.UNIT_C: 1}
    # The annex: the task under A, its source saying whence; B's done task still B's.
    rows = _table_rows(report_pdf)
    row = next(r for r in rows if r[1] == rf.TASK_B_OVERDUE)
    assert row[2].endswith(f"tiếp nhận từ {rf.UNIT_B}")
    groups = [r[1] for r in rows if r[0].isdigit() and len(r) > 1 and ":" in r[1]]
    assert any(g.startswith(f"{rf.UNIT_B}: 1 nhiệm vụ; hoàn thành 1 (100%)") for g in groups)
    assert any(g.startswith(f"{rf.UNIT_A}: 4 nhiệm vụ;") for g in groups)
    # The reminder to A holds B's arrears, each saying whence.
    to_a_pdf = service.draft(db, "reminder", data.units["A"], today=T)
    to_a = flat_text(to_a_pdf)
    cells = [r[1] for r in _table_rows(to_a_pdf)]
    assert rf.TASK_B_OVERDUE in cells
    assert f"{rf.AD_HOC_TITLE} (tiếp nhận từ {rf.UNIT_B})" in cells
    assert "còn 2 báo cáo chưa gửi và 1 nhiệm vụ chưa hoàn thành" in to_a
    with pytest.raises(NotReadyError, match=f"đã được sáp nhập vào {rf.UNIT_A}"):
        service.draft(db, "reminder", data.units["B"], today=T)


def test_the_commands_name_the_successor(db: Any, db_path: Path, tmp_path: Path) -> None:
    # The commands read today's date: the dataset is built around it.
    ids = rf.build(db, date.today())
    merge_units(db, ids.units["B"], ids.units["A"], on=date.today() - timedelta(days=1))
    db.dispose()
    listed = run_bdcq(["tasks", "list", "--status", "overdue", "--format", "csv"], db=db_path)
    assert listed.returncode == 0, listed.stderr
    assert TAKEN in listed.stdout
    out = tmp_path / "a.pdf"
    one = run_bdcq(["export", "reminder", "--unit", str(ids.units["A"]), "-o", out], db=db_path)
    assert one.returncode == 0, one.stderr
    assert rf.TASK_B_OVERDUE in flat_text(out.read_bytes())
    refused = run_bdcq(
        ["export", "reminder", "--unit", str(ids.units["B"]), "-o", tmp_path / "b.pdf"], db=db_path
    )
    assert refused.returncode != 0 and f"đã được sáp nhập vào {rf.UNIT_A}" in refused.stderr
    assert "Hãy lập văn bản đôn đốc gửi đơn vị tiếp nhận." in refused.stderr


def test_the_demo_tasks_report_and_reminder_count_alike(demo_db: Any) -> None:
    """The demo merges Sở Thông tin và Truyền thông into Sở Khoa học và Công nghệ on 1/3/2025
    with a task of the former still open, overdue since 25/03/2025 until the regular meeting
    of July settled it: both documents of a day in between count it, for the latter."""
    from bdcq_desktop.documents import service

    day = date(2025, 6, 20)
    report = flat_text(service.draft(demo_db, "tasks", None, today=day))
    reminder_pdf = service.draft(demo_db, "reminder", None, today=day)
    reminder = flat_text(reminder_pdf)
    assert _report_overdue(report) == _reminder_overdue(reminder)
    chased = {u.unit: len(u.tasks) for u in chase.chase_list(demo_db, today=day) if u.tasks}
    assert _proposal(report) == chased
    assert "Sở Thông tin và Truyền thông" not in chased
    row = next(r for r in _table_rows(reminder_pdf) if "Kho dữ liệu dùng chung" in r[1])
    assert row[2].endswith("tiếp nhận từ Sở Thông tin và Truyền thông")


def test_the_tasks_page_names_the_unit_that_took_the_task_over(
    qtbot: Any, db: Any, data: rf.Ids
) -> None:
    from PySide6.QtCore import Qt

    from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage

    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.reload()
    page.tasks.model.show_all()
    model = page.tasks.proxy
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    unit_column = headers.index("Đơn vị chủ trì")
    shown = page.tasks.visible_rows()
    row = next(i for i, r in enumerate(shown) if r.id == data.tasks["b_overdue"])
    assert model.index(row, unit_column).data() == TAKEN
