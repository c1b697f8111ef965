"""The days-off calendar (``day_off``): the days on which Monday to Friday is not the rule, a
day off on a weekday (public holidays, Tết, Giỗ Tổ, the day off of a swap) or a weekend day
worked in exchange. Working days were counted Monday to Friday, so a session over 30/4 and
1/5 counted them as days of work; the count now subtracts these. The data step adds the days
of 2024 to 2027 as announced (:mod:`bdcq_desktop.core.days_off_known`); the secretariat adds
later years.

Revision ID: 0015_days_off
Revises: 0014_submission_waiver
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bdcq_desktop.core.days_off_known import KNOWN_DAYS_OFF

revision = "0015_days_off"
down_revision = "0014_submission_waiver"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "day_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "off",
                "work",
                name="day_off_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_off")),
        sa.UniqueConstraint("day", name=op.f("uq_day_off_day")),
    )
    # The table is new: every known day goes in (plain values, not the model's enum).
    op.bulk_insert(
        table,
        [{"day": day, "name": name, "kind": kind.value} for day, name, kind in KNOWN_DAYS_OFF],
    )


def downgrade() -> None:
    op.drop_table("day_off")
