"""Reporting rounds and submissions by unit (headless)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from .db import Database
from .labels import label
from .models import (
    ReportingRegime,
    ReportingRound,
    Submission,
    SubmissionStatus,
    Unit,
    submission_status,
)
from .text import fold


@dataclass(frozen=True)
class RoundRow:
    id: int
    title: str
    regime: str
    period_label: str
    due_date: date
    units: int
    on_time: int
    late: int
    missing: int
    not_due: int
    version: int


@dataclass(frozen=True)
class SubmissionRow:
    id: int
    unit: str
    unit_id: int
    received_on: date | None
    document_number: str
    summary: str
    status: str
    status_label: str
    days_late: int
    version: int


def list_rounds(
    db: Database, *, search: str | None = None, today: date | None = None
) -> list[RoundRow]:
    """One row per round, its submissions counted by the database (one query, no submission
    loaded: ten years hold 25,000 of them)."""
    today = today or date.today()
    received = Submission.received_on
    due = ReportingRound.due_date

    def count_where(condition):  # type: ignore[no-untyped-def]
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    query = (
        select(
            ReportingRound.id,
            ReportingRound.title,
            ReportingRegime.name,
            ReportingRound.period_label,
            due,
            ReportingRound.version,
            func.count(Submission.id),
            count_where(received.is_not(None) & (received <= due)),
            count_where(received.is_not(None) & (received > due)),
            count_where(received.is_(None) & Submission.id.is_not(None)),
        )
        .outerjoin(ReportingRegime, ReportingRound.regime_id == ReportingRegime.id)
        .outerjoin(Submission, Submission.round_id == ReportingRound.id)
        .group_by(ReportingRound.id, ReportingRegime.name)
        .order_by(due.desc(), ReportingRound.id.desc())
    )
    with db.session() as s:
        records = s.execute(query).all()
    rows = []
    for rid, title, regime, period, due_date, version, units, on_time, late, unreceived in records:
        # A report not received is missing once its due date has passed (as submission_status).
        waiting = today <= due_date
        rows.append(
            RoundRow(
                id=rid,
                title=title,
                regime=regime or "",
                period_label=period,
                due_date=due_date,
                units=units,
                on_time=on_time,
                late=late,
                missing=0 if waiting else unreceived,
                not_due=unreceived if waiting else 0,
                version=version,
            )
        )
    if search:
        q = fold(search).split()
        rows = [
            r for r in rows if all(w in fold(f"{r.title} {r.regime} {r.period_label}") for w in q)
        ]
    return rows


def list_submissions(
    db: Database, round_id: int, *, today: date | None = None
) -> list[SubmissionRow]:
    """The submissions of one round: only the columns shown, read in one query."""
    today = today or date.today()
    query = (
        select(
            Submission.id,
            Unit.name,
            Submission.unit_id,
            Submission.received_on,
            Submission.document_number,
            Submission.summary,
            Submission.version,
            ReportingRound.due_date,
        )
        .join(Unit, Submission.unit_id == Unit.id)
        .join(ReportingRound, Submission.round_id == ReportingRound.id)
        .where(Submission.round_id == round_id)
    )
    with db.session() as s:
        records = s.execute(query).all()
    labels = {st: label(st) for st in SubmissionStatus}
    rows = []
    for sid, unit, unit_id, received_on, number, summary, version, due_date in records:
        st = submission_status(received_on, due_date, today)
        rows.append(
            SubmissionRow(
                id=sid,
                unit=unit,
                unit_id=unit_id,
                received_on=received_on,
                document_number=number or "",
                summary=summary or "",
                status=st.value,
                status_label=labels[st],
                days_late=max(0, ((received_on or today) - due_date).days),
                version=version,
            )
        )
    return rows
