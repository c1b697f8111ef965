"""initial schema

Revision ID: 0001_initial
Revises: (none)
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=True),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "insert",
                "update",
                "delete",
                name="change_action",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("changes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_at"), ["at"], unique=False)

    op.create_table(
        "issued_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type_abbr", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("signer", sa.String(length=200), nullable=True),
        sa.Column("file_path", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("issued_by", sa.String(length=100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_issued_document_number_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_document")),
        sa.UniqueConstraint(
            "year", "type_abbr", "number", name=op.f("uq_issued_document_year_type_abbr_number")
        ),
    )
    op.create_table(
        "reporting_regime",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column(
            "frequency",
            sa.Enum(
                "monthly",
                "quarterly",
                "six_monthly",
                "yearly",
                "ad_hoc",
                name="frequency",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("due_day", sa.Integer(), nullable=False),
        sa.Column("due_month_offset", sa.Integer(), nullable=False),
        sa.Column("cutoff_day", sa.Integer(), nullable=True),
        sa.Column("receiving_body", sa.String(length=300), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "cutoff_day IS NULL OR cutoff_day BETWEEN 1 AND 31",
            name=op.f("ck_reporting_regime_cutoff_range"),
        ),
        sa.CheckConstraint(
            "due_day BETWEEN 1 AND 31", name=op.f("ck_reporting_regime_due_day_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_regime")),
        sa.UniqueConstraint("name", name=op.f("uq_reporting_regime_name")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=60), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "department",
                "sector",
                "central_agency",
                "locality",
                "enterprise",
                "university",
                "other",
                name="unit_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("head_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("retired_on", sa.Date(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("merged_into_id <> id", name=op.f("ck_unit_not_merged_into_self")),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["unit.id"],
            name=op.f("fk_unit_merged_into_id_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("name", name=op.f("uq_unit_name")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column(
            "honorific",
            sa.Enum(
                "ong", "ba", name="honorific", native_enum=False, create_constraint=True, length=32
            ),
            nullable=True,
        ),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "official",
                "expert",
                "scientist",
                "guest",
                name="person_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_person_unit_id_unit"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_full_name"), ["full_name"], unique=False)

    # unit.head_id and person.unit_id point at each other: the first FK is added once both exist.
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_unit_head_id_person"), "person", ["head_id"], ["id"], ondelete="SET NULL"
        )

    op.create_table(
        "committee_membership",
        sa.Column(
            "role",
            sa.Enum(
                "head",
                "deputy_head",
                "standing_member",
                "member",
                "secretary",
                name="committee_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=300), nullable=True),
        sa.Column("area", sa.String(length=300), nullable=True),
        sa.Column("decision_number", sa.String(length=60), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_decision_number", sa.String(length=60), nullable=True),
        sa.Column("end_decision_date", sa.Date(), nullable=True),
        sa.Column("position_at_start", sa.String(length=200), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_committee_membership_end_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_committee_membership_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_membership")),
    )
    with op.batch_alter_table("committee_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_membership_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "group_membership",
        sa.Column(
            "role",
            sa.Enum(
                "leader",
                "deputy_leader",
                "member",
                name="group_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=300), nullable=True),
        sa.Column("area", sa.String(length=300), nullable=True),
        sa.Column("decision_number", sa.String(length=60), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_decision_number", sa.String(length=60), nullable=True),
        sa.Column("end_decision_date", sa.Date(), nullable=True),
        sa.Column("position_at_start", sa.String(length=200), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_group_membership_end_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_group_membership_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_membership")),
    )
    with op.batch_alter_table("group_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_membership_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "regular",
                "extraordinary",
                "expanded",
                "briefing",
                name="meeting_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("called_by_id", sa.Integer(), nullable=True),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("chair_id", sa.Integer(), nullable=True),
        sa.Column("secretary_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "convened",
                "held",
                "minutes_final",
                "cancelled",
                name="meeting_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "ends_at IS NULL OR ends_at >= starts_at", name=op.f("ck_meeting_end_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["called_by_id"],
            ["person.id"],
            name=op.f("fk_meeting_called_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["chair_id"],
            ["person.id"],
            name=op.f("fk_meeting_chair_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["person.id"],
            name=op.f("fk_meeting_proposed_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["secretary_id"],
            ["person.id"],
            name=op.f("fk_meeting_secretary_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_body", sa.String(length=200), nullable=False),
        sa.Column("committee_name", sa.String(length=300), nullable=False),
        sa.Column("abbreviation", sa.String(length=30), nullable=False),
        sa.Column("place_name", sa.String(length=100), nullable=False),
        sa.Column("standing_agency_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("default_signer_id", sa.Integer(), nullable=True),
        sa.Column("default_deputy_signer_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["default_deputy_signer_id"],
            ["person.id"],
            name=op.f("fk_organisation_default_deputy_signer_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["default_signer_id"],
            ["person.id"],
            name=op.f("fk_organisation_default_signer_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["standing_agency_id"],
            ["unit.id"],
            name=op.f("fk_organisation_standing_agency_id_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    op.create_table(
        "working_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "proposal",
                "project",
                "regulation",
                "legal_document",
                "other",
                name="session_purpose",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("convened_by_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("result_summary", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_working_session_end_after_start")),
        sa.ForeignKeyConstraint(
            ["convened_by_id"],
            ["person.id"],
            name=op.f("fk_working_session_convened_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_session")),
    )
    with op.batch_alter_table("working_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_working_session_starts_on"), ["starts_on"], unique=False
        )

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("presenter_person_id", sa.Integer(), nullable=True),
        sa.Column("presenter_unit_id", sa.Integer(), nullable=True),
        sa.Column("planned_minutes", sa.Integer(), nullable=True),
        sa.Column("minutes_text", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["presenter_person_id"],
            ["person.id"],
            name=op.f("fk_agenda_item_presenter_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["presenter_unit_id"],
            ["unit.id"],
            name=op.f("fk_agenda_item_presenter_unit_id_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "conclusion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_conclusion_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conclusion")),
    )
    with op.batch_alter_table("conclusion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conclusion_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "invitee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("guest_name", sa.String(length=200), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "member",
                "working_group",
                "agency_head",
                "expert",
                "guest",
                name="invitee_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("role", sa.String(length=100), nullable=True),
        sa.Column("name_snapshot", sa.String(length=200), nullable=True),
        sa.Column("position_snapshot", sa.String(length=200), nullable=True),
        sa.Column("unit_snapshot", sa.String(length=200), nullable=True),
        sa.Column(
            "attendance",
            sa.Enum(
                "unknown",
                "present",
                "absent",
                "substitute",
                name="attendance_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("absence_reason", sa.String(length=300), nullable=True),
        sa.Column("substitute_name", sa.String(length=200), nullable=True),
        sa.Column("substitute_position", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "person_id IS NOT NULL OR unit_id IS NOT NULL OR guest_name IS NOT NULL",
            name=op.f("ck_invitee_someone"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_invitee_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_invitee_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_invitee_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitee")),
    )
    with op.batch_alter_table("invitee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitee_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("opening_text", sa.Text(), nullable=True),
        sa.Column("closing_text", sa.Text(), nullable=True),
        sa.Column("is_final", sa.Boolean(), nullable=False),
        sa.Column("finalised_at", sa.DateTime(), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_minutes_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_minutes_meeting_id")),
    )
    op.create_table(
        "session_output",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "proposal",
                "project",
                "regulation",
                "legal_document",
                "other",
                name="session_purpose",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("version_label", sa.String(length=40), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "drafting",
                "consulting",
                "submitted",
                "approved",
                "withdrawn",
                name="output_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("file_path", sa.String(length=500), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["working_session.id"],
            name=op.f("fk_session_output_session_id_working_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_output")),
    )
    with op.batch_alter_table("session_output", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_output_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "session_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "leader",
                "member",
                "expert",
                name="participant_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("name_snapshot", sa.String(length=200), nullable=True),
        sa.Column("position_snapshot", sa.String(length=200), nullable=True),
        sa.Column("unit_snapshot", sa.String(length=200), nullable=True),
        sa.Column(
            "attendance",
            sa.Enum(
                "unknown",
                "present",
                "absent",
                "substitute",
                name="attendance_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("absence_reason", sa.String(length=300), nullable=True),
        sa.Column("days_present", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_session_participant_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["working_session.id"],
            name=op.f("fk_session_participant_session_id_working_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_participant")),
    )
    with op.batch_alter_table("session_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_participant_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "minutes_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("minutes_id", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["minutes_id"],
            ["minutes.id"],
            name=op.f("fk_minutes_revision_minutes_id_minutes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_revision")),
    )
    with op.batch_alter_table("minutes_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_minutes_revision_minutes_id"), ["minutes_id"], unique=False
        )

    op.create_table(
        "reporting_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regime_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("period_label", sa.String(length=100), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("cutoff_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("request_reference", sa.String(length=200), nullable=True),
        sa.Column("conclusion_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conclusion_id"],
            ["conclusion.id"],
            name=op.f("fk_reporting_round_conclusion_id_conclusion"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["regime_id"],
            ["reporting_regime.id"],
            name=op.f("fk_reporting_round_regime_id_reporting_regime"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_round")),
    )
    with op.batch_alter_table("reporting_round", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reporting_round_due_date"), ["due_date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reporting_round_regime_id"), ["regime_id"], unique=False
        )

    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "conclusion",
                "ad_hoc",
                name="task_source",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("conclusion_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("assigned_by_id", sa.Integer(), nullable=True),
        sa.Column("assigned_on", sa.Date(), nullable=True),
        sa.Column("assignee_person_id", sa.Integer(), nullable=True),
        sa.Column("assignee_unit_id", sa.Integer(), nullable=True),
        sa.Column("focal_unit_id", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in_progress",
                "done",
                "cancelled",
                name="task_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("result_report", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "assignee_person_id IS NOT NULL OR assignee_unit_id IS NOT NULL",
            name=op.f("ck_task_assignee"),
        ),
        sa.CheckConstraint(
            "deadline IS NULL OR assigned_on IS NULL OR deadline >= assigned_on",
            name=op.f("ck_task_deadline_after_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"],
            ["person.id"],
            name=op.f("fk_task_assigned_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["assignee_person_id"],
            ["person.id"],
            name=op.f("fk_task_assignee_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["assignee_unit_id"],
            ["unit.id"],
            name=op.f("fk_task_assignee_unit_id_unit"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conclusion_id"],
            ["conclusion.id"],
            name=op.f("fk_task_conclusion_id_conclusion"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["focal_unit_id"],
            ["unit.id"],
            name=op.f("fk_task_focal_unit_id_unit"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint("conclusion_id", "position", name="uq_task_conclusion_position"),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_conclusion_id"), ["conclusion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_deadline"), ["deadline"], unique=False)

    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("document_number", sa.String(length=100), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("file_path", sa.String(length=500), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["reporting_round.id"],
            name=op.f("fk_submission_round_id_reporting_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_submission_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
        sa.UniqueConstraint("round_id", "unit_id", name=op.f("uq_submission_round_id_unit_id")),
    )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submission_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_submission_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_unit_id"))
        batch_op.drop_index(batch_op.f("ix_submission_round_id"))

    op.drop_table("submission")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_deadline"))
        batch_op.drop_index(batch_op.f("ix_task_conclusion_id"))

    op.drop_table("task")
    with op.batch_alter_table("reporting_round", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reporting_round_regime_id"))
        batch_op.drop_index(batch_op.f("ix_reporting_round_due_date"))

    op.drop_table("reporting_round")
    with op.batch_alter_table("minutes_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_revision_minutes_id"))

    op.drop_table("minutes_revision")
    with op.batch_alter_table("session_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_participant_session_id"))

    op.drop_table("session_participant")
    with op.batch_alter_table("session_output", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_output_session_id"))

    op.drop_table("session_output")
    op.drop_table("minutes")
    with op.batch_alter_table("invitee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitee_meeting_id"))

    op.drop_table("invitee")
    with op.batch_alter_table("conclusion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conclusion_meeting_id"))

    op.drop_table("conclusion")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("working_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_working_session_starts_on"))

    op.drop_table("working_session")
    op.drop_table("organisation")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_starts_at"))

    op.drop_table("meeting")
    with op.batch_alter_table("group_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_membership_person_id"))

    op.drop_table("group_membership")
    with op.batch_alter_table("committee_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_membership_person_id"))

    op.drop_table("committee_membership")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_full_name"))

    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_unit_head_id_person"), type_="foreignkey")

    op.drop_table("person")
    op.drop_table("unit")
    op.drop_table("setting")
    op.drop_table("reporting_regime")
    op.drop_table("issued_document")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_log_at"))

    op.drop_table("change_log")
