"""People and memberships of the committee and the working group (headless)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .db import Database
from .errors import NotFoundError, ValidationError
from .i18n import tr
from .labels import label
from .models import (
    CommitteeMembership,
    CommitteeRole,
    GroupMembership,
    GroupRole,
    Honorific,
    Person,
    PersonKind,
    Unit,
)
from .text import fold, honorific_for, person_sort_key

ROLE_RANK = {role: i for i, role in enumerate(CommitteeRole)}
GROUP_RANK = {role: i for i, role in enumerate(GroupRole)}


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
    active: bool
    version: int

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


def _member_row(m: CommitteeMembership | GroupMembership) -> MemberRow:
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
        active=m.end_date is None,
        version=m.version,
    )


def sort_rows(rows: list[MemberRow], sort: str = "rank") -> list[MemberRow]:
    """``rank``: Head, Deputies, Standing Member, Members, Secretary, then by name;
    ``name``: Vietnamese order by given name."""
    if sort == "name":
        return sorted(rows, key=lambda r: (person_sort_key(r.full_name), r.id))
    ranks = {**{r.value: i for r, i in ROLE_RANK.items()}}
    group = {r.value: i for r, i in GROUP_RANK.items()}
    return sorted(
        rows,
        key=lambda r: (
            not r.active,
            ranks.get(r.role, group.get(r.role, 99)),
            person_sort_key(r.full_name),
            r.id,
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
    with db.session() as s:
        stmt = select(model).options(joinedload(model.person).joinedload(Person.unit))
        if on is not None:
            stmt = stmt.where(model.start_date <= on).where(
                (model.end_date.is_(None)) | (model.end_date >= on)
            )
        elif not include_former:
            stmt = stmt.where(model.end_date.is_(None))
        rows = [_member_row(m) for m in s.scalars(stmt).unique()]
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
    db: Database, *, search: str | None = None, include_former: bool = False, sort: str = "rank"
) -> list[MemberRow]:
    return _list(db, GroupMembership, search, include_former, sort, None)


def _person_row(p: Person) -> PersonRow:
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
    )


def list_people(
    db: Database, *, kinds: set[PersonKind] | None = None, search: str | None = None
) -> list[PersonRow]:
    with db.session() as s:
        stmt = select(Person).options(joinedload(Person.unit))
        if kinds:
            stmt = stmt.where(Person.kind.in_(kinds))
        rows = [_person_row(p) for p in s.scalars(stmt)]
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
