"""``bdcq check`` names the tasks whose history holds an act dated before one recorded ahead
of it, as databases made before :mod:`bdcq_desktop.core.task_latest` refused them may hold."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert, select, update

from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.models import Task, TaskEvent
from tests.conftest import DEMO_TODAY


def _event(s, task_id: int, kind: str, day: date, at: datetime, **more) -> None:  # type: ignore[no-untyped-def]
    s.execute(
        insert(TaskEvent.__table__).values(
            task_id=task_id, kind=kind, day=day, text="x", created_at=at, **more
        )
    )


def test_acts_dated_before_one_recorded_earlier_are_found(demo_db: Database) -> None:
    assert not [p for p in run_checks(demo_db, DEMO_TODAY) if p.code == "task_act_order"]
    with demo_db.session() as s:
        acted = set(s.scalars(select(TaskEvent.task_id)))
        free = [
            t
            for t in s.scalars(select(Task.id).where(Task.completed_on.is_(None)).order_by(Task.id))
            if t not in acted
        ]
        late, done, fine = free[:3]
        # A progress report of 20/11, then an extension recorded later but dated 10/11.
        _event(s, late, "progress", date(2026, 11, 20), datetime(2026, 11, 20, 3))
        _event(
            s,
            late,
            "extension",
            date(2026, 11, 10),
            datetime(2026, 11, 21, 3),
            new_deadline=date(2027, 1, 31),
        )
        # A progress report of 25/11 on a task then marked done on 15/11.
        _event(s, done, "progress", date(2026, 11, 25), datetime(2026, 11, 25, 3))
        s.execute(
            update(Task.__table__)
            .where(Task.id == done)
            .values(completed_on=date(2026, 11, 15), status="done")
        )
        # Two acts of one day, and one dated after: in order.
        _event(s, fine, "progress", date(2026, 11, 20), datetime(2026, 11, 20, 3))
        _event(s, fine, "stop", date(2026, 11, 20), datetime(2026, 11, 22, 3))
        _event(s, fine, "resume", date(2026, 11, 24), datetime(2026, 11, 24, 3))
    problems = {
        p.record: p.message for p in run_checks(demo_db, DEMO_TODAY) if p.code == "task_act_order"
    }
    assert set(problems) == {f"task#{late}", f"task#{done}"}, problems
    text = problems[f"task#{late}"]
    assert f"Nhiệm vụ {late}" in text and "gia hạn ngày 10/11/2026" in text, text
    assert "báo cáo tiến độ ngày 20/11/2026" in text, text
    text = problems[f"task#{done}"]
    assert "hoàn thành ngày 15/11/2026" in text and "báo cáo tiến độ ngày 25/11/2026" in text
