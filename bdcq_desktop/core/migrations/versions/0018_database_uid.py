"""Every database gets a stable identity (``organisation.database_uid``, a random UUID): a
record brought back from the meeting room (:mod:`bdcq_desktop.core.room_record`) says which
database its laptop copy was taken from, and the office refuses one from another database. A
copy (a backup, the file on a USB stick) keeps the identity: it is the same database.

The organisation's one row (id 1) is created when missing, as reading the settings creates it
(:func:`bdcq_desktop.core.settings.get_organisation`): the identity must exist before the first
copy is taken, or the office and its copy would each make their own later. A plain nullable
column: SQLite adds it in place, no table copy.

Revision ID: 0018_database_uid
Revises: 0017_walk_in
Create Date: 2026-12-02
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0018_database_uid"
down_revision = "0017_walk_in"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("organisation", sa.Column("database_uid", sa.String(36), nullable=True))
    conn = op.get_bind()
    org = sa.table(
        "organisation",
        sa.column("id", sa.Integer),
        sa.column("parent_body", sa.String),
        sa.column("committee_name", sa.String),
        sa.column("abbreviation", sa.String),
        sa.column("place_name", sa.String),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
        sa.column("database_uid", sa.String),
    )
    uid = str(uuid.uuid4())
    if conn.execute(sa.select(org.c.id).where(org.c.id == 1)).first() is None:
        now = datetime.now(UTC).replace(tzinfo=None)
        # The model's defaults (settings read from a new row show these).
        conn.execute(
            org.insert().values(
                id=1, parent_body="", committee_name="", abbreviation="BCĐ", place_name="",
                version=1, created_at=now, updated_at=now, database_uid=uid,
            )
        )  # fmt: skip
    else:
        conn.execute(org.update().where(org.c.database_uid.is_(None)).values(database_uid=uid))


def downgrade() -> None:
    # Batch mode: SQLite before 3.35 cannot drop a column. The organisation row stays.
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("database_uid")
