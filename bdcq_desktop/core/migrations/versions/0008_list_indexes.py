"""Indexes for the lists at ten years: every column naming a person (who has a history, who may
be deleted) and the invitees' attendance per meeting (the meetings list's counts)

Revision ID: 0008_list_indexes
Revises: 0007_reports
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0008_list_indexes"
down_revision = "0007_reports"
branch_labels = None
depends_on = None

_PERSON_COLUMNS = (
    ("invitee", "person_id"),
    ("agenda_item", "presenter_person_id"),
    ("task", "assigned_by_id"),
    ("task", "assignee_person_id"),
    ("session_participant", "person_id"),
)


def upgrade() -> None:
    for table, column in _PERSON_COLUMNS:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
    op.create_index("ix_invitee_meeting_id_attendance", "invitee", ["meeting_id", "attendance"])


def downgrade() -> None:
    op.drop_index("ix_invitee_meeting_id_attendance", table_name="invitee")
    for table, column in reversed(_PERSON_COLUMNS):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
