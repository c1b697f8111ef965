"""Recording when a meeting actually ended ("Giờ kết thúc thực tế").

The minutes print the actual end ("Cuộc họp kết thúc vào …"); the meeting's planned end is what
its convocation called people to. :func:`record_close` stores the actual end on the minutes
(``Minutes.closed_at``), in one transaction guarded by the minutes' version (0: none written
yet), with a revision of the minutes (who, when) and the change log's row. The planned times are
left as they are and no issued document is touched (see :mod:`.meeting_span`): a meeting that
ran over has not been re-scheduled.

A time typed alone (``00:40``) is put on its day as an arrival is: the next day when earlier than
the start. The end comes after the start and after every arrival recorded, is not in the future,
and is within the day after the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from .attendance import time_or_datetime
from .db import Database
from .errors import BcdError, ValidationError
from .i18n import tr
from .locking import flush
from .meeting_rules import OPEN_STATUSES
from .meeting_span import going_on_until, latest_close, on_meeting_day
from .minutes_text import _load, _minutes, _version_of, _what, add_revision
from .models import AttendanceStatus, Invitee, MeetingStatus, Minutes

FIELD = "closed_at"


def _label() -> str:
    return tr("Giờ kết thúc thực tế")


def _fail(message: str) -> ValidationError:
    return ValidationError(FIELD, message, label=_label())


def record_close(
    db: Database,
    meeting_id: int,
    closed_at: datetime | time | str | None,
    *,
    expected_version: int | None,
    now: datetime | None = None,
) -> int:
    """Record the actual end of ``meeting_id`` (``None`` or empty: not known, the minutes fall
    back on the planned end); returns the minutes' new version."""
    value = time_or_datetime(closed_at, FIELD, _label())  # the forms of a time of arrival
    at = now or datetime.now().replace(microsecond=0)
    with db.session() as s:
        m = _load(s, meeting_id)
        mins = _minutes(s, m.id)
        _version_of(mins, expected_version)
        if m.status == MeetingStatus.CANCELLED or (mins and mins.is_final):
            raise BcdError(
                tr("Biên bản đã ban hành hoặc cuộc họp đã hủy: không sửa được (mở lại biên bản).")
            )
        end: datetime | None = None
        if isinstance(value, datetime):
            end = value
        elif isinstance(value, time):
            until = going_on_until(m.starts_at, m.ends_at, None, at)
            end = on_meeting_day(value, m.starts_at, until)
        if end is not None:
            _check(end, m.starts_at, at, m.invitees)
        if m.status in OPEN_STATUSES:
            if at < m.starts_at:
                raise BcdError(tr("Cuộc họp chưa diễn ra: chưa lập biên bản được."))
            m.status = MeetingStatus.HELD  # it has ended, so it was held
        if mins is None:
            mins = Minutes(meeting_id=m.id)
            s.add(mins)
        elif mins.closed_at == end:
            return mins.version  # nothing changed: no new revision
        mins.closed_at = end  # a column changed: the version is bumped on flush
        add_revision(s, m, mins, "saved")
        flush(s, _what())
        return mins.version


def _check(end: datetime, start: datetime, now: datetime, invitees: Sequence[Invitee]) -> None:
    at = f"{end:%H:%M %d/%m/%Y}"
    if end <= start:
        raise _fail(
            tr('"{label}" ({at}) phải sau giờ bắt đầu ({start}).').format(
                label=_label(), at=at, start=f"{start:%H:%M %d/%m/%Y}"
            )
        )
    if end > now:
        raise _fail(
            tr('"{label}" ({at}) chưa đến (bây giờ là {now}).').format(
                label=_label(), at=at, now=f"{now:%H:%M %d/%m/%Y}"
            )
        )
    if end > latest_close(start):
        raise _fail(
            tr('"{label}" ({at}) quá ngày hôm sau của ngày họp.').format(label=_label(), at=at)
        )
    arrivals = [
        i.arrived_at
        for i in invitees
        if i.attendance == AttendanceStatus.PRESENT and i.arrived_at is not None
    ]
    last = max(arrivals, default=None)
    if last is not None and end < last:
        raise _fail(
            tr(
                '"{label}" ({at}) phải sau giờ đến muộn nhất đã ghi ({last}); sửa giờ đến '
                "ở mục Điểm danh nếu giờ đó ghi nhầm."
            ).format(label=_label(), at=at, last=f"{last:%H:%M %d/%m/%Y}")
        )
