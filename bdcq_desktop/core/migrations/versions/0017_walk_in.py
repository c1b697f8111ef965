"""An invitee row may be a walk-in (``invitee.walked_in_at``): someone who attended a held
meeting without being invited (:mod:`bdcq_desktop.core.walk_in`). Until now a walk-in became an
ordinary invitee, so the minutes counted them among the invited (9 present of 10 became 10/11)
and could not say they came uninvited. The column holds when they were added; NULL is invited.

Every existing row stays invited (NULL): which of them were walk-ins was never stored, and
guessing from the times would rewrite attendance the minutes may already have issued. A plain
nullable column: SQLite adds it in place, no table copy.

Revision ID: 0017_walk_in
Revises: 0016_attendance_online
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_walk_in"
down_revision = "0016_attendance_online"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invitee", sa.Column("walked_in_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # Batch mode: SQLite before 3.35 cannot drop a column; the walk-ins stay on the list as
    # invitees, which is what they were before this revision.
    with op.batch_alter_table("invitee", schema=None) as batch_op:
        batch_op.drop_column("walked_in_at")
