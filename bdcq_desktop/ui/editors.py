"""The editors a form is made of, one per kind of field, and how to read and write them.

:class:`FieldSpec` says what a field is; :func:`make_editor` builds its editor; :func:`read` and
:func:`write` get and put its value (``None`` for empty), raising the core's ``ValidationError``
(Vietnamese, naming the field) for text that cannot be read. Dates and numbers are plain text
parsed by the core's own rules, so an empty field stays empty instead of holding a sentinel
that could slip into a document. Used by :mod:`.forms` (one editor per field) and
:mod:`.rows_editor` (one editor per cell of a child row).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QDate,
    Qt,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QTableWidget,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ..core import validation
from ..core.errors import ValidationError
from ..core.i18n import tr as core_tr
from ..core.text import fold, short_date
from .choice_list import ChoiceList, Choices, FoldFilter
from .qt_vi import calendar

TEXT, MULTILINE, CHOICE, DATE, LOOKUP = "text", "multiline", "choice", "date", "lookup"
DATETIME, INTEGER, ROWS = "datetime", "integer", "rows"

INVALID_STYLE = (
    'QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],'
    ' QTableWidget[invalid="true"]'
    " { border: 1px solid #c62828; border-radius: 2px; background: #fff6f6; }"
    # The padding of the native frame the border replaces: a field keeps its size.
    ' QLineEdit[invalid="true"], QComboBox[invalid="true"] { padding: 2px 0; }'
)
# The widgets INVALID_STYLE outlines (set on the widget itself, see mark_invalid).
_OUTLINED = (QLineEdit, QPlainTextEdit, QComboBox, QTableWidget)
ERROR_STYLE = "color: #b71c1c;"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form.

    ``key`` is the core's keyword (and the ``field`` of its ValidationError). ``kind`` is one
    of ``text``, ``multiline``, ``choice`` (fixed values with Vietnamese labels), ``date`` and
    ``datetime`` (empty allowed), ``integer`` (a whole number, at least ``minimum``),
    ``lookup`` (a searchable list of people or units) or ``rows`` (child rows such as agenda
    items, one column per spec in ``columns``; see :class:`.rows_editor.RowsEditor`).
    ``choices`` is a list of ``(value, label)`` or a callable returning one (read when the
    form is built); a lookup's item may be ``(value, label, also)``, found by ``also`` too (a
    unit's short name, see :mod:`.choice_list`). ``create``
    adds a "Thêm mới…" button to a lookup: ``create(parent, add)`` opens whatever it likes
    (without blocking) and calls ``add(value, label)`` once a record exists; the lookup then
    offers and selects it. ``required`` only draws the asterisk; the core decides validity.
    """

    key: str
    label: str
    kind: str = TEXT
    choices: Choices | Callable[[], Choices] = ()
    required: bool = False
    placeholder: str = ""
    help: str = ""
    allow_empty: bool = True
    create: Callable[[QWidget, Callable[[Any, str], None]], None] | None = None
    columns: Sequence[FieldSpec] = ()
    minimum: int = 0


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Outline ``widget`` in red (its ``invalid`` property, and INVALID_STYLE on it alone).

    The style sheet is the widget's own, not a form's or a dialog's: under a style sheet every
    widget is drawn and sized by Qt's style-sheet style, which made each people picker of a
    form go through all its items when placed (a conclusion's 11 tasks, 33 pickers over 600
    people: 40,000 calls, a third of the dialog's opening)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    if isinstance(widget, _OUTLINED):
        widget.setStyleSheet(INVALID_STYLE if invalid else "")
    else:  # a holder around its editor, outlined by a style sheet of its window's own
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.update()


class DateField(QWidget):
    """A date typed as ``05/02/2026`` (or picked from a calendar); empty means "not set".

    A QDateEdit cannot be empty, and a sentinel date would print in documents if it slipped
    through, so the text is parsed by the core's own date rule instead.
    """

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.label = key, label
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(150)
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(self.tr("Chọn ngày trên lịch"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = calendar(self)  # Vietnamese month and day names, however started
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar.clicked.connect(lambda d: (self._pick(d.toPython()), menu.close()))
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        # A label's Alt letter focuses its buddy only if the buddy itself takes focus (the
        # proxy then passes it on); Tab still goes to the line, skipping a proxied widget.
        self.setFocusPolicy(self.edit.focusPolicy())

    def value(self) -> date | None:
        """The date, ``None`` if empty; raises ValidationError (Vietnamese) for bad text."""
        return validation.date_value(self.edit.text(), self.key, self.label)

    def set_value(self, value: date | None) -> None:
        self.edit.setText(short_date(value) if value else "")

    def _pick(self, day: date) -> None:
        self.set_value(day)

    def _prepare_calendar(self) -> None:
        try:
            current = self.value()
        except ValidationError:
            current = None
        day = QDate(current) if current else QDate.currentDate()
        self.calendar.setSelectedDate(day)


class DateTimeField(DateField):
    """A date and time typed as ``05/02/2026 14:00`` (the calendar sets the date part and keeps
    the time typed). A date without a time is refused: for a meeting it is a mistake."""

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(key, label, parent)
        self.edit.setPlaceholderText(self.tr("ngày/tháng/năm giờ:phút"))
        self.edit.setMinimumWidth(150)  # the whole "05/02/2026 14:00" with the clear button
        self.edit.setMaximumWidth(180)

    def value(self) -> datetime | None:  # type: ignore[override]
        return validation.datetime_value(self.edit.text(), self.key, self.label)

    def set_value(self, value: date | None) -> None:
        if isinstance(value, datetime):
            self.edit.setText(f"{short_date(value)} {value:%H:%M}")
            self.edit.setCursorPosition(0)
        else:
            super().set_value(value)

    def _pick(self, day: date) -> None:
        parts = self.edit.text().split()
        time_text = parts[-1] if len(parts) > 1 else ""
        self.edit.setText(f"{short_date(day)} {time_text}")
        self.edit.setFocus()
        self.edit.end(False)


class IntegerField(QLineEdit):
    """A whole number (empty means "not set"), read by the core's rule: "12" yes, "12a" no."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.label, self.minimum = spec.key, spec.label, spec.minimum
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(110)
        self.setPlaceholderText(spec.placeholder)

    def value(self) -> int | None:
        return validation.positive_int(self.text(), self.key, self.label, minimum=self.minimum)

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


class LookupCombo(QComboBox):
    """An editable combo over ``(value, label)`` items: type any part of a name, with or
    without diacritics, and pick from the filtered list."""

    # Items whose forms (what the ranking compares, some 25 µs each) are made per turn of the
    # event loop once the box has focus, before anything is typed: the first letter, which
    # keeps most of 600 people, made them all while the officer waited (15 of its 32 ms at
    # ten years). A turn holds the window some 20 ms at most, however many people there are
    # (5,000 imported: seven turns).
    PREPARED_PER_TURN = 800

    def __init__(
        self, key: str, label: str, parent: QWidget | None = None, *, allow_empty: bool = True
    ) -> None:
        super().__init__(parent)
        self.key, self.label, self.allow_empty = key, label, allow_empty
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.items = ChoiceList(self)
        self.setModel(self.items)
        # Every item is one line of text: the list measures one, not each of thousands (a
        # picker of 5,600 people asked each of them ten questions whenever its items changed).
        view = self.view()
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)
        self.filter = FoldFilter(self.items, self)
        completer = QCompleter(self.filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The popup's rows are one line each too: measured one by one, showing the popup asked
        # each of 600 people a dozen questions, twice per key typed (170 ms a key at ten years).
        popup = completer.popup()
        if isinstance(popup, QListView):
            popup.setUniformItemSizes(True)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._on_edited)
        self.lineEdit().setPlaceholderText(self.tr("Gõ vài chữ để tìm (không cần dấu)…"))
        self.currentIndexChanged.connect(self.show_start)
        self._preparing = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._prepare_soon()

    def _prepare_soon(self) -> None:
        if not self._preparing:
            self._preparing = True
            # With the box as context: a dialog closed meanwhile takes the call away with it.
            QTimer.singleShot(0, self, self._prepare_some)

    def _prepare_some(self) -> None:
        self._preparing = False
        if not self.items.prepare(self.PREPARED_PER_TURN):
            self._prepare_soon()

    def set_items(self, items: Choices) -> None:
        self.items.set_items(items)
        self.setCurrentIndex(-1)

    def add_item(self, value: Any, text: str) -> None:
        self.items.append(value, text)

    def value(self) -> Any:
        """The chosen value; ``None`` if empty. Text that names no item is refused."""
        text = self.currentText().strip()
        if not text:
            if not self.allow_empty:
                raise ValidationError(
                    self.key, core_tr('"{label}" không được để trống.').format(label=self.label)
                )
            return None
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == text:
            return self.itemData(index)
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:  # a unique match of what was typed is as good as a pick
            folded = fold(text)
            hits = [i for i in range(self.count()) if folded in self.items.folded(i)]
            index = hits[0] if len(hits) == 1 else -1
        if index < 0:
            raise ValidationError(
                self.key,
                core_tr('"{label}": hãy chọn một mục trong danh sách ("{value}" không có).').format(
                    label=self.label, value=text
                ),
            )
        self.setCurrentIndex(index)
        return self.itemData(index)

    # Qt's name: a dialog asks any of its combos for a value's row the same way.
    def findData(
        self,
        data: Any,
        role: int = Qt.ItemDataRole.UserRole,
        flags: Qt.MatchFlag = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchCaseSensitive,
    ) -> int:
        if role == Qt.ItemDataRole.UserRole and flags == (
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchCaseSensitive
        ):
            row = self.items.row_of(data)
            if row is not None:
                return row
        return super().findData(data, role, flags)

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        self.show_start()

    def show_start(self, _index: int = -1) -> None:
        """A choice longer than the box reads from its start, cut at its end: an editable
        combo's line keeps its cursor after the last letter, so it showed the end ("ọp (Trưởng
        ban hoặc Phó Trưởng ban)"). Not while the officer is typing in it."""
        edit = self.lineEdit()
        if not edit.hasFocus():
            edit.setCursorPosition(0)

    def _on_edited(self, text: str) -> None:
        completer = self.completer()
        # The line edit gives the completer the text typed once this returns, and the
        # completer then looks through the rows kept for the first one starting with it (the
        # row it makes current). The old text is taken away first: kept, the completer looked
        # through the new rows for it too, each row a call into Python, as the rows changed.
        completer.setCompletionPrefix("")
        self.filter.set_text(text)
        if text:
            completer.complete()


# -- building, reading, writing ----------------------------------------------------------------
def make_editor(spec: FieldSpec, parent: QWidget) -> QWidget:
    """The editor for one field (every kind but ``rows``, which :mod:`.forms` builds)."""
    choices = spec.choices() if callable(spec.choices) else spec.choices
    if spec.kind == MULTILINE:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(spec.placeholder)
        edit.setMinimumHeight(64)
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        return edit
    if spec.kind == CHOICE:
        combo = QComboBox(parent)
        # Some choices are data (a regime's full name, 150-200 characters): sized by its
        # longest item the box would widen the dialog past a 1366 px screen. It is elided to
        # the room the form gives it; the list opens as wide as the screen allows and each
        # item's tooltip holds it whole.
        # A box of short choices keeps its own width (a table cell's column is sized by it).
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if spec.allow_empty:
            combo.addItem("", "")
        longest = 1
        for value, text, *_also in choices:
            combo.addItem(text, getattr(value, "value", value))
            combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            longest = max(longest, len(text))
        combo.setMinimumContentsLength(min(24, longest))
        return combo
    if spec.kind == DATE:
        return DateField(spec.key, spec.label, parent)
    if spec.kind == DATETIME:
        return DateTimeField(spec.key, spec.label, parent)
    if spec.kind == INTEGER:
        return IntegerField(spec, parent)
    if spec.kind == LOOKUP:
        lookup = LookupCombo(spec.key, spec.label, parent, allow_empty=spec.allow_empty)
        lookup.set_items(choices)
        return lookup
    line = QLineEdit(parent)
    line.setPlaceholderText(spec.placeholder)
    return line


def read(editor: QWidget) -> Any:
    """The editor's value; raises ValidationError for text that cannot be read."""
    own = getattr(editor, "value", None)
    if callable(own):  # DateField, IntegerField, LookupCombo, RowsEditor
        return own()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QComboBox):
        return editor.currentData() if editor.currentIndex() >= 0 else None
    assert isinstance(editor, QLineEdit)
    return editor.text()


def write(editor: QWidget, spec: FieldSpec, value: Any) -> None:
    own = getattr(editor, "set_value", None)
    if callable(own):
        own(value)
    elif isinstance(editor, QPlainTextEdit):
        editor.setPlainText("" if value is None else str(value))
    elif isinstance(editor, QComboBox):
        index = editor.findData(getattr(value, "value", value) if value is not None else "")
        editor.setCurrentIndex(max(index, 0) if not spec.allow_empty else index)
    elif isinstance(editor, QLineEdit):
        editor.setText("" if value is None else str(value))
        editor.setCursorPosition(0)  # show the beginning of a long text, not its end


def styled(editor: QWidget) -> QWidget:
    """The widget that gets the red outline (a date's line edit, not its calendar button)."""
    if isinstance(editor, DateField):
        return editor.edit
    return getattr(editor, "table", editor)  # a RowsEditor is outlined around its table


def edited_signals(editor: QWidget) -> list[SignalInstance]:
    """Signals emitted when the user changes the value (to clear an error shown under it)."""
    if isinstance(editor, DateField):
        return [editor.edit.textChanged]
    if isinstance(editor, LookupCombo):
        return [editor.currentIndexChanged, editor.editTextChanged]
    if isinstance(editor, QComboBox):
        return [editor.currentIndexChanged]
    if isinstance(editor, (QLineEdit, QPlainTextEdit)):
        return [editor.textChanged]
    changed = getattr(editor, "changed", None)
    return [changed] if changed is not None else []


def raw(editor: QWidget) -> Any:
    """What is on screen, readable or not (to move a row without losing a half-typed date)."""
    if isinstance(editor, DateField):
        return editor.edit.text()
    if isinstance(editor, LookupCombo):
        return (editor.currentIndex(), editor.currentText())
    if isinstance(editor, QComboBox):
        return editor.currentIndex()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    assert isinstance(editor, QLineEdit)
    return editor.text()


def set_raw(editor: QWidget, state: Any) -> None:
    if isinstance(editor, DateField):
        editor.edit.setText(state)
    elif isinstance(editor, LookupCombo):
        index, text = state
        editor.setCurrentIndex(index)
        if index < 0 or editor.itemText(index) != text:
            editor.setEditText(text)
    elif isinstance(editor, QComboBox):
        editor.setCurrentIndex(state)
    elif isinstance(editor, QPlainTextEdit):
        editor.setPlainText(state)
    elif isinstance(editor, QLineEdit):
        editor.setText(state)
