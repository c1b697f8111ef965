"""Working-group sessions (headless)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from .db import Database
from .labels import label
from .models import SessionOutput, SessionParticipant, WorkingSession
from .text import SearchQuery


@dataclass(frozen=True)
class SessionRow:
    id: int
    title: str
    purpose: str
    purpose_label: str
    starts_on: date
    ends_on: date
    place: str
    convened_by: str
    participants: int
    outputs: int
    version: int


def list_sessions(db: Database, *, search: str | None = None) -> list[SessionRow]:
    with db.session() as s:
        parts = (
            select(SessionParticipant.session_id, func.count().label("n"))
            .group_by(SessionParticipant.session_id)
            .subquery()
        )
        outs = (
            select(SessionOutput.session_id, func.count().label("n"))
            .group_by(SessionOutput.session_id)
            .subquery()
        )
        stmt = (
            select(WorkingSession, func.coalesce(parts.c.n, 0), func.coalesce(outs.c.n, 0))
            .options(joinedload(WorkingSession.convened_by))
            .outerjoin(parts, parts.c.session_id == WorkingSession.id)
            .outerjoin(outs, outs.c.session_id == WorkingSession.id)
            .order_by(WorkingSession.starts_on.desc())
        )
        rows = [
            SessionRow(
                id=w.id,
                title=w.title,
                purpose=w.purpose.value,
                purpose_label=label(w.purpose),
                starts_on=w.starts_on,
                ends_on=w.ends_on,
                place=w.place or "",
                convened_by=w.convened_by.full_name if w.convened_by else "",
                participants=n_p,
                outputs=n_o,
                version=w.version,
            )
            for w, n_p, n_o in s.execute(stmt).unique()
        ]
    if search:  # the search boxes' rule: diacritics typed must match (text.SearchQuery)
        query = SearchQuery(search)
        rows = [r for r in rows if query.finds(r.title, r.place)]
    return rows
