"""A unit's report in a round may be waived (miễn nộp): the committee agreed the unit need not
send it (a unit dissolved in a reorganisation whose successor reports for it, a unit with
nothing to report that period). ``waived_on`` and ``waived_reason`` on ``submission``, both
empty on every existing row: nothing was waived before, so no data step.

Revision ID: 0014_submission_waiver
Revises: 0013_presenter_convener
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_submission_waiver"
down_revision = "0013_presenter_convener"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode, as every change of a table here: plain ADD COLUMNs on SQLite (nothing to
    # copy), the same on PostgreSQL.
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("waived_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("waived_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("waived_reason")
        batch_op.drop_column("waived_on")
