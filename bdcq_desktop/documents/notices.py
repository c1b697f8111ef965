"""The notice (Thông báo kết luận) a meeting's conclusions were issued in, as the reports cite
it: the register's number and date first, else the reference typed on a reporting round that
asks for reports on them (``Thông báo số 04/TB-BCĐ ngày 19/01/2026``); and a task's source as
every document of a date names it (:func:`task_source`: the tasks report and the reminder)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from ..core.models import (
    Conclusion,
    IssuedDocument,
    MeetingKind,
    ReportingRound,
    Task,
    TaskSource,
)
from ..core.models.reporting import round_opened_by
from ..core.register import latest_issued
from .other_docs import short, strip_end
from .text import nfc

_CHUNK = 500  # task ids asked at a time (SQLite's limit on parameters is far above)


def conclusion_notices(s: Session, day: dt.date) -> dict[int, str]:
    """Meeting id → the notice its conclusions were issued in, as it stood on ``day``: issued
    by then and not yet replaced (a notice issued after the day was not there to cite), else
    the reference typed on a round opened by then that asks for reports on them."""
    refs: dict[int, str] = {}
    linked = s.execute(
        select(Conclusion.meeting_id, ReportingRound.request_reference)
        .join(ReportingRound, ReportingRound.conclusion_id == Conclusion.id)
        .where(round_opened_by(day))
        .order_by(ReportingRound.id)
    )
    for meeting_id, reference in linked:
        if (reference or "").strip():
            refs[meeting_id] = nfc(strip_end(reference))
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
    for d in s.scalars(
        select(IssuedDocument)
        .where(
            IssuedDocument.kind == "conclusions",
            IssuedDocument.record_type == "meeting",
            IssuedDocument.issued_on <= day,
            or_(IssuedDocument.superseded_at.is_(None), IssuedDocument.superseded_at >= end),
        )
        .order_by(IssuedDocument.issued_on, IssuedDocument.id)
    ):
        refs[d.record_id] = _cite(d)
    return refs


def task_source(t: Task, refs: dict[int, str]) -> str:
    """Where task ``t`` came from, as a document cites it: the notice of its meeting's
    conclusions (``refs``, :func:`conclusion_notices` of the document's date), which the unit
    received, else the meeting itself; "Giao trực tiếp (đồng chí …) ngày …" for one given
    directly. Needs ``t.conclusion.meeting`` and ``t.assigned_by`` loaded."""
    meeting = t.conclusion.meeting if t.conclusion is not None else None
    if t.source == TaskSource.CONCLUSION and meeting is not None:
        if meeting.id in refs:
            return refs[meeting.id]
        where = "buổi làm việc" if meeting.kind == MeetingKind.BRIEFING else "cuộc họp"
        return f"Kết luận tại {where} ngày {short(meeting.starts_at.date())}"
    text = "Giao trực tiếp"
    if t.assigned_by is not None:
        text += f" (đồng chí {t.assigned_by.full_name})"
    if t.assigned_on is not None:
        text += f" ngày {short(t.assigned_on)}"
    return text


def task_sources(s: Session, task_ids: Iterable[int], day: dt.date) -> dict[int, str]:
    """Task id → :func:`task_source` of the document dated ``day``, for the tasks ``task_ids``."""
    wanted = sorted(set(task_ids))
    refs = conclusion_notices(s, day)
    out: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        tasks = s.scalars(
            select(Task)
            .where(Task.id.in_(wanted[start : start + _CHUNK]))
            .options(
                joinedload(Task.conclusion).joinedload(Conclusion.meeting),
                joinedload(Task.assigned_by),
            )
        ).unique()
        out.update((t.id, nfc(task_source(t, refs))) for t in tasks)
    return out


def _cite(notice: IssuedDocument) -> str:
    return f"Thông báo số {notice.symbol} ngày {short(notice.issued_on)}"


def notice_of_conclusion(s: Session, conclusion_id: int) -> str | None:
    """The register's notice (still in force) of the meeting ``conclusion_id`` belongs to."""
    meeting_id = s.scalar(select(Conclusion.meeting_id).where(Conclusion.id == conclusion_id))
    if meeting_id is None:
        return None
    row = latest_issued(s, "conclusions", "meeting", meeting_id)
    return None if row is None else _cite(row)
