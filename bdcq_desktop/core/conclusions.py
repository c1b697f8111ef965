"""The chair's conclusions (kết luận), typed as they are spoken, each with the tasks it assigns.

:func:`add_conclusion` is one call: the conclusion and all its tasks in one transaction, the
meeting's version bumped. The meeting's version read is no guard for it: a new conclusion
rewrites nothing read, and each check-in at the door bumps the meeting, so the secretary's
conclusion typed meanwhile is still saved; what it depends on is checked on the meeting as it
is now, its row locked (:func:`.meeting_rules.load_for_new_child`): two added at the same moment
are both saved, numbered one after the other. Each task has
its content, whom it is assigned to (a member and/or a unit: at least one), the focal unit
(đơn vị đầu mối, optional) and its deadline; it is assigned by the meeting's chair on the
meeting's day. A conclusion can be added once the meeting has started (adding one marks a
planned or convened meeting held, as attendance does), and not after the minutes are issued.

:func:`update_conclusion` rewrites one conclusion and its tasks (kept tasks by their ``id``,
new ones without, those left out removed) and :func:`remove_conclusion` takes one away with its
tasks. Both are checked against the conclusion's own version (what the user read; a conflict
names the conclusion, "Kết luận 2 “…”"), and both bump the meeting's version too: the
minutes are built from the conclusions, so minutes issued from an older reading are refused
(:func:`.minutes.finalise_issued`). Once the minutes are final (or the meeting cancelled) the
conclusions are closed, as everything else of the meeting; reopen the minutes to correct them.
A task that has been worked on (in progress, completed, stopped, or with a result reported) is
part of the record: it may be edited but never removed.

Once the conclusions notice (thông báo kết luận) has been issued, the conclusions it printed
are what the units received: adding, rewriting or removing one (or what it printed of a task:
its content, whom it is assigned to, the focal unit, the deadline, the order) is asked first
(:class:`.errors.IssuedNoticeWarning`, confirmed by ``confirm_after_notice=True``) and,
confirmed, marks the notice superseded in the same transaction (:mod:`.issued_changes`, as for
a convocation): it keeps its number and stored copy in the register, and the next issue gives
a corrected notice under a new number. An edit that changes nothing printed asks nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from . import validation as v
from .adhoc_tasks import extended_deadline, reported
from .attendance import mark_held_if_started
from .conclusion_tasks import MAX_TEXT, TaskInput, check_refs, clean_tasks, with_stored
from .conclusion_tasks import label as _label
from .conclusion_tasks import task_error as _bad
from .db import Database
from .errors import BcdError, IssuedNoticeWarning, NotFoundError
from .i18n import tr
from .issued_changes import in_force, supersede_after_change
from .locking import check_version, flush
from .locking import touch as touch_record
from .meeting_rules import fail as meeting_fail
from .meeting_rules import load_for_change, load_for_new_child, lock_meeting, not_found, touch
from .models import (
    Conclusion,
    Meeting,
    Task,
    TaskSource,
)
from .session_links import SessionLink, session_links
from .tasks import TASK_OPTIONS, TaskRow, rows_for

NOTICE = "conclusions"  # the register's kind of the conclusions notice


@dataclass(frozen=True)
class ConclusionRow:
    id: int
    order: int
    text: str
    tasks: tuple[TaskRow, ...]
    version: int
    sessions: tuple[SessionLink, ...] = ()  # working-group sessions serving the conclusion


@dataclass(frozen=True)
class ConclusionAdded:
    id: int
    task_ids: tuple[int, ...]
    meeting_version: int


@dataclass(frozen=True)
class ConclusionSaved:
    id: int
    task_ids: tuple[int, ...]  # in the order given
    version: int  # the conclusion's new version
    meeting_version: int


@dataclass(frozen=True)
class ConclusionEdit:
    """One conclusion as its edit form needs it: the tasks with their ids and references."""

    id: int
    meeting_id: int
    text: str
    tasks: tuple[TaskInput, ...]
    worked_on: frozenset[int]  # ids of the tasks that cannot be removed (see the module doc)
    version: int


def _supersede_notice(s: Session, m: Meeting, confirmed: bool) -> None:
    """Ask before the conclusions of a meeting whose notice is issued change, then mark the
    notice superseded in the caller's transaction (module doc)."""
    supersede_after_change(
        in_force(s, "meeting", m.id, (NOTICE,)),
        tr("kết luận, nhiệm vụ được giao"),
        confirmed=confirmed,
        warning=IssuedNoticeWarning,
    )


