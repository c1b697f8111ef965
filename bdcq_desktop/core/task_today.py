"""One task as the tasks page lists it today (:func:`task_today`), read alone.

With a past period chosen, the page lists each task as it stood at the period's end
(:func:`.task_list.tasks_of_period`), but an act on it (extend, complete, hand over, stop)
applies to the task as it is now, and the core refuses one that no longer does. The page
therefore enables and opens its actions from this row, read when a task is selected: the
same row :func:`.task_tracking.track_tasks` gives today (built by its :func:`task_rows`),
from one session of a few small statements, not the list's thousands of rows.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from .db import Database
from .models import Meeting, Task
from .task_events import read_acts
from .task_tracking import TrackedTask, task_columns, task_rows
from .task_units import UNIT_COLUMNS, Lookup, heirs_on
from .tasks_on import handovers_on


def task_today(db: Database, task_id: int, *, today: date | None = None) -> TrackedTask | None:
    """Task ``task_id`` as today's list shows it (None when it is gone)."""
    day = today or date.today()
    with db.session() as s:
        conn = s.connection()
        records = conn.execute(task_columns().where(Task.id == task_id)).all()
        if not records:
            return None
        # Every unit (a merge decides whom an open task counts for), its meeting alone.
        units = Lookup(conn, select(*UNIT_COLUMNS))
        meeting = select(Meeting.id, Meeting.title, Meeting.starts_at)
        meetings = Lookup(conn, meeting.where(Meeting.id == records[0][9]))
        heirs = heirs_on(units, day)
        notes = handovers_on(conn, [task_id], day)
        facts = read_acts(conn, [task_id]).facts_on(day)
        rows = task_rows([records], day, units, meetings, heirs, notes, facts)
    return rows[0] if rows else None
