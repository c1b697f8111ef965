"""A meeting as its documents print it: plain, NFC, detached data read in one session.

Invitees are printed as they were when invited (the snapshots of name, position and agency), so
an old meeting's documents do not change when people move on; the chair and the secretary as
they were when named on the meeting (its own snapshots, :mod:`..core.meeting_people`) unless on
its list, the agenda's presenters as the list or those name them, else as their item does.
Each of them is a :class:`.meeting_person.Person`, made there from what was read.
Every string is cleaned (NFC, no stray spaces): text typed on macOS or pasted from elsewhere may
arrive decomposed, and a PDF drawn from NFD places the tone marks wrongly.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from ..core.db import Database
from ..core.errors import NotFoundError
from ..core.i18n import tr
from ..core.invitee_papers import INVITED_CATEGORIES
from ..core.meeting_secretary import MEMBER_ROLES, serving_secretary, takes_the_minutes
from ..core.models import (
    CommitteeRole,
    InviteeCategory,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Unit,
)
from ..core.records_on import posts_on
from ..core.tasks_on import handovers_on
from ..core.text import clean
from .agencies import Agencies, agencies_of
from .meeting_person import Named, Person, PersonRow, invitee_of, person_of
from .meeting_queries import meeting_statements
from .wording import written_title

if TYPE_CHECKING:
    from ..core.members import MemberRow

# How the chair's committee role is written after the name ("…, Trưởng Ban Chỉ đạo").
ROLE_TEXT = {
    CommitteeRole.HEAD: "Trưởng Ban Chỉ đạo",
    CommitteeRole.STANDING_DEPUTY_HEAD: "Phó Trưởng ban Thường trực Ban Chỉ đạo",
    CommitteeRole.DEPUTY_HEAD: "Phó Trưởng Ban Chỉ đạo",
    CommitteeRole.STANDING_MEMBER: "Thành viên Thường trực Ban Chỉ đạo",
    CommitteeRole.MEMBER: "Thành viên Ban Chỉ đạo",
    CommitteeRole.SECRETARY: "Thư ký Ban Chỉ đạo",
}

_T = TypeVar("_T")
# What has been read inside :func:`reading_once` (None outside it: every call reads afresh).
_read: ContextVar[dict[Hashable, Any] | None] = ContextVar("meeting_data_read", default=None)


@contextmanager
def reading_once() -> Iterator[None]:
    """Inside, a meeting (and the committee of a day) is read from the database once and the
    same frozen data handed to every build: issuing builds a document twice (a probe before
    the number is taken, then the numbered one), and both must print the same record anyway
    (what was read is what the issue hooks check against)."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def _once(key: Hashable, read: Callable[[], _T]) -> _T:
    memo = _read.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]  # type: ignore[no-any-return]


def committee_on(db: Database, on: date) -> list[MemberRow]:
    """The committee's members on a day (:func:`list_committee`), read once per
    :func:`reading_once`."""
    # Imported here: the members module (and the membership rules behind it) is needed only
    # for a meeting without invitees, not by every document of a meeting.
    from ..core.members import list_committee

    # Without the removal flag: a document never offers to delete a member, and the flag's
    # check read the whole database's invitees and tasks for each letter (about 10 ms at
    # ten years, a sixth of a meeting letter).
    return list(
        _once(
            ("committee", id(db), on),
            lambda: tuple(list_committee(db, on=on, removal_flag=False)),
        )
    )


@dataclass(frozen=True)
class Item:
    title: str
    planned_minutes: int | None
    presenter_short: str  # "Sở Thông tin và Truyền thông" (convocation)
    presenter_long: str  # "Đồng chí Cao Bá Công, Giám đốc Sở …" (agenda table)
    presenter_unit: str
    by_chair: bool
    minutes_text: str


@dataclass(frozen=True)
class TaskData:
    content: str
    unit: str
    member: Person | None
    focal_unit: str
    deadline: date | None


@dataclass(frozen=True)
class ConclusionData:
    text: str
    tasks: tuple[TaskData, ...]