def _printed(text: str, tasks: Sequence[Task] | Sequence[TaskInput]) -> tuple[object, ...]:
    """What the notice prints of a conclusion: its text and its tasks in order."""
    return (
        text,
        tuple(
            (t.content, t.assignee_person_id, t.assignee_unit_id, t.focal_unit_id, t.deadline)
            for t in tasks
        ),
    )


def add_conclusion(
    db: Database,
    meeting_id: int,
    text: object,
    tasks: Sequence[TaskInput | Mapping[str, Any]] = (),
    *,
    expected_version: int | None,
    now: datetime | None = None,
    confirm_after_notice: bool = False,
) -> ConclusionAdded:
    """A conclusion and its tasks, in one transaction (see the module doc). ``expected_version``:
    the meeting's version read, accepted when stale (a check-in, another conclusion saved)."""
    body, cleaned = _clean_new(text, tasks)  # checked before the database is opened
    at = now or datetime.now().replace(microsecond=0)
    with db.session() as s:
        m = load_for_new_child(s, meeting_id, expected_version)
        c, created = _add_on_loaded(s, m, body, cleaned, at, confirm_after_notice)
        version = touch(s, m)
        return ConclusionAdded(c.id, tuple(t.id for t in created), version)


def _clean_new(
    text: object, tasks: Sequence[TaskInput | Mapping[str, Any]]
) -> tuple[str, list[TaskInput]]:
    body = v.text(text, "text", _label("text"), required=True, max_len=MAX_TEXT, multiline=True)
    cleaned = clean_tasks(tasks)
    for n, t in enumerate(cleaned, start=1):
        if t.id is not None:
            raise _bad(n, tr("kết luận mới chưa có nhiệm vụ mã {id}.").format(id=t.id), "id")
    assert body is not None
    return body, cleaned


def add_conclusion_on(
    s: Session,
    m: Meeting,
    text: object,
    tasks: Sequence[TaskInput | Mapping[str, Any]],
    *,
    at: datetime,
    confirm_after_notice: bool = False,
    uid: str | None = None,
    task_uids: Sequence[str | None] = (),
) -> tuple[Conclusion, list[Task]]:
    """:func:`add_conclusion`'s rules inside the caller's transaction (``m`` loaded for change;
    the caller bumps its version): a record brought back from the meeting room
    (:mod:`.room_merge`) adds the room's conclusions with it, under the room's ``uid`` and
    ``task_uids`` (the tasks', in order) so that a second import finds them."""
    body, cleaned = _clean_new(text, tasks)
    return _add_on_loaded(s, m, body, cleaned, at, confirm_after_notice, uid, task_uids)


def _add_on_loaded(
    s: Session,
    m: Meeting,
    body: str,
    cleaned: list[TaskInput],
    at: datetime,
    confirm_after_notice: bool,
    uid: str | None = None,
    task_uids: Sequence[str | None] = (),
) -> tuple[Conclusion, list[Task]]:
    if at < m.starts_at:
        raise BcdError(
            tr("Cuộc họp chưa bắt đầu ({start}): chưa ghi kết luận được.").format(
                start=f"{m.starts_at:%H:%M %d/%m/%Y}"
            )
        )
    day = m.starts_at.date()
    check_refs(s, cleaned, day)
    _supersede_notice(s, m, confirm_after_notice)
    position = s.scalar(
        select(func.coalesce(func.max(Conclusion.position), 0)).where(
            Conclusion.meeting_id == m.id
        )
    )
    c = Conclusion(meeting_id=m.id, position=int(position or 0) + 1, text=body)
    if uid is not None:
        c.uid = uid
    s.add(c)
    s.flush()
    uids = list(task_uids) + [None] * len(cleaned)
    created = []
    for n, t in enumerate(cleaned, start=1):
        task = _new_task(m, c, t, n, uids[n - 1])
        s.add(task)
        created.append(task)
    mark_held_if_started(m, at)
    return c, created


