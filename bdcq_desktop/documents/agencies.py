"""The committee's agencies by name and by short name, read once per document.

A position may name its agency by the short name on record ("Giám đốc Sở TT&TT"), and an
agency typed by hand for a guest or a walk-in may be that short name ("Sở TT&TT"): an official
document states an agency's name in full, and the same page names members of that agency by it
("Sở Thông tin và Truyền thông"), so both print the unit's name. Meeting, working-group and
roster documents alike go through :class:`Agencies`, so they print one agency one way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.models import Unit
from ..core.text import clean, fold
from .text import position_and_unit


@dataclass(frozen=True)
class Agencies:
    """``shorts``: folded unit name → its short name; ``names``: folded short name → the
    unit's name, for a short name only one unit bears (one two units share names neither)."""

    shorts: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def full(self, agency: str) -> str:
        """``agency`` by the unit's name when it is a unit's short name (compared without case
        and diacritics, whole: "Sở TT&TT", not "Phòng CĐS, Sở TT&TT"); else as given."""
        return self.names.get(fold(agency), agency) if agency else agency

    def short(self, agency: str) -> str:
        """The short name of the unit named ``agency`` ("" when none)."""
        return self.shorts.get(fold(agency), "")

    def title(self, position: str, agency: str) -> str:
        """:func:`.text.position_and_unit` with the agency by its full name and its short name
        known (a position naming the agency by it)."""
        unit = self.full(agency)
        return position_and_unit(position, unit, self.short(unit))


def agencies_of(s: Session) -> Agencies:
    """Every unit's name and short name (the few dozen units of a committee), retired ones too:
    a document of an earlier day names the agencies of that day."""
    rows = s.execute(select(Unit.name, Unit.short_name).where(Unit.short_name.is_not(None)))
    shorts: dict[str, str] = {}
    names: dict[str, str] = {}
    shared: set[str] = set()
    for name, short in rows:
        name, short = clean(name), clean(short)
        if not name or not short:
            continue
        shorts[fold(name)] = short
        key = fold(short)
        if key in names and fold(names[key]) != fold(name):
            shared.add(key)
        names[key] = name
    return Agencies(shorts, {k: v for k, v in names.items() if k not in shared})
