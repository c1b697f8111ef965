"""Who to chase (đôn đốc): the reports past their due date and not received, and the tasks
past their deadline and not done, grouped by unit.

A report is overdue exactly when :func:`.models.submission_status` says ``overdue`` (never one
the committee waived, miễn nộp, by the day: nothing is owed); a task when
:func:`.tasks.task_status` says ``overdue``, counted for the unit :mod:`.task_tracking` gives it
(in charge, else the person's). Four queries of the listed columns only (the rounds past
due, the unreceived submissions, the units, the overdue tasks), whatever the number of units.
The overdue items of a unit merged by the day are chased from the unit that received it
(:mod:`.succession`), their source noting "tiếp nhận từ …". A task given to a person who
belongs to no unit is chased under the person ("Đồng chí …", after the units, as the tasks report
lists it). The items of units retired with no successor by the day cannot be chased (nobody is
left there to send a reminder to): they are counted apart, per unit (:class:`LeftOut`), so that
the page and the reminder can say what they leave out and their figures add up to those of the
tasks page and the overview. A window (``since``, :mod:`.chase_window`) keeps only what fell due
on or after a day; what fell due before it is counted, not chased.

A list of a past day (a reminder dated back) is that day's: a report received or waived after
it was still missing (the rule of :func:`.models.submission_on`, which the reports lists and
the summary report share), a round opened after it not yet asked, a task completed after it
still open, a task given after it not yet given, a task transferred after it still its former
unit's (:func:`.tasks_on.handovers_on`, as the tasks report of the day reads it; one transferred
by then notes "tiếp nhận từ …" and the transfer's day), and a unit retired or merged after it
still there to chase; a task's deadline and completion those the change log says it had at the end
of the day (a deadline extended since, a completion recorded since, undone: :mod:`.tasks_on`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Row, and_, func, or_, select

from .collector import collector_paused
from .db import Database
from .errors import NotFoundError, NotReadyError
from .i18n import tr
from .models import (
    Conclusion,
    Meeting,
    Person,
    ReportingRound,
    Submission,
    Task,
    TaskSource,
    TaskStatus,
    Unit,
)
from .models.reporting import owed_by, round_opened_by
from .succession import Succession, taken_from

# The tasks page's source lines, so that both pages name a task's origin alike.
from .task_events import due_column
from .task_tracking import _Dates
from .task_tracking import _source as source_text
from .tasks import days_overdue, task_status
from .tasks_on import (
    TaskState,
    end_of,
    given_by,
    handovers_on,
    people_of,
    standing_on,
    updated_after,
    with_note,
)
from .text import count_text, decree_date, short_date, vi_key


# The items are named tuples, immutable like the frozen rows: ten years hold thousands of them,
# and a tuple is made in one step where a frozen dataclass sets each field through
# ``object.__setattr__`` (three times as long).
class OverdueReport(NamedTuple):
    submission_id: int
    round_id: int
    round_title: str  # with "(tiếp nhận từ …)" when owed by a unit merged into this one
    period_label: str
    due_date: date
    days_late: int
    taken_from: str = ""  # the merged unit the report was asked of, if not this one


class OverdueTask(NamedTuple):
    task_id: int
    content: str
    source: str  # with "; tiếp nhận từ …" when given to a unit merged into this one
    deadline: date
    days_overdue: int
    taken_from: str = ""  # the merged unit the task was given to, if not this one
    # What ``source`` adds after the origin ("tiếp nhận từ … ngày …; tiếp nhận từ …"), for a
    # document that names the origin its own way (the reminder cites the conclusions notice).
    note: str = ""


@dataclass(frozen=True, slots=True)
class ChaseUnit:
    """A unit to chase or, with ``unit_id`` None, a person of no unit (``person_id``; ``unit``
    is then "Đồng chí …"), who can have overdue tasks but no reports and no unit reminder."""

    unit_id: int | None
    unit: str
    reports: tuple[OverdueReport, ...]
    tasks: tuple[OverdueTask, ...]
    person_id: int | None = None

    @property
    def items(self) -> int:
        return len(self.reports) + len(self.tasks)

    @property
    def most_days_late(self) -> int:
        days = [r.days_late for r in self.reports] + [t.days_overdue for t in self.tasks]
        return max(days, default=0)


class LeftOut(NamedTuple):
    """A unit retired with no successor by the day, and how many of its items (with those of
    the units merged into it) were overdue on it: counted, not chased."""

    unit_id: int
    unit: str
    reports: int
    tasks: int


@dataclass(frozen=True, slots=True)
class ChaseOverview:
    units: list[ChaseUnit]  # the units, then the people of no unit
    left_out: tuple[LeftOut, ...]  # units retired with no successor, in the official order
    # The window's first due date (None: every overdue item) and how many overdue items fell
    # due before it (chased units, retired ones and people alike): not chased, but counted so
    # the page can say what the window leaves out (:mod:`.chase_window`).
    since: date | None = None
    older_reports: int = 0
    older_tasks: int = 0

    @property
    def reports_left_out(self) -> int:
        return sum(u.reports for u in self.left_out)

    @property
    def tasks_left_out(self) -> int:
        return sum(u.tasks for u in self.left_out)


def left_out_text(overview: ChaseOverview) -> str:
    """What the list leaves out and why, for the page and the all-units reminder alike,
    counted in the order the reminder's opening counts (reports, then tasks): "3 báo cáo và 1
    nhiệm vụ quá hạn của các đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận (A: 1 nhiệm vụ;
    B: 3 báo cáo)"; empty when nothing is left out."""
    if not overview.left_out:
        return ""

    def counts(reports: int, tasks: int) -> str:
        parts = []
        if reports:
            parts.append(tr("{n} báo cáo").format(n=count_text(reports)))
        if tasks:
            parts.append(tr("{n} nhiệm vụ").format(n=count_text(tasks)))
        return " và ".join(parts)

    units = "; ".join(f"{u.unit}: {counts(u.reports, u.tasks)}" for u in overview.left_out)
    template = (
        tr("{counts} quá hạn của các đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận ({units})")
        if len(overview.left_out) > 1
        else tr("{counts} quá hạn của đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận ({units})")
    )
    return template.format(
        counts=counts(overview.reports_left_out, overview.tasks_left_out), units=units
    )


