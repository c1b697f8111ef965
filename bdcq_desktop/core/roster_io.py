"""Importing people into the roster from Excel or CSV, and exporting the roster.

An import is two steps: :func:`preview_import` (in :mod:`.roster_check`) reads the file and lists
every row with its problems (nothing is written), then :func:`apply_import` writes all rows in one
transaction, or nothing. Headers are matched ignoring case and diacritics, so ``HO VA TEN`` and
``Họ và tên`` are the same column; CSV files may be UTF-8 (with or without BOM) or Windows-1258,
which is what older Vietnamese Excel saves. This module is the roster's file API: the names of
the steps' modules are importable from here.
"""

from __future__ import annotations

import uuid
from datetime import date
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
from .locking import serialize
from .membership_rules import overlaps, shares_day
from .memberships import latest_start
from .models import (
    CommitteeMembership,
    CommitteeRole,
    Honorific,
    Person,
    PersonKind,
    Unit,
    utcnow,
)
from .named_copies import Correction, follow, post_of
from .roster_check import (
    ImportPreview,
    ImportRow,
    fold_repeated,
    preview_import,
    unit_index,
)
from .roster_export import export_roster, save_template
from .roster_files import (
    COLUMNS,
    HEADERS,
    file_format,
    parse_decision,
    read_people_file,
)
from .text import fold
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
    "undated_message",
]


def apply_import(
    db: Database, preview: ImportPreview, *, default_start: date | str | None = None
) -> int:
    """Write a checked import in one transaction (all rows or none); returns the rows written.

    Creates the new units, the people (a former member named again is reused, with the
    file's details), and a committee membership for every row with a role, from the row's own
    start (its "Từ ngày", else its decision's date: see :class:`ImportRow`). ``default_start``
    is the start the officer chose for the rows that give no date at all; without it such rows
    are refused by line, never started on a day nobody chose (today would make the members
    newer than the meetings they chaired). The rules the preview checked are checked again
    against the database as it is now, and the rows are written in bulk: the number of
    statements does not grow with the rows.
    """
    if not preview.ok:
        raise BcdError(
            tr("Tệp có {n} dòng lỗi; chưa ghi gì. Hãy sửa tệp rồi nhập lại.").format(
                n=preview.errors
            )
        )
    fallback = v.date_value(default_start, "start_date", tr("Ngày bắt đầu"))
    if fallback is not None:
        v.date_window(fallback, "start_date", tr("Ngày bắt đầu"), latest=latest_start())
    elif preview.undated:
        raise ValidationError("start_date", undated_message(preview.undated), label=tr("Từ ngày"))
    # The terms to add: a term recorded already (an export imported back) is left as it is.
    starts = {r.line: r.start_date or fallback for r in preview.rows if r.role and not r.unchanged}
    for row in preview.rows:
        # An ended term given no start of its own must not start after it ended.
        if row.line in starts and row.end_date is not None and row.start_date is None:
            try:
                v.date_order(
                    starts[row.line], row.end_date, "end_date", tr("Đến ngày"),
                    start_label=tr("Ngày bắt đầu"),
                )
            except ValidationError as exc:
                raise _row_error(row, exc.message) from exc
    safety_backup(db, "before-import")
    with db.session() as s:
        # The rules this import reads (the units' names, one Head, one membership a person)
        # are those the hand-made saves take turns on: an appointment or a unit saved by
        # another officer during the import is read, or waits for it.
        serialize(s, "rule:unit-name")
        serialize(s, f"rule:{CommitteeMembership.__tablename__}")
        # The file lists people as their decision does: that is their place in the roster,
        # after everyone already placed.
        placed = s.scalar(select(func.max(CommitteeMembership.sort_order))) or 0
        units = unit_index(list(s.scalars(select(Unit).order_by(Unit.id))))
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
        corrections: list[Correction] = []
        with s.no_autoflush:
            people = _people_for(s, preview.rows, units, corrections)
            _check_memberships(s, preview.rows, people, starts)
            # New people and memberships go in as plain batched INSERTs with keys taken
            # beforehand (see bulk.new_ids): the ORM's per-object bookkeeping would cost more than
            # the rest of the import.
            # A person with several terms in the file is one person, inserted once.
            new_people = list({id(p): p for p in people if isinstance(p, dict)}.values())
            for person, ident in zip(new_people, new_ids(s, Person, len(new_people)), strict=True):
                person["id"] = ident
            appointed = [
                (row, person)
                for row, person in zip(preview.rows, people, strict=True)
                if row.line in starts
            ]
            memberships = [
                {
                    "id": ident,
                    "person_id": _get(person, "id"),
                    "position_at_start": row.position or _get(person, "position"),
                    "role": CommitteeRole(row.role),
                    "field": row.field or None,
                    "area": row.area or None,
                    "decision_number": row.decision_number or None,
                    "decision_date": row.decision_date,
                    "start_date": starts[row.line],
                    "end_date": row.end_date,
                    "end_decision_number": row.end_decision_number or None,
                    "end_decision_date": row.end_decision_date,
                    "sort_order": placed + row.line,
                }
                for (row, person), ident in zip(
                    appointed, new_ids(s, CommitteeMembership, len(appointed)), strict=True
                )
            ]
        now = utcnow()
        insert_rows(s, Person, new_people, now)
        insert_rows(s, CommitteeMembership, memberships, now)
        # A former member's post updated from the file reaches the meetings still to come,
        # as an edit of the person does (:mod:`.named_copies`).
        s.flush()
        follow(s, corrections)
    return len(preview.rows)


