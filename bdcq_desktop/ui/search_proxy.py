"""Filtering and sorting over a RowTableModel: diacritic-insensitive, Vietnamese order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from ..core.text import fold
from .table_model import SEARCH_ROLE, SORT_ROLE, RowTableModel


class SearchProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._row_filter: Any = None
        self.setSortRole(SORT_ROLE)

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        if words == self._words:
            return
        source = self.sourceModel()
        if words and isinstance(source, RowTableModel):
            source.show_all()  # a filter must see every row, not only those fetched so far
        self._words = words
        self.invalidateFilter()

    def set_row_filter(self, predicate: Any) -> None:
        """An extra predicate on the row object (e.g. hide former members)."""
        self._row_filter = predicate
        self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if (
            self._row_filter is not None
            and isinstance(model, RowTableModel)
            and not self._row_filter(model.row_at(source_row))
        ):
            return False
        if not self._words:
            return True
        haystack = model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or ""
        return all(w in haystack for w in self._words)

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:  # None against a value: empty cells sort first
            return (a is None) and (b is not None)

    def sort(self, column: int, order: Any = None) -> None:
        source = self.sourceModel()
        if isinstance(source, RowTableModel):
            source.show_all()
        if order is None:
            super().sort(column)
        else:
            super().sort(column, order)
