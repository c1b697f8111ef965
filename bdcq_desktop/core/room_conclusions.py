"""The chair's conclusions and their tasks in a record brought back from the meeting room
(:mod:`.room_merge`): the ones the room added, rewrote or removed.

Which office row a conclusion (or task) of the file is: the one with its ``uid`` (a row made
since 0019 keeps its uid on every copy, and one the room made is given the room's uid when it
is imported, so a second import, or a later file from the same copy, finds it instead of
adding it twice); else, for a row made before 0019, the one with its id when that row was on
the copy (not made since the fork, :mod:`.room_fork`); else, for one a laptop on an older
version made without a uid, the one an earlier import of the room's record made of the same
meeting (or conclusion) with the same text, case, spacing and Unicode form aside, so that it
is not added twice. A conclusion of the file matching none was made in the room; one of the
office's that the room had (on the copy, or made by an earlier import of the room's record)
and is not in the file was removed in the room. A version 1 file carries no conclusions: it
touches none.

A place the room changed is a conflict when the office changed it since the copy too,
differently; a removal when the office changed the row at all. A removal the core refuses (a
task worked on at the office, :func:`.conclusions.refuse_removing`) is said and skipped. One
the office deleted since the copy (found by its uid, or by its id for a row on the copy, in
the change log's deletions) while the room still has it is a conflict whose default is the
office's: it stays deleted, and the same file imported again changes nothing, unless the
officer chooses the room's, which makes it again (its tasks and uids with it).
Applying goes through the core's own calls (:func:`.conclusions.add_conclusion_on`,
:func:`~.conclusions.update_conclusion_on`, :func:`~.conclusions.remove_conclusion_on`): the
same checks as ``meetings conclusion-add/edit/remove``, in the import's transaction.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from .conclusions import (
    add_conclusion_on,
    refuse_removing,
    remove_conclusion_on,
    update_conclusion_on,
    worked_on,
)
from .errors import BcdError
from .i18n import tr
from .models import Conclusion, Meeting, Person, Task, Unit
from .room_fork import OFFICE, Fork, RoomChange, deleted_here, plain
from .room_record import RoomConclusion, RoomRecord, RoomTask
from .text import clean

_TASK_FIELDS = ("content", "assignee_person_id", "assignee_unit_id", "focal_unit_id", "deadline")


@dataclass
class _Edit:
    c: Conclusion
    rc: RoomConclusion
    text_key: str | None = None  # the room rewrote the text
    tasks: dict[int, tuple[RoomTask, str]] = field(default_factory=dict)  # office id → room's
    removed: dict[int, str] = field(default_factory=dict)  # office task id → key
    added: list[tuple[RoomTask, str]] = field(default_factory=list)
    # The room's tasks in its order, each with the office task it is (None: added, or deleted
    # at the office).
    order: list[tuple[RoomTask, int | None]] = field(default_factory=list)
    order_key: str | None = None  # the room reordered the tasks both sides have


@dataclass
class ConclusionPlan:
    adds: list[tuple[RoomConclusion, str]] = field(default_factory=list)
    edits: list[_Edit] = field(default_factory=list)
    removals: list[tuple[Conclusion, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.adds or self.edits or self.removals)


def fork_ids(m: Meeting, record: RoomRecord) -> dict[str, list[int]]:
    """The conclusion and task rows whose change-log history the plan reads."""
    room = record.conclusions or ()
    return {
        "conclusion": [c.id for c in m.conclusions] + [c.id for c in room],
        "task": [t.id for c in m.conclusions for t in c.tasks]
        + [t.id for c in room for t in c.tasks],
    }


def _short(text: str, n: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= n else line[: n - 1] + "…"


def _names(s: Session) -> Callable[[str, int | None], str]:
    def name(kind: str, key: int | None) -> str:
        if key is None:
            return ""
        row = s.get(Person if kind == "person" else Unit, key)
        return getattr(row, "full_name", None) or getattr(row, "name", None) or f"#{key}"

    return name


def _task_text(s: Session, values: tuple[Any, ...]) -> str:
    """A task as the preview says it: its content, whom it is assigned to, its deadline."""
    content, person, unit, focal, deadline = values
    name = _names(s)
    who = ", ".join(x for x in (name("person", person), name("unit", unit)) if x)
    parts = [_short(content, 120), who]
    if focal:
        parts.append(tr("đầu mối: {unit}").format(unit=name("unit", focal)))
    if deadline:
        day = date.fromisoformat(str(deadline))
        parts.append(tr("hạn {day}").format(day=f"{day:%d/%m/%Y}"))
    return "; ".join(p for p in parts if p)


def _task_of(conclusion: str, content: str | None = None) -> str:
    """A task's place in the preview: the conclusion it belongs to (a task alone, "Trình
    phương án kinh phí", says not under which of several conclusions it goes)."""
    where = tr("Thuộc kết luận: {c}").format(c=_short(conclusion, 70))
    return f"{_short(content, 60)} ({where})" if content else where


