"""Lists of people: everyone (the pickers, the directory) and the experts view (headless).

Each row carries ``has_history`` from the same query (:func:`.person_history.people_with_history`),
so the screen can enable "Xóa" without asking the database per selected row.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .db import Database
from .models import Person, PersonKind
from .people import PersonRow, person_row
from .person_history import people_with_history
from .text import SearchQuery, person_sort_key

EXPERT_KINDS = (PersonKind.EXPERT, PersonKind.SCIENTIST, PersonKind.GUEST)  # the forms' order


def list_people(
    db: Database, *, kinds: set[PersonKind] | None = None, search: str | None = None
) -> list[PersonRow]:
    with db.session() as s:
        stmt = select(Person).options(joinedload(Person.unit))
        if kinds:
            stmt = stmt.where(Person.kind.in_(kinds))
        tied = people_with_history(s)
        rows = [person_row(p, p.id in tied) for p in s.scalars(stmt)]
    if search:  # the search boxes' rule: diacritics typed must match (text.SearchQuery)
        query = SearchQuery(search)
        rows = [r for r in rows if query.finds(r.full_name, r.position, r.unit)]
    return sorted(rows, key=lambda r: (person_sort_key(r.full_name), r.id))


def list_experts(db: Database, search: str | None = None) -> list[PersonRow]:
    """Experts, scientists and guests (chuyên gia, nhà khoa học, khách mời)."""
    return list_people(db, kinds=set(EXPERT_KINDS), search=search)
