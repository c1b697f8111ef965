"""The date and time options of the commands: their argparse types (``date_arg``…) and how
:class:`.common.Parser` reads them, naming the option's field in a refusal."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from ..core.errors import ValidationError
from ..core.text import excerpt


def date_label(action: argparse.Action) -> str:
    """The field a date option sets, from its help ("ngày nhận / received on" → "Ngày nhận /
    received on"): brackets dropped ("ngày bắt đầu (bắt buộc / required) / start date" →
    "Ngày bắt đầu / start date"), then each half up to its first comma, colon or qualifier
    ("ngày bắt đầu cho các dòng…" → "Ngày bắt đầu"), cut short."""
    import re

    text = re.sub(r"\s*\([^()]*\)", "", action.help or "")
    halves = []
    for half in text.split(" / ", 1):
        for end in (" (", ", ", ": ", " cho ", " for ", " of the "):
            half = half.split(end, 1)[0]
        halves.append(excerpt(half.strip(), 50))
    label = " / ".join(h for h in halves if h) or "ngày / date"
    return label[:1].upper() + label[1:]


def _date(text: str, label: str):  # type: ignore[no-untyped-def]
    """``text`` read as a date (05/02/2026 or 2026-02-05) for the field ``label``."""
    from ..core.validation import date_value

    # Read here, bounded by the core, which names the field ("Ngày ban hành").
    return date_value(text, "date", label, required=True, bounded=False)


def _datetime(text: str, label: str):  # type: ignore[no-untyped-def]
    """``text`` read as a date and time (05/02/2027 08:00, 2027-02-05T08:00)."""
    from ..core.validation import datetime_value

    return datetime_value(text, "datetime", label, required=True)


def _time_or_datetime(text: str, label: str):  # type: ignore[no-untyped-def]
    """``text`` read as a time alone (08:15, put on the meeting's day by the core) or a date
    and time, as the window's time fields take them."""
    from ..core.attendance_marks import time_or_datetime
    from ..core.validation import datetime_value

    # "" would be None ("no time"): refused as datetime_value refuses an empty one.
    return time_or_datetime(text, "time", label) or datetime_value(text, "time", label, True)


def _typed(read: Callable[[str, str], Any], name: str, clearable: bool = False) -> Any:
    """An argparse type reading with ``read`` (``clearable``: ``""`` kept as typed, which the
    core reads as no value). :class:`Parser` reads an option of this type itself, naming its
    field; the type alone (another parser) cannot."""

    def arg(text: str) -> Any:
        if clearable and not text.strip():
            return ""
        try:
            return read(text, "ngày / date")
        except ValidationError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    arg.__name__ = arg.__qualname__ = name
    return arg


date_arg = _typed(_date, "date_arg")  # 05/02/2026 or 2026-02-05
date_or_empty_arg = _typed(_date, "date_or_empty_arg", clearable=True)
datetime_arg = _typed(_datetime, "datetime_arg")  # 05/02/2027 08:00
datetime_or_empty_arg = _typed(_datetime, "datetime_or_empty_arg", clearable=True)
time_or_datetime_arg = _typed(_time_or_datetime, "time_or_datetime_arg")  # 08:15 or both
# Every date and time type, and how Parser reads it; the clearable ones keep "" as typed.
READERS: dict[Any, Callable[[str, str], Any]] = {
    date_arg: _date,
    date_or_empty_arg: _date,
    datetime_arg: _datetime,
    datetime_or_empty_arg: _datetime,
    time_or_datetime_arg: _time_or_datetime,
}
CLEARABLE = (date_or_empty_arg, datetime_or_empty_arg)


def since_arg(text: str):  # type: ignore[no-untyped-def]
    """argparse type for a chase window's start: a date (as :func:`date_arg`), or ``all`` (no
    bound: every overdue item), kept as the string ``"all"``."""
    return "all" if text.strip().casefold() in ("all", "tất cả") else date_arg(text)


# A tasks report's period (``export tasks``, ``tasks list``, ``tasks summary``): ``--from D --to
# D``, or ``--year Y`` with ``--quarter N`` or ``--half N`` (the year alone: the whole year),
# read into a core.task_period.TaskPeriod, as the document dialog's period choice reads it.
# The options, as the export's refusal names them for a kind without a period.
PERIOD_OPTIONS = {"start": "--from", "end": "--to", "year": "--year", "quarter": "--quarter",
                  "half": "--half"}  # fmt: skip


def add_period_options(p: argparse.ArgumentParser) -> None:
    from .common import year_arg  # common imports this module

    p.add_argument(
        "--from",
        dest="start",
        type=date_arg,
        metavar="D",
        help="ngày bắt đầu kỳ báo cáo (nhiệm vụ, cùng --to) / the period's first day (tasks, "
        "with --to)",
    )
    p.add_argument(
        "--to",
        dest="end",
        type=date_arg,
        metavar="D",
        help="ngày kết thúc kỳ báo cáo (nhiệm vụ) / the period's last day (tasks)",
    )
    p.add_argument(
        "--year",
        type=year_arg,
        metavar="Y",
        help="kỳ báo cáo nhiệm vụ là năm Y, hoặc một quý, nửa năm của năm Y / the tasks' period "
        "is year Y, or a quarter or half of it",
    )
    p.add_argument(
        "--quarter", type=int, choices=(1, 2, 3, 4), metavar="N", help="quý 1–4 / quarter 1–4"
    )
    p.add_argument(
        "--half",
        type=int,
        choices=(1, 2),
        metavar="N",
        help="6 tháng đầu (1) hoặc cuối (2) năm / first (1) or second (2) half",
    )


def given_period_options(args: argparse.Namespace) -> list[str]:
    return [opt for dest, opt in PERIOD_OPTIONS.items() if getattr(args, dest, None) is not None]


def read_period(args: argparse.Namespace) -> Any:
    """The period the options name (None: none given), or the exit code of a refused
    combination (an int)."""
    from ..core import task_period
    from .common import usage

    if not given_period_options(args):
        return None
    named = args.year is not None or args.quarter is not None or args.half is not None
    if named and (args.start is not None or args.end is not None):
        return usage(
            "không dùng --year, --quarter, --half cùng --from, --to",
            "--year, --quarter, --half exclude --from, --to",
        )
    if args.quarter is not None and args.half is not None:
        return usage("không dùng --quarter cùng --half", "--quarter and --half exclude each other")
    if named and args.year is None:
        opt = "--quarter" if args.quarter is not None else "--half"
        return usage(f"{opt} cần --year Y", f"{opt} needs --year Y")
    if args.quarter is not None:
        return task_period.quarter(args.year, args.quarter)
    if args.half is not None:
        return task_period.half(args.year, args.half)
    if args.year is not None:
        return task_period.whole_year(args.year)
    if args.start is None or args.end is None:
        missing = "--from" if args.start is None else "--to"
        return usage(f"kỳ báo cáo cần cả --from và --to: thiếu {missing}",
                     f"a period needs both --from and --to: {missing} is missing")  # fmt: skip
    return task_period.between(args.start, args.end)
