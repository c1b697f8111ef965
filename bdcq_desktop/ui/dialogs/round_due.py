"""The weekday beside a round's due date (Mở đợt đột xuất, Sửa đợt), and whether it is a day
off of the calendar (:func:`..core.days_off.due_day_text`): a deadline on a Sunday or on Tết
Dương lịch is seen while it is typed, not after the units complain. The deadline is never moved
by itself (a product decision): the officer sees the day and keeps or changes it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...core.days_off import due_day_text
from ...core.db import Database
from ...core.errors import BcdError
from ...core.read_scope import reading
from ..editors import DateField


def show_weekday(db: Database, field: QWidget) -> QLabel:
    """A label in ``field``'s row, right of the date, kept to the date typed ("" while the
    text is not a date)."""
    assert isinstance(field, DateField)
    note = QLabel(field)
    note.setObjectName(f"{field.key}Weekday")

    def update() -> None:
        try:
            day = field.value()
            with reading():  # the calendar's days off, read as the date is typed
                note.setText(due_day_text(db, day) if day is not None else "")
        except BcdError:  # half-typed (or the calendar not read): nothing to name yet
            note.setText("")

    layout = field.layout()
    assert layout is not None
    layout.insertWidget(2, note)  # after the line and its calendar button, before the stretch
    field.edit.textChanged.connect(lambda _text: update())
    update()
    return note
