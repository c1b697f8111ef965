"""A working-group session as its documents print it, read once per build (:mod:`.wg_docs`).

Who convenes and chairs (rule 8), who takes part (or, none recorded yet, the group of the
first day), the drafts produced and the convocation issued, each with the names as recorded
for the session: a participant as added, a convener taking no part as named on the session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from ..core.days_off import working_days
from ..core.db import Database
from ..core.i18n import tr
from ..core.labels import label
from ..core.membership_rules import current_on
from ..core.models import (
    AttendanceStatus,
    GroupMembership,
    GroupRole,
    IssuedDocument,
    OutputStatus,
    ParticipantRole,
    Person,
    SessionParticipant,
    SessionPurpose,
    WorkingSession,
)
from ..core.records_on import posts_on
from ..core.session_list import is_expert, role_label
from ..core.session_summary import days_of_session
from ..core.standing_agency import agency_and_address
from ..core.working_group import PARTICIPANT_ORDER, group_members_on, participant_role
from .agencies import Agencies, agencies_of
from .kinds import require
from .text import format_date, nfc
from .wording import written_title

# The group's role of whoever chairs a session, by their role in it (rule 8).
_CHAIR_ROLE = {
    ParticipantRole.LEADER: GroupRole.LEADER,
    ParticipantRole.DEPUTY_LEADER: GroupRole.DEPUTY_LEADER,
}


@dataclass(frozen=True)
class _Participant:
    person_id: int | None
    name: str
    position: str
    unit: str
    role: ParticipantRole
    attendance: AttendanceStatus
    absence_reason: str
    days_present: int | None
    # From outside the group: an expert or scientist the session mobilised (else an invited
    # official or guest, "Đại biểu mời"), and the role as the pane shows it.
    expert: bool = False
    role_label: str = ""
    days: tuple[dt.date, ...] = ()  # the days present (a partial absence: the others)


@dataclass(frozen=True)
class _Output:
    kind: SessionPurpose
    title: str
    version: str
    status: OutputStatus


@dataclass(frozen=True)
class SessionData:
    id: int
    title: str
    purpose: SessionPurpose
    starts_on: dt.date
    ends_on: dt.date
    place: str
    leader: str
    leader_position: str
    leader_id: int | None
    leader_role: GroupRole | None  # on the session's first day
    participants: list[_Participant]
    outputs: list[_Output]
    result_summary: str
    # "Giấy triệu tập số 05/GTT-BCĐ ngày 20 tháng 12 năm 2024" when one is issued and in force
    convocation: str
    working_days: tuple[dt.date, ...] = ()  # by the days-off calendar (core.days_off)
    # The days worked: those, and any day off someone was present (a Saturday worked), as
    # the session's figures count them (core.session_summary.days_of_session).
    days_worked: tuple[dt.date, ...] = ()
    # The units' short names: a participant's position and agency print as the meeting
    # documents print them (:class:`.agencies.Agencies`).
    agencies: Agencies = field(default_factory=Agencies, compare=False, repr=False)

    def title_of(self, p: _Participant) -> str:
        """``p``'s position and agency for the documents."""
        return self.agencies.title(p.position, p.unit)


def _person_fields(p: Person | None) -> tuple[str, str, str]:
    if p is None:
        return "", "", ""
    return p.full_name, p.position or "", p.unit.name if p.unit else ""


