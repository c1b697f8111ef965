"""The calendars of the date boxes (a form's date, "Tính đến ngày" beside the roster's search)
name months and days in Vietnamese ("Tháng 12", "Thứ 2" … "CN"), after the application's start
code (ui/app.py ``set_language``, what ``python -m bdcq_desktop`` runs) and without it.

The audit saw "December", "Mon" in a window its script made without the start's default locale
(a widget takes the default of when it is made; the process's own is "C" under LANG=C.UTF-8):
each calendar now has the Vietnamese locale of its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCalendarWidget, QTableView, QToolButton

from bdcq_desktop.ui.editors import DateField
from bdcq_desktop.ui.roster_day import RosterDay

DAYS = ["Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN"]


@pytest.fixture
def default_locale() -> Iterator[None]:
    """The process's default locale, put back after the test."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


def _calendars(qtbot: Any) -> list[QCalendarWidget]:
    """The calendar of a form's date box and of "Tính đến ngày", as opened on 01/12/2024."""
    field = DateField("day", "Ngày")
    qtbot.addWidget(field)
    field.set_value(date(2024, 12, 1))
    field.button.menu().aboutToShow.emit()  # what opening it does (its menu is modal)
    roster_day = RosterDay()
    qtbot.addWidget(roster_day)
    roster_day.set_day(date(2024, 12, 1))
    roster_day.menu.aboutToShow.emit()  # made on first opening
    assert roster_day.calendar is not None
    return [field.calendar, roster_day.calendar]


def _names(calendar: QCalendarWidget) -> tuple[str, list[str]]:
    """The month the calendar shows, and the names over its columns of days."""
    month = calendar.findChild(QToolButton, "qt_calendar_monthbutton").text()
    model = calendar.findChild(QTableView, "qt_calendar_calendarview").model()
    return month, [model.index(0, column).data() for column in range(1, 8)]


def test_a_calendar_is_vietnamese_even_without_the_start_s_locale(
    qtbot: Any, default_locale: None
) -> None:
    QLocale.setDefault(QLocale.c())  # a script that made the window itself
    for calendar in _calendars(qtbot):
        assert calendar.locale().language() == QLocale.Language.Vietnamese
        assert _names(calendar) == ("Tháng 12", DAYS)


def test_a_calendar_is_vietnamese_with_the_app_s_start_code(
    qtbot: Any, qapp: Any, default_locale: None
) -> None:
    from bdcq_desktop.ui.app import set_language

    QLocale.setDefault(QLocale.c())
    set_language(qapp)  # as main() does before it makes the window
    assert QLocale().language() == QLocale.Language.Vietnamese
    for calendar in _calendars(qtbot):
        assert calendar.locale().language() == QLocale.Language.Vietnamese
        assert _names(calendar) == ("Tháng 12", DAYS)
