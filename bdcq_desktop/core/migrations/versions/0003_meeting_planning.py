"""Meeting planning: calendar UID, delegated chair, cancellation reason, guest presenters

Revision ID: 0003_meeting_planning
Revises: 0002_document_content
Create Date: 2026-11-25
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003_meeting_planning"
down_revision = "0002_document_content"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("chair_delegated_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cancel_reason", sa.String(length=500), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_meeting_chair_delegated_by_id_person"),
            "person",
            ["chair_delegated_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    # Every meeting gets its calendar UID now, so a calendar that imported it keeps one event.
    conn = op.get_bind()
    meeting = sa.table(
        "meeting",
        sa.column("id", sa.Integer),
        sa.column("uid", sa.String),
        sa.column("status", sa.String),
        sa.column("notes", sa.Text),
        sa.column("cancel_reason", sa.String),
    )
    rows = conn.execute(sa.select(meeting.c.id, meeting.c.status, meeting.c.notes)).all()
    for meeting_id, status, notes in rows:
        values: dict[str, object] = {"uid": str(uuid.uuid4())}
        if status == "cancelled" and notes:
            # Before this revision the reason of a cancellation could only be written in notes.
            values["cancel_reason"] = notes[:500]
        conn.execute(sa.update(meeting).where(meeting.c.id == meeting_id).values(**values))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_meeting_uid"), ["uid"])
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("presenter_name", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_column("presenter_name")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_meeting_uid"), type_="unique")
        batch_op.drop_constraint(
            batch_op.f("fk_meeting_chair_delegated_by_id_person"), type_="foreignkey"
        )
        batch_op.drop_column("cancel_reason")
        batch_op.drop_column("chair_delegated_by_id")
        batch_op.drop_column("uid")
