"""A task's progress as it stood on a document's date: the tasks report and the reminder dated
back print each task's status, deadline and result note of that day, read from the change log
(:mod:`bdcq_desktop.core.tasks_on`), not today's. The demo's tasks, edited through the core;
each edit's log row then stamped on the day an officer would have made it."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select, update

from bdcq_desktop.core import adhoc_tasks
from bdcq_desktop.core.models import ChangeLog, Task, TaskStatus
from bdcq_desktop.core.tasks import complete_task
from bdcq_desktop.core.text import decree_date
from bdcq_desktop.documents import service
from tests.pdf_tables import page_tables
from tests.pdf_text import page_texts

N0 = "Đang triển khai"  # the demo's progress note of a task under way
N1 = "Đã hoàn thành, báo cáo tại Văn bản số 12/BC ngày hoàn thành."
N2 = "Đã hoàn thành; bổ sung kết quả tại Văn bản số 30/BC sau khi rà soát."


def under_way_long_overdue(s: Any, today: date) -> Task | None:
    """The demo's first task under way with its progress note, its deadline long past (over
    120 days before ``today``): a task whose state a past day's reads must undo."""
    return s.scalars(
        select(Task)
        .where(
            Task.status == TaskStatus.IN_PROGRESS,
            Task.result_report.startswith(N0),
            Task.deadline < today - timedelta(days=120),
        )
        .order_by(Task.deadline, Task.id)
    ).first()


def _flat(value: str | None) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


def _last_log_id(db: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.max(ChangeLog.id))) or 0


def _stamped(db: Any, since: int, day: date, hour: int) -> None:
    """The log rows written after row ``since`` as made on ``day`` at ``hour`` (local time)."""
    with db.session() as s:
        s.execute(
            update(ChangeLog)
            .where(ChangeLog.id > since)
            .values(at=datetime.combine(day, time(hour, 0)))
        )


def _version(db: Any, task_id: int) -> int:
    with db.session() as s:
        task = s.get(Task, task_id)
        assert task is not None
        return task.version


def _report(db: Any, on: date) -> tuple[str, dict[str, tuple[str, str, str]]]:
    """The tasks report dated ``on``: its text, and its annex's rows by task content
    (deadline, status, result)."""
    pdf = service.draft(db, "tasks", None, today=on)
    rows: dict[str, tuple[str, str, str]] = {}
    page_text = _flat(" ".join(page_texts(pdf)))
    for tables in page_tables(pdf):
        for table in tables:
            for row in table:
                if len(row) == 6 and re.fullmatch(r"\d+\.\d+", _flat(row[0])):
                    content = _flat(row[1])
                    assert content not in rows, content  # one row per task
                    rows[content] = (_flat(row[3]), _flat(row[4]), _flat(row[5]))
    return page_text, rows


def _figures_agree(page_text: str, rows: dict[str, tuple[str, str, str]]) -> None:
    """The body's figures are the annex's rows counted (those stopped listed apart, in no
    count)."""
    rows = {k: r for k, r in rows.items() if r[1] != "Đã dừng thực hiện"}
    done = sum(status.startswith("Hoàn thành") for _, status, _ in rows.values())
    overdue = sum(status.startswith("Quá hạn") for _, status, _ in rows.values())
    assert f"Tổng số nhiệm vụ: {len(rows)}," in page_text
    assert f"Đã hoàn thành: {done} (" in page_text
    assert f"Đang thực hiện, trong hạn: {len(rows) - done - overdue};" in page_text
    assert re.search(rf"Quá hạn chưa hoàn thành: {overdue}[.;]", page_text)


def _reminder_rows(db: Any, on: date) -> dict[str, tuple[str, str]]:
    """The reminder for every unit dated ``on``: its task rows by content (deadline, days)."""
    pdf = service.draft(db, "reminder", None, today=on)
    rows: dict[str, tuple[str, str]] = {}
    for tables in page_tables(pdf):
        for table in tables:
            for row in table:
                if len(row) == 5 and re.fullmatch(r"\d+", _flat(row[0])):
                    rows[_flat(row[1])] = (_flat(row[3]), _flat(row[4]))
    return rows


