"""The public holidays of the demo's years: the days a Vietnamese office is closed on a weekday.

The calendar itself is the application's (:mod:`..days_off_known`, seeded into every new
database and counted by :func:`..days_off.working_days`); the demo keeps its meetings,
sessions, notices and due dates off these days, as an office would. A demo reaching past 2027
has weekends only there.
"""

from __future__ import annotations

from datetime import date

from ..days_off import WorkCalendar
from ..days_off_known import KNOWN_DAYS_OFF
from ..enums import DayOffKind

HOLIDAYS: frozenset[date] = frozenset(
    day for day, _name, kind in KNOWN_DAYS_OFF if kind == DayOffKind.OFF
)
# The whole calendar, the Saturdays worked in exchange too: the demo's working days.
CALENDAR = WorkCalendar(
    off=HOLIDAYS,
    work=frozenset(day for day, _name, kind in KNOWN_DAYS_OFF if kind == DayOffKind.WORK),
)
