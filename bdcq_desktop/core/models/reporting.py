"""Reporting regimes (chế độ báo cáo), rounds and per-unit submissions."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ColumnElement,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    func,
    or_,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..enums import Frequency, SubmissionStatus
from .base import Base, Versioned, enum_column
from .files import StoredFile
from .organisation import Unit

# The units a regime asks to report (Decree 09/2019: "đối tượng thực hiện báo cáo"). A round of
# the regime copies them into its own submissions when it opens, so a change here never
# rewrites a round already opened.
regime_unit = Table(
    "reporting_regime_unit",
    Base.metadata,
    Column(
        "regime_id",
        ForeignKey("reporting_regime.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("unit_id", ForeignKey("unit.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


class ReportingRegime(Versioned, Base):
    """A standing reporting obligation (Decree 09/2019: name, content, frequency, deadline,
    data cut-off, receiving body)."""

    __tablename__ = "reporting_regime"
    __table_args__ = (
        CheckConstraint("due_day BETWEEN 1 AND 31", name="due_day_range"),
        CheckConstraint("cutoff_day IS NULL OR cutoff_day BETWEEN 1 AND 31", name="cutoff_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), nullable=False, unique=True)
    content: Mapped[str | None] = mapped_column(Text)  # content / outline (đề cương)
    frequency: Mapped[Frequency] = mapped_column(
        enum_column(Frequency, "frequency"), nullable=False
    )
    # Deadline rule: the due_day of the last month of the period, plus due_month_offset months.
    due_day: Mapped[int] = mapped_column(Integer, nullable=False, default=20)
    due_month_offset: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    cutoff_day: Mapped[int | None] = mapped_column(Integer)  # data cut-off, same month logic
    cutoff_month_offset: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )
    receiving_body: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    rounds: Mapped[list[ReportingRound]] = relationship(back_populates="regime")
    units: Mapped[list[Unit]] = relationship(secondary=regime_unit, order_by="Unit.sort_order")


class ReportingRound(Versioned, Base):
    """One period of a regime, or an ad hoc request, with the units asked to report."""

    __tablename__ = "reporting_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    regime_id: Mapped[int | None] = mapped_column(
        ForeignKey("reporting_regime.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    period_label: Mapped[str] = mapped_column(String(100), nullable=False)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    cutoff_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    requested_on: Mapped[date | None] = mapped_column(Date)
    # The day the secretariat opened the round in the application (bookkeeping: a regime's
    # unit may report earlier, see core.rounds.received_from).
    opened_on: Mapped[date | None] = mapped_column(Date)
    request_reference: Mapped[str | None] = mapped_column(String(200))  # e.g. TB số 12/TB-BCĐ
    conclusion_id: Mapped[int | None] = mapped_column(
        ForeignKey("conclusion.id", ondelete="SET NULL")
    )

    regime: Mapped[ReportingRegime | None] = relationship(back_populates="rounds")
    submissions: Mapped[list[Submission]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="Submission.id"
    )


class Submission(Versioned, Base):
    """A unit's report in a round. Its status is derived from the dates and the waiver,
    never stored."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("round_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_round.id", ondelete="CASCADE"), nullable=False, index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    received_on: Mapped[date | None] = mapped_column(Date)
    document_number: Mapped[str | None] = mapped_column(String(100))  # the unit's number
    document_date: Mapped[date | None] = mapped_column(Date)  # the unit's document's date
    summary: Mapped[str | None] = mapped_column(Text)
    evaluation: Mapped[str | None] = mapped_column(Text)  # the secretariat's evaluation
    file_path: Mapped[str | None] = mapped_column(String(500))
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    file_id: Mapped[int | None] = mapped_column(
        ForeignKey("stored_file.id", ondelete="SET NULL"), index=True
    )
    # Miễn nộp (since 0014): the committee excused the unit from this report, from this day,
    # for this reason; both set or both empty (core.waivers). A report received anyway
    # outranks it (submission_status).
    waived_on: Mapped[date | None] = mapped_column(Date)
    waived_reason: Mapped[str | None] = mapped_column(Text)

    round: Mapped[ReportingRound] = relationship(back_populates="submissions")
    unit: Mapped[Unit] = relationship()
    file: Mapped[StoredFile | None] = relationship()

    def status_on(self, today: date) -> SubmissionStatus:
        return submission_status(self.received_on, self.round.due_date, today, self.waived_on)

    def days_late(self, today: date) -> int:
        return submission_on(
            self.received_on, self.round.due_date, today, self.waived_on
        ).days_late


