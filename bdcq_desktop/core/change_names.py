"""Names for the change log (headless): a logged reference read as the record it points at.

The log stores what the row held: ``unit_id: 6``, ``round_id: 21``. An officer reads "Sở Y tế"
and "Báo cáo quý IV/2026". :data:`REFERENCES` says which logged column of which table points
at which table (read from the models' foreign keys, so a new column is named without being
listed here); :class:`Names` names records the way the rest of the application does (a person
by full name, a meeting by its title and day…), read when the history is shown, so a renamed
unit shows its name of today. A record since deleted is named from the values its log lines
hold, marked "(đã xóa)", or by its number if the log never held them.

Batched: the records to name are gathered first, then read with one query per table (and one
on the change log for the tables with records gone), not one per line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .i18n import tr
from .labels import label
from .models import Base, ChangeAction, ChangeLog
from .text import excerpt, short_date

_CHUNK = 500  # ids per IN (...): far below the bound of any SQLite build
_DELETED = "(đã xóa)"


def _references() -> dict[tuple[str, str], str]:
    out = {}
    for table in Base.metadata.tables.values():
        for column in table.columns:
            targets = {fk.column.table.name for fk in column.foreign_keys}
            if len(targets) == 1 and len(table.primary_key.columns) == 1:
                out[(table.name, column.name)] = targets.pop()
    return out


# (logged table, column) → the table its value is a record of: ("submission", "unit_id") →
# "unit". Tables with a composite key (a regime's units, attendance days) are not named.
REFERENCES: dict[tuple[str, str], str] = _references()


def _vocabularies() -> dict[tuple[str, str], type[Enum]]:
    out = {}
    for table in Base.metadata.tables.values():
        for column in table.columns:
            enum_class = getattr(column.type, "enum_class", None)
            if enum_class is not None:
                out[(table.name, column.name)] = enum_class
    return out


# (logged table, column) → the vocabulary its codes are of, from the models' column types:
# the log keeps "leader", "present"; the history shows "Tổ trưởng", "Có mặt".
VOCABULARIES: dict[tuple[str, str], type[Enum]] = _vocabularies()


def _day(value: Any) -> str:
    """A date or time, from the database (a datetime) or the log (ISO text), as dd/mm/yyyy."""
    if isinstance(value, datetime):
        return short_date(value.date())
    if isinstance(value, date):
        return short_date(value)
    try:
        return short_date(datetime.fromisoformat(str(value)).date())
    except ValueError:
        return ""


@dataclass(frozen=True)
class Named:
    """A record's values (those its name is made of) and its name."""

    values: Mapping[str, Any]
    name: str


# The other records a name is made of, looked up by the resolver before the name is made.
Ref = Callable[[str, Any], "Named | None"]


def _text(*keys: str, cut: int = 0) -> Callable[[Mapping[str, Any], Ref], str]:
    def make(v: Mapping[str, Any], _ref: Ref) -> str:
        text = next((str(v[k]) for k in keys if v.get(k)), "")
        return excerpt(text, cut) if cut else text

    return make


def _of(column: str, table: str) -> Callable[[Mapping[str, Any], Ref], str]:
    """Named as the record ``column`` points at (a report by its unit, a member by the
    person)."""

    def make(v: Mapping[str, Any], ref: Ref) -> str:
        found = ref(table, v.get(column))
        return found.name if found else ""

    return make


def _meeting(v: Mapping[str, Any], _ref: Ref) -> str:
    day = _day(v.get("starts_at"))  # as meeting_text: "Họp Ban Chỉ đạo quý I (08/01/2026)"
    return f"{v.get('title') or ''} ({day})" if day else str(v.get("title") or "")


def _conclusion(v: Mapping[str, Any], ref: Ref) -> str:
    meeting = ref("meeting", v.get("meeting_id"))  # as the conclusion choices: day — text
    day = _day(meeting.values.get("starts_at")) if meeting else ""
    text = excerpt(v.get("text"), 60)
    return f"{day} — {text}" if day else text


