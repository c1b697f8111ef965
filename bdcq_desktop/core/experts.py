"""Lists of people: everyone (the pickers, the directory) and the experts view (headless).

Each row carries ``has_history`` from the same query (:func:`.person_history.people_with_history`),
so the screen can enable "Xóa" without asking the database per selected row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select

from .db import Database
from .labels import label
from .models import CommitteeMembership, GroupMembership, Person, PersonKind, Unit
from .people import EXPERT_KINDS as EXPERT_KINDS  # the forms' order
from .people import PersonRow
from .person_history import people_with_history
from .text import SearchQuery, fold, person_sort_key, unit_search_text


def list_people(
    db: Database,
    *,
    kinds: set[PersonKind] | None = None,
    search: str | None = None,
    unplaced: bool = False,
) -> list[PersonRow]:
    """Everyone, or the ``kinds`` given; ``unplaced`` adds the officials of no body (see
    :func:`list_experts`)."""
    with db.session() as s:
        # Only the listed columns, the unit's name joined in: no person or unit entities.
        stmt = select(
            Person.id,
            Person.full_name,
            Person.honorific,
            Person.position,
            Unit.name,
            Person.unit_id,
            Person.phone,
            Person.email,
            Person.kind,
            Person.version,
            Person.notes,
            Unit.short_name,
            Person.uid,
        ).outerjoin(Unit, Unit.id == Person.unit_id)
        if kinds:
            wanted = Person.kind.in_(kinds)
            if unplaced:
                wanted |= (Person.kind == PersonKind.OFFICIAL) & ~in_a_body()
            stmt = stmt.where(wanted)
        tied = people_with_history(s)
        rows = [
            PersonRow(
                id=pid,
                full_name=name,
                honorific=label(honorific),
                position=position or "",
                unit=unit or "",
                unit_id=unit_id,
                phone=phone or "",
                email=email or "",
                kind=kind.value,
                kind_label=label(kind),
                version=version,
                notes=notes or "",
                has_history=pid in tied,
                unit_short=short or "",
                uid=uid or "",
            )
            for (
                pid, name, honorific, position, unit, unit_id, phone, email, kind, version, notes,
                short, uid,
            ) in s.execute(stmt)
        ]
    if search:  # the search boxes' rule: diacritics typed must match (text.SearchQuery)
        query = SearchQuery(search)
        # The unit by its short name too, as the roster's search finds it ("BHXH", "Sở KHCN").
        rows = [
            r
            for r in rows
            if query.finds(r.full_name, r.position, unit_search_text(r.unit, r.unit_short))
        ]
    return sorted(rows, key=lambda r: (person_sort_key(r.full_name), r.id))


def in_a_body() -> Any:
    """SQL: the person has, or had, a membership of the committee or the working group."""
    return exists().where(CommitteeMembership.person_id == Person.id) | exists().where(
        GroupMembership.person_id == Person.id
    )


def list_experts(db: Database, search: str | None = None) -> list[PersonRow]:
    """The directory (danh bạ): experts, scientists and guests (chuyên gia, nhà khoa học,
    khách mời), and the officials who were never in the committee nor the working group (a
    roster row imported without a role: "chỉ thêm vào danh bạ", or the head of an agency
    invited to an expanded meeting). Every person is then in one list to find, correct or
    delete: the committee's (former members too), the working group's, or this one."""
    return list_people(db, kinds=set(EXPERT_KINDS), search=search, unplaced=True)


@dataclass(frozen=True)
class PersonChoice:
    """One person as a picker offers them: enough to tell namesakes apart."""

    id: int
    full_name: str
    position: str
    unit: str
    kind: str
    unit_short: str = ""  # the unit's short name: a search by "BHXH" finds its people


def person_choices(db: Database, *, kinds: set[PersonKind] | None = None) -> list[PersonChoice]:
    """Everyone (or the ``kinds`` given) for the pickers, in the directory's order: the list
    of :func:`list_people` without what a picker does not show (the history flag, the
    contact details). With 5,600 people on record, the pickers of one dialog read the people
    list three times: 0.2 s of the settings dialog's opening."""
    stmt = select(
        Person.id, Person.full_name, Person.position, Unit.name, Person.kind, Unit.short_name
    ).outerjoin(Unit, Unit.id == Person.unit_id)
    if kinds:
        stmt = stmt.where(Person.kind.in_(kinds))
    with db.session() as s:
        rows = [
            PersonChoice(pid, name, position or "", unit or "", kind.value, short or "")
            for pid, name, position, unit, kind, short in s.execute(stmt)
        ]
    return sorted(rows, key=lambda r: (person_sort_key(r.full_name), r.id))


def people_named(db: Database, name: str) -> list[PersonChoice]:
    """The people whose full name is ``name``, ignoring case and diacritics: a person given by
    name where an id is expected (a command's option, a setting). Several: namesakes, whom only
    their ids tell apart."""
    wanted = fold(name)
    return [p for p in person_choices(db) if fold(p.full_name) == wanted] if wanted else []
