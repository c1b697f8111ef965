"""Reporting: a regime's units and cut-off offset, a round's opening day, a submission's
document date and the secretariat's evaluation

Revision ID: 0007_reports
Revises: 0006_working_group
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_reports"
down_revision = "0006_working_group"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reporting_regime_unit",
        sa.Column("regime_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["regime_id"],
            ["reporting_regime.id"],
            name=op.f("fk_reporting_regime_unit_regime_id_reporting_regime"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_reporting_regime_unit_unit_id_unit"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("regime_id", "unit_id", name=op.f("pk_reporting_regime_unit")),
    )
    op.create_index(op.f("ix_reporting_regime_unit_unit_id"), "reporting_regime_unit", ["unit_id"])
    with op.batch_alter_table("reporting_regime", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cutoff_month_offset", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("reporting_round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opened_on", sa.Date(), nullable=True))
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("evaluation", sa.Text(), nullable=True))
    # Rounds opened before this revision: the request's day, else the period's first day (what
    # the secretariat would have typed), so the rule "not received before the round opened"
    # holds for them too.
    op.execute(
        "UPDATE reporting_round SET opened_on = COALESCE(requested_on, period_start)"
        " WHERE opened_on IS NULL"
    )
    # A regime's units, as far as its rounds show them: the units of its latest round.
    op.execute(
        "INSERT INTO reporting_regime_unit (regime_id, unit_id)"
        " SELECT DISTINCT r.regime_id, s.unit_id FROM submission s"
        " JOIN reporting_round r ON r.id = s.round_id"
        " WHERE r.regime_id IS NOT NULL AND r.id = ("
        "   SELECT r2.id FROM reporting_round r2 WHERE r2.regime_id = r.regime_id"
        "   ORDER BY r2.due_date DESC, r2.id DESC LIMIT 1)"
    )


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("evaluation")
        batch_op.drop_column("document_date")
    with op.batch_alter_table("reporting_round", schema=None) as batch_op:
        batch_op.drop_column("opened_on")
    with op.batch_alter_table("reporting_regime", schema=None) as batch_op:
        batch_op.drop_column("cutoff_month_offset")
    op.drop_index(op.f("ix_reporting_regime_unit_unit_id"), table_name="reporting_regime_unit")
    op.drop_table("reporting_regime_unit")
