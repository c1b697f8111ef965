"""The times a meeting-room record carries, checked against the meeting and the office's clock
(:mod:`.room_merge`).

The laptop stamps arrivals, walk-ins and the actual start and end with its own clock, and that
clock can be off by hours or a day (a flat battery, a wrong time zone): a check-in dated the
day after the meeting, or later than the office's now, is the laptop's clock, not a fact. Such
a time is not carried in silently: the preview flags it, and it is applied only when the
officer chooses the room's version (:func:`doubtful_time` says why). The span a time may fall
in is the meeting's own rules (:mod:`.meeting_span`): from the start of its day (people come
early) to :data:`~.meeting_span.RUN_OVER` past its planned end, never past the day after its
start, and never after the office's now.
"""

from __future__ import annotations

from datetime import datetime, time

from .i18n import tr
from .meeting_span import RUN_OVER, latest_close, planned_end
from .models import Meeting

DOUBT = "Giờ không hợp lệ (máy phòng họp có thể sai giờ)"
DOUBT_WHY = "máy phòng họp có thể sai giờ"


def _at(value: datetime) -> str:
    return f"{value:%H:%M %d/%m/%Y}"


def doubtful_time(values: tuple[datetime | None, ...], m: Meeting, now: datetime) -> str:
    """Why one of ``values`` (times the room recorded) cannot be the meeting's; "" when none."""
    earliest = datetime.combine(m.starts_at.date(), time.min)
    latest = min(planned_end(m.starts_at, m.ends_at) + RUN_OVER, latest_close(m.starts_at))
    for at in values:
        if at is None:
            continue
        if at > now:
            why = tr("{at} muộn hơn giờ hiện tại của văn phòng ({now})")
            return why.format(at=_at(at), now=_at(now))
        if at < earliest:
            why = tr("{at} trước ngày họp ({day})")
            return why.format(at=_at(at), day=f"{m.starts_at:%d/%m/%Y}")
        if at > latest:
            why = tr("{at} quá {h} giờ sau giờ kết thúc dự kiến ({end})")
            end = planned_end(m.starts_at, m.ends_at)
            return why.format(at=_at(at), h=int(RUN_OVER.total_seconds() // 3600), end=_at(end))
    return ""
