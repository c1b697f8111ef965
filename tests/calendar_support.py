"""The days-off calendar of the years a test works in, entered as the officer enters a year.

The shipped calendar ends in 2027 (core/days_off_known.py). From 1 January 2028, ``bdcq check``
names this year's missing days off, the window's notice says so and issuing a convocation of a
session asks first: all true, and nothing a test that expects a clean database is about. Such a
test enters the years first (:func:`enter_days_off_now`), so it asserts the same on any day.

One Sunday per year is entered: the year counts as entered (core.days_off.years_not_entered
looks for any row of it) and no working day changes, so what a test counts is what it counted
on a year without holidays on its days, whatever today is.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from bdcq_desktop.core.days_off import add_day_off, years_not_entered_in, years_not_entered_now
from bdcq_desktop.core.db import Database, open_database


def _first_sunday(year: int) -> date:
    day = date(year, 1, 1)
    return day + timedelta(days=(6 - day.weekday()) % 7)


def enter_days_off(db: Database, *years: int) -> tuple[int, ...]:
    """Each of ``years`` not entered yet gets its first Sunday as a day off; returns them."""
    missing = tuple(y for y in years if years_not_entered_in(db, date(y, 1, 1), date(y, 12, 31)))
    for year in missing:
        add_day_off(db, _first_sunday(year), f"Lịch ngày nghỉ năm {year} (đã nhập)")
    return missing


def enter_days_off_now(db: Database | str | os.PathLike[str], today: date | None = None) -> None:
    """The years ``bdcq check`` and the window's notice would name on ``today`` (the clock's
    when None): this year and those of the sessions not over yet. ``db``: a database, or the
    path of one (a test of the command line), opened and closed here."""
    if isinstance(db, Database):
        enter_days_off(db, *years_not_entered_now(db, today))
        return
    opened = open_database(db)
    try:
        enter_days_off(opened, *years_not_entered_now(opened, today))
    finally:
        opened.dispose()
