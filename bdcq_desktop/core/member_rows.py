"""A roster's rows: one membership flattened for the tables, CSV and JSON
(:class:`MemberRow`), built from the columns of the roster query, the position and agency each
row shows (:func:`as_held`), and the official roster order (:func:`sort_rows`).

Nothing here imports the database layer: the same rows are built by :mod:`.members` from
SQLAlchemy's read and by :mod:`.first_screen` from the standard library's, before SQLAlchemy
is imported at a start (the committee roster is the first screen the officer waits for).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from .labels import label
from .membership_rules import is_current, roster_key
from .records_on import RecordsOn
from .text import address_name, person_sort_key, phone_search_text, unit_search_text


@dataclass(frozen=True)
class MemberRow:
    """One membership, flattened for tables, CSV and JSON."""

    id: int  # membership id
    person_id: int
    full_name: str
    honorific: str
    role: str  # code: head, deputy_head...
    role_label: str
    position: str
    unit: str
    unit_id: int | None
    field: str
    area: str
    phone: str
    email: str
    decision_number: str
    decision_date: date | None
    start_date: date
    end_date: date | None
    active: bool  # current today (membership_rules: the end date is the last day)
    version: int  # the membership's
    end_decision_number: str = ""
    end_decision_date: date | None = None
    position_at_start: str = ""
    body: str = "committee"  # or "group": ranks differ ("member" is 3rd in the group)
    sort_order: int = 0  # place in the appointing decision's list; 0 = not placed
    # Nothing refers to the person: "Xóa người nhập nhầm" may delete them with their
    # memberships (member_removal). Computed by the list query; False where not computed.
    deletable: bool = False
    # A membership is itself history, so True on rosters; what may still be removed as a
    # mistake is ``deletable``.
    has_history: bool = True
    # The person's own version (name, phone, e-mail live on the person, not the membership):
    # "Xóa người nhập nhầm" deletes the person, so it is guarded by both. 0: not read.
    person_version: int = 0
    unit_short: str = ""  # the unit's short name ("Sở KH&CN"): what officers search by
    # The person's "Mã người" (their uid): the key the roster export writes and the change
    # log shows, never two people's; ``person_id`` is the number the commands take.
    person_uid: str = ""


def search_words(r: MemberRow) -> tuple[str, ...]:
    """What a search of the roster looks at for a member (the search box, ``members list
    --search``): name, position, agency (with its short name), field, area and the name part
    of the e-mail address."""
    return (
        r.full_name,
        r.position,
        unit_search_text(r.unit, r.unit_short),
        r.field,
        r.area,
        address_name(r.email),
    )


def search_codes(r: MemberRow) -> tuple[str, ...]:
    """The member's codes, which only a word holding a digit or an @ looks at
    (:class:`.text.SearchQuery`): the appointing decision's number, the phone, the address."""
    return (r.decision_number, phone_search_text(r.phone), r.email)


def roster_rows(records: Iterable[Any], body: str, today: date) -> list[MemberRow]:
    """The rows of ``records``, the roster query's columns in its order (roles and honorifics
    as their enums, dates as dates); ``body`` is ``committee`` or ``group``."""
    return [
        MemberRow(
            id=mid,
            person_id=pid,
            full_name=name,
            honorific=label(honorific),
            role=role.value,
            role_label=label(role),
            position=position or "",
            unit=unit or "",
            unit_id=unit_id,
            field=field or "",
            area=area or "",
            phone=phone or "",
            email=email or "",
            decision_number=decision_number or "",
            decision_date=decision_date,
            start_date=start,
            end_date=end,
            active=is_current(start, end, today),
            version=version,
            end_decision_number=end_number or "",
            end_decision_date=end_date_decided,
            position_at_start=position_at_start or "",
            body=body,
            sort_order=sort_order or 0,
            deletable=bool(ok),
            person_version=person_version,
            unit_short=unit_short or "",
            person_uid=uid or "",
        )
        for (
            mid, pid, name, honorific, role, position, unit, unit_id, field, area, phone,
            email, decision_number, decision_date, start, end, version, end_number,
            end_date_decided, position_at_start, sort_order, ok, person_version, unit_short, uid,
        ) in records
    ]


def held_on(row: MemberRow, day: date) -> date:
    """The day whose position and agency ``row`` shows on a roster of ``day``: a term over by
    then, its last day; else ``day`` itself."""
    return min(row.end_date, day) if row.end_date is not None else day


def as_held(conn: Any, rows: list[MemberRow], day: date, today: date) -> list[MemberRow]:
    """``rows`` (a roster of ``day``) with the position and agency each person held on the
    row's day (:func:`held_on`), as the change log says (:class:`.records_on.RecordsOn`, the
    reader of every document of a past day), not today's: a promotion saved since must not
    rewrite a former term, nor the roster of a past day. ``conn``: a SQLAlchemy connection or
    the standard library's. Rows of today (or later) are today's record: nothing is read."""
    past = {r.id: held_on(r, day) for r in rows if held_on(r, day) < today}
    if not past:
        return rows
    log = RecordsOn(conn, {r.person_id for r in rows if r.id in past})
    out = []
    for r in rows:
        if r.id in past and r.person_id in log.person:
            position, unit = log.as_of(r.person_id, datetime.combine(past[r.id], time.max))
            r = replace(r, position=position or "", unit=unit or "")
        out.append(r)
    return out


def sort_rows(rows: list[MemberRow], sort: str = "rank") -> list[MemberRow]:
    """``rank``: the official roster order (:func:`.membership_rules.roster_key`: Head,
    Deputies, Standing Member, Members, Secretary, each in the decision's order), current
    members first; ``name``: Vietnamese order by given name. The screen, the command line
    and the roster document all sort through here."""
    if sort == "name":
        return sorted(rows, key=lambda r: (person_sort_key(r.full_name), r.id))
    return sorted(
        rows,
        key=lambda r: (
            not r.active,
            *roster_key(r.body, r.role, r.sort_order, r.full_name, r.id),
        ),
    )
