"""Who is invited to a meeting (thành phần mời): members, the working group, agency heads,
experts and guests, each counted in its own category.

An invitation copies the person's name, position and agency as they are on that day
(``name_snapshot``…): the list of an old meeting keeps the people of its time when they later
move on (a meeting still to come follows corrections to them: :mod:`.named_copies`). A unit
is invited through its head (người đứng đầu), or as the unit alone when it has none on record.
Inviting someone already on the list does nothing, so "invite the whole committee" can be
pressed twice.

Once the meeting's convocation or invitation is issued, inviting someone it would name, or
taking off someone it names, is asked first and, confirmed with
``confirm_after_convocation``, supersedes it in the same transaction
(:mod:`.invitee_papers`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .db import Database
from .errors import ValidationError
from .i18n import tr
from .invitee_papers import after_adding, before_removing, named_in
from .labels import label
from .meeting_rules import PRESENTER_ROLE, label_of, load_for_change, roles_on, touch
from .meeting_secretary import (
    MEMBER_ROLES,
    SECRETARY_LABEL,
    serving_secretary_of,
    takes_the_minutes,
)
from .membership_rules import current_on, roster_key
from .models import (
    CommitteeMembership,
    GroupMembership,
    Invitee,
    InviteeCategory,
    IssuedDocument,
    Meeting,
    Person,
    PersonKind,
    Unit,
)
from .name_case import title_case_name
from .text import fold


@dataclass(frozen=True)
class Invitation:
    """One invitation as a form or a script gives it: exactly one of ``person_id`` (a member,
    an expert, anyone on record), ``unit_id`` (its head is invited) or ``guest_name`` (with
    ``position`` and ``unit_name`` as text). ``category`` is inferred when left out."""

    person_id: int | None = None
    unit_id: int | None = None
    guest_name: str | None = None
    position: str | None = None
    unit_name: str | None = None
    category: InviteeCategory | str | None = None
    presents: bool = False


@dataclass(frozen=True)
class InviteeRow:
    id: int
    order: int
    name: str
    position: str
    unit: str
    category: str
    category_label: str
    person_id: int | None
    unit_id: int | None
    role: str
    presents: bool
    attendance: str
    attendance_label: str
    # The meeting's secretary serving it (:mod:`.meeting_secretary`): listed as recorded, its
    # category_label says so, counted nowhere.
    takes_the_minutes: bool = False
    # Attended without being invited (:mod:`.walk_in`): listed, its category_label says so, and
    # counted apart from the invited (the minutes' "ngoài ra…").
    walk_in: bool = False
    # The ids of the issued convocation or invitation in force that name them (invited before
    # it was issued): taking them off supersedes it, so the window asks first.
    named_in: tuple[int, ...] = ()
    # The short name of the unit ``unit`` names ("BHXH tỉnh"): what a search is typed as.
    unit_short: str = ""


_FIELDS = {f.name for f in fields(Invitation)}


def _bad(n: int, message: str) -> ValidationError:
    return ValidationError(
        "invitees",
        tr("Dòng {n}: {message}").format(n=n, message=message),
        label=label_of("invitees"),
    )


def clean_invitations(items: Sequence[Invitation | Mapping[str, Any]]) -> list[Invitation]:
    out = []
    for n, raw in enumerate(items, start=1):
        if not isinstance(raw, Invitation):
            unknown = sorted(set(raw) - _FIELDS)
            if unknown:
                raise _bad(n, tr("trường không hợp lệ: {names}.").format(names=", ".join(unknown)))
            raw = Invitation(**raw)
        try:
            person = v.positive_int(raw.person_id, "person_id", tr("Người được mời"), minimum=1)
            unit = v.positive_int(raw.unit_id, "unit_id", tr("Cơ quan, đơn vị"), minimum=1)
            guest = v.text(raw.guest_name, "guest_name", tr("Họ và tên khách mời"), max_len=200)
            # A person's name, printed on the convocation's list as names are written.
            guest = title_case_name(guest) if guest else None
            position = v.text(raw.position, "position", tr("Chức vụ"), max_len=200)
            unit_name = v.text(raw.unit_name, "unit_name", tr("Cơ quan, đơn vị"), max_len=200)
            category = v.choice(
                raw.category, InviteeCategory, "category", tr("Thành phần"), required=False
            )
        except ValidationError as exc:
            raise _bad(n, str(exc)) from None
        if sum(x is not None for x in (person, unit, guest)) != 1:
            raise _bad(
                n, tr("ghi đúng một trong: một người, một cơ quan, đơn vị hoặc tên khách mời.")
            )
        out.append(Invitation(person, unit, guest, position, unit_name, category, raw.presents))
    return out


class _Categories:
    """Who each invited person is on the meeting's day (committee member, working group,
    expert, agency head or guest), read for all of them at once: asked person by person, it
    cost three queries each (a committee invited was some 120 statements, round trips on a
    shared PostgreSQL server)."""

    def __init__(self, s: Session, m: Meeting, ids: set[int]) -> None:
        self.members: set[int] = set()
        self.group: set[int] = set()
        self.heads: set[int] = set()
        if not ids:  # every invitation says its category, or invites no one by id
            return
        day = m.starts_at.date()
        # The committee's Secretary (staff serving it) is no member (:mod:`.meeting_secretary`).
        self.members = {p for p, role in roles_on(s, day).items() if role in MEMBER_ROLES}
        self.group = set(
            s.scalars(
                select(GroupMembership.person_id).where(
                    GroupMembership.person_id.in_(ids), current_on(GroupMembership, day)
                )
            )
        )
        self.heads = set(s.scalars(select(Unit.head_id).where(Unit.head_id.in_(ids))))

    def of(self, person: Person) -> InviteeCategory:
        if person.id in self.members:
            return InviteeCategory.MEMBER
        if person.id in self.group:
            return InviteeCategory.WORKING_GROUP
        if person.kind in (PersonKind.EXPERT, PersonKind.SCIENTIST):
            return InviteeCategory.EXPERT
        return InviteeCategory.AGENCY_HEAD if person.id in self.heads else InviteeCategory.GUEST


def _snapshot(inv: Invitee, person: Person) -> None:
    inv.name_snapshot = person.full_name
    inv.position_snapshot = person.position
    inv.unit_snapshot = person.unit.name if person.unit else None


def _already(m: Meeting) -> tuple[set[int], set[int], set[str]]:
    people = {i.person_id for i in m.invitees if i.person_id is not None}
    units = {i.unit_id for i in m.invitees if i.unit_id is not None and i.person_id is None}
    guests = {fold(i.guest_name) for i in m.invitees if i.guest_name and i.person_id is None}
    return people, units, guests


def add_invitations(
    s: Session, m: Meeting, items: list[Invitation], *, namesakes: bool = False
) -> int:
    """Add cleaned invitations to ``m`` inside the caller's transaction; returns how many were
    new (someone already invited is left as they are). The people and units named are read
    in one query each, so the statements do not grow with the invitations. ``namesakes``: a
    guest by a name already on the list is another person (the caller told them apart)."""
    people, units, guests = _already(m)
    if namesakes:
        guests = set()
    person_of = _by_id(
        s, Person, {i.person_id for i in items if i.person_id is not None}, joinedload(Person.unit)
    )
    unit_of = _by_id(
        s,
        Unit,
        {i.unit_id for i in items if i.unit_id is not None},
        joinedload(Unit.head).joinedload(Person.unit),
    )
    categories = _Categories(
        s, m, {i.person_id for i in items if i.person_id is not None and i.category is None}
    )
    position = max((i.position for i in m.invitees), default=0)
    added = 0
    for n, item in enumerate(items, start=1):
        inv = Invitee(category=InviteeCategory.GUEST)
        if item.person_id is not None:
            person = person_of.get(item.person_id)
            if person is None:
                raise _bad(n, tr("không có ID người {id}.").format(id=item.person_id))
            if person.id in people:
                continue
            inv.person_id = person.id
            _snapshot(inv, person)
            inv.category = item.category or categories.of(person)
            people.add(person.id)
        elif item.unit_id is not None:
            unit = unit_of.get(item.unit_id)
            if unit is None:
                raise _bad(n, tr("không có cơ quan, đơn vị có mã {id}.").format(id=item.unit_id))
            head = unit.head
            if (head is not None and head.id in people) or (head is None and unit.id in units):
                continue
            inv.unit_id = unit.id
            inv.category = item.category or InviteeCategory.AGENCY_HEAD
            if head is not None:
                inv.person_id = head.id
                _snapshot(inv, head)
                people.add(head.id)
            else:
                units.add(unit.id)
            # The agency is the one invited, whatever the head's own record says.
            inv.unit_snapshot = unit.name
        else:
            key = fold(item.guest_name)
            if key in guests:
                continue
            inv.guest_name = item.guest_name
            inv.name_snapshot = item.guest_name
            inv.position_snapshot = item.position
            inv.unit_snapshot = item.unit_name
            inv.category = item.category or InviteeCategory.GUEST
            guests.add(key)
        inv.role = PRESENTER_ROLE if item.presents else None
        position += 1
        inv.position = position
        m.invitees.append(inv)
        added += 1
    return added


def invite_named(
    s: Session, m: Meeting, *, chair: bool = False, presenters: bool = False
) -> list[Invitee]:
    """Put the chair of ``m`` (``chair``) and the people presenting its agenda items
    (``presenters``) on its list when not on it, inside the caller's transaction; returns the
    rows added (none for a meeting without a list yet). The rule and when it applies:
    :mod:`.named_invitees`; the caller decides whether the meeting is still open to
    invitations."""
    if not m.invitees:
        return []
    wanted: list[Invitation] = []
    if chair and m.chair_id is not None:
        wanted.append(Invitation(person_id=m.chair_id))
    if presenters:
        serving = serving_secretary_of(s, m)
        for item in sorted(m.agenda, key=lambda a: (a.position, a.id or 0)):
            person = item.presenter_person_id
            if person is None or person == serving:
                continue
            # The chair presenting (the closing conclusions) chairs: no "Báo cáo viên".
            wanted.append(Invitation(person_id=person, presents=person != m.chair_id))
    if not wanted:
        return []
    known = len(m.invitees)
    add_invitations(s, m, wanted)  # someone already invited is left as they are
    return list(m.invitees[known:])


def _by_id(s: Session, model: Any, ids: set[int], option: Any) -> dict[int, Any]:
    """The rows of ``model`` with these ids, by id, read in one query (none when no ids)."""
    if not ids:
        return {}
    rows = s.scalars(select(model).where(model.id.in_(ids)).options(option))
    return {row.id: row for row in rows}


def committee_invitations(s: Session, m: Meeting) -> list[Invitation]:
    """Every member on the committee's roster of the meeting's day, by rank: the Head, the
    Deputy Heads, the Standing Member and the members. The committee's Secretary is staff who
    serves the meeting (its secretary, set on the meeting), not a member to convene
    (:mod:`.meeting_secretary`)."""
    day = m.starts_at.date()
    rows = s.execute(
        select(
            CommitteeMembership.person_id,
            CommitteeMembership.role,
            CommitteeMembership.sort_order,
            Person.full_name,
            CommitteeMembership.id,
        )
        .join(Person, Person.id == CommitteeMembership.person_id)
        .where(
            current_on(CommitteeMembership, day), CommitteeMembership.role.in_(MEMBER_ROLES)
        )
    ).all()
    # The official roster order, the same as the printed roster and the members tab.
    rows.sort(key=lambda r: roster_key("committee", r.role, r.sort_order, r.full_name, r.id))
    return [Invitation(person_id=r.person_id, category=InviteeCategory.MEMBER) for r in rows]


def _invite(
    s: Session, m: Meeting, items: list[Invitation], *, confirm_after_convocation: bool
) -> int:
    """Add ``items``; those an issued paper would name are asked about first
    (:func:`.invitee_papers.after_adding`). The first invitations make the list: the meeting's
    chair and presenters go on it with them (:mod:`.named_invitees`); counted as added."""
    known = len(m.invitees)
    added = add_invitations(s, m, items)
    if known == 0:
        added += len(invite_named(s, m, chair=True, presenters=True))
    after_adding(s, m, m.invitees[known:], confirmed=confirm_after_convocation)
    touch(s, m)
    return added


def invite_committee(
    db: Database,
    meeting_id: int,
    *,
    expected_version: int | None,
    confirm_after_convocation: bool = False,
) -> int:
    """Invite every current committee member (one call); returns how many were added. With
    the convocation issued, a member it does not name is asked first
    (:class:`.errors.IssuedConvocationWarning`) and, confirmed, supersedes it."""
    with db.session() as s:
        m = load_for_change(s, meeting_id, expected_version, open_only=True)
        return _invite(
            s, m, committee_invitations(s, m), confirm_after_convocation=confirm_after_convocation
        )


def invite(
    db: Database,
    meeting_id: int,
    invitations: Sequence[Invitation | Mapping[str, Any]],
    *,
    expected_version: int | None,
    confirm_after_convocation: bool = False,
) -> int:
    """Invite people, units (their heads), experts and guests in one call; returns how many
    were added. With the convocation (a member) or the invitation (anyone else) issued,
    someone it would name is asked first (:class:`.errors.IssuedConvocationWarning`) and,
    confirmed with ``confirm_after_convocation``, supersedes it in the same transaction, so
    the corrected one names them (:mod:`.invitee_papers`)."""
    cleaned = clean_invitations(invitations)
    with db.session() as s:
        m = load_for_change(s, meeting_id, expected_version, open_only=True)
        return _invite(s, m, cleaned, confirm_after_convocation=confirm_after_convocation)


def _pick(m: Meeting, invitee_ids: Sequence[int]) -> list[Invitee]:
    mine = {i.id: i for i in m.invitees}
    missing = [str(i) for i in invitee_ids if i not in mine]
    if missing:
        raise ValidationError(
            "invitees",
            tr("Không có người được mời mã {ids} trong cuộc họp này.").format(
                ids=", ".join(missing)
            ),
            label=label_of("invitees"),
        )
    return [mine[i] for i in invitee_ids]


def remove_invitees(
    db: Database,
    meeting_id: int,
    invitee_ids: Sequence[int],
    *,
    expected_version: int | None,
    confirm_after_convocation: bool = False,
) -> int:
    """Take people off the list of a meeting not yet held; returns the new version. Someone
    an issued convocation or invitation names is asked first
    (:class:`.errors.IssuedConvocationWarning`) and, confirmed, supersedes it; someone invited
    after it was issued is not on it, and asks nothing (:mod:`.invitee_papers`)."""
    with db.session() as s:
        m = load_for_change(s, meeting_id, expected_version, open_only=True)
        gone = _pick(m, invitee_ids)
        before_removing(s, m, gone, confirmed=confirm_after_convocation)
        for inv in gone:
            m.invitees.remove(inv)
        for n, inv in enumerate(sorted(m.invitees, key=lambda i: (i.position, i.id)), start=1):
            inv.position = n
        return touch(s, m)


def mark_presenters(
    db: Database, meeting_id: int, invitee_ids: Sequence[int], *, expected_version: int | None
) -> int:
    """Mark who presents (báo cáo viên): exactly the invitees of ``invitee_ids``; returns the
    new version."""
    with db.session() as s:
        m = load_for_change(s, meeting_id, expected_version, open_only=True)
        chosen = {i.id for i in _pick(m, invitee_ids)}
        for inv in m.invitees:
            if inv.id in chosen:
                inv.role = PRESENTER_ROLE
            elif inv.role == PRESENTER_ROLE:
                inv.role = None
        return touch(s, m)


def invitee_rows(
    m: Meeting, serving: int | None, issued: Sequence[IssuedDocument] = ()
) -> list[InviteeRow]:
    """The list as invited (snapshots first, the record's current values only where no
    snapshot was taken); ``m`` is loaded with its invitees, their people and units. ``serving``
    is the meeting's serving secretary (:func:`.meeting_secretary.serving_secretary_of`): their
    row, if any, is marked and labelled, not left out (the list stays as recorded).
    ``issued``: its convocation and invitation in force, which say whom they name."""
    rows = []
    for n, i in enumerate(sorted(m.invitees, key=lambda i: (i.position, i.id)), start=1):
        p, u = i.person, i.unit
        name = i.name_snapshot or (p.full_name if p else "") or i.guest_name or ""
        serves = takes_the_minutes(i.person_id, serving)
        if not name and u is not None:
            name = tr("Lãnh đạo {unit}").format(unit=u.name)
        rows.append(
            InviteeRow(
                id=i.id,
                order=n,
                name=name,
                position=i.position_snapshot or (p.position if p else "") or "",
                unit=i.unit_snapshot or (u.name if u else "") or "",
                category=i.category.value,
                category_label=_category_label(i, serves),
                person_id=i.person_id,
                unit_id=i.unit_id,
                role=i.role or "",
                presents=i.role == PRESENTER_ROLE,
                attendance=i.attendance.value,
                attendance_label=label(i.attendance),
                takes_the_minutes=serves,
                walk_in=i.walked_in_at is not None,
                named_in=named_in(m, i, issued, serving),
                unit_short=_unit_short(i, i.unit_snapshot or (u.name if u else "")),
            )
        )
    return rows


def _unit_short(i: Invitee, unit: str) -> str:
    """The short name of ``unit``, the agency a row names: the invited unit's, or the person's
    own unit's while it is still the one named (a person who moved on keeps the old name)."""
    for candidate in (i.unit, i.person.unit if i.person else None):
        if candidate is not None and candidate.name == unit:
            return candidate.short_name or ""
    return ""


def _category_label(i: Invitee, serves: bool) -> str:
    if serves:
        return tr(SECRETARY_LABEL)
    if i.walked_in_at is not None:
        # On the list, not called: the list says so next to the group they are counted in.
        return tr("{category} (không theo giấy mời)").format(category=label(i.category))
    return label(i.category)