def _new_task(
    m: Meeting, c: Conclusion, t: TaskInput, position: int, uid: str | None = None
) -> Task:
    """A task of conclusion ``c``, assigned by the chair on the meeting's day (``uid``: the
    room's, for one brought back from the meeting room; else a new one)."""
    task = Task(
        content=t.content,
        source=TaskSource.CONCLUSION,
        conclusion_id=c.id,
        position=position,
        assigned_by_id=m.chair_id,
        assigned_on=m.starts_at.date(),
        assignee_person_id=t.assignee_person_id,
        assignee_unit_id=t.assignee_unit_id,
        focal_unit_id=t.focal_unit_id,
        deadline=t.deadline,
    )
    if uid is not None:
        task.uid = uid
    return task


def _short(content: str) -> str:
    """A task's content in one line of at most 80 characters, to name it in a message."""
    content = " ".join(content.split())
    return content if len(content) <= 80 else content[:79] + "…"


def carry_to_tasks(s: Session, m: Meeting, old_day: date, old_chair: int | None) -> None:
    """The meeting's new day or chair (``m`` already changed) carried to its conclusions'
    tasks, inside the caller's transaction: as :func:`_new_task` assigns them, a task assigned
    on the old day gets the new day, one assigned by the old chair the new chair (a task whose
    assignment was recorded otherwise keeps it). Refused, naming the meeting's start and the
    task, when a task's deadline or completion date would fall before its new assigned date."""
    day = m.starts_at.date()
    if day == old_day and m.chair_id == old_chair:
        return
    with s.no_autoflush:  # the meeting's change is flushed by the caller, conflicts said there
        tasks = s.scalars(
            select(Task)
            .join(Conclusion, Task.conclusion_id == Conclusion.id)
            .where(Conclusion.meeting_id == m.id, Task.source == TaskSource.CONCLUSION)
            .order_by(Conclusion.position, Task.position)
        ).all()
    for t in tasks:
        if t.assigned_on == old_day and day != old_day:
            for when, what in (
                (t.deadline, tr("có thời hạn")),
                (t.completed_on, tr("đã hoàn thành ngày")),
            ):
                if when is not None and when < day:
                    raise meeting_fail(
                        "starts_at",
                        '"{label}": nhiệm vụ “{content}” {what} {when}, sớm hơn ngày họp mới '
                        "({day}), ngày giao nhiệm vụ. Hãy sửa nhiệm vụ trước.",
                        content=_short(t.content),
                        what=what,
                        when=f"{when:%d/%m/%Y}",
                        day=f"{day:%d/%m/%Y}",
                    )
            t.assigned_on = day
        if t.assigned_by_id == old_chair and m.chair_id != old_chair:
            t.assigned_by_id = m.chair_id


def worked_on(t: Task) -> bool:
    """A task with something recorded against it (see the module doc)."""
    return reported(t)


def _kind() -> str:
    return tr("Kết luận")


def _named(s: Session, c: Conclusion) -> str:
    """"Kết luận 2 “Giao các sở…”": the conclusion as the lists number it, with its first
    words, so that a conflict says which one changed."""
    order = s.scalars(
        select(Conclusion.id)
        .where(Conclusion.meeting_id == c.meeting_id)
        .order_by(Conclusion.position, Conclusion.id)
    ).all()
    n = order.index(c.id) + 1 if c.id in order else c.position
    return tr("Kết luận {n} “{text}”").format(n=n, text=_short(c.text))


