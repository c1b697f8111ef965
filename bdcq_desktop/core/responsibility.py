"""Who answers for which field in which area (phân công lĩnh vực × địa bàn): the matrix of the
committee's members, read from their memberships. Re-exported by :mod:`.members`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from .db import Database
from .i18n import tr
from .membership_rules import current_on
from .memberships import ROLE_RANK
from .models import CommitteeMembership, Person
from .text import fold, person_sort_key, vi_key

UNASSIGNED = "(Chưa phân công)"


@dataclass(frozen=True)
class Matrix:
    """Who answers for which field in which area (phân công lĩnh vực × địa bàn)."""

    fields: list[str]
    areas: list[str]
    cells: dict[tuple[str, str], list[str]]

    def get(self, field_name: str, area: str) -> list[str]:
        return self.cells.get((field_name, area), [])


_AREA_SPLIT = re.compile(r"[,;]")


def _ordered(names: dict[str, str]) -> list[str]:
    # Unassigned last; otherwise Vietnamese dictionary order.
    return sorted(names.values(), key=lambda n: (n == tr(UNASSIGNED), vi_key(n)))


def responsibility_matrix(db: Database, *, on: date | None = None) -> Matrix:
    """Field × area → names of the active committee members (on a date, if given).

    A member whose area lists several places ("Vinh, Cửa Lò; Nghi Lộc") appears under each;
    spellings differing only by case or diacritics are one column.
    """
    none = tr(UNASSIGNED)
    with db.session() as s:
        m = CommitteeMembership
        stmt = select(m.field, m.area, m.role, Person.full_name).join(m.person)
        stmt = stmt.where(current_on(m, on or date.today()))
        memberships = [tuple(row) for row in s.execute(stmt)]
    memberships.sort(key=lambda t: (ROLE_RANK[t[2]], person_sort_key(t[3])))
    fields: dict[str, str] = {}
    areas: dict[str, str] = {}
    cells: dict[tuple[str, str], list[str]] = {}
    for field_text, area_text, _role, name in memberships:
        f = field_text or none
        fields.setdefault(fold(f), f)
        places = [p.strip() for p in _AREA_SPLIT.split(area_text or "") if p.strip()] or [none]
        for place in places:
            areas.setdefault(fold(place), place)
            key = (fields[fold(f)], areas[fold(place)])
            if name not in cells.setdefault(key, []):
                cells[key].append(name)
    return Matrix(_ordered(fields), _ordered(areas), cells)
