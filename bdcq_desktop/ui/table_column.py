"""A column of a :class:`.table_model.RowTableModel`: which attribute of the row, its header,
how it shows, sorts and is searched; and how a plain value shows (:func:`display_value`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import repeat
from operator import attrgetter
from typing import Any

from ..core.search_words import fold_words


def display_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return _day_text(value)
    return str(value)


# A day as shown, made once: strftime imports the time module at each call, through PySide's
# import hook here, and a list shows or searches thousands of dates (6,000 tasks: 60 ms).
_DAY_TEXTS: dict[date, str] = {}


def _day_text(day: date) -> str:
    text = _DAY_TEXTS.get(day)
    if text is None:
        if len(_DAY_TEXTS) >= 40_000:  # a century of days: a file of other dates never fills it
            _DAY_TEXTS.clear()
        text = _DAY_TEXTS[day] = day.strftime("%d/%m/%Y")
    return text


@dataclass(frozen=True)
class Column:
    """One column: which attribute, its header, and how it shows and sorts."""

    key: str
    title: str
    width: int = 120
    align_right: bool = False
    formatter: Callable[[Any], str] | None = None
    sort_key: Callable[[Any], Any] | None = None  # receives the row
    searchable: bool = True
    value: Callable[[Any], Any] | None = None  # receives the row; default: getattr(row, key)
    tooltip: Callable[[Any], str] | None = None  # receives the row; default: the cell text
    optional: bool = False  # hidden while empty on every row (see column_fit)
    icon: Callable[[Any], Any] | None = None  # receives the row; a QIcon beside the text
    # Read whole or not at all, as a date is (see column_fit): a short text whose end matters
    # ("… từ 01/12/2024"); the other columns give way to it.
    whole: bool = False
    # What the search looks at in this column when not its text (a unit's short name too).
    search: Callable[[Any], str] | None = None
    # Codes (a decision number, a phone): only a word with a digit or an @ looks at them
    # (text.SearchQuery), searchable or not, so "UBND" does not find every "…/QĐ-UBND".
    codes: Callable[[Any], str] | None = None
    # The header's tooltip: what a short title ("Xong", "Trễ") stands for, in full.
    header_tip: str = ""
    # Kept however many columns follow (see column_fit): the text a row is read by (a task's
    # content) stays readable, and the columns after it scroll sideways instead.
    min_width: int = 0

    def raw(self, row: Any) -> Any:
        return self.value(row) if self.value is not None else getattr(row, self.key, None)

    def text(self, row: Any) -> str:
        value = self.raw(row)
        return self.formatter(value) if self.formatter else display_value(value)

    def search_text(self, row: Any) -> str:
        return self.search(row) if self.search is not None else self.text(row)

    def search_texts(self, rows: Sequence[Any]) -> Iterable[str]:
        """:meth:`search_text` of each of ``rows``, in order, made in passes over the column
        (its attribute read in C, then its formatter) rather than four calls per cell: a
        list's first search made them for 25,000 rows at once."""
        if self.search is not None:
            return map(self.search, rows)
        if self.value is not None:
            values: Iterable[Any] = map(self.value, rows)
        else:
            try:
                values = list(map(attrgetter(self.key), rows))
            except AttributeError:  # a row without it shows nothing there, as raw() says
                values = [getattr(row, self.key, None) for row in rows]
        if self.formatter is not None:
            return map(self.formatter, values)
        return [v if v.__class__ is str else display_value(v) for v in values]  # a text as is


def row_texts(columns: Sequence[Column], rows: Sequence[Any]) -> Iterable[str]:
    """What a search looks at in each of ``rows``: its columns' :meth:`Column.search_text`,
    one space apart."""
    if not columns:
        return repeat("", len(rows))
    return map(" ".join, zip(*(list(c.search_texts(rows)) for c in columns), strict=True))


class CellFolds(dict[str, str]):
    """Each distinct cell text's :func:`..core.search_words.fold_words` (or ``how``'s), made once: a
    column of dates, units, statuses or sources holds a few hundred texts over thousands of
    rows."""

    def __init__(self, how: Callable[[str], str] = fold_words) -> None:
        super().__init__()
        self.how = how

    def __missing__(self, text: str) -> str:
        folded = self[text] = self.how(text)
        return folded


def folded_rows(
    columns: Sequence[Column], rows: Sequence[Any], folds: CellFolds
) -> Iterable[str]:
    """``folds.how`` of each of ``rows``' :func:`row_texts` (its words, as a search finds them),
    made column by column, each distinct cell text once (``folds``)."""
    if not columns:
        return repeat("", len(rows))
    get = folds.__getitem__
    return map(" ".join, zip(*(list(map(get, c.search_texts(rows))) for c in columns), strict=True))


def row_sort_value(column: Column, rows: Sequence[Any], index: int) -> Any:
    """What ``rows[index]`` sorts by in ``column`` (``#``: its place in ``rows``)."""
    if column.key == "#":
        return index
    if column.sort_key is not None:
        return column.sort_key(rows[index])
    value = column.raw(rows[index])
    return "" if value is None else value


def column_ranks(column: Column, rows: Sequence[Any]) -> list[int]:
    """Each row's rank in ``column``'s order (ties in ``rows``' order)."""
    if column.sort_key is not None and column.key != "#":  # one C-level pass
        keys = list(map(column.sort_key, rows))
    else:
        keys = [row_sort_value(column, rows, i) for i in range(len(rows))]
    try:
        order = sorted(range(len(keys)), key=keys.__getitem__)
    except TypeError:  # mixed types (None against a date): fall back to text
        order = sorted(range(len(keys)), key=lambda i: (keys[i] != "", str(keys[i])))
    # Each row's position in ``order`` (the inverse permutation), sorted in C.
    return sorted(range(len(order)), key=order.__getitem__)
