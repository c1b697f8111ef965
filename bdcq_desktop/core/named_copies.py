"""The copies a record keeps of the people it names follow corrections to them until its papers
name them (headless).

A meeting keeps copies of the people it names, so that its papers keep the people of its time:
an invitee's name, position and agency (:mod:`.invitees`), its chair's and secretary's
position and agency, an agenda presenter's (:mod:`.meeting_people`); a working session its
participants' (:mod:`.session_people`) and its convener's. Taken once, a copy of a meeting
planned for next week kept a post typed wrongly, or held before a promotion, and the
convocation still to be issued printed it after the officer had corrected the person.

The rule. When a person's record (name, position, agency) or a unit's name is corrected
through the core, the same transaction rewrites the copies of them on every record that has
not yet taken place and has issued nothing printing them:

- a meeting still planned or convened (:data:`.meeting_rules.OPEN_STATUSES`) whose start is
  after the moment of the edit (the local clock meetings are kept in). A meeting held, its
  minutes final or cancelled, or whose start has passed even if nobody recorded it held yet,
  keeps the people of its day;
- a working session whose first day is after the day of the edit (one starting today is under
  way);
- and whose register holds no document printing that person. Every paper of a meeting prints
  a person from one copy (its list's row, else the chair's or secretary's copy, else the
  agenda item's: :mod:`..documents.meeting_data`), so once one issued document prints them,
  every copy of them on that meeting stays: the papers still to come (the agenda after the
  convocation) name them as the issued one does, and the issued PDF keeps matching its
  record. The calling letters print their chair, their secretary (the contact line) and the
  presenters, and of the list only those they call: the convocation the members, the
  invitation everyone else; any other document of a meeting prints everyone it names. A
  session's convocation prints every participant and its convener: any document issued for
  a session keeps all its copies.

A copy changes field by field, and only where it still reads what the record said before the
edit: a copy that says something else (an expert's agency typed as text, the agency invited in
place of its head's own unit, a copy older than an earlier edit) was not taken from that value
and is left alone. The rewritten rows are logged by the audit hook like any edit, and the
record's version is bumped so that a dialog showing it, or a document being issued from it,
reads it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .locking import touch
from .meeting_rules import OPEN_STATUSES
from .models import (
    InviteeCategory,
    IssuedDocument,
    Meeting,
    Person,
    Unit,
    WorkingSession,
)

# The fields a copy holds, in the order of :class:`Post`.
FIELDS = ("name", "position", "unit")


@dataclass(frozen=True)
class Post:
    """What a person's record says, as copies take it: name, position, agency's name."""

    name: str | None
    position: str | None
    unit: str | None


def post_of(s: Session, p: Person) -> Post:
    """``p``'s record as a copy would take it now (its unit read by id: a unit just changed is
    not yet the relationship's)."""
    unit = s.get(Unit, p.unit_id) if p.unit_id is not None else None
    return Post(p.full_name, p.position, unit.name if unit is not None else None)


@dataclass(frozen=True)
class _Copy:
    """One copy on a record: whose (a person's id, or the invitee row of someone on no
    record), the row holding it, the attribute of each field it keeps (None: not kept
    there), and how the record's documents print it (``called``: the invitee's category for
    the calling letters; None: the chair, the secretary, a presenter, whom they all print).
    ``agency``: an agency invited through its head, whose unit copy names the agency invited,
    whatever the head's own record says (:func:`.invitees.add_invitations`): only renaming
    the agency reaches it."""

    holder: int | tuple[str, int]
    row: object
    attrs: dict[str, str | None]
    called: InviteeCategory | None = None
    agency: bool = False


# Where an invitee and a session participant keep their copy.
_ALL_THREE: dict[str, str | None] = {
    "name": "name_snapshot",
    "position": "position_snapshot",
    "unit": "unit_snapshot",
}


def _meeting_copies(m: Meeting) -> Iterator[_Copy]:
    for i in m.invitees:
        yield _Copy(
            i.person_id if i.person_id is not None else ("invitee", i.id),
            i,
            _ALL_THREE,
            i.category,
            agency=i.unit_id is not None,
        )
    for role in ("chair", "secretary"):
        person_id = getattr(m, f"{role}_id")
        if person_id is not None:
            yield _Copy(person_id, m, _pair(role))
    for a in m.agenda:
        if a.presenter_person_id is not None:
            yield _Copy(a.presenter_person_id, a, _pair("presenter"))


