"""Choice lists for forms: vocabularies with Vietnamese labels, people and units from the core."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from ...core import members, units
from ...core.db import Database
from ...core.enums import CommitteeRole, GroupRole, Honorific, PersonKind
from ...core.honorifics import honorific_for
from ...core.labels import choices as vocabulary
from ...core.text import unit_search_text


def roles(body: str) -> list[tuple[Any, str]]:
    return vocabulary(CommitteeRole if body == "committee" else GroupRole)


def honorifics() -> list[tuple[Any, str]]:
    return vocabulary(Honorific)


def person_kinds(kinds: Iterable[PersonKind] | None = None) -> list[tuple[Any, str]]:
    wanted = set(kinds) if kinds is not None else set(PersonKind)
    return [(k, text) for k, text in vocabulary(PersonKind) if k in wanted]


def honorific_code(label_or_code: str | None) -> str:
    """PersonRow carries the label ("Ông"); the form's combo holds the code ("ong")."""
    found = honorific_for(label_or_code)
    return found.value if found is not None else ""


def person_label(p: members.PersonRow | members.PersonChoice) -> str:
    """``Nguyễn Văn An — Giám đốc, Sở Thông tin và Truyền thông``: enough to tell namesakes."""
    detail = ", ".join(x for x in (p.position, p.unit) if x)
    return f"{p.full_name} — {detail}" if detail else p.full_name


def people(
    db: Database, kinds: Iterable[PersonKind] | None = None
) -> list[tuple[Any, str, str]]:
    """Everyone (or the ``kinds`` given) for a person picker, each ``(id, label, also)``: the
    picker finds a person by their unit's short name too ("VNPT", "Sở KHCN"), as the lists'
    search boxes and the invite dialog do (:func:`person_also`)."""
    rows = members.person_choices(db, kinds=set(kinds) if kinds else None)
    return [(p.id, person_label(p), person_also(p.unit_short)) for p in rows]


def person_also(unit_short: str) -> str:
    """What a picker finds a person by beyond their label: their unit's short name, with and
    without its signs, by the roster search's own rule
    (:func:`bdcq_desktop.core.text.unit_search_text`)."""
    return unit_search_text("", unit_short)


def role_items(offered: Iterable[Any]) -> list[tuple[Any, str, str]]:
    """The people a form offers for a role on a day (the Head and Deputies who approve or
    assign, the Tổ trưởng who convenes), each ``(id, "name — role", also)``: found by their
    unit's short name too (:func:`person_also`), as in the pickers of everyone. ``offered``:
    the core's candidates (``person_id``, ``name``, ``role_label``, ``unit_short``)."""
    return [(c.person_id, f"{c.name} — {c.role_label}", person_also(c.unit_short)) for c in offered]


def unit_choices(
    db: Database, keep: int | Collection[int] | None = None
) -> list[tuple[int, str, str]]:
    """Active units; a retired one only if it is ``keep`` (the value, or the values, already
    recorded: kept, never silently dropped). Each is ``(id, name, also)``: a picker finds it by
    ``also`` too, its short name with and without its signs ("Sở KH&CN", "Sở KHCN"), by the
    roster search's own rule (:func:`bdcq_desktop.core.text.unit_search_text`)."""
    kept = {keep} if isinstance(keep, int) else set(keep or ())
    rows = units.list_units(db, include_retired=bool(kept))
    return [
        (u.id, u.name, unit_search_text("", u.short_name))
        for u in rows
        if u.active or u.id in kept
    ]
