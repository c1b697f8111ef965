"""The six-monthly rule (Rule 3: họp định kỳ 6 tháng): when the next regular meeting is due,
whether it is overdue or not yet planned, and a pre-filled draft of it for the form. A regular
meeting planned for after the due date does not meet the rule: the warning stays, and says so.

Due means six months after the last regular meeting held on or before the day asked about, by
calendar months kept within the month (held 31/8: due 28/2, or 29/2 in a leap year). Overdue
means today is past the due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .agenda import AgendaLine, skeleton_line
from .days_off import work_calendar
from .db import Database
from .i18n import tr
from .meeting_rules import (
    HELD_STATUSES,
    OPEN_STATUSES,
    REGULAR_INTERVAL_MONTHS,
    add_months,
    current_head,
)
from .models import Meeting, MeetingKind, MeetingStatus, Organisation

# Within this many days of the due date the next regular meeting is "due soon": warned about
# (regular_meeting_warning) and shown amber on the meetings tab. Earlier it is only information.
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class RegularDue:
    """Where the six-monthly rule stands on ``today``.

    ``due`` is six months after the last regular meeting held (None when none was held yet);
    ``overdue`` when ``today`` is past it; ``planned`` is the next regular meeting planned or
    convened from ``today`` on, if any (its id and start).
    """

    today: date
    last_held: date | None
    due: date | None
    overdue: bool
    days_left: int | None
    planned_id: int | None
    planned_at: datetime | None

    @property
    def not_planned(self) -> bool:
        return self.planned_id is None

    @property
    def planned_late(self) -> bool:
        """A regular meeting is planned, but for after the due date: it does not meet the rule,
        so the warning stays as if none were planned."""
        if self.planned_at is None or self.due is None:
            return False
        return self.planned_at.date() > self.due

    @property
    def due_soon(self) -> bool:
        """Not overdue, but within :data:`DUE_SOON_DAYS` of the due date."""
        return (
            not self.overdue and self.days_left is not None and self.days_left <= DUE_SOON_DAYS
        )

    @property
    def met(self) -> bool:
        """The rule is met: the next regular meeting is planned on or before its due date (or
        none is due yet)."""
        return self.due is None or (self.planned_at is not None and not self.planned_late)


def regular_due(s: Session, today: date) -> RegularDue:
    # The last regular meeting held on or before the day: asked about a past day (``bdcq
    # meetings next-regular --today``), a meeting held after it had not happened yet.
    last = s.scalar(
        select(func.max(Meeting.starts_at)).where(
            Meeting.kind == MeetingKind.REGULAR,
            Meeting.status.in_(HELD_STATUSES),
            Meeting.starts_at < datetime.combine(today + timedelta(days=1), time.min),
        )
    )
    due = add_months(last.date(), REGULAR_INTERVAL_MONTHS) if last is not None else None
    nxt = s.execute(
        select(Meeting.id, Meeting.starts_at)
        .where(
            Meeting.kind == MeetingKind.REGULAR,
            Meeting.status.in_(OPEN_STATUSES),
            Meeting.starts_at >= datetime.combine(today, datetime.min.time()),
        )
        .order_by(Meeting.starts_at)
        .limit(1)
    ).first()
    return RegularDue(
        today=today,
        last_held=last.date() if last is not None else None,
        due=due,
        overdue=due is not None and today > due,
        days_left=(due - today).days if due is not None else None,
        planned_id=nxt[0] if nxt else None,
        planned_at=nxt[1] if nxt else None,
    )


def regular_status(db: Database, today: date | None = None) -> RegularDue:
    """When the next regular meeting is due, whether it is overdue and whether one is planned."""
    with db.session() as s:
        return regular_due(s, today or date.today())


def next_regular_due(db: Database) -> date | None:
    """Six months after the last regular meeting held (Rule 3), or None if none was held."""
    return regular_status(db).due


def late_plan_note(st: RegularDue) -> str | None:
    """The sentence that says a planned regular meeting comes after its due date, or None."""
    if not st.planned_late:
        return None
    assert st.planned_at is not None and st.due is not None
    return tr("Cuộc họp đã lên lịch ({planned}) muộn hơn hạn họp định kỳ ({due}).").format(
        planned=f"{st.planned_at:%d/%m/%Y}", due=f"{st.due:%d/%m/%Y}"
    )


def regular_meeting_warning(db: Database, today: date | None = None) -> str | None:
    """A warning when the next regular meeting is not planned on or before its due date: it is
    overdue, due within 30 days, or planned for after the due date (said at once: the date
    chosen already misses it)."""
    st = regular_status(db, today)
    if st.met or st.due is None or st.days_left is None:
        return None
    due = st.due.strftime("%d/%m/%Y")
    late = late_plan_note(st)
    if st.overdue:
        head = tr("Đã quá hạn họp định kỳ 6 tháng {n} ngày (hạn {due}).").format(
            n=-st.days_left, due=due
        )
    elif st.due_soon:
        head = tr("Sắp đến hạn họp định kỳ 6 tháng: {due}.").format(due=due)
    else:
        return late
    return f"{head} {late}" if late else head


@dataclass(frozen=True)
class MeetingDraft:
    """Values to pre-fill the form of a new meeting (nothing is saved)."""

    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    chair_id: int | None
    called_by_id: int | None
    secretary_id: int | None
    agenda: tuple[AgendaLine, ...] = ()
    invite_committee: bool = True
    due: date | None = None

    def fields(self) -> dict[str, Any]:
        """The meeting's fields, as :func:`create_meeting` takes them."""
        return {
            "kind": self.kind,
            "title": self.title,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "place": self.place,
            "chair_id": self.chair_id,
            "called_by_id": self.called_by_id,
            "secretary_id": self.secretary_id,
        }