def _invitee(v: Mapping[str, Any], ref: Ref) -> str:
    # As the invitee list (invitees.invitee_rows): the snapshot, the person, the guest, the unit.
    person = ref("person", v.get("person_id"))
    unit = ref("unit", v.get("unit_id"))
    name = v.get("name_snapshot") or (person.name if person else "") or v.get("guest_name")
    if not name and unit is not None:
        name = tr("Lãnh đạo {unit}").format(unit=unit.name)
    return str(name or "")


def _participant(v: Mapping[str, Any], ref: Ref) -> str:
    person = ref("person", v.get("person_id"))
    return str(v.get("name_snapshot") or (person.name if person else ""))


def _day_off(v: Mapping[str, Any], _ref: Ref) -> str:
    day = _day(v.get("day"))  # as the calendar lists it: "30/04/2026 — Ngày Chiến thắng"
    return f"{day} — {v.get('name') or ''}" if day else str(v.get("name") or "")


@dataclass(frozen=True)
class _Namer:
    columns: tuple[str, ...]  # read from the table (or from the log for a record gone)
    make: Callable[[Mapping[str, Any], Ref], str]
    refs: tuple[tuple[str, str], ...] = ()  # (column, table): named first


_NAMERS: dict[str, _Namer] = {
    "person": _Namer(("full_name",), _text("full_name")),
    "unit": _Namer(("name",), _text("name")),
    "organisation": _Namer(("committee_name",), _text("committee_name")),
    "meeting": _Namer(("title", "starts_at"), _meeting),
    "minutes": _Namer(("meeting_id",), _of("meeting_id", "meeting"), (("meeting_id", "meeting"),)),
    "agenda_item": _Namer(("title",), _text("title", cut=80)),
    "conclusion": _Namer(("meeting_id", "text"), _conclusion, (("meeting_id", "meeting"),)),
    "invitee": _Namer(
        ("name_snapshot", "guest_name", "person_id", "unit_id"),
        _invitee,
        (("person_id", "person"), ("unit_id", "unit")),
    ),
    "task": _Namer(("content",), _text("content", cut=60)),
    "task_event": _Namer(("task_id",), _of("task_id", "task"), (("task_id", "task"),)),
    "issued_document": _Namer(("symbol", "summary"), _text("symbol", "summary", cut=60)),
    "working_session": _Namer(("title",), _text("title")),
    "session_participant": _Namer(
        ("name_snapshot", "person_id"), _participant, (("person_id", "person"),)
    ),
    "session_output": _Namer(("title",), _text("title")),
    "reporting_regime": _Namer(("name",), _text("name")),
    "reporting_round": _Namer(("title",), _text("title")),
    "submission": _Namer(("unit_id",), _of("unit_id", "unit"), (("unit_id", "unit"),)),
    "committee_membership": _Namer(
        ("person_id",), _of("person_id", "person"), (("person_id", "person"),)
    ),
    "group_membership": _Namer(
        ("person_id",), _of("person_id", "person"), (("person_id", "person"),)
    ),
    "stored_file": _Namer(("name",), _text("name")),
    "day_off": _Namer(("day", "name"), _day_off),
}


def logged_values(lines: Iterable[tuple[ChangeAction, str | None]]) -> dict[str, Any]:
    """What a record held, rebuilt from its log lines oldest first (``(action, changes)``):
    the values it was created with, then each change; a delete line lists them all."""
    values: dict[str, Any] = {}
    for _action, changes in lines:
        try:
            data = json.loads(changes) if changes else {}
        except ValueError:
            continue
        if not isinstance(data, dict):
            continue
        for key, pair in data.items():
            before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            values[key] = after if after is not None else before
    return values


def deleted_name(name: str, record_id: int) -> str:
    return f"{name} {tr(_DELETED)}" if name else f"#{record_id} {tr(_DELETED)}"


