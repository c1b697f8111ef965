"""Task tracking read while another connection writes: the units' names are read apart from
the tasks (see :mod:`bdcq_desktop.core.task_tracking`), so a unit added in between must still
show under its name."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import event

from bdcq_desktop.core import task_tracking
from bdcq_desktop.core.models import Task, Unit, UnitKind
from tests import report_fixtures as rf

T = date(2026, 3, 20)


def test_a_unit_added_while_the_tasks_are_read_shows_its_name(db: Any) -> None:
    rf.build(db, T)
    added: dict[str, int] = {}

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # Just before the tasks' own query (after the units were read): another connection
        # adds a unit and gives it a task, and commits.
        if "FROM task" in statement and not added:
            with db.session() as s:
                unit = Unit(name="Sở Mới Lập", kind=UnitKind.DEPARTMENT, sort_order=0)
                s.add(unit)
                s.flush()
                task = Task(
                    content="Nhiệm vụ của đơn vị mới",
                    assignee_unit_id=unit.id,
                    assigned_on=T - timedelta(days=3),
                    deadline=T + timedelta(days=30),
                )
                s.add(task)
                s.flush()
                added.update(unit=unit.id, task=task.id)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        rows = task_tracking.track_tasks(db, today=T)
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    [row] = [r for r in rows if r.id == added["task"]]
    assert (row.unit_id, row.unit) == (added["unit"], "Sở Mới Lập")
    assert rows[0] is row  # sort order 0: the first unit
