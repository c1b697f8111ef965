"""When a meeting was going on: its planned times, and the actual end once recorded.

A meeting is planned from ``Meeting.starts_at`` to ``Meeting.ends_at``; what really happened is
the minutes' ``closed_at`` ("Giờ kết thúc thực tế", :mod:`.meeting_close`). The planned times
are what people were called to (the convocation prints them); the actual end is a fact of the
record, kept apart so recording it neither edits the plan nor touches issued documents.

Someone can arrive while the meeting is going on: after its start and up to its actual end when
recorded. Before that is recorded, a meeting past its planned end may still be sitting (it ran
over, perhaps past midnight): a time up to now is then taken, for :data:`RUN_OVER` after the
planned end. Later than that the sheet is being filled in afterwards (the next morning, say),
and a time past the planned end is a slip of the keyboard until the actual end is recorded.
These are pure functions (no session), shared by the attendance (:mod:`.attendance`) and
the recording of the end.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

# How long past its planned end a meeting not yet closed may still be sitting: an evening
# meeting running into the night, not the next day's filling in of the sheet.
RUN_OVER = timedelta(hours=6)
# An arrival later than this past the planned end, no actual end recorded, is asked about first:
# inside the run-over window, but almost always a slip of the keyboard (15:00 for 11:00).
ASK_AFTER = timedelta(hours=1)


def planned_end(starts_at: datetime, ends_at: datetime | None) -> datetime:
    """The planned end; without one, the end of the meeting's day."""
    return ends_at if ends_at is not None else datetime.combine(starts_at.date(), time(23, 59))


def far_past_end(arrived: datetime, starts_at: datetime, ends_at: datetime | None) -> bool:
    """``arrived`` is more than :data:`ASK_AFTER` past the planned end (the caller asks only
    while no actual end is recorded: once it is, arrivals are checked against it)."""
    return arrived > planned_end(starts_at, ends_at) + ASK_AFTER


def latest_close(starts_at: datetime) -> datetime:
    """The latest a meeting can end: the day after its start (one midnight at most)."""
    return datetime.combine(starts_at.date() + timedelta(days=1), time(23, 59))


def going_on_until(
    starts_at: datetime, ends_at: datetime | None, closed_at: datetime | None, now: datetime
) -> datetime:
    """Until when the meeting is taken to be going on, as known ``now`` (see the module doc)."""
    if closed_at is not None:
        return closed_at
    planned = planned_end(starts_at, ends_at)
    if planned < now <= min(planned + RUN_OVER, latest_close(starts_at)):
        return now  # past its planned end, not closed yet: it may still be sitting
    return planned


def on_meeting_day(at: time, starts_at: datetime, until: datetime) -> datetime:
    """A time of day typed alone (``00:05``), put on its day: the meeting's, or the next day
    when it is earlier than the start and the meeting went on past midnight (``until`` is on
    the next day). Otherwise the meeting's day, for the caller to refuse as before the start."""
    same_day = datetime.combine(starts_at.date(), at)
    if same_day > starts_at or until.date() == starts_at.date():
        return same_day
    return same_day + timedelta(days=1)


def end_on_day(
    at: time, start: datetime, starts_at: datetime, ends_at: datetime | None
) -> datetime:
    """The actual end typed as a time alone (``00:40``), put on its day: the start's, or the
    next day when earlier than the start (the meeting went on past midnight), whether it is
    recorded that night or corrected days later. Only up to :data:`RUN_OVER` past the planned
    end: further than that (``07:00`` for a 14:00–17:00 meeting) it is a slip, and the start's
    day is kept for the caller to refuse as before the start."""
    same_day = datetime.combine(start.date(), at)
    if same_day > start:
        return same_day
    next_day = same_day + timedelta(days=1)
    return next_day if next_day <= planned_end(starts_at, ends_at) + RUN_OVER else same_day


def proposed_start(starts_at: datetime, now: datetime) -> datetime:
    """What a "start the meeting" form proposes: now on the meeting's day, else the planned
    start (now on another day would be refused on save)."""
    return now if now.date() == starts_at.date() else starts_at


def proposed_end(starts_at: datetime, ends_at: datetime | None, now: datetime) -> datetime:
    """What an "end the meeting" form proposes: now on the meeting's day or while it may
    still be sitting past its planned end (past midnight too), else the planned end."""
    if now.date() == starts_at.date() or going_on_until(starts_at, ends_at, None, now) == now:
        return now
    return planned_end(starts_at, ends_at)
