"""The tree model of the Đôn đốc page: one row per unit, its overdue reports and tasks below.

The rows are the core's frozen :class:`~bdcq_desktop.core.chase.ChaseUnit` objects, kept as
they come; a cell's text is made when the view asks for it (only the rows on screen are
painted), so ten years' thousands of overdue items cost no item object, string or font each,
as a QTreeWidget's did. A child's index carries its unit's row (plus one) as its internal id,
so finding its parent is arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

if TYPE_CHECKING:  # the rows' module comes with the page's first read (core/chase_window)
    from ...core import chase

Index = QModelIndex | QPersistentModelIndex

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the unit id of a row (its group's; None: a person's)
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # ("unit" | "person" | "report" | "task", id) of a row
COLUMNS = 5

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_UNIT = int(UNIT_ROLE)
_ITEM = int(ITEM_ROLE)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _FONT, _UNIT, _ITEM})  # those data() fills
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TOP = 0  # the internal id of a unit's row; a child's is its unit's row + 1


class ChaseTreeModel(QAbstractItemModel):
    """Units (top level, bold) and, under each, its overdue reports then tasks, in the order
    :func:`~bdcq_desktop.core.chase.chase_list` gives them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._units: list[chase.ChaseUnit] = []
        self._sizes: list[int] = []  # each unit's number of children, asked per row by the view
        self._headers: list[str] = [""] * COLUMNS
        self._bold: QFont | None = None  # built on first paint: a QFont needs the application
        self._kinds: tuple[str, str] | None = None  # the "Loại" texts, translated once
        # What tells a report from a task among a unit's children: the core's row type, bound
        # with the first rows (so building the page imports nothing of the chase).
        self._report: type[Any] = type(None)

    def set_headers(self, titles: Sequence[str]) -> None:
        self._headers = list(titles)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    def set_units(self, units: Sequence[chase.ChaseUnit]) -> None:
        from ...core.chase import OverdueReport

        self._report = OverdueReport
        self.beginResetModel()
        self._units = list(units)
        self._sizes = [u.items for u in self._units]
        self.endResetModel()

    def units(self) -> list[chase.ChaseUnit]:
        return list(self._units)

    # -- finding rows --------------------------------------------------------------------------
    def unit_index(self, unit_id: int) -> QModelIndex:
        """The index of ``unit_id``'s row (invalid when the unit has nothing overdue now)."""
        for row, unit in enumerate(self._units):
            if unit.unit_id == unit_id:
                return self.index(row, 0)
        return QModelIndex()

    def item_index(self, unit_id: int, key: tuple[str, int]) -> QModelIndex:
        """The index of the report or task ``key`` (as :data:`ITEM_ROLE` gives it) under
        ``unit_id``; invalid when it is no longer overdue there."""
        parent = self.unit_index(unit_id)
        if not parent.isValid():
            return QModelIndex()
        unit = self._units[parent.row()]
        kind, item_id = key
        if kind == "report":
            for row, r in enumerate(unit.reports):
                if r.submission_id == item_id:
                    return self.index(row, 0, parent)
        elif kind == "task":
            for row, t in enumerate(unit.tasks):
                if t.task_id == item_id:
                    return self.index(len(unit.reports) + row, 0, parent)
        return QModelIndex()

    def _item(
        self, index: Index
    ) -> tuple[chase.ChaseUnit, chase.OverdueReport | chase.OverdueTask | None]:
        """The unit of ``index`` and, for a child, its report or task (None for the unit)."""
        ident = index.internalId()
        if ident == _TOP:
            return self._units[index.row()], None
        unit = self._units[ident - 1]
        row = index.row()
        if row < len(unit.reports):
            return unit, unit.reports[row]
        return unit, unit.tasks[row - len(unit.reports)]

    # -- Qt overrides ----------------------------------------------------------------------------
    # index(), rowCount() and hasChildren() run from C++ for every row the tree lays out
    # (thousands when all units are open): the fewest Python calls each.
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= COLUMNS or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._units):
                return QModelIndex()
            return self.createIndex(row, column, _TOP)
        unit_row = parent.row()
        if parent.internalId() != _TOP or row >= self._sizes[unit_row]:
            return QModelIndex()
        return self.createIndex(row, column, unit_row + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        ident = index.internalId()
        return QModelIndex() if ident == _TOP else self.createIndex(ident - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._units)
        if parent.internalId() != _TOP or parent.column() != 0:
            return 0
        return self._sizes[parent.row()]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMNS

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._units)
        if parent.internalId() != _TOP or parent.column() != 0:
            return False
        return self._sizes[parent.row()] > 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked once per role the delegate reads (seven) for each painted cell: the roles never
        # filled here are answered before the row is looked at.
        if role not in _ROLES or not index.isValid():
            return None
        column = index.column()
        if role == _ALIGNMENT:
            return _RIGHT if column == 3 else None
        unit, item = self._item(index)
        if role == _DISPLAY:
            return self._text(unit, item, column)
        if role == _TOOLTIP:
            return self._text(unit, item, 0) if column == 0 and item is not None else None
        if role == _FONT:
            if item is not None or column != 0:
                return None
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        if role == _UNIT:
            return unit.unit_id
        if role == _ITEM:
            if item is None:
                # A person of no unit has no unit id: the person's row is named by the person.
                if unit.unit_id is None:
                    return ("person", unit.person_id)
                return ("unit", unit.unit_id)
            if isinstance(item, self._report):
                return ("report", item.submission_id)
            return ("task", item.task_id)
        return None

    def _text(
        self,
        unit: chase.ChaseUnit,
        item: chase.OverdueReport | chase.OverdueTask | None,
        column: int,
    ) -> str:
        if item is None:
            if column == 0:
                return unit.unit
            if column == 1:
                return self.tr("{n} việc").format(n=unit.items)
            if column == 3:
                return self.tr("tối đa {n}").format(n=unit.most_days_late)
            if column == 4:
                return self._counts(unit)
            return ""
        # Only the cell asked for: the view asks cell by cell, and tr() is not free.
        if column == 1:
            if self._kinds is None:
                self._kinds = (self.tr("✗ Báo cáo"), self.tr("✗ Nhiệm vụ"))
            return self._kinds[0 if isinstance(item, self._report) else 1]
        if isinstance(item, self._report):
            if column == 0:
                return item.round_title
            if column == 2:
                return f"{item.due_date:%d/%m/%Y}"
            return str(item.days_late) if column == 3 else item.period_label
        if column == 0:
            return item.content
        if column == 2:
            return f"{item.deadline:%d/%m/%Y}"
        return str(item.days_overdue) if column == 3 else item.source

    def _counts(self, unit: chase.ChaseUnit) -> str:
        parts = []
        if unit.reports:
            parts.append(self.tr("{n} báo cáo").format(n=len(unit.reports)))
        if unit.tasks:
            parts.append(self.tr("{n} nhiệm vụ").format(n=len(unit.tasks)))
        return ", ".join(parts)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMNS:
            return self._headers[section]
        return None