def chase_list(
    db: Database,
    *,
    unit_id: int | None = None,
    today: date | None = None,
    since: date | None = None,
) -> list[ChaseUnit]:
    """Every unit in office on the day with something overdue, its own and that of the units
    merged into it by then (:mod:`.succession`), then every person of no unit with an overdue
    task; or only ``unit_id``'s, which must exist and be in office on the day (not merged, not
    retired); units in the official order, people by name; reports by due date, tasks by
    deadline, oldest first. A past ``today`` gives that day's list (see the module's text).
    ``since``: only the reports due and the tasks whose deadline falls on or after it (the
    window, :mod:`.chase_window`); None: every overdue item."""
    return chase_overview(db, unit_id=unit_id, today=today, since=since).units


def chase_overview(
    db: Database,
    *,
    unit_id: int | None = None,
    today: date | None = None,
    since: date | None = None,
) -> ChaseOverview:
    """:func:`chase_list`, and what it leaves out: the overdue items of the units retired with
    no successor by the day (none when only ``unit_id``'s are asked for), and how many fell due
    before ``since``."""
    day = today or date.today()
    # The overdue reports are the few unreceived submissions (about one in thirteen at ten
    # years) of the rounds past due (nearly all of them): read as two queries and matched
    # here, so the database reads the submissions in one pass, where joining them to the
    # rounds went through the round index and every submission of every past round.
    late_rounds = select(
        ReportingRound.id,
        ReportingRound.title,
        ReportingRound.period_label,
        ReportingRound.due_date,
    ).where(ReportingRound.due_date < day, round_opened_by(day))
    # Still owed on the day (:func:`.models.submission_on`): not received, or received after
    # it; not excused (miễn nộp) by then.
    unreceived = (
        select(Submission.round_id, Submission.id, Submission.unit_id)
        .where(owed_by(day))
        .order_by(Submission.id)
    )
    # Thousands of rows and no cycle among them: the collector's passes over them, one of
    # which may be a full one (every object of the application), would only cost time.
    with collector_paused():
        with db.session() as s:
            if unit_id is not None and s.get(Unit, unit_id) is None:
                raise NotFoundError(
                    tr("Không tìm thấy cơ quan, đơn vị có mã {id}.").format(id=unit_id)
                )
            conn = s.connection()  # plain Core rows: the ORM's per-row machinery is not needed
            succession = Succession.read(conn)
            owners = None  # the units whose items are read: all, or unit_id's and its merged
            if unit_id is not None:
                _check_not_merged(succession, unit_id, day)
                _check_in_office(succession, unit_id, day)
                owners = succession.answered_by(unit_id, day)
                unreceived = unreceived.where(Submission.unit_id.in_(owners))
            rounds = conn.execute(late_rounds).all()
            submissions = conn.execute(unreceived).all()
            tasks, people = _overdue_tasks(conn, owners, day)
        units = {
            uid: (name, succession.orders[uid])
            for uid, name in succession.names.items()
            if succession.in_office(uid, day)
        }
        heirs = succession.heirs(day)
        reports = _overdue_reports(rounds, submissions, day)
        out: list[tuple[int, Any, int, tuple[OverdueReport, ...], tuple[OverdueTask, ...]]] = []
        left_out = []
        older = [0, 0]  # reports, tasks due before the window
        for uid in {heirs.get(u, u) for u in set(reports) | set(tasks)}:
            # Its own items and those of the units merged into it, each noting the unit.
            own_reports = list(reports.get(uid, []))
            own_tasks = list(tasks.get(uid, []))
            for source, heir in heirs.items():
                if heir != uid:
                    continue
                was = succession.names[source]
                own_reports += [_taken_report(r, was) for r in reports.get(source, [])]
                own_tasks += [_taken_task(t, was) for t in tasks.get(source, [])]
            own_reports, own_tasks = _in_window(own_reports, own_tasks, since, older)
            if not own_reports and not own_tasks:
                continue  # everything it owes fell due before the window
            if uid not in units:
                # Retired with no successor: nobody to chase, but counted so it shows.
                name = succession.names[uid]
                left_out.append(LeftOut(uid, name, len(own_reports), len(own_tasks)))
                continue
            own_reports.sort(key=lambda r: (r.due_date, r.round_id, r.submission_id))
            own_tasks.sort(key=lambda t: (t.deadline, t.task_id))
            name, order = units[uid]
            out.append((order or 0, vi_key(name), uid, tuple(own_reports), tuple(own_tasks)))
    out.sort(key=lambda c: c[:2])
    chased = [ChaseUnit(uid, units[uid][0], r, t) for _o, _k, uid, r, t in out]
    for (person_id, name), items in sorted(people.items(), key=lambda p: vi_key(p[0][1])):
        _, items = _in_window([], items, since, older)
        if not items:
            continue
        items.sort(key=lambda t: (t.deadline, t.task_id))
        chased.append(ChaseUnit(None, name, (), tuple(items), person_id=person_id))
    left_out.sort(key=lambda u: (succession.orders[u.unit_id] or 0, vi_key(u.unit)))
    return ChaseOverview(chased, tuple(left_out), since, older[0], older[1])