def undated_message(lines: list[int]) -> str:
    """Why rows without any date cannot be written yet, naming them (the first ten)."""
    shown = ", ".join(str(n) for n in lines[:10]) + ("…" if len(lines) > 10 else "")
    return tr(
        'Dòng {lines}: có vai trò nhưng không có ngày bắt đầu ("Từ ngày" trống và '
        '"Quyết định" không ghi ngày). Hãy ghi ngày vào tệp hoặc chọn ngày bắt đầu cho '
        "các dòng này."
    ).format(lines=shown)


def _row_error(row: ImportRow, message: str) -> BcdError:
    return BcdError(tr("Dòng {line}: {message}").format(line=row.line, message=message))


def _people_for(
    s: Session, rows: list[ImportRow], units: dict[str, Unit], corrections: list[Correction]
) -> list[Person | dict[str, Any]]:
    """The person of every row: a former member reused (updated with the file's details, the
    change added to ``corrections``), the person of an earlier row for another term of theirs,
    or the values of a new one. A person's details are those of their latest term's row."""
    wanted = [r.existing_person_id for r in rows if r.existing_person_id is not None]
    existing = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(wanted)))}
    newest: dict[int, ImportRow] = {}
    for row in rows:
        pid = row.existing_person_id
        if pid is not None and (pid not in newest or _later(row, newest[pid])):
            newest[pid] = row
    people: list[Person | dict[str, Any]] = []
    by_line: dict[int, Person | dict[str, Any]] = {}
    latest: dict[int, date] = {}  # id() of a new person → the start of the row they are from
    for row in rows:
        if row.same_person_as is not None and row.existing_person_id is None:
            person = by_line[row.same_person_as]
            assert isinstance(person, dict)
            start = row.start_date or date.min
            if start >= latest.get(id(person), date.min):
                latest[id(person)] = start
                details = _details(row)
                person.update({k: value for k, value in details.items() if value is not None})
            by_line[row.line] = person
            people.append(person)
            continue
        unit = units.get(fold_repeated(row.unit)) if row.unit else None
        # The unit of a recorded person's past term is history: nobody is put there.
        placed_at = row.existing_person_id is None or (
            row is newest[row.existing_person_id] and row.end_date is None
        )
        if row.unit and placed_at and (unit is None or not unit.active):
            raise _row_error(
                row, tr('đơn vị "{name}" vừa bị xóa hoặc sáp nhập.').format(name=row.unit)
            )
        details = _details(row)
        if row.existing_person_id is not None:
            person = existing.get(row.existing_person_id)
            if person is None:
                raise BcdError(tr("Dòng {line}: người này vừa bị xóa.").format(line=row.line))
            # Only the person's latest term in the file says who they are now: an export of
            # every term lists their former posts (and units) too.
            if row is newest[person.id]:
                before = post_of(s, person)
                for key, value in details.items():
                    if value is not None:
                        setattr(person, key, value)
                if row.new_name:
                    person.full_name = row.new_name
                # A current term names the unit they are in now (Sở KH&CN after the merger).
                if unit is not None and placed_at and person.unit_id != unit.id:
                    person.unit_id = unit.id
                corrections.append(Correction(person.id, before, post_of(s, person)))
        else:
            person = {
                "full_name": row.full_name,
                # The file's key when nobody here has it (added on the room's copy), else new.
                "uid": row.person_uid or str(uuid.uuid4()),
                "unit_id": unit.id if unit else None,
                **details,
                "kind": PersonKind.OFFICIAL,
            }
            latest[id(person)] = row.start_date or date.min
        by_line[row.line] = person
        people.append(person)
    return people


