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
from datetime import date
from typing import NamedTuple

import sqlalchemy as sa

from .enums import TaskEventKind
from .errors import ValidationError
from .i18n import tr
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


class LatestAct(NamedTuple):
    day: date
    words: str  # the act, in words (untranslated: tr() at use)


def latest_acts(conn: sa.Connection, ids: Iterable[int]) -> dict[int, LatestAct]:
    """Each task's latest dated act (an act of :mod:`.task_actions` or a transfer); a task
    with none is not in the result. Two statements whatever the number of tasks."""
    ids = list(ids)
    out: dict[int, LatestAct] = {}

    def keep(tid: int, act: LatestAct) -> None:
        if tid not in out or act.day > out[tid].day:
            out[tid] = act

    for tid, events in read_acts(conn, ids).events.items():
        for e in events:
            keep(tid, LatestAct(e.day, _WORDS[e.kind]))
    for _row, tid, text in _transfer_rows(conn, ids):
        moved = (json.loads(text) if text else {}).get(LOG_ON)
        if isinstance(moved, list) and len(moved) == 2 and moved[1]:
            keep(tid, LatestAct(date.fromisoformat(str(moved[1])[:10]), _TRANSFER))
    return out


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