def _load_conclusion(
    s: Session, conclusion_id: int, expected_version: int | None, *, change: bool = True
) -> Conclusion:
    """The conclusion, to ``change`` at the version read (its own: a check-in or another
    conclusion saved meanwhile is no conflict). For a change the meeting's row is locked
    first, so that the meeting's bump that follows cannot fail on a check-in saved meanwhile."""
    key = v.record_id(conclusion_id, "conclusion_id", tr("Mã kết luận"))
    if change:
        lock_meeting(s, s.scalar(select(Conclusion.meeting_id).where(Conclusion.id == key)))
    c = s.get(Conclusion, key, options=[selectinload(Conclusion.tasks)])
    if c is None:
        raise NotFoundError(tr("Không tìm thấy kết luận có mã {id}.").format(id=conclusion_id))
    check_version(c, expected_version, _named(s, c))
    return c


def refuse_removing(tasks: Sequence[Task]) -> None:
    for t in tasks:
        if worked_on(t):
            raise BcdError(
                tr(
                    "Nhiệm vụ “{content}” đã được thực hiện (đang thực hiện, hoàn thành, dừng "
                    "hoặc đã báo cáo kết quả): không bỏ được."
                ).format(content=_short(t.content))
            )


def get_conclusion(db: Database, conclusion_id: int) -> ConclusionEdit:
    """One conclusion with its tasks, for the edit form."""
    with db.session() as s:
        c = _load_conclusion(s, conclusion_id, None, change=False)
        tasks = sorted(c.tasks, key=lambda t: (t.position, t.id))
        return ConclusionEdit(
            id=c.id,
            meeting_id=c.meeting_id,
            text=c.text,
            tasks=tuple(
                TaskInput(
                    t.content,
                    t.assignee_person_id,
                    t.assignee_unit_id,
                    t.focal_unit_id,
                    t.deadline,
                    t.id,
                )
                for t in tasks
            ),
            worked_on=frozenset(t.id for t in tasks if worked_on(t)),
            version=c.version,
        )


def update_conclusion(
    db: Database,
    conclusion_id: int,
    text: object,
    tasks: Sequence[TaskInput | Mapping[str, Any]] = (),
    *,
    expected_version: int | None,
    confirm_after_notice: bool = False,
) -> ConclusionSaved:
    """Rewrite a conclusion and its tasks in one transaction (see the module doc): a task with
    an ``id`` is that task of the conclusion, edited (its progress kept; given as a mapping,
    the fields it leaves out are kept, :func:`.conclusion_tasks.with_stored`); one without is
    new; one of the conclusion's tasks left out is removed, unless it has been worked on."""
    with db.session() as s:
        c = _load_conclusion(s, conclusion_id, expected_version)
        m = load_for_change(s, c.meeting_id, None)
        saved = update_conclusion_on(
            s, m, c, text, tasks, confirm_after_notice=confirm_after_notice
        )
        meeting_version = touch(s, m)
        return ConclusionSaved(c.id, tuple(t.id for t in saved), c.version, meeting_version)


