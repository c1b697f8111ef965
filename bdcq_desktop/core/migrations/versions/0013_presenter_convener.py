"""An agenda item keeps its presenter's position and agency as they were when named on it
(``presenter_position_snapshot``… on ``agenda_item``), a working session its convener's
(``convener_position_snapshot``… on ``working_session``), as 0012 did for a meeting's chair and
secretary: a presenter on no invitee list and a convener taking no part in the session were
printed with their record of today (after the 2025 mergers, an agency they joined later).

The data step fills each as best known, in this order:

1. what the record already holds of the person: the presenter's row on the meeting's invitee
   list, else the meeting's own copy of its chair or secretary (0012); the convener's row among
   the session's participants;
2. their record as it stood when the meeting started (the session's first day began): today's
   with every change the change log holds from after it undone (a position, a move to another
   agency, an agency renamed; read as 0012 reads it, with its frozen copy of the reader);
3. today's record, when the log holds nothing later (nothing better is known).

Revision ID: 0013_presenter_convener
Revises: 0012_meeting_people_snapshots
Create Date: 2026-12-03
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

# A frozen copy, never the application's reader: an upgrade must not change with later code.
from bdcq_desktop.core.migrations.frozen_records_0012 import RecordsOn, when

revision = "0013_presenter_convener"
down_revision = "0012_meeting_people_snapshots"
branch_labels = None
depends_on = None

# (table, the column naming the person, the snapshots' prefix)
_TABLES = (
    ("agenda_item", "presenter"),
    ("working_session", "convener"),
)


def _columns(prefix: str) -> tuple[str, str]:
    return f"{prefix}_position_snapshot", f"{prefix}_unit_snapshot"


def upgrade() -> None:
    # Batch mode, as every change of a table here: plain ADD COLUMNs on SQLite (nothing to
    # copy), the same on PostgreSQL.
    for table, prefix in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in _columns(prefix):
                batch_op.add_column(sa.Column(name, sa.String(length=200), nullable=True))
    conn = op.get_bind()
    _fill_presenters(conn)
    _fill_conveners(conn)


def downgrade() -> None:
    for table, prefix in reversed(_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in reversed(_columns(prefix)):
                batch_op.drop_column(name)


def _known(position: Any, unit: Any) -> tuple[Any, Any] | None:
    return None if position is None and unit is None else (position, unit)


def _update(conn: sa.Connection, table: str, prefix: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    position, unit = _columns(prefix)
    conn.execute(
        sa.text(
            f"UPDATE {table} SET {position} = :position, {unit} = :unit,"
            " version = version + 1 WHERE id = :id"
        ),
        rows,
    )


def _fill_presenters(conn: sa.Connection) -> None:
    items = conn.execute(
        sa.text(
            "SELECT a.id, a.presenter_person_id, m.id, m.starts_at, m.chair_id,"
            " m.chair_position_snapshot, m.chair_unit_snapshot, m.secretary_id,"
            " m.secretary_position_snapshot, m.secretary_unit_snapshot"
            " FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id"
            " WHERE a.presenter_person_id IS NOT NULL"
        )
    ).all()
    if not items:
        return
    invited: dict[tuple[int, int], tuple[Any, Any] | None] = {}
    for meeting_id, person_id, position, unit in conn.execute(
        sa.text(
            "SELECT meeting_id, person_id, position_snapshot, unit_snapshot FROM invitee"
            " WHERE person_id IS NOT NULL ORDER BY id DESC"
        )
    ):
        invited[(meeting_id, person_id)] = _known(position, unit)  # the first row wins
    log = RecordsOn(conn, {r[1] for r in items})
    rows = []
    for item_id, pid, meeting_id, starts_at, chair, c_pos, c_unit, sec, s_pos, s_unit in items:
        known = invited.get((meeting_id, pid))
        if known is None and pid == chair:
            known = _known(c_pos, c_unit)
        if known is None and pid == sec:
            known = _known(s_pos, s_unit)
        if known is None:
            known = log.as_of(pid, when(starts_at))
        rows.append({"id": item_id, "position": known[0], "unit": known[1]})
    _update(conn, "agenda_item", "presenter", rows)


def _fill_conveners(conn: sa.Connection) -> None:
    sessions = conn.execute(
        sa.text(
            "SELECT id, convened_by_id, starts_on FROM working_session"
            " WHERE convened_by_id IS NOT NULL"
        )
    ).all()
    if not sessions:
        return
    taking_part: dict[tuple[int, int], tuple[Any, Any] | None] = {}
    for session_id, person_id, position, unit in conn.execute(
        sa.text(
            "SELECT session_id, person_id, position_snapshot, unit_snapshot"
            " FROM session_participant WHERE person_id IS NOT NULL ORDER BY id DESC"
        )
    ):
        taking_part[(session_id, person_id)] = _known(position, unit)  # the first row wins
    log = RecordsOn(conn, {r[1] for r in sessions})
    rows = []
    for session_id, pid, starts_on in sessions:
        known = taking_part.get((session_id, pid)) or log.as_of(pid, when(starts_on))
        rows.append({"id": session_id, "position": known[0], "unit": known[1]})
    _update(conn, "working_session", "convener", rows)
