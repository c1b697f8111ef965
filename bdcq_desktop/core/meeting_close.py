"""Recording when a meeting actually started and ended ("Giờ bắt đầu thực tế", "Giờ kết thúc
thực tế").

The minutes print the actual start ("Thời gian bắt đầu: …") and end ("Cuộc họp kết thúc vào
…"); the meeting's planned times are what its convocation called people to.
:func:`record_start` and :func:`record_close` store them on the minutes (``Minutes.opened_at``,
``Minutes.closed_at``), each in one transaction guarded by the minutes' version (0: none written
yet), with a revision of the minutes (who, when) and the change log's row. The planned times are
left as they are and no issued document is touched (see :mod:`.meeting_span`): a meeting that
started late or ran over has not been re-scheduled.

A time typed alone (``00:40``) is put on its day: for the end, the next day when earlier than
the start (during the night or corrected days later alike), unless that would have the meeting
run over its planned end by more than :data:`.meeting_span.RUN_OVER` (then it is refused as a
slip; the date typed with it is taken); the start is on the meeting's day. Neither is in the
future, nor later than the day after the planned start. The end comes after the start (the
actual one when recorded) and after every arrival recorded. Someone recorded late at or before
the actual start was there when the meeting began: the minutes and the sheet read them as
present, since lateness is judged against the start when read (:func:`.held_times.
late_arrival`). Their arrival time is kept: a start corrected back to before it reads them late
again. :class:`StartRecorded` says how many the new start reads differently, both ways.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from .attendance_marks import time_or_datetime
from .db import Database
from .errors import BcdError, ValidationError
from .held_times import late_arrival
from .i18n import tr
from .locking import flush
from .meeting_rules import OPEN_STATUSES, lock_meeting, meeting_key, touch
from .meeting_span import RUN_OVER, end_on_day, latest_close, planned_end
from .minutes_text import _load, _minutes, _version_of, _what, add_revision
from .models import AttendanceStatus, Invitee, Meeting, MeetingStatus, Minutes

FIELD = "closed_at"
START_FIELD = "opened_at"
_LABELS = {FIELD: "Giờ kết thúc thực tế", START_FIELD: "Giờ bắt đầu thực tế"}


def _label(field: str = FIELD) -> str:
    return tr(_LABELS[field])


def _fail(message: str, field: str = FIELD) -> ValidationError:
    return ValidationError(field, message, label=_label(field))


def _at(value: datetime) -> str:
    return f"{value:%H:%M %d/%m/%Y}"


def _open_minutes(
    s: Session, meeting_id: int, expected_version: int | None
) -> tuple[Meeting, Minutes | None]:
    # The minutes' version guards the times; a check-in at the door bumps the meeting only,
    # so it refuses nothing here. The meeting's row is locked first all the same: a start
    # re-reads the arrivals and bumps the meeting, which a check-in saved between this read
    # and that bump would otherwise turn into a conflict.
    lock_meeting(s, meeting_key(meeting_id))
    m = _load(s, meeting_id)
    mins = _minutes(s, m.id)
    _version_of(mins, expected_version)
    if m.status == MeetingStatus.CANCELLED or (mins and mins.is_final):
        raise BcdError(
            tr("Biên bản đã ban hành hoặc cuộc họp đã hủy: không sửa được (mở lại biên bản).")
        )
    return m, mins


def _save(s: Session, m: Meeting, mins: Minutes | None, field: str, value: datetime | None) -> int:
    """Store ``value`` as the minutes' ``field`` (created if need be), with a revision."""
    if m.status in OPEN_STATUSES:
        m.status = MeetingStatus.HELD  # it has started (or ended), so it was held
    if mins is None:
        mins = Minutes(meeting_id=m.id)
        s.add(mins)
    elif getattr(mins, field) == value:
        return mins.version  # nothing changed: no new revision
    setattr(mins, field, value)  # a column changed: the version is bumped on flush
    add_revision(s, m, mins, "saved")
    flush(s, _what())
    return mins.version


@dataclass(frozen=True)
class StartRecorded:
    """What :func:`record_start` did: the minutes' new version, the start recorded, how many
    recorded late the new start reads as present (arrived at or before it) and how many it
    reads as late again (arrived after it, on time by the start before): said, not done
    silently. No arrival time is changed either way."""

    version: int
    opened_at: datetime | None
    made_present: int
    made_late: int = 0

    @property
    def present_text(self) -> str:
        """"2 người ghi đến muộn trước giờ này được tính là có mặt (giờ đến vẫn giữ)." then
        "1 người đến sau giờ này được tính lại là đến muộn." ('' when nobody changes)."""
        said = []
        if self.made_present:
            said.append(
                tr("{n} người ghi đến muộn trước giờ này được tính là có mặt (giờ đến vẫn giữ).")
                .format(n=self.made_present)
            )
        if self.made_late:
            said.append(
                tr("{n} người đến sau giờ này được tính lại là đến muộn.").format(n=self.made_late)
            )
        return " ".join(said)

    @property
    def text(self) -> str:
        """The sentence the window shows once the start is recorded."""
        if self.opened_at is None:
            said = tr("Đã bỏ giờ bắt đầu thực tế (biên bản in giờ bắt đầu theo kế hoạch)")
        else:
            said = tr("Đã ghi giờ bắt đầu {at}").format(at=f"{self.opened_at:%H:%M}")
        if not self.present_text:
            return said + "."
        return f"{said}; {self.present_text}"


