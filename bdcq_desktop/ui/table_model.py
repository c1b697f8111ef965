"""A read-only table model over plain row objects from the core.

The core hands the GUI frozen dataclasses (never live ORM objects), so a view can never trip
over a detached instance. Rows are exposed to the view in batches (``fetchMore``), so a
2,000-person roster paints at once and scrolls in as needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from ..core.text import exact_text, fold

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (dates, Vietnamese names)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's folded search text
EXACT_SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4  # the same, diacritics kept (lower case)

Index = QModelIndex | QPersistentModelIndex


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

    def raw(self, row: Any) -> Any:
        return self.value(row) if self.value is not None else getattr(row, self.key, None)

    def text(self, row: Any) -> str:
        value = self.raw(row)
        return self.formatter(value) if self.formatter else display_value(value)


class RowTableModel(QAbstractTableModel):
    """Rows in batches, sorted here (not in the proxy) so a filter change costs no comparisons.

    ``rows()`` is always the loader's order; the model's own row order follows the last
    :meth:`sort` (the loader's order until then). The ``#`` column shows a row's position in
    the loader's order (the official rank), whatever the sort.
    """

    BATCH = 256

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
        self._order: list[int] = []  # model row -> index in _rows
        # Folded on the first search, not on every load: a list shown is not always searched.
        self._folded: list[str] | None = None  # per index in _rows
        self._search: list[str] | None = None  # per model row
        self._token = object()  # replaced on every load and sort (see texts_token)
        self._exact: list[str] | None = None  # per index in _rows; built on first need
        self._search_exact: list[str] | None = None  # per model row
        self._ranks: dict[int, list[int]] = {}  # column -> rank per index in _rows
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._shown = 0
        self.row_number_column = any(c.key == "#" for c in columns)
        self._alignments = [_RIGHT if c.align_right or c.key == "#" else _LEFT for c in columns]
        self._cache: dict[int, tuple[list[str], bool, bool]] = {}  # per index in _rows
        self.muted = muted
        self.flagged = flagged

    # -- data in -------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cache = {}
        self._folded = self._search = None
        self._exact = self._search_exact = None
        self._ranks = {}
        self._order = self._sorted_order(*self._sort)
        self._token = object()
        self._shown = min(len(self._rows), self.BATCH)
        self.endResetModel()

    def search_text(self, row: int) -> str:
        """The folded text the search box matches against (computed once per ``set_rows``)."""
        return self.search_texts()[row]

    def search_texts(self) -> list[str]:
        """Folded texts per model row, built on the first search after a load or sort."""
        if self._folded is None:
            searchable = [c for c in self._columns if c.searchable and c.key != "#"]
            # Folded once per load, so each keystroke compares plain ASCII strings.
            self._folded = [fold(" ".join(c.text(r) for c in searchable)) for r in self._rows]
        if self._search is None:
            self._search = [self._folded[i] for i in self._order]
        return self._search

    def texts_token(self) -> object:
        """A new object after every load or sort: what a filter computed before is stale."""
        return self._token

    def exact_search_texts(self) -> list[str]:
        """Per model row, the search text with its diacritics (for a query typed with them).

        Built on the first such query only: most searches are typed without diacritics.
        """
        if self._exact is None:
            searchable = [c for c in self._columns if c.searchable and c.key != "#"]
            self._exact = [exact_text(" ".join(c.text(r) for c in searchable)) for r in self._rows]
        if self._search_exact is None:
            self._search_exact = [self._exact[i] for i in self._order]
        return self._search_exact

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
        return self._key(self._order[row], column)

    def _ranks_for(self, column: int) -> list[int]:
        # Keys are computed once per column and load (a Vietnamese name key costs microseconds).
        ranks = self._ranks.get(column)
        if ranks is None:
            keys = [self._key(i, column) for i in range(len(self._rows))]
            try:
                order = sorted(range(len(keys)), key=keys.__getitem__)
            except TypeError:  # mixed types (None against a date): fall back to text
                order = sorted(range(len(keys)), key=lambda i: (keys[i] != "", str(keys[i])))
            ranks = [0] * len(keys)
            for position, i in enumerate(order):
                ranks[i] = position
            self._ranks[column] = ranks
        return ranks

    def sort_ranks(self, column: int) -> list[int]:
        """Each model row's position when sorted by ``column`` (integers compare fast)."""
        ranks = self._ranks_for(column)
        return [ranks[i] for i in self._order]

    def rank_of(self, row: int, column: int) -> int:
        return self._ranks_for(column)[self._order[row]]

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
        self.layoutAboutToBeChanged.emit()
        position = [0] * len(new_order)
        for row, index in enumerate(new_order):
            position[index] = row
        old = self.persistentIndexList()
        moved = [self.index(position[self._order[i.row()]], i.column()) for i in old]
        self._order = new_order
        self._search = self._search_exact = None
        self._token = object()
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    def find_row(self, predicate: Callable[[Any], bool]) -> int:
        """The model row of the first row object matching ``predicate``, or -1."""
        for row, index in enumerate(self._order):
            if predicate(self._rows[index]):
                return row
        return -1

    def rows(self) -> list[Any]:
        """Every row object in the loader's order (whatever the sort)."""
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        """The row object at model row ``row``."""
        return self._rows[self._order[row]]

    def columns(self) -> list[Column]:
        return list(self._columns)

    # -- Qt overrides ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        extra = min(self.BATCH, len(self._rows) - self._shown)
        if extra <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + extra - 1)
        self._shown += extra
        self.endInsertRows()

    def show_all(self) -> None:
        """Expose every row (sorting and filtering must see them all)."""
        while self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every painted cell (seven or more per cell and paint), so
        # roles are plain integers and a row's texts are built once, on its first paint.
        if not index.isValid():
            return None
        row = index.row()
        if row >= self._shown:
            return None
        source_index = self._order[row]
        if role == _DISPLAY:
            return self._cells(source_index)[0][index.column()]
        if role == _ALIGNMENT:
            return self._alignments[index.column()]
        if role in _STYLE_ROLES:  # font, foreground, background: from the row's flags
            muted, flagged = self._cells(source_index)[1:]
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
            return self._cells(source_index)[0][index.column()] or None
        if role == ROW_ROLE:
            return obj
        if role == SORT_ROLE:
            return self.sort_value(row, index.column())
        if role == SEARCH_ROLE:
            return self.search_texts()[row]
        if role == EXACT_SEARCH_ROLE:
            return self.exact_search_texts()[row]
        return None

    def _cells(self, source_index: int) -> tuple[list[str], bool, bool]:
        """A row's cell texts and whether it is muted and flagged (cached until a load)."""
        cells = self._cache.get(source_index)
        if cells is None:
            obj = self._rows[source_index]
            texts = [str(source_index + 1) if c.key == "#" else c.text(obj) for c in self._columns]
            cells = (
                texts,
                self.muted is not None and bool(self.muted(obj)),
                self.flagged is not None and bool(self.flagged(obj)),
            )
            self._cache[source_index] = cells
        return cells

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        return None
