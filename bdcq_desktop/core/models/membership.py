"""Committee and working-group memberships. History is kept: a membership is ended with a date
and a decision, never overwritten, so old meetings keep the people of their time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from ..enums import CommitteeRole, GroupRole
from .base import Base, Versioned, enum_column
from .organisation import Person


class _MembershipFields:
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    field: Mapped[str | None] = mapped_column(String(300))  # lĩnh vực phụ trách
    area: Mapped[str | None] = mapped_column(String(300))  # địa bàn phụ trách
    decision_number: Mapped[str | None] = mapped_column(String(60))
    decision_date: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date | None] = mapped_column(Date)
    end_decision_number: Mapped[str | None] = mapped_column(String(60))
    end_decision_date: Mapped[date | None] = mapped_column(Date)
    # Position and agency at appointment, so the roster of a past decision prints as it was.
    position_at_start: Mapped[str | None] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    @declared_attr
    def person(cls) -> Mapped[Person]:
        return relationship(Person)

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        return (
            CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        )

    @property
    def active(self) -> bool:
        return self.end_date is None


class CommitteeMembership(_MembershipFields, Versioned, Base):
    __tablename__ = "committee_membership"

    role: Mapped[CommitteeRole] = mapped_column(
        enum_column(CommitteeRole, "committee_role"), nullable=False
    )


class GroupMembership(_MembershipFields, Versioned, Base):
    __tablename__ = "group_membership"

    role: Mapped[GroupRole] = mapped_column(enum_column(GroupRole, "group_role"), nullable=False)
