"""People's position and agency as their records stood at a past moment, read from the change
log backwards (headless, plain SQL).

Every edit of a person or a unit goes through the core and is logged (:mod:`.audit`, ``{field:
[old, new]}``), and the log is never pruned: today's record with every logged change from after
a moment undone is the record of that moment. A record older than the log (typed before it
existed, loaded by the demo) reads as today's: nothing better is known.

Plain SQL on ``person``, ``unit`` and ``change_log`` over a connection, no ORM: a SQLAlchemy
connection, or the standard library's on a SQLite file (the first screen of a start reads the
roster before SQLAlchemy is imported, :mod:`.first_screen`, and shows former terms with the
posts held then, as the database layer does). The migrations that fill snapshots of old rows
(0012, 0013) read the log with their own frozen copy of this reader
(:mod:`bdcq_desktop.core.migrations.frozen_records_0012`), so this one may follow later schemas
and rules without changing what an upgrade writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import Any


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


def _rows(conn: Any, sql: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
    """``sql`` run on ``conn``, a SQLAlchemy connection or a :class:`sqlite3.Connection`
    (both take ``:name`` parameters)."""
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, params).fetchall()
    import sqlalchemy as sa  # imported already wherever such a connection exists

    return conn.execute(sa.text(sql), params).all()


def _ids(ids: Iterable[int]) -> str:
    # Whole numbers written into the statement: an expanding parameter is SQLAlchemy's alone.
    return ", ".join(str(int(i)) for i in ids)


class RecordsOn:
    """The logged updates of people and units, to undo those made after a moment. The people
    asked about are read with their updates in one statement each, through the log's index by
    record (0010), the units' updates once when first needed: asked person by person, a
    roster of ten years with its former terms cost a statement per person and agency."""

    def __init__(self, conn: Any, people: Iterable[int]) -> None:
        self.conn = conn
        wanted = sorted(set(people))
        self.person: dict[int, tuple[str | None, int | None]] = {}
        self.read: dict[tuple[str, int], list[tuple[datetime, dict[str, Any]]]] = {}
        if wanted:
            listed = _ids(wanted)
            sql = f"SELECT id, position, unit_id FROM person WHERE id IN ({listed})"
            self.person = {r[0]: (r[1], r[2]) for r in _rows(conn, sql, {})}
            self._log("person", f" AND record_id IN ({listed})")
        self.unit = {r[0]: r[1] for r in _rows(conn, "SELECT id, name FROM unit", {})}
        self.units_read = False

    def _log(self, table: str, where: str) -> None:
        """Keep the logged updates of ``table`` (those ``where`` picks), each record's newest
        first."""
        rows = _rows(
            self.conn,
            "SELECT record_id, at, changes FROM change_log WHERE table_name = :t"
            f" AND action = 'update'{where} ORDER BY at DESC, id DESC",
            {"t": table},
        )
        for record_id, at, text in rows:
            if text:
                changes = json.loads(text)
                self.read.setdefault((table, record_id), []).append((_local(at), changes))

    def _changes(self, table: str, record_id: int) -> list[tuple[datetime, dict[str, Any]]]:
        """The record's logged updates, newest first."""
        if table == "unit" and not self.units_read:
            self.units_read = True
            self._log("unit", "")
        return self.read.get((table, record_id), [])

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


def posts_on(
    conn: Any, people: Iterable[int], day: date, moment: datetime | None = None
) -> dict[int, tuple[str | None, str | None]]:
    """Each person's position and agency as the change log says they stood on ``day`` (at
    ``moment`` of it when given, a meeting's start; else at its end): what a list of the
    committee or the working group of a past day prints, its roster holding no agency and
    only the position a term began with (a promotion within the term would be missed).
    Nothing is read for a moment still to come: the records are the day's."""
    wanted = set(people)
    at = moment or datetime.combine(day, time.max)
    if not wanted or at >= datetime.now():
        return {}
    log = RecordsOn(conn, wanted)
    return {pid: log.as_of(pid, at) for pid in wanted}
