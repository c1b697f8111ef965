"""A tab that lists records: search box, sortable table, count. Configured, not subclassed,
so each area's tab is mostly a list of columns and a loader."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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
from .search_proxy import SearchProxy
from .table_model import ROW_ROLE, Column, RowTableModel


class RecordTable(QWidget):
    """Search box + table over rows from a loader. ``activated(row)`` on Enter or double-click."""

    activated = Signal(object)

    def __init__(
        self,
        key: str,
        columns: Sequence[Column],
        loader: Callable[[], Sequence[Any]],
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.loader = loader
        self.model = RowTableModel(columns, self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)

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
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.doubleClicked.connect(self._on_activated)
        for i, col in enumerate(columns):
            self.view.setColumnWidth(i, col.width)
        view_state.restore_header(key, self.view.horizontalHeader())
        self.view.horizontalHeader().sectionResized.connect(self._save_header)
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._save_header)
        QShortcut(
            QKeySequence(Qt.Key.Key_Return),
            self.view,
            self._activate_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def reload(self) -> None:
        self.model.set_rows(self.loader())
        header = self.view.horizontalHeader()
        if header.sortIndicatorSection() >= 0 and header.isSortIndicatorShown():
            self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._update_count()

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
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        total = len(self.model.rows())
        if self.search.text().strip():
            text = self.tr("{shown}/{total} dòng").format(shown=self.proxy.rowCount(), total=total)
        else:
            text = self.tr("{total} dòng").format(total=total)
        self.count_label.setText(text)

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.proxy.data(index.siblingAtColumn(0), ROW_ROLE)
        if row is not None:
            self.activated.emit(row)

    def _activate_current(self) -> None:
        if self.view.currentIndex().isValid():
            self._on_activated(self.view.currentIndex())

    def _save_header(self, *_: Any) -> None:
        view_state.save_header(self.key, self.view.horizontalHeader())
