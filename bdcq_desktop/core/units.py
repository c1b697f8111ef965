"""Units: departments, sectors, localities, central agencies (headless)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from . import validation as v
from .db import Database
from .errors import ValidationError
from .i18n import tr
from .labels import label
from .models import Person, Unit, UnitKind
from .text import fold, vi_key


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


def list_units(
    db: Database,
    *,
    search: str | None = None,
    kind: UnitKind | None = None,
    include_retired: bool = False,
) -> list[UnitRow]:
    with db.session() as s:
        people = select(Person.unit_id, func.count().label("n")).group_by(Person.unit_id).subquery()
        stmt = (
            select(Unit, func.coalesce(people.c.n, 0))
            .options(joinedload(Unit.head))
            .outerjoin(people, people.c.unit_id == Unit.id)
        )
        if kind is not None:
            stmt = stmt.where(Unit.kind == kind)
        if not include_retired:
            stmt = stmt.where(Unit.active.is_(True))
        rows = [
            UnitRow(
                id=u.id,
                name=u.name,
                short_name=u.short_name or "",
                kind=u.kind.value,
                kind_label=label(u.kind),
                head=u.head.full_name if u.head else "",
                phone=u.phone or "",
                email=u.email or "",
                people=n,
                active=u.active,
                retired_on=u.retired_on,
                version=u.version,
            )
            for u, n in s.execute(stmt).unique()
        ]
    if search:
        q = fold(search).split()
        rows = [r for r in rows if all(w in fold(f"{r.name} {r.short_name} {r.head}") for w in q)]
    order = list(UnitKind)
    return sorted(rows, key=lambda r: (order.index(UnitKind(r.kind)), vi_key(r.name)))


UNIT_LABELS = {"name": "Tên cơ quan, đơn vị", "short_name": "Tên viết tắt", "kind": "Loại"}


def create_unit(db: Database, **data: Any) -> int:
    name = v.text(data.get("name"), "name", tr(UNIT_LABELS["name"]), required=True, max_len=200)
    short = v.text(data.get("short_name"), "short_name", tr(UNIT_LABELS["short_name"]), max_len=60)
    kind = v.choice(
        data.get("kind", UnitKind.DEPARTMENT), UnitKind, "kind", tr(UNIT_LABELS["kind"])
    )
    with db.session() as s:
        exists = s.scalar(select(Unit.id).where(func.lower(Unit.name) == name.lower()))
        if exists:
            raise ValidationError(
                "name", tr("Đã có cơ quan, đơn vị mang tên này."), label=tr(UNIT_LABELS["name"])
            )
        u = Unit(name=name, short_name=short, kind=kind)
        s.add(u)
        s.flush()
        return u.id
