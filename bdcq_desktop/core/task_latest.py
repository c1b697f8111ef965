"""One rule for every dated act on a task: not before the latest act already in its history.

A task's history is read by its days (:mod:`.tasks_on`, :mod:`.task_events`): who had it on a
day, the deadline in force, whether it was stopped. An act dated before one already recorded
rewrites that past under it: a transfer dated before an extension makes the extension appear
granted to the receiving unit; a completion dated before a transfer credits the wrong unit; a
second transfer dated before the first says "from" a unit that did not have it yet. So each
act (transfer, a unit's whole transfer, completion, stop, resumption, extension, progress) is
refused when dated before the latest act of either kind: those of :mod:`.task_actions` and the
transfers, read from the change log. The same day is allowed (two acts of one day keep their
recorded order).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import NamedTuple

import sqlalchemy as sa

from .enums import TaskEventKind
from .errors import ValidationError
from .i18n import tr
from .models import Task
from .task_events import read_acts
from .tasks_on import LOG_ON, _transfer_rows
from .text import short_date

# The act named in the refusal, as the officer finds it in the task's history.
_WORDS = {
    TaskEventKind.EXTENSION: "gia hạn",
    TaskEventKind.PROGRESS: "báo cáo tiến độ",
    TaskEventKind.STOP: "dừng thực hiện",
    TaskEventKind.RESUME: "thực hiện tiếp",
}
_TRANSFER = "chuyển giao"
_COMPLETION = "hoàn thành"


class LatestAct(NamedTuple):
    day: date
    words: str  # the act, in words (untranslated: tr() at use)


class Recorded(NamedTuple):
    at: datetime  # when it was recorded (the office's local time)
    act: LatestAct


class OutOfOrder(NamedTuple):
    """An act dated before one recorded earlier on the same task (:func:`out_of_order`)."""

    task_id: int
    earlier: LatestAct  # recorded first, dated later
    later: LatestAct  # recorded after it, dated before it


def _recorded(conn: sa.Connection, ids: Iterable[int] | None) -> dict[int, list[Recorded]]:
    """Each task's dated acts (of :mod:`.task_actions` and transfers) in recorded order."""
    out: dict[int, list[Recorded]] = {}
    for tid, events in read_acts(conn, ids).events.items():
        for e in events:
            # Events are stamped in UTC, the log in local time: one clock to order them by.
            at = datetime.min
            if e.recorded_at is not None:
                at = e.recorded_at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
            out.setdefault(tid, []).append(Recorded(at, LatestAct(e.day, _WORDS[e.kind])))
    for _row, tid, text, at in _transfer_rows(conn, ids, stamped=True):
        moved = (json.loads(text) if text else {}).get(LOG_ON)
        if isinstance(moved, list) and len(moved) == 2 and moved[1]:
            day = date.fromisoformat(str(moved[1])[:10])
            out.setdefault(tid, []).append(Recorded(_stamp(at), LatestAct(day, _TRANSFER)))
    for acts in out.values():
        acts.sort(key=lambda r: r.at)  # stable: one source's rows keep their order
    return out


def _stamp(at: object) -> datetime:
    if isinstance(at, datetime):
        return at
    return datetime.fromisoformat(str(at)) if at else datetime.min


def latest_acts(conn: sa.Connection, ids: Iterable[int]) -> dict[int, LatestAct]:
    """Each task's latest dated act (an act of :mod:`.task_actions` or a transfer); a task
    with none is not in the result. Two statements whatever the number of tasks."""
    out: dict[int, LatestAct] = {}
    for tid, acts in _recorded(conn, list(ids)).items():
        for r in acts:
            if tid not in out or r.act.day > out[tid].day:
                out[tid] = r.act
    return out


def out_of_order(conn: sa.Connection) -> list[OutOfOrder]:
    """The tasks whose history breaks the rule of :func:`not_before_latest`, as databases made
    before it may hold: the first act (or the completion, recorded last) dated before the
    latest act recorded ahead of it, one per task. ``bdcq check`` reports them."""
    done = dict(
        conn.execute(
            sa.select(Task.id, Task.completed_on).where(Task.completed_on.is_not(None))
        ).all()
    )
    found: list[OutOfOrder] = []
    for tid, acts in sorted(_recorded(conn, None).items()):
        seq = [r.act for r in acts]
        if tid in done:
            seq.append(LatestAct(done[tid], _COMPLETION))
        latest: LatestAct | None = None
        for act in seq:
            if latest is not None and act.day < latest.day:
                found.append(OutOfOrder(tid, latest, act))
                break
            if latest is None or act.day >= latest.day:
                latest = act
    return found


def not_before_latest(
    conn: sa.Connection,
    ids: Iterable[int],
    day: date,
    field: str,
    label: str,
    *,
    name_task: bool = False,
) -> None:
    """Refuse ``day`` (the field ``field``, labelled ``label``) when it is before the latest
    act of any task of ``ids``; ``name_task`` says which task (an act on many at once)."""
    latest = latest_acts(conn, ids)
    for tid in sorted(latest):
        act = latest[tid]
        if day < act.day:
            which = tr(" của nhiệm vụ {id}").format(id=tid) if name_task else ""
            raise ValidationError(
                field,
                tr(
                    '"{label}" ({day}) không được sớm hơn ngày diễn biến gần nhất{which} '
                    "({bound}: {act})."
                ).format(
                    label=label,
                    day=short_date(day),
                    which=which,
                    bound=short_date(act.day),
                    act=tr(act.words),
                ),
                label=label,
            )
