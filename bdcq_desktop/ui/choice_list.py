"""The items of a lookup combo (:class:`.editors.LookupCombo`): a list model set in one go,
folded for search when first searched, with each id's row looked up; and the filter that keeps
the items whose folded text holds every typed word, best match first (:func:`rank_key`), worked
out in passes over the items' folded texts (a letter that narrows the search reads only the
items kept by the letter before) and ranked by the forms of those kept only.

An item is ``(value, text)``, or ``(value, text, also)`` where ``also`` is more the search
finds it by without showing it: a unit's short name ("Sở KH&CN", "BHXH tỉnh"), or a person's
unit's, as the roster's search finds it (:func:`bdcq_desktop.core.text.unit_search_text`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import compress, repeat
from operator import contains
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ..core.search_words import fold_word, fold_words
from ..core.text import exact_text, fold

Choice = tuple[Any, str] | tuple[Any, str, str]  # (value, text[, also: searched, not shown])
Choices = Sequence[Choice]
_FOLDED = Qt.ItemDataRole.UserRole + 10


def _is_id(value: Any) -> bool:
    return type(value) is int  # not a bool, which Qt compares as a number


# -- ranking -----------------------------------------------------------------------------------
# An administrative prefix: what comes before the place's own name ("UBND phường", "UBND xã",
# "UBND thành phố"; in a short name "P.", "TP", "H.", or all of "UBND tỉnh"). With diacritics,
# so that a family name "Quan" or "Phương" is not one.
_PREFIX = re.compile(
    r"(?:(?:ubnd|hđnd|ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân)(?: |$))?"
    r"(?:(?:thành phố|thị xã|thị trấn|đặc khu|phường|xã|huyện|quận|tỉnh|tp|tx|tt|p\.|x\.|h\.|q\.)"
    r"(?: |$))?"
)
# Signs around a word that are not part of it: "Hòa," "(Trưởng" "ban)".
_EDGES = "()[]{},;:.!?\"'“”‘’«»…"
_DETAIL = " — "  # a person's label: the name, then the position and unit (choices.person_label)


class Form(NamedTuple):
    """An item's text as the ranking reads it: the words of its own name, exact
    (:func:`..core.text.exact_text`) and folded, and the words that count less (the
    administrative prefix, a person's position and unit), each a string of words between
    spaces (" vinh phú "), so that a whole word or a word's start is one substring test."""

    folded: str  # the whole text folded, as the filter reads it (its words: fold_words)
    exact: str  # the whole text, exact
    name_exact: str
    name_folded: str
    rest_folded: str
    name: str  # the name alone (no prefix, no short name), exact, without spaces around it


def _words(text: str) -> list[str]:
    return [w for w in (w.strip(_EDGES) for w in text.split()) if w]


def _lead(text: str) -> str:
    found = _PREFIX.match(text)
    return found.group() if found is not None else ""


def form_of(text: str, also: str = "") -> Form:
    """``text``'s :class:`Form`; ``also`` (a unit's short name, see the module's text) counts
    as words of its name, but for its own prefix ("P.", "TP", all of "UBND tỉnh"); for a
    person (a label with a detail) as the detail's words."""
    exact = exact_text(text)
    name, _sep, detail = exact.partition(_DETAIL)
    lead = _lead(name)
    if lead.strip() == name:  # nothing but such words: they are its name
        lead = ""
    own = _words(name[len(lead) :])
    short_lead, short_name = _short_words(also) if also else ((), ())
    if detail:
        # A person's label: their unit's short name counts as the unit in the detail does,
        # less than the name ("Vinh" typed: Trần Hữu Vinh before the people of "ĐH Vinh").
        named = " ".join(own)
        rest = [*_words(lead), *_words(detail), *short_lead, *short_name]
    else:
        named = " ".join([*own, *short_name])
        rest = [*_words(lead), *short_lead, *_words(detail)]
    return Form(
        fold_words(f"{text} {also}" if also else text),  # as the filter reads it (search_texts)
        exact,
        f" {named} ",
        f" {fold(named)} ",
        " " + " ".join(map(fold_word, rest)) + " ",  # each word folded once, for every item
        " ".join(own),
    )


@lru_cache(maxsize=4096)
def _short_words(also: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a short name's prefix ("tp") and of the rest ("vinh"), exact: made once
    per unit, not once per person of it (5,000 people, a few hundred units)."""
    short = exact_text(also)
    lead = _lead(short)
    return tuple(_words(lead)), tuple(_words(short[len(lead) :]))


# How a typed word is met in an item, best first.
_AS_TYPED, _WHOLE, _START, _LESS_WHOLE, _LESS_START, _INSIDE = range(6)


def _met(exact: str, folded: str, f: Form) -> int:
    if f" {exact} " in f.name_exact:
        return _AS_TYPED
    if f" {folded} " in f.name_folded:
        return _WHOLE
    if f" {folded}" in f.name_folded:
        return _START
    if f" {folded} " in f.rest_folded:
        return _LESS_WHOLE
    if f" {folded}" in f.rest_folded:
        return _LESS_START
    return _INSIDE


class Typed(NamedTuple):
    """What was typed, as :func:`rank_key` compares it (made once per text typed)."""

    exact: str  # the words as typed, lower-cased, signs around them dropped
    words: tuple[tuple[str, str], ...]  # each word exact and folded
    folded: str

    @classmethod
    def of(cls, text: str) -> Typed:
        exact = " ".join(_words(exact_text(text)))
        return cls(exact, tuple((w, fold(w)) for w in exact.split()), fold(exact))


def rank_key(typed: Typed, f: Form) -> tuple[int, tuple[int, ...], int]:
    """Where an item stands among the matches of ``typed`` (lowest first): the text itself (or
    its name without the prefix) as typed; then by its worst-met word, then the next: a name
    holding the word as typed, diacritics too ("Phú"); the word without diacritics ("Phu");
    a word of the name starting so ("Phúc"); a word of the prefix or of a person's position
    ("phường", "xã", "UBND"); the letters inside a word. Last, the words typed in their order
    ("Vinh Phú" before "Phú Vinh")."""
    same = typed.exact in (f.name, f.exact)
    met = sorted((_met(e, w, f) for e, w in typed.words), reverse=True)
    in_order = f" {typed.folded}" in f.name_folded
    return (0 if same else 1, tuple(met), 0 if in_order else 1)


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
    _search: list[str] | None = None
    _forms: list[Form | None] | None = None
    _rows: dict[int, int] | None = None
    _ids_only = True
    _ready = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[Any, str]] = []
        self._also: list[str] = []  # per item: what the search finds it by too ("" if nothing)
        self._folded: list[str] | None = None  # folded when first asked (value())
        # What the filter looks in, made on the first search typed: the same words, each
        # distinct word folded once (fold_words); 5,000 people folded letter by letter held
        # the first letter 35 ms.
        self._search: list[str] | None = None
        # Each item's Form, for ranking, made when the item is first kept by a search (a
        # Form takes some 25 µs: made for all 5,000 people, the first letter waited 125 ms).
        self._forms: list[Form | None] | None = None
        # Each id's first row, made on the first look-up: Qt's findData asked every item (a
        # dialog of a dozen pickers over 600 people, some 18,000 calls, 9 ms).
        self._rows: dict[int, int] | None = None
        self._ids_only = True  # every value an int (an id) or None
        self._ready = 0  # the items before this one have their forms made (prepare)

    def set_items(self, items: Choices) -> None:
        self.beginResetModel()
        self._items = [(item[0], item[1]) for item in items]
        self._also = ["".join(item[2:]) for item in items]  # "" for a (value, text) item
        self._folded = self._search = self._forms = None
        self._rows, self._ids_only, self._ready = None, True, 0
        self.endResetModel()

    def append(self, value: Any, text: str, also: str = "") -> None:
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append((value, text))
        self._also.append(also)
        if self._folded is not None:
            self._folded.append(fold(f"{text} {also}" if also else text))
        if self._search is not None:
            self._search.append(fold_words(f"{text} {also}" if also else text))
        if self._forms is not None:
            self._forms.append(None)  # made when first kept
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

    def search_texts(self) -> list[str]:
        """What the filter finds each item by: the words of :meth:`folded`, every item's."""
        if self._search is None:
            self._search = [
                fold_words(f"{text} {also}" if also else text)
                for (_value, text), also in zip(self._items, self._also, strict=True)
            ]
        return self._search

    def form(self, row: int) -> Form:
        """The item's :class:`Form` (made the first time it is asked)."""
        if self._forms is None:
            self._forms = [None] * len(self._items)
        found = self._forms[row]
        if found is None:
            _value, text = self._items[row]
            found = self._forms[row] = form_of(text, self._also[row])
        return found

    def prepare(self, rows: int) -> bool:
        """Make what a first search reads ahead of it: every item's search words, then the
        forms of the next ``rows`` items. True once every item has its form."""
        self.search_texts()
        end = min(len(self._items), self._ready + rows)
        for row in range(self._ready, end):
            self.form(row)
        self._ready = end
        return end == len(self._items)

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


class FoldFilter(QAbstractProxyModel):
    """The items whose folded text contains every typed word (no diacritics needed), best
    first (:func:`rank_key`), then in the items' order. The rows kept are worked out in passes
    over the items' folded texts (in C; a letter that narrows the search goes through those
    kept before only), then ranked by the forms of those kept, not asked of Qt row by row (a
    call into Python per item, then one per comparison to sort them). It reads the items only
    once something is typed: attached at once, it asked every item again each time the items
    were set."""

    # Read when the instance's own are gone (see ChoiceList): no rows.
    _rows: Sequence[int] = ()
    _typed = ""

    def __init__(self, items: ChoiceList, parent: Any = None) -> None:
        super().__init__(parent)
        self._items = items
        self._words: list[str] = []
        self._typed = ""
        self._rows: list[int] = []  # the items' rows shown, in the order shown
        self._items_read = False  # _rows are of the items as they are now

    def set_text(self, text: str) -> None:
        words = fold(text).split()
        # A letter that narrows the search (each word before is part of one now): the items
        # kept are among those kept before.
        narrows = all(any(old in new for new in words) for old in self._words)
        among = self._rows if self._items_read and narrows else None
        self.beginResetModel()
        if self.sourceModel() is None:
            self.setSourceModel(self._items)
            for signal in (
                self._items.modelReset,
                self._items.rowsInserted,
                self._items.rowsRemoved,
                self._items.layoutChanged,
            ):
                signal.connect(self._items_changed)
        self._typed = text
        self._words = words
        self._rows = self._matches(among)
        self._items_read = True
        self.endResetModel()

    def _items_changed(self, *_: object) -> None:
        self._items_read = False
        self.set_text(self._typed)

    def _matches(self, among: Iterable[int] | None) -> list[int]:
        """The items (of ``among``, else all) holding every typed word, best first: found in
        C-level passes over the folded texts (the fewest kept first), the forms made and
        compared for those found only."""
        items = self._items
        count = items.rowCount()
        if not self._words:
            return list(range(count))
        texts = items.search_texts()
        found: Iterable[int] = range(count) if among is None else among
        for word in sorted(set(self._words), key=len, reverse=True):
            hits = map(contains, map(texts.__getitem__, found), repeat(word))
            found = list(compress(found, hits))
        typed = Typed.of(self._typed)
        form = items.form
        return sorted(found, key=lambda row: (rank_key(typed, form(row)), row))

    # -- QAbstractProxyModel ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def index(
        self,
        row: int,
        column: int = 0,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if parent.isValid() or column != 0 or not 0 <= row < len(self._rows):
            return QModelIndex()
        return self.createIndex(row, 0)

    def parent(self, child: Any = None) -> Any:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return QObject.parent(self)
        return QModelIndex()

    def mapToSource(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return QModelIndex()
        return source.index(self._rows[index.row()], 0)

    def mapFromSource(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        try:
            return self.createIndex(self._rows.index(index.row()), 0)
        except ValueError:  # filtered out
            return QModelIndex()