@dataclass(frozen=True)
class MeetingData:
    id: int
    kind: MeetingKind
    title: str
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime | None
    place: str
    chair: Person | None
    chair_role: str
    secretary: Person | None
    invitees: tuple[Person, ...]
    agenda: tuple[Item, ...]
    conclusions: tuple[ConclusionData, ...]
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    closing_text: str = ""
    opening_text: str = ""
    minutes_final: bool = False
    caller: Person | None = None  # who called the meeting (its letters' default signer)
    caller_role: str = ""  # the caller's committee role (a CommitteeRole value) on the day
    # The secretary when they serve the meeting rather than sit on it (the core's rule,
    # :mod:`bdcq_desktop.core.meeting_secretary`); None when none or a member.
    serving_secretary_id: int | None = None
    # The agencies' short names, for positions and typed agencies that name one by it.
    agencies: Agencies = field(default_factory=Agencies, compare=False, repr=False)
    _roster: list[Person] = field(default_factory=list, compare=False, repr=False)

    @property
    def held(self) -> bool:
        return self.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL)

    def takes_the_minutes(self, p: Person) -> bool:
        """True for the meeting's secretary unless a member of the committee in their own
        right: the secretary (thư ký cuộc họp, from the standing agency) serves the meeting,
        is not called to it as a member, and signs the sheet and the minutes as THƯ KÝ. The
        core's rule, the one the application's attendance summary counts by."""
        return takes_the_minutes(p.person_id, self.serving_secretary_id)

    @property
    def delegates(self) -> list[Person]:
        """The invitees the documents list and count (convened, invited, signing in, present):
        all but the secretary serving the meeting (:meth:`takes_the_minutes`)."""
        return [p for p in self.invitees if not self.takes_the_minutes(p)]

    def chairs(self, p: Person) -> bool:
        """True for the invitee who chairs the meeting: its papers name them on their "Chủ trì"
        line, not among those they convene or invite (the core's rule,
        :func:`bdcq_desktop.core.invitee_papers.paper_of`)."""
        return self.chair is not None and p.person_id is not None and (
            p.person_id == self.chair.person_id
        )

    @property
    def invited(self) -> list[Person]:
        """Whom the invitation invites: the called who are no members, but the chair."""
        return [p for p in self.called if p.category in INVITED_CATEGORIES and not self.chairs(p)]

    @property
    def called(self) -> list[Person]:
        """The delegates who were called (convened or invited): all but the walk-ins, who came
        without being called and change nothing a convocation or an invitation says."""
        return [p for p in self.delegates if not p.walk_in]

    def members(self, db: Database) -> list[Person]:
        """The member invitees; a meeting with no invitees yet has the committee of its day.
        The meeting's secretary and the committee's Secretary are no members (see
        :meth:`takes_the_minutes`)."""
        if self.invitees:
            return [p for p in self.called if p.category == InviteeCategory.MEMBER]
        if not self._roster:
            rows = [r for r in committee_on(db, self.starts_at.date()) if r.role in MEMBER_ROLES]
            # Their position and agency at the meeting's start, not today's: the roster keeps
            # neither (the change log does; :mod:`..core.records_on`).
            with db.session() as s:
                people = (r.person_id for r in rows)
                then = posts_on(s.connection(), people, self.starts_at.date(), self.starts_at)
            for r in rows:
                position, unit = then.get(r.person_id, (r.position, r.unit))
                self._roster.append(
                    Person(
                        name=clean(r.full_name),
                        honorific=clean(r.honorific).lower(),
                        position=clean(position),
                        unit=clean(unit),
                        phone=clean(r.phone),
                        person_id=r.person_id,
                    ).known_by(self.agencies)
                )
        return [p for p in self._roster if not self.takes_the_minutes(p)]


def _not_found(meeting_id: int | None) -> NotFoundError:
    return NotFoundError(tr("Không tìm thấy cuộc họp có mã {id}.").format(id=meeting_id))


def meeting_title(db: Database, meeting_id: int | None) -> str:
    with db.session() as s:
        title = s.scalar(select(Meeting.title).where(Meeting.id == meeting_id))
        if title is None:
            raise _not_found(meeting_id)
        return written_title(s, title)


