"""Invitees get a stable identity (``uid``, a random UUID given when the row is made), as
conclusions did in 0019: a walk-in the meeting room's laptop added on its copy of the database
comes back to the office (:mod:`bdcq_desktop.core.room_invitees`) under a new id, and a second
import must find that person again. The name cannot say it: two different people who walked
in under the same name (one in the room, one at the office) are two people, not one.

Rows made before have none: the office and its copy share them by id, and a walk-in without
one is told by its name, position and agency. A plain nullable column and a unique index
(several NULLs allowed): SQLite adds them in place, no table copy.

Revision ID: 0021_invitee_uid
Revises: 0020_task_events
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021_invitee_uid"
down_revision = "0020_task_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invitee", sa.Column("uid", sa.String(36), nullable=True))
    op.create_index("ix_invitee_uid", "invitee", ["uid"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_invitee_uid", table_name="invitee")
    # Batch mode: SQLite before 3.35 cannot drop a column.
    with op.batch_alter_table("invitee", schema=None) as batch_op:
        batch_op.drop_column("uid")
