"""A read-only table model over plain row objects from the core.

The core hands the GUI frozen dataclasses (never live ORM objects), so a view can never trip
over a detached instance. Rows are exposed to the view in batches (``fetchMore``), so a
2,000-person roster paints at once and scrolls in as needed.

The model also sorts and filters (the search box), so neither costs a Python call per row
through a proxy: a keystroke is a few C-level passes over the rows' pre-folded search texts,
then one layout change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import compress, islice, repeat
from operator import contains, or_
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont

from ..core.search_words import exact_words, fold_words
from ..core.text import SearchQuery, fold, is_code
from .table_column import CellFolds, Column, display_value, folded_rows

# Column and display_value live in .table_column (this module kept under 500 lines) and are
# imported from here, with the model, as before.
__all__ = [
    "EXACT_SEARCH_ROLE",
    "ROW_ROLE",
    "SEARCH_ROLE",
    "SORT_ROLE",
    "Column",
    "RowTableModel",
    "display_value",
]

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (dates, Vietnamese names)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's folded search text
EXACT_SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4  # the same, diacritics kept (lower case)

Index = QModelIndex | QPersistentModelIndex


def _hits(texts: list[str], positions: Iterable[int], word: str) -> Iterable[bool]:
    """Whether each of ``positions`` (all of ``texts`` if a range) holds ``word``, in C."""
    if isinstance(positions, range):
        return map(contains, texts, repeat(word))
    return map(contains, map(texts.__getitem__, positions), repeat(word))


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_STYLE_ROLES = frozenset((int(Qt.ItemDataRole.FontRole), _FOREGROUND, _BACKGROUND))
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

_MUTED_COLOUR = QColor(128, 128, 128)
_FLAGGED_COLOUR = QColor(253, 236, 234)
_MUTED_FONT: QFont | None = None


def _muted_font() -> QFont:
    global _MUTED_FONT
    if _MUTED_FONT is None:  # a QFont needs the application: built on first use
        _MUTED_FONT = QFont()
        _MUTED_FONT.setItalic(True)
    return _MUTED_FONT


class RowTableModel(QAbstractTableModel):
    """Rows in batches, sorted and filtered here (not in a proxy): a search keystroke costs no
    Python call per row and no comparisons.

    ``rows()`` is always the loader's order, every row. The model's own rows are those the
    search (:meth:`set_query`) and the row filter (:meth:`set_row_filter`) keep, in the order
    of the last :meth:`sort` (the loader's order until then). The ``#`` column shows a row's
    position in the loader's order (the official rank), whatever the sort.
    """

    BATCH = 256
    # A list this long is folded for the search ahead, a chunk per idle moment after it is
    # shown, so the first letter typed does not wait for it (25,000 reports: some 70 ms on a
    # fast machine). A shorter one folds on the first letter in a few milliseconds.
    FOLD_AHEAD = 1000
    FOLD_CHUNK = 1000  # a few milliseconds

    def __init__(
        self,
        columns: Sequence[Column],
        parent: Any = None,
        *,
        muted: Callable[[Any], bool] | None = None,
        flagged: Callable[[Any], bool] | None = None,
    ) -> None:
        """``muted(row)`` true greys the row out (e.g. a former member kept for history);
        ``flagged(row)`` true gives it a light red background (e.g. an import row with errors)."""
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []  # the loader's order
        self._order: list[int] = []  # every index in _rows, sorted
        self._visible: list[int] = []  # model row -> index in _rows (_order, filtered)
        # Folded on the first search, not on every load: a list shown is not always searched.
        # Per index in _rows; complete once as long as _rows (folded ahead, or on a search).
        self._folded: list[str] = []
        self._cell_folds = CellFolds()  # while folding a load: its distinct cells, folded
        self._fold_timer: QTimer | None = None
        # Per index in _rows: its text and codes with diacritics, made on the first query typed
        # with diacritics (most searches have none).
        self._exact: tuple[list[str], list[str]] | None = None
        self._sorted_folded: list[str] | None = None  # per position in _order
        self._search_columns = [c for c in columns if c.searchable and c.key != "#"]
        # The same of the rows' codes (Column.codes): empty texts if no column has codes.
        self._code_columns = [c for c in columns if c.codes is not None]
        self._codes: list[str] = []
        self._sorted_codes: list[str] = []
        self._query = SearchQuery("")
        self._row_filter: Callable[[Any], bool] | None = None
        self._kept: list[bool] | None = None  # the row filter's answer per index in _rows
        self._ranks: dict[int, list[int]] = {}  # column -> rank per index in _rows
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._shown = 0
        self._all_shown = False  # show_all() or a search since the load: no more batches
        self.row_number_column = any(c.key == "#" for c in columns)
        self._alignments = [_RIGHT if c.align_right or c.key == "#" else _LEFT for c in columns]
        self._cache: dict[int, tuple[str | bool, ...]] = {}  # per index in _rows (_cells)
        self.muted = muted
        self.flagged = flagged

    # -- data in -------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row; the search, row filter and sort apply to the new rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self._cache = {}
        self._folded, self._codes = [], []  # before the search below folds any new row
        self._cell_folds = CellFolds()
        self._exact = None
        self._sorted_folded = None
        self._kept = None
        self._ranks = {}
        self._order = self._sorted_order(*self._sort)
        self._visible = self._filtered(self._order)
        self._all_shown = bool(self._query)
        self._shown = len(self._visible) if self._all_shown else min(len(self._visible), self.BATCH)
        self.endResetModel()
        if not self.search_ready() and len(self._rows) >= self.FOLD_AHEAD:
            self._fold_ahead()

    def total_rows(self) -> int:
        """How many rows were loaded (whatever the search hides)."""
        return len(self._rows)

    # -- searching -----------------------------------------------------------------------------
    def _searchable(self) -> list[Column]:
        return self._search_columns

    def _folded_texts(self) -> list[str]:
        self._fold(len(self._rows))
        return self._folded

    def _fold(self, up_to: int) -> None:
        """Fold the rows' texts up to row ``up_to`` (after those folded ahead already): once
        per load, so each keystroke compares plain ASCII strings."""
        rows = self._rows[len(self._folded) : up_to]
        # Column by column, each distinct cell and word folded once (folded_rows): 25,000
        # rows took a third of a second made cell by cell and folded letter by letter.
        self._folded.extend(folded_rows(self._search_columns, rows, self._cell_folds))
        if self._code_columns:
            codes = zip(*(list(map(c.codes, rows)) for c in self._code_columns), strict=True)
            self._codes.extend(map(fold_words, map(" ".join, codes)))  # type: ignore[arg-type]
        else:
            self._codes.extend(repeat("", len(rows)))
        if self.search_ready():
            self._cell_folds = CellFolds()  # every row folded: not needed until a reload

    def _code_text(self, row: Any) -> str:
        return " ".join(c.codes(row) for c in self._code_columns)  # type: ignore[misc]

    def search_ready(self) -> bool:
        """True once every row's text is folded: the next letter typed only compares."""
        return len(self._folded) == len(self._rows)

    def _fold_ahead(self) -> None:
        if self._fold_timer is None:
            self._fold_timer = QTimer(self)
            self._fold_timer.setSingleShot(True)
            self._fold_timer.timeout.connect(self._fold_some)
        self._fold_timer.start(0)

    def _fold_some(self) -> None:
        self._fold(len(self._folded) + self.FOLD_CHUNK)  # nothing left if a search folded it
        if not self.search_ready():
            self._fold_ahead()

    def _exact_texts(self) -> tuple[list[str], list[str]]:
        """Every row's text and codes with their diacritics (:func:`exact_words`), made on the
        first query typed with diacritics, column by column as the folded ones are: made row
        by row, 6,000 tasks held the first accented letter a fifth of a second."""
        if self._exact is None:
            rows = self._rows
            texts = list(folded_rows(self._search_columns, rows, CellFolds(exact_words)))
            codes: list[str] = [""] * len(rows)
            if self._code_columns:
                codes = list(map(exact_words, map(self._code_text, rows)))
            self._exact = (texts, codes)
        return self._exact

    def query(self) -> SearchQuery:
        return self._query

    def set_query(self, text: str | SearchQuery) -> None:
        """Keep only the rows matching the search box's text (:class:`SearchQuery`'s rule)."""
        query = text if isinstance(text, SearchQuery) else SearchQuery(text)
        if query == self._query:
            return
        self._query = query
        if query:
            self._all_shown = True  # the matches are few or wanted: no batches
        self._relayout(self._order)

    def set_row_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        """An extra predicate on the row object (e.g. hide former members)."""
        self._row_filter = predicate
        self._kept = None
        self._relayout(self._order)

    def refilter(self) -> None:
        """Ask the row filter again (what it depends on changed)."""
        self._kept = None
        self._relayout(self._order)

    def _filtered(self, order: list[int]) -> list[int]:
        """The indices of ``order`` the row filter and the query keep, in that order.

        ``order`` is ``self._order`` (its folded texts are cached per sort): each word is
        matched by ``map`` and ``compress`` over the texts, with no Python frame per row.
        """
        query = self._query
        if not query and self._row_filter is None:
            return order
        # Positions in ``order``, narrowed by the row filter, then word by word.
        positions: Iterable[int] = range(len(order))
        if self._row_filter is not None:
            if self._kept is None:
                keep = self._row_filter
                self._kept = [bool(keep(r)) for r in self._rows]
            positions = list(compress(positions, map(self._kept.__getitem__, order)))
        if not query:
            return list(map(order.__getitem__, positions))
        if self._sorted_folded is None:
            folded = self._folded_texts()
            self._sorted_folded = list(map(folded.__getitem__, order))
            self._sorted_codes = list(map(self._codes.__getitem__, order))
        texts, codes = self._sorted_folded, self._sorted_codes
        # Every word's plain letters, the longest first (it keeps the fewest rows for the
        # next). A word typed with diacritics is only ever found where its plain letters are,
        # so they narrow the rows too, in C, before the query's own rule reads what is left.
        plain = sorted({fold(w) for w in query.words}, key=len, reverse=True)
        for word in plain:
            hits = _hits(texts, positions, word)
            if self._code_columns and is_code(word):  # a number: in the text or the codes
                hits = map(or_, hits, _hits(codes, positions, word))
            positions = list(compress(positions, hits))
        if query.needs_exact:  # a word with diacritics: the query's own rule, on what is left
            exact, exact_codes = self._exact_texts()
            for pattern, code in query.marked:
                rows = list(map(order.__getitem__, positions))
                hits = map(bool, map(pattern.search, map(exact.__getitem__, rows)))
                if code and self._code_columns:  # a number: in the text or the codes
                    in_codes = map(bool, map(pattern.search, map(exact_codes.__getitem__, rows)))
                    hits = map(or_, hits, in_codes)
                positions = list(compress(positions, hits))
        return list(map(order.__getitem__, positions))

    def _relayout(self, order: list[int]) -> None:
        """Show the rows ``order`` keeps after filtering (``order`` becomes the sorted order),
        keeping the view's selection and current row on the same row objects."""
        if order is not self._order:
            self._order = order
            self._sorted_folded = None
        visible = self._filtered(order)
        shown = len(visible) if self._all_shown else min(len(visible), max(self._shown, self.BATCH))
        if shown == self._shown and visible == self._visible:
            return  # a letter that keeps the same rows: nothing to lay out or paint again
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = []
        if old:
            # One C-level dict, whatever the number of rows; only a few indices are persistent.
            row_of = dict(zip(visible, range(len(visible)), strict=True))
            for index in old:
                row = row_of.get(self._visible[index.row()], -1) if index.isValid() else -1
                shown = max(shown, row + 1)
                moved.append(self.createIndex(row, index.column()) if row >= 0 else QModelIndex())
        self._visible = visible
        self._shown = shown
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()

    # -- sorting -------------------------------------------------------------------------------
    def _key(self, index: int, column: int) -> Any:
        col = self._columns[column]
        if col.key == "#":
            return index
        if col.sort_key is not None:
            return col.sort_key(self._rows[index])
        value = col.raw(self._rows[index])
        return "" if value is None else value

    def sort_value(self, row: int, column: int) -> Any:
        """The value model row ``row`` sorts by in ``column`` (also the SORT_ROLE)."""
        return self._key(self._visible[row], column)

    def _ranks_for(self, column: int) -> list[int]:
        # Keys are computed once per column and load (a Vietnamese name key costs microseconds).
        ranks = self._ranks.get(column)
        if ranks is None:
            sort_key = self._columns[column].sort_key
            if sort_key is not None and self._columns[column].key != "#":  # one C-level pass
                keys = list(map(sort_key, self._rows))
            else:
                keys = [self._key(i, column) for i in range(len(self._rows))]
            try:
                order = sorted(range(len(keys)), key=keys.__getitem__)
            except TypeError:  # mixed types (None against a date): fall back to text
                order = sorted(range(len(keys)), key=lambda i: (keys[i] != "", str(keys[i])))
            # Each row's position in ``order`` (the inverse permutation), sorted in C.
            ranks = sorted(range(len(order)), key=order.__getitem__)
            self._ranks[column] = ranks
        return ranks

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        if column < 0 or column >= len(self._columns):
            return list(range(len(self._rows)))
        ranks = self._ranks_for(column)
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(range(len(self._rows)), key=ranks.__getitem__, reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows (column -1: the loader's order); the view keeps its selection."""
        self._sort = (column, order)
        new_order = self._sorted_order(column, order)
        if new_order == self._order:
            return
        self._relayout(new_order)

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    def find_row(self, predicate: Callable[[Any], bool]) -> int:
        """The model row of the first shown row object matching ``predicate``, or -1."""
        for row, index in enumerate(self._visible):
            if predicate(self._rows[index]):
                return row
        return -1

    def rows(self) -> list[Any]:
        """Every row object in the loader's order (whatever the sort and the search)."""
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        """The row object at model row ``row``."""
        return self._rows[self._visible[row]]

    def source_index(self, row: int) -> int:
        """Where model row ``row`` is in :meth:`rows`."""
        return self._visible[row]

    def row_near(self, source_index: int) -> int:
        """The model row of the ``rows()[source_index]`` or, when it is hidden, of the first
        shown row after its place in the sort (the last shown row if none follows); -1 if no
        row is shown. The row a view makes current when the search hides its current row."""
        if not self._visible:
            return -1
        shown = set(self._visible)
        if source_index not in shown:
            start = self._order.index(source_index) + 1
            following = (i for i in islice(self._order, start, None) if i in shown)
            source_index = next(following, self._visible[-1])
        row = self._visible.index(source_index)
        if row >= self._shown:
            self.show_all()
        return row

    def columns(self) -> list[Column]:
        return list(self._columns)

    # -- Qt overrides ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._visible)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        extra = min(self.BATCH, len(self._visible) - self._shown)
        if extra <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + extra - 1)
        self._shown += extra
        self.endInsertRows()

    def show_all(self) -> None:
        """Expose every row at once (one insertion, not one per batch)."""
        self._all_shown = True
        if self._shown < len(self._visible):
            self.beginInsertRows(QModelIndex(), self._shown, len(self._visible) - 1)
            self._shown = len(self._visible)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every painted cell (seven or more per cell and paint), so
        # roles are plain integers and a row's texts are built once, on its first paint.
        if not index.isValid():
            return None
        row = index.row()
        if row >= self._shown:
            return None
        source_index = self._visible[row]
        if role == _DISPLAY:
            return self._cells(source_index)[index.column()]
        if role == _ALIGNMENT:
            return self._alignments[index.column()]
        if role in _STYLE_ROLES:  # font, foreground, background: from the row's flags
            muted, flagged = self._cells(source_index)[-2:]
            if role == _BACKGROUND:
                return _FLAGGED_COLOUR if flagged else None
            if not muted:
                return None
            return _MUTED_COLOUR if role == _FOREGROUND else _muted_font()
        col = self._columns[index.column()]
        obj = self._rows[source_index]
        if role == _DECORATION:
            return col.icon(obj) if col.icon is not None else None
        if role == _TOOLTIP:
            if col.tooltip is not None:
                return col.tooltip(obj) or None
            if col.key == "#":
                return None
            return self._cells(source_index)[index.column()] or None
        if role == ROW_ROLE:
            return obj
        if role == SORT_ROLE:
            return self.sort_value(row, index.column())
        if role == SEARCH_ROLE:
            return self._folded_texts()[source_index]
        if role == EXACT_SEARCH_ROLE:
            return self._exact_texts()[0][source_index]
        return None

    def _cells(self, source_index: int) -> tuple[str | bool, ...]:
        """A row's cell texts, then whether it is muted and whether it is flagged (cached
        until a load).

        One flat tuple of strings and booleans: the garbage collector stops tracking such a
        tuple at its first young pass, so the cache of a long scroll never grows the old
        generation. A list per row (two tracked objects with its tuple) did: scrolling through
        25,000 rows set off a full collection, which walks every object of the process, a
        fifth of a second at ten years of data.
        """
        cells = self._cache.get(source_index)
        if cells is None:
            obj = self._rows[source_index]
            cells = (
                *(str(source_index + 1) if c.key == "#" else c.text(obj) for c in self._columns),
                self.muted is not None and bool(self.muted(obj)),
                self.flagged is not None and bool(self.flagged(obj)),
            )
            self._cache[source_index] = cells
        return cells

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        if role == _TOOLTIP:
            return self._columns[section].header_tip or None
        return None
