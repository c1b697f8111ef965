"""Units: departments, sectors, localities, central agencies (headless).

Units are renamed, merged and retired as administrations reorganise (2025 merged departments
and abolished districts). None of that deletes anything: a retired or merged unit stays, with the
date and the unit it went into, so old meetings, reports and people keep pointing at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from . import validation as v
from .db import Database
from .errors import NotFoundError, ValidationError
from .i18n import tr
from .labels import label
from .locking import check_version, flush, serialize
from .models import Person, Unit, UnitKind
from .named_copies import Correction, Post, follow
from .text import SearchQuery, fold, unit_search_text, vi_key


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    head: str
    phone: str
    email: str
    people: int
    active: bool
    retired_on: date | None
    version: int
    head_id: int | None = None
    address: str = ""
    merged_into_id: int | None = None
    merged_into: str = ""


def _rows(s: Session, stmt_filter: Any = None) -> list[UnitRow]:
    people = select(Person.unit_id, func.count().label("n")).group_by(Person.unit_id).subquery()
    target = aliased(Unit)
    # Only the listed columns, the head's name joined in: no unit or person entities.
    stmt = (
        select(
            Unit.id,
            Unit.name,
            Unit.short_name,
            Unit.kind,
            Person.full_name,
            Unit.phone,
            Unit.email,
            func.coalesce(people.c.n, 0),
            Unit.active,
            Unit.retired_on,
            Unit.version,
            Unit.head_id,
            Unit.address,
            Unit.merged_into_id,
            target.name,
        )
        .outerjoin(Person, Person.id == Unit.head_id)
        .outerjoin(people, people.c.unit_id == Unit.id)
        .outerjoin(target, target.id == Unit.merged_into_id)
    )
    if stmt_filter is not None:
        stmt = stmt.where(stmt_filter)
    return [
        UnitRow(
            id=uid,
            name=name,
            short_name=short_name or "",
            kind=kind.value,
            kind_label=label(kind),
            head=head or "",
            phone=phone or "",
            email=email or "",
            people=n,
            active=active,
            retired_on=retired_on,
            version=version,
            head_id=head_id,
            address=address or "",
            merged_into_id=merged_into_id,
            merged_into=merged or "",
        )
        for (
            uid, name, short_name, kind, head, phone, email, n, active, retired_on, version,
            head_id, address, merged_into_id, merged,
        ) in s.execute(stmt)
    ]


def list_units(
    db: Database,
    *,
    search: str | None = None,
    kind: UnitKind | None = None,
    include_retired: bool = False,
) -> list[UnitRow]:
    conditions = []
    if kind is not None:
        conditions.append(Unit.kind == kind)
    if not include_retired:
        conditions.append(Unit.active.is_(True))
    with db.session() as s:
        rows = _rows(s, and_(*conditions) if conditions else None)
    if search:  # the search boxes' rule: diacritics typed must match (text.SearchQuery)
        query = SearchQuery(search)
        # The short name as the roster's search takes it: "KHCN" finds the Sở KH&CN.
        rows = [r for r in rows if query.finds(unit_search_text(r.name, r.short_name), r.head)]
    order = list(UnitKind)
    return sorted(rows, key=lambda r: (order.index(UnitKind(r.kind)), vi_key(r.name)))


def get_unit(db: Database, unit_id: int) -> UnitRow:
    unit_id = v.record_id(unit_id, "unit_id", tr("Mã cơ quan, đơn vị"))
    with db.session() as s:
        rows = _rows(s, Unit.id == unit_id)
    if not rows:
        raise NotFoundError(tr("Không tìm thấy cơ quan, đơn vị có mã {id}.").format(id=unit_id))
    return rows[0]


UNIT_LABELS = {
    "name": "Tên cơ quan, đơn vị",
    "short_name": "Tên viết tắt",
    "kind": "Loại",
    "head_id": "Người đứng đầu",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "on": "Ngày",
    "target_id": "Đơn vị tiếp nhận",
}


def _l(key: str) -> str:
    return tr(UNIT_LABELS[key])


def clean_unit(data: dict[str, Any]) -> dict[str, Any]:
    """Validate unit fields (only those present); raises ValidationError on the first bad one."""
    out: dict[str, Any] = {}
    for key in data:
        if key not in UNIT_LABELS or key in ("on", "target_id"):
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    for key, value in data.items():
        if key == "name":
            out[key] = v.text(value, key, _l(key), required=True, max_len=200)
        elif key == "short_name":
            out[key] = v.text(value, key, _l(key), max_len=60)
        elif key == "kind":
            out[key] = v.choice(value, UnitKind, key, _l(key))
        elif key == "address":
            out[key] = v.text(value, key, _l(key), max_len=300)
        elif key == "phone":
            out[key] = v.phone(value, key, _l(key))
        elif key == "email":
            out[key] = v.email(value, key, _l(key))
        elif key == "head_id":
            out[key] = v.positive_int(value, key, _l(key), minimum=1)
    return out


def _check_name_free(s: Session, name: str, exclude_id: int | None = None) -> None:
    # Case- and diacritic-insensitive: "Sở Y tế" and "SO Y TE" are the same unit to a reader.
    # Two officers adding it at once: the second reads the first's (the table's own unique
    # name would refuse only the same spelling, with a raw error).
    serialize(s, "rule:unit-name")
    for unit_id, existing in s.execute(select(Unit.id, Unit.name)):
        if unit_id != exclude_id and fold(existing) == fold(name):
            raise ValidationError(
                "name",
                tr('Đã có cơ quan, đơn vị mang tên này: "{name}".').format(name=existing),
                label=_l("name"),
            )


def find_unit(s: Session, name: str) -> Unit | None:
    """The unit whose name or short name matches ``name`` ignoring case and diacritics."""
    wanted = fold(name)
    if not wanted:
        return None
    for u in s.scalars(select(Unit)):
        if fold(u.name) == wanted or (u.short_name and fold(u.short_name) == wanted):
            return u
    return None


_KIND_HINTS: list[tuple[str, UnitKind]] = [
    # The communes of today (xã, phường, đặc khu) and the districts of a roster kept from
    # before 1 July 2025.
    (
        r"^(uy ban nhan dan |ubnd )?(xa|phuong|dac khu|huyen|thi xa|thanh pho|thi tran)\b",
        UnitKind.LOCALITY,
    ),
    (r"^(truong|vien|hoc vien|dai hoc)\b", UnitKind.UNIVERSITY),
    (
        r"^(cong ty|tap doan|tong cong ty|vien thong|viettel|vnpt|buu dien|mobifone)\b",
        UnitKind.ENTERPRISE,
    ),
    (
        r"^(cong an|cuc|kho bac|bao hiem xa hoi|bo chi huy|ngan hang nha nuoc)\b",
        UnitKind.CENTRAL_AGENCY,
    ),
    (r"^(so|ban|van phong|thanh tra)\b", UnitKind.DEPARTMENT),
]


def guess_unit_kind(name: str) -> UnitKind:
    """A likely kind from the name (``Sở …`` department, ``UBND xã …`` locality…); the
    secretariat corrects it in the units view if needed."""
    key = fold(name)
    for pattern, kind in _KIND_HINTS:
        if re.search(pattern, key):
            return kind
    return UnitKind.OTHER


_SPECIAL_ZONE = r"^(uy ban nhan dan |ubnd )?dac khu\b"


def has_special_zone(db: Database) -> bool:
    """Whether the province has a special zone (đặc khu, since 1 July 2025): a unit named
    "Đặc khu …" or "UBND đặc khu …". Most provinces have none, and their documents name none."""
    with db.session() as s:
        names = s.scalars(select(Unit.name).where(Unit.name.like("%khu%")))
        return any(re.search(_SPECIAL_ZONE, fold(name)) for name in names)


def create_unit(db: Database, **data: Any) -> int:
    data.setdefault("kind", UnitKind.DEPARTMENT)
    if "name" not in data:
        data["name"] = None
    clean = clean_unit(data)
    with db.session() as s:
        _check_name_free(s, clean["name"])
        _check_head(s, clean.get("head_id"))
        u = Unit(**clean)
        s.add(u)
        s.flush()
        return u.id


def _load(s: Session, unit_id: int) -> Unit:
    u = s.get(Unit, v.record_id(unit_id, "unit_id", tr("Mã cơ quan, đơn vị")))
    if u is None:
        raise NotFoundError(tr("Không tìm thấy cơ quan, đơn vị có mã {id}.").format(id=unit_id))
    return u


def _check_head(s: Session, head_id: int | None) -> None:
    if head_id is not None and s.get(Person, head_id) is None:
        raise ValidationError("head_id", tr("Không có người này."), label=_l("head_id"))


def update_unit(
    db: Database, unit_id: int, *, expected_version: int | None = None, **fields: Any
) -> None:
    """Change a unit's details; renaming keeps every link. The papers of records already held
    or issued keep the name they copied; those still to come take the new one
    (:mod:`.named_copies`)."""
    clean = clean_unit(fields)
    with db.session() as s:
        u = _load(s, unit_id)
        check_version(u, expected_version, tr("Cơ quan, đơn vị"))
        if "name" in clean:
            _check_name_free(s, clean["name"], exclude_id=unit_id)
        if "head_id" in clean:
            _check_head(s, clean["head_id"])
        before = u.name
        for key, value in clean.items():
            setattr(u, key, value)
        flush(s, tr("Cơ quan, đơn vị"))
        # Copies naming the unit on meetings and sessions still to come take its new name.
        follow(s, [Correction(None, Post(None, None, before), Post(None, None, u.name))])


def rename_unit(
    db: Database, unit_id: int, name: str, *, expected_version: int | None = None
) -> None:
    update_unit(db, unit_id, expected_version=expected_version, name=name)


def retire_in(u: Unit, on: date | str) -> None:
    """Retire ``u`` in the caller's session: what :func:`retire_unit` records."""
    day = v.date_value(on, "on", _l("on"), required=True)
    if not u.active:
        raise ValidationError(
            "on",
            tr('"{name}" đã ngừng hoạt động từ trước.').format(name=u.name),
            label=_l("on"),
        )
    u.active = False
    u.retired_on = day


