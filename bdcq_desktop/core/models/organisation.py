"""Organisation settings, units and people."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..enums import Honorific, PersonKind, UnitKind
from .base import Base, Versioned, enum_column


class Organisation(Versioned, Base):
    """The one row of organisation settings (id = 1). Nothing about the body is hard-coded:
    committees are renamed and reorganised (as in 2025), so every name lives here."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_body: Mapped[str] = mapped_column(String(200), default="")  # UBND TỈNH NGHỆ AN
    committee_name: Mapped[str] = mapped_column(String(300), default="")
    abbreviation: Mapped[str] = mapped_column(String(30), default="BCĐ")
    place_name: Mapped[str] = mapped_column(String(100), default="")  # Nghệ An
    standing_agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="SET NULL")
    )
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    default_signer_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    default_deputy_signer_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )

    # This database's identity (since 0018), kept by every copy of it: a meeting record brought
    # back from the room on a laptop's copy (:mod:`..room_record`) is taken only by the
    # database the copy came from.
    # No default here: an insert through this table at an older revision (a test building a
    # database of 0017) must not name the column; the database's creation and 0018 set it.
    database_uid: Mapped[str | None] = mapped_column(String(36))

    standing_agency: Mapped[Unit | None] = relationship(foreign_keys=[standing_agency_id])


class Setting(Base):
    """Free-form settings (document abbreviations, signing forms, margins...) as JSON text."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Unit(Versioned, Base):
    """A department, sector, locality or central agency. Retired or merged units stay (history)."""

    __tablename__ = "unit"
    __table_args__ = (CheckConstraint("merged_into_id <> id", name="not_merged_into_self"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    short_name: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[UnitKind] = mapped_column(enum_column(UnitKind, "unit_kind"), nullable=False)
    head_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL", use_alter=True)
    )
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    retired_on: Mapped[date | None] = mapped_column(Date)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))

    head: Mapped[Person | None] = relationship(foreign_keys=[head_id], post_update=True)


class Person(Versioned, Base):
    """Anyone the committee deals with: officials, experts, scientists, guests."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    honorific: Mapped[Honorific | None] = mapped_column(enum_column(Honorific, "honorific"))
    position: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    kind: Mapped[PersonKind] = mapped_column(
        enum_column(PersonKind, "person_kind"), nullable=False, default=PersonKind.OFFICIAL
    )
    notes: Mapped[str | None] = mapped_column(Text)
    # Who the person is, whatever their id (0022): a random UUID given when the row is made,
    # kept by the meeting room's copy and by backups. The roster export writes it as the
    # person's "Mã người" (:mod:`..roster_keys`): an id is reused after a deletion, and a copy
    # of the database numbers the people it adds on its own, so an id may name two people.
    uid: Mapped[str | None] = mapped_column(
        String(36), unique=True, index=True, default=lambda: str(uuid.uuid4())
    )

    unit: Mapped[Unit | None] = relationship(foreign_keys=[unit_id])
