"""What happens to a task after it is given (``task_event``): an extension of its deadline
(gia hạn: the new deadline, who approved it, on which day, why), a progress note from the
unit's report (with its file), a stop (dừng thực hiện) and a resumption. Each is a dated row of
its own, so that several extensions keep their history, and ``task.extended_to`` holds the
deadline in force after the last one: ``task.deadline`` stays the deadline as given, which the
minutes and the issued conclusions notice print.

No data step: nothing was extended, reported on or stopped through these before (a task the
demo stopped keeps its status, with no event behind it). A new table and a plain nullable
column: SQLite adds them in place, no table copy.

Revision ID: 0020_task_events
Revises: 0019_conclusion_uid
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_task_events"
down_revision = "0019_conclusion_uid"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extended_to", sa.Date(), nullable=True))
    op.create_table(
        "task_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "extension",
                "progress",
                "stop",
                "resume",
                name="task_event_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("old_deadline", sa.Date(), nullable=True),
        sa.Column("new_deadline", sa.Date(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_by_text", sa.String(length=500), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind <> 'extension' OR new_deadline IS NOT NULL",
            name=op.f("ck_task_event_extension_has_deadline"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["person.id"],
            name=op.f("fk_task_event_decided_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["stored_file.id"],
            name=op.f("fk_task_event_file_id_stored_file"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_task_event_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_event")),
    )
    op.create_index(op.f("ix_task_event_task_id"), "task_event", ["task_id"], unique=False)
    op.create_index(op.f("ix_task_event_file_id"), "task_event", ["file_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_task_event_file_id"), table_name="task_event")
    op.drop_index(op.f("ix_task_event_task_id"), table_name="task_event")
    op.drop_table("task_event")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("extended_to")
