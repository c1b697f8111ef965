"""An editor for a record's child rows: agenda items, invitees, tasks.

A table with one editor per cell (the same editors as a form's fields) and buttons to add,
remove and move rows. Its value is a list of plain dicts keyed by the columns' keys, in the
order shown; a row that came in with keys the table does not show (its ``id``) keeps them, so
the core can tell an edited row from a new one. A cell that cannot be read is refused the way
the roster import reports lines: ``ValidationError(field, "Dòng 3: …")`` on the whole field, and
the row is selected. The core reports a refused row the same way, and :meth:`show_error`
selects the row its message names.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import ValidationError
from ..core.i18n import tr as core_tr
from . import editors
from .editors import FieldSpec

_MIN_WIDTH = {editors.TEXT: 220, editors.LOOKUP: 220, editors.CHOICE: 140}
_LINE = re.compile(r"^\D{0,8}?(\d+):")  # "Dòng 3: …" in any wording of the translation


def row_message(line: int, message: str) -> str:
    """``Dòng 3: …``: the message for row ``line`` (counted from 1, as the user sees it)."""
    return core_tr("Dòng {line}: {message}").format(line=line, message=message)


def _stops(editor: QWidget) -> list[QWidget]:
    """The widgets of a cell's editor that Tab stops at, in order: the editor itself (a line,
    a combo box), else its parts (a date's line and calendar button), not a pop-up's."""
    tab = Qt.FocusPolicy.TabFocus
    if editor.focusPolicy() & tab:
        return [editor]
    # Not focusProxy(): asking it of a combo box's line made PySide drop the combo's Python
    # object, and with it the attributes of a LookupCombo.
    return [
        w
        for w in editor.findChildren(QWidget)
        if w.window() is editor.window() and w.focusPolicy() & tab
    ]


class RowsEditor(QWidget):
    """Child rows edited in place; ``changed`` whenever a cell or the order changes."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.columns = list(spec.columns)
        self._extras: list[dict[str, Any]] = []  # per row: keys not shown (the row's id)
        # Per row: its editors, held here too. A cell's editor lost its Python side twice in
        # full test runs while its row was on screen ("'LookupCombo' object has no attribute
        # 'allow_empty'" when the form was read): the table gave back a bare wrapper of the
        # live widget. Held, the wrapper made with the editor's attributes cannot go.
        self._cells: list[list[QWidget]] = []
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setObjectName(f"rows_{spec.key}")
        self.table.setHorizontalHeaderLabels(
            [c.label + (" *" if c.required else "") for c in self.columns]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(150)
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())

        # The cursor goes into the row added: the keyboard's Space on the button types on.
        self.add_button = self._button(
            self.tr("Thêm dòng"), "addRow", lambda: self.select_row(self.add_row())
        )
        self.remove_button = self._button(self.tr("Xóa dòng"), "removeRow", self.remove_row)
        self.up_button = self._button(self.tr("Lên"), "moveUp", lambda: self.move(-1))
        self.down_button = self._button(self.tr("Xuống"), "moveDown", lambda: self.move(1))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        # The form label's Alt letter lands in the table (see editors.DateField).
        self.setFocusProxy(self.table)
        self.setFocusPolicy(self.table.focusPolicy())

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Enter in a cell must not press a button
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- rows ----------------------------------------------------------------------------------
    def row_count(self) -> int:
        return self.table.rowCount()

    def cell(self, row: int, key: str) -> QWidget:
        """The editor of column ``key`` in ``row`` (for tests and for dialogs that prefill)."""
        return self.table.cellWidget(row, [c.key for c in self.columns].index(key))

    def current_row(self) -> int:
        return self.table.currentRow()

    def select_row(self, row: int, col: int = 0) -> None:
        """Make ``row`` current and put the cursor in its cell ``col``."""
        if 0 <= row < self.row_count():
            self.table.setCurrentCell(row, col)
            self.table.scrollTo(self.table.model().index(row, col))
            self.table.cellWidget(row, col).setFocus(Qt.FocusReason.OtherFocusReason)

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        """Append a row and make it current; returns its index."""
        row = self.row_count()
        self.table.insertRow(row)
        self._extras.append({})
        cells: list[QWidget] = []
        self._cells.append(cells)
        for col, spec in enumerate(self.columns):
            editor = editors.make_editor(spec, self.table)
            cells.append(editor)
            editor.setObjectName(f"cell_{spec.key}")
            editors.styled(editor).installEventFilter(self)
            for signal in editors.edited_signals(editor):
                signal.connect(self._on_edited)
            self.table.setCellWidget(row, col, editor)
            # Tab goes from the table through its cells in reading order, then on to the
            # buttons (created before the cells, the editors would come after Lưu and Hủy).
            previous = self._before(row, col)
            for stop in _stops(editor):
                QWidget.setTabOrder(previous, stop)
                previous = stop
            if row == 0:  # wide enough for its editor (a date-time with its calendar button)
                wanted = max(editor.sizeHint().width(), _MIN_WIDTH.get(spec.kind, 0))
                self.table.setColumnWidth(col, max(self.table.columnWidth(col), wanted))
        if values:
            self._write_row(row, values)
        self.table.setCurrentCell(row, 0)
        self._update_buttons()
        self.changed.emit()
        return row

    def _before(self, row: int, col: int) -> QWidget:
        """Where Tab stops just before cell (row, col): the last stop of the cell to its left,
        else of the last cell of the row above, else the table."""
        if col or row:
            row, col = (row, col - 1) if col else (row - 1, len(self.columns) - 1)
            stops = _stops(self.table.cellWidget(row, col))
            if stops:
                return stops[-1]
            return self._before(row, col)
        return self.table

    def remove_row(self, row: int | None = None) -> None:
        row = self.current_row() if row is None else row
        if not 0 <= row < self.row_count():
            return
        self.table.removeRow(row)
        del self._extras[row]
        del self._cells[row]
        if self.row_count():
            self.table.setCurrentCell(min(row, self.row_count() - 1), 0)
        self._update_buttons()
        self.changed.emit()

    def move(self, delta: int, row: int | None = None) -> None:
        """Move a row up (-1) or down (+1): the two rows swap what is on screen."""
        row = self.current_row() if row is None else row
        other = row + delta
        if not (0 <= row < self.row_count() and 0 <= other < self.row_count()):
            return
        for col in range(len(self.columns)):
            a, b = self.table.cellWidget(row, col), self.table.cellWidget(other, col)
            state_a, state_b = editors.raw(a), editors.raw(b)
            editors.set_raw(a, state_b)
            editors.set_raw(b, state_a)
        self._extras[row], self._extras[other] = self._extras[other], self._extras[row]
        self.table.setCurrentCell(other, self.table.currentColumn() if delta else 0)
        self._update_buttons()
        self.changed.emit()

    # -- values --------------------------------------------------------------------------------
    def value(self) -> list[dict[str, Any]]:
        """The rows in order, blank new rows left out; a cell that cannot be read raises
        ``ValidationError(field, "Dòng N: …")`` with that row selected."""
        rows = []
        for row in range(self.row_count()):
            values: dict[str, Any] = dict(self._extras[row])
            for col, spec in enumerate(self.columns):
                try:
                    values[spec.key] = editors.read(self.table.cellWidget(row, col))
                except ValidationError as exc:
                    self.select_row(row, col)
                    raise ValidationError(
                        self.spec.key, row_message(row + 1, exc.message), label=self.spec.label
                    ) from exc
            if self._extras[row] or any(values[c.key] not in (None, "") for c in self.columns):
                rows.append(values)
        return rows

    def set_value(self, rows: list[dict[str, Any]] | None) -> None:
        self.table.setRowCount(0)
        self._extras, self._cells = [], []
        for values in rows or ():
            self.add_row(values)
        if self.row_count():
            self.table.setCurrentCell(0, 0)
        self._update_buttons()

    def _write_row(self, row: int, values: dict[str, Any]) -> None:
        shown = {c.key for c in self.columns}
        self._extras[row] = {k: v for k, v in values.items() if k not in shown}
        for col, spec in enumerate(self.columns):
            if spec.key in values:
                editors.write(self.table.cellWidget(row, col), spec, values[spec.key])

    def show_error(self, message: str) -> None:
        """Select the row a "Dòng N: …" message names (from this editor or from the core)."""
        found = _LINE.match(message)
        if found:
            self.select_row(int(found.group(1)) - 1)

    # -- behaviour -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Clicking into a cell's editor makes its row current (the buttons act on it).
        if event.type() == QEvent.Type.FocusIn:
            for row in range(self.row_count()):
                for col in range(len(self.columns)):
                    widget = editors.styled(self.table.cellWidget(row, col))
                    if widget is watched and row != self.current_row():
                        self.table.setCurrentCell(row, col)
        return super().eventFilter(watched, event)

    def _on_edited(self, *_: Any) -> None:
        self.changed.emit()

    def _update_buttons(self) -> None:
        row, count = self.current_row(), self.row_count()
        self.remove_button.setEnabled(0 <= row < count)
        self.up_button.setEnabled(0 < row < count)
        self.down_button.setEnabled(0 <= row < count - 1)