def _session_copies(w: WorkingSession) -> Iterator[_Copy]:
    for p in w.participants:
        yield _Copy(p.person_id, p, _ALL_THREE)
    if w.convened_by_id is not None:
        yield _Copy(w.convened_by_id, w, _pair("convener"))


def _pair(prefix: str) -> dict[str, str | None]:
    return {
        "name": None,
        "position": f"{prefix}_position_snapshot",
        "unit": f"{prefix}_unit_snapshot",
    }


# Whom each calling letter of a meeting calls from its list; any other kind of a meeting's
# documents prints everyone the meeting names (see the module's docstring).
_CALLS: dict[str, Callable[[InviteeCategory], bool]] = {
    "convocation": lambda category: category == InviteeCategory.MEMBER,
    "invitation": lambda category: category != InviteeCategory.MEMBER,
}


def _prints(kind: str, copy: _Copy) -> bool:
    calls = _CALLS.get(kind)
    return calls is None or copy.called is None or calls(copy.called)


def _issued(s: Session, record_type: str, ids: Sequence[int]) -> dict[int, list[str]]:
    """The kinds of the documents issued for each of these records (superseded ones too: their
    PDFs stay in the register)."""
    out: dict[int, list[str]] = {}
    if ids:
        rows = s.execute(
            select(IssuedDocument.record_id, IssuedDocument.kind).where(
                IssuedDocument.record_type == record_type, IssuedDocument.record_id.in_(ids)
            )
        )
        for record_id, kind in rows:
            out.setdefault(record_id, []).append(kind)
    return out


@dataclass(frozen=True)
class Correction:
    """A correction copies follow: ``person_id``'s record from ``before`` to ``after``, or
    (``person_id`` None) a unit renamed, the names in the ``unit`` fields."""

    person_id: int | None
    before: Post
    after: Post

    def applies(self, copy: _Copy, field: str) -> bool:
        """Whether this correction reaches ``copy``'s ``field``."""
        attr = copy.attrs[field]
        if attr is None or getattr(self.before, field) == getattr(self.after, field):
            return False
        if self.person_id is None:  # a unit renamed: whoever's copy names it
            return field == "unit"
        return copy.holder == self.person_id and not (field == "unit" and copy.agency)


def _apply(copies: list[_Copy], frozen: set[object], corrections: Sequence[Correction]) -> bool:
    """Rewrite the copies not ``frozen`` that read what a correction changed; True if any
    did."""
    changed = False
    for copy in copies:
        if copy.holder in frozen:
            continue
        for field in FIELDS:
            for c in corrections:
                if not c.applies(copy, field):
                    continue
                attr = copy.attrs[field]
                assert attr is not None  # applies() said so
                if getattr(copy.row, attr) == getattr(c.before, field):
                    setattr(copy.row, attr, getattr(c.after, field))
                    changed = True
    return changed


def follow(s: Session, corrections: Sequence[Correction], now: datetime | None = None) -> int:
    """Rewrite, inside the caller's transaction (after the edit is flushed), the copies the
    rule of this module lets follow ``corrections``; returns how many records changed."""
    corrections = [
        c for c in corrections if any(getattr(c.before, f) != getattr(c.after, f) for f in FIELDS)
    ]
    if not corrections:
        return 0
    moment = now or datetime.now()
    # Held until the commit (PostgreSQL): a document issued meanwhile waits for this edit
    # and finds the record's version changed; SQLite's write lock is this edit's already.
    meetings = list(
        s.scalars(
            select(Meeting)
            .where(Meeting.status.in_(OPEN_STATUSES), Meeting.starts_at > moment)
            .options(selectinload(Meeting.invitees), selectinload(Meeting.agenda))
            .with_for_update(of=Meeting)
        )
    )
    sessions = list(
        s.scalars(
            select(WorkingSession)
            .where(WorkingSession.starts_on > moment.date())
            .options(selectinload(WorkingSession.participants))
            .with_for_update(of=WorkingSession)
        )
    )
    changed = 0
    issued = _issued(s, "meeting", [m.id for m in meetings])
    for m in meetings:
        copies = list(_meeting_copies(m))
        kinds = issued.get(m.id, [])
        frozen = {c.holder for c in copies for kind in kinds if _prints(kind, c)}
        if _apply(copies, frozen, corrections):
            touch(m)
            changed += 1
    issued = _issued(s, "session", [w.id for w in sessions])
    for w in sessions:
        copies = list(_session_copies(w))
        frozen = {c.holder for c in copies} if w.id in issued else set()
        if _apply(copies, frozen, corrections):
            touch(w)
            changed += 1
    return changed
