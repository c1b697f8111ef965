"""Checking the cells of a roster row: each problem named by the file's own column, and the
dates of the row's term ("Từ ngày", "Đến ngày", "Quyết định thôi"). :mod:`.roster_check`
checks the rows with these."""

from __future__ import annotations

from datetime import date
from typing import Any

from . import validation as v
from .errors import ValidationError
from .i18n import tr
from .memberships import latest_start
from .roster_files import FileColumn, parse_decision
from .text import fold

# The validation fields read from another column of the file than their own name.
_FIELD_COLUMN = {
    "decision_number": "decision",
    "decision_date": "decision",
    "end_decision_number": "end_decision",
    "end_decision_date": "end_decision",
}


def _in_file(columns: dict[str, FileColumn], field_name: str, label_: str, message: str) -> str:
    """``message`` about ``field_name`` naming the file's own column instead of the label:
    the officer looks for the column "Chức danh", not "Vai trò" which the file does not have."""
    column = columns.get(_FIELD_COLUMN.get(field_name, field_name))
    if column is None:
        return message
    if fold(column.header) == fold(label_):
        ref = tr('"{header}" (cột {letter})')
    else:
        ref = tr('"{header}" (cột {letter}, đọc là "{label}")')
    ref = ref.format(header=column.header, letter=column.letter, label=label_)
    quoted = f'"{label_}"'
    return message.replace(quoted, ref, 1) if quoted in message else f"{ref}: {message}"


class Checker:
    """Validates one row, collecting every problem rather than stopping at the first; each
    names the cell by the file's own header (see :func:`_in_file`)."""

    def __init__(self, columns: dict[str, FileColumn]) -> None:
        self.problems: list[str] = []
        self.columns = columns

    def __call__(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            self.add(exc.field, exc.label, exc.message)
            return None

    def add(self, field_name: str, label_: str, message: str) -> None:
        self.problems.append(_in_file(self.columns, field_name, label_, message))



def _end_decision(text: str) -> tuple[str | None, date | None]:
    """:func:`parse_decision` of "Quyết định thôi": its problems name that column."""
    try:
        return parse_decision(text)
    except ValidationError as exc:
        raise ValidationError(f"end_{exc.field}", exc.message, label=exc.label) from exc


def end_of(
    check: Checker, rec: dict[str, str], start: date | None
) -> tuple[date | None, str, date | None]:
    """The row's last day as a member ("Đến ngày") and the decision that ended the term
    ("Quyết định thôi"), checked as ending a term by hand is: not before the term began."""
    end = (
        check(v.date_value, rec["end_date"], "end_date", tr("Đến ngày"))
        if rec["end_date"]
        else None
    )
    number, decided = (
        (check(_end_decision, rec["end_decision"]) or (None, None))
        if rec["end_decision"]
        else (None, None)
    )
    if rec["end_decision"] and not rec["end_date"]:
        check.add(
            "end_date",
            tr("Đến ngày"),
            tr('Có "Quyết định thôi" nhưng thiếu "Đến ngày" (ngày cuối là thành viên).'),
        )
    if end is not None:
        check(v.date_order, start, end, "end_date", tr("Đến ngày"), start_label=tr("Từ ngày"))
    return end, number or "", decided


def start_of(check: Checker, text: str, decided: date | None) -> date | None:
    """The row's first day as a member: its "Từ ngày", else the day of its decision.

    An appointment decision takes effect on the day it is signed unless it says otherwise, and
    a roster copies its decisions; a start that differs (a decision effective later) is what
    "Từ ngày" is for. Either date must fall in the window an appointment by hand allows, and
    the message names the cell it came from."""
    if text:
        key, label_ = "start_date", tr("Từ ngày")
        day = check(v.date_value, text, key, label_)
    else:
        key, label_, day = "decision_date", tr("Ngày quyết định"), decided
    if day is None:
        return None
    return check(v.date_window, day, key, label_, latest=latest_start())
