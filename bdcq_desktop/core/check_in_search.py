"""Finding an invitee as the secretary types a name in the check-in box (the meeting room's
laptop): the invitees matching the letters, best first. See :mod:`.attendance` for the
attendance sheet itself."""

from __future__ import annotations

from collections.abc import Sequence

from .attendance import AttendanceRow, attendance_rows
from .db import Database
from .text import SearchQuery, exact_text, fold, unit_search_text


def _words(text: str) -> list[str]:
    return fold(text).split()


def _names(search: SearchQuery, query: list[str], person: str) -> bool:
    """Every typed word starts a word of ``person`` (one name, not name and post together),
    diacritics typed matching as in the search."""
    words = _words(person)
    return (
        bool(words)
        and all(any(word.startswith(w) for word in words) for w in query)
        and search.finds(person)
    )


def _rank(search: SearchQuery, query: list[str], row: AttendanceRow) -> int:
    """0: every typed word starts a word of the name, in order (``ng v an``); 1: each starts
    some word of the name, or each some word of the substitute's; 2: found only with the unit
    or position (a suggestion, never the one Enter checks in)."""
    name = _words(row.name)
    if len(query) <= len(name) and search.finds(row.name):
        # In order, from any word: "v an" for Nguyễn Văn An, and "an" alone for the given name.
        for start in range(len(name) - len(query) + 1):
            if all(name[start + k].startswith(w) for k, w in enumerate(query)):
                return 0
    if _names(search, query, row.name) or _names(search, query, row.substitute_name):
        return 1
    return 2


def match_invitees(
    db: Database, meeting_id: int, typed: str, *, limit: int = 10
) -> list[AttendanceRow]:
    """The invitees matching what was typed in the check-in box, best first: names whose words
    start with the typed letters, then other matches (unit, position); those not yet marked
    before those already checked in. Diacritics may be left out (``nguyen`` finds Nguyễn);
    typed with diacritics they must match (:class:`.text.SearchQuery`)."""
    return rank_matches(attendance_rows(db, meeting_id), typed, limit=limit)


def rank_matches(
    rows: Sequence[AttendanceRow], typed: str, *, limit: int = 10
) -> list[AttendanceRow]:
    """:func:`match_invitees` over a sheet already read (the check-in box matches on every
    keystroke against the sheet it shows, without a query each time)."""
    search = SearchQuery(typed)
    if not search:
        return []
    query = [fold(w) for w in search.words]
    found: list[tuple[int, int, int, AttendanceRow]] = []
    for row in rows:
        if row.takes_the_minutes:
            # The secretary serving the meeting is the one checking the others in, not one to
            # check in: a member of the same given name must not lose the match to them.
            continue
        # The unit by its short name too: "bhxh" finds the delegate of Bảo hiểm xã hội tỉnh.
        unit = unit_search_text(row.unit, row.unit_short)
        hay = f"{row.name} {row.substitute_name} {row.position} {unit}"
        if not search.matches(fold(hay), exact_text(hay)):
            continue
        found.append((_rank(search, query, row), row.status != "unknown", row.order, row))
    found.sort(key=lambda t: t[:3])
    return [t[3] for t in found[:limit]]


def name_matches(
    rows: Sequence[AttendanceRow], typed: str, *, limit: int = 10
) -> list[AttendanceRow]:
    """The matches a check-in box may check in, best first: those whose name (or the
    substitute's) has every typed word. A match through the post or unit alone is left out:
    "nguyen van phong", a guest not invited, must not check in Nguyễn Văn Quang, "Trưởng
    phòng…"; nobody is checked in and the walk-in keeps the typed name instead."""
    search = SearchQuery(typed)
    query = [fold(w) for w in search.words]
    # Name matches rank before post/unit ones, so those wanted are the first of the ranking.
    found = rank_matches(rows, typed, limit=len(rows))
    return [r for r in found if _rank(search, query, r) < 2][:limit]


def by_name(rows: Sequence[AttendanceRow], typed: str) -> AttendanceRow | None:
    """The invitee Enter in a check-in box checks in: the best of :func:`name_matches`, or
    None."""
    best = name_matches(rows, typed, limit=1)
    return best[0] if best else None
