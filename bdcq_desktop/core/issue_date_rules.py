"""The register's rules for a date of issue, apart from the register's numbers and files.

A date is refused outside the sane window (before the floor of every date, after tomorrow) or
in a past year, whose register is closed; refused when earlier than the date of the series'
latest number (a later number never carries an earlier date); asked about when more than a
week back (a late registration). :mod:`.register` applies them under its lock, and before
anything is built (``check_issue_date``); the series' latest date is read there.
"""

from __future__ import annotations

from datetime import date, timedelta

from . import validation as v
from .errors import LateRegistrationWarning, ValidationError
from .i18n import tr
from .number_floor import FUTURE_DAYS
from .text import short_date

# A date of issue further back than this many days is a late registration, asked about first.
LATE_DAYS = 7


def _date_label() -> str:
    return tr("Ngày ban hành")


def check_late(issued_on: date, today: date, *, confirm_late: bool = False) -> None:
    """A date of issue more than :data:`LATE_DAYS` before today registers late a paper signed
    then: legitimate, but never by a typo, so it is issued only when ``confirm_late``."""
    days = (today - issued_on).days
    if days > LATE_DAYS and not confirm_late:
        raise LateRegistrationWarning(
            tr(
                '"{label}" ({day}) là {days} ngày trước hôm nay ({today}): văn bản sẽ được vào '
                "sổ muộn, mang ngày đó và lấy số tiếp theo của sổ. Chỉ ban hành nếu văn bản đã "
                "được ký ngày {day}; nếu gõ nhầm ngày, hãy sửa lại."
            ).format(
                label=_date_label(), day=short_date(issued_on), days=days, today=short_date(today)
            ),
            issued_on,
            days,
        )


def check_window(issued_on: date, today: date, *, allow_past_year: bool = False) -> None:
    """No date of issue before the sane floor of every date, or after tomorrow; none in a past
    year: a year's register closes on 31 December (Art. 15), and a number taken in it later
    would be a document that was not in the register when it was closed."""
    label = _date_label()
    v.date_window(issued_on, "issued_on", label, latest=today + timedelta(days=FUTURE_DAYS))
    if issued_on.year < today.year and not allow_past_year:
        raise ValidationError(
            "issued_on",
            tr(
                '"{label}" ({day}) thuộc năm {year}: sổ đăng ký văn bản năm {year} đã khóa '
                "ngày 31/12/{year}, không cấp thêm số vào năm đó. Văn bản ban hành bây giờ mang "
                "ngày của năm {now}."
            ).format(label=label, day=short_date(issued_on), year=issued_on.year, now=today.year),
            label=label,
        )


def check_order(issued_on: date, latest: tuple[date, str] | None) -> None:
    """No date of issue earlier than ``latest``: the series' latest date and the symbol that
    carries it (None: the series is empty)."""
    if latest is not None and issued_on < latest[0]:
        label = _date_label()
        raise ValidationError(
            "issued_on",
            tr(
                '"{label}" ({day}) không được sớm hơn ngày của số {symbol} đã cấp ({last}): '
                "số sau không mang ngày sớm hơn số trước."
            ).format(
                label=label, day=short_date(issued_on), symbol=latest[1], last=short_date(latest[0])
            ),
            label=label,
        )
