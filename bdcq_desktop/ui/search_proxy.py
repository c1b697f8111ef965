"""The search box's view of a RowTableModel: Vietnamese search, Vietnamese order.

A word typed without diacritics matches any spelling; a word typed with them matches those
letters only (:class:`..core.text.SearchQuery`).

The filtering and the sorting happen in the RowTableModel itself (see
:meth:`.table_model.RowTableModel.set_query`): a ``QSortFilterProxyModel`` would ask Python
``filterAcceptsRow`` once per row on every keystroke and place the rows that reappear one
by one. This proxy only passes rows through (Qt's identity mapping, in C++) and keeps the
search API the tabs and dialogs use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QIdentityProxyModel, Qt

from .table_model import RowTableModel


class SearchProxy(QIdentityProxyModel):
    def _rows_model(self) -> RowTableModel:
        source = self.sourceModel()
        if not isinstance(source, RowTableModel):
            raise TypeError("SearchProxy needs a RowTableModel source")
        return source

    # -- filtering -----------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        self._rows_model().set_query(text)

    def set_row_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        """An extra predicate on the row object (e.g. hide former members)."""
        self._rows_model().set_row_filter(predicate)

    def refresh(self) -> None:
        """Ask the row filter again (what it depends on changed)."""
        self._rows_model().refilter()

    # -- sorting -------------------------------------------------------------------------------
    def sort(self, column: int, order: Any = None) -> None:
        """Sort the source in place (the view's header click lands here)."""
        order = Qt.SortOrder.AscendingOrder if order is None else order
        self._rows_model().sort(column, order)

    def proxy_row_of(self, source_row: int) -> int:
        source = self.sourceModel()
        if source is None or source_row < 0 or source_row >= source.rowCount():
            return -1
        return source_row
