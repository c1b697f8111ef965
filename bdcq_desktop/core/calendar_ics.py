"""Meetings as iCalendar (.ics) files for Outlook, Google Calendar or a phone.

Each meeting is one event whose UID stays the same for the life of the meeting (``Meeting.uid``),
so importing the file again updates the event instead of adding a second one; ``SEQUENCE`` is
the meeting's version and a cancelled meeting is exported as ``STATUS:CANCELLED``. Times are
written in Asia/Ho_Chi_Minh (the application stores naive local times of the province) with
the time zone's definition included; the description carries the agenda with its times.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select

from .db import Database, output_path
from .errors import BcdError
from .files import write_atomic
from .i18n import tr
from .meetings import MeetingDetail, get_meeting
from .models import Meeting, MeetingStatus

if TYPE_CHECKING:
    from icalendar import Event

TIME_ZONE = "Asia/Ho_Chi_Minh"
PRODID = "-//BCD Desktop//bdcq-desktop//VI"
UID_DOMAIN = "bdcq-desktop"
# Without a planned end an event still needs one; the regulation's meetings last a morning.
DEFAULT_LENGTH = timedelta(hours=2)
_STATUS = {
    MeetingStatus.PLANNED.value: "TENTATIVE",
    MeetingStatus.CONVENED.value: "CONFIRMED",
    MeetingStatus.HELD.value: "CONFIRMED",
    MeetingStatus.MINUTES_FINAL.value: "CONFIRMED",
    MeetingStatus.CANCELLED.value: "CANCELLED",
}


def event_uid(meeting_uid: str) -> str:
    return f"{meeting_uid}@{UID_DOMAIN}"


def _description(m: MeetingDetail) -> str:
    lines = [m.kind_label]
    if m.chair:
        lines.append(tr("Chủ trì: {name}").format(name=m.chair.name))
    if m.cancel_reason:
        lines.append(tr("Đã hủy: {reason}").format(reason=m.cancel_reason))
    if m.agenda:
        lines.append(tr("Chương trình:"))
        for a in m.agenda:
            when = f"{a.starts_at:%H:%M} " if a.starts_at else ""
            who = f" ({a.presenter})" if a.presenter else ""
            lines.append(f"{a.order}. {when}{a.title}{who}")
    return "\n".join(lines)


def _default_end(start: datetime) -> datetime:
    """Two hours later, or the end of the day at the end of the calendar (a date stored before
    dates were bounded must not stop the whole calendar from being written)."""
    try:
        return start + DEFAULT_LENGTH
    except OverflowError:
        return datetime.combine(start.date(), time(23, 59, 59))


def _event(m: MeetingDetail, zone: ZoneInfo, stamp: datetime) -> Event:
    from icalendar import Event

    ev = Event()
    ev.add("uid", event_uid(m.uid))
    ev.add("dtstamp", stamp)
    ev.add("dtstart", m.starts_at.replace(tzinfo=zone))
    ev.add("dtend", (m.ends_at or _default_end(m.starts_at)).replace(tzinfo=zone))
    ev.add("summary", m.title)
    if m.place:
        ev.add("location", m.place)
    ev.add("description", _description(m))
    ev.add("status", _STATUS[m.status])
    ev.add("sequence", m.version)
    ev.add("categories", [m.kind_label])
    return ev


def calendar_bytes(meetings: Sequence[MeetingDetail], *, stamp: datetime | None = None) -> bytes:
    """An iCalendar file of ``meetings``."""
    # Imported when a file is written, not with the meetings tab (it is slow to import).
    from icalendar import Calendar

    zone = ZoneInfo(TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-timezone", TIME_ZONE)
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    for m in meetings:
        cal.add_component(_event(m, zone, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def upcoming_ids(db: Database, today: date | None = None) -> list[int]:
    """Meetings from ``today`` on (cancelled ones included, so calendars drop them), by date."""
    start = datetime.combine(today or date.today(), time())
    with db.session() as s:
        return list(
            s.scalars(
                select(Meeting.id)
                .where(Meeting.starts_at >= start)
                .order_by(Meeting.starts_at, Meeting.id)
            )
        )


def write_ics(
    db: Database,
    path: str | os.PathLike[str],
    *,
    meeting_id: int | None = None,
    today: date | None = None,
) -> tuple[Path, int]:
    """Write one meeting, or every meeting from ``today`` on, to ``path`` (through a temporary
    file in the same folder, renamed over the target only when complete). Returns the path
    and the number of events."""
    # The one check every file the officer names goes through: never the database, the
    # automatic backups or the issued documents, in any spelling.
    target = output_path(path, db)
    if target.suffix.lower() != ".ics":
        raise BcdError(tr("Tệp lịch phải có đuôi .ics: {path}").format(path=target))
    ids = [meeting_id] if meeting_id is not None else upcoming_ids(db, today)
    data = calendar_bytes([get_meeting(db, i) for i in ids])
    return write_atomic(target, data), len(ids)


__all__ = [
    "TIME_ZONE",
    "calendar_bytes",
    "event_uid",
    "upcoming_ids",
    "write_ics",
]
