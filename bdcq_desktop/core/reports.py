"""Reporting rounds and submissions by unit (headless)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, select

from .db import Database
from .errors import NotFoundError
from .i18n import tr
from .labels import label
from .models import (
    ReportingRegime,
    ReportingRound,
    StoredFile,
    Submission,
    SubmissionStatus,
    Unit,
    submission_on,
)
from .models.reporting import received_by, round_opened_by, round_opened_on, waived_by
from .report_periods import received_from
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
    opened_on: date | None = None
    waived: int = 0  # excused (miễn nộp), not received: neither missing nor not due


@dataclass(frozen=True)
class SubmissionRow:
    """One unit's expected report in one round. ``status`` is computed from the dates and the
    waiver (``not_due``, ``on_time``, ``late``, ``overdue``, ``waived``), ``days_late`` counts
    to the day received (late) or to today (overdue); ``version`` is the submission's,
    ``round_version`` the round's (which a save must pass: the round guards its submissions)."""

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
    round_id: int = 0
    round: str = ""
    due_date: date | None = None
    document_date: date | None = None
    evaluation: str = ""
    file_id: int | None = None
    file_name: str = ""
    round_version: int = 0
    status_text: str = ""  # "Nộp muộn 3 ngày"
    # The earliest received date the round accepts (.report_periods.received_from), shown by
    # the forms before the officer types; the core checks it again on save.
    received_from: date | None = None
    waived_on: date | None = None  # miễn nộp: the day the committee excused the unit
    waived_reason: str = ""

    @property
    def received_date(self) -> date | None:
        return self.received_on


def status_text(status: SubmissionStatus, days_late: int) -> str:
    """The status as a reader wants it: with the days when it is late or overdue."""
    if status == SubmissionStatus.LATE:
        return tr("Nộp muộn {n} ngày").format(n=days_late)
    if status == SubmissionStatus.OVERDUE:
        return tr("Quá hạn {n} ngày").format(n=days_late)
    return label(status)


def list_rounds(
    db: Database, *, search: str | None = None, today: date | None = None
) -> list[RoundRow]:
    """One row per round, its submissions counted by the database (one query, no submission
    loaded: ten years hold 25,000 of them), as they stood on ``today``
    (:func:`.models.submission_on`): a report received after it not yet received, a round
    opened after it left out."""
    today = today or date.today()
    due = ReportingRound.due_date
    arrived = received_by(today)
    query = (
        select(
            ReportingRound.id,
            ReportingRound.title,
            ReportingRegime.name,
            ReportingRound.period_label,
            due,
            ReportingRound.version,
            round_opened_on(),
            # Counts of values (a CASE with no ELSE is NULL, not counted), not sums of CASEs:
            # at ten years (25,000 submissions) the database did 29 ms of work here with four
            # sums, 21 ms with counts.
            func.count(Submission.id),
            func.count(case((arrived, 1))),  # received by the day
            func.count(case((and_(arrived, Submission.received_on <= due), 1))),  # on time
            func.count(case((waived_by(today), 1))),  # excused, not received
        )
        .outerjoin(ReportingRegime, ReportingRound.regime_id == ReportingRegime.id)
        .outerjoin(Submission, Submission.round_id == ReportingRound.id)
        .where(round_opened_by(today))
        .group_by(ReportingRound.id, ReportingRegime.name)
        .order_by(due.desc(), ReportingRound.id.desc())
    )
    with db.session() as s:
        records = s.execute(query).all()
    rows = []
    for record in records:
        rid, title, regime, period, due_date, version, opened = record[:7]
        units, got, on_time, waived = record[7:]  # got: reports received
        late, unreceived = got - on_time, units - got - waived
        # A report not received is missing once its due date has passed (as submission_on).
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
                opened_on=opened,
                waived=waived,
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
    """The submissions of one round, as they stood on ``today``: only the columns shown, read
    in one query. The round is shown whatever its opening day: it was asked for by its id."""
    return submission_rows(db, Submission.round_id == round_id, today=today)


def get_submission(
    db: Database, submission_id: int, *, today: date | None = None
) -> SubmissionRow:
    """One unit's report of one round as :func:`list_submissions` shows it: what a form reads
    anew after another officer saved it (the newest values and both versions)."""
    rows = submission_rows(db, Submission.id == submission_id, today=today)
    if not rows:
        raise NotFoundError(tr("Không tìm thấy báo cáo có mã {id}.").format(id=submission_id))
    return rows[0]


def submission_rows(
    db: Database, where: Any = None, *, today: date | None = None
) -> list[SubmissionRow]:
    """Submissions (all, or those ``where`` selects) as they stood on ``today``
    (:func:`.models.submission_on`), by round (newest due date first) then unit.

    A report received after ``today`` is shown as not received: what the unit sent (its
    received date, number and date, summary, evaluation, file) is left empty, as the summary
    report dated that day leaves it out; so is a waiver dated after it."""
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
            ReportingRound.id,
            ReportingRound.title,
            ReportingRound.version,
            Submission.document_date,
            Submission.evaluation,
            Submission.file_id,
            StoredFile.name,
            ReportingRound.period_start,
            ReportingRound.requested_on,
            ReportingRound.opened_on,
            Submission.waived_on,
            Submission.waived_reason,
        )
        .join(Unit, Submission.unit_id == Unit.id)
        .join(ReportingRound, Submission.round_id == ReportingRound.id)
        .outerjoin(StoredFile, Submission.file_id == StoredFile.id)
        .order_by(ReportingRound.due_date.desc(), ReportingRound.id.desc(), Unit.sort_order)
    )
    if where is not None:
        query = query.where(where)
    with db.session() as s:
        records = s.execute(query).all()
    labels = {st: label(st) for st in SubmissionStatus}
    rows = []
    for (
        sid, unit, unit_id, received_on, number, summary, version, due_date,
        round_id, round_title, round_version, document_date, evaluation, file_id, file_name,
        period_start, requested_on, opened_on, waived_on, waived_reason,
    ) in records:
        bound = received_from(period_start, requested_on, opened_on)
        st, got, late = submission_on(received_on, due_date, today, waived_on)
        if got is None:  # not arrived by the day (perhaps later): nothing of it shown
            number = summary = evaluation = file_name = None
            document_date = file_id = None
        if waived_on is not None and waived_on > today:  # excused only later
            waived_on = waived_reason = None
        rows.append(
            SubmissionRow(
                id=sid,
                unit=unit,
                unit_id=unit_id,
                received_on=got,
                document_number=number or "",
                summary=summary or "",
                status=st.value,
                status_label=labels[st],
                days_late=late,
                version=version,
                round_id=round_id,
                round=round_title,
                due_date=due_date,
                document_date=document_date,
                evaluation=evaluation or "",
                file_id=file_id,
                file_name=file_name or "",
                round_version=round_version,
                status_text=status_text(st, late),
                received_from=bound[0] if bound else None,
                waived_on=waived_on,
                waived_reason=waived_reason or "",
            )
        )
    return rows
