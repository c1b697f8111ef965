"""What the reminder and the tasks report print of the acts on tasks (core/task_actions.py): the
reminder's deadline of an overdue task extended is the tasks report's cell, with the deadline as
given beside it (core/task_events.deadline_cell, one wording); the tasks report lists the tasks
stopped by its date apart in its annex, each with its stop (day, who decided, reason) where the
result goes. On a real SQLite file (the hand-counted dataset of :mod:`tests.report_fixtures`),
PDFs read back table cell by cell (with pdfium, tests/pdf_tables.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bdcq_desktop.core.models import Task
from bdcq_desktop.core.task_actions import extend_task, stop_task
from bdcq_desktop.documents import service
from tests import report_fixtures as rf
from tests.pdf_tables import table_cells

T = date(2026, 3, 20)
LATE = "Xây dựng kho dữ liệu dùng chung của tỉnh"


@pytest.fixture
def data(db: Any) -> rf.Ids:
    return rf.build(db, T)


def _cells(pdf: bytes) -> list[str]:
    """Every table cell of ``pdf``, its lines joined (a narrow column wraps a cell)."""
    return table_cells(pdf)


def _squeezed(cells: list[str]) -> set[str]:
    # A date wrapped at its slash ("21/09/ 2026") reads back with a space in it.
    return {c.replace(" ", "") for c in cells}


def test_the_reminder_prints_an_extended_deadline_as_the_tasks_report_does(
    db: Any, data: rf.Ids
) -> None:
    with db.session() as s:
        t = Task(
            content=LATE,
            assignee_unit_id=data.units["A"],
            assigned_on=T - timedelta(days=60),
            deadline=T - timedelta(days=20),
        )
        s.add(t)
        s.flush()
        task_id = t.id
    extend_task(
        db,
        task_id,
        deadline=T - timedelta(days=6),
        reason="Chờ Quyết định phê duyệt của UBND tỉnh",
        approved_by_text="Công văn số 15/BCĐ ngày 20/02/2026",
        on=T - timedelta(days=25),
        expected_version=None,
        today=T,
    )
    cell = "14/3/2026 (gia hạn; hạn ban đầu 28/02/2026)"  # months 1 and 2 only padded
    reminder = _cells(service.draft(db, "reminder", data.units["A"], today=T))
    assert cell.replace(" ", "") in _squeezed(reminder), reminder
    # Overdue against the deadline in force: 6 days, not 20.
    row = reminder[reminder.index(LATE) :][:5]
    assert row[-1] == "6", row
    report = _cells(service.draft(db, "tasks", None, today=T))
    assert cell.replace(" ", "") in _squeezed(report)


def test_the_tasks_report_lists_a_stopped_task_with_its_reason(db: Any, data: rf.Ids) -> None:
    reason = "Nội dung đã được lồng ghép vào Kế hoạch chuyển đổi số năm 2026 của tỉnh."
    stop_task(
        db,
        data.tasks["a_soon"],
        reason=reason,
        on=T - timedelta(days=2),
        decided_by_text="Kết luận của Chủ trì tại cuộc họp ngày 18/03/2026",
        expected_version=None,
        today=T,
    )
    cells = _cells(service.draft(db, "tasks", None, today=T))
    # Two stopped by the date: the one just stopped, and one stopped before stops were
    # recorded (its status alone: nothing to print where the result goes).
    assert "Nhiệm vụ đã dừng thực hiện, không tính vào tổng số: 2 nhiệm vụ" in cells, cells
    assert f"{rf.UNIT_A}: Nhiệm vụ thử a_soon" in cells
    assert cells.count("Đã dừng thực hiện") == 2
    assert (
        # The day as documents write it; who decided, as the office typed it.
        "Dừng thực hiện từ ngày 18/3/2026 theo Kết luận của Chủ trì tại cuộc họp ngày "
        f"18/03/2026. Lý do: {reason}"
    ) in cells
