"""One working-group session read whole for its tab and the CLI's ``sessions show``: the frozen
:class:`SessionDetail` (fields, what it serves, participants with their days, outputs with their
files, issued documents, figures), built in one database session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, true
from sqlalchemy.orm import joinedload, selectinload

from .days_off import work_calendar
from .db import Database
from .experts import EXPERT_KINDS
from .i18n import tr
from .labels import label
from .membership_rules import current_on, rank
from .models import (
    Conclusion,
    GroupMembership,
    GroupRole,
    IssuedDocument,
    Meeting,
    Person,
    SessionOutput,
    SessionParticipant,
    Task,
    Unit,
    WorkingSession,
)
from .session_list import outside_role_label
from .session_outputs import OutputRow, output_row
from .session_people import ParticipantRow, participant_rows, position_and_agency
from .session_summary import SessionSummary, summarise
from .text import person_sort_key
from .wording import meeting_phrase
from .working_group import (
    CONVOCATION,
    STATUS_LABELS,
    convener_problem,
    days_between,
    default_place,
    not_found,
    session_status,
)


@dataclass(frozen=True)
class SessionDocument:
    id: int
    kind: str  # wg-convocation, wg-report
    number: int
    symbol: str
    issued_on: date
    # Set when a change to the session after it was issued superseded it (new days, a place,
    # the people convened: :mod:`.issued_changes`); it stays listed, to be issued again.
    superseded_on: date | None = None


@dataclass(frozen=True)
class SessionDetail:
    id: int
    title: str
    purpose: str
    purpose_label: str
    starts_on: date
    ends_on: date
    place: str
    convened_by_id: int | None
    convened_by: str
    notes: str
    result_summary: str
    serves: str  # "task:12", "conclusion:3" or ""
    serves_text: str
    status: str
    status_label: str
    version: int
    days: tuple[date, ...]  # every day from the first to the last
    participants: tuple[ParticipantRow, ...]
    outputs: tuple[OutputRow, ...]
    documents: tuple[SessionDocument, ...]
    summary: SessionSummary
    # A session not over whose convener rule 8 refuses on its first day (a roster change saved
    # after it): the pane says it in red, as ``bdcq check`` does, before its next save is refused.
    convener_warning: str | None = None
    # The days of work among ``days`` (core.days_off), and the days of the span on the
    # calendar with their names ("Ngày Chiến thắng"): the attendance grid shades them.
    working_days: tuple[date, ...] = ()
    calendar_days: tuple[tuple[date, str], ...] = ()


def _serves(w: WorkingSession) -> tuple[str, str]:
    t: Task | None = w.task
    c: Conclusion | None = w.conclusion
    if t is not None:
        text = tr("Nhiệm vụ {id}: {content}").format(id=t.id, content=t.content)
        return f"task:{t.id}", text
    if c is not None:
        return f"conclusion:{c.id}", conclusion_text(c)
    return "", ""


def conclusion_text(c: Conclusion) -> str:
    """A conclusion as what a session serves: "Kết luận của cuộc họp Ban Chỉ đạo … (12/01/2026):
    …". The title names the meeting ("Họp …", "Hội nghị …"): worded as the documents word it,
    not put after "cuộc họp" as it is (which read "cuộc họp Họp …")."""
    m = c.meeting
    if m is None:
        return tr("Kết luận: {text}").format(text=c.text)
    return tr("Kết luận của {meeting} ({day}): {text}").format(
        meeting=meeting_phrase(m.title, m.kind), day=f"{m.starts_at:%d/%m/%Y}", text=c.text
    )


def get_session(db: Database, session_id: int, *, today: date | None = None) -> SessionDetail:
    """One session with everything its record pane shows."""
    with db.session() as s:
        w = s.get(
            WorkingSession,
            session_id,
            options=[
                joinedload(WorkingSession.convened_by),
                selectinload(WorkingSession.participants)
                .joinedload(SessionParticipant.person)
                .joinedload(Person.unit),
                selectinload(WorkingSession.participants).selectinload(SessionParticipant.days),
                selectinload(WorkingSession.outputs).joinedload(SessionOutput.file),
                selectinload(WorkingSession.outputs).joinedload(SessionOutput.submitted_meeting),
            ],
        )
        if w is None:
            raise not_found(session_id)
        issued = list(
            s.scalars(
                select(IssuedDocument)
                .where(IssuedDocument.record_type == "session", IssuedDocument.record_id == w.id)
                .order_by(IssuedDocument.issued_on, IssuedDocument.id)
            )
        )
        docs = tuple(
            SessionDocument(
                d.id,
                d.kind,
                d.number,
                d.symbol,
                d.issued_on,
                d.superseded_at.date() if d.superseded_at else None,
            )
            for d in issued
        )
        in_force = [d for d in issued if d.kind == CONVOCATION and d.superseded_at is None]
        # A superseded convocation no longer convenes: "Dự kiến" until a corrected one is issued.
        convened = bool(in_force)
        day = today or date.today()
        status = session_status(w.starts_on, w.ends_on, convened, day)
        serves, serves_text = _serves(w)
        cal = work_calendar(s, w.starts_on, w.ends_on)
        return SessionDetail(
            id=w.id,
            title=w.title,
            purpose=w.purpose.value,
            purpose_label=label(w.purpose),
            starts_on=w.starts_on,
            ends_on=w.ends_on,
            place=w.place or "",
            convened_by_id=w.convened_by_id,
            convened_by=w.convened_by.full_name if w.convened_by else "",
            notes=w.notes or "",
            result_summary=w.result_summary or "",
            serves=serves,
            serves_text=serves_text,
            status=status,
            status_label=tr(STATUS_LABELS[status]),
            version=w.version,
            days=tuple(days_between(w.starts_on, w.ends_on)),
            participants=tuple(participant_rows(w, in_force)),
            outputs=tuple(output_row(o) for o in w.outputs),
            documents=docs,
            summary=summarise(s, w),
            # Over sessions are history, as in ``bdcq check`` (check._session_conveners).
            convener_warning=convener_problem(s, w) if w.ends_on >= day else None,
            working_days=cal.days(w.starts_on, w.ends_on),
            calendar_days=cal.names,
        )


def serve_choices(db: Database) -> list[tuple[str, str]]:
    """What a session may serve: each conclusion and each task, as (``kind:id``, text), the
    newest first (a session serves what the committee concluded lately; ten years' list opened
    on 2016). Plain columns: ten years hold some 1,000 conclusions and 6,000 tasks, which as
    objects took 0.13 s to read each time a session's dialog opened."""
    with db.session() as s:
        conclusions = s.execute(
            select(Conclusion.id, Conclusion.text, Meeting.starts_at)
            .outerjoin(Meeting, Conclusion.meeting_id == Meeting.id)
            .order_by(Meeting.starts_at.desc().nulls_last(), Conclusion.id.desc())
        ).all()
        tasks = s.execute(select(Task.id, Task.content).order_by(Task.id.desc())).all()
    of_conclusion, of_task = tr("Kết luận {when}: {text}"), tr("Nhiệm vụ {id}: {text}")
    return [
        (
            f"conclusion:{cid}",
            of_conclusion.format(when=f"{at:%d/%m/%Y}" if at else "", text=_short(text)),
        )
        for cid, text, at in conclusions
    ] + [(f"task:{tid}", of_task.format(id=tid, text=_short(content))) for tid, content in tasks]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Candidate:
    """Someone who may take part: a member of the working group on the first day, a person
    on the experts list, or anyone else on record (a committee member, an official)."""

    person_id: int
    name: str
    detail: str  # position, agency
    kind: str  # "member", "expert" or "other"
    # Tổ trưởng, Tổ phó, Thành viên; from outside the group the role they would take:
    # Chuyên gia, Đại biểu mời (:func:`.session_list.outside_role_label`)
    role_label: str
    unit_short: str = ""  # their unit's short name: a picker finds them by "VNPT", "Sở KHCN"


