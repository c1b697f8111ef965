"""An index on the register's dates: whether a document was issued after a membership began
(the rosters' "may be deleted" flag) is read from it, not from the table, whose rows hold the
issued PDFs

Revision ID: 0009_register_index
Revises: 0008_list_indexes
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0009_register_index"
down_revision = "0008_list_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_issued_document_issued_on_created_at", "issued_document", ["issued_on", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_issued_document_issued_on_created_at", table_name="issued_document")
