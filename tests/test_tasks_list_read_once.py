"""``bdcq tasks list`` (core.task_list.listed_tasks) reads the tasks once, by the tasks page's
own read (core.task_tracking.track_tasks): it read them a second time through the list's ORM
read (core.tasks.list_tasks), which doubled its time at ten years. What it lists stays what
that read gave: whom each task was given to as the documents word it (a merged unit's open
task, one handed over by the day), its focal unit, its sessions, its dates and status, on the
demo SQLite file with transfers and sessions added, today and on past days."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import event

from bdcq_desktop.core import working_group
from bdcq_desktop.core.task_list import listed_tasks
from bdcq_desktop.core.task_transfer import transfer_task
from bdcq_desktop.core.tasks import OPEN_STATUSES, list_tasks
from tests.conftest import DEMO_TODAY

# A statement reading the tasks table itself (not task_event, not a join onto it).
READS_TASKS = re.compile(r"\bFROM task\b(?!_)", re.IGNORECASE)
SAME = (
    "id",
    "content",
    "meeting_id",
    "assignee",
    "focal_unit",
    "assigned_on",
    "deadline",
    "completed_on",
    "status",
    "status_label",
    "days_overdue",
    "version",
    "sessions",
)


def _statements(db: Any, call: Any) -> list[str]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return [s for s in seen if READS_TASKS.search(s)]


def test_the_tasks_are_read_once(demo_db: Any) -> None:
    for day in (DEMO_TODAY, date(2025, 6, 30)):
        reads = _statements(demo_db, lambda d=day: listed_tasks(demo_db, today=d))
        assert len(reads) == 1, reads


def _open_tasks(db: Any) -> list[Any]:
    return [r for r in list_tasks(db, today=DEMO_TODAY) if r.status in OPEN_STATUSES]


def test_the_list_words_each_task_as_the_list_s_own_read(demo_db: Any) -> None:
    db = demo_db
    first, second, third = _open_tasks(db)[:3]
    others = {r.assignee_unit_id for r in _open_tasks(db)} - {None}
    # Handed over before the day asked, and after it (undone on that day); a session serving
    # one of them.
    for task, on in ((first, DEMO_TODAY - timedelta(days=5)), (second, DEMO_TODAY)):
        to = next(u for u in others if u != task.assignee_unit_id)
        transfer_task(
            db, task.id, to_unit_id=to, reason="Điều chỉnh chức năng", on=on,
            expected_version=None, today=DEMO_TODAY,
        )  # fmt: skip
    working_group.create_session(
        db, purpose="proposal", title="Xây dựng dự thảo kế hoạch", starts_on=DEMO_TODAY,
        ends_on=DEMO_TODAY + timedelta(days=2), serves=f"task:{third.id}",
    )  # fmt: skip
    days = (DEMO_TODAY, DEMO_TODAY - timedelta(days=2), date(2025, 6, 30), date(2026, 3, 1))
    worded = {"handed over": 0, "merged": 0, "sessions": 0}
    for day in days:
        for kw in ({}, {"status": "overdue"}, {"meeting_id": third.meeting_id}):
            listed = listed_tasks(db, today=day, **kw)
            rows = list_tasks(db, today=day, **kw)
            assert [t.id for t in listed] == [r.id for r in rows], (day, kw)
            for t, r in zip(listed, rows, strict=True):
                assert {k: getattr(t, k) for k in SAME} == {k: getattr(r, k) for k in SAME}
                worded["handed over"] += " ngày " in t.assignee
                worded["merged"] += "(tiếp nhận từ" in t.assignee and " ngày " not in t.assignee
                worded["sessions"] += bool(t.sessions)
    assert all(worded.values()), worded  # each wording was met
