"""When a held meeting began and ended, as the attendance judges arrivals against them.

The start is the actual one once recorded on the minutes (``Minutes.opened_at``,
:func:`.meeting_close.record_start`), else the planned one: someone is late after the meeting
began, not after the hour the convocation printed. The end is the actual one once recorded
(``Minutes.closed_at``); before that a meeting may run over (:mod:`.meeting_span`), but an
arrival more than :data:`.meeting_span.ASK_AFTER` past the planned end is asked about first
(:class:`.errors.LateArrivalWarning`): 15:00 typed for an 08:00–11:00 meeting is almost always a
slip of the keyboard, which the minutes would print as an arrival.

Lateness is judged when read, never stored: "late" is *present* with an arrival after the start
(:func:`late_arrival`). An arrival recorded is a fact and is kept whatever the start: recording
a later actual start reads someone who came before it as present, and correcting the start back
reads them late again (:func:`.meeting_close.record_start` says how many change).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import LateArrivalWarning
from .i18n import tr
from .meeting_span import far_past_end, going_on_until, planned_end
from .models import AttendanceStatus, Meeting, Minutes


@dataclass(frozen=True)
class HeldTimes:
    """The start lateness is judged against, and the actual end once recorded."""

    start: datetime
    closed_at: datetime | None

    @classmethod
    def of(
        cls, starts_at: datetime, opened_at: datetime | None, closed_at: datetime | None
    ) -> HeldTimes:
        """From the planned start and the minutes' recorded start and end (None: not
        recorded): the start is the recorded one, else the planned one (the one rule, for the
        core and for a window that holds a meeting's detail)."""
        return cls(opened_at or starts_at, closed_at)


def held_times(s: Session, m: Meeting) -> HeldTimes:
    row = s.execute(
        select(Minutes.opened_at, Minutes.closed_at).where(Minutes.meeting_id == m.id)
    ).first()
    opened, closed = row if row is not None else (None, None)
    return HeldTimes.of(m.starts_at, opened, closed)


def judged_start(m: Meeting) -> datetime:
    """:func:`held_times`' start of a meeting loaded in a session (its minutes read through the
    relationship): the actual start once recorded, else the planned one."""
    mins = m.minutes
    return HeldTimes.of(m.starts_at, mins.opened_at if mins is not None else None, None).start


def sitting(
    times: HeldTimes,
    starts_at: datetime,
    ends_at: datetime | None,
    at: datetime,
    known: datetime | None = None,
) -> bool:
    """The meeting may be sitting at ``at``, as known at ``known`` (the clock; ``at`` itself
    by default): after ``times.start`` and until it is taken to be going on
    (:func:`.meeting_span.going_on_until`: the recorded end, else the planned end or a while
    past it). An arrival is refused outside it (:func:`.attendance.check_in` and the others);
    a window asks it of now to offer "late, now" only while someone can arrive."""
    until = going_on_until(starts_at, ends_at, times.closed_at, known or at)
    return times.start < at <= until


def late_arrival(
    attendance: AttendanceStatus, arrived_at: datetime | None, start: datetime
) -> datetime | None:
    """``arrived_at`` when it makes the invitee late (present, arrived after ``start``), else
    None: an arrival at or before the start is kept but read as on time."""
    if attendance != AttendanceStatus.PRESENT or arrived_at is None or arrived_at <= start:
        return None
    return arrived_at


def ask_far_arrival(
    m: Meeting, who: str, arrived: datetime, times: HeldTimes, *, stamped: bool = False
) -> None:
    """Ask (raise :class:`.errors.LateArrivalWarning`) when ``arrived`` is far past the planned
    end and no actual end is recorded (once it is, arrivals after it are refused instead).
    ``stamped``: ``arrived`` is the clock's (a check-in, nothing typed): no slip of the keyboard
    then, but a meeting that has run past its planned end, which is what is asked."""
    if times.closed_at is not None or not far_past_end(arrived, m.starts_at, m.ends_at):
        return
    end = planned_end(m.starts_at, m.ends_at)
    if stamped:
        raise LateArrivalWarning(
            tr(
                "{who}cuộc họp đã quá giờ kết thúc theo kế hoạch ({end}) hơn 1 giờ và chưa ghi "
                "giờ kết thúc thực tế. Cuộc họp vẫn đang diễn ra thì ghi đến muộn lúc {time} "
                "(bây giờ)? Nếu cuộc họp đã kết thúc, chọn Không rồi ghi “Giờ kết thúc thực tế” "
                "(Kết thúc cuộc họp)."
            ).format(
                who=f"{who}: " if who else "",
                end=f"{end:%H:%M %d/%m/%Y}",
                time=f"{arrived:%H:%M}",
            )
        )
    raise LateArrivalWarning(
        tr(
            "{who}giờ đến {at} muộn hơn giờ kết thúc theo kế hoạch ({end}) quá 1 giờ, mà chưa "
            "ghi giờ kết thúc thực tế: thường là gõ nhầm giờ. Nếu cuộc họp thực sự kéo dài đến "
            "lúc đó, nên ghi “Giờ kết thúc thực tế” (Kết thúc cuộc họp). Vẫn ghi đến muộn lúc "
            "{time}?"
        ).format(
            who=f"{who}: " if who else "",
            at=f"{arrived:%H:%M %d/%m/%Y}",
            end=f"{end:%H:%M %d/%m/%Y}",
            time=f"{arrived:%H:%M}",
        )
    )