def update_conclusion_on(
    s: Session,
    m: Meeting,
    c: Conclusion,
    text: object,
    tasks: Sequence[TaskInput | Mapping[str, Any]],
    *,
    confirm_after_notice: bool = False,
    task_uids: Sequence[str | None] = (),
) -> list[Task]:
    """:func:`update_conclusion`'s rules inside the caller's transaction (``m``: the
    conclusion's meeting, loaded for change; the caller bumps its version); ``task_uids``: the
    uid of each task given (in order) that is new, as :func:`add_conclusion_on` takes them."""
    body = v.text(text, "text", _label("text"), required=True, max_len=MAX_TEXT, multiline=True)
    existing = {t.id: t for t in c.tasks}
    # A task a script gives by its id keeps what it does not restate (conclusion_tasks).
    cleaned = clean_tasks(with_stored(tasks, existing))
    check_refs(s, cleaned, m.starts_at.date())
    for n, t in enumerate(cleaned, start=1):
        if t.id is not None and t.id not in existing:
            raise _bad(n, tr("kết luận này không có nhiệm vụ mã {id}.").format(id=t.id), "id")
    kept = {t.id for t in cleaned}
    gone = [t for t in c.tasks if t.id not in kept]
    refuse_removing(gone)
    before = sorted(c.tasks, key=lambda t: (t.position, t.id))
    if _printed(c.text, before) != _printed(body, cleaned):
        _supersede_notice(s, m, confirm_after_notice)
    for t in gone:
        c.tasks.remove(t)
        s.delete(t)
    flush(s, _kind())  # the removed tasks' positions are free before the others move
    # Positions are unique per conclusion: the tasks that move go out of the way first.
    moving = [
        (existing[t.id], n)
        for n, t in enumerate(cleaned, start=1)
        if t.id is not None and existing[t.id].position != n
    ]
    for task, n in moving:
        task.position = -n
    flush(s, _kind())
    uids = list(task_uids) + [None] * len(cleaned)
    saved = []
    for n, t in enumerate(cleaned, start=1):
        task = existing[t.id] if t.id is not None else None
        if task is None:
            task = _new_task(m, c, t, n, uids[n - 1])
            s.add(task)
        else:
            task.position = n
            task.content = t.content
            task.assignee_person_id = t.assignee_person_id
            task.assignee_unit_id = t.assignee_unit_id
            task.focal_unit_id = t.focal_unit_id
            if task.extended_to is not None and t.deadline != task.deadline:
                raise extended_deadline(task, _label("deadline"))
            task.deadline = t.deadline
        saved.append(task)
    c.text = body
    touch_record(c)  # its tasks changed even when its own text did not
    flush(s, _kind())
    return saved


def remove_conclusion(
    db: Database,
    conclusion_id: int,
    *,
    expected_version: int | None,
    confirm_after_notice: bool = False,
) -> int:
    """Take a conclusion away with its tasks (refused once the minutes are final, or when a
    task has been worked on); returns the meeting's new version."""
    with db.session() as s:
        c = _load_conclusion(s, conclusion_id, expected_version)
        m = load_for_change(s, c.meeting_id, None)
        remove_conclusion_on(s, m, c, confirm_after_notice=confirm_after_notice)
        return touch(s, m)


def remove_conclusion_on(
    s: Session, m: Meeting, c: Conclusion, *, confirm_after_notice: bool = False
) -> None:
    """:func:`remove_conclusion`'s rules inside the caller's transaction (the caller bumps the
    meeting's version)."""
    refuse_removing(c.tasks)
    _supersede_notice(s, m, confirm_after_notice)
    for t in list(c.tasks):
        s.delete(t)
    s.delete(c)
    flush(s, _kind())


def conclusion_rows(s: Session, meeting_id: int, today: date) -> tuple[ConclusionRow, ...]:
    """The conclusions of a meeting with their tasks (inside a session)."""
    found = s.scalars(
        select(Conclusion)
        .where(Conclusion.meeting_id == meeting_id)
        .options(selectinload(Conclusion.tasks).options(*TASK_OPTIONS))
        .order_by(Conclusion.position, Conclusion.id)
    ).all()
    links = session_links(s, meeting_id=meeting_id)
    return tuple(
        ConclusionRow(
            c.id, n, c.text, rows_for(c.tasks, today, links), c.version, links.of_conclusion(c.id)
        )
        for n, c in enumerate(found, start=1)
    )


def list_conclusions(
    db: Database, meeting_id: int, *, today: date | None = None
) -> tuple[ConclusionRow, ...]:
    with db.session() as s:
        if s.get(Meeting, meeting_id) is None:
            raise not_found(meeting_id)
        return conclusion_rows(s, meeting_id, today or date.today())