def record_start(
    db: Database,
    meeting_id: int,
    opened_at: datetime | time | str | None,
    *,
    expected_version: int | None,
    now: datetime | None = None,
) -> StartRecorded:
    """Record the actual start of ``meeting_id`` (``None`` or empty: not known, the minutes
    fall back on the planned start); returns the minutes' new version, the start and how many
    marked late it reads as present, and as late again (:class:`StartRecorded`)."""
    value = time_or_datetime(opened_at, START_FIELD, _label(START_FIELD))
    at = now or datetime.now().replace(microsecond=0)
    with db.session() as s:
        m, mins = _open_minutes(s, meeting_id, expected_version)
        start: datetime | None = None
        if isinstance(value, datetime):
            start = value
        elif isinstance(value, time):
            start = datetime.combine(m.starts_at.date(), value)  # the meeting's day
        if start is not None:
            _check_start(start, m, mins.closed_at if mins else None, at)
        before = (mins.opened_at if mins else None) or m.starts_at
        present, late = _read_again(m.invitees, before, start or m.starts_at)
        if present or late:
            touch(s, m)  # the sheet reads differently: the meeting's version guards it
        version = _save(s, m, mins, START_FIELD, start)
        return StartRecorded(version, start, present, late)


def _read_again(invitees: Sequence[Invitee], before: datetime, after: datetime) -> tuple[int, int]:
    """How many recorded late the start ``after`` reads as present, and how many as late, that
    the start ``before`` read otherwise. Nothing is written: the arrivals stay as recorded."""
    present = late = 0
    for i in invitees:
        was = late_arrival(i.attendance, i.arrived_at, before) is not None
        now = late_arrival(i.attendance, i.arrived_at, after) is not None
        present += was and not now
        late += now and not was
    return present, late


def _check_start(start: datetime, m: Meeting, closed_at: datetime | None, now: datetime) -> None:
    label, at = _label(START_FIELD), _at(start)
    if start.date() < m.starts_at.date():
        raise _fail(
            tr('"{label}" ({at}) trước ngày họp ({day}).').format(
                label=label, at=at, day=f"{m.starts_at:%d/%m/%Y}"
            ),
            START_FIELD,
        )
    if start > now:
        raise _fail(
            tr('"{label}" ({at}) chưa đến (bây giờ là {now}).').format(
                label=label, at=at, now=_at(now)
            ),
            START_FIELD,
        )
    if start > latest_close(m.starts_at):
        raise _fail(
            tr('"{label}" ({at}) quá ngày hôm sau của ngày họp.').format(label=label, at=at),
            START_FIELD,
        )
    if closed_at is not None and start >= closed_at:
        raise _fail(
            tr('"{label}" ({at}) phải trước giờ kết thúc thực tế đã ghi ({end}).').format(
                label=label, at=at, end=_at(closed_at)
            ),
            START_FIELD,
        )


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
        m, mins = _open_minutes(s, meeting_id, expected_version)
        # The actual start once recorded: the end comes after it.
        start = (mins.opened_at if mins else None) or m.starts_at
        end: datetime | None = None
        if isinstance(value, datetime):
            end = value
        elif isinstance(value, time):
            end = end_on_day(value, start, m.starts_at, m.ends_at)
            # Earlier than the start would be the next day, past a meeting's length; the start
            # itself is not earlier, only not after it (:func:`_check` says so).
            if end < start:
                raise _too_long(end, start, m)
        if end is not None:
            _check(end, start, at, m.invitees)
        if m.status in OPEN_STATUSES and at < m.starts_at:
            raise BcdError(tr("Cuộc họp chưa diễn ra: chưa lập biên bản được."))
        return _save(s, m, mins, FIELD, end)


def _too_long(end: datetime, start: datetime, m: Meeting) -> ValidationError:
    """A time alone earlier than the start, read as the next day, would have the meeting run
    over longer than a meeting does (:data:`.meeting_span.RUN_OVER`): a slip, said as such."""
    next_day = end + timedelta(days=1)
    return _fail(
        tr(
            '"{label}" ({time}) sớm hơn giờ bắt đầu ({start}); hiểu là sang ngày hôm sau '
            "({next}) thì cuộc họp kéo dài quá {hours} giờ sau giờ kết thúc theo kế hoạch "
            "({end}). Hãy kiểm tra lại giờ; nếu cuộc họp thực sự kéo dài đến lúc đó, gõ cả "
            "ngày và giờ (vd. {example})."
        ).format(
            label=_label(),
            time=f"{end:%H:%M}",
            start=_at(start),
            next=_at(next_day),
            hours=int(RUN_OVER.total_seconds() // 3600),
            end=_at(planned_end(m.starts_at, m.ends_at)),
            example=f"{next_day:%d/%m/%Y %H:%M}",
        )
    )


def _check(end: datetime, start: datetime, now: datetime, invitees: Sequence[Invitee]) -> None:
    at = _at(end)
    if end <= start:
        raise _fail(
            tr('"{label}" ({at}) phải sau giờ bắt đầu ({start}).').format(
                label=_label(), at=at, start=_at(start)
            )
        )
    if end > now:
        raise _fail(
            tr('"{label}" ({at}) chưa đến (bây giờ là {now}).').format(
                label=_label(), at=at, now=_at(now)
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
            ).format(label=_label(), at=at, last=_at(last))
        )