def _office_task(t: Task) -> tuple[Any, ...]:
    return tuple(plain(getattr(t, f)) for f in _TASK_FIELDS)


def _room_task(rt: RoomTask) -> tuple[Any, ...]:
    return tuple(plain(v) for v in rt.fields)


def _norm(text: str | None) -> str:
    """A conclusion's text or a task's content as it is compared to find a row made without
    a uid again: case, spacing and Unicode form aside."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def _said(row: Any) -> str:
    return _norm(row.text if isinstance(row, Conclusion | RoomConclusion) else row.content)


def _match(
    rows: list[Any],
    room: RoomConclusion | RoomTask,
    fork: Fork,
    table: str,
    scope: dict[str, int],
    taken: set[int],
) -> tuple[Any | None, int | None]:
    """The office row of ``room`` among ``rows`` (see the module doc), none of ``taken`` (the
    rows matched already); else the id of the office's row it is that the office deleted since
    the copy (None: made in the room). ``scope``: what a deleted row of ``table`` belonged to
    (its meeting, its conclusion)."""
    for row in rows:
        if room.uid and row.uid == room.uid:
            return row, None
    for row in rows:
        if row.id == room.id and fork.shared(table, row.id) and row.uid in (None, room.uid):
            return row, None
    if not room.uid:
        # Made in the room by a laptop on an older version (no uid): the one an earlier import
        # of the room's record made with the same text, if any.
        text = _said(room)
        for row in rows:
            if row.id not in taken and (table, row.id) in fork.imported and _said(row) == text:
                return row, None
    said = "text" if table == "conclusion" else "content"
    for (kind, row_id), was in fork.removed.items():
        if kind != table or any(was.get(k) != v for k, v in scope.items()):
            continue
        if (
            (room.uid and was.get("uid") == room.uid)
            or (row_id == room.id and fork.shared(table, row_id)
                and was.get("uid") in (None, room.uid))
            or (not room.uid and (table, row_id) in fork.imported
                and _norm(was.get(said)) == _said(room))
        ):  # fmt: skip
            return None, row_id
    return None, None


def _rooms(fork: Fork, table: str, row_id: int) -> bool:
    """Whether the room had that office row: it was on the copy, or an earlier import of the
    room's record made it (one the room's file no longer has, the room removed)."""
    return fork.shared(table, row_id) or (table, row_id) in fork.imported


def plan_conclusions(s: Session, m: Meeting, record: RoomRecord, fork: Fork) -> tuple[
    ConclusionPlan, list[RoomChange]
]:  # fmt: skip
    """What the room's conclusions change at the office, and the preview's rows."""
    plan, changes = ConclusionPlan(), []
    if record.conclusions is None:
        return plan, changes
    office = list(m.conclusions)
    matched: set[int] = set()
    for n, rc in enumerate(record.conclusions, start=1):
        c, gone = _match(office, rc, fork, "conclusion", {"meeting_id": m.id}, matched)
        if c is None:
            if gone is not None:
                # The office deleted it after the copy; the room still has it. The deletion
                # stands unless the officer chooses the room's: then it is made again, tasks
                # and uid with it.
                key = f"conclusion:{gone}"
                plan.adds.append((rc, key))
                changes.append(RoomChange(key, "conclusion", _short(rc.text), deleted_here(),
                                          rc.text, True, default=OFFICE))  # fmt: skip
                continue
            key = f"conclusion:new:{(rc.uid or str(rc.id))[:8]}"
            plan.adds.append((rc, key))
            # Its text is the room's column; the place names it by its order, not a second copy.
            what = tr("Kết luận mới (thứ {n})").format(n=n)
            changes.append(RoomChange(key, "conclusion", what, "", rc.text))
            for rt in rc.tasks:
                changes.append(RoomChange(f"task:new:{(rt.uid or str(rt.id))[:8]}", "task",
                    _task_of(rc.text), "", _task_text(s, _room_task(rt))))  # fmt: skip
            continue
        matched.add(c.id)
        edit = _plan_edit(s, c, rc, fork, changes)
        if edit.text_key or edit.tasks or edit.removed or edit.added or edit.order_key:
            plan.edits.append(edit)
    for c in office:
        if c.id in matched or not _rooms(fork, "conclusion", c.id):
            continue  # in the file, or made at the office since the copy
        key = f"conclusion:{c.id}"
        try:
            refuse_removing(c.tasks)
        except BcdError as exc:
            changes.append(RoomChange(key, "conclusion", _short(c.text), c.text, tr("Xóa"),
                                      skipped=exc.message))  # fmt: skip
            continue
        rows = [("conclusion", c.id)] + [("task", t.id) for t in c.tasks]
        conflict = any(r in fork.by_office for r in rows)
        plan.removals.append((c, key))
        changes.append(RoomChange(key, "conclusion", _short(c.text), c.text, tr("Xóa"), conflict))
    return plan, changes


def _plan_edit(
    s: Session, c: Conclusion, rc: RoomConclusion, fork: Fork, changes: list[RoomChange]
) -> _Edit:
    edit = _Edit(c, rc)
    [base] = fork.since_made("conclusion", c.id, ("text",), (c.text,))
    # As the conclusion's own call would save it (an older laptop's text kept trailing spaces).
    if clean(rc.text, multiline=True) not in (c.text, base):
        edit.text_key = f"conclusion:{c.id}"
        changes.append(RoomChange(edit.text_key, "conclusion", _short(c.text), c.text, rc.text,
                                  c.text != base))  # fmt: skip
    office = list(c.tasks)
    matched: set[int] = set()
    for rt in rc.tasks:
        t, gone = _match(office, rt, fork, "task", {"conclusion_id": c.id}, matched)
        edit.order.append((rt, t.id if t is not None else None))
        room = _room_task(rt)
        if t is None:
            if gone is not None:  # deleted at the office: as a conclusion is (above)
                key = f"task:{gone}"
                edit.added.append((rt, key))
                changes.append(RoomChange(key, "task", _task_of(c.text, rt.content),
                    deleted_here(), _task_text(s, room), True, default=OFFICE))  # fmt: skip
                continue
            key = f"task:new:{(rt.uid or str(rt.id))[:8]}"
            edit.added.append((rt, key))
            changes.append(RoomChange(key, "task", _task_of(c.text), "", _task_text(s, room)))
            continue
        matched.add(t.id)
        now = _office_task(t)
        was = fork.since_made("task", t.id, _TASK_FIELDS, now)
        if room in (now, was):
            continue
        key = f"task:{t.id}"
        edit.tasks[t.id] = (rt, key)
        changes.append(RoomChange(key, "task", _task_of(c.text, t.content), _task_text(s, now),
                                  _task_text(s, room), now != was))  # fmt: skip
    for t in office:
        if t.id in matched or not _rooms(fork, "task", t.id):
            continue
        key = f"task:{t.id}"
        what, before = _task_of(c.text, t.content), _task_text(s, _office_task(t))
        if worked_on(t):
            try:
                refuse_removing([t])
            except BcdError as exc:
                changes.append(RoomChange(key, "task", what, before, tr("Xóa"),
                                          skipped=exc.message))  # fmt: skip
            continue
        edit.removed[t.id] = key
        changes.append(RoomChange(key, "task", what, before, tr("Xóa"),
                                  ("task", t.id) in fork.by_office))  # fmt: skip
    _plan_order(edit, fork, changes)
    return edit


def _listed(contents: list[str]) -> str:
    return "; ".join(f"{n}. {_short(text, 60)}" for n, text in enumerate(contents, start=1))


def _plan_order(edit: _Edit, fork: Fork, changes: list[RoomChange]) -> None:
    """The order of the tasks both sides have: the room's when it reordered them (against
    their order before the office's own first change of it), a conflict when the office
    reordered them too, differently. Tasks added or removed on either side do not count."""
    tasks = {t.id: t for t in edit.c.tasks}
    room = [task_id for _rt, task_id in edit.order if task_id in tasks]
    office = [t.id for t in sorted(tasks.values(), key=lambda t: (t.position, t.id))
              if t.id in room]  # fmt: skip
    before = {i: fork.since_made("task", i, ("position",), (tasks[i].position,))[0] for i in room}
    was = sorted(room, key=lambda i: (before[i], i))
    if room in (office, was):
        return  # the same order, or the room left it as it was (the office's stays)
    contents = {task_id: rt.content for rt, task_id in edit.order if task_id is not None}
    edit.order_key = f"task_order:{edit.c.id}"
    changes.append(RoomChange(edit.order_key, "task_order", _task_of(edit.c.text),
        _listed([tasks[i].content for i in office]), _listed([contents[i] for i in room]),
        office != was))  # fmt: skip


def _task_input(rt: RoomTask, task_id: int | None = None) -> dict[str, Any]:
    values = dict(zip(_TASK_FIELDS, rt.fields, strict=True))
    return {**values, "id": task_id} if task_id is not None else values


def apply_conclusions(
    s: Session,
    m: Meeting,
    plan: ConclusionPlan,
    wins: Callable[[str], bool],
    at: datetime,
    confirm_after_notice: bool,
) -> int:
    """Apply ``plan`` in the caller's transaction (``wins(key)``: the room's side of that
    place is taken); returns how many places changed. The caller bumps the meeting's version."""
    applied = 0
    for c, key in plan.removals:
        if wins(key):
            remove_conclusion_on(s, m, c, confirm_after_notice=confirm_after_notice)
            applied += 1
    for edit in plan.edits:
        applied += _apply_edit(s, m, edit, wins, confirm_after_notice)
    for rc, key in plan.adds:
        if not wins(key):
            continue  # deleted at the office since the copy, and left so
        tasks = [_task_input(rt) for rt in rc.tasks]
        add_conclusion_on(s, m, rc.text, tasks, at=at, confirm_after_notice=confirm_after_notice,
                          uid=rc.uid, task_uids=[rt.uid for rt in rc.tasks])  # fmt: skip
        applied += 1 + len(tasks)
    return applied


