"""Indexes on the register, whose rows hold the issued PDFs: its dates (whether a document was
issued after a membership began, the rosters' "may be deleted" flag) and the record each
document was issued for (a meeting's or a session's documents, read each time it is shown)

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
    op.create_index(
        "ix_issued_document_record_type_record_id", "issued_document", ["record_type", "record_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_issued_document_record_type_record_id", table_name="issued_document")
    op.drop_index("ix_issued_document_issued_on_created_at", table_name="issued_document")