def _in_window(
    reports: list[OverdueReport], tasks: list[OverdueTask], since: date | None, older: list[int]
) -> tuple[list[OverdueReport], list[OverdueTask]]:
    """The reports due and tasks with a deadline on or after ``since`` (all when None); those
    before it are added to ``older`` (reports, tasks)."""
    if since is None:
        return reports, tasks
    kept_reports = [r for r in reports if r.due_date >= since]
    kept_tasks = [t for t in tasks if t.deadline >= since]
    older[0] += len(reports) - len(kept_reports)
    older[1] += len(tasks) - len(kept_tasks)
    return kept_reports, kept_tasks


def _check_not_merged(succession: Succession, unit_id: int, day: date) -> None:
    """Refuse to chase a unit merged by ``day``: its items are chased from its successor."""
    heir = succession.merged_into(unit_id, day)
    if heir is None:
        return
    names = succession.names
    on = succession.merged_on(unit_id)
    when = tr(" từ ngày {day}").format(day=short_date(on)) if on is not None else ""
    raise NotReadyError(
        tr(
            "{unit} đã được sáp nhập vào {heir}{when}; các báo cáo, nhiệm vụ quá hạn của đơn vị "
            "này nay do đơn vị tiếp nhận thực hiện. Hãy lập văn bản đôn đốc gửi đơn vị tiếp nhận."
        ).format(unit=names[unit_id], heir=names[heir], when=when)
    )


