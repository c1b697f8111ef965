"""Attendance (điểm danh) of a meeting, taken from its list of invitees.

Each invitee is marked one of: present, online (attending over the network, in a meeting held
"trực tiếp kết hợp trực tuyến"), late (present, with the time they arrived), absent (with the
reason, if one was given), substitute (someone came in their place: name and position), or
unknown (not yet marked). Those online attend: every count of those attending counts them, and
the minutes say how many of them joined online. "Late" is not a stored status: it is *present*
with ``arrived_at`` after the start (the actual one once recorded), judged when read
(:func:`.held_times.late_arrival`), so every count and document that counts the present counts
the late too, and an arrival time is never erased by a start recorded or corrected later.

Calls (each one transaction; the meeting's version guards its invitees and is bumped):

- :func:`record_attendance` marks many invitees at once (the attendance sheet);
- :func:`check_in` marks one (the live check-in at the door): present, or late when the
  meeting started more than :data:`LATE_AFTER` ago. Given the invitee's own version as read
  (``invitee_version``, :attr:`AttendanceRow.version`), that version guards the mark instead
  of the meeting's: two officers checking in two different people at the same time (the
  laptop at the door, the secretary's PC) both succeed, while a mark of the same person made
  elsewhere meanwhile is still a conflict, and the meeting as it is now must still take the
  mark (not cancelled, minutes not final, its day come);
- :func:`attendance_rows` gives the sheet; :func:`.attendance_summary.summarise` its counts
  (members present out of members invited, guests present).

The secretary serving the meeting (:mod:`.meeting_secretary`), if on its list, keeps the row as
recorded, flagged ``takes_the_minutes``, and is counted nowhere, as the minutes count.

The marks themselves, and checking one as given before any session is opened, are
:mod:`.attendance_marks`. Finding an invitee from what was typed in the check-in box is
:mod:`.check_in_search`.

Holding the meeting: attendance may be taken from the meeting's day on (people sign in before
the start). The first mark recorded at or after the start turns a planned or convened meeting
into a held one, in the same transaction: somebody is in the room at the time of the meeting,
so it is taking place. Marks recorded before the start leave the status alone. Attendance stays
editable while the meeting is held, and is closed once the minutes are issued (reopen them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session, joinedload

from .attendance_marks import (
    MARK_LABELS,
    WALK_IN_MARKS,
    AttendanceMark,
    CleanMark,
    clean_mark,
    clean_marks,
    field_label,
    mark_error,
)
from .db import Database
from .errors import BcdError
from .held_times import (
    HeldTimes,
    ask_far_arrival,
    held_times,
    judged_start,
    late_arrival,
    sitting,
)
from .i18n import tr
from .invitees import invitee_rows
from .locking import check_version, conflict, lock_row
from .meeting_rules import OPEN_STATUSES, load_for_change, meeting_key, not_found, touch, what
from .meeting_secretary import serving_secretary_of
from .meeting_span import going_on_until, on_meeting_day, planned_end
from .models import (
    AttendanceStatus,
    Invitee,
    Meeting,
    MeetingStatus,
    Person,
)
from .validation import positive_int

# A check-in this long after the start is recorded as late (the first minutes are the hall
# filling up, not lateness).
LATE_AFTER = timedelta(minutes=5)
@dataclass(frozen=True)
class AttendanceRow:
    invitee_id: int
    order: int
    name: str
    position: str
    unit: str
    category: str
    category_label: str
    status: str  # one of MARKS
    status_label: str
    reason: str
    substitute_name: str
    substitute_position: str
    # When they arrived, as recorded: kept when a later actual start reads them on time
    # (``status`` "present"); "late" only when after the start.
    arrived_at: datetime | None
    # The meeting's secretary serving it: shown, not counted, not offered for check-in.
    takes_the_minutes: bool = False
    # Attended without being invited (:mod:`.walk_in`): counted apart from the invited.
    walk_in: bool = False
    # The invitee's own version: what :func:`check_in` takes as ``invitee_version``.
    version: int = 0
    unit_short: str = ""  # the short name of ``unit`` ("BHXH tỉnh"), for the check-in search

    @property
    def late_at(self) -> datetime | None:
        """When they arrived if that made them late (``status`` "late"), else None."""
        return self.arrived_at if self.status == "late" else None


# --- writing -----------------------------------------------------------------------------------


def _now(now: datetime | None) -> datetime:
    return now or datetime.now().replace(microsecond=0)


def _load(s: Session, meeting_id: int, expected_version: int | None, now: datetime) -> Meeting:
    m = load_for_change(s, meeting_id, expected_version)
    if now.date() < m.starts_at.date():
        raise BcdError(
            tr("Chưa đến ngày họp ({day}): chưa điểm danh được.").format(
                day=f"{m.starts_at:%d/%m/%Y}"
            )
        )
    return m


def _load_mark(
    s: Session,
    meeting_id: int,
    invitee_id: int,
    expected_version: int | None,
    invitee_version: int | None,
    now: datetime,
) -> tuple[Meeting, Invitee]:
    """The meeting and the invitee :func:`check_in` marks. Without ``invitee_version`` the
    meeting's version guards the mark, as it guards every change of its invitees. With it, a
    meeting saved meanwhile is no conflict by itself (someone else checked in another person):
    the meeting is locked, then checked as it is now (:func:`_load`: open, its day come), and
    the invitee must still be on its list and at the version read; the mark's own rules
    follow on the meeting as it is now (its recorded start, its end)."""
    if invitee_version is None:
        m = _load(s, meeting_id, expected_version, now)
        return m, _by_id(m, invitee_id, None)
    lock_row(s, Meeting, meeting_key(meeting_id))
    m = _load(s, meeting_id, None, now)
    inv = next((i for i in m.invitees if i.id == invitee_id), None)
    if inv is None and expected_version is not None and m.version != expected_version:
        raise conflict(what(), m.version)  # taken off the list since it was read
    inv = inv or _by_id(m, invitee_id, None)
    name = inv.name_snapshot or inv.guest_name or ""
    check_version(inv, invitee_version, tr("Điểm danh của “{name}”").format(name=name))
    return m, inv


def refuse_future_arrival(arrived: datetime, now: datetime, n: int | None = None) -> None:
    """An arrival later than ``now`` (the app's clock) is refused, naming "Giờ đến": it is
    recorded once it happened, as the actual start and end are (:mod:`.meeting_close`), and a
    time to come would be counted present and then block recording the end."""
    if arrived > now:
        raise mark_error(
            "arrived_at",
            tr('"{label}" ({at}) chưa đến (bây giờ là {now}).').format(
                label=field_label("arrived_at"),
                at=f"{arrived:%H:%M %d/%m/%Y}",
                now=f"{now:%H:%M %d/%m/%Y}",
            ),
            n,
        )


def _apply(
    m: Meeting,
    inv: Invitee,
    mark: CleanMark,
    n: int | None,
    known: datetime,
    times: HeldTimes,
    confirmed: bool = False,
    now: datetime | None = None,
    stamped: bool = False,
) -> None:
    """``known``: the moment the meeting's span is judged at (now, or the arrival the caller
    checked is not later than now): it is taken to be going on until
    :func:`.meeting_span.going_on_until` then, and nobody arrives outside it
    (:func:`.held_times.sitting`), nor after ``now`` (the app's clock). An arrival far past the
    planned end with no actual end recorded is asked first (:func:`.held_times.
    ask_far_arrival`) unless ``confirmed``; ``stamped``: the arrival is the clock's (nothing
    was typed), which the question says."""
    start = times.start
    until = going_on_until(m.starts_at, m.ends_at, times.closed_at, known)
    arrived: datetime | None = None
    if isinstance(mark.arrived_at, datetime):
        arrived = mark.arrived_at
    elif isinstance(mark.arrived_at, time):
        arrived = on_meeting_day(mark.arrived_at, start, until)
    if arrived is not None and not sitting(times, m.starts_at, m.ends_at, arrived, known):
        if arrived <= start:
            raise mark_error(
                "arrived_at",
                tr('"{label}" ({at}) phải sau giờ bắt đầu ({start}).').format(
                    label=field_label("arrived_at"),
                    at=f"{arrived:%H:%M}",
                    start=f"{start:%H:%M}",
                ),
                n,
            )
        # Nobody arrives once the meeting is over; such a time is a slip of the keyboard,
        # which the minutes would print as an arrival. The end is the actual one once
        # recorded, not the planned one: a meeting that ran over is not re-scheduled to record
        # its arrivals.
        raise mark_error(
            "arrived_at",
            tr('"{label}" ({at}) phải trước khi cuộc họp kết thúc ({end}){advice}').format(
                label=field_label("arrived_at"),
                at=f"{arrived:%H:%M %d/%m/%Y}",
                end=f"{until:%H:%M %d/%m/%Y}",
                advice=tr(
                    "; cuộc họp kéo dài quá giờ thì ghi “Giờ kết thúc thực tế” (mục Biên bản) "
                    "trước."
                ),
            ),
            n,
        )
    # Nor later than now (a time past the end too is said as such, above).
    if arrived is not None and now is not None:
        refuse_future_arrival(arrived, now, n)
    if inv.walked_in_at is not None and mark.status not in WALK_IN_MARKS:
        # On the list only because they came: "absent" or "not yet marked" would contradict
        # the record, and the minutes count them as attending. A mistake is removed instead.
        raise mark_error(
            "status",
            tr(
                "“{name}” dự không theo giấy mời: chỉ điểm danh có mặt, đến muộn hoặc dự trực "
                "tuyến; nếu thêm nhầm thì xóa khỏi danh sách (Xóa người dự thêm nhầm)."
            ).format(name=inv.name_snapshot or inv.guest_name or ""),
            n,
        )
    if arrived is not None and not confirmed:
        ask_far_arrival(
            m, inv.name_snapshot or inv.guest_name or "", arrived, times, stamped=stamped
        )
    if (
        arrived is None
        and mark.status == "present"
        and inv.attendance == AttendanceStatus.PRESENT
        and inv.arrived_at is not None
        and inv.arrived_at <= start
    ):
        # Recorded late, then read as on time by a later actual start: "present" is what the
        # sheet shows them as, and the arrival stays (a start corrected back reads them late).
        arrived = inv.arrived_at
    status = {
        "unknown": AttendanceStatus.UNKNOWN,
        "present": AttendanceStatus.PRESENT,
        "online": AttendanceStatus.ONLINE,
        "late": AttendanceStatus.PRESENT,
        "absent": AttendanceStatus.ABSENT,
        "substitute": AttendanceStatus.SUBSTITUTE,
    }[mark.status]
    inv.attendance = status
    inv.absence_reason = mark.reason
    inv.substitute_name = mark.substitute_name
    inv.substitute_position = mark.substitute_position
    inv.arrived_at = arrived


def mark_held_if_started(m: Meeting, now: datetime) -> None:
    """A planned or convened meeting whose start has come is now held (see the module doc)."""
    if m.status in OPEN_STATUSES and now >= m.starts_at:
        m.status = MeetingStatus.HELD


def _by_id(m: Meeting, invitee_id: int, n: int | None) -> Invitee:
    for inv in m.invitees:
        if inv.id == invitee_id:
            return inv
    raise mark_error(
        "invitee_id",
        tr("Không có người được mời mã {id} trong cuộc họp này.").format(id=invitee_id),
        n,
    )


def record_attendance(
    db: Database,
    meeting_id: int,
    marks: Sequence[AttendanceMark | Mapping[str, Any]],
    *,
    expected_version: int | None,
    now: datetime | None = None,
    confirm_late_arrival: bool = False,
) -> int:
    """Mark the invitees of ``marks`` (the others keep theirs); returns the meeting's new
    version. All or nothing: one bad line refuses the whole sheet. An arrival more than an hour
    past the planned end, no actual end recorded, is asked first (:class:`.errors.
    LateArrivalWarning`), confirmed with ``confirm_late_arrival``."""
    cleaned = clean_marks(marks)
    at = _now(now)
    with db.session() as s:
        m = _load(s, meeting_id, expected_version, at)
        times = held_times(s, m)
        for n, mark in enumerate(cleaned, start=1):
            inv = _by_id(m, mark.invitee_id, n)
            _apply(m, inv, mark, n, at, times, confirm_late_arrival, at)
        mark_held_if_started(m, at)
        return touch(s, m)


def _arriving_late(
    m: Meeting, at: datetime, times: HeldTimes, live: bool, typed: bool = False
) -> bool:
    """A check-in at ``at`` is someone arriving late: past :data:`LATE_AFTER` after the start
    (the actual one once recorded) while the meeting is still going on. After its end the
    check-in is the sheet being filled in afterwards, not an arrival: the clock says nothing
    about lateness. The end is the actual one once recorded; before that, a check-in in the
    live window (open while the meeting sits) past the planned end is a meeting running over,
    and the sheet's is after the planned end. ``typed``: ``at`` is the arrival the officer
    typed, not the clock: they came then, late past :data:`LATE_AFTER` whatever the planned end
    (one past the actual end is refused, one far past the planned end asked: :func:`_apply`)."""
    if typed:
        return times.start + LATE_AFTER < at
    closed_at = times.closed_at
    if closed_at is not None or not live:
        over = closed_at or planned_end(m.starts_at, m.ends_at)
    else:
        over = going_on_until(m.starts_at, m.ends_at, None, at)
    return times.start + LATE_AFTER < at <= over


def arrives_late(db: Database, meeting_id: int, at: datetime, *, live: bool = False) -> bool:
    """A check-in at ``at`` with no mark chosen (Enter in a check-in box) would record a late
    arrival: :func:`check_in`'s rule, for the line under the box to say so before Enter."""
    with db.session() as s:
        m = s.get(Meeting, meeting_id)
        return m is not None and _arriving_late(m, at, held_times(s, m), live)


