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
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .backup import safety_backup
from .db import Database
from .errors import BcdError, ValidationError
from .i18n import tr
from .labels import choices, label
from .members import clean_person, list_committee
from .membership_rules import current_on
from .memberships import appoint_in, clean_membership, parse_role
from .models import CommitteeMembership, CommitteeRole, Honorific, Person, Unit
from .roster_files import (
    COLUMNS,
    EXAMPLE,
    HEADERS,
    file_format,
    parse_decision,
    read_people_file,
    read_records,
    write_table,
)
from .text import fold, honorific_for, short_date
from .units import add_unit_in, find_unit, guess_unit_kind

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
    """What the rows are checked against: the database and the rows before."""

    members: dict[tuple[str, int | None], str]  # active committee members → name
    people: dict[tuple[str, int | None], int]
    head: str | None
    decision_date: date | None
    new_units: dict[str, str] = field(default_factory=dict)
    seen: dict[tuple[str, str], int] = field(default_factory=dict)
    head_line: int | None = None
    # (folded position, unit id) of current members → name; (position, unit) of rows → line
    positions: dict[tuple[str, int], str] = field(default_factory=dict)
    seen_positions: dict[tuple[str, str], int] = field(default_factory=dict)


def _check_row(s: Session, ctx: _Context, line: int, rec: dict[str, str]) -> ImportRow:
    check = _Checker()
    person: dict[str, Any] = {}
    for key in ("full_name", "position", "phone", "email"):  # each checked, so all are listed
        person.update(check(clean_person, {key: rec[key]}) or {})
    honorific = honorific_for(rec["gender"])
    if rec["gender"] and honorific is None:
        check.problems.append(
            tr('"Giới tính" không nhận giá trị "{value}" (Nam/Nữ hoặc Ông/Bà).').format(
                value=rec["gender"]
            )
        )
    role = check(parse_role, rec["role"]) if rec["role"] else None
    ms = {
        **(check(clean_membership, {"field": rec["field"]}) or {}),
        **(check(clean_membership, {"area": rec["area"]}) or {}),
    }
    number, decided = (
        (check(parse_decision, rec["decision"]) or (None, None))
        if rec["decision"]
        else (None, None)
    )
    decided = decided or (ctx.decision_date if number else None)
    if role is None and not rec["role"] and (rec["field"] or rec["area"] or rec["decision"]):
        check.problems.append(tr('Có lĩnh vực, địa bàn hoặc quyết định nhưng thiếu "Vai trò".'))

    unit_name = check(v.text, rec["unit"], "unit", tr("Đơn vị"), max_len=200) or ""
    unit = find_unit(s, unit_name) if unit_name else None
    creates_unit = bool(unit_name) and unit is None
    if unit is not None:
        unit_name = unit.name
        if not unit.active:
            target = s.get(Unit, unit.merged_into_id) if unit.merged_into_id else None
            check.problems.append(
                tr('Đơn vị "{name}" đã sáp nhập vào "{target}".').format(
                    name=unit.name, target=target.name
                )
                if target
                else tr('Đơn vị "{name}" đã ngừng hoạt động.').format(name=unit.name)
            )
    elif creates_unit:
        unit_name = ctx.new_units.setdefault(fold(unit_name), unit_name)

    name = person.get("full_name") or rec["full_name"]
    existing = None
    if name:
        key = (fold(name), fold(unit_name))
        if key in ctx.seen:
            check.problems.append(
                tr("Trùng với dòng {line} (cùng họ tên và đơn vị).").format(line=ctx.seen[key])
            )
        ctx.seen.setdefault(key, line)
        db_key = (fold(name), unit.id if unit is not None else None)
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
    holder = ctx.positions.get((fold(position), unit.id)) if unit is not None else None
    if holder is not None and fold(holder) != fold(name):
        out.append(
            tr(
                'Cảnh báo: "{other}" đang là thành viên với cùng chức vụ "{position}" ở "{unit}".'
            ).format(other=holder, position=position, unit=unit_name)
        )
    key = (fold(position), fold(unit_name))
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
    with db.session() as s:
        active = s.scalars(
            select(CommitteeMembership)
            .where(current_on(CommitteeMembership, date.today()))
            .options(joinedload(CommitteeMembership.person))
        ).all()
        ctx = _Context(
            members={
                (fold(m.person.full_name), m.person.unit_id): m.person.full_name for m in active
            },
            people={(fold(p.full_name), p.unit_id): p.id for p in s.scalars(select(Person))},
            head=next((m.person.full_name for m in active if m.role == CommitteeRole.HEAD), None),
            decision_date=decision_date,
            positions={
                (fold(m.person.position), m.person.unit_id): m.person.full_name
                for m in active
                if m.person.position and m.person.unit_id is not None
            },
        )
        rows = [_check_row(s, ctx, line, rec) for line, rec in records]
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
    """
    if not preview.ok:
        raise BcdError(
            tr("Tệp có {n} dòng lỗi; chưa ghi gì. Hãy sửa tệp rồi nhập lại.").format(
                n=preview.errors
            )
        )
    start = v.date_value(start_date, "start_date", tr("Ngày bắt đầu"), required=True)
    safety_backup(db, "before-import")
    with db.session() as s:
        # The file lists people as their decision does: that is their place in the roster,
        # after everyone already placed.
        placed = s.scalar(select(func.max(CommitteeMembership.sort_order))) or 0
        units: dict[str, int] = {}
        for name in preview.new_units:
            unit = find_unit(s, name) or add_unit_in(s, name, guess_unit_kind(name))
            units[fold(name)] = unit.id
        for row in preview.rows:
            unit_id = None
            if row.unit:
                unit_id = units.get(fold(row.unit)) or find_unit(s, row.unit).id  # type: ignore[union-attr]
            details = {
                "honorific": Honorific(row.honorific) if row.honorific else None,
                "position": row.position or None,
                "phone": row.phone or None,
                "email": row.email or None,
            }
            if row.existing_person_id is not None:
                person = s.get(Person, row.existing_person_id)
                if person is None:
                    raise BcdError(tr("Dòng {line}: người này vừa bị xóa.").format(line=row.line))
                for key, value in details.items():
                    if value is not None:
                        setattr(person, key, value)
            else:
                person = Person(full_name=row.full_name, unit_id=unit_id, **details)
                s.add(person)
            s.flush()
            if row.role:
                values = {
                    "role": CommitteeRole(row.role),
                    "field": row.field or None,
                    "area": row.area or None,
                    "decision_number": row.decision_number or None,
                    "decision_date": row.decision_date,
                    "start_date": start,
                    "sort_order": placed + row.line,
                }
                try:
                    appoint_in(s, CommitteeMembership, person.id, values)
                except ValidationError as exc:
                    raise ValidationError(
                        exc.field,
                        tr("Dòng {line}: {message}").format(line=row.line, message=exc.message),
                        label=exc.label,
                    ) from exc
    return len(preview.rows)


# --------------------------------------------------------------------------------------------
# Export and template
# --------------------------------------------------------------------------------------------

_GENDER = {"ong": "Nam", "ba": "Nữ"}


def _decision_text(number: str, day: date | None) -> str:
    if number and day:
        return f"{number} ngày {short_date(day)}"
    return number or (short_date(day) if day else "")


def export_roster(
    db: Database, path: str | os.PathLike[str], *, include_former: bool = False
) -> int:
    """Write the committee roster (by rank) to .xlsx or .csv; returns the number of members.

    The columns are the import columns (plus No. and dates), so an export can be edited and
    imported into another database.
    """
    file_format(path)
    rows = list_committee(db, include_former=include_former, sort="rank")
    headers = [
        "STT",
        HEADERS["full_name"],
        HEADERS["gender"],
        HEADERS["role"],
        HEADERS["position"],
        HEADERS["unit"],
        HEADERS["field"],
        HEADERS["area"],
        HEADERS["phone"],
        HEADERS["email"],
        HEADERS["decision"],
        "Từ ngày",
    ]
    if include_former:
        headers += ["Đến ngày", "Quyết định thôi"]
    with db.session() as s:
        honorifics = {
            pid: h.value
            for pid, h in s.execute(select(Person.id, Person.honorific))
            if h is not None
        }
    table = []
    for i, r in enumerate(rows, start=1):
        cells: list[Any] = [
            i,
            r.full_name,
            _GENDER.get(honorifics.get(r.person_id) or "", ""),
            r.role_label,
            r.position,
            r.unit,
            r.field,
            r.area,
            r.phone,
            r.email,
            _decision_text(r.decision_number, r.decision_date),
            r.start_date,
        ]
        if include_former:
            cells += [r.end_date, _decision_text(r.end_decision_number, r.end_decision_date)]
        table.append(cells)
    write_table(path, [tr(h) for h in headers], table, sheet_title=tr("Danh sách thành viên"))
    return len(rows)


def save_template(path: str | os.PathLike[str]) -> None:
    """A file to fill in: the import header row and one example row (.xlsx or .csv). The .xlsx
    has drop-down lists for gender and role, and a sheet explaining the columns."""
    headers = [tr(h) for _k, h in COLUMNS]
    keys = [k for k, _h in COLUMNS]
    roles = [lab for _m, lab in choices(CommitteeRole)]
    notes = [
        tr('Mỗi dòng là một người. Chỉ cột "Họ và tên" là bắt buộc.'),
        tr("Vai trò (để trống nếu chỉ thêm vào danh bạ): ") + ", ".join(roles) + ".",
        tr("Giới tính: Nam hoặc Nữ (hoặc Ông/Bà)."),
        tr("Đơn vị chưa có trong danh sách sẽ được tạo mới khi nhập."),
        tr('Quyết định: số và ngày, ví dụ "123/QĐ-UBND ngày 05/02/2026", hoặc chỉ số.'),
        tr("Lĩnh vực, địa bàn và quyết định chỉ dùng khi có vai trò."),
        tr("Xóa dòng ví dụ trước khi nhập."),
    ]
    write_table(
        path,
        headers,
        [[EXAMPLE[k] for k in keys]],
        sheet_title=tr("Danh sách thành viên"),
        choices={keys.index("gender"): ["Nam", "Nữ"], keys.index("role"): roles},
        notes=notes,
    )
