"""A tab that lists records: search box, sortable table, count. Configured, not subclassed,
so each area's tab is mostly a list of columns and a loader."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from . import view_state
from .column_fit import ColumnFitter
from .search_proxy import SearchProxy
from .table_model import ROW_ROLE, Column, RowTableModel


def tab_chain(widgets: Sequence[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order (the chain's other widgets keep theirs: the
    whole run follows the first one)."""
    # A holder passing its focus on (a label and a date line in one widget) is ordered with
    # the control that takes it, just after it: Tab reaching either lands on the control, and
    # a holder left where it was made (after the list) pulled Tab back from the list to it.
    stops = [w for widget in widgets for w in (widget, widget.focusProxy()) if w is not None]
    for first, second in pairwise(stops):
        QWidget.setTabOrder(first, second)


class RecordTable(QWidget):
    """Search box + table over rows from a loader. ``activated(row)`` on Enter or double-click;
    ``current_changed(row)`` when the current row changes (``None`` when there is none).

    ``muted(row)`` greys rows out (former members); ``default_sort`` is the (column, order)
    used until the user clicks a header (the click is remembered with the column widths).
    ``row_key(row)`` identifies a row across reloads, so the selection survives a save;
    ``select_first`` makes the first row current after a load when nothing else is.
    One row is selected at a time: its actions act on the current row.
    """

    activated = Signal(object)
    current_changed = Signal(object)

    def __init__(
        self,
        key: str,
        columns: Sequence[Column],
        loader: Callable[[], Sequence[Any]],
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
        muted: Callable[[Any], bool] | None = None,
        default_sort: tuple[int, Qt.SortOrder] | None = None,
        row_key: Callable[[Any], Any] | None = None,
        select_first: bool = False,
    ) -> None:
        super().__init__(parent)
        self.select_first = select_first
        self.key = key
        self.loader = loader
        self.row_key = row_key or (lambda row: getattr(row, "id", None))
        self.model = RowTableModel(columns, self, muted=muted)
        self.model.search_done.connect(self._search_done)
        # The row the search hid, made current again (or the row after it) once the search
        # knows which (see _make_near_current); -1: none waits.
        self._near = -1
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        # Called with the search box's text before the search applies it (a page that reads
        # its rows in steps reads the rest first when the search needs every row).
        self.before_search: Callable[[str], None] | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName(f"{key}Search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(placeholder or self.tr("Tìm kiếm (không cần dấu)…"))
        self.search.textChanged.connect(self._on_search)
        self.count_label = QLabel(self)

        self.view = QTableView(self)
        self.view.setObjectName(f"{key}Table")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # One row at a time: every action of these lists (edit, end, delete, history, a
        # record's pane) works on one record, and a Ctrl+click that highlighted four members
        # while "Thôi làm thành viên…" opened for one of them misled. A list with actions on
        # several rows (a meeting's invitees, a session's participants) is not a RecordTable.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.doubleClicked.connect(self._on_activated)
        for i, col in enumerate(columns):
            self.view.setColumnWidth(i, col.width)
        if default_sort is not None:
            self.view.sortByColumn(*default_sort)
        # The widths restored are kept only if the user set them by hand: widths that were the
        # last session's fit are fitted again to what the rows hold now.
        by_hand = f"{key}/columnsSizedByHand"
        restored = view_state.restore_header(key, self.view.horizontalHeader())
        remembered = restored and view_state.bool_value(by_hand)
        self.column_fit = ColumnFitter(self.view, self.model, remembered=remembered)
        self.column_fit.sized_by_hand.connect(lambda: view_state.save_value(by_hand, True))
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.horizontalHeader().sectionResized.connect(self._save_header)
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._save_header)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # main and keypad Enter
            shortcut = QShortcut(QKeySequence(key), self.view, self._activate_current)
            # Set apart: the constructor with a slot ignores ``context=`` and leaves it
            # window-wide: Enter typed in any box of the window (a check-in box) would open the
            # list's current record, and two tables in one window would make it ambiguous.
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

        # Said inside the empty grid (a blank grid with "0 dòng" left a first-time user
        # without a next step): what to do while the list is empty, "nothing matches" while a
        # search hides every row. Hidden as soon as a row shows.
        self.empty_hint = ""
        # Made when first shown (see empty_label): a list with rows never needs it.
        self._empty_label: QLabel | None = None
        # The viewport's resizes are watched only while the hint shows (see
        # _update_empty_hint): a filter left on took every event of a full list's viewport
        # (paints, hovers) through Python.
        self._hint_placed = False
        # Nothing said before the list is first read: "Chưa có … nào" would be untrue for the
        # moment until the rows come.
        self._read = False
        self._total: int | None = None  # the rows there are, when only the first are loaded

        self.top = QHBoxLayout()
        self.top.addWidget(self.search, 1)
        self.top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top)
        layout.addWidget(self.view, 1)

    def add_top_widget(self, widget: QWidget) -> None:
        """Put a widget (a check box, a filter combo) on the search line, before the count,
        and in the Tab order where it shows: after the search box (and the widgets put there
        before it), before the table; made elsewhere first, it would follow the table."""
        self.top.insertWidget(self.top.count() - 1, widget)
        tab_chain([self.search, *self.top_widgets(), self.view])

    def top_widgets(self) -> list[QWidget]:
        """What :meth:`add_top_widget` put on the search line, left to right."""
        line = [self.top.itemAt(i).widget() for i in range(self.top.count())]
        return [w for w in line if w is not None and w not in (self.search, self.count_label)]

    def add_context_actions(self, actions: Sequence[QAction | None]) -> None:
        """Right-click menu of the table; ``None`` is a separator."""
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in actions:
            if action is None:
                action = QAction(self.view)
                action.setSeparator(True)
            self.view.addAction(action)

    def reload(self, *, partial: int = 0, total: int | None = None) -> None:
        """Load the rows again, keeping the current row; if it is gone (ended, deleted,
        filtered out) the row now in its place is current, so the user stays where they were.
        ``partial``, ``total``: the loader gives the first rows only of ``total``, the rest
        being read (:meth:`.table_model.RowTableModel.set_rows`), the count saying ``total``."""
        self._near = -1  # an index in the rows read before
        current = self.current_row()
        key = self.row_key(current) if current is not None else None
        position = self.view.currentIndex().row()
        self._total = total
        from ..core.read_scope import reading

        with reading():  # also right after a save: refused, the list was not read (not the save)
            rows = self.loader()
        self.model.set_rows(rows, partial=partial)
        self._read = True
        self.column_fit.rows_loaded()
        header = self.view.horizontalHeader()
        sort = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        if sort[0] >= 0 and header.isSortIndicatorShown() and self.model.sort_state() != sort:
            self.proxy.sort(*sort)  # the model sorted the new rows already when it is the same
        found = key is not None and self.select_where(lambda row: self.row_key(row) == key)
        count = self.proxy.rowCount()
        if not found and count and (position >= 0 or self.select_first):
            # A current row from the start: details, Enter and Delete work at once.
            row = min(max(position, 0), count - 1)
            self.view.setCurrentIndex(self.proxy.index(row, 0))
            self.view.scrollTo(self.proxy.index(row, 0))
        self._update_count()

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        """Make the first visible row matching ``predicate`` current; False if none is."""
        source_row = self.model.find_row(predicate)
        if source_row < 0:
            return False
        if source_row >= self.model.rowCount():
            self.model.show_through(source_row)
        proxy_row = self.proxy.proxy_row_of(source_row)
        if proxy_row < 0:
            return False
        self.view.selectRow(proxy_row)
        self.view.scrollTo(self.proxy.index(proxy_row, 0))
        return True

    def visible_rows(self) -> list[Any]:
        """The row objects in the order the user sees them (after search and sort)."""
        self.model.show_all()
        return [
            self.proxy.data(self.proxy.index(i, 0), ROW_ROLE) for i in range(self.proxy.rowCount())
        ]

    def selected_rows(self) -> list[Any]:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return [self.proxy.data(i, ROW_ROLE) for i in rows]

    def current_row(self) -> Any:
        index = self.view.currentIndex()
        return self.proxy.data(index.siblingAtColumn(0), ROW_ROLE) if index.isValid() else None

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_search(self, text: str) -> None:
        if self.before_search is not None:
            self.before_search(text)
        current = self.view.currentIndex()
        source = self.model.source_index(current.row()) if current.isValid() else self._near
        self._near = -1
        self.proxy.set_query(text)
        if source >= 0 and not self.view.currentIndex().isValid():
            self._make_near_current(source)
        self._update_count()

    def _make_near_current(self, source: int) -> None:
        """The search hid the current row (``rows()[source]``): the row now in its place
        becomes current (what a view does when its current row is removed), or none when
        nothing matches. While the search goes through a long list, with no match after
        that row among those gone through, none is current until the search is done (see
        _search_done): knowing it then would go through every row left in the keystroke."""
        row = self.model.row_near(source, wait=False)
        if row is None:
            self._near = source
            self.current_changed.emit(None)
        elif row >= 0:
            self.view.selectionModel().setCurrentIndex(
                self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        else:
            self.current_changed.emit(None)

    def _search_done(self) -> None:
        near, self._near = self._near, -1
        if near >= 0 and not self.view.currentIndex().isValid():
            self._make_near_current(near)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.total_rows() if self._total is None else self._total
        query = self.search.text().strip()
        if query and self.model.searching():  # the count said when the search is done
            text = self.tr("Đang tìm…")
        elif query:
            text = self.tr("{shown}/{total} dòng").format(shown=self.proxy.rowCount(), total=total)
        else:
            text = self.tr("{total} dòng").format(total=total)
        self.count_label.setText(text)
        # As wide as the widest it can say for this many rows, whatever it says now: "Đang
        # tìm…" for a moment, then "41/25000 dòng", moved the search box's edge to and fro.
        widest = (
            self.tr("Đang tìm…"),
            self.tr("{shown}/{total} dòng").format(shown=total, total=total),
        )
        metrics = self.count_label.fontMetrics()
        self.count_label.setMinimumWidth(max(metrics.boundingRect(t).width() for t in widest))
        self._update_empty_hint(total, query)

    def set_empty_hint(self, text: str) -> None:
        """What the empty list says to do next ("Chưa có thành viên nào. Thêm thành viên
        (Ctrl+N) …"); shown only while the list has no row at all."""
        self.empty_hint = text
        total = self.model.total_rows() if self._total is None else self._total
        self._update_empty_hint(total, self.search.text().strip())

    def _update_empty_hint(self, total: int, query: str) -> None:
        if total and query and not self.proxy.rowCount() and not self.model.searching():
            text = self.tr("Không có dòng nào khớp “{query}”.").format(query=query)
        elif not total and self._read:
            text = self.empty_hint or self.tr("Chưa có dòng nào.")
        else:
            text = ""
        if not text and self._empty_label is None:
            return  # never shown: nothing to hide
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        if bool(text) != self._hint_placed:
            self._hint_placed = bool(text)
            viewport = self.view.viewport()
            if text:
                viewport.installEventFilter(self)
            else:
                viewport.removeEventFilter(self)
        if text:
            self._place_empty_label()

    @property
    def empty_label(self) -> QLabel:
        """The hint inside the empty grid, made the first time it is wanted."""
        if self._empty_label is None:
            label = QLabel(self.view.viewport())
            label.setObjectName(f"{self.key}EmptyHint")
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("color: #5f6368; padding: 12px;")
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.hide()
            self._empty_label = label
        return self._empty_label

    def _place_empty_label(self) -> None:
        viewport = self.view.viewport()
        width = min(viewport.width() - 24, 640)
        height = self.empty_label.heightForWidth(width) if width > 0 else 0
        self.empty_label.setGeometry((viewport.width() - width) // 2, 24, width, max(height, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._place_empty_label()
        return super().eventFilter(watched, event)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.data(current.siblingAtColumn(0), ROW_ROLE) if current.isValid() else None
        self.current_changed.emit(row)

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.proxy.data(index.siblingAtColumn(0), ROW_ROLE)
        if row is not None:
            self.activated.emit(row)

    def _activate_current(self) -> None:
        if self.view.currentIndex().isValid():
            self._on_activated(self.view.currentIndex())

    def _save_header(self, *_: Any) -> None:
        view_state.save_header(self.key, self.view.horizontalHeader())
