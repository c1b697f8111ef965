"""Conclusions and their tasks get a stable identity (``uid``, a random UUID given when the row
is made): one the meeting room's laptop recorded on its copy of the database comes back to the
office (:mod:`bdcq_desktop.core.room_merge`) under a new id, and a second import of the same
record, or a later one from the same copy, must find it again instead of adding it twice. The
id cannot say it (the office numbers it anew) and the text cannot (the room may correct it
between two exports).

Rows made before have none: the office and its copy share them by id up to the copy's fork,
which the change log finds. A plain nullable column and a unique index (several NULLs allowed):
SQLite adds them in place, no table copy.

Revision ID: 0019_conclusion_uid
Revises: 0018_database_uid
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_conclusion_uid"
down_revision = "0018_database_uid"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("conclusion", "task"):
        op.add_column(table, sa.Column("uid", sa.String(36), nullable=True))
        op.create_index(f"ix_{table}_uid", table, ["uid"], unique=True)


def downgrade() -> None:
    for table in ("conclusion", "task"):
        op.drop_index(f"ix_{table}_uid", table_name=table)
        # Batch mode: SQLite before 3.35 cannot drop a column.
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("uid")