def load_session(db: Database, session_id: int | None) -> SessionData:
    with db.session() as s:
        w = (
            s.get(
                WorkingSession,
                session_id,
                options=[
                    selectinload(WorkingSession.participants)
                    .joinedload(SessionParticipant.person)
                    .joinedload(Person.unit),
                    selectinload(WorkingSession.participants).selectinload(
                        SessionParticipant.days
                    ),
                    selectinload(WorkingSession.outputs),
                    joinedload(WorkingSession.convened_by).joinedload(Person.unit),
                ],
            )
            if session_id is not None
            else None
        )
        require(w, tr("phiên làm việc của Tổ công tác"), session_id)
        assert w is not None
        participants = []
        for sp in w.participants:
            name, position, unit = _person_fields(sp.person)
            participants.append(
                _Participant(
                    person_id=sp.person_id,
                    name=sp.name_snapshot or name,
                    position=sp.position_snapshot or position,
                    unit=sp.unit_snapshot or unit,
                    role=sp.role,
                    attendance=sp.attendance,
                    absence_reason=sp.absence_reason or "",
                    days_present=sp.days_present,
                    expert=is_expert(sp),
                    role_label=role_label(sp),
                    days=tuple(d.day for d in sp.days),
                )
            )
        if not participants:
            participants = _group_roster(s, w.starts_on)
        participants.sort(key=lambda p: PARTICIPANT_ORDER[p.role])
        agencies = agencies_of(s)
        # Who convenes and chairs: the Tổ trưởng taking part, else the recorded convener (a
        # Tổ phó on a day the group has no Tổ trưởng, rule 8), else the Tổ phó taking part.
        leader = next((p for p in participants if p.role == ParticipantRole.LEADER), None)
        if leader is None and w.convened_by is None:
            leader = next(
                (p for p in participants if p.role == ParticipantRole.DEPUTY_LEADER), None
            )
        if leader is not None:
            leader_name, leader_position = (
                leader.name,
                agencies.title(leader.position, leader.unit),
            )
            leader_id, leader_role = leader.person_id, _CHAIR_ROLE[leader.role]
        else:
            # A convener taking no part: as copied when named on the session, not as today.
            name, position, unit = _person_fields(w.convened_by)
            if w.convener_position_snapshot or w.convener_unit_snapshot:
                position = w.convener_position_snapshot or position
                unit = w.convener_unit_snapshot or unit
            leader_name, leader_position = name, agencies.title(position, unit)
            leader_id = w.convened_by_id
            leader_role = (
                group_members_on(s, w.starts_on).get(leader_id) if leader_id is not None else None
            )
        place = w.place or ""
        if not place:
            # The standing agency of the session's first day, where it met.
            place = ", ".join(x for x in agency_and_address(s, w.starts_on) if x)
        issued = s.scalars(
            select(IssuedDocument)
            .where(
                IssuedDocument.kind == "wg-convocation",
                IssuedDocument.record_type == "session",
                IssuedDocument.record_id == w.id,
                # One superseded by a later change to the session (new days, people removed)
                # no longer stands: the report cites the corrected one, or the regulation.
                IssuedDocument.superseded_at.is_(None),
            )
            .order_by(IssuedDocument.id.desc())
        ).first()
        calendar_days = working_days(s, w.starts_on, w.ends_on)
        return SessionData(
            id=w.id,
            title=written_title(s, w.title),
            purpose=w.purpose,
            starts_on=w.starts_on,
            ends_on=w.ends_on,
            place=nfc(place),
            leader=nfc(leader_name),
            leader_position=nfc(leader_position),
            leader_id=leader_id,
            leader_role=leader_role,
            participants=participants,
            outputs=[
                _Output(o.kind, nfc(o.title), o.version_label or "", o.status) for o in w.outputs
            ],
            result_summary=nfc(w.result_summary or ""),
            convocation=(
                # Cited as running text cites a document (as the annex note does):
                # "ngày 15 tháng 4 năm 2026", not "ngày 15/04/2026".
                f"Giấy triệu tập số {issued.symbol} {format_date(issued.issued_on)}"
                if issued
                else ""
            ),
            working_days=calendar_days,
            days_worked=days_of_session(
                calendar_days, (d for p in participants for d in p.days)
            ),
            agencies=agencies,
        )


def _group_roster(s: Session, day: dt.date) -> list[_Participant]:
    """No participants recorded yet: the convocation goes to the working group of the
    session's first day."""
    rows = s.scalars(
        select(GroupMembership)
        .options(joinedload(GroupMembership.person).joinedload(Person.unit))
        .where(current_on(GroupMembership, day))
        .order_by(GroupMembership.sort_order, GroupMembership.id)
    ).unique()
    rows = list(rows)
    # Their position and agency as the first day began, not today's (:mod:`..core.records_on`).
    start = dt.datetime.combine(day, dt.time.min)
    then = posts_on(s.connection(), (m.person_id for m in rows), day, start)
    out = []
    not_recorded = (AttendanceStatus.UNKNOWN, "", None)
    for m in rows:
        name, position, unit = _person_fields(m.person)
        if m.person_id in then:
            position, unit = (x or "" for x in then[m.person_id])
        role = participant_role(m.role)  # a Tổ phó is listed as such, not as a member
        out.append(
            _Participant(
                m.person_id, name, position, unit, role, *not_recorded, role_label=label(role)
            )
        )
    return out
