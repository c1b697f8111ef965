"""FROZEN: the change-log reader migrations 0012 and 0013 fill their snapshots with. Never
change this file.

A migration must do tomorrow what it did the day it shipped, on the schema of its own revision:
the position and agency it copies onto an old meeting, agenda item or working session is data
from then on. So it does not import the application's reader (:mod:`bdcq_desktop.core.records_on`,
free to follow later schemas and rules) but this copy of it as it stood when 0012 and 0013 were
written (the change log read in the office's local time). Plain SQL on ``person``, ``unit`` and
``change_log`` over a connection, no ORM, only columns those tables have had since 0001. A later
migration that needs something else gets a frozen copy of its own.

People's position and agency as their records stood at a past moment: today's record with every
logged change from after the moment undone (``{field: [old, new]}``; the log is never pruned).
A record older than the log reads as today's: nothing better is known.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa


def when(value: Any) -> datetime:
    """A stored moment as a datetime: SQLite hands back the stored text, PostgreSQL a datetime
    (a date, for a working session's first day: its start)."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time.min)
    return datetime.fromisoformat(str(value))


def _local(logged_at: Any) -> datetime:
    # The audit hook stamps the log with the office's local time (datetime.now(), as every
    # history shows it), the clock a meeting's start is kept in: compared as they are. Read as
    # UTC, an officer's 08:00 edit in Nghệ An became 15:00 and could fall after a meeting of
    # that morning.
    return when(logged_at)


class RecordsOn:
    """The logged updates of people and units, to undo those made after a moment. Read for the
    people asked about only, through the log's index by record (0010)."""

    def __init__(self, conn: sa.Connection, people: Iterable[int]) -> None:
        self.conn = conn
        named = sa.text("SELECT id, position, unit_id FROM person WHERE id IN :ids")
        named = named.bindparams(sa.bindparam("ids", expanding=True))
        wanted = sorted(set(people))
        rows = conn.execute(named, {"ids": wanted}).all() if wanted else []
        self.person = {r[0]: (r[1], r[2]) for r in rows}
        self.unit = dict(conn.execute(sa.text("SELECT id, name FROM unit")).all())
        self.read: dict[tuple[str, int], list[tuple[datetime, dict[str, Any]]]] = {}

    def _changes(self, table: str, record_id: int) -> list[tuple[datetime, dict[str, Any]]]:
        """The record's logged updates, newest first."""
        if (table, record_id) not in self.read:
            rows = self.conn.execute(
                sa.text(
                    "SELECT at, changes FROM change_log WHERE table_name = :t"
                    " AND record_id = :r AND action = 'update' ORDER BY at DESC, id DESC"
                ),
                {"t": table, "r": record_id},
            ).all()
            self.read[(table, record_id)] = [
                (_local(at), json.loads(text)) for at, text in rows if text
            ]
        return self.read[(table, record_id)]

    def _undone(self, table: str, record_id: int, after: datetime, field: str, now: Any) -> Any:
        value = now
        for at, changes in self._changes(table, record_id):
            if at <= after:
                break
            change = changes.get(field)
            if isinstance(change, list) and len(change) == 2:
                value = change[0]
        return value

    def as_of(self, person_id: int, moment: datetime) -> tuple[str | None, str | None]:
        """``person_id``'s position and agency name as their record stood at ``moment``."""
        if person_id not in self.person:
            return None, None
        position, unit_id = self.person[person_id]
        position = self._undone("person", person_id, moment, "position", position)
        unit_id = self._undone("person", person_id, moment, "unit_id", unit_id)
        if unit_id is None or unit_id not in self.unit:
            return position, None
        return position, self._undone("unit", unit_id, moment, "name", self.unit[unit_id])
