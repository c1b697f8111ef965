"""A session's attendance per day (headless): the days each participant was present, within the
session's dates, and why someone was absent, from the whole session or from some of its days.
``days_present`` keeps the count the documents print. Asked about, not refused (the caller
confirms with the warning's keyword): a day on which another session already has the same
person present (:class:`.errors.DoubleAttendanceWarning`), and a weekend day or a day off of
the calendar (:class:`.errors.DayOffAttendanceWarning`: sessions do work on a Saturday). Only
the days ticked in this call are asked about: a day confirmed at an earlier save is not asked
again. A day after today is refused (:func:`_not_yet`): nobody was present on a day that has
not come, and a day counted present would raise the year's ngày công and hold the session's
dates fixed (a session with attendance is not rescheduled).

One call is one transaction guarded by the session's version, which it bumps. Re-exported by
:mod:`.session_people`, where it used to live.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import validation as v
from .days_off import WEEKDAY_NAMES, work_calendar
from .db import Database
from .errors import DayOffAttendanceWarning, DoubleAttendanceWarning, ValidationError
from .i18n import tr
from .locking import flush, touch
from .models import (
    AttendanceStatus,
    SessionAttendanceDay,
    SessionParticipant,
    WorkingSession,
)
from .working_group import days_between, load_for_change, what


@dataclass(frozen=True)
class Attendance:
    """One participant's attendance: the days present (none: absent) and why absent (the whole
    session, or the days not present; kept unless present every day)."""

    participant_id: int
    days: tuple[date, ...]
    absence_reason: str | None = None


def _check_days(s: Session, w: WorkingSession, rows: Sequence[Attendance]) -> None:
    names = {p.id: p.name_snapshot or str(p.id) for p in w.participants}
    for a in rows:
        if a.participant_id not in names:
            raise ValidationError(
                "attendance",
                # The participation's id (a row of the session), not a person's: worded as
                # participant-remove and the "Mã tham gia" column of sessions show say it.
                tr("Mã tham gia {id} không có trong phiên làm việc này.").format(
                    id=a.participant_id
                ),
                label=tr("Điểm danh"),
            )
        for day in a.days:
            if not isinstance(day, date) or not w.starts_on <= day <= w.ends_on:
                shown = f"{day:%d/%m/%Y}" if isinstance(day, date) else str(day)
                raise ValidationError(
                    "attendance",
                    tr(
                        "ngày {day} của {name} nằm ngoài thời gian phiên làm việc "
                        "({start} – {end})."
                    ).format(
                        day=shown,
                        name=names[a.participant_id],
                        start=f"{w.starts_on:%d/%m/%Y}",
                        end=f"{w.ends_on:%d/%m/%Y}",
                    ),
                    label=tr("Điểm danh"),
                )


def _present_elsewhere(
    s: Session, w: WorkingSession, new_days: Mapping[int, set[date]]
) -> list[str]:
    """For each person newly marked present (participant id → days), the other sessions
    marking them present on one of those days: "Nguyễn Văn A: phiên “…” ngày 03/05/2027"."""
    people = {p.id: p for p in w.participants if new_days.get(p.id)}
    if not people:
        return []
    rows = s.execute(
        select(
            SessionParticipant.person_id,
            SessionAttendanceDay.day,
            WorkingSession.id,
            WorkingSession.title,
        )
        .join(SessionAttendanceDay, SessionAttendanceDay.participant_id == SessionParticipant.id)
        .join(WorkingSession, WorkingSession.id == SessionParticipant.session_id)
        .where(
            SessionParticipant.person_id.in_({p.person_id for p in people.values()}),
            SessionParticipant.session_id != w.id,
            SessionAttendanceDay.day >= w.starts_on,
            SessionAttendanceDay.day <= w.ends_on,
        )
        .order_by(WorkingSession.starts_on, WorkingSession.id, SessionAttendanceDay.day)
    ).all()
    found: dict[tuple[int, int], tuple[str, list[date]]] = {}
    for pid, p in people.items():
        for person_id, day, other_id, title in rows:
            if person_id == p.person_id and day in new_days[pid]:
                found.setdefault((pid, other_id), (title, []))[1].append(day)
    lines = []
    for (pid, _other), (title, days) in found.items():
        p = people[pid]
        lines.append(
            tr("{name}: phiên “{title}” ngày {days}").format(
                name=p.name_snapshot or (p.person.full_name if p.person else ""),
                title=title,
                days=", ".join(f"{d:%d/%m/%Y}" for d in days),
            )
        )
    return lines


def _on_days_off(s: Session, w: WorkingSession, new_days: Mapping[int, set[date]]) -> list[str]:
    """The days newly marked that are no working day, each with why and who: "09/05/2026 (Thứ
    Bảy): Nguyễn Văn An, Bùi Thị Ngân" (the calendar's name of a holiday, "Giỗ Tổ Hùng
    Vương")."""
    calendar = work_calendar(s, w.starts_on, w.ends_on)
    names = dict(calendar.names)
    people = {p.id: p.name_snapshot or str(p.person_id) for p in w.participants}
    by_day: dict[date, list[str]] = {}
    for pid, days in new_days.items():
        for day in days:
            if not calendar.is_working_day(day):
                by_day.setdefault(day, []).append(people[pid])
    return [
        tr("{day} ({why}): {names}").format(
            day=f"{day:%d/%m/%Y}",
            why=names.get(day) or tr(WEEKDAY_NAMES[day.weekday()]),
            names=", ".join(by_day[day]),
        )
        for day in sorted(by_day)
    ]


