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

from typing import Any

import sqlalchemy as sa
from alembic import op

# A frozen copy, never the application's reader: an upgrade must not change with later code.
from bdcq_desktop.core.migrations.frozen_records_0012 import RecordsOn, when

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
    log = RecordsOn(conn, people)
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
                    known = log.as_of(person_id, when(m.starts_at))
                position, unit = known
            values[f"{role}_position_snapshot"] = position
            values[f"{role}_unit_snapshot"] = unit
        conn.execute(update, values)
