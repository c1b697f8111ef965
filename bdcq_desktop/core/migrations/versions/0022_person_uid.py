"""People get a stable identity (``uid``, a random UUID), as conclusions (0019) and invitees
(0021) did: the roster export's "Mã người" named a person by the database's identity and their
id, and an id names two people in time. The meeting room's laptop copy keeps the database's
identity but numbers the people it adds on its own (its person 87 and the office's are two
people), and a person deleted as entered by mistake frees an id SQLite gives the next one. A
file's key then renamed whoever had that id here (:mod:`bdcq_desktop.core.roster_keys`).

Every person recorded before gets one here, each its own: the copies taken after the upgrade
share them, and a person added on a copy gets a fresh one. The column stays nullable (SQLite
would copy the table, and every table pointing at it, to make it NOT NULL); the model gives
every new row its uid, and the unique index keeps two people from sharing one. The rows are
filled in batches of parameter sets, as SQLite and PostgreSQL both take them.

Revision ID: 0022_person_uid
Revises: 0021_invitee_uid
Create Date: 2026-12-01
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0022_person_uid"
down_revision = "0021_invitee_uid"
branch_labels = None
depends_on = None

_BATCH = 1000


def upgrade() -> None:
    op.add_column("person", sa.Column("uid", sa.String(36), nullable=True))
    conn = op.get_bind()
    person = sa.table("person", sa.column("id", sa.Integer), sa.column("uid", sa.String))
    ids = list(conn.execute(sa.select(person.c.id).order_by(person.c.id)).scalars())
    fill = (
        sa.update(person)
        .where(person.c.id == sa.bindparam("pid"))
        .values(uid=sa.bindparam("new_uid"))
    )
    for i in range(0, len(ids), _BATCH):
        batch = ids[i : i + _BATCH]
        conn.execute(fill, [{"pid": pid, "new_uid": str(uuid.uuid4())} for pid in batch])
    op.create_index("ix_person_uid", "person", ["uid"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_person_uid", table_name="person")
    # Batch mode: SQLite before 3.35 cannot drop a column.
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("uid")
