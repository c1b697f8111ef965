"""The days-off calendar: the days on which Monday to Friday is not the rule (core.days_off)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from ..enums import DayOffKind
from .base import Base, enum_column


class DayOff(Base):
    """One day of the year's announcement: a day off (a public holiday, Tết, a day off in
    exchange) or a weekend day worked in exchange. One row per date: a day is one or the
    other. Only added and removed, never edited in place, so no version: the change log keeps
    who added or removed it, and when."""

    __tablename__ = "day_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[DayOffKind] = mapped_column(
        enum_column(DayOffKind, "day_off_kind"), nullable=False, default=DayOffKind.OFF
    )