def retire_unit(
    db: Database, unit_id: int, *, on: date | str, expected_version: int | None = None
) -> None:
    """Retire (giải thể / ngừng hoạt động) a unit on a date; it stays for history."""
    with db.session() as s:
        u = _load(s, unit_id)
        check_version(u, expected_version, tr("Cơ quan, đơn vị"))
        retire_in(u, on)
        flush(s, tr("Cơ quan, đơn vị"))


def reactivate_unit(db: Database, unit_id: int, *, expected_version: int | None = None) -> None:
    """Undo a retirement or merge entered by mistake."""
    with db.session() as s:
        u = _load(s, unit_id)
        check_version(u, expected_version, tr("Cơ quan, đơn vị"))
        u.active, u.retired_on, u.merged_into_id = True, None, None
        flush(s, tr("Cơ quan, đơn vị"))


def merge_units(
    db: Database,
    source_id: int,
    target_id: int,
    *,
    on: date | str,
    expected_version: int | None = None,
) -> None:
    """Merge ``source`` into ``target`` (sáp nhập): the source is retired with
    ``merged_into_id`` = target. People keep their unit as it was, for history.
    ``expected_version`` is the source's version as the caller read it."""
    # Compared as the numbers they name ("7" is unit 7 to the database).
    source_id = v.record_id(source_id, "source_id", tr("Mã cơ quan, đơn vị"))
    target_id = v.record_id(target_id, "target_id", tr("Mã cơ quan, đơn vị"))
    if source_id == target_id:
        raise ValidationError(
            "target_id", tr("Không thể sáp nhập một đơn vị vào chính nó."), label=_l("target_id")
        )
    with db.session() as s:
        source, target = _load(s, source_id), _load(s, target_id)
        check_version(source, expected_version, tr("Cơ quan, đơn vị"))
        merge_in(source, target, on)
        flush(s, tr("Cơ quan, đơn vị"))


def merge_in(source: Unit, target: Unit, on: date | str) -> None:
    """Merge ``source`` into ``target`` in the caller's session (both have their ids): what
    :func:`merge_units` records."""
    if not target.active:
        raise ValidationError(
            "target_id",
            tr('"{name}" đã ngừng hoạt động, không thể tiếp nhận.').format(name=target.name),
            label=_l("target_id"),
        )
    retire_in(source, on)
    source.merged_into_id = target.id
