"""The items of a lookup combo (:class:`.editors.LookupCombo`): a list model set in one go,
folded for search when first searched, with each id's row looked up; and the filter that keeps
the items whose folded text holds every typed word.

An item is ``(value, text)``, or ``(value, text, also)`` where ``also`` is more the search
finds it by without showing it: a unit's short name ("Sở KH&CN", "BHXH tỉnh"), as the roster's
search finds it (:func:`bdcq_desktop.core.text.unit_search_text`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ..core.text import fold

Choice = tuple[Any, str] | tuple[Any, str, str]  # (value, text[, also: searched, not shown])
Choices = Sequence[Choice]
_FOLDED = Qt.ItemDataRole.UserRole + 10


def _is_id(value: Any) -> bool:
    return type(value) is int  # not a bool, which Qt compares as a number


class ChoiceList(QAbstractListModel):
    """A lookup's ``(value, text)`` items, set in one go. As a QStandardItemModel, a picker of
    5,600 people cost a Python call and a C++ item per person, three times over in the
    settings dialog: it opened in 0.7-0.9 s."""

    # Read when the instance's own are gone: the cyclic collector clears a wrapper's attributes
    # before its C++ object (the combo's child) is deleted, and a view may still ask for its
    # rows in between ("'ChoiceList' object has no attribute '_items'" while a dialog of
    # lookups closed). An empty list then: nothing to show, nothing raised in Qt's loop.
    _items: Sequence[tuple[Any, str]] = ()  # the instance's own list is made in __init__
    _also: Sequence[str] = ()
    _folded: list[str] | None = None
    _rows: dict[int, int] | None = None
    _ids_only = True

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[Any, str]] = []
        self._also: list[str] = []  # per item: what the search finds it by too ("" if nothing)
        self._folded: list[str] | None = None  # folded on the first search typed
        # Each id's first row, made on the first look-up: Qt's findData asked every item (a
        # dialog of a dozen pickers over 600 people, some 18,000 calls, 9 ms).
        self._rows: dict[int, int] | None = None
        self._ids_only = True  # every value an int (an id) or None

    def set_items(self, items: Choices) -> None:
        self.beginResetModel()
        self._items = [(item[0], item[1]) for item in items]
        self._also = ["".join(item[2:]) for item in items]  # "" for a (value, text) item
        self._folded = None
        self._rows, self._ids_only = None, True
        self.endResetModel()

    def append(self, value: Any, text: str, also: str = "") -> None:
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append((value, text))
        self._also.append(also)
        if self._folded is not None:
            self._folded.append(fold(f"{text} {also}" if also else text))
        if self._rows is not None:
            if _is_id(value):
                self._rows.setdefault(value, row)
            elif value is not None:
                self._ids_only = False
        self.endInsertRows()

    def row_of(self, value: Any) -> int | None:
        """The first row holding the id ``value``, -1 if none does. None when Qt must tell:
        a value or an item that is not an id (Qt finds 5 for "5")."""
        if not _is_id(value):
            return None
        if self._rows is None:
            self._ids_only = all(item is None or _is_id(item) for item, _text in self._items)
            self._rows = {}
            for row, (item, _text) in enumerate(self._items):
                if item is not None:
                    self._rows.setdefault(item, row)
        return self._rows.get(value, -1) if self._ids_only else None

    def folded(self, row: int) -> str:
        """The item's text and what it is found by too (``also``), folded (:func:`fold`)."""
        if self._folded is None:
            self._folded = [
                fold(f"{text} {also}" if also else text)
                for (_value, text), also in zip(self._items, self._also, strict=True)
            ]
        return self._folded[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        value, text = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == _FOLDED:
            return self.folded(index.row())
        return None


class FoldFilter(QSortFilterProxyModel):
    """Keeps the items whose folded text contains every typed word (no diacritics needed).
    It reads the items only once something is typed: attached at once, it asked every item
    again each time the items were set."""

    def __init__(self, items: ChoiceList, parent: Any = None) -> None:
        super().__init__(parent)
        self._items = items
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        if self.sourceModel() is None:
            self.setSourceModel(self._items)
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10 (invalidateFilter is deprecated)
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        folded = source.folded(source_row) if isinstance(source, ChoiceList) else ""
        return all(w in folded for w in self._words)
