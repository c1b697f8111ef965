"""A session's participant may be the working group's Tổ phó (role ``deputy_leader``): the
group's deputy leader was recorded as a plain member ("Thành viên"), the role's CHECK having no
value for a deputy

The data step gives the role to the participants it can be decided for, by the rule the
application fills a session's people with (:func:`..working_group.group_members_on`): a
participant recorded as a member who held a Tổ phó membership of the working group on the
session's first day, and no Tổ trưởng one. Leaders and experts stay as they are; a member who
was on no Tổ phó membership that day stays a member.

Revision ID: 0011_session_deputy
Revises: 0010_change_log_index
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0011_session_deputy"
down_revision = "0010_change_log_index"
branch_labels = None
depends_on = None

_CHECK = "ck_session_participant_participant_role"  # named by the models' naming convention
_OLD = ("leader", "member", "expert")
_NEW = ("leader", "deputy_leader", "member", "expert")


def _condition(values: tuple[str, ...]) -> str:
    # Written as SQLAlchemy writes an enum's CHECK, so a file created at head and a migrated
    # one store the same table definition.
    return "role IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _replace_check(values: tuple[str, ...]) -> None:
    # Batch mode: SQLite cannot alter a CHECK, the table is copied (every row, key and index
    # with it); PostgreSQL drops and adds the constraint in place.
    with op.batch_alter_table("session_participant", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(_CHECK), type_="check")
        batch_op.create_check_constraint(op.f(_CHECK), _condition(values))


def _held_on_first_day(role: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM working_session w JOIN group_membership g"
        " ON g.person_id = session_participant.person_id"
        " WHERE w.id = session_participant.session_id"
        f" AND g.role = '{role}' AND g.start_date <= w.starts_on"
        " AND (g.end_date IS NULL OR g.end_date >= w.starts_on))"
    )


def upgrade() -> None:
    _replace_check(_NEW)
    op.execute(
        "UPDATE session_participant SET role = 'deputy_leader', version = version + 1"
        f" WHERE role = 'member' AND {_held_on_first_day('deputy_leader')}"
        f" AND NOT {_held_on_first_day('leader')}"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE session_participant SET role = 'member', version = version + 1"
        " WHERE role = 'deputy_leader'"
    )
    _replace_check(_OLD)

