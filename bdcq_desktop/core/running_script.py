"""The chair's running script (kịch bản điều hành) of a meeting, gathered from its record.

The chair (the Head or a Deputy Head, Rule 3) reads it at the table; the secretariat prints it
the morning of the meeting. It is a working paper, never issued: no number, nothing written.
:func:`running_script` reads everything it says in one call:

- the steps in the order of the agenda: the opening (Khai mạc: reasons, who is here, the
  agenda put to the meeting), each item (a report someone presents, a discussion), the chair's
  conclusions and the closing (Bế mạc). An agenda without an opening, conclusions or closing
  item gets them from the script, since the chair opens, concludes and closes every meeting;
- each step's clock time as the record gives it (:func:`.agenda.agenda_rows`, the rule of the
  agenda paper: an item without planned minutes has a start and no end, and the items after
  it no time). A step the script adds has no minutes of its own: the opening starts with the
  meeting, the conclusions and the closing when the last timed item ends, if it is known;
- who is here: the minutes' counts per group (:func:`.attendance_groups.group_counts`) and,
  once attendance is marked, who is absent (with the reason) and who came in whose place;
- for a regular meeting (which reviews the period since the last one, Rule 3), or one with an
  item that reviews conclusions ("Kiểm điểm…", "… thực hiện Kết luận …"), the previous
  meeting's conclusions and where their tasks stand (:func:`.tasks.list_tasks`): done,
  still open, overdue with the overdue ones.

People are named here as the core reads them (the meeting's snapshots); the documents print
them as every meeting paper does (:mod:`bdcq_desktop.documents.script_docs`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .agenda import AgendaRow, agenda_rows
from .attendance import AttendanceRow, rows_of
from .attendance_groups import GroupCount, group_counts
from .db import Database
from .errors import NotReadyError
from .i18n import tr
from .meeting_rules import HELD_STATUSES, load_meeting
from .meeting_secretary import serving_secretary_of
from .models import Conclusion, Meeting, MeetingKind, MeetingStatus
from .tasks import TaskRow, list_tasks

# The kinds of step, in the words of a Vietnamese running script.
OPENING = "opening"  # Khai mạc: tuyên bố lý do, giới thiệu thành phần, thông qua chương trình
REVIEW = "review"  # the previous meeting's conclusions and their tasks
REPORT = "report"  # an item someone presents (a report, a draft, an opinion asked for)
DISCUSSION = "discussion"  # Thảo luận: the delegates speak
CONCLUSION = "conclusion"  # Kết luận: the chair's, written by hand on the script
CLOSING = "closing"  # Bế mạc

# How an item's title opens says what the step is; the same words as the agenda paper's
# procedural items (:data:`.agenda_papers.PROCEDURAL`).
_OPENS = (
    ("khai mạc", OPENING),
    ("bế mạc", CLOSING),
    ("kết luận", CONCLUSION),
    ("thảo luận", DISCUSSION),
)


@dataclass(frozen=True)
class Step:
    """One step of the script. ``item`` is the agenda item it reads (None: a step the script
    adds); ``starts_at``/``ends_at`` as the record times it (None: not known)."""

    kind: str
    item: AgendaRow | None
    starts_at: datetime | None
    ends_at: datetime | None
    # A report whose title says it is discussed too ("Báo cáo … và thảo luận").
    discussion: bool = False
    # The item that reviews the previous meeting's conclusions: the script sets their
    # standing beside it (:attr:`RunningScript.review`).
    reviews: bool = False

    @property
    def planned_minutes(self) -> int | None:
        return self.item.planned_minutes if self.item is not None else None


@dataclass(frozen=True)
class Review:
    """The previous meeting's conclusions and their tasks as they stand on ``as_of``.

    ``meeting_id`` None: there is no earlier meeting to review (the first regular one)."""

    meeting_id: int | None
    title: str = ""
    starts_at: datetime | None = None
    as_of: date | None = None
    conclusions: int = 0
    tasks: int = 0
    done: int = 0  # done on time or late
    done_late: int = 0
    open: int = 0  # not yet due, or due soon
    cancelled: int = 0
    overdue: tuple[TaskRow, ...] = ()  # not done past their deadline, the earliest first


@dataclass(frozen=True)
class Presence:
    """Who is here. ``marked``: attendance has been taken (someone's mark is recorded);
    ``groups``: the minutes' counts per group (invited, present, absent…), the serving
    secretary in none; ``absent`` and ``substitutes``: the invited absent, and the invited
    someone came in place of, in the order of the list."""

    marked: bool
    groups: tuple[GroupCount, ...]
    absent: tuple[AttendanceRow, ...]
    substitutes: tuple[AttendanceRow, ...]


@dataclass(frozen=True)
class RunningScript:
    meeting_id: int
    kind: MeetingKind
    title: str
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime | None
    place: str
    chair_id: int | None
    chair_name: str
    agenda: tuple[AgendaRow, ...]
    steps: tuple[Step, ...]
    presence: Presence
    review: Review | None  # None: neither regular nor reviewing conclusions
    as_of: date  # the day the script speaks for: today, or the meeting's day once past


def step_kind(title: str, has_presenter: bool) -> str:
    """What an agenda item is, by how its title opens; an opinion asked of someone named
    ("Ý kiến của Công an tỉnh…") is theirs to present, one of no-one the discussion."""
    start = " ".join(title.split()).casefold()
    for words, kind in _OPENS:
        if start.startswith(words):
            return kind
    if start.startswith("ý kiến") and not has_presenter:
        return DISCUSSION
    return REPORT


def reviews_conclusions(title: str) -> bool:
    """True for an item that reviews conclusions given before ("Kiểm điểm việc thực hiện…",
    "Báo cáo tình hình thực hiện Kết luận số 05…"), not the chair's own ("Kết luận của…")."""
    text = " ".join(title.split()).casefold()
    return "kiểm điểm" in text or ("kết luận" in text and not text.startswith("kết luận"))


def _has_discussion(title: str) -> bool:
    text = " ".join(title.split()).casefold()
    return "thảo luận" in text and not text.startswith("thảo luận")


def _steps(m: Meeting, items: list[AgendaRow]) -> list[Step]:
    """The agenda's steps, with the opening, conclusions and closing it lacks added (see the
    module doc for their times)."""
    steps: list[Step] = []
    for row in items:
        kind = step_kind(row.title, bool(row.presenter_kind))
        steps.append(
            Step(
                kind,
                row,
                row.starts_at,
                row.ends_at,
                discussion=kind == REPORT and _has_discussion(row.title),
                reviews=kind == REPORT and reviews_conclusions(row.title),
            )
        )

    def after(at: int) -> datetime | None:
        # An added step starts when the item before it ends; after another added step (no
        # minutes of its own) nobody knows when.
        before = steps[at - 1] if at else None
        return before.ends_at if before is not None and before.item is not None else None

    kinds = {s.kind for s in steps}
    if OPENING not in kinds:
        steps.insert(0, Step(OPENING, None, m.starts_at, None))
    if CONCLUSION not in kinds:
        at = next((n for n, s in enumerate(steps) if s.kind == CLOSING), len(steps))
        steps.insert(at, Step(CONCLUSION, None, after(at), None))
    if CLOSING not in kinds:
        steps.append(Step(CLOSING, None, after(len(steps)), None))
    return steps


def _previous(s: Session, m: Meeting, *, regular: bool) -> Meeting | None:
    """The meeting whose conclusions this one reviews: the last regular meeting held before
    it (a regular meeting reviews the period since), else the last meeting held before it
    that concluded anything."""
    stmt = select(Meeting).where(
        Meeting.status.in_(HELD_STATUSES), Meeting.starts_at < m.starts_at, Meeting.id != m.id
    )
    if regular:
        stmt = stmt.where(Meeting.kind == MeetingKind.REGULAR)
    else:
        has = select(func.count(Conclusion.id)).where(Conclusion.meeting_id == Meeting.id)
        stmt = stmt.where(has.scalar_subquery() > 0)
    return s.scalars(stmt.order_by(Meeting.starts_at.desc()).limit(1)).first()


def _review(db: Database, prev: tuple[int, str, datetime, int] | None, day: date) -> Review:
    if prev is None:
        return Review(None, as_of=day)
    meeting_id, title, starts_at, conclusions = prev
    tasks = list_tasks(db, meeting_id=meeting_id, today=day)
    counts = Counter(t.status for t in tasks)
    return Review(
        meeting_id,
        title,
        starts_at,
        day,
        conclusions=conclusions,
        tasks=len(tasks),
        done=counts["done_on_time"] + counts["done_late"],
        done_late=counts["done_late"],
        open=counts["not_due"] + counts["due_soon"],
        cancelled=counts["cancelled"],
        overdue=tuple(t for t in tasks if t.status == "overdue"),
    )


def running_script(db: Database, meeting_id: int, *, today: date | None = None) -> RunningScript:
    """The running script of meeting ``meeting_id`` (see the module doc); ``today`` is the
    clock's day by default. A cancelled meeting has none (NotReadyError)."""
    with db.session() as s:
        m = load_meeting(s, meeting_id)
        if m.status == MeetingStatus.CANCELLED:
            raise NotReadyError(tr("Cuộc họp đã bị hủy: không lập kịch bản điều hành."))
        day = min(today or date.today(), m.starts_at.date())
        items = agenda_rows(s, m)
        steps = _steps(m, items)
        rows = [r for r in rows_of(m, serving_secretary_of(s, m)) if not r.takes_the_minutes]
        called = [r for r in rows if not r.walk_in]
        presence = Presence(
            marked=any(r.status != "unknown" for r in rows),
            groups=tuple(group_counts((r.category, r.status, r.walk_in) for r in rows)),
            absent=tuple(r for r in called if r.status == "absent"),
            substitutes=tuple(r for r in called if r.status == "substitute"),
        )
        regular = m.kind == MeetingKind.REGULAR
        wanted = regular or any(step.reviews for step in steps)
        prev = None
        if wanted:
            found = _previous(s, m, regular=regular)
            if found is not None:
                count = s.scalar(
                    select(func.count(Conclusion.id)).where(Conclusion.meeting_id == found.id)
                )
                prev = (found.id, found.title, found.starts_at, count or 0)
        if regular and not any(step.reviews for step in steps):
            # Right after the opening, before the first report: what the period is judged by.
            at = 1 + next(n for n, step in enumerate(steps) if step.kind == OPENING)
            steps.insert(at, Step(REVIEW, None, None, None))
        script = RunningScript(
            meeting_id=m.id,
            kind=m.kind,
            title=m.title,
            status=m.status,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            place=m.place or "",
            chair_id=m.chair_id,
            chair_name=m.chair.full_name if m.chair is not None else "",
            agenda=tuple(items),
            steps=tuple(steps),
            presence=presence,
            review=None,
            as_of=day,
        )
    if not wanted:
        return script
    # The tasks as the tasks list and report of that day give them, in a read of their own
    # (a past day undoes what changed since, :mod:`.tasks_on`).
    return replace(script, review=_review(db, prev, day))
