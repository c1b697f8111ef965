"""What a :class:`.table_model.RowTableModel`'s search looks in, row by row: each row's text
and codes folded (or with their diacritics), made for the rows asked for only, when asked.

A list of 25,000 rows took some 90 ms to make them all, which the first letter typed right
after the list was shown waited for. Made row by row as asked, the search goes through the
rows in the order they are shown a slice at a time, the first screen of matches painted after
the first slice (:meth:`.table_model.RowTableModel.set_query`), and an idle moment makes a
slice more.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import contains, is_, or_
from typing import Any

from ..core.search_words import exact_words, fold_words
from ..core.text import SearchQuery, is_code
from .table_column import CellFolds, Column, folded_rows


class RowTexts:
    """Per row (its index in the model's rows): the text of its searchable columns and the
    text of its codes, each made by ``how`` (:func:`..core.search_words.fold_words` or
    :func:`..core.search_words.exact_words`), ``None`` until :meth:`make` made it."""

    def __init__(
        self, columns: Sequence[Column], code_columns: Sequence[Column], how: Callable[[str], str]
    ) -> None:
        self._columns = list(columns)
        self._code_columns = list(code_columns)
        self._how = how
        self._rows: Sequence[Any] = ()
        self.texts: list[str | None] = []
        # Empty (never read) when no column has codes: a search then never looks at them.
        self.codes: list[str | None] = []
        self._made = 0
        # A column of dates, units or statuses holds a few hundred distinct texts over
        # thousands of rows: each made once per load, forgotten once every row is made.
        self._cells = CellFolds(how)

    def reset(self, rows: Sequence[Any]) -> None:
        """The texts of ``rows`` (the model's, which it never changes in place), none made
        (nor their lists, until a text is: most lists are never searched)."""
        self._rows = rows
        self.texts, self.codes = [], []
        self._made = 0
        self._cells = CellFolds(self._how)

    def ready(self) -> bool:
        """Every row's texts are made."""
        return self._made == len(self._rows)

    def make(self, indices: Sequence[int]) -> None:
        """Make the texts of the rows ``indices`` not made yet (in passes over the columns,
        each distinct cell text made once)."""
        if len(self.texts) != len(self._rows):
            self.texts = [None] * len(self._rows)
            self.codes = [None] * len(self._rows) if self._code_columns else []
        texts = self.texts
        todo = list(compress(indices, map(is_, map(texts.__getitem__, indices), repeat(None))))
        if not todo:
            return
        rows = list(map(self._rows.__getitem__, todo))
        # Stored a row at a time through C (a map of setitem), not a Python loop per row.
        deque(map(texts.__setitem__, todo, folded_rows(self._columns, rows, self._cells)), 0)
        if self._code_columns:
            per_column = (list(map(c.codes, rows)) for c in self._code_columns)  # type: ignore[arg-type]
            made = map(self._how, map(" ".join, zip(*per_column, strict=True)))
            deque(map(self.codes.__setitem__, todo, made), 0)
        self._made += len(todo)
        if self.ready():
            self._cells = CellFolds(self._how)  # every row made: not needed until a reload


def _hits(texts: list[Any], positions: Iterable[int], word: str) -> Iterable[bool]:
    """Whether each of ``positions`` (all of ``texts`` if a range) holds ``word``, in C."""
    if isinstance(positions, range):
        return map(contains, texts, repeat(word))
    return map(contains, map(texts.__getitem__, positions), repeat(word))


class RowSearch:
    """A model's rows as its search reads them: their texts folded and with diacritics
    (:class:`RowTexts`, made as a search reaches them), the row filter's answers, and, once
    every folded text is made, those texts in the order shown (a keystroke then goes through
    one list in C)."""

    def __init__(self, columns: Sequence[Column], code_columns: Sequence[Column]) -> None:
        self.plain = RowTexts(columns, code_columns, fold_words)
        # Made for the rows whose plain letters match a query typed with diacritics only
        # (most searches have none).
        self.exact = RowTexts(columns, code_columns, exact_words)
        self._has_codes = bool(code_columns)
        self._rows: Sequence[Any] = ()
        self.kept: list[bool] | None = None  # the row filter's answer per row, once asked
        # The folded texts and codes per position in an order (the order they are for).
        self._sorted: tuple[list[int], list[Any], list[Any]] | None = None

    def reset(self, rows: Sequence[Any]) -> None:
        self._rows = rows
        self.plain.reset(rows)
        self.exact.reset(rows)
        self.kept = None
        self._sorted = None

    def _texts(self, order: list[int], idx: list[int], start: int) -> tuple[list[Any], list[Any]]:
        """The folded texts and codes of the rows ``idx`` (``order[start:start + len(idx)]``),
        made now if they were not."""
        whole = idx is order
        if self._sorted is None or self._sorted[0] is not order:
            self._sorted = None
            if whole:
                self.plain.make(idx)
            if self.plain.ready():
                texts, codes = self.plain.texts, self.plain.codes
                in_codes = list(map(codes.__getitem__, order)) if self._has_codes else []
                self._sorted = (order, list(map(texts.__getitem__, order)), in_codes)
        if self._sorted is not None:
            _, texts, codes = self._sorted
            if whole:
                return texts, codes
            stop = start + len(idx)
            return texts[start:stop], codes[start:stop]
        self.plain.make(idx)
        texts = list(map(self.plain.texts.__getitem__, idx))
        codes = list(map(self.plain.codes.__getitem__, idx)) if self._has_codes else []
        return texts, codes

    def matches(
        self,
        order: list[int],
        start: int,
        stop: int,
        query: SearchQuery,
        words: Sequence[str],
        row_filter: Callable[[Any], bool] | None,
    ) -> list[int]:
        """The rows of ``order[start:stop]`` (indices in the rows) the row filter and ``query``
        keep, in that order; ``words`` are the query's words' plain letters, the longest first.

        Each word is matched by ``map`` and ``compress`` over the texts, with no Python frame
        per row. A list searched a slice at a time keeps exactly the rows of the whole: each
        row is kept or not by its own texts alone."""
        idx = order if start == 0 and stop == len(order) else order[start:stop]
        if not query and row_filter is None:
            return list(idx)
        positions: Iterable[int] = range(len(idx))
        if row_filter is not None:
            if self.kept is None:
                self.kept = [bool(row_filter(r)) for r in self._rows]
            positions = list(compress(positions, map(self.kept.__getitem__, idx)))
        if not query:
            return list(map(idx.__getitem__, positions))
        texts, codes = self._texts(order, idx, start)
        # A word typed with diacritics is only ever found where its plain letters are, so
        # they narrow the rows too, in C, before the query's own rule reads what is left.
        for word in words:
            hits = _hits(texts, positions, word)
            if self._has_codes and is_code(word):  # a number: in the text or the codes
                hits = map(or_, hits, _hits(codes, positions, word))
            positions = list(compress(positions, hits))
        rows = list(map(idx.__getitem__, positions))
        if query.needs_exact:  # a word with diacritics: the query's own rule, on what is left
            exact = self.exact
            exact.make(rows)
            for pattern, code in query.marked:
                found = map(bool, map(pattern.search, map(exact.texts.__getitem__, rows)))
                if code and self._has_codes:  # a number: in the text or the codes
                    in_codes = map(pattern.search, map(exact.codes.__getitem__, rows))
                    found = map(or_, found, map(bool, in_codes))
                rows = list(compress(rows, found))
        return rows