def check_in(
    db: Database,
    meeting_id: int,
    invitee_id: int,
    *,
    expected_version: int | None,
    status: str | None = None,
    reason: str | None = None,
    substitute_name: str | None = None,
    substitute_position: str | None = None,
    arrived_at: datetime | time | str | None = None,
    now: datetime | None = None,
    live: bool = False,
    confirm_late_arrival: bool = False,
    invitee_version: int | None = None,
) -> int:
    """Mark one invitee (the live check-in); returns the meeting's new version (one more than
    the version read when nobody else saved the meeting meanwhile). ``invitee_version``: the
    invitee's version read, which then guards the mark instead of the meeting's version
    (:func:`_load_mark`); the meeting's version is bumped all the same, so that other screens
    read it anew.

    Without ``status`` the invitee is present, or late (arrived now) when the meeting started
    (actually, once recorded) more than :data:`LATE_AFTER` ago and has not ended yet. ``live``:
    taken in the live window, so a meeting past its planned end and not closed is still sitting
    (:func:`_arriving_late`). An arrival more than an hour past the planned end with no actual
    end recorded is asked first (:class:`.errors.LateArrivalWarning`): ``confirm_late_arrival``."""
    at = _now(now)
    automatic = status is None
    invitee_version = positive_int(
        invitee_version, "invitee_version", tr("Phiên bản điểm danh"), minimum=1
    )
    mark = clean_mark(
        AttendanceMark(
            invitee_id,
            status or "present",
            reason,
            substitute_name,
            substitute_position,
            arrived_at,
        ),
        None,
    )
    with db.session() as s:
        m, inv = _load_mark(s, meeting_id, mark.invitee_id, expected_version, invitee_version, at)
        times = held_times(s, m)
        stamped = automatic and _arriving_late(m, at, times, live)
        if stamped:
            mark = replace(mark, status="late", arrived_at=at)
        _apply(m, inv, mark, None, at, times, confirm_late_arrival, at, stamped=stamped)
        mark_held_if_started(m, at)
        return touch(s, m)


