"""Reporting rounds and submissions by unit (headless)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from .db import Database
from .labels import label
from .models import ReportingRound, Submission, SubmissionStatus, submission_status
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
    today = today or date.today()
    with db.session() as s:
        rounds = s.scalars(
            select(ReportingRound)
            .options(joinedload(ReportingRound.regime), selectinload(ReportingRound.submissions))
            .order_by(ReportingRound.due_date.desc(), ReportingRound.id.desc())
        ).unique()
        rows = []
        for r in rounds:
            counts = dict.fromkeys(SubmissionStatus, 0)
            for sub in r.submissions:
                counts[submission_status(sub.received_on, r.due_date, today)] += 1
            rows.append(
                RoundRow(
                    id=r.id,
                    title=r.title,
                    regime=r.regime.name if r.regime else "",
                    period_label=r.period_label,
                    due_date=r.due_date,
                    units=len(r.submissions),
                    on_time=counts[SubmissionStatus.ON_TIME],
                    late=counts[SubmissionStatus.LATE],
                    missing=counts[SubmissionStatus.MISSING],
                    not_due=counts[SubmissionStatus.NOT_DUE],
                    version=r.version,
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
    today = today or date.today()
    with db.session() as s:
        subs = s.scalars(
            select(Submission)
            .options(joinedload(Submission.unit), joinedload(Submission.round))
            .where(Submission.round_id == round_id)
        ).all()
        rows = []
        for sub in subs:
            st = submission_status(sub.received_on, sub.round.due_date, today)
            rows.append(
                SubmissionRow(
                    id=sub.id,
                    unit=sub.unit.name,
                    unit_id=sub.unit_id,
                    received_on=sub.received_on,
                    document_number=sub.document_number or "",
                    summary=sub.summary or "",
                    status=st.value,
                    status_label=label(st),
                    days_late=sub.days_late(today),
                    version=sub.version,
                )
            )
    return rows