class StatusOn(NamedTuple):
    """A submission as it stood on a day (:func:`submission_on`)."""

    status: SubmissionStatus
    received: date | None  # the day it arrived; None while it had not arrived by the day
    days_late: int  # late: days after the due date it arrived; overdue: days past it so far


def submission_on(
    received: date | None, due: date, day: date, waived: date | None = None
) -> StatusOn:
    """The one rule for a unit's report in a round as it stood on ``day`` (today, or the day a
    list or document is dated): every list, the overview, the documents and the Đôn đốc list
    read it through here or through its SQL spelling below (:func:`received_by`,
    :func:`waived_by`, :func:`owed_by`, :func:`round_opened_by`).

    On time when received on or before the due date (the due date itself counts); late
    after it; not yet due while nothing arrived and ``day`` is not past the due date; overdue
    once it is. A due date on a weekend or holiday does not move (Decree 09/2019 does not
    move it), so Saturday's due date is the day compared.

    A report received after ``day`` had not arrived on it: a list or summary dated back says
    what was known that day. Waived (miễn nộp) while nothing arrived and the unit was excused
    (``waived``) by ``day``: a status asked of a day before the waiver is that day's (overdue,
    or not due). A report received anyway is what it is, on time or late."""
    if received is not None and received <= day:
        if received <= due:
            return StatusOn(SubmissionStatus.ON_TIME, received, 0)
        return StatusOn(SubmissionStatus.LATE, received, (received - due).days)
    if waived is not None and waived <= day:
        return StatusOn(SubmissionStatus.WAIVED, None, 0)
    if day <= due:
        return StatusOn(SubmissionStatus.NOT_DUE, None, 0)
    return StatusOn(SubmissionStatus.OVERDUE, None, (day - due).days)


def submission_status(
    received: date | None, due: date, today: date, waived: date | None = None
) -> SubmissionStatus:
    """The status of :func:`submission_on`."""
    return submission_on(received, due, today, waived).status


# The same rule in SQL, for the readers that count in the database (ten years hold 25,000
# submissions): kept beside the Python so that the two cannot drift apart.


def received_by(day: date) -> ColumnElement[bool]:
    """SQL: the report had arrived by ``day`` (NULL, which is not true, when it has not
    arrived at all: its negation is :func:`awaited_by`, not ``NOT``)."""
    return Submission.received_on <= day


def awaited_by(day: date) -> ColumnElement[bool]:
    """SQL: the report had not arrived by ``day`` (not received, or received after it)."""
    return or_(Submission.received_on.is_(None), Submission.received_on > day)


def waived_by(day: date) -> ColumnElement[bool]:
    """SQL: not arrived by ``day`` and excused (miễn nộp) by then: :func:`submission_on`
    says ``waived``."""
    return and_(awaited_by(day), Submission.waived_on.is_not(None), Submission.waived_on <= day)


def owed_by(day: date) -> ColumnElement[bool]:
    """SQL: not arrived by ``day`` and not excused by then: still owed (overdue once the due
    date has passed, else not due)."""
    return and_(
        awaited_by(day), or_(Submission.waived_on.is_(None), Submission.waived_on > day)
    )


def round_opened(
    opened_on: date | None, requested_on: date | None, period_start: date | None
) -> date | None:
    """The day a round came to exist: its opening day, else (a round kept from before that
    day was recorded) its request's day, else its period's first day; None when none is
    known."""
    return opened_on or requested_on or period_start


def round_opened_on() -> ColumnElement[date]:
    """SQL: :func:`round_opened`."""
    return func.coalesce(
        ReportingRound.opened_on, ReportingRound.requested_on, ReportingRound.period_start
    )


def round_opened_by(day: date) -> ColumnElement[bool]:
    """SQL: the round existed on ``day``: a list as of a day before a round was opened leaves
    it out (its units had not been asked yet). One with no known day is kept."""
    opened = round_opened_on()
    return or_(opened.is_(None), opened <= day)