# --- reading -----------------------------------------------------------------------------------


def _mark_of(inv: Invitee, start: datetime) -> str:
    if late_arrival(inv.attendance, inv.arrived_at, start) is not None:
        return "late"
    return inv.attendance.value


def rows_of(m: Meeting, serving: int | None) -> list[AttendanceRow]:
    """The attendance sheet of ``m`` (loaded with its invitees, their people and units);
    ``serving`` is its serving secretary (:func:`.meeting_secretary.serving_secretary_of`)."""
    by_id = {i.id: i for i in m.invitees}
    start = judged_start(m)
    out = []
    for r in invitee_rows(m, serving):
        inv = by_id[r.id]
        mark = _mark_of(inv, start)
        out.append(
            AttendanceRow(
                invitee_id=r.id,
                order=r.order,
                name=r.name,
                position=r.position,
                unit=r.unit,
                category=r.category,
                category_label=r.category_label,
                status=mark,
                status_label=tr(MARK_LABELS[mark]),
                reason=inv.absence_reason or "",
                substitute_name=inv.substitute_name or "",
                substitute_position=inv.substitute_position or "",
                arrived_at=inv.arrived_at,
                takes_the_minutes=r.takes_the_minutes,
                walk_in=r.walk_in,
                version=inv.version,
                unit_short=r.unit_short,
            )
        )
    return out


