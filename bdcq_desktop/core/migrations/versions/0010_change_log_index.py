"""An index on the change log by record: a record's history ("Lịch sử thay đổi") was read by
scanning the whole log, which only grows (a meeting's, with its invitees and agenda, took
0.2 s over 100,000 logged changes)

Revision ID: 0010_change_log_index
Revises: 0009_register_index
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0010_change_log_index"
down_revision = "0009_register_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_change_log_table_name_record_id", "change_log", ["table_name", "record_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_change_log_table_name_record_id", table_name="change_log")