def _check_in_office(succession: Succession, unit_id: int, day: date) -> None:
    """Refuse to chase a unit retired by ``day`` with no successor: nobody is left to ask."""
    if succession.in_office(unit_id, day):
        return
    raise NotReadyError(
        tr(
            "{unit} đã thôi hoạt động, chưa có đơn vị tiếp nhận: không thể gửi văn bản đôn đốc "
            "các báo cáo, nhiệm vụ quá hạn của đơn vị này."
        ).format(unit=succession.names[unit_id])
    )


def _taken_report(r: OverdueReport, was: str) -> OverdueReport:
    title = f"{r.round_title} ({taken_from(was)})"
    return r._replace(round_title=title, taken_from=was)


def _taken_task(t: OverdueTask, was: str) -> OverdueTask:
    note = "; ".join(n for n in (t.note, taken_from(was)) if n)
    return t._replace(source=f"{t.source}; {taken_from(was)}", taken_from=was, note=note)


def _overdue_reports(
    rounds: Sequence[Row[Any]], submissions: Sequence[Row[Any]], day: date
) -> dict[int, list[OverdueReport]]:
    """The unreceived ``submissions`` (round, id, unit; by id) of the past-due ``rounds`` by
    unit, each unit's by due date, then round, then submission."""
    by_round: dict[int, list[tuple[int, int]]] = {}
    for rid, sid, uid in submissions:
        by_round.setdefault(rid, []).append((sid, uid))
    reports: dict[int, list[OverdueReport]] = {}
    for rid, title, period, due in sorted(rounds, key=lambda r: (r[3], r[0])):
        late = by_round.get(rid)
        if not late:
            continue
        days = (day - due).days
        for sid, uid in late:
            reports.setdefault(uid, []).append(OverdueReport(sid, rid, title, period, due, days))
    return reports


def _open_tasks(day: date) -> ColumnElement[bool]:
    """An SQL condition every task overdue on ``day`` meets, so that the done and cancelled
    ones (most of them) are not read; :func:`.tasks.task_status` still decides each row. Not
    the deadline, unlike :func:`.task_tracking.track_tasks`' narrowing: ten years on nearly
    every deadline is past, and that condition only sent SQLite through the deadline index and
    a lookup of each task in turn, where one pass over the table is cheaper. A task completed
    after ``day`` was open on it, and one updated since (its completion recorded, stopped) may
    have been: its state of the day decides (:mod:`.tasks_on`)."""
    still_open = and_(
        Task.status != TaskStatus.CANCELLED,
        or_(
            and_(Task.status != TaskStatus.DONE, Task.completed_on.is_(None)),
            Task.completed_on > day,
        ),
    )
    if end_of(day) >= datetime.now():
        return still_open  # today's list: nothing has changed since
    return or_(still_open, updated_after(day))


