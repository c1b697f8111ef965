"""Working group: what a session serves, attendance per day, where an output was submitted

Revision ID: 0006_working_group
Revises: 0005_stored_files
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_working_group"
down_revision = "0005_stored_files"
branch_labels = None
depends_on = None

# (table, column, referred table): plain nullable links, no existing row has one yet.
_LINKS = (
    ("working_session", "conclusion_id", "conclusion"),
    ("working_session", "task_id", "task"),
    ("session_output", "submitted_meeting_id", "meeting"),
)


def upgrade() -> None:
    op.create_table(
        "session_attendance_day",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["session_participant.id"],
            name=op.f("fk_session_attendance_day_participant_id_session_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "day", name=op.f("pk_session_attendance_day")),
    )
    for table in ("working_session", "session_output"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for t, column, referred in _LINKS:
                if t != table:
                    continue
                batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
                batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)
                batch_op.create_foreign_key(
                    batch_op.f(f"fk_{table}_{column}_{referred}"),
                    referred,
                    [column],
                    ["id"],
                    ondelete="SET NULL",
                )


def downgrade() -> None:
    for table in ("session_output", "working_session"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for t, column, referred in reversed(_LINKS):
                if t != table:
                    continue
                batch_op.drop_constraint(
                    batch_op.f(f"fk_{table}_{column}_{referred}"), type_="foreignkey"
                )
                batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
                batch_op.drop_column(column)
    op.drop_table("session_attendance_day")
