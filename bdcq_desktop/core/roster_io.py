"""Importing people into the roster from Excel or CSV, and exporting the roster.

An import is two steps: :func:`preview_import` reads the file and lists every row with its
problems (nothing is written), then :func:`apply_import` writes all rows in one transaction, or
nothing. Headers are matched ignoring case and diacritics, so ``HO VA TEN`` and ``Họ và tên``
are the same column; CSV files may be UTF-8 (with or without BOM) or Windows-1258, which is
what older Vietnamese Excel saves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .backup import safety_backup
from .bulk import insert_rows, new_ids
from .db import Database
from .errors import BcdError, ValidationError
from .i18n import tr
from .labels import label
from .members import clean_person
from .membership_rules import current_on, overlaps
from .memberships import clean_membership, latest_start, parse_role
from .models import (
    CommitteeMembership,
    CommitteeRole,
    Honorific,
    Person,
    PersonKind,
    Unit,
    utcnow,
)
from .roster_export import export_roster, save_template
from .roster_files import (
    COLUMNS,
    HEADERS,
    Record,
    file_format,
    parse_decision,
    read_people_file,
    read_records,
)
from .text import excerpt, fold, honorific_for
from .units import guess_unit_kind

__all__ = [
    "COLUMNS",
    "HEADERS",
    "ImportPreview",
    "ImportRow",
    "apply_import",
    "export_roster",
    "file_format",
    "parse_decision",
    "preview_import",
    "read_people_file",
    "save_template",
]


@dataclass(frozen=True)
class ImportRow:
    line: int
    full_name: str
    honorific: str  # code: "ong", "ba" or ""
    position: str
    unit: str
    role: str  # CommitteeRole code or "" (person only, no membership)
    field: str
    area: str
    phone: str
    email: str
    decision_number: str
    decision_date: date | None
    problems: list[str]
    creates_unit: bool
    existing_person_id: int | None = None  # a former member appointed again
    # To show, not to refuse: e.g. a second current "Giám đốc" of the same unit.
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def role_label(self) -> str:
        return label(CommitteeRole(self.role)) if self.role in set(CommitteeRole) else self.role

    @property
    def honorific_label(self) -> str:
        return label(Honorific(self.honorific)) if self.honorific in set(Honorific) else ""


@dataclass(frozen=True)
class ImportPreview:
    rows: list[ImportRow]
    new_units: list[str]
    errors: int  # rows with at least one problem

    @property
    def ok(self) -> bool:
        return self.errors == 0 and bool(self.rows)

    @property
    def memberships(self) -> int:
        return sum(1 for r in self.rows if r.role)

    @property
    def warnings(self) -> list[tuple[int, str]]:
        """(line, warning) for every row the officer should look at before importing."""
        return [(r.line, w) for r in self.rows for w in r.warnings]


class _Checker:
    """Validates one row, collecting every problem rather than stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def __call__(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            self.problems.append(exc.message)
            return None


@dataclass
class _Context:
    """What the rows are checked against: the database (read once) and the rows before."""

    members: dict[tuple[str, int | None], str]  # active committee members → name
    people: dict[tuple[str, int | None], int]
    head: str | None
    decision_date: date | None
    units: dict[str, Unit]  # folded name or short name → unit, as find_unit matches them
    units_by_id: dict[int, Unit]
    new_units: dict[str, str] = field(default_factory=dict)
    seen: dict[tuple[str, str], int] = field(default_factory=dict)
    head_line: int | None = None
    # (folded position, unit id) of current members → name; (position, unit) of rows → line
    positions: dict[tuple[str, int], str] = field(default_factory=dict)
    seen_positions: dict[tuple[str, str], int] = field(default_factory=dict)


# Units, positions and roles repeat on every few rows of a roster: folded once each.
_fold_repeated = lru_cache(maxsize=4096)(fold)


def _unit_index(units: list[Unit]) -> dict[str, Unit]:
    """Folded name and short name → unit; the first unit wins, as in :func:`find_unit`."""
    index: dict[str, Unit] = {}
    for u in units:
        for name in (u.name, u.short_name):
            if name and fold(name):
                index.setdefault(fold(name), u)
    return index


def _unreadable_row(record: Record) -> ImportRow:
    return ImportRow(
        line=record.line,
        full_name="",
        honorific="",
        position="",
        unit="",
        role="",
        field="",
        area="",
        phone="",
        email="",
        decision_number="",
        decision_date=None,
        problems=[record.problem],
        creates_unit=False,
    )


def _each_checked(
    check: _Checker, clean: Any, rec: dict[str, str], keys: tuple[str, ...]
) -> dict[str, Any]:
    """``clean`` of the row's ``keys``: at once when they are all valid (the usual row), else
    one by one, so that every bad field is listed and not only the first."""
    try:
        return clean({key: rec[key] for key in keys})
    except ValidationError:
        out: dict[str, Any] = {}
        for key in keys:
            out.update(check(clean, {key: rec[key]}) or {})
        return out


def _check_row(ctx: _Context, line: int, rec: dict[str, str]) -> ImportRow:
    check = _Checker()
    person = _each_checked(check, clean_person, rec, ("full_name", "position", "phone", "email"))
    honorific = honorific_for(rec["gender"])
    if rec["gender"] and honorific is None:
        check.problems.append(
            tr('"Giới tính" không nhận giá trị "{value}" (Nam/Nữ hoặc Ông/Bà).').format(
                value=excerpt(rec["gender"])
            )
        )
    role = check(parse_role, excerpt(rec["role"])) if rec["role"] else None
    ms = _each_checked(check, clean_membership, rec, ("field", "area"))
    number, decided = (
        (check(parse_decision, rec["decision"]) or (None, None))
        if rec["decision"]
        else (None, None)
    )
    decided = decided or (ctx.decision_date if number else None)
    if role is None and not rec["role"] and (rec["field"] or rec["area"] or rec["decision"]):
        check.problems.append(tr('Có lĩnh vực, địa bàn hoặc quyết định nhưng thiếu "Vai trò".'))

    unit_name = check(v.text, rec["unit"], "unit", tr("Đơn vị"), max_len=200) or ""
    unit = ctx.units.get(_fold_repeated(unit_name)) if unit_name else None
    creates_unit = bool(unit_name) and unit is None
    if unit is not None:
        unit_name = unit.name
        if not unit.active:
            target = ctx.units_by_id.get(unit.merged_into_id) if unit.merged_into_id else None
            check.problems.append(
                tr('Đơn vị "{name}" đã sáp nhập vào "{target}".').format(
                    name=unit.name, target=target.name
                )
                if target
                else tr('Đơn vị "{name}" đã ngừng hoạt động.').format(name=unit.name)
            )
    elif creates_unit:
        unit_name = ctx.new_units.setdefault(_fold_repeated(unit_name), unit_name)

    name = person.get("full_name") or excerpt(rec["full_name"])
    existing = None
    if name:
        folded = fold(name)
        key = (folded, _fold_repeated(unit_name))
        if key in ctx.seen:
            check.problems.append(
                tr("Trùng với dòng {line} (cùng họ tên và đơn vị).").format(line=ctx.seen[key])
            )
        ctx.seen.setdefault(key, line)
        db_key = (folded, unit.id if unit is not None else None)
        if not creates_unit and db_key in ctx.members:
            check.problems.append(
                tr('"{name}" đã có trong danh sách thành viên Ban Chỉ đạo.').format(name=name)
            )
        elif not creates_unit and db_key in ctx.people:
            existing = ctx.people[db_key]
            if role is None:
                check.problems.append(
                    tr('"{name}" đã có trong danh sách người (mã {id}).').format(
                        name=name, id=existing
                    )
                )
    if role == CommitteeRole.HEAD:
        if ctx.head is not None:
            check.problems.append(
                tr("Đã có Trưởng ban đương nhiệm ({name}).").format(name=ctx.head)
            )
        elif ctx.head_line is not None:
            check.problems.append(
                tr("Chỉ có một Trưởng ban (đã có ở dòng {line}).").format(line=ctx.head_line)
            )
        ctx.head_line = ctx.head_line or line
    warnings = _position_warnings(ctx, line, role, name, person.get("position"), unit, unit_name)
    return ImportRow(
        line=line,
        full_name=name,
        honorific=honorific.value if honorific else "",
        position=person.get("position") or rec["position"],
        unit=unit_name,
        role=role.value if role else rec["role"],
        field=ms.get("field") or rec["field"],
        area=ms.get("area") or rec["area"],
        phone=person.get("phone") or rec["phone"],
        email=person.get("email") or rec["email"],
        decision_number=number or "",
        decision_date=decided,
        problems=check.problems,
        creates_unit=creates_unit,
        existing_person_id=existing,
        warnings=warnings,
    )


def _position_warnings(
    ctx: _Context,
    line: int,
    role: Any,
    name: str,
    position: str | None,
    unit: Unit | None,
    unit_name: str,
) -> tuple[str, ...]:
    """A member appointed to a position another member holds in the same unit (a second
    "Giám đốc Sở Y tế"): allowed, but worth a look."""
    if role is None or not position or not unit_name:
        return ()
    out = []
    position_key = _fold_repeated(position)
    holder = ctx.positions.get((position_key, unit.id)) if unit is not None else None
    if holder is not None and fold(holder) != fold(name):
        out.append(
            tr(
                'Cảnh báo: "{other}" đang là thành viên với cùng chức vụ "{position}" ở "{unit}".'
            ).format(other=holder, position=position, unit=unit_name)
        )
    key = (position_key, _fold_repeated(unit_name))
    if key in ctx.seen_positions:
        out.append(
            tr('Cảnh báo: cùng chức vụ "{position}" ở "{unit}" với dòng {line}.').format(
                position=position, unit=unit_name, line=ctx.seen_positions[key]
            )
        )
    ctx.seen_positions.setdefault(key, line)
    return tuple(out)


def preview_import(
    db: Database, path: str | os.PathLike[str], *, decision_date: date | None = None
) -> ImportPreview:
    """Read and check a roster file, writing nothing. ``decision_date`` is used for rows whose
    "Quyết định" has a number but no date."""
    records = read_records(path)
    if not records:
        raise BcdError(tr('Tệp "{name}" không có dòng dữ liệu nào.').format(name=Path(path).name))
    # A fixed number of queries whatever the number of rows: everything a row is checked
    # against is read here, once.
    with db.session() as s:
        active = s.scalars(
            select(CommitteeMembership)
            .where(current_on(CommitteeMembership, date.today()))
            .options(joinedload(CommitteeMembership.person))
        ).all()
        units = list(s.scalars(select(Unit).order_by(Unit.id)))
        ctx = _Context(
            members={
                (fold(m.person.full_name), m.person.unit_id): m.person.full_name for m in active
            },
            people={(fold(p.full_name), p.unit_id): p.id for p in s.scalars(select(Person))},
            head=next((m.person.full_name for m in active if m.role == CommitteeRole.HEAD), None),
            decision_date=decision_date,
            units=_unit_index(units),
            units_by_id={u.id: u for u in units},
            positions={
                (fold(m.person.position), m.person.unit_id): m.person.full_name
                for m in active
                if m.person.position and m.person.unit_id is not None
            },
        )
        rows = [
            _unreadable_row(r) if r.problem else _check_row(ctx, r.line, r.values) for r in records
        ]
    used = {fold(r.unit) for r in rows if r.creates_unit}
    return ImportPreview(
        rows=rows,
        new_units=[n for k, n in ctx.new_units.items() if k in used],
        errors=sum(1 for r in rows if r.problems),
    )


def apply_import(db: Database, preview: ImportPreview, *, start_date: date | str) -> int:
    """Write a checked import in one transaction (all rows or none); returns the rows written.

    Creates the new units, the people (a former member named again is reused, with the
    file's details), and a committee membership from ``start_date`` for every row with a role.
    The rules the preview checked are checked again against the database as it is now, and the
    rows are written in bulk: the number of statements does not grow with the rows.
    """
    if not preview.ok:
        raise BcdError(
            tr("Tệp có {n} dòng lỗi; chưa ghi gì. Hãy sửa tệp rồi nhập lại.").format(
                n=preview.errors
            )
        )
    start = v.date_window(
        v.date_value(start_date, "start_date", tr("Ngày bắt đầu"), required=True),
        "start_date",
        tr("Ngày bắt đầu"),
        latest=latest_start(),
    )
    safety_backup(db, "before-import")
    with db.session() as s:
        # The file lists people as their decision does: that is their place in the roster,
        # after everyone already placed.
        placed = s.scalar(select(func.max(CommitteeMembership.sort_order))) or 0
        units = _unit_index(list(s.scalars(select(Unit).order_by(Unit.id))))
        # New units in one flush. Their names are free: the index holds every unit's folded
        # name and short name, a stricter test than the one creating a unit by hand applies.
        created = [
            Unit(name=name, kind=guess_unit_kind(name))
            for name in preview.new_units
            if fold(name) not in units
        ]
        s.add_all(created)
        s.flush()
        units.update((fold(u.name), u) for u in created)
        with s.no_autoflush:
            people = _people_for(s, preview.rows, units)
            _check_memberships(s, preview.rows, people, start)
            # New people and memberships go in as plain batched INSERTs with keys taken
            # beforehand (see bulk.new_ids): the ORM's per-object bookkeeping would cost more than
            # the rest of the import.
            new_people = [p for p in people if isinstance(p, dict)]
            for person, ident in zip(new_people, new_ids(s, Person, len(new_people)), strict=True):
                person["id"] = ident
            appointed = [
                (row, person) for row, person in zip(preview.rows, people, strict=True) if row.role
            ]
            memberships = [
                {
                    "id": ident,
                    "person_id": _get(person, "id"),
                    "position_at_start": _get(person, "position"),
                    "role": CommitteeRole(row.role),
                    "field": row.field or None,
                    "area": row.area or None,
                    "decision_number": row.decision_number or None,
                    "decision_date": row.decision_date,
                    "start_date": start,
                    "sort_order": placed + row.line,
                }
                for (row, person), ident in zip(
                    appointed, new_ids(s, CommitteeMembership, len(appointed)), strict=True
                )
            ]
        now = utcnow()
        insert_rows(s, Person, new_people, now)
        insert_rows(s, CommitteeMembership, memberships, now)
    return len(preview.rows)


def _row_error(row: ImportRow, message: str) -> BcdError:
    return BcdError(tr("Dòng {line}: {message}").format(line=row.line, message=message))


def _people_for(
    s: Session, rows: list[ImportRow], units: dict[str, Unit]
) -> list[Person | dict[str, Any]]:
    """The person of every row: a former member reused (updated with the file's details) or
    the values of a new one."""
    wanted = [r.existing_person_id for r in rows if r.existing_person_id is not None]
    existing = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(wanted)))}
    people: list[Person | dict[str, Any]] = []
    for row in rows:
        unit = units.get(_fold_repeated(row.unit)) if row.unit else None
        if row.unit and (unit is None or not unit.active):
            raise _row_error(
                row, tr('đơn vị "{name}" vừa bị xóa hoặc sáp nhập.').format(name=row.unit)
            )
        details = {
            "honorific": Honorific(row.honorific) if row.honorific else None,
            "position": row.position or None,
            "phone": row.phone or None,
            "email": row.email or None,
        }
        if row.existing_person_id is not None:
            person = existing.get(row.existing_person_id)
            if person is None:
                raise BcdError(tr("Dòng {line}: người này vừa bị xóa.").format(line=row.line))
            for key, value in details.items():
                if value is not None:
                    setattr(person, key, value)
        else:
            person = {
                "full_name": row.full_name,
                "unit_id": unit.id if unit else None,
                **details,
                "kind": PersonKind.OFFICIAL,
            }
        people.append(person)
    return people