def load_meeting(db: Database, meeting_id: int | None) -> MeetingData:
    """Everything a meeting document prints, read in one session (once per
    :func:`reading_once`)."""
    if meeting_id is None:
        raise _not_found(meeting_id)
    return _once(("meeting", id(db), meeting_id), lambda: _read_meeting(db, meeting_id))


def _as_given(s: Session, rows: list[Row[Any]]) -> list[Any]:
    """The conclusions' tasks with the units the meeting gave them to: a task handed to
    another unit since (:mod:`..core.task_transfer`) names the unit the meeting named, whatever
    the document's date. Every transfer is undone, one dated on the meeting's day too: it came
    after the meeting gave the task (a transfer is never dated before its task was given), and
    the notice and the minutes record what the meeting concluded; a later fact does not rewrite
    them (the notice issued stays in force; the lists and reports of a later day name the new
    unit, "tiếp nhận từ … ngày …")."""
    moved = handovers_on(s.connection(), [t.id for t in rows], date.min)
    before = {tid: h.then for tid, h in moved.items() if h.then}
    if not before:
        return list(rows)
    ids = {v for then in before.values() for k, v in then.items() if k != "assignee_person_id"}
    names = dict(s.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids - {None}))).all())
    out: list[Any] = []
    for t in rows:
        then = before.get(t.id, {})
        changed: dict[str, Any] = {}
        if "assignee_unit_id" in then:
            changed["unit_name"] = names.get(then["assignee_unit_id"])
        if "focal_unit_id" in then:
            changed["focal_unit_name"] = names.get(then["focal_unit_id"])
        if "assignee_person_id" in then:
            changed["assignee_person_id"] = then["assignee_person_id"]
        out.append(SimpleNamespace(**{**t._asdict(), **changed}) if changed else t)
    return out


