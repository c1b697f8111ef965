"""The marks of attendance and one mark checked as a form or a script gives it, before any
session is opened (:func:`clean_marks`, :func:`clean_mark`): the status is one of
:data:`MARKS`, a reason goes only with absent, a substitute's name and position only with a
substitute, a time of arrival only with late (``08:20``, ``8h20`` or a date and time:
:func:`time_or_datetime`). Whether that time fits the meeting is judged on the meeting itself,
when the mark is recorded (:mod:`.attendance`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, time
from typing import Any

from . import validation as v
from .errors import ValidationError
from .i18n import tr
from .name_case import title_case_name
from .text import clean, excerpt

MARKS = ("unknown", "present", "online", "late", "absent", "substitute")
# The marks of someone attending (the online too: they take part, only not in the room).
ATTENDING = ("present", "online", "late", "substitute")
# The marks a walk-in (someone who came without being invited, :mod:`.walk_in`) may take.
WALK_IN_MARKS = ("present", "online", "late")
MARK_LABELS = {
    "unknown": "Chưa điểm danh",
    "present": "Có mặt",
    "online": "Dự trực tuyến",
    "late": "Đến muộn",
    "absent": "Vắng",
    "substitute": "Cử người dự thay",
}
FIELD_LABELS = {
    "status": "Điểm danh",
    "reason": "Lý do vắng",
    "substitute_name": "Họ và tên người dự thay",
    "substitute_position": "Chức vụ người dự thay",
    "arrived_at": "Giờ đến",
    "invitee_id": "Người được mời",
}


def field_label(field: str) -> str:
    return tr(FIELD_LABELS[field])


@dataclass(frozen=True)
class AttendanceMark:
    """One invitee's mark as a form or a script gives it. ``arrived_at`` (late only) is a
    datetime, or a time ``08:20`` on its day (the next day for ``00:05`` when the meeting ran
    past midnight: :func:`.meeting_span.on_meeting_day`)."""

    invitee_id: int
    status: str
    reason: str | None = None
    substitute_name: str | None = None
    substitute_position: str | None = None
    arrived_at: datetime | time | str | None = None


@dataclass(frozen=True)
class CleanMark:
    """A mark checked against itself (not yet against the meeting): what is recorded."""

    invitee_id: int
    status: str
    reason: str | None
    substitute_name: str | None
    substitute_position: str | None
    arrived_at: datetime | time | None


_TIME = re.compile(r"(\d{1,2})\s*[:hH]\s*(\d{2})?")
_MARK_FIELDS = {f.name for f in fields(AttendanceMark)}


def mark_error(field: str, message: str, n: int | None = None) -> ValidationError:
    text = message if n is None else tr("Dòng {n}: {message}").format(n=n, message=message)
    return ValidationError(field, text, label=field_label(field))


def time_or_datetime(value: object, field: str, label: str) -> datetime | time | None:
    """``08:20`` / ``8h20`` (a time of day, put on its day by the caller) or a date and time."""
    if value is None or isinstance(value, datetime | time):
        return value  # type: ignore[return-value]
    text = str(value).strip()
    if not text:
        return None
    m = _TIME.fullmatch(text)
    if m is not None:
        hour, minute = int(m[1]), int(m[2] or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    return v.datetime_value(text, field, label, required=True)


def clean_mark(raw: AttendanceMark | Mapping[str, Any], n: int | None) -> CleanMark:
    if not isinstance(raw, AttendanceMark):
        unknown = sorted(set(raw) - _MARK_FIELDS)
        if unknown or "invitee_id" not in raw or "status" not in raw:
            raise mark_error(
                "status",
                tr("cần invitee_id và status; trường không hợp lệ: {names}.").format(
                    names=", ".join(unknown) or "-"
                ),
                n,
            )
        raw = AttendanceMark(**raw)
    try:
        invitee = v.positive_int(
            raw.invitee_id, "invitee_id", field_label("invitee_id"), minimum=1, required=True
        )
        status = str(raw.status or "").strip().casefold()
        if status not in MARKS:
            raise mark_error(
                "status",
                tr('"{label}" không nhận giá trị "{value}"; các giá trị hợp lệ: {allowed}.').format(
                    # Echoed cut and cleaned: a control character must not reach the message.
                    label=field_label("status"),
                    value=excerpt(clean(str(raw.status)[:1000])),
                    allowed=", ".join(MARKS),
                ),
            )
        reason = v.text(raw.reason, "reason", field_label("reason"), max_len=300)
        sub_name = v.text(
            raw.substitute_name, "substitute_name", field_label("substitute_name"), max_len=200
        )
        # A person's name, printed in the minutes as names are written.
        sub_name = title_case_name(sub_name) if sub_name else None
        sub_pos = v.text(
            raw.substitute_position,
            "substitute_position",
            field_label("substitute_position"),
            max_len=200,
        )
        arrived = time_or_datetime(raw.arrived_at, "arrived_at", field_label("arrived_at"))
    except ValidationError as exc:
        raise mark_error(exc.field, exc.message, n) from None
    if status == "substitute" and not sub_name:
        raise mark_error(
            "substitute_name",
            tr('"{label}" không được để trống khi cử người dự thay.').format(
                label=field_label("substitute_name")
            ),
            n,
        )
    if status != "substitute" and (sub_name or sub_pos):
        raise mark_error(
            "substitute_name", tr("chỉ ghi người dự thay khi điểm danh là “dự thay”."), n
        )
    if status != "absent" and reason:
        raise mark_error("reason", tr("chỉ ghi lý do khi điểm danh là “vắng”."), n)
    if status == "late" and arrived is None:
        raise mark_error(
            "arrived_at",
            tr('"{label}" không được để trống khi đến muộn.').format(
                label=field_label("arrived_at")
            ),
            n,
        )
    if status != "late" and arrived is not None:
        raise mark_error("arrived_at", tr("chỉ ghi giờ đến khi điểm danh là “đến muộn”."), n)
    assert invitee is not None
    return CleanMark(invitee, status, reason, sub_name, sub_pos, arrived)


def clean_marks(marks: Sequence[AttendanceMark | Mapping[str, Any]]) -> list[CleanMark]:
    out = [clean_mark(raw, n) for n, raw in enumerate(marks, start=1)]
    seen: set[int] = set()
    for n, mark in enumerate(out, start=1):
        if mark.invitee_id in seen:
            raise mark_error(
                "invitee_id", tr("người được mời này đã được điểm danh ở dòng trên."), n
            )
        seen.add(mark.invitee_id)
    return out
