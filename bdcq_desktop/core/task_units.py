"""Which unit a task counts for in the tasks list, and under which name and place: the unit
in charge, else the person's; for a task still open, the unit that received it if that unit
was merged by the day (:mod:`.succession`), named as taken over from it. The units' and the
meetings' names are read once (a few hundred rows each, :func:`lookups`) and looked up for each
of the thousands of tasks :mod:`.task_tracking` and :mod:`.task_first_rows` read, rather than
joined into every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, select

from .models import Meeting
from .succession import COLUMNS as UNIT_COLUMNS
from .succession import Succession, taken_from, taken_over
from .text import vi_key


class Lookup(dict[int, tuple[Any, Any]]):
    """Id to the next two columns of a small table's rows (all of them in ``rows``). An id it
    lacks (its row added while the tasks were being read) reads the table again, once; one
    still missing (its row deleted meanwhile) reads as (None, None), as the outer join did."""

    def __init__(self, conn: Connection, query: Select[Any]) -> None:
        super().__init__()
        self._conn = conn
        self._query = query
        self._read_again = True
        self._read()

    def _read(self) -> None:
        self.rows = self._conn.execute(self._query).all()
        self.update((row[0], (row[1], row[2])) for row in self.rows)

    def __missing__(self, key: int) -> tuple[Any, Any]:
        if self._read_again:
            self._read_again = False
            self._read()
            if key in self:
                return self[key]
        return (None, None)


def lookups(conn: Connection) -> tuple[Lookup, Lookup]:
    """The units' names and orders (with their merges, :func:`heirs_on`), the meetings'
    titles and starts, by id."""
    units = Lookup(conn, select(*UNIT_COLUMNS))
    return units, Lookup(conn, select(Meeting.id, Meeting.title, Meeting.starts_at))


def heirs_on(units: Lookup, day: date) -> dict[int, int]:
    """The units merged by ``day`` (of the units :func:`lookups` read), each with the unit
    answering for its open tasks then (:meth:`.succession.Succession.heirs`)."""
    return Succession(units.rows).heirs(day)


def unit_place(
    units: Mapping[int, tuple[Any, Any]],
    in_charge: int | None,
    person_unit: int | None,
    heirs: Mapping[int, int],
) -> tuple[int | None, str, tuple[bool, int, str]]:
    """The unit a task counts for, its name and the place of its tasks in the list; ``heirs``
    the merged units' successors to count it for (empty for a task done or cancelled)."""
    given = in_charge if in_charge is not None else person_unit
    if given is not None and given in heirs:
        in_charge, person_unit = heirs[given], None
    name, order = units[in_charge] if in_charge is not None else (None, None)
    other_name, other_order = units[person_unit] if person_unit is not None else (None, None)
    uid = in_charge if in_charge is not None else person_unit
    unit = name or other_name or ""
    rank = (order if name else other_order) or 0
    return uid, unit, (uid is None, rank, _name_key(unit))


def taken_name(
    units: Mapping[int, tuple[Any, Any]],
    in_charge: int | None,
    person_unit: int | None,
    heirs: Mapping[int, int],
) -> str:
    """The name of the merged unit a task was given to, if ``heirs`` count it for another."""
    given = in_charge if in_charge is not None else person_unit
    return (units[given][0] or "") if given is not None and given in heirs else ""


def focal_unit_name(units: Lookup, focal: int, is_open: bool, heirs: Mapping[int, int]) -> str:
    """The focal unit's name: for a task still open, that of the unit which received it if
    it was merged (named as taken over from it)."""
    name = units[focal][0] or ""
    if is_open and focal in heirs:
        return taken_over(units[heirs[focal]][0] or "", name)
    return name


def given_to_text(
    units: Mapping[int, tuple[Any, Any]],
    in_charge: int | None,
    person: str,
    is_open: bool,
    heirs: Mapping[int, int],
    note: str,
) -> str:
    """Whom a task was given to, as the documents word it: "unit (person)", or whichever is
    given (the unit in charge, not the person's). A task still open of a unit merged by the
    day names the unit that received it, "B (tiếp nhận từ A; person)"; one handed over by the
    day says whence and when (``note``, :meth:`.tasks_on.Handover.note`), "B (note; person)"."""
    unit = (units[in_charge][0] or "") if in_charge is not None else ""
    if is_open and in_charge in heirs:
        heir, merged = units[heirs[in_charge]][0] or "", unit
        unit = taken_over(heir, merged)
        if person and not note:  # one pair of brackets
            return f"{heir} ({taken_from(merged)}; {person})"
    if note and unit:
        return f"{unit} ({note}; {person})" if person else f"{unit} ({note})"
    if person and unit:
        return f"{unit} ({person})"
    return unit or person


# A unit name's sort key, made once per name (a few hundred units, asked for on every read).
_name_key = lru_cache(maxsize=4096)(vi_key)