def _not_yet(w: WorkingSession, new_days: Mapping[int, set[date]], today: date) -> None:
    """Refuse the days newly marked present after ``today``, naming the field and who."""
    people = {p.id: p.name_snapshot or str(p.person_id) for p in w.participants}
    ahead = sorted({d for days in new_days.values() for d in days if d > today})
    if not ahead:
        return
    who = [people[pid] for pid, days in new_days.items() if any(d > today for d in days)]
    label = tr("Ngày có mặt")
    raise ValidationError(
        "attendance",
        tr(
            '"{label}" {days} của {names} chưa đến (hôm nay là {today}): chỉ điểm danh những '
            "ngày đã diễn ra."
        ).format(
            label=label,
            days=", ".join(f"{d:%d/%m/%Y}" for d in ahead),
            names=", ".join(who),
            today=f"{today:%d/%m/%Y}",
        ),
        label=label,
    )


def set_attendance(
    db: Database,
    session_id: int,
    rows: Sequence[Attendance | Mapping[str, Any]],
    *,
    expected_version: int | None,
    confirm_double_attendance: bool = False,
    confirm_day_off_attendance: bool = False,
    today: date | None = None,
) -> int:
    """Record the days each listed participant was present (others are left as they are);
    returns the session's new version. A day newly marked on which another session already
    marks the same person present asks for confirmation (:class:`DoubleAttendanceWarning`)
    unless ``confirm_double_attendance``: warned, not refused, and counted once a year. A day
    newly marked that is a weekend day or a day off of the calendar asks too
    (:class:`DayOffAttendanceWarning`) unless ``confirm_day_off_attendance``. A day newly
    marked after ``today`` (default: the computer's) is refused."""
    items = [r if isinstance(r, Attendance) else Attendance(**r) for r in rows]
    items = [
        Attendance(
            a.participant_id,
            tuple(sorted(set(a.days))),
            v.text(a.absence_reason, "attendance", tr("Lý do vắng"), max_len=300),
        )
        for a in items
    ]
    with db.session() as s:
        w = load_for_change(s, session_id, expected_version)
        _check_days(s, w, items)
        by_id = {p.id: p for p in w.participants}
        # Only days ticked now: a day confirmed at an earlier save is not asked again.
        added = {
            a.participant_id: set(a.days) - {r.day for r in by_id[a.participant_id].days}
            for a in items
        }
        _not_yet(w, added, today or date.today())
        if not confirm_day_off_attendance:
            lines = _on_days_off(s, w, added)
            if lines:
                raise DayOffAttendanceWarning(
                    # One line: the command line prints it as its one line of refusal.
                    tr(
                        "Điểm danh có mặt vào ngày nghỉ (theo lịch ngày nghỉ ở Thiết lập): "
                        "{lines}. Ngày nghỉ có người có mặt được tính là ngày làm việc của "
                        "phiên và vào số ngày công. Vẫn lưu điểm danh?"
                    ).format(lines="; ".join(lines))
                )
        if not confirm_double_attendance:
            lines = _present_elsewhere(s, w, added)
            if lines:
                raise DoubleAttendanceWarning(
                    tr(
                        "Có người được điểm danh có mặt ở phiên làm việc khác trong cùng ngày:\n"
                        "{lines}\nMột người mỗi ngày chỉ tính một ngày công trong số liệu năm. "
                        "Vẫn lưu điểm danh?"
                    ).format(lines="\n".join(f"- {x}" for x in lines))
                )
        every_day = set(days_between(w.starts_on, w.ends_on))
        for a in items:
            p = by_id[a.participant_id]
            # Keep the rows of days still present: deleting and re-inserting the same key in
            # one flush would collide.
            wanted = set(a.days)
            for row in [r for r in p.days if r.day not in wanted]:
                p.days.remove(row)
            have = {r.day for r in p.days}
            p.days.extend(SessionAttendanceDay(day=d) for d in a.days if d not in have)
            p.days_present = len(a.days)
            p.attendance = AttendanceStatus.PRESENT if a.days else AttendanceStatus.ABSENT
            # Why absent: the whole session, or some of its days (a partial absence, printed
            # beside the days present); someone present every day has nothing to explain.
            p.absence_reason = None if wanted >= every_day else a.absence_reason
        touch(w)
        flush(s, what())
        return w.version
