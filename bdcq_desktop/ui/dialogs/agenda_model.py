"""The agenda editor's table: a model over the items with times computed from the meeting's
start (:func:`bdcq_desktop.core.agenda.schedule`), rows moved by buttons or by drag and drop,
and the presenter cell (a member, a unit, or a guest's name typed in).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...core import agenda as core_agenda
from ...core import meetings, members, units
from ...core.agenda import AgendaLine, AgendaRow
from ...core.db import Database
from ..editors import LookupCombo
from .choices import person_also

Index = QModelIndex | QPersistentModelIndex
Presenter = tuple[str, Any] | None  # ("person", id), ("unit", id), ("guest", name) or None
MIME = "application/x-bdcq-agenda-rows"
PRESENTER_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("agenda_dialog", text)


def agenda_items(rows: Sequence[AgendaRow | AgendaLine]) -> list[dict[str, Any]]:
    """The items as the editor holds them (see :class:`AgendaModel`)."""
    items = []
    for r in rows:
        presenter: Presenter = None
        if r.presenter_person_id is not None:
            presenter = ("person", r.presenter_person_id)
        elif r.presenter_unit_id is not None:
            presenter = ("unit", r.presenter_unit_id)
        elif r.presenter_name:
            presenter = ("guest", r.presenter_name)
        items.append(
            {"id": r.id, "title": r.title, "presenter": presenter, "minutes": r.planned_minutes}
        )
    return items


class AgendaModel(QAbstractTableModel):
    """Agenda items as plain dicts (``id``, ``title``, ``presenter``, ``minutes``); the times
    column is computed from ``starts_at``. ``changed`` after any edit or move."""

    changed = Signal()
    ORDER, TIME, TITLE, PRESENTER, MINUTES = range(5)

    def __init__(
        self,
        starts_at: datetime,
        names: dict[Presenter, str],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.starts_at = starts_at
        self.names = names  # how each presenter value reads
        self.items: list[dict[str, Any]] = []
        self.headers = [
            _tr("TT"),
            _tr("Thời gian"),
            _tr("Nội dung *"),
            _tr("Người trình bày"),
            _tr("Phút"),
        ]

    # -- data in and out -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[AgendaRow | AgendaLine]) -> None:
        self.set_items(agenda_items(rows))

    def set_items(self, items: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.items = [dict(i) for i in items]
        self.endResetModel()
        self.changed.emit()

    def lines(self) -> list[AgendaLine]:
        out = []
        for item in self.items:
            kind, value = item["presenter"] or ("", None)
            out.append(
                AgendaLine(
                    title=item["title"],
                    planned_minutes=item["minutes"],
                    presenter_person_id=value if kind == "person" else None,
                    presenter_unit_id=value if kind == "unit" else None,
                    presenter_name=value if kind == "guest" else None,
                    id=item["id"],
                )
            )
        return out

    def times(self) -> list[tuple[datetime | None, datetime | None]]:
        return core_agenda.schedule(self.starts_at, [i["minutes"] for i in self.items])

    def presenter_text(self, presenter: Presenter) -> str:
        if presenter is None:
            return ""
        if presenter[0] == "guest":
            return str(presenter[1])
        return self.names.get(presenter, "")

    # -- rows ------------------------------------------------------------------------------------
    def add_item(self, title: str = "", minutes: int | None = None) -> int:
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append({"id": None, "title": title, "presenter": None, "minutes": minutes})
        self.endInsertRows()
        self._times_changed()
        return row

    def remove_item(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.items[row]
            self.endRemoveRows()
            self._times_changed()

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        """Move ``count`` rows so they come before ``destination_child`` (Qt's convention)."""
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        end = source_row + count
        if source_row < 0 or end > len(self.items):
            return False
        if not 0 <= destination_child <= len(self.items):
            return False
        if source_row <= destination_child <= end:
            return False  # onto itself
        if not self.beginMoveRows(
            QModelIndex(), source_row, end - 1, QModelIndex(), destination_child
        ):
            return False
        moving = self.items[source_row:end]
        del self.items[source_row:end]
        at = destination_child - count if destination_child > source_row else destination_child
        self.items[at:at] = moving
        self.endMoveRows()
        self._times_changed()
        return True

    def move_item(self, row: int, delta: int) -> int:
        """Move one row up (-1) or down (+1); returns where it is now."""
        other = row + delta
        if not (0 <= row < len(self.items) and 0 <= other < len(self.items)):
            return row
        dest = other if delta < 0 else other + 1
        self.moveRows(QModelIndex(), row, 1, QModelIndex(), dest)
        return other

    def _times_changed(self) -> None:
        if self.items:
            self.dataChanged.emit(
                self.index(0, self.ORDER), self.index(len(self.items) - 1, self.TIME)
            )
        self.changed.emit()

    # -- drag and drop ---------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, json.dumps(rows).encode())
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Dropping a dragged item between rows (or on a row: before it) moves it there. The
        move is done here, and False is returned so the view does not also remove the dragged
        rows (the move already took them away)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        rows = json.loads(bytes(data.data(MIME)).decode() or "[]")
        if len(rows) != 1:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.items))
        self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), target)
        return False

    # -- Qt overrides ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        if index.column() in (self.TITLE, self.PRESENTER, self.MINUTES):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item, col = self.items[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.ORDER:
                return str(index.row() + 1)
            if col == self.TIME:
                start, end = self.times()[index.row()]
                if start is None:
                    return ""
                return f"{start:%H:%M}–{end:%H:%M}" if end is not None else f"{start:%H:%M}"
            if col == self.TITLE:
                return item["title"]
            if col == self.PRESENTER:
                return self.presenter_text(item["presenter"])
            if col == self.MINUTES:
                minutes = item["minutes"]
                if role == Qt.ItemDataRole.EditRole:
                    return "" if minutes is None else str(minutes)
                return "" if minutes is None else str(minutes)
        if role == PRESENTER_ROLE and col == self.PRESENTER:
            return item["presenter"]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.ORDER, self.MINUTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TIME:
            return _tr("Tính từ giờ bắt đầu và thời lượng các mục trước; không nhập tay.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, PRESENTER_ROLE):
            return False
        item, col = self.items[index.row()], index.column()
        if col == self.TITLE:
            item["title"] = str(value or "")
        elif col == self.PRESENTER:
            item["presenter"] = value if value else None
        elif col == self.MINUTES:
            text = str(value if value is not None else "").strip()
            if text and not text.isdigit():
                return False  # the cell keeps its old value; the core bounds the number
            item["minutes"] = int(text) if text else None
        else:
            return False
        self.dataChanged.emit(index, index)
        if col == self.MINUTES:
            self._times_changed()
        else:
            self.changed.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None


class PresenterDelegate(QStyledItemDelegate):
    """The presenter cell: pick a member or a unit (typing any part of the name), or type a
    guest's name that is not in the list."""

    def __init__(self, choices: list[tuple[Presenter, str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = LookupCombo("presenter", _tr("Người trình bày"), parent)
        combo.lineEdit().setPlaceholderText(_tr("Thành viên, đơn vị, hoặc gõ tên khách mời"))
        combo.set_items(self.choices)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, LookupCombo)
        value = index.data(PRESENTER_ROLE)
        if value is not None and value[0] != "guest":
            editor.set_value(value)
        else:
            editor.setCurrentIndex(-1)
            editor.setEditText(value[1] if value else "")

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, LookupCombo)
        text = editor.currentText().strip()
        value: Presenter = None
        if text:
            found = editor.findText(text, Qt.MatchFlag.MatchFixedString)
            value = editor.itemData(found) if found >= 0 else ("guest", text)
        model.setData(index, value, PRESENTER_ROLE)


def presenter_choices(
    db: Database, detail: meetings.MeetingDetail
) -> list[tuple[Presenter, str, str]]:
    """Members on the roster, the meeting's invitees, presenters already on the agenda, and
    units; each reads "name — role" so namesakes can be told apart, and is found by its
    unit's short name too ("VNPT", "Sở KHCN"), as the forms' pickers find people and units."""
    out: list[tuple[Presenter, str, str]] = []
    seen: set[Presenter] = set()
    rows = units.list_units(db)
    short = {u.id: u.short_name for u in rows}
    found: dict[int, str] = {}  # a person's unit's short name, by person

    def add(value: Presenter, text: str, unit_short: str = "") -> None:
        if value not in seen and text:
            seen.add(value)
            out.append((value, text, person_also(unit_short)))

    for m in members.list_committee(db):
        found[m.person_id] = short.get(m.unit_id, "") if m.unit_id is not None else ""
        add(("person", m.person_id), f"{m.full_name} — {m.role_label}", found[m.person_id])
    for i in detail.invitees:
        if i.person_id is not None:
            found.setdefault(i.person_id, i.unit_short)
            text = ", ".join(x for x in (i.name, i.position) if x)
            add(("person", i.person_id), text, found[i.person_id])
    for a in detail.agenda:
        if a.presenter_person_id is not None:
            pid = a.presenter_person_id
            add(("person", pid), a.presenter, found.get(pid, ""))
        if a.presenter_unit_id is not None:
            add(("unit", a.presenter_unit_id), a.presenter, short.get(a.presenter_unit_id, ""))
    for u in rows:
        add(("unit", u.id), u.name, u.short_name)
    return out