def candidates(db: Database, day: date, *, members_only: bool = False) -> list[Candidate]:
    """The working group on ``day`` (by rank), the experts list (by name), then everyone else
    on record (by name): a committee member working as an expert is picked, not typed in again
    as a second person."""
    with db.session() as s:
        rows = s.scalars(
            select(GroupMembership)
            .options(joinedload(GroupMembership.person).joinedload(Person.unit))
            .where(current_on(GroupMembership, day))
        ).all()
        rows = sorted(rows, key=lambda m: (rank("group", m.role.value), m.sort_order or 1 << 30))
        out: list[Candidate] = []
        seen: set[int] = set()
        for m in rows:
            if m.person_id in seen:
                continue
            seen.add(m.person_id)
            p = m.person
            detail = position_and_agency(p.position, p.unit.name if p.unit else None)
            short = p.unit.short_name or "" if p.unit else ""
            out.append(Candidate(p.id, p.full_name, detail, "member", label(m.role), short))
        if members_only:
            return out
        # Plain columns: ten years hold some 5,600 people, the last group read as objects.
        people = s.execute(
            select(
                Person.id,
                Person.full_name,
                Person.position,
                Unit.name,
                Person.kind,
                Unit.short_name,
            )
            .outerjoin(Unit, Unit.id == Person.unit_id)
            .where(Person.id.not_in(seen) if seen else true())
        ).all()
        people.sort(key=lambda r: (person_sort_key(r[1]), r[0]))
        for wanted in ("expert", "other"):
            for pid, name, position, unit, kind, short in people:
                if (kind in EXPERT_KINDS) == (wanted == "expert"):
                    detail = position_and_agency(position, unit)
                    # The role they would take, as the pane and the papers print it ("Chuyên
                    # gia" for a scientist too), not the experts list's kind.
                    role = outside_role_label(kind)
                    out.append(Candidate(pid, name, detail, wanted, role, short or ""))
    return out


def conveners_on(db: Database, day: date) -> tuple[list[Candidate], int | None]:
    """Who may convene on ``day`` and the Tổ trưởng: the Tổ trưởng, or the Tổ phó when the
    group has no Tổ trưởng that day (rule 8, as the core checks it)."""
    members = candidates(db, day, members_only=True)
    leaders = [c for c in members if c.role_label == label(GroupRole.LEADER)]
    offered = leaders or [c for c in members if c.role_label == label(GroupRole.DEPUTY_LEADER)]
    leader = leaders[0].person_id if leaders else None
    return offered, leader


def default_place_text(db: Database) -> str:
    """The place a session takes when none is typed (the standing agency, from the settings)."""
    with db.session() as s:
        return default_place(s) or ""