def _working_day_on_or_after(s: Session, day: date) -> date:
    """The first working day from ``day`` on the office's days-off calendar
    (:mod:`.days_off`): not 1/1 nor a day of Tết, which a weekday rule would offer."""
    while True:
        # A month holds a working day whatever the calendar says (Tết is a week or so off):
        # one read, and a further one only for a calendar typed all off.
        end = day + timedelta(days=31)
        found = work_calendar(s, day, end).days(day, end)
        if found:
            return found[0]
        day = end + timedelta(days=1)


def regular_meeting_draft(db: Database, today: date | None = None) -> MeetingDraft:
    """The next regular meeting pre-filled: on its due date (at least a week from today, on a
    working day of the days-off calendar) at 8:00, the Head chairing and calling it, the
    place, secretary and agenda skeleton of the last regular meeting, the whole committee
    invited."""
    today = today or date.today()
    with db.session() as s:
        st = regular_due(s, today)
        day = _working_day_on_or_after(s, max(st.due or today, today + timedelta(days=7)))
        last = s.scalars(
            select(Meeting)
            .where(Meeting.kind == MeetingKind.REGULAR, Meeting.status != MeetingStatus.CANCELLED)
            .where(Meeting.starts_at < datetime.combine(today, time()))
            .options(selectinload(Meeting.agenda))
            .order_by(Meeting.starts_at.desc())
            .limit(1)
        ).first()
        org = s.get(Organisation, 1)
        committee = (org.committee_name if org else "") or tr("Ban Chỉ đạo")
        head = current_head(s, day)
        start = datetime.combine(day, time(8, 0))
        duration = (
            last.ends_at - last.starts_at
            if last is not None and last.ends_at is not None
            else timedelta(hours=3, minutes=30)
        )
        period = (
            tr("6 tháng đầu năm {y}").format(y=day.year)
            if day.month >= 7
            else tr("năm {y}").format(y=day.year - 1)
        )
        items = sorted(last.agenda, key=lambda a: a.position) if last is not None else []
        agenda = tuple(skeleton_line(a) for a in items)
        return MeetingDraft(
            kind=MeetingKind.REGULAR.value,
            title=tr("Họp {committee} {period}").format(committee=committee, period=period),
            starts_at=start,
            ends_at=start + duration,
            place=(last.place if last is not None else "") or "",
            chair_id=head,
            called_by_id=head,
            secretary_id=last.secretary_id if last is not None else None,
            agenda=agenda,
            due=st.due,
        )