class Names:
    """Names records of the logged tables, reading each table once for all that are asked.

    ``want`` what will be named, then ``load`` (inside a session), then ``name`` / ``of``.
    """

    def __init__(self) -> None:
        self._wanted: dict[str, set[int]] = {}
        self._asked: set[tuple[str, int]] = set()
        self._found: dict[tuple[str, int], Named] = {}
        self._gone: set[tuple[str, int]] = set()

    def want(self, table: str, record_id: Any) -> None:
        if table not in _NAMERS or not isinstance(record_id, int) or isinstance(record_id, bool):
            return
        if (table, record_id) not in self._asked:  # each record read once
            self._asked.add((table, record_id))
            self._wanted.setdefault(table, set()).add(record_id)

    def want_values(self, table: str, values: Mapping[str, Any]) -> None:
        """What naming a record from its logged ``values`` needs (a deleted report's unit)."""
        namer = _NAMERS.get(table)
        for column, target in namer.refs if namer else ():
            self.want(target, values.get(column))

    def load(self, s: Session) -> None:
        # Each round reads the tables asked for; the records their names are made of (a
        # report's unit, a conclusion's meeting) are asked in the next round.
        while self._wanted:
            wanted, self._wanted = self._wanted, {}
            for table, ids in wanted.items():
                for named_id, values in self._read(s, table, sorted(ids)):
                    self._found[(table, named_id)] = Named(values, "")
                    self.want_values(table, values)
        for key in list(self._found):
            self._name(key)

    def _read(self, s: Session, table: str, ids: list[int]) -> list[tuple[int, dict[str, Any]]]:
        cols = Base.metadata.tables[table].c
        names = _NAMERS[table].columns
        out: list[tuple[int, dict[str, Any]]] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            query = select(cols.id, *(cols[c] for c in names)).where(cols.id.in_(chunk))
            out += [(row[0], dict(zip(names, row[1:], strict=True))) for row in s.execute(query)]
        missing = sorted(set(ids) - {i for i, _ in out})
        if missing:  # deleted since: named from what its log lines held
            self._gone.update((table, i) for i in missing)
            lines: dict[int, list[tuple[ChangeAction, str | None]]] = {}
            for start in range(0, len(missing), _CHUNK):
                query = (
                    select(ChangeLog.record_id, ChangeLog.action, ChangeLog.changes)
                    .where(
                        ChangeLog.table_name == table,
                        ChangeLog.record_id.in_(missing[start : start + _CHUNK]),
                    )
                    .order_by(ChangeLog.id)
                )
                for rid, action, changes in s.execute(query):
                    if action == ChangeAction.INSERT:  # a number used again: its last record
                        lines[rid] = []
                    lines.setdefault(rid, []).append((action, changes))
            out += [(rid, logged_values(found)) for rid, found in lines.items()]
            out += [(rid, {}) for rid in missing if rid not in lines]
        return out

    def _name(self, key: tuple[str, int]) -> str:
        found = self._found.get(key)
        if found is None:
            return ""
        if not found.name:
            table = key[0]
            name = _NAMERS[table].make(found.values, self._ref) if found.values else ""
            if key in self._gone:
                name = deleted_name(name, key[1])
            found = self._found[key] = Named(found.values, name)
        return found.name

    def _ref(self, table: str, record_id: Any) -> Named | None:
        key = (table, record_id)
        if key not in self._found:
            return None
        self._name(key)
        return self._found[key]

    def of(self, table: str, record_id: Any) -> str:
        """The name of a record asked for and loaded; empty if it has none."""
        return self._name((table, record_id)) if isinstance(record_id, int) else ""

    def from_values(self, table: str, values: Mapping[str, Any]) -> str:
        """A record named from the ``values`` its log lines held (a child since deleted)."""
        namer = _NAMERS.get(table)
        return namer.make(values, self._ref) if namer and values else ""

    def reference(self, table: str, column: str, value: Any) -> str | None:
        """The name of the record a logged ``column`` of ``table`` points at, or None if the
        column is not a reference (or empty)."""
        vocabulary = VOCABULARIES.get((table, column))
        if vocabulary is not None and value is not None:
            try:
                return label(vocabulary(value)) or None
            except ValueError:  # a code no longer in the vocabulary: shown as logged
                return None
        target = REFERENCES.get((table, column))
        if target is None or value is None or target not in _NAMERS:
            return None
        return self.of(target, value) or None
