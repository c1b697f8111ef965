"""Holding a meeting: late arrivals, reopened minutes, displaced live notes, superseded issues

Revision ID: 0004_meeting_record
Revises: 0003_meeting_planning
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_meeting_record"
down_revision = "0003_meeting_planning"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain nullable columns: no existing row needs a value (nobody was late, nothing reopened).
    with op.batch_alter_table("invitee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("arrived_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reopen_reason", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("reopened_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("superseded_at", sa.DateTime(), nullable=True))
    op.create_table(
        "notes_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_notes_revision_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes_revision")),
    )
    with op.batch_alter_table("notes_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notes_revision_agenda_item_id"), ["agenda_item_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notes_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_revision_agenda_item_id"))
    op.drop_table("notes_revision")
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.drop_column("superseded_at")
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.drop_column("reopened_at")
        batch_op.drop_column("reopen_reason")
    with op.batch_alter_table("invitee", schema=None) as batch_op:
        batch_op.drop_column("arrived_at")