def test_a_report_dated_back_prints_each_task_as_it_stood_then(demo_db: Any) -> None:
    today = date.today()
    with demo_db.session() as s:
        # A task under way with the demo's progress note, its deadline long past.
        t = under_way_long_overdue(s, today)
        assert t is not None and t.deadline is not None and t.assigned_on is not None
        tid, content, deadline, note = t.id, _flat(t.content), t.deadline, t.result_report
        given, by, unit = t.assigned_on, t.assigned_by_id, t.assignee_unit_id
    assert deadline - given > timedelta(days=30)

    # Before the edits: the figures of the days looked at.
    d1, d2, d3 = (deadline + timedelta(days=n) for n in (2, 8, 28))
    before = {on: _report(demo_db, on) for on in (d1, d2)}

    # Completed late on deadline+3 (recorded that day), its note rewritten on deadline+23.
    done_on = deadline + timedelta(days=3)
    mark = _last_log_id(demo_db)
    complete_task(demo_db, tid, done_on, expected_version=_version(demo_db, tid), result_report=N1)
    _stamped(demo_db, mark, done_on, 16)
    mark = _last_log_id(demo_db)
    complete_task(demo_db, tid, done_on, expected_version=_version(demo_db, tid), result_report=N2)
    _stamped(demo_db, mark, done_on + timedelta(days=20), 9)

    # An ad hoc task of the same unit due 20 days before, its deadline extended on deadline+4.
    first, extended = deadline - timedelta(days=20), deadline + timedelta(days=60)
    mark = _last_log_id(demo_db)
    late = "Rà soát, báo cáo tình hình kết nối hệ thống một cửa điện tử với cơ sở dữ liệu."
    aid = adhoc_tasks.create_task(
        demo_db, content=late, assignee_unit_id=unit, deadline=first, assigned_by_id=by,
        assigned_on=given,
    )  # fmt: skip
    _stamped(demo_db, mark, given, 10)
    mark = _last_log_id(demo_db)
    fields = adhoc_tasks.get_task(demo_db, aid).values() | {"deadline": extended}
    adhoc_tasks.update_task(demo_db, aid, expected_version=_version(demo_db, aid), **fields)
    _stamped(demo_db, mark, deadline + timedelta(days=4), 9)

    # Two days after the deadline: the task still overdue with its old note, the ad hoc task
    # overdue by its first deadline.
    page, rows = _report(demo_db, d1)
    assert rows[content] == (decree_date(deadline), "Quá hạn 2 ngày", _flat(note))
    assert rows[late] == (decree_date(first), "Quá hạn 22 ngày", "")
    _figures_agree(page, rows)
    old_rows = before[d1][1]
    assert len(rows) == len(old_rows) + 1
    assert {c: r for c, r in rows.items() if c != late} == old_rows  # nothing else moved
    chased = _reminder_rows(demo_db, d1)  # a content printed without its final stop
    assert chased[late.rstrip(".")] == (decree_date(first), "22")

    # Five days after its completion: done late, with the note it was completed with; the
    # ad hoc task on its new deadline, not overdue, and not chased.
    page, rows = _report(demo_db, d2)
    assert rows[content] == (decree_date(deadline), "Hoàn thành (muộn 3 ngày)", N1)
    assert rows[late][:2] == (decree_date(extended), "Đang thực hiện (trong hạn)")
    _figures_agree(page, rows)
    old_rows = before[d2][1]
    assert old_rows[content][1] == "Quá hạn 8 ngày"  # the completion was not recorded yet
    done_then = sum(s.startswith("Hoàn thành") for _, s, _ in rows.values())
    assert done_then == sum(s.startswith("Hoàn thành") for _, s, _ in old_rows.values()) + 1
    assert late.rstrip(".") not in _reminder_rows(demo_db, d2)

    # After the note was rewritten, and today: the new note.
    for on in (d3, today):
        page, rows = _report(demo_db, on)
        assert rows[content] == (decree_date(deadline), "Hoàn thành (muộn 3 ngày)", N2), on
        _figures_agree(page, rows)


def test_the_demo_dates_its_completions_so_a_report_before_one_prints_the_note_then(
    demo_db: Any,
) -> None:
    with demo_db.session() as s:
        done = s.scalars(
            select(Task)
            .where(Task.status == TaskStatus.DONE, Task.completed_on > Task.assigned_on)
            .order_by(Task.completed_on, Task.id)
        ).first()
        assert done is not None and done.completed_on is not None
        content, day, report = _flat(done.content), done.completed_on, _flat(done.result_report)
    page, rows = _report(demo_db, day - timedelta(days=1))
    _, status, note = rows[content]
    assert not status.startswith("Hoàn thành")
    assert re.fullmatch(r"Đang triển khai, đạt khoảng \d0% khối lượng\.", note), note
    _figures_agree(page, rows)
    page, rows = _report(demo_db, day)
    assert rows[content][1].startswith("Hoàn thành") and rows[content][2] == report
    _figures_agree(page, rows)


def test_a_completion_recorded_late_stands_on_the_day_it_is_dated(demo_db: Any) -> None:
    """The officer hears ten days late that a task was done: a report dated between the two
    days prints it done, with the note it was completed with, and the reminder of that day no
    longer chases it; a report dated before the completion still has it open."""
    today = date.today()
    with demo_db.session() as s:
        t = under_way_long_overdue(s, today)
        assert t is not None and t.deadline is not None
        tid, content, deadline = t.id, _flat(t.content), t.deadline
    done_on = deadline + timedelta(days=3)
    mark = _last_log_id(demo_db)
    complete_task(demo_db, tid, done_on, expected_version=_version(demo_db, tid), result_report=N1)
    _stamped(demo_db, mark, done_on + timedelta(days=10), 9)  # recorded ten days late

    between = done_on + timedelta(days=5)
    page, rows = _report(demo_db, between)
    assert rows[content] == (decree_date(deadline), "Hoàn thành (muộn 3 ngày)", N1)
    _figures_agree(page, rows)
    assert content.rstrip(".") not in _reminder_rows(demo_db, between)
    page, rows = _report(demo_db, done_on - timedelta(days=1))
    assert rows[content][1] == "Quá hạn 2 ngày"
    _figures_agree(page, rows)
