"""Field validators shared by every service.

Each function takes the raw value (from a form, the CLI or an import), returns it cleaned and
typed, and raises :class:`ValidationError` with a Vietnamese message that names the field by its
Vietnamese label, so the front ends can show the message as is and highlight ``field``.

Empty input (``None``, ``""`` or only spaces) gives ``None`` unless the field is required: the
database stores "not filled in" as NULL, never as an empty string.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from typing import Any, TypeVar

from bdcq_desktop.core import text as textmod
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.i18n import tr

__all__ = [
    "Refusals",
    "choice",
    "date_order",
    "date_value",
    "date_window",
    "datetime_value",
    "email",
    "phone",
    "phone_digits",
    "positive_int",
    "record_id",
    "text",
]

E = TypeVar("E", bound=Enum)

MAX_INTEGER = 2**63 - 1  # the largest integer SQLite and PostgreSQL's bigint store


def _fail(field: str, label: str, template: str, **values: object) -> ValidationError:
    # The template (not the formatted message) is what gets translated, so one catalogue entry
    # serves every field.
    # A value echoed back is cut: a 100,000-character cell must not become the message.
    # Cleaned too: a control character or line break typed in a value must not reach the
    # one-line message.
    shown = {
        k: textmod.excerpt(textmod.clean(x[:1000])) if isinstance(x, str) else x
        for k, x in values.items()
    }
    return ValidationError(field, tr(template).format(label=label, **shown), label=label)


def _required(field: str, label: str) -> ValidationError:
    return _fail(field, label, '"{label}" không được để trống.')


def _as_text(value: object) -> str:
    # Imports and the CLI's JSON may hand over numbers (a phone number read from Excel).
    return textmod.clean(value if isinstance(value, str) else str(value))


def _given(value: object, field: str, label: str, required: bool) -> str | None:
    """``value`` as text, None when nothing was given (refused if ``required``): what every
    reader below does first."""
    cleaned = "" if value is None else _as_text(value)
    if not cleaned:
        if required:
            raise _required(field, label)
        return None
    return cleaned


def text(
    value: object,
    field: str,
    label: str,
    *,
    required: bool = False,
    max_len: int = 255,
    multiline: bool = False,
) -> str | None:
    """Cleaned text (see :func:`text.clean`), ``None`` if empty; too long text is refused, and
    so is a list, a mapping or a yes/no (the CLI's JSON files): its Python spelling
    (``['a']``, ``True``) is no one's text."""
    if isinstance(value, list | tuple | set | dict | bool):
        raise _fail(
            field, label, '"{label}" phải là văn bản, không phải "{value}".', value=str(value)
        )
    cleaned = (
        ""
        if value is None
        else textmod.clean(value if isinstance(value, str) else str(value), multiline=multiline)
    )
    if not cleaned:
        if required:
            raise _required(field, label)
        return None
    if len(cleaned) > max_len:
        raise _fail(
            field,
            label,
            '"{label}" dài tối đa {max_len} ký tự (đang có {length} ký tự).',
            max_len=max_len,
            length=len(cleaned),
        )
    return cleaned


# Dot-atom local part of RFC 5322 (no quoted strings: no mail server here needs them) and a
# host name of at least two labels ending in a letter-only or punycode top-level domain.
_EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}))"
)


def email(value: object, field: str, label: str, required: bool = False) -> str | None:
    """An e-mail address with its domain lower-cased (the local part is kept: it may matter)."""
    cleaned = _given(value, field, label, required)
    if cleaned is None:
        return None
    m = _EMAIL.fullmatch(cleaned)
    if m is None or len(m["local"]) > 64 or len(cleaned) > 254:
        raise _fail(
            field,
            label,
            '"{label}" không phải là địa chỉ thư điện tử hợp lệ: "{value}" '
            "(ví dụ: vanthu@coquan.gov.vn).",
            value=cleaned,
        )
    return f"{m['local']}@{m['domain'].lower()}"


_PHONE_CHARS = re.compile(r"\+?[0-9 .\-()]+")


