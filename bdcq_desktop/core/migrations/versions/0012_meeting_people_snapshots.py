"""A meeting keeps its chair's and its secretary's position and agency as they were when named
on it (``chair_position_snapshot``… on ``meeting``), as an invitee's are kept when invited: the
secretary is not on the invitee list, so the minutes and the convocation named them with their
record of today (after the 2025 mergers, the agency they joined months after the meeting)

The data step fills each meeting's chair and secretary as best known, in this order:

1. their own row on the meeting's invitee list (the committee was invited whole, its Secretary
   with it, before the rule that leaves the secretary out): the snapshot taken on invitation;
2. their record as it stood when the meeting started: today's position and agency with every
   change the change log holds from after the start undone (a position, a move to another
   agency, an agency renamed);
3. today's record, when the log holds nothing later (nothing better is known).

Revision ID: 0012_meeting_people_snapshots
Revises: 0011_session_deputy
Create Date: 2026-12-02
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012_meeting_people_snapshots"
down_revision = "0011_session_deputy"
branch_labels = None
depends_on = None

_ROLES = ("chair", "secretary")
_COLUMNS = tuple(f"{role}_{what}_snapshot" for role in _ROLES for what in ("position", "unit"))


def upgrade() -> None:
    # Batch mode, as every change of a table here: plain ADD COLUMNs on SQLite (nothing to
    # copy), the same on PostgreSQL.
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for name in _COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=200), nullable=True))
    _fill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for name in reversed(_COLUMNS):
            batch_op.drop_column(name)


def _when(value: Any) -> datetime:
    # SQLite hands back the stored text, PostgreSQL a datetime.
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _local(logged_at: Any) -> datetime:
    # The log is written in UTC, a meeting's start in the office's local time: compared on
    # the local clock of the machine upgrading, the office's as a rule.
    return _when(logged_at).replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class _Log:
    """The logged updates of people and units (``{field: [old, new]}``), to undo those made
    after a moment. Read for the records asked about only, through the log's index by
    record."""

    def __init__(self, conn: sa.Connection, people: set[int]) -> None:
        self.conn = conn
        named = sa.text("SELECT id, position, unit_id FROM person WHERE id IN :ids")
        named = named.bindparams(sa.bindparam("ids", expanding=True))
        self.person = {r[0]: (r[1], r[2]) for r in conn.execute(named, {"ids": sorted(people)})}
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

    def as_of(self, person_id: int, when: datetime) -> tuple[str | None, str | None]:
        """``person_id``'s position and agency name as their record stood at ``when``."""
        if person_id not in self.person:
            return None, None
        position, unit_id = self.person[person_id]
        position = self._undone("person", person_id, when, "position", position)
        unit_id = self._undone("person", person_id, when, "unit_id", unit_id)
        if unit_id is None or unit_id not in self.unit:
            return position, None
        return position, self._undone("unit", unit_id, when, "name", self.unit[unit_id])


def _fill(conn: sa.Connection) -> None:
    meetings = conn.execute(
        sa.text(
            "SELECT id, starts_at, chair_id, secretary_id FROM meeting"
            " WHERE chair_id IS NOT NULL OR secretary_id IS NOT NULL"
        )
    ).all()
    if not meetings:
        return
    invited: dict[tuple[int, int], tuple[str | None, str | None]] = {}
    for meeting_id, person_id, position, unit in conn.execute(
        sa.text(
            "SELECT meeting_id, person_id, position_snapshot, unit_snapshot FROM invitee"
            " WHERE person_id IS NOT NULL ORDER BY id DESC"
        )
    ):
        invited[(meeting_id, person_id)] = (position, unit)  # the first row wins
    people = {pid for m in meetings for pid in (m.chair_id, m.secretary_id) if pid is not None}
    log = _Log(conn, people)
    update = sa.text(
        "UPDATE meeting SET "
        + ", ".join(f"{c} = :{c}" for c in _COLUMNS)
        + ", version = version + 1 WHERE id = :id"
    )
    for m in meetings:
        values: dict[str, Any] = {"id": m.id}
        for role, person_id in (("chair", m.chair_id), ("secretary", m.secretary_id)):
            position = unit = None
            if person_id is not None:
                known = invited.get((m.id, person_id))
                if known is None or known == (None, None):
                    known = log.as_of(person_id, _when(m.starts_at))
                position, unit = known
            values[f"{role}_position_snapshot"] = position
            values[f"{role}_unit_snapshot"] = unit
        conn.execute(update, values)
