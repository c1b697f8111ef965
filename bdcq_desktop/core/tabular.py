"""Plain tables for the command line and spreadsheet export.

Dates have two forms: ISO (``2026-11-18``, ``2027-01-08T08:00``) in CSV and JSON, which
machines and spreadsheet imports read (:func:`plain`), and the Vietnamese office's
(``18/11/2026``, ``08/01/2027 08:00``) in the command line's tables and the text of its
``show`` commands (:func:`shown`), as the window and the documents write them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields, is_dataclass
from datetime import date, datetime
from typing import Any

from .i18n import tr

# A cell starting with one of these is run as a formula by spreadsheet programs
# (OWASP "CSV injection"); a leading apostrophe makes it plain text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def shown(value: Any, *, seconds: bool = False) -> Any:
    """``value`` as a person reads it: a date ``18/11/2026``, a date and time
    ``08/01/2027 08:00`` (``08:00:05`` with ``seconds``); anything else unchanged."""
    if isinstance(value, datetime):
        clock = f"{value:%H:%M:%S}" if seconds else f"{value:%H:%M}"
        return f"{shown(value.date())} {clock}"
    if isinstance(value, date):
        # 0001, not 1: a mistyped year is shown as typed (core.text.short_date).
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return value


def _human(value: Any) -> Any:
    """A table's cell: :func:`shown`, and a yes/no as Vietnamese reads it ("có", "không")."""
    if isinstance(value, bool):
        return tr("có") if value else tr("không")
    return shown(value)


def to_dicts(
    rows: Iterable[Any], columns: Sequence[str] | None = None, *, human: bool = False
) -> list[dict[str, Any]]:
    """``rows`` (dataclasses or mappings) as dicts of ``columns``, dates ISO (CSV, JSON) or,
    with ``human``, as :func:`shown` writes them (a table)."""
    convert = _human if human else plain
    out = []
    for row in rows:
        d = _fields_of(row, columns) if is_dataclass(row) else dict(row)
        if columns:
            d = {c: d.get(c) for c in columns}
        out.append({k: convert(v) for k, v in d.items()})
    return out


# Values asdict would only copy to an equal object (immutable): taken as they are.
_PLAIN = frozenset((str, int, float, bool, type(None), date, datetime))
_NAMES: dict[type, tuple[str, ...]] = {}


def _fields_of(row: Any, columns: Sequence[str] | None) -> dict[str, Any]:
    """``asdict(row)``, or the part of it ``columns`` asks for: its plain values read as they
    are, asdict's deep copy only for a row holding others (a tuple of rows). asdict copied
    each of 6,000 tasks' 20 fields for ``bdcq tasks list``, a third of its time."""
    names = _NAMES.get(type(row))
    if names is None:
        names = _NAMES[type(row)] = tuple(f.name for f in fields(row))
    wanted = names if not columns else [c for c in columns if c in names]
    d = {name: getattr(row, name) for name in wanted}
    if all(type(v) in _PLAIN for v in d.values()):
        return d
    return asdict(row)


def render_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def render_csv(rows: list[dict[str, Any]], headers: dict[str, str] | None = None) -> str:
    buf = io.StringIO()
    if not rows:
        return ""
    keys = list(rows[0])
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([headers.get(k, k) if headers else k for k in keys])
    for r in rows:
        writer.writerow([neutralise("" if r[k] is None else r[k]) for k in keys])
    return buf.getvalue()


def render_table(
    rows: list[dict[str, Any]], headers: dict[str, str] | None = None, whole: Sequence[str] = ()
) -> str:
    """``rows`` as columns at most 40 characters wide, but for the columns ``whole``: what
    is to be typed again (a file's name for ``bdcq restore``) is never cut."""
    if not rows:
        return ""
    keys = list(rows[0])
    cells = [[headers.get(k, k) if headers else k for k in keys]]
    for r in rows:
        cells.append(["" if r[k] is None else str(r[k]) for k in keys])
    widths = [
        max(len(row[i]) for row in cells) if key in whole
        else min(40, max(len(row[i]) for row in cells))
        for i, key in enumerate(keys)
    ]  # fmt: skip

    def fmt(row: list[str]) -> str:
        parts = []
        for text, w in zip(row, widths, strict=True):
            text = text if len(text) <= w else text[: w - 1] + "…"
            parts.append(text.ljust(w))
        return "  ".join(parts).rstrip()

    lines = [fmt(cells[0]), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in cells[1:]]
    return "\n".join(lines)
