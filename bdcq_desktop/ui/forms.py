"""Forms built from a field specification: a label, an editor and an error line per field.

A dialog lists its fields (:class:`FieldSpec`) and gets a :class:`FormWidget` that reads and
writes a plain ``dict`` keyed by the core's keyword names (``full_name``, ``email``,
``unit_id``...). When the core refuses a value it raises ``ValidationError(field=...)`` with
one of those names, so :meth:`FormWidget.show_error` can put the message right under the
offending editor, outline it in red and move the cursor there — without touching anything else
the user typed. The message goes away as soon as the user changes that field.

The editors themselves (dates, date-times, whole numbers, lookups) are in :mod:`.editors`;
child rows (agenda items, invitees, tasks) are a ``rows`` field, a :class:`.RowsEditor`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ..core.errors import ValidationError
from . import editors
from .editors import (
    CHOICE,
    DATE,
    DATETIME,
    ERROR_STYLE,
    INTEGER,
    INVALID_STYLE,
    LOOKUP,
    MULTILINE,
    ROWS,
    TEXT,
    Choices,
    DateField,
    DateTimeField,
    FieldSpec,
    IntegerField,
    LookupCombo,
    mark_invalid,
)
from .rows_editor import RowsEditor

__all__ = [
    "CHOICE",
    "DATE",
    "DATETIME",
    "ERROR_STYLE",
    "INTEGER",
    "INVALID_STYLE",
    "LOOKUP",
    "MULTILINE",
    "ROWS",
    "TEXT",
    "Choices",
    "DateField",
    "DateTimeField",
    "FieldSpec",
    "FormWidget",
    "IntegerField",
    "LookupCombo",
    "RowsEditor",
    "mark_invalid",
]


class _Field:
    """A built field: its spec, its editor widget and its error line."""

    def __init__(self, spec: FieldSpec, editor: QWidget, error: QLabel) -> None:
        self.spec, self.editor, self.error = spec, editor, error

    @property
    def styled(self) -> QWidget:
        return editors.styled(self.editor)

    def value(self) -> Any:
        return editors.read(self.editor)

    def set_value(self, value: Any) -> None:
        editors.write(self.editor, self.spec, value)


class FormWidget(QWidget):
    """Labels, editors and error lines for a list of :class:`FieldSpec` (a two-column grid).

    ``errors_changed`` when an error line appears or goes (the dialog refits its height).
    """

    errors_changed = Signal()

    def __init__(self, fields: Sequence[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)
        self.fields: dict[str, _Field] = {}
        self._initial: dict[str, Any] = {}
        for spec in fields:
            self.add_field(spec)

    # -- building ------------------------------------------------------------------------------
    def add_field(self, spec: FieldSpec) -> QWidget:
        row = self.grid.rowCount()
        # "&" is a mnemonic in a buddied label: one in the label's words is doubled to show
        # as written (the dialog gives the label its Alt letter when shown).
        text = spec.label.replace("&", "&&") + (" *" if spec.required else "")
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor = self._make_editor(spec)
        editor.setObjectName(f"field_{spec.key}")
        label.setBuddy(editor)
        if spec.help:
            editor.setToolTip(spec.help)
        error = QLabel(self)
        error.setObjectName(f"error_{spec.key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        holder: QWidget = editor
        if spec.create is not None:
            holder = self._with_create_button(spec, editor)
        tall = spec.kind in (MULTILINE, ROWS)
        align = Qt.AlignmentFlag.AlignTop if tall else Qt.AlignmentFlag(0)
        if tall:
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(label, row, 0, align)
        self.grid.addWidget(holder, row, 1)
        self.grid.addWidget(error, row + 1, 1)
        self.fields[spec.key] = _Field(spec, editor, error)
        for signal in editors.edited_signals(editor):
            signal.connect(lambda *_args, key=spec.key: self.clear_error(key))
        return editor

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        if spec.kind == ROWS:
            return RowsEditor(spec, self)
        return editors.make_editor(spec, self)

    def _with_create_button(self, spec: FieldSpec, editor: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(editor, 1)
        button = QPushButton(self.tr("Thêm mới…"), box)
        button.setObjectName(f"create_{spec.key}")
        button.setAutoDefault(False)
        layout.addWidget(button)

        def add(value: Any, text: str) -> None:
            if isinstance(editor, LookupCombo):
                editor.add_item(value, text)
                editor.set_value(value)

        def create() -> None:
            assert spec.create is not None
            spec.create(self, add)

        button.clicked.connect(create)
        return box

    # -- values --------------------------------------------------------------------------------
    def editor(self, key: str) -> QWidget:
        return self.fields[key].editor

    def error_label(self, key: str) -> QLabel:
        return self.fields[key].error

    def values(self) -> dict[str, Any]:
        """Every field's value; raises ValidationError for a date or pick that cannot be read."""
        return {key: f.value() for key, f in self.fields.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if key in self.fields:
                self.fields[key].set_value(value)
        self._initial = {}
        for key, f in self.fields.items():
            try:
                self._initial[key] = f.value()
            except ValidationError:
                self._initial[key] = None

    def changed_values(self) -> dict[str, Any]:
        """Only the fields that differ from what :meth:`set_values` put in."""
        current = self.values()
        return {k: v for k, v in current.items() if self._initial.get(k) != v}

    # -- errors --------------------------------------------------------------------------------
    def has_field(self, key: str) -> bool:
        return key in self.fields

    def show_error(self, key: str, message: str) -> bool:
        """Show ``message`` under field ``key``, outline it and focus it; False if no such field."""
        f = self.fields.get(key)
        if f is None:
            return False
        f.error.setText(message)
        f.error.setVisible(True)
        mark_invalid(f.styled, True)
        if isinstance(f.editor, RowsEditor):
            f.editor.show_error(message)  # selects the row the message names
        else:
            f.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(f.styled, QLineEdit):
            f.styled.selectAll()
        self.errors_changed.emit()
        return True

    def clear_error(self, key: str) -> None:
        """Hide the error of field ``key`` (the user is correcting it)."""
        f = self.fields[key]
        if not f.error.isHidden() or f.styled.property("invalid"):
            f.error.clear()
            f.error.setVisible(False)
            mark_invalid(f.styled, False)
            self.errors_changed.emit()

    def clear_errors(self) -> None:
        for key in self.fields:
            self.clear_error(key)
