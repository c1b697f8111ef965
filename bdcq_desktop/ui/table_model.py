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

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..core.text import fold

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (dates, Vietnamese names)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's folded search text

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

    def text(self, row: Any) -> str:
        value = getattr(row, self.key, None)
        return self.formatter(value) if self.formatter else display_value(value)


class RowTableModel(QAbstractTableModel):
    BATCH = 256

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []
        self._search: list[str] = []
        self._shown = 0
        self.row_number_column = any(c.key == "#" for c in columns)

    # -- data in -------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        searchable = [c for c in self._columns if c.searchable and c.key != "#"]
        # Folded once here, so each keystroke in the search box compares plain ASCII strings.
        self._search = [fold(" ".join(c.text(r) for c in searchable)) for r in self._rows]
        self._shown = min(len(self._rows), self.BATCH)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

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
        if not index.isValid() or index.row() >= self._shown:
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col.key == "#":
                return str(index.row() + 1)
            return col.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.align_right or col.key == "#":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            if col.key == "#":
                return index.row()
            if col.sort_key is not None:
                return col.sort_key(row)
            value = getattr(row, col.key, None)
            return "" if value is None else value
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        return None
