"""Files kept in the database: a working group's drafts and the units' reports

Revision ID: 0005_stored_files
Revises: 0004_meeting_record
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_stored_files"
down_revision = "0004_meeting_record"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("ck_stored_file_size_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_file")),
    )
    # Plain nullable links: no existing output or submission has a stored file yet.
    for table in ("session_output", "submission"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("file_id", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_file_id"), ["file_id"], unique=False)
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_file_id_stored_file"),
                "stored_file",
                ["file_id"],
                ["id"],
                ondelete="SET NULL",
            )


def downgrade() -> None:
    for table in ("submission", "session_output"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_file_id_stored_file"), type_="foreignkey"
            )
            batch_op.drop_index(batch_op.f(f"ix_{table}_file_id"))
            batch_op.drop_column("file_id")
    op.drop_table("stored_file")