def phone(value: object, field: str, label: str, required: bool = False) -> str | None:
    """A telephone number, kept in the readable form it was typed in.

    Accepted: digits with an optional leading ``+`` (``+84``), spaces, dots, dashes and one pair
    of parentheses; 8 to 15 digits (fixed lines without the area code have 7–8, mobiles 10,
    international numbers up to 15). The grouping (``0238.3844.555``, ``(0238) 384 4555``) is
    kept because it is what gets printed in documents; only the spaces are tidied by ``clean``.
    Use :func:`phone_digits` to compare two numbers.
    """
    cleaned = _given(value, field, label, required)
    if cleaned is None:
        return None
    digits = sum(ch.isdigit() for ch in cleaned)
    # At most one "(" and it must come before its ")": "(0238) 3844 555".
    opening, closing = cleaned.count("("), cleaned.count(")")
    balanced = opening == closing <= 1 and cleaned.find("(") <= cleaned.find(")")
    if not (_PHONE_CHARS.fullmatch(cleaned) and 8 <= digits <= 15 and balanced):
        raise _fail(
            field,
            label,
            '"{label}" không phải là số điện thoại hợp lệ: "{value}" '
            "(8–15 chữ số, ví dụ: 0912 345 678 hoặc +84 238 3844 555).",
            value=cleaned,
        )
    return cleaned


def phone_digits(value: str | None) -> str:
    """Digits only, with ``+84``/``0084`` written as the national ``0``, for comparing numbers."""
    digits = "".join(ch for ch in textmod.clean(value) if ch.isdigit())
    for prefix in ("0084", "84"):
        # A bare "84..." is only a country code when the "+" was typed.
        if digits.startswith(prefix) and (prefix == "0084" or "+" in (value or "")):
            return "0" + digits[len(prefix) :]
    return digits


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
# Date and time in either order: "05/02/2026 14:00", "05/02/2026 lúc 14h00",
# "14h00 ngày 05/02/2026", "2026-02-05T14:00".
_DATETIME = re.compile(
    r"(?P<date>[\d/.\-]+)(?:T|[ ,]+(?:lúc\s+)?)(?P<time>[\d:hg]+)"
    r"|(?P<time2>[\d:hg]+)[ ,]+(?:ngày\s+)?(?P<date2>[\d/.\-]+)",
    re.IGNORECASE,
)
# 14:00, 14:00:30, and the handwritten 14h00, 14h, 14g00.
_TIME = re.compile(r"(\d{1,2})(?::(\d{2})(?::(\d{2}))?|[hg](\d{2})?)", re.IGNORECASE)


