"""Figures of the working group's sessions, per session and per year (headless): days of work,
people and experts mobilised, person-days present, drafts by status. Shown in the sessions tab
and printed in the results report (wg-report).

- days of work: the working days from the first day to the last, both included (Monday to
  Friday but the days off on the calendar: :func:`.days_off.working_days`), and any day off on
  which someone was marked present (a Saturday worked, confirmed at the attendance): a person's
  days present are never more than the session's days (:func:`days_of_session`);
- person-days: the days present recorded for each participant (attendance not yet recorded
  counts nothing);
- experts mobilised: participants taking part as experts; over a year, each person once.

Over a year, a day is counted once: two sessions on the same days add those days once to the
group's days of work, and a person present in both on a day adds one person-day, not two.

A session across 31/12 (28/12/2026 – 05/01/2027) is shared between its years so that no figure
counts twice and the years add up to the whole (:func:`year_summary`): its days and
person-days go to the year of each calendar day; it is listed and counted as held in each year
it has days in; its drafts and any attendance recorded only as a count (no days) belong to the
year it started; an expert counts in each year in which they have a day present recorded, or
in the start year when no day is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .days_off import work_calendar, working_days, years_not_entered
from .db import Database
from .i18n import tr
from .labels import label
from .models import OutputStatus, ParticipantRole, SessionParticipant, WorkingSession
from .session_list import in_year, is_expert
from .working_group import load_session


def _by_status(statuses: list[OutputStatus]) -> dict[str, int]:
    return {s.value: statuses.count(s) for s in OutputStatus}


@dataclass(frozen=True)
class SessionSummary:
    session_id: int
    working_days: int
    participants: int
    members: int
    experts: int
    person_days: int
    absent: int
    not_recorded: int
    drafts: int
    drafts_by_status: Mapping[str, int] = field(default_factory=dict)
    invited: int = 0  # officials from outside the group: neither members nor experts
    # Years of its span whose days off nobody entered: its working days count Tết as worked.
    years_not_entered: tuple[int, ...] = ()


@dataclass(frozen=True)
class YearSummary:
    year: int
    sessions: int
    working_days: int
    person_days: int
    experts: int  # different people mobilised as experts
    expert_places: int  # expert participations, a person in two sessions counted twice
    drafts: int
    drafts_by_status: Mapping[str, int] = field(default_factory=dict)
    # Years of its sessions' days whose days off nobody entered (the count is then Monday to
    # Friday, holidays included): said beside the figures, never silently.
    years_not_entered: tuple[int, ...] = ()
    # Sessions started the year before (across 31/12): held this year too, but their drafts
    # are the previous year's, which the line says or "1 phiên … chưa có sản phẩm" misleads.
    carried_over: int = 0
    # Their drafts, counted in the previous year: the line says where they went only when
    # there are some ("sản phẩm tính vào năm 2026" of a session with none misleads too).
    carried_over_drafts: int = 0


def days_of_session(working: Iterable[date], attended: Iterable[date]) -> tuple[date, ...]:
    """A session's days of work, in order: the working days of its span by the calendar
    (``working``) and every day someone was present (``attended``). A Saturday or a holiday
    worked was confirmed as such when ticked (:mod:`.session_attendance`): it is a day of the
    session, or "6/5" would print (days present over the session's days)."""
    return tuple(sorted(set(working) | set(attended)))


def attended_days(parts: Iterable[SessionParticipant]) -> set[date]:
    """The days anyone of ``parts`` was marked present."""
    return {d.day for p in parts for d in p.days}


def summarise(s: Session, w: WorkingSession) -> SessionSummary:
    """The figures of one loaded session (inside the caller's database session ``s``)."""
    parts = list(w.participants)
    experts = sum(is_expert(p) for p in parts)
    members = sum(p.role != ParticipantRole.EXPERT for p in parts)
    return SessionSummary(
        session_id=w.id,
        working_days=len(
            days_of_session(working_days(s, w.starts_on, w.ends_on), attended_days(parts))
        ),
        participants=len(parts),
        members=members,
        experts=experts,
        invited=len(parts) - members - experts,
        person_days=sum(p.days_present or 0 for p in parts),
        absent=sum(p.days_present == 0 for p in parts),
        not_recorded=sum(p.days_present is None for p in parts),
        drafts=len(w.outputs),
        drafts_by_status=_by_status([o.status for o in w.outputs]),
        years_not_entered=years_not_entered(s, w.starts_on, w.ends_on),
    )


def session_summary(db: Database, session_id: int) -> SessionSummary:
    with db.session() as s:
        return summarise(s, load_session(s, session_id))


def year_summary(db: Database, year: int, *, until: date | None = None) -> YearSummary:
    """The figures of every session with days in ``year`` (``until``: only those starting on
    or before that day, the year so far as a report prints it). Days of work and person-days
    are those of the year: a session from 28/12 to 05/01 gives its January days to the new
    year, which otherwise read "0 ngày làm việc" while the group was at work. The rest is
    shared so that the years add up to the whole, nothing counted in both: the session is
    held in each year it has days in; its drafts and its attendance recorded only as a count
    are the start year's; an expert counts in each year with a day present recorded in it,
    else (no day recorded) in the start year (the module's docstring)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    with db.session() as s:
        stmt = (
            select(WorkingSession)
            .options(
                selectinload(WorkingSession.participants).selectinload(
                    SessionParticipant.person
                ),
                selectinload(WorkingSession.participants).selectinload(SessionParticipant.days),
                selectinload(WorkingSession.outputs),
            )
            .where(*in_year(year))
        )
        if until is not None:
            stmt = stmt.where(WorkingSession.starts_on <= until)
        sessions = s.scalars(stmt).all()
        parts: list[SessionParticipant] = [p for w in sessions for p in w.participants]
        started = [w for w in sessions if w.starts_on.year == year]
        experts = [
            p for w in sessions for p in w.participants
            if is_expert(p) and _expert_in_year(p, w, year)
        ]  # fmt: skip
        statuses = [o.status for w in started for o in w.outputs]
        return YearSummary(
            year=year,
            sessions=len(sessions),
            working_days=len({d for d in _days_of_work(s, sessions) if first <= d <= last}),
            person_days=_person_days(parts, first, last)
            + _counted_only([p for w in started for p in w.participants]),
            experts=len({p.person_id for p in experts}),
            expert_places=len(experts),
            drafts=len(statuses),
            drafts_by_status=_by_status(statuses),
            years_not_entered=years_not_entered(s, first, last) if sessions else (),
            carried_over=len(sessions) - len(started),
            carried_over_drafts=sum(len(w.outputs) for w in sessions if w.starts_on.year < year),
        )


def _expert_in_year(p: SessionParticipant, w: WorkingSession, year: int) -> bool:
    """Whether expert ``p`` of ``w`` counts in ``year``: a year they have a day present in,
    or, no day recorded (not yet marked, absent, or a count only), the session's start year."""
    if p.days:
        return any(d.day.year == year for d in p.days)
    return w.starts_on.year == year


def _days_of_work(s: Session, sessions: list[WorkingSession]) -> set[date]:
    """The days of work of the sessions, each once (one read of the calendar for them all):
    their working days and the days off someone worked (:func:`days_of_session`)."""
    if not sessions:
        return set()
    cal = work_calendar(
        s, min(w.starts_on for w in sessions), max(w.ends_on for w in sessions)
    )
    days = {d for w in sessions for d in cal.days(w.starts_on, w.ends_on)}
    return days | attended_days(p for w in sessions for p in w.participants)


def _person_days(parts: list[SessionParticipant], first: date, last: date) -> int:
    """A person's day present from ``first`` to ``last`` counted once however many sessions
    mark it."""
    return len({(p.person_id, d.day) for p in parts for d in p.days if first <= d.day <= last})


def _counted_only(parts: list[SessionParticipant]) -> int:
    """Attendance recorded as a count with no days (none is written so now): its count as it
    is. With no day to place it, the caller gives it to the session's start year alone."""
    return sum(p.days_present or 0 for p in parts if not p.days)


def drafts_text(by_status: Mapping[str, int]) -> str:
    """``2 đang soạn thảo, 1 đã trình`` (statuses with none left out)."""
    parts = [f"{n} {label(OutputStatus(code)).lower()}" for code, n in by_status.items() if n]
    return ", ".join(parts) if parts else tr("chưa có sản phẩm")


def session_summary_text(x: SessionSummary) -> str:
    """The session's figures in a line. What is not recorded yet is said so: a session with
    no participants entered (its report lists the group convened in their stead) or nobody
    marked does not read "0 người tham gia" or "0 ngày công có mặt", as if no one came."""
    drafts = drafts_text(x.drafts_by_status)
    if not x.participants:
        return tr(
            "{days} ngày làm việc; chưa ghi nhận người tham gia và ngày công có mặt; sản phẩm: "
            "{drafts}."
        ).format(days=x.working_days, drafts=drafts)
    invited = (
        tr(", {n} đại biểu mời").format(n=x.invited) if x.invited else ""
    )
    return tr(
        "{days} ngày làm việc; {people} người tham gia ({members} thành viên, {experts} chuyên "
        "gia{invited}), {present}; sản phẩm: {drafts}."
    ).format(
        days=x.working_days,
        people=x.participants,
        members=x.members,
        experts=x.experts,
        invited=invited,
        present=_present_text(x),
        drafts=drafts,
    )


def _present_text(x: SessionSummary) -> str:
    """``5 ngày công có mặt``, those not marked yet said beside it: their days are missing."""
    if not x.not_recorded:
        return tr("{n} ngày công có mặt").format(n=x.person_days)
    if x.not_recorded == x.participants:
        return tr("chưa ghi nhận ngày công có mặt ({n} người chưa điểm danh)").format(
            n=x.not_recorded
        )
    return tr("{days} ngày công có mặt ({n} người chưa điểm danh)").format(
        days=x.person_days, n=x.not_recorded
    )


def year_summary_text(x: YearSummary, *, with_year: bool = True) -> str:
    if not x.carried_over:
        carried = ""
    elif x.carried_over_drafts:
        carried = tr(
            " (trong đó {n} phiên bắt đầu từ năm {prev}, sản phẩm tính vào năm {prev})"
        ).format(n=x.carried_over, prev=x.year - 1)
    else:
        carried = tr(" (trong đó {n} phiên bắt đầu từ năm {prev})").format(
            n=x.carried_over, prev=x.year - 1
        )
    text = tr(
        "{sessions} phiên{carried}, {days} ngày làm việc, {person_days} ngày công; huy động "
        "{experts} chuyên gia ({places} lượt); sản phẩm: {drafts}."
    ).format(
        carried=carried,
        sessions=x.sessions,
        days=x.working_days,
        person_days=x.person_days,
        experts=x.experts,
        places=x.expert_places,
        drafts=drafts_text(x.drafts_by_status),
    )
    return tr("Năm {year}: {text}").format(year=x.year, text=text) if with_year else text
