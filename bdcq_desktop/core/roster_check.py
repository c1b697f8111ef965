"""Checking a roster file before it is imported: every row with its problems and warnings.

The first step of an import (:func:`preview_import`) reads the file and checks each row against
the database and the rows before it, writing nothing; :mod:`.roster_io` writes what was checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from . import validation as v
from .db import Database
from .errors import BcdError, ValidationError
from .honorifics import honorific_for
from .i18n import tr
from .members import clean_person
from .membership_rules import current_on, shares_day
from .memberships import clean_membership, parse_role
from .models import CommitteeMembership, CommitteeRole, Person, Unit
from .roster_cells import Checker, end_of, start_of
from .roster_files import FileColumn, Record, is_example, parse_decision, read_table
from .roster_keys import (
    Namesake,
    ambiguous,
    keyed,
    namesakes,
    old_key_problem,
    parse_key,
    successors,
    units_held,
)
from .roster_near import NearNames, near_warning, spelled_otherwise, spelling_warning
from .roster_rows import ImportPreview, ImportRow
from .text import excerpt, fold

_Term = tuple[date, date | None, str]


@dataclass
class _Context:
    """What the rows are checked against: the database (read once) and the rows before."""

    # person id → their committee terms: (start, end, name)
    terms: dict[int, list[_Term]]
    recorded: set[tuple[int, str, date, date | None]]  # (person id, role, start, end) of each
    # folded name → everyone of that name (roster_keys.Namesake); person id → their name
    people: dict[str, list[Namesake]]
    names: dict[int, str]
    by_uid: dict[str, int]  # person's uid (their "Mã người", roster_keys) → their id
    successor: dict[int, int]  # unit id → the unit it is now (roster_keys.successors)
    heads: list[_Term]  # every term of a Head
    decision_date: date | None
    units: dict[str, Unit]  # folded name or short name → unit, as find_unit matches them
    units_by_id: dict[int, Unit]
    near: NearNames  # who at a unit has a name a typo away from a row's (roster_near)
    columns: dict[str, FileColumn] = field(default_factory=dict)  # how the file was read
    new_units: dict[str, str] = field(default_factory=dict)
    # (folded name, folded unit) of the rows before → their terms (start, end, line)
    seen: dict[tuple[str, str], list[tuple[date, date | None, int]]] = field(
        default_factory=dict
    )
    head_rows: list[tuple[date, date | None, int]] = field(default_factory=list)
    today: date = field(default_factory=date.today)  # once, not per row
    # (folded position, unit id) of current members → name; (position, unit) of rows → line
    positions: dict[tuple[str, int], str] = field(default_factory=dict)
    seen_positions: dict[tuple[str, str], list[tuple[date, date | None, int, str]]] = field(
        default_factory=dict
    )


# Units, positions and roles repeat on every few rows of a roster: folded once each.
fold_repeated = lru_cache(maxsize=4096)(fold)


def unit_index(units: list[Unit]) -> dict[str, Unit]:
    """Folded name and short name → unit; the first unit wins, as in :func:`find_unit`."""
    index: dict[str, Unit] = {}
    for u in units:
        for name in (u.name, u.short_name):
            if name and fold(name):
                index.setdefault(fold(name), u)
    return index


def _refused_row(record: Record, problem: str, name: str = "") -> ImportRow:
    """A row refused as a whole: unreadable, or the template's example."""
    return ImportRow(
        line=record.line,
        full_name=name,
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
        problems=[problem],
        creates_unit=False,
    )