def _get(person: Person | dict[str, Any], key: str) -> Any:
    return person[key] if isinstance(person, dict) else getattr(person, key)


def _check_memberships(
    s: Session, rows: list[ImportRow], people: list[Person | dict[str, Any]], start: date
) -> None:
    """The membership rules against the database as it is now: a person reused from the
    database may have been appointed since the preview, and so may a Head. As in
    :func:`memberships.appoint_in`, a membership counts if it shares a day with the new ones
    (from ``start`` on)."""
    active = {
        m.person_id: m
        for m in s.scalars(
            select(CommitteeMembership)
            .where(overlaps(CommitteeMembership, start, None))
            .options(joinedload(CommitteeMembership.person))
        )
    }
    head = next((m for m in active.values() if m.role == CommitteeRole.HEAD), None)
    for row, person in zip(rows, people, strict=True):
        if not row.role:
            continue
        current = active.get(person.id) if isinstance(person, Person) else None
        if current is not None:
            raise _row_error(
                row,
                tr(
                    '"{name}" đang là {role} Ban Chỉ đạo; hãy kết thúc nhiệm kỳ hiện tại trước '
                    "khi phân công vai trò khác."
                ).format(name=current.person.full_name, role=label(current.role)),
            )
        if row.role == CommitteeRole.HEAD and head is not None:
            raise _row_error(
                row,
                tr(
                    "Đã có Trưởng ban đương nhiệm ({name}); hãy kết thúc nhiệm kỳ người này "
                    "trước hoặc dùng kiện toàn."
                ).format(name=head.person.full_name),
            )
