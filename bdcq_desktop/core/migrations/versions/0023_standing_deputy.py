"""A committee member may be the Phó Trưởng ban Thường trực (role ``standing_deputy_head``):
the roster's "Phó Trưởng ban Thường trực" was stored as a plain "Phó Trưởng ban", the role's
CHECK having no value for it, and "Thường trực" was lost from every roster and document.

Only the CHECK changes: the memberships recorded before stay Deputy Heads (which deputy was the
standing one is not in the database; the secretariat corrects the role where it matters).

Revision ID: 0023_standing_deputy
Revises: 0022_person_uid
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0023_standing_deputy"
down_revision = "0022_person_uid"
branch_labels = None
depends_on = None

_CHECK = "ck_committee_membership_committee_role"  # named by the models' naming convention
_OLD = ("head", "deputy_head", "standing_member", "member", "secretary")
_NEW = ("head", "standing_deputy_head", "deputy_head", "standing_member", "member", "secretary")


def _condition(values: tuple[str, ...]) -> str:
    # Written as SQLAlchemy writes an enum's CHECK, so a file created at head and a migrated
    # one store the same table definition.
    return "role IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _replace_check(values: tuple[str, ...]) -> None:
    # Batch mode: SQLite cannot alter a CHECK, the table is copied (every row, key and index
    # with it); PostgreSQL drops and adds the constraint in place.
    with op.batch_alter_table("committee_membership", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(_CHECK), type_="check")
        batch_op.create_check_constraint(op.f(_CHECK), _condition(values))


def upgrade() -> None:
    _replace_check(_NEW)


def downgrade() -> None:
    # A standing deputy goes back to what the old schema can say: a Deputy Head.
    op.execute(
        "UPDATE committee_membership SET role = 'deputy_head', version = version + 1"
        " WHERE role = 'standing_deputy_head'"
    )
    _replace_check(_OLD)