def _each_checked(
    check: Checker, clean: Any, rec: dict[str, str], keys: tuple[str, ...]
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
    check = Checker(ctx.columns)
    person = _each_checked(check, clean_person, rec, ("full_name", "position", "phone", "email"))
    honorific = honorific_for(rec["gender"])
    if rec["gender"] and honorific is None:
        check.add(
            "gender",
            tr("Giới tính"),
            tr('"Giới tính" không nhận giá trị "{value}" (Nam/Nữ hoặc Ông/Bà).').format(
                value=excerpt(rec["gender"])
            ),
        )
    role = check(parse_role, excerpt(rec["role"])) if rec["role"] else None
    ms = _each_checked(check, clean_membership, rec, ("field", "area"))
    number, decided = (
        (check(parse_decision, rec["decision"]) or (None, None))
        if rec["decision"]
        else (None, None)
    )
    decided = decided or (ctx.decision_date if number else None)
    start = start_of(check, rec["start_date"], decided)
    end, end_number, end_decided = (
        end_of(check, rec, start) if rec["end_date"] or rec["end_decision"] else (None, "", None)
    )
    if role is None and not rec["role"] and (
        rec["field"]
        or rec["area"]
        or rec["decision"]
        or rec["start_date"]
        or rec["end_date"]
        or rec["end_decision"]
    ):
        check.problems.append(
            tr(
                'Có lĩnh vực, địa bàn, quyết định, "Từ ngày" hoặc "Đến ngày" nhưng thiếu '
                '"Vai trò".'
            )
        )
    # The days the row's term covers, to be checked against the other terms: an undated row
    # is checked from today (apply_import checks it again from the start chosen for it).
    today = ctx.today
    term_start = start or (min(today, end) if end else today)
    term_end = end if role is not None else None

    unit_name = check(v.text, rec["unit"], "unit", tr("Đơn vị"), max_len=200) or ""
    unit = ctx.units.get(fold_repeated(unit_name)) if unit_name else None
    creates_unit = bool(unit_name) and unit is None
    retired = ""  # why the row's unit can take nobody: said once the row's person is known
    if unit is not None:
        unit_name = unit.name
        if not unit.active:
            target = ctx.units_by_id.get(unit.merged_into_id) if unit.merged_into_id else None
            retired = (
                tr('Đơn vị "{name}" đã sáp nhập vào "{target}".').format(
                    name=unit.name, target=target.name
                )
                if target
                else tr('Đơn vị "{name}" đã ngừng hoạt động.').format(name=unit.name)
            )
    elif creates_unit:
        unit_name = ctx.new_units.setdefault(fold_repeated(unit_name), unit_name)

    name = person.get("full_name") or excerpt(rec["full_name"])
    existing = None
    same_person_as = None
    new_name = ""
    unchanged = False
    parsed = parse_key(rec["person_key"]) if rec["person_key"] else None
    key_warnings: tuple[str, ...] = ()
    person_uid = ""  # the row's key, a uid nobody has here: the person made for it takes it
    if parsed is not None and parsed[0] == "old":
        check.add("person_key", tr("Mã người"), old_key_problem(excerpt(parsed[1])))
        parsed = None
    elif rec["person_key"] and parsed is None:
        check.add(
            "person_key",
            tr("Mã người"),
            tr(
                '"Mã người" không nhận giá trị "{value}": hãy ghi mã như danh sách thành '
                "viên hoặc tệp xuất danh sách ghi, hoặc để trống nếu là người mới."
            ).format(value=excerpt(rec["person_key"])),
        )
    if name:
        folded = fold(name)
        # Rows carrying one key are one person, whatever their names and units say.
        key = ("", f"{parsed[0]}:{parsed[1]}") if parsed else (folded, fold_repeated(unit_name))
        # The same name and unit again is the same person: refused unless it is another
        # term of theirs (an export of every term lists each), which shares no day with theirs.
        before = ctx.seen.setdefault(key, [])
        clash = next((n for s, e, n in before if shares_day(term_start, term_end, s, e)), None)
        if clash is not None:
            same = tr("cùng Mã người") if parsed else tr("cùng họ tên và đơn vị")
            check.problems.append(
                tr("Trùng với dòng {line} ({same}).").format(line=clash, same=same)
            )
        elif before:
            same_person_as = before[0][2]
        before.append((term_start, term_end, line))
        # A uid names its person here, under whatever name; an id only under theirs.
        existing, new_name, key_warnings = keyed(parsed, ctx.by_uid, ctx.names, name, folded)
        if parsed is not None and parsed[0] == "uid" and parsed[1] not in ctx.by_uid:
            person_uid = parsed[1]
        if existing is None and not creates_unit:
            found = namesakes(ctx.people, ctx.successor, folded, unit)
            if len(found) > 1:
                check.problems.append(ambiguous(name, unit_name, found))
            existing = found[0] if len(found) == 1 else None
            if existing is not None and spelled_otherwise(ctx.names[existing], name):
                # Matched by the letters, the name corrected in the file is not taken.
                key_warnings += (spelling_warning(existing, ctx.names[existing], name),)
            elif not found and unit is not None and same_person_as is None:
                near = ctx.near.near(folded, unit)
                if near:
                    pairs = [(pid, ctx.names[pid]) for pid in near]
                    key_warnings += (near_warning(name, pairs, unit_name),)
        # A term the database holds already, as the file gives it (an export imported back,
        # a file imported twice): nothing to add, nothing to refuse.
        unchanged = (
            existing is not None
            and role is not None
            and start is not None
            and (existing, role.value, start, end) in ctx.recorded
        )
        if unchanged:
            pass
        elif existing is not None and any(
            shares_day(term_start, term_end, s, e) for s, e, _n in ctx.terms.get(existing, ())
        ):
            check.problems.append(
                tr('"{name}" đã có trong danh sách thành viên Ban Chỉ đạo.').format(name=name)
            )
        elif existing is not None and role is None:
            check.problems.append(
                tr('"{name}" đã có trong danh sách người (ID người {id}).').format(
                    name=name, id=existing
                )
            )
    # A unit merged or retired takes no one new, but the past term of a person already recorded
    # was held there, and stays so.
    if retired and not unchanged and (existing is None or role is None or end is None):
        check.problems.append(retired)
    if role == CommitteeRole.HEAD and not unchanged:
        # One Head at a time: a former Head's ended term and today's Head do not clash.
        head = next(
            (n for s, e, n in ctx.heads if shares_day(term_start, term_end, s, e)), None
        )
        head_line = next(
            (n for s, e, n in ctx.head_rows if shares_day(term_start, term_end, s, e)), None
        )
        if head is not None:
            check.problems.append(tr("Đã có Trưởng ban đương nhiệm ({name}).").format(name=head))
        elif head_line is not None:
            check.problems.append(
                tr("Chỉ có một Trưởng ban (đã có ở dòng {line}).").format(line=head_line)
            )
        ctx.head_rows.append((term_start, term_end, line))
    # A person renamed by the file holds their post under the name recorded: not a second holder.
    known = ctx.names[existing] if new_name and existing is not None else name
    warnings = _position_warnings(
        ctx, (term_start, term_end, line), role, known, person.get("position"), unit, unit_name
    )
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
        same_person_as=same_person_as,
        warnings=warnings + key_warnings,
        unchanged=unchanged,
        new_name=new_name,
        person_uid=person_uid,
        start_date=start if role is not None else None,
        end_date=end if role is not None else None,
        end_decision_number=end_number if role is not None else "",
        end_decision_date=end_decided if role is not None else None,
    )


