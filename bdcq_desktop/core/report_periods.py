"""The calendar of a reporting regime: its periods, due dates and data cut-off dates.

Pure date arithmetic (no database), shared by the register, the "open a round" dialog's preview
and the core call that opens the round.

A regime's rule (Decree 09/2019, Article 12 and the regime's own text) is "day D of the last
month of the period, plus N months": a quarterly report due "on the 20th of the last month of
the quarter" is day 20, offset 0; one due "by the 10th of the month after the period" is day
10, offset 1. A day the month does not have is the month's last day (day 31 of a June period
is 30 June; day 30 of February is the 28th, or the 29th in a leap year). A due date falling on
a weekend or a holiday does **not** move: the decree does not move it, and the secretariat
counts from the date written in the regime.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from .errors import ValidationError
from .i18n import tr
from .models import Frequency

# Months in one period of each frequency (an ad hoc request has no period).
PERIOD_MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.SIX_MONTHLY: 6,
    Frequency.YEARLY: 12,
}
ROMAN = ("I", "II", "III", "IV")
MAX_OFFSET = 12


@dataclass(frozen=True)
class Period:
    frequency: Frequency
    year: int
    number: int  # month 1–12, quarter 1–4, half 1–2, or 1 for a year
    start: date
    end: date
    label: str  # "Quý I/2027", "6 tháng đầu năm 2027"


@dataclass(frozen=True)
class Schedule:
    """A period with the dates its regime's rules give."""

    period: Period
    due_date: date
    cutoff_date: date | None


def periods_in_year(frequency: Frequency) -> int:
    return 12 // PERIOD_MONTHS[frequency]


def day_in_month(year: int, month: int, day: int) -> date:
    """Day ``day`` of the month, or its last day when the month is shorter."""
    return date(year, month, min(day, monthrange(year, month)[1]))


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def period_label(frequency: Frequency, year: int, number: int) -> str:
    if frequency == Frequency.MONTHLY:
        return tr("Tháng {n}/{year}").format(n=number, year=year)
    if frequency == Frequency.QUARTERLY:
        return tr("Quý {n}/{year}").format(n=ROMAN[number - 1], year=year)
    if frequency == Frequency.SIX_MONTHLY:
        half = tr("đầu") if number == 1 else tr("cuối")
        return tr("6 tháng {half} năm {year}").format(half=half, year=year)
    return tr("Năm {year}").format(year=year)


def period(frequency: Frequency, year: int, number: int) -> Period:
    """Period ``number`` of ``year`` (refused for an ad hoc regime or a number out of range)."""
    if frequency not in PERIOD_MONTHS:
        raise ValidationError(
            "regime_id",
            tr("Chế độ báo cáo đột xuất không có kỳ; hãy mở đợt đột xuất."),
            label=tr("Chế độ báo cáo"),
        )
    if not 2000 <= year <= 2100:
        raise ValidationError(
            "year", tr('"Năm" ({year}) không hợp lệ.').format(year=year), label=tr("Năm")
        )
    count = periods_in_year(frequency)
    if not 1 <= number <= count:
        raise ValidationError(
            "number",
            tr('"Kỳ" phải từ 1 đến {count}.').format(count=count),
            label=tr("Kỳ"),
        )
    months = PERIOD_MONTHS[frequency]
    last = number * months
    first = last - months + 1
    return Period(
        frequency=frequency,
        year=year,
        number=number,
        start=date(year, first, 1),
        end=day_in_month(year, last, 31),
        label=period_label(frequency, year, number),
    )


def rule_date(p: Period, day: int, month_offset: int) -> date:
    """Day ``day`` of the period's last month moved by ``month_offset`` months (clamped)."""
    year, month = add_months(p.end.year, p.end.month, month_offset)
    return day_in_month(year, month, day)


def schedule(
    p: Period,
    due_day: int,
    due_month_offset: int,
    cutoff_day: int | None,
    cutoff_month_offset: int = 0,
) -> Schedule:
    cutoff = None if cutoff_day is None else rule_date(p, cutoff_day, cutoff_month_offset)
    return Schedule(period=p, due_date=rule_date(p, due_day, due_month_offset), cutoff_date=cutoff)


def current_period(frequency: Frequency, today: date) -> tuple[int, int]:
    """(year, number) of the period whose report is the next one to ask for: the period
    ``today`` falls in."""
    months = PERIOD_MONTHS[frequency]
    return today.year, (today.month - 1) // months + 1


def rule_text(day: int, month_offset: int) -> str:
    """``ngày 20 tháng cuối kỳ`` / ``ngày 10 tháng thứ 1 sau kỳ``: a rule as people say it."""
    if month_offset == 0:
        return tr("ngày {day} tháng cuối kỳ").format(day=day)
    if month_offset > 0:
        return tr("ngày {day} tháng thứ {n} sau kỳ").format(day=day, n=month_offset)
    return tr("ngày {day}, {n} tháng trước tháng cuối kỳ").format(day=day, n=-month_offset)


# What bounds a received date from below, as the message names it.
RECEIVED_FROM = {
    "period_start": "ngày bắt đầu kỳ báo cáo",
    "requested_on": "ngày yêu cầu báo cáo",
    "opened_on": "ngày mở đợt báo cáo",
}


def received_from(
    period_start: date | None, requested_on: date | None, opened_on: date | None
) -> tuple[date, str] | None:
    """The earliest day a unit's report in a round can have been received, and which of the
    round's dates sets it (a key of :data:`RECEIVED_FROM`); the latest is today.

    The one rule for every way of recording a report (quick entry, full form, command line):

    * a round of a regime: the start of its period. The regime itself is the standing request,
      so a unit may send its report early, before the secretariat opens the round in the
      application (opening it is bookkeeping: an office starting mid-period opens it "today"
      and still records the report that came yesterday). A date before the period began is
      a report on another period, or a typo of the year;
    * an ad hoc request: the day it was made (nobody answers a request before it exists), else,
      when that day was not written down, the day the round was opened.
    """
    if period_start is not None:
        return period_start, "period_start"
    if requested_on is not None:
        return requested_on, "requested_on"
    if opened_on is not None:
        return opened_on, "opened_on"
    return None
