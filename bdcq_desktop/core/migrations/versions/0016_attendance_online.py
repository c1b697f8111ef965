"""An invitee may attend online (``attendance`` ``online``, "Dự trực tuyến"): committee meetings
are often held "trực tiếp kết hợp trực tuyến", and the minutes name who joined remotely. The
vocabulary is shared with the working group's session participants (one enum type, one CHECK
per table), so both tables' CHECKs are widened: a file created at head and a migrated one then
store the same table definitions. Nobody was recorded online before: no data step.

Revision ID: 0016_attendance_online
Revises: 0015_days_off
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0016_attendance_online"
down_revision = "0015_days_off"
branch_labels = None
depends_on = None

# Named by the models' naming convention (ck_<table>_<enum name>).
_TABLES = ("invitee", "session_participant")
_OLD = ("unknown", "present", "absent", "substitute")
_NEW = ("unknown", "present", "online", "absent", "substitute")


def _condition(values: tuple[str, ...]) -> str:
    # Written as SQLAlchemy writes an enum's CHECK (the enum's order), so a file created at
    # head and a migrated one store the same table definition.
    return "attendance IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _replace_checks(values: tuple[str, ...]) -> None:
    # Batch mode: SQLite cannot alter a CHECK, the table is copied (every row, key and index
    # with it); PostgreSQL drops and adds the constraint in place.
    for table in _TABLES:
        name = f"ck_{table}_attendance_status"
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(name), type_="check")
            batch_op.create_check_constraint(op.f(name), _condition(values))


def upgrade() -> None:
    _replace_checks(_NEW)


def downgrade() -> None:
    # The old CHECK has no word for it: an online attendee was there, so present.
    for table in _TABLES:
        op.execute(
            f"UPDATE {table} SET attendance = 'present', version = version + 1"
            " WHERE attendance = 'online'"
        )
    _replace_checks(_OLD)
