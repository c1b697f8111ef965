"""``tasks``: how the tasks the committee assigned are going, by unit.

A summary report (template 1.4, ``BÁO CÁO``) of the secretariat to the committee's leaders:
counts and completion rate per unit in the body, each task (source, deadline, status, result)
in a landscape annex. Statuses are those on the document's date (its issue date, or today for a
draft), computed as :mod:`bdcq_desktop.core.reports` computes them, so the document agrees with
the screen; a task handed to another unit after that date is listed under the unit that had it
then and one handed over by then notes whence it came
(:func:`bdcq_desktop.core.tasks_on.handovers_on`, as the reminder of that date reads it), and its
status, deadline and result are those it had at the end of that date
(:mod:`bdcq_desktop.core.tasks_on`), so a report dated back says what it said then.

A task extended by the date (:mod:`bdcq_desktop.core.task_actions`) is counted against its new
deadline from the extension's day: the annex prints that deadline with the one given beside it
("15/01/2027 (gia hạn; hạn ban đầu 20/12/2026)"), the extension in its source (by whom, on which
day, and how late it already was then) and "đã gia hạn" in its status, so a task that was
overdue and then extended is never shown as if it had always been within its time. An open task
is "Đang thực hiện (trong hạn)", as section II counts it, with the last progress its unit
reported by the date in the result column. A task stopped by the date is in no count (the body
says how many, "không tính vào tổng số"): the annex lists those apart after the units, each
with its unit, and its stop where the result goes (the day, who decided, the reason:
:meth:`bdcq_desktop.core.task_events.Event.stop_text`).

Tasks given to a person of no unit are listed under the person ("Đồng chí …") and counted as
people, not units; the recommendation asks only those who can act (units in office, people) to
finish their overdue tasks, and proposes handing over those of units retired with no successor,
which the reminder does not chase.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..core.db import Database
from ..core.enums import TaskEventKind
from ..core.models import (
    Conclusion,
    Person,
    Task,
    TaskStatus,
    Unit,
)
from ..core.succession import read_succession, taken_from
from ..core.task_events import NO_FACTS, Facts, deadline_cell, read_acts
from ..core.task_period import ListedTasks, TaskPeriod, as_of
from ..core.tasks_on import TaskState, given_by, handovers_on, standing_on
from ..core.text import count_text, decree_date
from .blocks import Block, Bullets, Heading, NewPage, Para, Title
from .data_tables import Column, DataTable, GroupedTable
from .dated import dated
from .kinds import BuildContext, document_kind
from .layout import Document
from .notices import conclusion_notices, task_source
from .other_docs import (
    HeadedTable,
    annex_note,
    committee_signature,
    committee_signing,
    header_for,
    page_for,
    percent,
    recipients_for,
    today_of,
    unit_key,
)
from .report_tasks_proposal import tasks_proposal
from .text import Span, format_date, nfc


@dataclass(frozen=True)
class _Task:
    unit: str
    key: tuple[int, object]
    content: str
    source: str
    deadline: dt.date | None
    deadline_text: str  # the deadline cell (with the one given, when extended)
    state: str  # done, progress, overdue; stopped (listed apart, counted in no total)
    status_text: str
    result: str
    # Whom the row names: a unit in office on the date, a person of no unit, or a unit retired
    # by then with no successor (nobody left to finish its tasks).
    holder: str = "unit"  # unit, person, gone
    # What a period (core.task_period) reads: the day it was given (its own, else its
    # meeting's) and the day it was finished as it stood on the date.
    given: dt.date | None = None
    completed_on: dt.date | None = None
    on_time: bool = False  # done by its deadline in force (none: on time)
    id: int = 0


def _meeting_start(t: Task) -> dt.datetime | None:
    meeting = t.conclusion.meeting if t.conclusion is not None else None
    return meeting.starts_at if meeting is not None else None


def _state(t: TaskState, today: dt.date, extended: bool = False) -> tuple[str, str]:
    """What the annex prints of ``t``, its state of ``today`` (:func:`standing_on`: one
    completed after that day is under way on it, "Đang thực hiện", or overdue), counted against
    its deadline in force; ``extended``: an extension dated by then set it."""
    mark = " (đã gia hạn)" if extended else ""
    if t.status == TaskStatus.DONE:
        if t.deadline and t.completed_on and t.completed_on > t.deadline:
            late = count_text((t.completed_on - t.deadline).days)
            return "done", f"Hoàn thành (muộn {late} ngày{'; đã gia hạn' if extended else ''})"
        return "done", f"Hoàn thành{mark}"
    if t.deadline is not None and today > t.deadline:
        return "overdue", f"Quá hạn {count_text((today - t.deadline).days)} ngày{mark}"
    # Section II counts every open task within its time as under way: the annex says the same
    # (never "Chưa thực hiện" beside a count of "Đang thực hiện").
    return "progress", "Đang thực hiện (trong hạn, đã gia hạn)" if extended else (
        "Đang thực hiện (trong hạn)"
    )


def _result(then: TaskState, state: str, facts: Facts) -> str:
    """The result column: a done task's report; an open one's last progress reported by the
    date (else a note recorded before progress notes were dated); a stopped one's stop, with
    its day, who decided and the reason (else the reason written in the result column before
    stops were recorded)."""
    if state == "stopped":
        stop = facts.stop
        if stop is not None and stop.kind == TaskEventKind.STOP:
            return stop.stop_text(decree_date)
        return then.result_report or ""
    if state != "done" and facts.progress is not None:
        return facts.progress.progress_text(decree_date)
    return then.result_report or ""


def _load_tasks(db: Database, today: dt.date) -> tuple[list[_Task], list[_Task]]:
    """The tasks given by ``today`` as they stood then, and apart those stopped then."""
    with db.session() as s:
        tasks = s.scalars(
            select(Task).options(
                joinedload(Task.conclusion).joinedload(Conclusion.meeting),
                joinedload(Task.assignee_unit),
                joinedload(Task.assignee_person).joinedload(Person.unit),
                joinedload(Task.assigned_by),
            )
        ).unique()
        refs = conclusion_notices(s, today)
        # A task still open of a unit merged by the day counts for the unit that received it,
        # as the chase list and the reminder count it (core.succession).
        succession = read_succession(s)
        heirs = succession.heirs(today)
        # Its own date, else its meeting's (the rule `bdcq tasks list --today` shares).
        given = [t for t in tasks if given_by(today, t.assigned_on, _meeting_start(t))]
        # A task handed over after the report's date was still its former unit's on it; one
        # handed over by then says whence it came.
        moved = handovers_on(s.connection(), [t.id for t in given], today)
        # Each task as it stood at the end of the date: a note rewritten, a completion
        # recorded or a deadline extended since is not what the report said then.
        states = standing_on(
            s.connection(),
            {t.id: TaskState(t.status, t.due, t.completed_on, t.result_report) for t in given},
            today,
        )
        # What the acts dated by then say: extensions, the last progress reported.
        acts = read_acts(s.connection(), [t.id for t in given]).facts_on(today)
        out, stopped = [], []
        for t in given:  # those given after the date are not in a report "tính đến" it
            then = states[t.id]
            person = t.assignee_person
            unit = t.assignee_unit
            handover = moved.get(t.id)
            if handover is not None and handover.then:
                was = handover.then
                person_id = was.get("assignee_person_id", t.assignee_person_id)
                person = s.get(Person, person_id) if person_id is not None else None
                unit_id = was.get("assignee_unit_id", t.assignee_unit_id)
                unit = s.get(Unit, unit_id) if unit_id is not None else None
            unit = unit or (person.unit if person else None)
            facts = acts.get(t.id, NO_FACTS)
            state, status_text = _state(then, today, bool(facts.extensions))
            if then.status == TaskStatus.CANCELLED:
                state, status_text = "stopped", "Đã dừng thực hiện"
            notes = [task_source(t, refs)]
            if handover is not None and handover.note():
                notes.append(handover.note(decree_date))
            # After the handover: a transfer granting a new deadline extends it that day.
            notes += [e.extension_text(decree_date) for e in facts.extensions]
            if unit is not None and state not in ("done", "stopped") and unit.id in heirs:
                notes.append(taken_from(unit.name))
                unit = s.get(Unit, heirs[unit.id])
            holder = "person"
            if unit is not None:
                name, key = unit.name, unit_key(unit.sort_order, unit.name)
                holder = "unit" if succession.in_office(unit.id, today) else "gone"
            else:
                who = person.full_name if person else ""
                name, key = f"Đồng chí {who}", unit_key(10**6, who)
            (stopped if state == "stopped" else out).append(
                _Task(
                    unit=nfc(name),
                    key=key,
                    content=nfc(t.content),
                    source=nfc("; ".join(notes)),
                    deadline=then.deadline,
                    deadline_text=deadline_cell(then.deadline, facts),
                    state=state,
                    status_text=status_text,
                    # A result reported after the date was not known on it (standing_on).
                    result=nfc(_result(then, state, facts)),
                    holder=holder,
                    id=t.id,
                    given=_given_on(t),
                    completed_on=then.completed_on if state == "done" else None,
                    on_time=state == "done"
                    and not (
                        then.deadline and then.completed_on and then.completed_on > then.deadline
                    ),
                )
            )
    out.sort(key=lambda x: (x.key, x.deadline or dt.date.max, x.content))
    stopped.sort(key=lambda x: (x.key, x.deadline or dt.date.max, x.content))
    return out, stopped


def _given_on(t: Task) -> dt.date | None:
    start = _meeting_start(t)
    return t.assigned_on or (start.date() if start is not None else None)


def _of_period(tasks: list[_Task], period: TaskPeriod | None) -> list[_Task]:
    """The tasks the period holds (:meth:`TaskPeriod.takes`): given, due or finished in it, or
    open at its end (one stopped is open no more)."""
    if period is None:
        return tasks
    return [
        t
        for t in tasks
        if period.takes(t.given, t.deadline, t.completed_on, t.state in ("progress", "overdue"))
    ]


def _counts(tasks: list[_Task]) -> tuple[int, int, int, int]:
    done = sum(t.state == "done" for t in tasks)
    overdue = sum(t.state == "overdue" for t in tasks)
    return len(tasks), done, len(tasks) - done - overdue, overdue


def _tasks_summary(db: Database, _record_id: int | None) -> str:
    return "Tình hình thực hiện nhiệm vụ Ban Chỉ đạo giao"


@document_kind(
    "tasks", None, _tasks_summary, signing=committee_signing, options=("period", "shown")
)
def build_tasks(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    day = today_of(ctx)
    ctx = dated(db, ctx, day)
    # A period (core.task_period): its tasks as they stood at its end, or on the report's date
    # when it is not over; none: every task given by the date.
    period: TaskPeriod | None = ctx.options.get("period")
    today = as_of(period, day) if period is not None else day
    tasks, stopped = _load_tasks(db, today)
    tasks, stopped = _of_period(tasks, period), _of_period(stopped, period)
    # The tasks a list showed (its unit, status, search), counted as the report counts.
    shown: ListedTasks | None = ctx.options.get("shown")
    if shown is not None:
        tasks = [t for t in tasks if t.id in shown.ids]
        stopped = [t for t in stopped if t.id in shown.ids]
    cancelled = len(stopped)
    by_unit: dict[str, list[_Task]] = defaultdict(list)
    for t in tasks:
        by_unit[t.unit].append(t)
    total, done, progress, overdue = _counts(tasks)
    people = sum(items[0].holder == "person" for items in by_unit.values())
    # Those given tasks, counted as the reminder counts them: "25 cơ quan, đơn vị và 1 cá nhân".
    units = len(by_unit) - people
    counted = [f"{count_text(units)} cơ quan, đơn vị"] if units else []
    if people:
        counted.append(f"{count_text(people)} cá nhân")

    scope = f"tính đến {format_date(today)}"
    if shown is not None:
        scope = f"theo danh sách nhiệm vụ đang theo dõi ({shown.label}), {scope}"
    if period is not None:
        span = f"{period.label} (từ {format_date(period.start)} đến {format_date(period.end)})"
        if period.label.startswith("từ "):  # two dates, not a quarter, half or year
            span = f"kỳ {period.label}"
        scope = (
            f"trong {span}: các nhiệm vụ giao, đến hạn hoặc hoàn thành trong kỳ và các nhiệm vụ "
            f"chưa hoàn thành {scope}"
        )
    body: list[Block] = [
        Para(
            "Văn phòng Ban Chỉ đạo tổng hợp tình hình thực hiện các nhiệm vụ Ban Chỉ đạo giao "
            "tại các cuộc họp, thông báo kết luận và giao trực tiếp cho các cơ quan, đơn vị"
            f"{', cá nhân' if people else ''}, {scope}, như sau:"
        ),
        Heading("Tình hình chung", level=1, label="I"),
    ]
    annex: list[Block] = []
    if not tasks:
        body.append(
            Para(
                "Danh sách nhiệm vụ đang theo dõi không có nhiệm vụ nào."
                if shown is not None
                else "Trong kỳ báo cáo, không có nhiệm vụ nào của các cơ quan, đơn vị."
                if period is not None
                else "Ban Chỉ đạo chưa giao nhiệm vụ nào cho các cơ quan, đơn vị."
            )
        )
    else:
        on_time = sum(t.on_time for t in tasks)
        items = [
            f"Tổng số nhiệm vụ: {count_text(total)}, giao cho {' và '.join(counted)};",
            f"Đã hoàn thành: {count_text(done)} (tỷ lệ {percent(done, total)})"
            + (
                f", trong đó đúng hạn {count_text(on_time)}, muộn {count_text(done - on_time)};"
                if done
                else ";"
            ),
            f"Đang thực hiện, trong hạn: {count_text(progress)};",
            f"Quá hạn chưa hoàn thành: {count_text(overdue)}.",
        ]
        if period is not None:
            # What happened in the period itself, beside where its tasks stand at its end.
            given = sum(period.holds(t.given) for t in tasks)
            due = sum(period.holds(t.deadline) for t in tasks)
            finished = [t for t in tasks if period.holds(t.completed_on)]
            late = sum(not t.on_time for t in finished)
            items.insert(
                1,
                f"Trong kỳ: giao mới {count_text(given)}, đến hạn {count_text(due)}, hoàn thành "
                f"{count_text(len(finished))} (muộn {count_text(late)});",
            )
        if cancelled:
            items[-1] = items[-1].rstrip(".") + ";"
            items.append(
                f"Nhiệm vụ đã dừng thực hiện, không tính vào tổng số: {count_text(cancelled)}."
            )
        body.append(Bullets(items))
        rows: list[tuple[object, ...]] = []
        for i, (unit, items_) in enumerate(by_unit.items(), 1):
            n, d, p, o = _counts(items_)
            rows.append((str(i), unit, *(count_text(x) for x in (n, d, p, o)), percent(d, n)))
        rows.append(
            (
                None,
                [Span("Tổng cộng", bold=True)],
                [Span(count_text(total), bold=True)],
                [Span(count_text(done), bold=True)],
                [Span(count_text(progress), bold=True)],
                [Span(count_text(overdue), bold=True)],
                [Span(percent(done, total), bold=True)],
            )
        )
        body.append(
            HeadedTable(
                [Heading("Tình hình thực hiện theo cơ quan, đơn vị", level=1, label="II")],
                DataTable(
                    [
                        Column("TT", 0.06, "center"),
                        # A person of no unit has a row of their own.
                        Column("Cơ quan, đơn vị, cá nhân" if people else "Cơ quan, đơn vị", 0.34),
                        Column("Tổng số", 0.09, "center"),
                        Column("Hoàn thành", 0.12, "center"),
                        Column("Đang thực hiện", 0.14, "center"),
                        Column("Quá hạn", 0.1, "center"),
                        Column("Tỷ lệ hoàn thành", 0.15, "center"),
                    ],
                    rows,  # type: ignore[arg-type]
                ),
            )
        )
        body.append(Para("Chi tiết từng nhiệm vụ tại Phụ lục kèm theo."))
        annex = _tasks_annex(ctx, by_unit, stopped)
    # No tasks (a report dated before the first was given): no section II to follow I.
    body.append(Heading("Kiến nghị", level=1, label="III" if tasks else "II"))
    body += tasks_proposal(by_unit)
    return Document(
        header=header_for(ctx),
        # The date on a line of its own: balanced lines would break inside "Ban Chỉ đạo giao".
        title=Title("Báo cáo", [_tasks_summary(db, None), _title_scope(period, today, shown)]),
        body=body,
        signatures=[committee_signature(db, ctx)],
        recipients=recipients_for(ctx),
        annex=annex,
        settings=page_for(ctx),
        keywords=["tasks"],
    )


def _title_scope(period: TaskPeriod | None, today: dt.date, shown: ListedTasks | None) -> str:
    """The title's second line: the period it reports on, as Decree 30 names it in the summary
    ("quý IV năm 2026"), and the day it counts on when the period is not over yet; or what
    the list it reports was narrowed by."""
    if shown is not None:  # of a period too: the list's period, then its narrowing
        scope = f"({shown.label}; tính đến {format_date(today)})"
        return scope if period is None else f"{period.label} {scope}"
    if period is None:
        return f"(tính đến {format_date(today)})"
    if today < period.end:
        return f"{period.label} (tính đến {format_date(today)})"
    return period.label


def _tasks_annex(
    ctx: BuildContext, by_unit: dict[str, list[_Task]], stopped: list[_Task]
) -> list[Block]:
    """Each unit's tasks, then those stopped by the date, apart as the body counts them (in no
    unit's total), each with its unit, and its stop where the result goes."""
    rows: list[tuple[object, ...]] = []
    groups: list[int] = []
    for i, (unit, items) in enumerate(by_unit.items(), 1):
        n, d, p, o = _counts(items)
        groups.append(len(rows))
        heading = (
            f"{unit}: {count_text(n)} nhiệm vụ; hoàn thành {count_text(d)} ({percent(d, n)}); "
            f"đang thực hiện {count_text(p)}; quá hạn {count_text(o)}"
        )
        rows.append(([Span(str(i), bold=True)], [Span(heading, bold=True)], None, None, None, None))
        for j, t in enumerate(items, 1):
            rows.append((f"{i}.{j}", t.content, t.source, t.deadline_text, t.status_text, t.result))
    if stopped:
        i = len(by_unit) + 1
        groups.append(len(rows))
        heading = (
            f"Nhiệm vụ đã dừng thực hiện, không tính vào tổng số: {count_text(len(stopped))} "
            "nhiệm vụ"
        )
        rows.append(([Span(str(i), bold=True)], [Span(heading, bold=True)], None, None, None, None))
        for j, t in enumerate(stopped, 1):
            rows.append(
                (
                    f"{i}.{j}",
                    f"{t.unit}: {t.content}",
                    t.source,
                    t.deadline_text,
                    t.status_text,
                    t.result,
                )
            )
    return [
        NewPage(landscape=True),
        Title(
            "Phụ lục",
            "Chi tiết tình hình thực hiện nhiệm vụ theo cơ quan, đơn vị",
            note=annex_note(ctx),
            space_before_pt=0,
        ),
        GroupedTable(
            [
                Column("TT", 0.05, "center"),
                Column("Nội dung nhiệm vụ", 0.30),
                Column("Nguồn giao", 0.17),
                Column("Thời hạn", 0.10, "center", unbroken=True),
                Column("Tình trạng", 0.12, "center"),
                Column("Kết quả thực hiện", 0.26),
            ],
            rows,  # type: ignore[arg-type]
            group_rows=tuple(groups),
            valign="top",
            font_size=12,
        ),
    ]