def load_sheet(s: Session, meeting_id: int) -> Meeting:
    """The meeting with its invitees, their people and units: what its sheet is read from."""
    m = s.get(
        Meeting,
        meeting_id,
        options=[
            joinedload(Meeting.invitees).options(
                joinedload(Invitee.person).joinedload(Person.unit), joinedload(Invitee.unit)
            )
        ],
    )
    if m is None:
        raise not_found(meeting_id)
    return m


def attendance_rows(db: Database, meeting_id: int) -> list[AttendanceRow]:
    with db.session() as s:
        m = load_sheet(s, meeting_id)
        return rows_of(m, serving_secretary_of(s, m))


def check_in_on_loaded(
    s: Session,
    m: Meeting,
    inv: Invitee,
    at: datetime,
    *,
    live: bool = False,
    status: str | None = None,
    confirm_late_arrival: bool = False,
    stamped: bool = True,
) -> None:
    """:func:`check_in`'s automatic mark (present, or late when arriving past
    :data:`LATE_AFTER` while the meeting is going on; ``live`` as there) for an invitee of a
    meeting already loaded for change, in the caller's transaction: a walk-in is invited and
    checked in by one call (:mod:`.walk_in`). ``status`` (present, online; late: arrived at
    ``at``) replaces the automatic mark. ``at`` is now or a time the caller has checked is
    not later than now (:func:`refuse_future_arrival`); ``stamped``: ``at`` is the clock's,
    not a time typed (the question of an arrival far past the planned end says which, and a
    time typed is the arrival, kept as such: :func:`_arriving_late`)."""
    arrived = at if status == "late" else None
    mark = clean_mark(AttendanceMark(inv.id, status or "present", arrived_at=arrived), None)
    times = held_times(s, m)
    if status is None and _arriving_late(m, at, times, live, typed=not stamped):
        mark = replace(mark, status="late", arrived_at=at)
    _apply(m, inv, mark, None, at, times, confirm_late_arrival, stamped=stamped)
    mark_held_if_started(m, at)
