"""A read-only table model over plain row objects from the core.

The core hands the GUI frozen dataclasses (never live ORM objects), so a view can never trip
over a detached instance. Rows are exposed to the view in batches (``fetchMore``), so a
2,000-person roster paints at once and scrolls in as needed.

The model also sorts and filters (the search box), so neither costs a Python call per row
through a proxy: a keystroke is a few C-level passes over the rows' pre-folded search texts,
then one layout change. Before a long list's texts are all folded, a search goes through its
rows a slice at a time, its first matches painted at once (see SCAN_CHUNK).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from time import perf_counter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from ..core.collector import set_aside_long_lived
from ..core.text import SearchQuery, fold
from .search_texts import RowSearch
from .table_column import Column, column_ranks, display_value, row_sort_value

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

    search_done = Signal()  # the search went through every row it had (see searching())

    BATCH = 256
    # A list this long is folded for the search ahead, a chunk per idle moment after it is
    # shown, so that a letter typed later does not wait for it (25,000 reports: some 90 ms).
    # A shorter one folds on the first letter in a few milliseconds.
    FOLD_AHEAD = 1000
    FOLD_CHUNK = 1000  # a few milliseconds
    # A letter typed before that is done searches such a list in the order shown, SCAN_CHUNK
    # rows at a time (folded as reached): at once until a screen of matches (SCAN_SCREEN) or
    # SCAN_BUDGET seconds, then for at most SCAN_BUDGET per idle moment, so the window never
    # waits long for it; the matches found are added below those shown.
    SCAN_CHUNK = 250
    SCAN_SCREEN = 64
    SCAN_BUDGET = 0.004

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
        self._partial = 0  # how many of _rows' first in the sort are a longer list's (set_rows)
        self._order: list[int] = []  # every index in _rows, sorted
        self._visible: list[int] = []  # model row -> index in _rows (_order, filtered)
        # What the search reads, per index in _rows: folded as a search reaches a row or
        # ahead while idle, not on every load (a list shown is not always searched).
        self._search = RowSearch(
            [c for c in columns if c.searchable and c.key != "#"],
            [c for c in columns if c.codes is not None],
        )
        self._fold_next = 0  # where folding ahead goes on, in _rows
        self._timer: QTimer | None = None
        # While a search goes through the rows a slice at a time: the positions of _order
        # gone through (_visible holds the matches among them); None when it is done.
        self._scanned: int | None = None
        self._query = SearchQuery("")
        self._words: list[str] = []  # the query's words' plain letters, the longest first
        self._row_filter: Callable[[Any], bool] | None = None
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
    def set_rows(self, rows: Sequence[Any], *, partial: int = 0) -> None:
        """Replace every row; the search, row filter and sort apply to the new rows.

        ``partial``: the first ``partial`` rows in this sort are the first of a longer list
        being read (its first screen), the others only some of the rest: a search shows the
        matches among the first and is not done (:meth:`searching`) until the rows are set
        again."""
        self.beginResetModel()
        self._rows = list(rows)
        self._partial = partial
        if len(self._rows) >= self.FOLD_AHEAD and not partial:
            set_aside_long_lived()  # before the sort: no full collection walks them again
        self._cache = {}
        self._search.reset(self._rows)
        self._fold_next = 0
        self._ranks = {}
        self._order = self._sorted_order(*self._sort)
        self._visible = self._first_matches(0)
        self._all_shown = bool(self._query)
        self._shown = len(self._visible) if self._all_shown else min(len(self._visible), self.BATCH)
        self.endResetModel()
        self._go_on()

    def total_rows(self) -> int:
        """How many rows were loaded (whatever the search hides)."""
        return len(self._rows)

    # -- searching -----------------------------------------------------------------------------
    def search_ready(self) -> bool:
        """True once every row's text is folded: the next letter typed only compares."""
        return self._search.plain.ready()

    def searching(self) -> bool:
        """Whether the search is still going through the rows (or waits for the rest of
        partial rows): the rows shown are its first matches, others may follow (then
        ``search_done``)."""
        return self._scanned is not None or (self._partial > 0 and bool(self._query))

    def _scans(self) -> bool:
        """Whether a search goes through the rows a slice at a time (see SCAN_CHUNK)."""
        return self._partial > 0 or (len(self._rows) >= self.FOLD_AHEAD and not self.search_ready())

    def _go_on(self) -> None:
        """Keep the idle work going: the search's next slice, else rows folded ahead."""
        if self._scanned is None and (len(self._rows) < self.FOLD_AHEAD or self.search_ready()):
            return
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._idle)
        # A timer, not a posted call: the keys and paints waiting go first.
        self._timer.start(0)

    def _idle(self) -> None:
        if self._scanned is not None:
            self._scan(self.SCAN_BUDGET)
        else:
            stop = min(len(self._rows), self._fold_next + self.FOLD_CHUNK)
            self._search.plain.make(range(self._fold_next, stop))
            self._fold_next = stop
        self._go_on()

    def _matches(self, start: int, stop: int) -> list[int]:
        """The indices of ``_order[start:stop]`` the row filter and the query keep."""
        return self._search.matches(
            self._order, start, stop, self._query, self._words, self._row_filter
        )

    def _first_matches(self, through: int) -> list[int]:
        """What the row filter and the query keep of ``_order``: all of it; or, while a long
        list's texts are not all folded, its first rows' matches only, the search going
        through position ``through`` at least (the rows the view keeps must be decided), then
        until a screen of matches or SCAN_BUDGET; the rest found by :meth:`_scan`."""
        if not self._query or not self._scans():
            self._scanned = None
            return self._matches(0, len(self._order))
        return self._go_through(0, through, self.SCAN_SCREEN, self.SCAN_BUDGET)

    def _go_through(self, start: int, through: int, enough: int, budget: float | None) -> list[int]:
        """The matches of ``_order`` from ``start`` on, a chunk at a time: one chunk and through
        position ``through`` at least, then until ``enough`` of them or ``budget`` seconds
        (None: to the end). ``_scanned`` is left where it stopped (None at the end)."""
        total, found = min(len(self._order), self._partial or len(self._order)), []
        deadline = None if budget is None else perf_counter() + budget
        while start < total:
            stop = min(total, start + self.SCAN_CHUNK)
            found += self._matches(start, stop)
            start = stop
            if start >= through and (
                len(found) >= enough or (deadline is not None and perf_counter() >= deadline)
            ):
                break
        self._scanned = start if start < total else None
        return found

    def _scan(self, budget: float | None) -> None:
        """Go on through the rows for ``budget`` seconds (None: to the end), the matches found
        added below those shown; ``search_done`` when the end is reached."""
        if self._scanned is None:
            return
        self._visible.extend(self._go_through(self._scanned, 0, len(self._order) + 1, budget))
        # Shown a screen's worth as found, then the rest at the end (each insertion paints
        # the list again); the view fetches them before if scrolled down to them.
        if self._scanned is None:
            self._expose(len(self._visible))  # a search shows every match (no batches)
            self.search_done.emit()
        elif self._shown < self.BATCH:
            self._expose(self.BATCH)

    def finish_search(self) -> None:
        """Go through the rows left now: every match is wanted at once (an export)."""
        self._scan(None)

    def query(self) -> SearchQuery:
        return self._query

    def set_query(self, text: str | SearchQuery) -> None:
        """Keep only the rows matching the search box's text (:class:`SearchQuery`'s rule)."""
        query = text if isinstance(text, SearchQuery) else SearchQuery(text)
        if query == self._query:
            return
        self._query = query
        # Every word's plain letters, the longest first (it keeps the fewest rows for the next)
        self._words = sorted({fold(w) for w in query.words}, key=len, reverse=True)
        if query:
            self._all_shown = True  # the matches are few or wanted: no batches
        self._relayout(self._order)

    def set_row_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        """An extra predicate on the row object (e.g. hide former members)."""
        self._row_filter = predicate
        self._search.kept = None
        self._relayout(self._order)

    def refilter(self) -> None:
        """Ask the row filter again (what it depends on changed)."""
        self._search.kept = None
        self._relayout(self._order)

    def _relayout(self, order: list[int]) -> None:
        """Show the rows ``order`` keeps after filtering (``order`` becomes the sorted order),
        keeping the view's selection and current row on the same row objects."""
        self._order = order
        through = 0
        if scanning := bool(self._query) and self._scans():
            # The rows the view keeps (current, selected: known once told of the change, through
            # the proxy) are gone through first, to be kept or not as they will be.
            self.layoutAboutToBeChanged.emit()
            old = self.persistentIndexList()
            kept = {self._visible[i.row()] for i in old if i.isValid()}
            through = max(map(order.index, kept), default=-1) + 1
        visible = self._first_matches(through)
        shown = len(visible) if self._all_shown else min(len(visible), max(self._shown, self.BATCH))
        if not scanning:
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
        self._go_on()

    # -- sorting -------------------------------------------------------------------------------
    def sort_value(self, row: int, column: int) -> Any:
        """The value model row ``row`` sorts by in ``column`` (also the SORT_ROLE)."""
        return row_sort_value(self._columns[column], self._rows, self._visible[row])

    def _ranks_for(self, column: int) -> list[int]:
        # Computed once per column and load (a Vietnamese name key costs microseconds).
        ranks = self._ranks.get(column)
        if ranks is None:
            ranks = self._ranks[column] = column_ranks(self._columns[column], self._rows)
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
        """The model row of the first shown row object matching ``predicate``, or -1 (a search
        under way goes on until it is found)."""
        start = 0
        while True:
            for row in range(start, len(self._visible)):
                if predicate(self._rows[self._visible[row]]):
                    return row
            if self._scanned is None:
                return -1
            start = len(self._visible)
            self._scan(self.SCAN_BUDGET)

    def rows(self) -> list[Any]:
        """Every row object in the loader's order (whatever the sort and the search)."""
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        """The row object at model row ``row``."""
        return self._rows[self._visible[row]]

    def source_index(self, row: int) -> int:
        """Where model row ``row`` is in :meth:`rows`."""
        return self._visible[row]

    def row_near(self, source_index: int, *, wait: bool = True) -> int | None:
        """The model row of the ``rows()[source_index]`` or, when it is hidden, of the first
        shown row after its place in the sort (the last shown row if none follows); -1 if no
        row is shown. The row a view makes current when the search hides its current row.
        A search under way goes on until that row is known; not ``wait``: None if no match
        follows among the rows gone through (known at ``search_done``, not by going through
        every row left in one keystroke)."""
        place = self._order.index(source_index)
        while self._scanned is not None and self._scanned <= place:
            self._scan(self.SCAN_BUDGET)
        if source_index not in self._visible:
            # The rows kept are in the sort's order: those up to its place, then the next.
            after = bisect_right(self._visible, place, key=self._order.index)
            while after == len(self._visible) and self._scanned is not None:
                if not wait:
                    return None
                self._scan(self.SCAN_BUDGET)
            if not self._visible:
                return -1
            source_index = self._visible[min(after, len(self._visible) - 1)]
        row = self._visible.index(source_index)
        if row >= self._shown:
            self.show_through(row)
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
        self._expose(self._shown + self.BATCH)

    def _expose(self, count: int) -> None:
        """Show the first ``count`` rows kept (in one insertion)."""
        count = min(count, len(self._visible))
        if count > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, count - 1)
            self._shown = count
            self.endInsertRows()

    def show_all(self) -> None:
        """Expose every row at once (one insertion, not one per batch), a search under way
        gone through to the end."""
        self.finish_search()
        self._all_shown = True
        self._expose(len(self._visible))

    def show_through(self, row: int) -> None:
        """Expose model row ``row``: every row (:meth:`show_all`), or while a search goes
        through the rows, those up to it (the search goes on while idle)."""
        if self._scanned is None:
            self.show_all()
        else:
            self._expose(row + 1)

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
        if role in (SEARCH_ROLE, EXACT_SEARCH_ROLE):
            texts = self._search.plain if role == SEARCH_ROLE else self._search.exact
            texts.make((source_index,))
            return texts.texts[source_index]
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