def _apply_edit(
    s: Session, m: Meeting, edit: _Edit, wins: Callable[[str], bool], confirm: bool
) -> int:
    """One conclusion rewritten with what the room changed of it (as chosen): its text, its
    tasks, in the room's order when the room's is taken, else in the office's (a task the room
    added after the one it follows in the room's)."""
    c, rc = edit.c, edit.rc
    applied = 0
    text = c.text
    if edit.text_key and wins(edit.text_key):
        text, applied = rc.text, 1
    added = {id(rt) for rt, key in edit.added if wins(key)}
    # The room's list: the office's tasks it has (by id) and the ones it added, in its order.
    room: list[int | RoomTask] = [rt if id(rt) in added else task_id
                                  for rt, task_id in edit.order
                                  if id(rt) in added or task_id is not None]  # fmt: skip
    office = [t.id for t in sorted(c.tasks, key=lambda t: (t.position, t.id))]
    if edit.order_key and wins(edit.order_key):
        applied += 1
        order = room + [i for i in office if i not in room]  # the office's own new ones last
    else:
        after: dict[int | None, list[RoomTask]] = {}
        last: int | None = None
        for entry in room:
            if isinstance(entry, RoomTask):
                after.setdefault(last, []).append(entry)
            else:
                last = entry
        order = [*after.get(None, [])]
        for task_id in office:
            order += [task_id, *after.get(task_id, [])]
    given: list[Mapping[str, Any]] = []
    uids: list[str | None] = []
    for entry in order:
        if isinstance(entry, RoomTask):
            given.append(_task_input(entry))
            uids.append(entry.uid)
            applied += 1
            continue
        key = edit.removed.get(entry)
        if key is not None and wins(key):
            applied += 1
            continue  # left out: removed by the core's rules
        change = edit.tasks.get(entry)
        if change is not None and wins(change[1]):
            given.append(_task_input(change[0], entry))
            applied += 1
        else:
            given.append({"id": entry})
        uids.append(None)
    if applied:
        update_conclusion_on(s, m, c, text, given, confirm_after_notice=confirm, task_uids=uids)
    return applied