def _read_meeting(db: Database, meeting_id: int) -> MeetingData:
    # Plain column reads, not ORM objects with eager loaders: the documents need a few columns
    # of each row, and in a fresh process (``bdcq export``) compiling the eager-loading queries
    # and their loaders cost more than drawing the minutes.
    q = meeting_statements()
    by_id = {"meeting_id": meeting_id}
    with db.session() as s:
        m = s.execute(q.meeting, by_id).first()
        if m is None:
            raise _not_found(meeting_id)
        invitees = s.execute(q.invitees, by_id).all()
        items = s.execute(q.items, by_id).all()
        conclusion_rows = s.execute(q.conclusions, by_id).all()
        task_rows: list[Any] = []
        if conclusion_rows:
            task_rows = _as_given(s, s.execute(q.tasks, by_id).all())
        wanted = {m.chair_id, m.secretary_id, m.called_by_id}
        wanted |= {i.person_id for i in invitees}
        wanted |= {a.presenter_person_id for a in items}
        wanted |= {t.assignee_person_id for t in task_rows}
        wanted.discard(None)
        people = {r.id: PersonRow(*r) for r in s.execute(q.people, {"ids": sorted(wanted)})}
        title = written_title(s, m.title, (clean(p.full_name) for p in people.values()))
        chair_role = ""
        if m.chair_id is not None:
            day = m.starts_at.date()
            role = s.scalar(q.chair_role, {"person_id": m.chair_id, "day": day})
            chair_role = ROLE_TEXT.get(role, "") if role else ""
        caller_role = ""
        if m.called_by_id is not None:
            day = m.starts_at.date()
            role = s.scalar(q.chair_role, {"person_id": m.called_by_id, "day": day})
            caller_role = str(role or "")  # a StrEnum: its value
        serving = serving_secretary(s, m.secretary_id, m.starts_at.date())
        agencies = agencies_of(s)

    def known(p: Person) -> Person:
        return p.known_by(agencies)

    # What the meeting recorded of someone, rather than their record of today: their row on
    # its list (what the list prints, so the two agree), else the meeting's own snapshot of
    # its secretary or chair (the secretary is on no list), else a presenter's copy on the
    # agenda item. Only someone named nowhere on the meeting (a caller not invited) is read
    # from the record.
    by_person: dict[int, Row[Any] | Named] = {}
    for pid, position, unit in (
        (m.secretary_id, m.secretary_position_snapshot, m.secretary_unit_snapshot),
        (m.chair_id, m.chair_position_snapshot, m.chair_unit_snapshot),
    ):
        if pid is not None and (position or unit):
            by_person[pid] = Named(position, unit)
    by_person.update({i.person_id: i for i in invitees if i.person_id is not None})
    chair_row = people.get(m.chair_id) if m.chair_id is not None else None
    secretary_row = people.get(m.secretary_id) if m.secretary_id is not None else None
    chair = known(person_of(chair_row, by_person.get(m.chair_id))) if chair_row else None
    secretary_of = by_person.get(m.secretary_id)
    secretary = known(person_of(secretary_row, secretary_of)) if secretary_row else None
    caller_row = people.get(m.called_by_id) if m.called_by_id is not None else None
    caller = known(person_of(caller_row, by_person.get(m.called_by_id))) if caller_row else None
    agenda = []
    for a in items:
        unit = clean(a.unit_name) if a.unit_name is not None else ""
        short = unit
        long = unit
        if a.presenter_name:  # a guest named on the agenda, not on record
            short = long = clean(a.presenter_name)
        presenter = people.get(a.presenter_person_id)
        if presenter is not None:
            # Named elsewhere on the meeting: as there; else as the item copied them.
            named = by_person.get(a.presenter_person_id)
            if named is None and (a.presenter_position_snapshot or a.presenter_unit_snapshot):
                named = Named(a.presenter_position_snapshot, a.presenter_unit_snapshot)
            who = known(person_of(presenter, named))
            long = f"Đồng chí {who.name}" + (f", {who.title}" if who.title else "")
            short = short or who.unit or f"đồng chí {who.name}"
        by_chair = a.presenter_person_id is not None and a.presenter_person_id == m.chair_id
        if by_chair and chair is not None:
            short = "đồng chí chủ trì"
            long = f"Đồng chí {chair.name}, {chair_role or chair.title}"
        agenda.append(
            Item(
                title=clean(a.title),
                planned_minutes=a.planned_minutes,
                presenter_short=short,
                presenter_long=long,
                presenter_unit=unit,
                by_chair=by_chair,
                minutes_text=clean(a.minutes_text, multiline=True),
            )
        )
    tasks_of: dict[int, list[TaskData]] = {}
    for t in task_rows:
        member = people.get(t.assignee_person_id)
        tasks_of.setdefault(t.conclusion_id, []).append(
            TaskData(
                content=clean(t.content),
                unit=clean(t.unit_name) if t.unit_name is not None else "",
                member=known(person_of(member)) if member is not None else None,
                focal_unit=clean(t.focal_unit_name) if t.focal_unit_name is not None else "",
                deadline=t.deadline,
            )
        )
    conclusions = [
        ConclusionData(clean(c.text, multiline=True), tuple(tasks_of.get(c.id, ())))
        for c in conclusion_rows
    ]
    has_minutes = m.minutes_id is not None
    # Late is judged against the actual start once recorded (:func:`..core.held_times.
    # late_arrival`): an arrival before it is printed as on time.
    start = (m.opened_at if has_minutes else None) or m.starts_at
    return MeetingData(
        id=m.id,
        kind=m.kind,
        title=title,
        status=m.status,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        place=clean(m.place),
        chair=chair,
        chair_role=chair_role,
        secretary=secretary,
        invitees=tuple(known(invitee_of(i, people.get(i.person_id), start)) for i in invitees),
        agenda=tuple(agenda),
        conclusions=tuple(conclusions),
        opened_at=m.opened_at if has_minutes else None,
        closed_at=m.closed_at if has_minutes else None,
        closing_text=clean(m.closing_text, multiline=True) if has_minutes else "",
        opening_text=clean(m.opening_text, multiline=True) if has_minutes else "",
        minutes_final=bool(has_minutes and m.is_final),
        caller=caller,
        caller_role=caller_role,
        serving_secretary_id=serving,
        agencies=agencies,
    )
