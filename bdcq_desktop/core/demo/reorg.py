"""The demo's units on a date: which exist, which one a unit became, how the demo words it.

Pure functions of the static lists (:mod:`.data_units`, :mod:`.data_reorg`): the builder asks
them for every date it writes, so a meeting, task or round of a date only ever names the units
of that date, and a demo whose two years start after the reorganisation has only the new units.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .data_reorg import (
    AREAS_AFTER,
    AREAS_RENAMED,
    CUA_LO_INTO_VINH,
    DISTRICT_COMMUNES,
    DISTRICT_HEIRS,
    HEAD_REPLACED,
    MERGED_INTO,
    MERGER,
    NEW_UNITS,
    TWO_LEVEL,
    WARDS,
    WORDING,
)

EVENTS = (CUA_LO_INTO_VINH, MERGER, TWO_LEVEL)
_SINCE = {key: since for key, *_, since in NEW_UNITS} | {f"p:{w}": TWO_LEVEL for w in WARDS}


def is_district(key: str) -> bool:
    return key.startswith("l:")


def is_locality(key: str) -> bool:
    return key.startswith(("l:", "p:"))


def since(key: str) -> date | None:
    """The first day of a unit created by the reorganisation (None: it was there before)."""
    return _SINCE.get(key)


def until(key: str) -> date | None:
    """The day a unit stopped (merged or retired), None while it goes on."""
    if key in MERGED_INTO:
        return MERGED_INTO[key][1]
    return TWO_LEVEL if is_district(key) else None


def exists_on(key: str, on: date) -> bool:
    start, end = since(key), until(key)
    return (start is None or start <= on) and (end is None or on < end)


def drawn_on(key: str, on: date) -> bool:
    """Whether the demo draws for ``key`` on ``on`` (a task given to one of the localities, a
    report asked of it): while it exists, and a district merged before the districts' end
    (Cửa Lò, into Vinh on 1/12/2024) until that end as well, as the demo did when it kept it
    till then. The caller discards such a draw (or gives the task to the unit that received
    the district), so that everything drawn after it comes out as before."""
    return exists_on(key, on) or (is_district(key) and on < TWO_LEVEL)


def exists_between(key: str, first: date, last: date) -> bool:
    start, end = since(key), until(key)
    return (start is None or start <= last) and (end is None or first < end)


def key_on(key: str, on: date) -> str | None:
    """The unit that stood for ``key`` on ``on``: the unit itself, the one it was merged into,
    or the heir the demo gives a district; None for a district without one. Once the districts
    are gone a district's heir is its own, though it went into another district before (Cửa
    Lò's is phường Cửa Lò, not Vinh's)."""
    while not exists_on(key, on):
        if is_district(key) and key in DISTRICT_HEIRS and on >= TWO_LEVEL:
            key = DISTRICT_HEIRS[key]
        elif key in MERGED_INTO:
            key = MERGED_INTO[key][0]
        else:
            return None
    return key


def wording_on(text: str, on: date) -> str:
    """The demo's text as it was written on ``on`` (units and levels of that day)."""
    for day, pairs in WORDING:
        if on >= day:
            for old, new in pairs:
                text = text.replace(old, new)
    return text


def area_renamed(area: str | None, day: date) -> str | None:
    """An area as the kiện toàn of ``day`` wrote it (:data:`.data_reorg.AREAS_RENAMED`)."""
    renamed = AREAS_RENAMED.get(day, {})
    if area is None or not renamed:
        return area
    return "; ".join(renamed.get(part, part) for part in area.split("; "))


def area_after(area: str | None) -> str | None:
    """An area (địa bàn) once the districts are gone: "Huyện Nam Đàn" → "Các xã Nam Đàn, Vạn
    An, Thiên Nhẫn, Kim Liên, Đại Huệ" (the communes formed from it), a town or city → its
    wards."""
    if area is None:
        return None
    parts = []
    for part in area.split("; "):
        if part in AREAS_AFTER:
            parts.append(AREAS_AFTER[part])
        elif part.startswith("Huyện "):
            communes = DISTRICT_COMMUNES[part.removeprefix("Huyện ")]
            parts.append(f"Các xã {', '.join(communes)}")
        else:
            parts.append(part)
    # One sentence: "Các xã …; các xã …" (the later parts lower case, as written after "; ").
    return "; ".join([parts[0], *(x[0].lower() + x[1:] for x in parts[1:])])


@dataclass(frozen=True)
class Seat:
    """A seat on the committee or working group, as the decisions describe it: ``holder`` is
    "head" (whoever heads ``key``) or the slot of a named person ("standing", "secretary"...)."""

    slot: str
    key: str | None
    field: str
    area: str | None
    order: int
    holder: str = "head"


def _joined(a: str | None, b: str | None) -> str | None:
    if not a or a == "Toàn tỉnh" or not b:
        return a or b
    return a if b in a.split("; ") else f"{a}; {b}"


def seats_after(
    seats: list[Seat], day: date, head_moves: dict[str, tuple[str, bool]]
) -> list[Seat]:
    """The seats after the reorganisation of ``day``: a head whose unit merged keeps the seat
    only when they head the receiving unit, where the seats that go add their field and area;
    a named person follows their unit; the districts' seats go; an area renamed that day is
    renamed (Cửa Lò's, part of Vinh); after the districts the areas are the communes'. The new
    seats (the wards') are the caller's."""
    out: list[Seat] = []
    gone: list[tuple[Seat, str | None]] = []  # with the unit its field and area go to
    for seat in seats:
        key = seat.key
        merged_in = HEAD_REPLACED.get(key or "")
        if merged_in and seat.holder == "head" and until(merged_in) == day:
            gone.append((seat, key))  # the merged unit's head heads this one now
            continue
        if key is None or until(key) != day:
            out.append(seat)
            continue
        target = MERGED_INTO[key][0] if key in MERGED_INTO else None
        if target is not None and (seat.holder != "head" or head_moves[key][1]):
            out.append(replace(seat, key=target))
        else:
            gone.append((seat, target))
    for seat, target in gone:
        i = next(
            (i for i, o in enumerate(out) if o.key == target and o.holder == "head"), None
        )
        if target is not None and i is not None:
            other = out[i]
            field = _joined(other.field, seat.field) or ""
            out[i] = replace(other, field=field, area=_joined(other.area, seat.area))
    out = [replace(s, area=area_renamed(s.area, day)) for s in out]
    if day == TWO_LEVEL:
        out = [replace(s, area=area_after(s.area)) for s in out]
    return out