def _parse_date(cleaned: str) -> date | None:
    if m := _ISO_DATE.fullmatch(cleaned):
        year, month, day = (int(g) for g in m.groups())
    elif m := _VN_DATE.fullmatch(cleaned):
        day, month, year = (int(g) for g in m.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_value(
    value: object, field: str, label: str, required: bool = False, *, bounded: bool = True
) -> date | None:
    """A date from a ``date``, a ``datetime`` (its date), ``2026-02-05``, ``05/02/2026``,
    ``5/2/2026`` (also with ``-`` or ``.``). Two-digit years are refused as ambiguous, and
    so is a date outside :data:`EARLIEST_DATE`..:data:`LATEST_DATE`, however it came.
    ``bounded=False`` only reads it: the command line's parser, whose date the core checks
    again under the field's own name ("Ngày ban hành", not "ngày")."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _in_range(value, field, label) if bounded else value
    cleaned = _given(value, field, label, required)
    if cleaned is None:
        return None
    parsed = _parse_date(cleaned)
    if parsed is None:
        raise _fail(
            field,
            label,
            '"{label}" không phải là ngày hợp lệ: "{value}" (nhập theo dạng 05/02/2026).',
            value=cleaned,
        )
    return _in_range(parsed, field, label) if bounded else parsed


def _parse_datetime(cleaned: str) -> datetime | None:
    if _ISO_DATE.fullmatch(cleaned) or _VN_DATE.fullmatch(cleaned):
        return None  # a date alone: the time was forgotten
    if cleaned[:4].isdigit():
        # Full ISO 8601 (seconds, fractions, offsets) as written by other programs.
        try:
            return datetime.fromisoformat(cleaned)
        except ValueError:
            pass
    m = _DATETIME.fullmatch(cleaned)
    if m is None:
        return None
    day = _parse_date(m["date"] or m["date2"])
    t = _TIME.fullmatch(m["time"] or m["time2"])
    if day is None or t is None:
        return None
    hour, minute, second, minute_h = t.groups()
    try:
        return datetime.combine(
            day, time(int(hour), int(minute or minute_h or 0), int(second or 0))
        )
    except ValueError:
        return None


def datetime_value(
    value: object, field: str, label: str, required: bool = False
) -> datetime | None:
    """A date and time from a ``datetime``, a ``date`` (midnight), ISO text (``2026-02-05T14:00``,
    ``2026-02-05 14:00``) or Vietnamese text (``05/02/2026 14:00``, ``14h00 ngày 05/02/2026``).

    Text without a time is refused: for a meeting a missing time is a mistake, not midnight.
    A time with a zone is converted to this computer's local time without zone, because the
    application stores naive local times and Python cannot compare naive with aware ones.
    """
    if isinstance(value, datetime):
        parsed: datetime | None = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    else:
        cleaned = _given(value, field, label, required)
        if cleaned is None:
            return None
        parsed = _parse_datetime(cleaned)
        if parsed is None:
            raise _fail(
                field,
                label,
                '"{label}" không phải là ngày giờ hợp lệ: "{value}" (nhập theo dạng 05/02/2026 '
                "14:00).",
                value=cleaned,
            )
    try:
        local = _naive_local(parsed)
    except (OverflowError, ValueError):  # 01/01/0001 with a zone east of this computer's
        raise _out_of_range(field, label, parsed) from None
    _in_range(local.date(), field, label, shown=local)
    return local


def _naive_local(value: datetime) -> datetime:
    return value if value.tzinfo is None else value.astimezone().replace(tzinfo=None)


# No record of a provincial steering committee (appointments, issued documents) predates it: an
# earlier date is a slip of the keyboard (``0001-01-01``), never history.
EARLIEST_DATE = date(2000, 1, 1)
# Nor does any plan of it reach into the next century: a later date is a slip too
# (``31/12/9999``), and one the calendar files and the date arithmetic cannot carry.
LATEST_DATE = date(2099, 12, 31)


def _out_of_range(field: str, label: str, value: date) -> ValidationError:
    return _fail(
        field,
        label,
        '"{label}" ({value}) không hợp lệ: phải trong khoảng từ {earliest} đến {latest}.',
        value=_show(value),
        earliest=_show(EARLIEST_DATE),
        latest=_show(LATEST_DATE),
    )


def _in_range(value: date, field: str, label: str, *, shown: date | None = None) -> date:
    """The one range of every date the core takes (a form's, an import's, the CLI's)."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise _out_of_range(field, label, value if shown is None else shown)
    return value


def date_window(
    value: date,
    field: str,
    label: str,
    *,
    latest: date,
    earliest: date = EARLIEST_DATE,
) -> date:
    """Refuse a ``value`` outside ``earliest``..``latest`` (e.g. no later than tomorrow for a
    date that records something done: an issue, an appointment's start)."""
    if value < earliest:
        raise _fail(
            field,
            label,
            '"{label}" ({value}) không hợp lệ: không được sớm hơn {earliest}.',
            value=_show(value),
            earliest=_show(earliest),
        )
    if value > latest:
        raise _fail(
            field,
            label,
            '"{label}" ({value}) không được muộn hơn {latest}.',
            value=_show(value),
            latest=_show(latest),
        )
    return value


def _show(value: date) -> str:
    if isinstance(value, datetime):
        return f"{textmod.short_date(value)} {value:%H:%M}"
    return textmod.short_date(value)


def date_order(
    start: date | None,
    end: date | None,
    field: str,
    label: str,
    *,
    start_label: str | None = None,
) -> None:
    """Refuse an ``end`` (the field named ``field``/``label``) earlier than ``start``.

    Either side missing means nothing to check. A date compared with a datetime is compared by
    its day, so a deadline date on the day of a meeting is accepted.
    """
    if start is None or end is None:
        return
    if isinstance(start, datetime) != isinstance(end, datetime):
        before = (end.date() if isinstance(end, datetime) else end) < (
            start.date() if isinstance(start, datetime) else start
        )
    else:
        before = end < start
    if not before:
        return
    if start_label:
        raise _fail(
            field,
            label,
            '"{label}" ({end}) không được sớm hơn "{start_label}" ({start}).',
            end=_show(end),
            start=_show(start),
            start_label=start_label,
        )
    # Without a label for the start, name it by what it is: a day, or a moment of a day.
    template = (
        '"{label}" ({end}) không được sớm hơn thời điểm bắt đầu ({start}).'
        if isinstance(start, datetime)
        else '"{label}" ({end}) không được sớm hơn ngày bắt đầu ({start}).'
    )
    raise _fail(field, label, template, end=_show(end), start=_show(start))


def positive_int(
    value: object,
    field: str,
    label: str,
    *,
    minimum: int = 0,
    maximum: int | None = None,
    required: bool = False,
) -> int | None:
    """A whole number within ``minimum``..``maximum`` from an int, an integral float or digits.

    Booleans are refused (``True`` is an int to Python but never a count to a user).
    """
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    else:
        cleaned = _given(value, field, label, required)
        if cleaned is None:
            return None
        if re.fullmatch(r"[+-]?[0-9]+", cleaned):  # ASCII digits, as the command line takes
            number = int(cleaned)
    if number is None:
        raise _fail(field, label, '"{label}" phải là một số nguyên: "{value}".', value=value)
    if number < minimum:
        raise _fail(field, label, '"{label}" không được nhỏ hơn {minimum}.', minimum=minimum)
    # Without a maximum, the database's: a larger number cannot even be looked up.
    if number > (MAX_INTEGER if maximum is None else maximum):
        if maximum is None:
            raise _fail(field, label, '"{label}" quá lớn: "{value}".', value=str(number))
        raise _fail(field, label, '"{label}" không được lớn hơn {maximum}.', maximum=maximum)
    return number


def record_id(value: object, field: str, label: str) -> int:
    """The id of a record to load: a whole number from 1 to the largest a database integer
    holds. Anything else names no record, and SQLite cannot even look a larger one up."""
    number = positive_int(value, field, label, minimum=1, required=True)
    assert number is not None
    return number


def choice(
    value: object, enum_cls: type[E], field: str, label: str, required: bool = True
) -> E | None:
    """A member of ``enum_cls`` from a member, its value (``"head"``) or its name (``"HEAD"``).

    Matching of strings ignores case and surrounding spaces, because the CLI and imports type
    them by hand. Anything else is refused with the list of allowed values.
    """
    if isinstance(value, enum_cls):
        return value
    cleaned = _given(value, field, label, required)
    if cleaned is None:
        return None
    wanted = cleaned.casefold()
    for member in enum_cls:
        if str(member.value).casefold() == wanted or member.name.casefold() == wanted:
            return member
    raise _fail(
        field,
        label,
        '"{label}" không nhận giá trị "{value}"; các giá trị hợp lệ: {allowed}.',
        value=cleaned,
        allowed=", ".join(str(member.value) for member in enum_cls),
    )


class Refusals:
    """Checks run one after another, every refusal kept (:meth:`__call__` returns None for a
    refused value) and raised together by :meth:`raise_any`: a form marks each bad field at
    once, not one per save (:attr:`ValidationError.every`)."""

    def __init__(self) -> None:
        self.refused: list[ValidationError] = []

    def __call__(self, check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return check(*args, **kwargs)
        except ValidationError as exc:
            self.refused.extend(exc.every)
            return None

    def raise_any(self) -> None:
        if self.refused:
            first, *others = self.refused
            raise ValidationError(first.field, first.message, label=first.label, also=tuple(others))