def _position_warnings(
    ctx: _Context,
    term: tuple[date, date | None, int],
    role: Any,
    name: str,
    position: str | None,
    unit: Unit | None,
    unit_name: str,
) -> tuple[str, ...]:
    """A member appointed to a position another member holds in the same unit at the same
    time (a second "Giám đốc Sở Y tế"): allowed, but worth a look. ``term``: the row's
    (start, end, line); a predecessor's ended term, or the person's own, is no second one."""
    if role is None or not position or not unit_name:
        return ()
    out = []
    start, end, line = term
    position_key = fold_repeated(position)
    holder = ctx.positions.get((position_key, unit.id)) if unit is not None else None
    today = ctx.today
    if holder is not None and fold(holder) != fold(name) and shares_day(start, end, today, today):
        out.append(
            tr(
                'Cảnh báo: "{other}" đang là thành viên với cùng chức vụ "{position}" ở "{unit}".'
            ).format(other=holder, position=position, unit=unit_name)
        )
    before = ctx.seen_positions.setdefault((position_key, fold_repeated(unit_name)), [])
    other = next(
        (n for s, e, n, who in before if who != fold(name) and shares_day(start, end, s, e)), None
    )
    if other is not None:
        out.append(
            tr('Cảnh báo: cùng chức vụ "{position}" ở "{unit}" với dòng {line}.').format(
                position=position, unit=unit_name, line=other
            )
        )
    before.append((start, end, line, fold(name)))
    return tuple(out)


