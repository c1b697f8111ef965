"""The numbers of the units' own documents the demo quotes: the reports received in the rounds
(``Submission.document_number``), the reports of tasks done ("… báo cáo tại Văn bản số …"), the
standing member's proposal of a meeting ("Tờ trình số …").

A real office numbers its documents in one series a year, from 01 on 1 January, each number
once, rising with the date (Decree 30/2020, Article 15): "242/BC-VP" cannot be two reports of
one year, nor 408/BC-SNV of 25 August come before 254/BC-SNV of 5 September. The builder still
draws a number where it makes each document (dropping the draws would move the rest of the
demo), writes it and notes it here (:meth:`Numbering.quote`); at the end of the load
:meth:`Numbering.renumber` gives each unit's documents of a year their numbers in date order and
rewrites the stored numbers and the texts that quote them, the change log's included.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

# How many documents a unit issues a day, at least and at most: 0.7 to 1.5 of every kind (a
# Sở's reports, plans, letters), so that a report of early September is in the 300s.
_RATE_LOW, _RATE_STEPS = 0.7, 9


@dataclass
class Quoted:
    """One of a unit's documents, written into ``obj.field`` with the number ``drawn``."""

    unit: str  # the builder's key of the issuing unit (localities share the symbol UBND)
    symbol: str
    kind: str  # its type's abbreviation: BC, TTr
    on: date
    drawn: int
    obj: Any
    field: str

    def text(self, number: int) -> str:
        return f"{number:02d}/{self.kind}-{self.symbol}"


Edit = tuple[date, Any, dict[str, list[Any]]]


def _rate(unit: str) -> float:
    """The unit's documents a day: its own, fixed by its key (no draw from the demo's)."""
    return _RATE_LOW + (zlib.crc32(unit.encode()) % _RATE_STEPS) / 10


def _numbers(docs: list[Quoted]) -> list[int]:
    """The numbers of one unit's documents of one year, in date order (``docs`` sorted): about
    as far into the series as the day is into the year, the drawn number adding a little, and
    always above the one before."""
    rate, last, out = _rate(docs[0].unit), 0, []
    for q in docs:
        day = q.on.timetuple().tm_yday
        last = max(last + 1, math.ceil(day * rate) + q.drawn % 5)
        out.append(last)
    return out


class Numbering:
    """The units' documents as the builder makes them, numbered at the end."""

    def __init__(self) -> None:
        self.quoted: list[Quoted] = []

    def quote(
        self, unit: str, symbol: str, kind: str, on: date, drawn: int, obj: Any, field: str
    ) -> str:
        """Note the document and give the text to write now: ``<drawn>/<kind>-<symbol>``."""
        q = Quoted(unit, symbol, kind, on, drawn, obj, field)
        self.quoted.append(q)
        return f"{drawn}/{kind}-{symbol}"

    def renumber(self, edits: list[Edit]) -> None:
        """Number every unit's documents of a year in date order and rewrite them where they
        are written: the record's field and the change log's edits of that field."""
        series: dict[tuple[str, int], list[tuple[date, int, int]]] = defaultdict(list)
        for i, q in enumerate(self.quoted):
            series[q.unit, q.on.year].append((q.on, q.drawn, i))
        edited: dict[int, list[dict[str, list[Any]]]] = defaultdict(list)
        for _day, obj, changes in edits:
            edited[id(obj)].append(changes)
        for docs in series.values():
            ordered = [self.quoted[i] for *_, i in sorted(docs)]
            for q, number in zip(ordered, _numbers(ordered), strict=True):
                old = re.compile(rf"(?<!\d){re.escape(f'{q.drawn}/{q.kind}-{q.symbol}')}(?!\w)")
                new = q.text(number)
                setattr(q.obj, q.field, old.sub(new, getattr(q.obj, q.field)))
                for changes in edited[id(q.obj)]:
                    if q.field in changes:
                        changes[q.field] = [
                            old.sub(new, v) if isinstance(v, str) else v
                            for v in changes[q.field]
                        ]
