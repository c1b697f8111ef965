"""One meeting read whole for its tab: the frozen :class:`MeetingDetail` (agenda, invitees,
attendance, notes, minutes, conclusions, issued documents) and :func:`get_meeting` that builds it
in one session. Split from :mod:`.meetings`, which re-exports these names; this module never
imports it back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .agenda import AgendaLine, AgendaRow, agenda_rows, overrun_warning
from .attendance import AttendanceRow, rows_of
from .attendance_summary import AttendanceSummary, summarise
from .conclusions import ConclusionRow, conclusion_rows
from .db import Database
from .i18n import tr
from .invitee_papers import CONVENING_KINDS
from .invitees import InviteeRow, invitee_rows
from .issued_changes import in_force
from .item_notes import ItemNotes
from .labels import label
from .meeting_rules import OPEN_STATUSES, load_meeting, roles_on, roles_problem
from .meeting_secretary import serving_id
from .minutes_history import MinutesInfo, minutes_info
from .models import InviteeCategory, IssuedDocument, MeetingStatus, Person

__all__ = [
    "DocumentRef",
    "MeetingDetail",
    "PersonRef",
    "get_meeting",
    "load_meeting",
    "meeting_documents",
]


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    role_label: str  # committee role on the meeting's day ("" when not on the committee)


@dataclass(frozen=True)
class DocumentRef:
    id: int
    kind: str  # convocation, invitation, minutes…
    number: int
    symbol: str  # 05/GTT-BCĐ
    issued_on: date
    # Set when it stopped being in force (minutes reopened, a convocation whose meeting moved:
    # :mod:`.issued_changes`); it stays listed under its number.
    superseded_on: date | None = None
    # The issue of the same kind after it, which replaced it ("" when none is issued yet: the
    # corrected paper prints "thay thế" the latest superseded one, :mod:`..documents.replaces`).
    replaced_by: str = ""

    @property
    def standing(self) -> str:
        """``""`` in force; ``Đã bị thay thế bởi 08/GTT-BCĐ``; ``Hết hiệu lực ngày 30/11/2026``
        (none issued after it yet)."""
        if self.superseded_on is None:
            return ""
        if self.replaced_by:
            return tr("Đã bị thay thế bởi {symbol}").format(symbol=self.replaced_by)
        return tr("Hết hiệu lực ngày {day}").format(day=f"{self.superseded_on:%d/%m/%Y}")


@dataclass(frozen=True)
class MeetingDetail:
    id: int
    uid: str
    kind: str
    kind_label: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    status: str
    status_label: str
    chair: PersonRef | None
    chair_delegated_by: PersonRef | None
    secretary: PersonRef | None
    called_by: PersonRef | None
    proposed_by: PersonRef | None
    notes: str
    cancel_reason: str
    version: int
    agenda: tuple[AgendaRow, ...]
    invitees: tuple[InviteeRow, ...]
    counts: Mapping[str, int]  # invitees by category code (not the serving secretary)
    documents: tuple[DocumentRef, ...]
    agenda_warning: str | None
    can_delete: bool
    can_cancel: bool
    # Holding the meeting (core.attendance, core.live_notes, core.minutes_text, core.conclusions).
    attendance: tuple[AttendanceRow, ...] = ()
    attendance_summary: AttendanceSummary | None = None
    item_notes: tuple[ItemNotes, ...] = ()  # live notes per agenda item, with their versions
    minutes: MinutesInfo | None = None
    conclusions: tuple[ConclusionRow, ...] = ()
    # An open meeting whose chair, caller or proposer lost the role on its day (roster change).
    roles_warning: str | None = None

    def agenda_lines(self) -> list[AgendaLine]:
        """The agenda as editable lines (for :func:`.agenda.set_agenda`)."""
        return [r.as_line() for r in self.agenda]


def meeting_documents(s: Session, meeting_id: int) -> tuple[DocumentRef, ...]:
    rows = s.scalars(
        select(IssuedDocument)
        .where(IssuedDocument.record_type == "meeting", IssuedDocument.record_id == meeting_id)
        .order_by(IssuedDocument.issued_on, IssuedDocument.id)
    )
    docs = list(rows)

    def replaced_by(n: int) -> str:
        d = docs[n]
        if d.superseded_at is None:
            return ""
        later = (x for x in docs[n + 1 :] if x.kind == d.kind)
        return next((x.symbol for x in later), "")

    return tuple(
        DocumentRef(
            d.id,
            d.kind,
            d.number,
            d.symbol,
            d.issued_on,
            d.superseded_at.date() if d.superseded_at else None,
            replaced_by(n),
        )
        for n, d in enumerate(docs)
    )


def get_meeting(db: Database, meeting_id: int) -> MeetingDetail:
    """One meeting with everything its tab shows, read in one session."""
    with db.session() as s:
        m = load_meeting(s, meeting_id)
        roles = roles_on(s, m.starts_at.date())

        def ref(person_id: int | None) -> PersonRef | None:
            p = s.get(Person, person_id) if person_id is not None else None
            if p is None:
                return None
            return PersonRef(p.id, p.full_name, label(roles.get(p.id)))

        agenda = tuple(agenda_rows(s, m))
        serving = serving_id(m.secretary_id, roles.get(m.secretary_id or 0))
        issued = in_force(s, "meeting", m.id, CONVENING_KINDS)
        invitees = tuple(invitee_rows(m, serving, issued))
        counts = {c.value: 0 for c in InviteeCategory}
        for i in invitees:
            # The invited, as the minutes count them: a walk-in was not called.
            counts[i.category] += not (i.takes_the_minutes or i.walk_in)
        documents = meeting_documents(s, m.id)
        attendance = tuple(rows_of(m, serving))
        return MeetingDetail(
            id=m.id,
            uid=m.uid,
            kind=m.kind.value,
            kind_label=label(m.kind),
            title=m.title,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            place=m.place or "",
            status=m.status.value,
            status_label=label(m.status),
            chair=ref(m.chair_id),
            chair_delegated_by=ref(m.chair_delegated_by_id),
            secretary=ref(m.secretary_id),
            called_by=ref(m.called_by_id),
            proposed_by=ref(m.proposed_by_id),
            notes=m.notes or "",
            cancel_reason=m.cancel_reason or "",
            version=m.version,
            agenda=agenda,
            invitees=invitees,
            counts=counts,
            documents=documents,
            agenda_warning=overrun_warning(m.ends_at, agenda),
            can_delete=m.status == MeetingStatus.PLANNED and not documents,
            can_cancel=m.status in OPEN_STATUSES,
            attendance=attendance,
            attendance_summary=summarise(attendance),
            item_notes=tuple(
                ItemNotes(a.id, n, a.title, a.minutes_text or "", a.version)
                for n, a in enumerate(sorted(m.agenda, key=lambda a: (a.position, a.id)), 1)
            ),
            minutes=minutes_info(s, m.id),
            conclusions=conclusion_rows(s, m.id, date.today()),
            roles_warning=roles_problem(s, m),
        )
