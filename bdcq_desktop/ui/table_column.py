"""A column of a :class:`.table_model.RowTableModel`: which attribute of the row, its header,
how it shows, sorts and is searched; and how a plain value shows (:func:`display_value`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


def display_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


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
