"""The demo's acts on tasks (core/demo/task_acts.py): a few deadlines extended by the Head or a
Deputy Head with a reason, the units' progress notes, the stopped tasks stopped through a stop
record with their reason (not the result column), each by the core's rules and dated in the
demo's past; and what the documents of the demo print of them (the reminder's deadline as
extended, the tasks report's stopped tasks with their reason), PDFs read back by pdfium
(tests/pdf_text.py, tests/pdf_tables.py). On a real SQLite file: the demo loaded once per run
(tests/conftest.py)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core.chase import chase_list
from bdcq_desktop.core.demo.builder import is_working_day
from bdcq_desktop.core.enums import TaskEventKind
from bdcq_desktop.core.meeting_rules import CHAIR_ROLES, roles_on
from bdcq_desktop.core.models import Task, TaskStatus
from bdcq_desktop.core.task_events import read_acts
from bdcq_desktop.core.task_history import given_on, task_history
from bdcq_desktop.core.text import decree_date
from bdcq_desktop.documents import service
from tests.conftest import DEMO_TODAY
from tests.pdf_tables import table_cells
from tests.pdf_text import flat_text


def test_the_demo_has_acts_of_each_kind_by_the_cores_rules(demo_db: Any) -> None:
    with demo_db.session() as s:
        acts = read_acts(s.connection())
        events = [e for evs in acts.events.values() for e in evs]
        kinds = Counter(e.kind for e in events)
        assert kinds[TaskEventKind.EXTENSION] >= 3
        assert kinds[TaskEventKind.PROGRESS] >= 5
        assert kinds[TaskEventKind.STOP] >= 3
        approvers = set()
        for e in events:
            t = s.get(Task, e.task_id)
            given = given_on(t)
            assert given is not None and given < e.day < DEMO_TODAY, e
            assert is_working_day(e.day), e
            assert e.text.strip(), e
            if t.completed_on is not None:
                assert e.day <= t.completed_on, e  # acts on an open task only
            if e.kind == TaskEventKind.EXTENSION:
                # Later than the deadline in force, approved by the Head or a Deputy Head of
                # that day's roster, the task's deadline in force the new one.
                assert e.old_deadline == t.deadline and e.new_deadline > e.old_deadline, e
                assert e.day < e.old_deadline
                assert t.extended_to == e.new_deadline
                assert roles_on(s, e.day).get(e.decided_by_id) in CHAIR_ROLES, e
                approvers.add(roles_on(s, e.day)[e.decided_by_id])
            if e.kind == TaskEventKind.STOP:
                assert t.status == TaskStatus.CANCELLED and e.decided_by_id is not None
                assert roles_on(s, e.day).get(e.decided_by_id) in CHAIR_ROLES, e
        assert len(approvers) == 2  # the Head and a Deputy Head both approved some
        # Every stopped task through a stop record, its reason there, not in the result column.
        stopped = s.scalars(select(Task).where(Task.status == TaskStatus.CANCELLED)).all()
        assert stopped
        for t in stopped:
            assert [e.kind for e in acts.events[t.id]][-1] == TaskEventKind.STOP
            assert t.result_report is None
        # A progress note on a task still open, and on one done since.
        noted = {e.task_id for e in events if e.kind == TaskEventKind.PROGRESS}
        statuses = {s.get(Task, tid).status for tid in noted}
        assert TaskStatus.IN_PROGRESS in statuses and TaskStatus.DONE in statuses
        stopped_id = stopped[0].id
    lines = task_history(demo_db, stopped_id, today=DEMO_TODAY).lines
    assert any(x.kind == "stop" and "Lý do: " in x.text for x in lines)


def test_the_demos_reminder_says_an_overdue_task_was_extended(demo_db: Any) -> None:
    with demo_db.session() as s:
        acts = read_acts(s.connection())
    overdue = {t.task_id: t for u in chase_list(demo_db, today=DEMO_TODAY) for t in u.tasks}
    extended = [
        tid
        for tid in overdue
        if any(e.kind == TaskEventKind.EXTENSION for e in acts.events.get(tid, []))
    ]
    assert extended, "the demo has an overdue task extended"
    pdf = service.draft(demo_db, "reminder", None, today=DEMO_TODAY, options={"since": "all"})
    cells = table_cells(pdf)  # a narrow column wraps a cell: its lines joined
    for tid in extended:
        new, given = overdue[tid].deadline, acts.given[tid]
        assert new != given
        cell = f"{decree_date(new)} (gia hạn; hạn ban đầu {decree_date(given)})"
        assert cell.replace(" ", "") in {c.replace(" ", "") for c in cells}, cell


def test_the_demos_tasks_report_prints_each_stopped_task_with_its_reason(demo_db: Any) -> None:
    with demo_db.session() as s:
        stopped = s.scalars(select(Task).where(Task.status == TaskStatus.CANCELLED)).all()
        acts = read_acts(s.connection(), [t.id for t in stopped])
        stops = {t.id: acts.events[t.id][-1] for t in stopped}
    pdf = service.draft(demo_db, "tasks", None, today=DEMO_TODAY)
    assert f"không tính vào tổng số: {len(stopped)}" in flat_text(pdf)
    cells = table_cells(pdf)
    assert f"Nhiệm vụ đã dừng thực hiện, không tính vào tổng số: {len(stopped)} nhiệm vụ" in cells
    assert cells.count("Đã dừng thực hiện") == len(stopped)
    for stop in stops.values():
        # Where the result goes: the day, who decided, the reason.
        said = [c for c in cells if c.startswith(f"Dừng thực hiện từ ngày {decree_date(stop.day)}")]
        assert any(c.endswith(f"Lý do: {stop.text}") for c in said), (stop, said)
