"""Every task of today's list (:func:`.task_tracking.track_tasks`), read a step at a time.

The tasks page shows its first screen from a small read (:mod:`.task_first_rows`) and then
needs every task (6,000 at ten years) before the officer searches, sorts or picks a unit.
Read in one go right after that first paint, it held the window 50 to 100 ms, and a key typed
then waited for all of it. :class:`TaskRead` does the same work in steps, the caller letting
the event loop run between two of them: the read itself (the units, the meetings, the log's
handovers, the acts on the tasks and every task's columns, in one transaction, as
:func:`~.task_tracking.track_tasks` reads them), then the rows made a batch at a time.

The rows are :func:`~.task_tracking.track_tasks`'s own, made by its own code, equal to its
rows and in its order: each batch's rows are put, per unit, after those of the batches before
(the query's order, which :func:`~.task_tracking.track_tasks` keeps per unit too), then the
units and each unit's rows are ordered once, at the end, as it orders them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import tasks_on
from .collector import collector_paused
from .db import Database
from .i18n import tr
from .models import Task
from .task_events import Facts, read_acts
from .task_tracking import (
    TrackedTask,
    _ByUnit,
    _in_order,
    _rows,
    task_columns,
    track_tasks,
)
from .task_units import Lookup, heirs_on, lookups
from .tasks import STATUS_LABELS


class TaskRead:
    """``track_tasks(db)`` in steps: :meth:`step` does the next one (False while some are
    left), :meth:`rows` does what is left and gives every row."""

    def __init__(self, db: Database, *, batch: int = 1000, today: date | None = None) -> None:
        self.db = db
        self.batch = batch  # rows made per step: a few milliseconds at a time
        self.day = today or date.today()
        self._records: list[Any] | None = None  # every task's columns, once read
        self._made = 0  # how many of them are rows already
        self._by_unit: _ByUnit = {}
        self._done: list[TrackedTask] | None = None
        self._read_with: (
            tuple[Lookup, Lookup, dict[int, int], dict[int, Any], dict[int, Facts]] | None
        ) = None  # what the rows are made with besides the records (as track_tasks has them)

    def step(self) -> bool:
        """The next step: the read, then one batch of rows. True once every row is made."""
        if self._done is not None:
            return True
        if self._records is None:
            self.query()
        else:
            self._make(self._records[self._made : self._made + self.batch])
        return self._done is not None

    def rows(self) -> list[TrackedTask]:
        """Every row (the steps left done now), as ``track_tasks(db, today=day)`` gives them."""
        while not self.step():
            pass
        assert self._done is not None
        return self._done

    def query(self) -> None:
        """The read itself, the first step (its rows are made by the next ones): a transaction
        of some 50 ms at ten years on a slow PC, which the window may run in another thread
        (it then touches this object only once it is done)."""
        if tasks_on.over(self.day):  # a past day's list is another read (tasks_on): in one go
            self._done = track_tasks(self.db, today=self.day)
            return
        with self.db.session() as s:
            conn = s.connection()
            units, meetings = lookups(conn)
            heirs = heirs_on(units, self.day)
            notes = tasks_on.handovers_on(conn, None, self.day)
            facts = read_acts(conn).facts_on(self.day)
            records = conn.execute(task_columns().order_by(Task.id)).all()
        self._read_with = (units, meetings, heirs, notes, facts)
        self._records = records
        if not records:
            self._done = []

    def _make(self, batch: list[Any]) -> None:
        assert self._read_with is not None and self._records is not None
        units, meetings, heirs, notes, facts = self._read_with
        labels = {code: tr(text) for code, text in STATUS_LABELS.items()}
        with collector_paused():
            made = _rows([batch], self.day, None, labels, units, meetings, heirs, notes, facts)
            for key, (dated, undated) in made.items():  # after the batches before, per unit
                mine = self._by_unit.setdefault(key, ([], []))
                mine[0].extend(dated)
                mine[1].extend(undated)
            self._made += len(batch)
            if self._made >= len(self._records):
                self._done = _in_order(self._by_unit)
                self._records = self._read_with = None
                self._by_unit = {}