def preview_import(
    db: Database, path: str | os.PathLike[str], *, decision_date: date | None = None
) -> ImportPreview:
    """Read and check a roster file, writing nothing. ``decision_date`` is used for rows whose
    "Quyết định" has a number but no date."""
    table = read_table(path)
    records = table.records
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
        # Every term, ended ones too: a row is checked against the terms it shares a day with.
        terms: dict[int, list[_Term]] = {}
        heads: list[_Term] = []
        recorded: set[tuple[int, str, date, date | None]] = set()
        for m in s.scalars(
            select(CommitteeMembership).options(joinedload(CommitteeMembership.person))
        ):
            term = (m.start_date, m.end_date, m.person.full_name)
            terms.setdefault(m.person_id, []).append(term)
            recorded.add((m.person_id, m.role.value, m.start_date, m.end_date))
            if m.role == CommitteeRole.HEAD:
                heads.append(term)
        names: dict[int, str] = {}
        now: dict[int, int | None] = {}
        by_name: dict[str, list[int]] = {}
        by_uid: dict[str, int] = {}
        for pid, full_name, unit_id, uid in s.execute(
            select(Person.id, Person.full_name, Person.unit_id, Person.uid).order_by(Person.id)
        ):
            by_name.setdefault(fold(full_name), []).append(pid)
            names[pid], now[pid] = full_name, unit_id
            if uid:
                by_uid[uid] = pid
        # The units of the people the file may name, as recorded before (a person who left
        # has no unit now, yet the roster of their term lists theirs).
        named = {fold(r.values["full_name"]) for r in records if r.values["full_name"]}
        people = {name: by_name[name] for name in named if name in by_name}
        held = units_held(s, [pid for ids in people.values() for pid in ids])
        namesakes_of: dict[str, list[Namesake]] = {}
        for name, ids in people.items():
            for pid in ids:
                units_of = held.get(pid, set()) | ({now[pid]} if now[pid] is not None else set())
                namesakes_of.setdefault(name, []).append((pid, now[pid], frozenset(units_of)))
        by_id = {u.id: u for u in units}
        successor = successors(by_id)
        ctx = _Context(
            terms=terms,
            recorded=recorded,
            people=namesakes_of,
            names=names,
            by_uid=by_uid,
            successor=successor,
            near=NearNames(names, now, successor),
            heads=heads,
            decision_date=decision_date,
            units=unit_index(units),
            units_by_id=by_id,
            columns=table.columns,
            positions={
                (fold(m.person.position), m.person.unit_id): m.person.full_name
                for m in active
                if m.person.position and m.person.unit_id is not None
            },
        )
        rows = [_row(ctx, r) for r in records]
    used = {fold(r.unit) for r in rows if r.creates_unit}
    return ImportPreview(
        rows=rows,
        new_units=[n for k, n in ctx.new_units.items() if k in used],
        errors=sum(1 for r in rows if r.problems),
        ignored_columns=tuple(str(c) for c in table.ignored),
    )


def _row(ctx: _Context, record: Record) -> ImportRow:
    if record.problem:
        return _refused_row(record, record.problem)
    if is_example(record.values):
        # A made-up person: imported, they would count in every roster, quorum and list.
        name = record.values["full_name"]
        return _refused_row(
            record,
            tr(
                'Đây là dòng ví dụ của tệp mẫu ("{name}"), không phải người thật: hãy xóa '
                "dòng này khỏi tệp."
            ).format(name=name),
            name,
        )
    return _check_row(ctx, record.line, record.values)
