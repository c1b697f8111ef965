"""The working-group sessions' list (the Tổ công tác tab, ``bdcq sessions list``): one query of
the columns it shows, never a session object, and who it counts as the experts a session
mobilised (its figures and the year's report count the same way, :mod:`.session_summary`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from . import validation as v
from .db import Database
from .errors import ValidationError
from .i18n import tr
from .labels import label
from .models import (
    IssuedDocument,
    ParticipantRole,
    Person,
    PersonKind,
    SessionOutput,
    SessionParticipant,
    SessionPurpose,
    WorkingSession,
)
from .text import SearchQuery
from .working_group import PLANNED, STATUS_LABELS, label_of, session_status

# Who a session counts as experts it mobilised (rule 8: the leader "mobilises experts"):
# experts and scientists from outside the group. An official outside the group who joins it (a
# department's chief of office) is an invited delegate, not an expert: counting them inflated
# the sessions list and the year's report.
MOBILISED_KINDS = (PersonKind.EXPERT, PersonKind.SCIENTIST)


def is_expert(p: SessionParticipant) -> bool:
    """``p`` (its person loaded) is an expert the session mobilised."""
    return (
        p.role == ParticipantRole.EXPERT
        and p.person is not None
        and p.person.kind in MOBILISED_KINDS
    )


def outside_role_label(kind: PersonKind) -> str:
    """The role someone from outside the group takes in a session, by their kind on record:
    "Chuyên gia" (an expert or a scientist mobilised: the regulation's word, rule 8) or "Đại
    biểu mời" (anyone else), as the pane and the papers name them."""
    return label(ParticipantRole.EXPERT) if kind in MOBILISED_KINDS else tr("Đại biểu mời")


def role_label(p: SessionParticipant) -> str:
    """``p``'s role as the pane and the session's documents print it: the group's role, or
    for someone from outside the group "Chuyên gia" (:func:`is_expert`) or "Đại biểu mời"."""
    if p.role == ParticipantRole.EXPERT and not is_expert(p):
        return tr("Đại biểu mời")
    return label(p.role)


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
    status: str = PLANNED
    status_label: str = ""
    experts: int = 0


def convened_ids(s: Session) -> set[int]:
    """Sessions whose convocation (wg-convocation) has been issued and is still in force (one
    superseded by a later change to the session convenes nobody until it is issued again)."""
    return set(
        s.scalars(
            select(IssuedDocument.record_id).where(
                IssuedDocument.record_type == "session",
                IssuedDocument.kind == "wg-convocation",
                IssuedDocument.superseded_at.is_(None),
            )
        )
    )


def list_sessions(
    db: Database,
    *,
    search: str | None = None,
    year: int | None = None,
    purpose: SessionPurpose | str | None = None,
    status: str | None = None,
    task_id: int | None = None,
    conclusion_id: int | None = None,
    today: date | None = None,
) -> list[SessionRow]:
    """Sessions, newest first, with participant, expert and output counts (one query)."""
    purpose = v.choice(purpose, SessionPurpose, "purpose", label_of("purpose"), required=False)
    if status is not None and status not in STATUS_LABELS:
        raise ValidationError(
            "status",
            tr('"{label}" không nhận giá trị "{value}"; các giá trị hợp lệ: {allowed}.').format(
                label=label_of("status"), value=status, allowed=", ".join(STATUS_LABELS)
            ),
            label=label_of("status"),
        )
    day = today or date.today()
    with db.session() as s:
        parts = (
            select(
                SessionParticipant.session_id,
                func.count().label("n"),
                func.sum(
                    case(
                        (
                            (SessionParticipant.role == ParticipantRole.EXPERT)
                            & Person.kind.in_(MOBILISED_KINDS),
                            1,
                        ),
                        else_=0,
                    )
                ).label("e"),
            )
            .join(Person, Person.id == SessionParticipant.person_id)
            .group_by(SessionParticipant.session_id)
            .subquery()
        )
        outs = (
            select(SessionOutput.session_id, func.count().label("n"))
            .group_by(SessionOutput.session_id)
            .subquery()
        )
        # Only the columns the list shows (no session or person entities).
        stmt = (
            select(
                WorkingSession.id,
                WorkingSession.title,
                WorkingSession.purpose,
                WorkingSession.starts_on,
                WorkingSession.ends_on,
                WorkingSession.place,
                Person.full_name,
                func.coalesce(parts.c.n, 0),
                func.coalesce(parts.c.e, 0),
                func.coalesce(outs.c.n, 0),
                WorkingSession.version,
            )
            .outerjoin(Person, Person.id == WorkingSession.convened_by_id)
            .outerjoin(parts, parts.c.session_id == WorkingSession.id)
            .outerjoin(outs, outs.c.session_id == WorkingSession.id)
            .order_by(WorkingSession.starts_on.desc(), WorkingSession.id.desc())
        )
        if year is not None:  # a session running into January is one of both years
            stmt = stmt.where(*in_year(year))
        if purpose is not None:
            stmt = stmt.where(WorkingSession.purpose == purpose)
        if task_id is not None:
            stmt = stmt.where(WorkingSession.task_id == task_id)
        if conclusion_id is not None:
            stmt = stmt.where(WorkingSession.conclusion_id == conclusion_id)
        convened = convened_ids(s)
        rows = []
        for (
            sid, title, purpose_, starts_on, ends_on, place, convener, n_p, n_e, n_o, version
        ) in s.execute(stmt):
            st = session_status(starts_on, ends_on, sid in convened, day)
            rows.append(
                SessionRow(
                    id=sid,
                    title=title,
                    purpose=purpose_.value,
                    purpose_label=label(purpose_),
                    starts_on=starts_on,
                    ends_on=ends_on,
                    place=place or "",
                    convened_by=convener or "",
                    participants=n_p,
                    outputs=n_o,
                    version=version,
                    status=st,
                    status_label=tr(STATUS_LABELS[st]),
                    experts=int(n_e or 0),
                )
            )
    if status is not None:
        rows = [r for r in rows if r.status == status]
    if search:  # the search boxes' rule: diacritics typed must match (text.SearchQuery)
        query = SearchQuery(search)
        rows = [r for r in rows if query.finds(r.title, r.place, r.convened_by)]
    return rows


def in_year(year: int) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """The sessions with a day in ``year``: one from 28/12 to 05/01 worked in both years
    (the year's list and figures, :func:`.session_summary.year_summary`, take it in each)."""
    return (
        WorkingSession.starts_on <= date(year, 12, 31),
        WorkingSession.ends_on >= date(year, 1, 1),
    )


def session_years(db: Database) -> list[int]:
    """The years that have sessions, newest first (the year filter): every year a session
    has days in."""
    with db.session() as s:
        spans = s.execute(select(WorkingSession.starts_on, WorkingSession.ends_on)).all()
    years = {y for a, b in spans for y in range(a.year, max(a, b or a).year + 1)}
    return sorted(years, reverse=True)