def _later(row: ImportRow, than: ImportRow) -> bool:
    """Whether ``row`` is a later term of its person than ``than``: it starts later, or on the
    same day and is still current."""
    start, other = row.start_date or date.min, than.start_date or date.min
    return start > other or (start == other and row.end_date is None and than.end_date is not None)


def _details(row: ImportRow) -> dict[str, Any]:
    return {
        "honorific": Honorific(row.honorific) if row.honorific else None,
        "position": row.position or None,
        "phone": row.phone or None,
        "email": row.email or None,
    }


def _get(person: Person | dict[str, Any], key: str) -> Any:
    return person[key] if isinstance(person, dict) else getattr(person, key)


def _check_memberships(
    s: Session,
    rows: list[ImportRow],
    people: list[Person | dict[str, Any]],
    starts: dict[int, date | None],
) -> None:
    """The membership rules against the database as it is now: a person reused from the
    database may have been appointed since the preview, and so may a Head. As in
    :func:`memberships.appoint_in`, a membership counts if it shares a day with the new one
    (from the row's start to its end, if the row's term has ended)."""
    if not starts:
        return
    earliest = min(d for d in starts.values() if d is not None)
    found = list(
        s.scalars(
            select(CommitteeMembership)
            .where(overlaps(CommitteeMembership, earliest, None))
            .options(joinedload(CommitteeMembership.person))
        )
    )

    # Indexed once: a roster of thousands is checked row by row against thousands of
    # memberships, each on the row's own day.
    by_person: dict[int, list[CommitteeMembership]] = {}
    for m in found:
        by_person.setdefault(m.person_id, []).append(m)
    heads = [m for m in found if m.role == CommitteeRole.HEAD]

    def on(
        memberships: list[CommitteeMembership], day: date, end: date | None
    ) -> CommitteeMembership | None:
        return next(
            (m for m in memberships if shares_day(day, end, m.start_date, m.end_date)), None
        )

    # The terms of one person in the file (another term on a row of its own), by the person's
    # object: a start chosen for undated rows may make two of them share days.
    in_file: dict[int, list[tuple[date, date | None, int]]] = {}
    for row, person in zip(rows, people, strict=True):
        if row.line not in starts:
            continue
        day = starts[row.line]
        assert day is not None  # apply_import refused the undated rows
        terms = in_file.setdefault(id(person), [])
        clash = next((n for s_, e, n in terms if shares_day(day, row.end_date, s_, e)), None)
        if clash is not None:
            raise _row_error(
                row, tr("Trùng với dòng {line} (cùng họ tên và đơn vị).").format(line=clash)
            )
        terms.append((day, row.end_date, row.line))
        current = (
            on(by_person.get(person.id, []), day, row.end_date)
            if isinstance(person, Person)
            else None
        )
        if current is not None:
            raise _row_error(
                row,
                tr(
                    '"{name}" đang là {role} Ban Chỉ đạo; hãy kết thúc nhiệm kỳ hiện tại trước '
                    "khi phân công vai trò khác."
                ).format(name=current.person.full_name, role=label(current.role)),
            )
        head = on(heads, day, row.end_date) if row.role == CommitteeRole.HEAD else None
        if head is not None:
            raise _row_error(
                row,
                tr(
                    "Đã có Trưởng ban đương nhiệm ({name}); hãy kết thúc nhiệm kỳ người này "
                    "trước hoặc dùng kiện toàn."
                ).format(name=head.person.full_name),
            )
