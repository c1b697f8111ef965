"""People and memberships of the committee and the working group (headless).

People (create, update, delete when without history, experts) and the rosters live here; the
appointment rules (appoint, end, reorganise, the responsibility matrix) live in
:mod:`.memberships` and are re-exported so front ends import everything from ``members``.

This module shows the pattern every area follows (see :mod:`bdcq_desktop.core`): a list call
returns frozen rows carrying what the screen needs (``has_history`` included, from the same
query), and each dialog's save is one call here (:func:`appoint_new`, :func:`update_member`)
that validates everything, then writes it in one session with the versions the dialog read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select, union
from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .db import Database
from .errors import (
    BcdError,
    ConfirmationRequired,
    DuplicatePositionWarning,
    NotFoundError,
    ValidationError,
)
from .i18n import tr
from .labels import label
from .locking import check_version, flush
from .member_removal import deletable, delete_mistaken_member, removal_blockers
from .membership_rules import END_DATE_LABEL, current_on, is_current, roster_key
from .memberships import (
    GROUP_RANK,
    ROLE_RANK,
    UNASSIGNED,
    Matrix,
    NewAppointment,
    Reorganisation,
    ReorganisationResult,
    appoint,
    appoint_in,
    clean_appointment,
    clean_correction,
    end_membership,
    membership_model,
    parse_role,
    reorganise,
    responsibility_matrix,
    update_membership,
    update_membership_in,
)
from .models import (
    AgendaItem,
    CommitteeMembership,
    GroupMembership,
    Honorific,
    Invitee,
    Meeting,
    Person,
    PersonKind,
    SessionParticipant,
    Task,
    Unit,
    WorkingSession,
)
from .text import fold, honorific_for, person_sort_key

__all__ = [
    "END_DATE_LABEL",
    "EXPERT_KINDS",
    "GROUP_RANK",
    "ROLE_RANK",
    "UNASSIGNED",
    "ConfirmationRequired",
    "DuplicatePositionWarning",
    "Matrix",
    "MemberRow",
    "NewAppointment",
    "PersonRow",
    "Reorganisation",
    "ReorganisationResult",
    "appoint",
    "appoint_new",
    "clean_person",
    "create_person",
    "delete_mistaken_member",
    "delete_person",
    "end_membership",
    "get_person",
    "has_history",
    "list_committee",
    "list_experts",
    "list_group",
    "list_memberships",
    "list_people",
    "parse_role",
    "removal_blockers",
    "reorganise",
    "responsibility_matrix",
    "sort_rows",
    "update_member",
    "update_membership",
    "update_person",
]


@dataclass(frozen=True)
class MemberRow:
    """One membership, flattened for tables, CSV and JSON."""

    id: int  # membership id
    person_id: int
    full_name: str
    honorific: str
    role: str  # code: head, deputy_head...
    role_label: str
    position: str
    unit: str
    unit_id: int | None
    field: str
    area: str
    phone: str
    email: str
    decision_number: str
    decision_date: date | None
    start_date: date
    end_date: date | None
    active: bool  # current today (membership_rules: the end date is the last day)
    version: int
    end_decision_number: str = ""
    end_decision_date: date | None = None
    position_at_start: str = ""
    body: str = "committee"  # or "group": ranks differ ("member" is 3rd in the group)
    sort_order: int = 0  # place in the appointing decision's list; 0 = not placed
    # Nothing refers to the person: "Xóa người nhập nhầm" may delete them with their
    # memberships (member_removal). Computed by the list query; False where not computed.
    deletable: bool = False
    # A membership is itself history, so True on rosters; what may still be removed as a
    # mistake is ``deletable``.
    has_history: bool = True

    def search_text(self) -> str:
        return fold(" ".join((self.full_name, self.position, self.unit, self.field, self.area)))


@dataclass(frozen=True)
class PersonRow:
    id: int
    full_name: str
    honorific: str
    position: str
    unit: str
    unit_id: int | None
    phone: str
    email: str
    kind: str
    kind_label: str
    version: int
    notes: str = ""
    has_history: bool = False  # tied to the record: cannot be deleted, only left alone


def _member_row(
    m: CommitteeMembership | GroupMembership, today: date | None = None, removable: bool = False
) -> MemberRow:
    p = m.person
    return MemberRow(
        id=m.id,
        person_id=p.id,
        full_name=p.full_name,
        honorific=label(p.honorific),
        role=m.role.value,
        role_label=label(m.role),
        position=p.position or "",
        unit=p.unit.name if p.unit else "",
        unit_id=p.unit_id,
        field=m.field or "",
        area=m.area or "",
        phone=p.phone or "",
        email=p.email or "",
        decision_number=m.decision_number or "",
        decision_date=m.decision_date,
        start_date=m.start_date,
        end_date=m.end_date,
        active=is_current(m.start_date, m.end_date, today or date.today()),
        version=m.version,
        end_decision_number=m.end_decision_number or "",
        end_decision_date=m.end_decision_date,
        position_at_start=m.position_at_start or "",
        body="group" if isinstance(m, GroupMembership) else "committee",
        sort_order=m.sort_order or 0,
        deletable=removable,
    )


def sort_rows(rows: list[MemberRow], sort: str = "rank") -> list[MemberRow]:
    """``rank``: the official roster order (:func:`.membership_rules.roster_key`: Head,
    Deputies, Standing Member, Members, Secretary, each in the decision's order), current
    members first; ``name``: Vietnamese order by given name. The screen, the command line
    and the roster document all sort through here."""
    if sort == "name":
        return sorted(rows, key=lambda r: (person_sort_key(r.full_name), r.id))
    return sorted(
        rows,
        key=lambda r: (
            not r.active,
            *roster_key(r.body, r.role, r.sort_order, r.full_name, r.id),
        ),
    )


def _list(
    db: Database,
    model: type[CommitteeMembership] | type[GroupMembership],
    search: str | None,
    include_former: bool,
    sort: str,
    on: date | None,
) -> list[MemberRow]:
    today = date.today()
    with db.session() as s:
        stmt = select(model, deletable(model.person_id)).options(
            joinedload(model.person).joinedload(Person.unit)
        )
        if on is not None or not include_former:
            stmt = stmt.where(current_on(model, on or today))
        rows = [_member_row(m, today, bool(ok)) for m, ok in s.execute(stmt).unique()]
    if search:
        q = fold(search).split()
        rows = [r for r in rows if all(w in r.search_text() for w in q)]
    return sort_rows(rows, sort)


def list_committee(
    db: Database,
    *,
    search: str | None = None,
    include_former: bool = False,
    sort: str = "rank",
    on: date | None = None,
) -> list[MemberRow]:
    """The committee roster; ``on`` gives the roster as it was on that date."""
    return _list(db, CommitteeMembership, search, include_former, sort, on)


def list_group(
    db: Database,
    *,
    search: str | None = None,
    include_former: bool = False,
    sort: str = "rank",
    on: date | None = None,
) -> list[MemberRow]:
    """The working group; ``on`` gives it as it was on that date."""
    return _list(db, GroupMembership, search, include_former, sort, on)


def _person_row(p: Person, history: bool = False) -> PersonRow:
    return PersonRow(
        id=p.id,
        full_name=p.full_name,
        honorific=label(p.honorific),
        position=p.position or "",
        unit=p.unit.name if p.unit else "",
        unit_id=p.unit_id,
        phone=p.phone or "",
        email=p.email or "",
        kind=p.kind.value,
        kind_label=label(p.kind),
        version=p.version,
        notes=p.notes or "",
        has_history=history,
    )


def list_people(
    db: Database, *, kinds: set[PersonKind] | None = None, search: str | None = None
) -> list[PersonRow]:
    with db.session() as s:
        stmt = select(Person).options(joinedload(Person.unit))
        if kinds:
            stmt = stmt.where(Person.kind.in_(kinds))
        tied = _people_with_history(s)
        rows = [_person_row(p, p.id in tied) for p in s.scalars(stmt)]
    if search:
        q = fold(search).split()
        rows = [
            r for r in rows if all(w in fold(f"{r.full_name} {r.position} {r.unit}") for w in q)
        ]
    return sorted(rows, key=lambda r: (person_sort_key(r.full_name), r.id))


PERSON_LABELS = {
    "full_name": "Họ và tên",
    "honorific": "Danh xưng",
    "position": "Chức vụ",
    "unit_id": "Cơ quan, đơn vị",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "kind": "Loại",
    "notes": "Ghi chú",
}


def clean_person(data: dict[str, Any]) -> dict[str, Any]:
    """Validate person fields; raises ValidationError naming the first bad field."""
    L = {k: tr(x) for k, x in PERSON_LABELS.items()}
    out: dict[str, Any] = {}
    for key in data:
        if key not in PERSON_LABELS:
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    if "full_name" in data:
        out["full_name"] = v.text(
            data["full_name"], "full_name", L["full_name"], required=True, max_len=200
        )
    if "honorific" in data:
        raw = data["honorific"]
        # Accept what people type ("Ông", "Bà", "Nam", "Nữ") as well as the stored codes.
        guess = honorific_for(raw) if isinstance(raw, str) else None
        out["honorific"] = guess or v.choice(
            raw, Honorific, "honorific", L["honorific"], required=False
        )
    if "position" in data:
        out["position"] = v.text(data["position"], "position", L["position"], max_len=200)
    if "unit_id" in data:
        out["unit_id"] = data["unit_id"] or None
    if "phone" in data:
        out["phone"] = v.phone(data["phone"], "phone", L["phone"])
    if "email" in data:
        out["email"] = v.email(data["email"], "email", L["email"])
    if "kind" in data:
        out["kind"] = v.choice(data["kind"], PersonKind, "kind", L["kind"])
    if "notes" in data:
        out["notes"] = v.text(data["notes"], "notes", L["notes"], max_len=4000, multiline=True)
    return out


def create_person(db: Database, **data: Any) -> int:
    clean = clean_person(data)
    if "full_name" not in clean:
        clean_person({"full_name": None})  # raises the "required" message
    with db.session() as s:
        _check_unit(s, clean.get("unit_id"))
        p = Person(**clean)
        s.add(p)
        s.flush()
        return p.id


def _check_unit(s: Session, unit_id: int | None) -> None:
    if unit_id is not None and s.get(Unit, unit_id) is None:
        raise ValidationError(
            "unit_id", tr("Không có cơ quan, đơn vị này."), label=tr(PERSON_LABELS["unit_id"])
        )


def get_person(db: Database, person_id: int) -> PersonRow:
    with db.session() as s:
        p = s.get(Person, person_id, options=[joinedload(Person.unit)])
        if p is None:
            raise NotFoundError(tr("Không tìm thấy người có mã {id}.").format(id=person_id))
        return _person_row(p)


def _load_person(s: Session, person_id: int) -> Person:
    p = s.get(Person, person_id)
    if p is None:
        raise NotFoundError(tr("Không tìm thấy người có mã {id}.").format(id=person_id))
    return p


def update_person(
    db: Database, person_id: int, *, expected_version: int | None = None, **fields: Any
) -> None:
    """Change a person's details (only the fields given). ``expected_version`` is the version
    the caller read: if someone saved in between, ConflictError and nothing is changed."""
    clean = clean_person(fields)
    with db.session() as s:
        _apply_person(s, _load_person(s, person_id), clean, expected_version)


def _apply_person(
    s: Session, p: Person, clean: dict[str, Any], expected_version: int | None
) -> None:
    check_version(p, expected_version, tr("Hồ sơ người này"))
    if "unit_id" in clean:
        _check_unit(s, clean["unit_id"])
    for key, value in clean.items():
        setattr(p, key, value)
    flush(s, tr("Hồ sơ người này"))


def appoint_new(
    db: Database,
    *,
    body: str = "committee",
    person: dict[str, Any],
    appointment: dict[str, Any],
    person_id: int | None = None,
    person_version: int | None = None,
) -> int:
    """Add a member, the new-member dialog's save: create the person from ``person`` (or,
    given ``person_id``, bring that person's details up to date, guarded by ``person_version``)
    and appoint them. One transaction: a refused appointment leaves no person behind.
    Returns the membership id."""
    model = membership_model(body)
    details = clean_person(person)
    if person_id is None and "full_name" not in details:
        clean_person({"full_name": None})  # raises the "required" message
    values = clean_appointment(appointment, body)
    with db.session() as s:
        if person_id is None:
            _check_unit(s, details.get("unit_id"))
            p = Person(**details)
            s.add(p)
            s.flush()
        else:
            p = _load_person(s, person_id)
            _apply_person(s, p, details, person_version)
        return appoint_in(s, model, p.id, values).id


def update_member(
    db: Database,
    membership_id: int,
    *,
    body: str = "committee",
    person_version: int | None = None,
    membership_version: int | None = None,
    person: dict[str, Any] | None = None,
    membership: dict[str, Any] | None = None,
) -> None:
    """Correct a member, the edit dialog's save: the person's details and the membership in one
    transaction, each guarded by the version the dialog read (both are checked, so a dialog
    showing a stale copy of either is told to reload). Only the fields given change."""
    model = membership_model(body)
    details = clean_person(person or {})
    values = clean_correction(membership or {}, body)
    with db.session() as s:
        m = update_membership_in(s, model, membership_id, values, membership_version)
        _apply_person(s, m.person, details, person_version)


# What ties a person to the record: (table, its columns naming the person, the reason).
_LINKS: list[tuple[Any, tuple[Any, ...], str]] = [
    (CommitteeMembership, (CommitteeMembership.person_id,), "nhiệm kỳ Ban Chỉ đạo"),
    (GroupMembership, (GroupMembership.person_id,), "nhiệm kỳ Tổ công tác"),
    (Invitee, (Invitee.person_id,), "được mời họp"),
    (
        Meeting,
        (Meeting.called_by_id, Meeting.proposed_by_id, Meeting.chair_id, Meeting.secretary_id),
        "triệu tập, đề nghị, chủ trì hoặc làm thư ký cuộc họp",
    ),
    (AgendaItem, (AgendaItem.presenter_person_id,), "trình bày tại cuộc họp"),
    (Task, (Task.assignee_person_id, Task.assigned_by_id), "nhiệm vụ được giao"),
    (SessionParticipant, (SessionParticipant.person_id,), "tham gia phiên làm việc Tổ công tác"),
    (WorkingSession, (WorkingSession.convened_by_id,), "triệu tập phiên làm việc Tổ công tác"),
]


def _history(s: Session, person_id: int) -> list[str]:
    """What ties a person to the record (each reason a Vietnamese phrase)."""
    return [
        tr(reason)
        for model, columns, reason in _LINKS
        if s.scalar(select(model.id).where(or_(*(c == person_id for c in columns))).limit(1))
        is not None
    ]


def _people_with_history(s: Session) -> set[int]:
    """Everyone with any history, in one query (a list's rows carry the flag with them)."""
    parts = [
        select(c.label("person_id")).where(c.is_not(None)) for _m, cs, _r in _LINKS for c in cs
    ]
    return set(s.scalars(union(*parts)))


def has_history(db: Database, person_id: int) -> bool:
    """True if the person has memberships, invitations, tasks or session participation."""
    with db.session() as s:
        _load_person(s, person_id)
        return bool(_history(s, person_id))


def delete_person(db: Database, person_id: int) -> None:
    """Delete a person entered by mistake. Refused once there is any history: leaving the
    committee is :func:`end_membership`, and old meetings must keep their people."""
    with db.session() as s:
        p = _load_person(s, person_id)
        reasons = _history(s, person_id)
        if reasons:
            raise BcdError(
                tr("Không thể xóa: người này đã có lịch sử ({reasons}).").format(
                    reasons=", ".join(reasons)
                )
            )
        s.delete(p)


EXPERT_KINDS = (PersonKind.EXPERT, PersonKind.SCIENTIST, PersonKind.GUEST)  # the forms' order


def list_experts(db: Database, search: str | None = None) -> list[PersonRow]:
    """Experts, scientists and guests (chuyên gia, nhà khoa học, khách mời)."""
    return list_people(db, kinds=set(EXPERT_KINDS), search=search)


def list_memberships(db: Database, person_id: int, *, body: str = "committee") -> list[MemberRow]:
    """Every membership of one person, newest first (the person's history)."""
    model = membership_model(body)
    with db.session() as s:
        _load_person(s, person_id)
        stmt = (
            select(model)
            .where(model.person_id == person_id)
            .options(joinedload(model.person).joinedload(Person.unit))
            .order_by(model.start_date.desc(), model.id.desc())
        )
        return [_member_row(m) for m in s.scalars(stmt).unique()]