def _overdue_tasks(
    conn: Connection, unit_ids: list[int] | None, day: date
) -> tuple[dict[int, list[OverdueTask]], dict[tuple[int | None, str], list[OverdueTask]]]:
    """The overdue tasks by the unit they were given to (of ``unit_ids`` only, if given), and
    those of people of no unit by (person id, "Đồng chí …") when ``unit_ids`` is None; read
    with only the columns the list shows (ten years hold thousands of tasks, hundreds
    overdue). The unit is the one :func:`.task_tracking.track_tasks` gives (in charge, else the
    person's) as it stood on the day (:func:`.tasks_on.handovers_on`: a task transferred after
    the day is its former unit's, one transferred by then notes whence it came); the SQL only
    narrows (:func:`_open_tasks`) and :func:`.tasks.task_status` decides each."""
    # The unit's id straight from the foreign keys (which the database enforces): no join to
    # the units, whose names the list takes from its own query.
    unit_col = func.coalesce(Task.assignee_unit_id, Person.unit_id)
    query = (
        select(
            Task.id,
            Task.content,
            Task.source,
            due_column(),  # the deadline in force
            Task.completed_on,
            Task.status,
            Task.assigned_on,
            Meeting.title,
            Meeting.starts_at,
            Task.assignee_unit_id,
            Person.unit_id,
            Person.id,
            Person.full_name,
        )
        .outerjoin(Conclusion, Task.conclusion_id == Conclusion.id)
        .outerjoin(Meeting, Conclusion.meeting_id == Meeting.id)
        .outerjoin(Person, Task.assignee_person_id == Person.id)
        .where(_open_tasks(day))
    )
    if unit_ids is not None:
        mine = unit_col.in_(unit_ids)
        if end_of(day) < datetime.now():
            # A task transferred after the day (logged after it, too) may have been one of
            # these units' then: read, and its unit of the day decides below.
            mine = or_(mine, updated_after(day))
        query = query.where(mine)
    sources: dict[tuple[TaskSource, str | None, datetime | None], str] = {}
    tasks: dict[int, list[OverdueTask]] = {}
    people: dict[tuple[int | None, str], list[OverdueTask]] = {}
    dates = _Dates()  # one, refilled per row: each row's status is read at once
    rows = conn.execute(query).all()  # at once: iterating fetched them one call each
    # Each task as it stood at the end of the day: a deadline extended, a completion recorded
    # since is not what was overdue then; nor is the unit it was handed to since.
    # (standing_on: one completed after the day was open on it, as the lists read it.)
    then = standing_on(conn, {r[0]: TaskState(r[5], r[3], r[4], None) for r in rows}, day)
    moved = handovers_on(conn, [r[0] for r in rows], day)
    named = {h.then.get("assignee_person_id") for h in moved.values()}
    earlier = people_of(conn, named - {None})
    wanted = set(unit_ids) if unit_ids is not None else None
    for row in rows:
        tid, content, source, _, _, _, given, title, starts_at, unit, of_person = row[:11]
        person_id, person = row[11:]
        state, deadline, completed_on = then[tid][:3]
        if deadline is None:
            continue
        if not given_by(day, given, starts_at):
            continue  # given after the day (its meeting's day when it has no date of its own)
        handover = moved.get(tid)
        if handover is not None and handover.then:
            # Transferred after the day: the units and person it had on the day.
            unit = handover.then.get("assignee_unit_id", unit)
            was = handover.then.get("assignee_person_id", person_id)
            if was != person_id:
                person_id = was
                of_person, person = earlier.get(was, (None, None)) if was else (None, None)
        uid = unit if unit is not None else of_person
        if wanted is not None and uid not in wanted:
            continue  # another unit's on the day (today's, or a person's of no unit)
        # The column types give the enum members already.
        dates.deadline, dates.completed_on, dates.status = deadline, completed_on, state
        if task_status(dates, day) != "overdue":
            continue
        origin = (source, title, starts_at)
        text = sources.get(origin)
        if text is None:
            text = sources[origin] = source_text(source, title, starts_at)
        item = OverdueTask(tid, content, text, deadline, days_overdue(dates, day))
        # The note the reminder prints after its own citation: dated as documents date.
        note = handover.note(decree_date) if handover is not None else ""
        if handover is not None and note:
            # Handed over by the day: the unit chased was not the one given it, so say whence.
            came = handover.came_from
            item = item._replace(source=with_note(text, handover), taken_from=came, note=note)
        if uid is not None:
            tasks.setdefault(uid, []).append(item)
        else:
            # Given to a person of no unit: chased under the person, as the tasks report
            # lists it (only in the list of all: no unit's list holds it).
            who = tr("Đồng chí {name}").format(name=person or "")
            people.setdefault((person_id, who), []).append(item)
    return tasks, people


def unit_name(db: Database, unit_id: int) -> str:
    with db.session() as s:
        name = s.scalar(select(Unit.name).where(Unit.id == unit_id))
    if name is None:
        raise NotFoundError(tr("Không tìm thấy cơ quan, đơn vị có mã {id}.").format(id=unit_id))
    return name
