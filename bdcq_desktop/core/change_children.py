"""A parent's history with its children's lines, those of children since removed included.

A meeting's history shows its agenda items and invitees, a working-group session its
participants and outputs, a reporting round its units' reports, a task its extensions,
progress notes and stops (:data:`CHILDREN`). The
children of today are read from their table. A child taken away is no longer there, but its
log lines name its parent: its insert line holds the parent's key (``"meeting_id": [null,
13]``) and its delete line too (``"meeting_id": [13, null]``: a delete line lists every value
the row had, see :mod:`.audit`). Those two lines are searched for, by the parent's key, among
the child table's lines (the log's index narrows to the table; a text match then picks the
parent's, each checked by reading its JSON).

A record's number can be used again on SQLite (a new row takes the highest number plus one):
an invitee added, removed, and another added after it may share one number. So a number's
lines are cut into the lives of its records, each starting at an insert line and ending at a
delete line, and a parent shows only the lives that were its children.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .change_names import logged_values
from .models import Base, ChangeAction, ChangeLog

_CHUNK = 500  # ids per IN (...)

# parent table → (child table, the child's column holding the parent's key)
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "meeting": (("agenda_item", "meeting_id"), ("invitee", "meeting_id")),
    "working_session": (("session_participant", "session_id"), ("session_output", "session_id")),
    "reporting_round": (("submission", "round_id"),),
    "task": (("task_event", "task_id"),),  # its extensions, progress notes, stops
}

Segment = list[ChangeLog]  # one record's lines, oldest first


def lines_of(s: Session, keys: Iterable[tuple[str, int]]) -> list[ChangeLog]:
    """Every log line of the ``(table, id)`` records: one query per table (by the index)."""
    by_table: dict[str, set[int]] = {}
    for table, record_id in keys:
        by_table.setdefault(table, set()).add(record_id)
    out: list[ChangeLog] = []
    for table, ids in by_table.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), _CHUNK):
            out += s.scalars(
                select(ChangeLog).where(
                    ChangeLog.table_name == table,
                    ChangeLog.record_id.in_(ordered[start : start + _CHUNK]),
                )
            )
    return out


def _lives(lines: Sequence[ChangeLog]) -> list[Segment]:
    """One number's lines (oldest first) cut into its records' lives."""
    lives: list[Segment] = []
    current: Segment = []
    for line in lines:
        if line.action == ChangeAction.INSERT and current:
            lives.append(current)
            current = []
        current.append(line)
        if line.action == ChangeAction.DELETE:
            lives.append(current)
            current = []
    if current:
        lives.append(current)
    return lives


def _names_parent(line: ChangeLog, column: str, parent_id: int) -> bool:
    """Whether the insert or delete ``line`` holds ``parent_id`` in ``column``."""
    try:
        pair = json.loads(line.changes or "{}").get(column)
    except (ValueError, AttributeError):
        return False
    values = pair if isinstance(pair, list) else [pair]
    return parent_id in values


def _since(s: Session, parent_lines: Sequence[ChangeLog]) -> int:
    """The first log line a child of the parent can have: the first line written with the
    parent's insert line (they share its time: one flush, one ``at``), as nothing names a
    parent before it exists; 0 if its creation is not logged (loaded in bulk)."""
    first = min(parent_lines, key=lambda c: c.id, default=None)
    if first is None or first.action != ChangeAction.INSERT:
        return 0
    return s.scalar(select(func.min(ChangeLog.id)).where(ChangeLog.at == first.at)) or 0


def _logged_children(
    s: Session, child: str, column: str, parent_id: int, since: int
) -> list[ChangeLog]:
    """The insert and delete lines of ``child`` rows that name ``parent_id`` in ``column``."""
    # As audit writes them (json.dumps): "column": [null, 13] and "column": [13, null].
    patterns = [
        json.dumps({column: [None, parent_id]})[1:-1],
        json.dumps({column: [parent_id, None]})[1:-1],
    ]
    found = s.scalars(
        select(ChangeLog).where(
            ChangeLog.table_name == child,
            # Read from the index (its entries hold the line's id): ten years of a table's
            # lines are 25,000 rows, a recent record's children are among the last few.
            ChangeLog.id >= since,
            ChangeLog.action.in_((ChangeAction.INSERT, ChangeAction.DELETE)),
            or_(*(ChangeLog.changes.like(f"%{p}%") for p in patterns)),
        )
    )
    return [line for line in found if _names_parent(line, column, parent_id)]


def child_lines(
    s: Session, table: str, record_id: int, parent_lines: Sequence[ChangeLog]
) -> tuple[list[Segment], list[Segment]]:
    """The lives of the children of ``record_id`` of ``table`` (whose own lines are
    ``parent_lines``): ``(current, removed)``."""
    current: list[Segment] = []
    removed: list[Segment] = []
    since = _since(s, parent_lines) if CHILDREN.get(table) else 0
    for child, column in CHILDREN.get(table, ()):
        cols = Base.metadata.tables[child].c
        today = set(s.scalars(select(cols.id).where(cols[column] == record_id)))
        anchors = _logged_children(s, child, column, record_id, since)
        ids = today | {a.record_id for a in anchors if a.record_id is not None}
        by_id: dict[int, list[ChangeLog]] = {}
        for line in lines_of(s, ((child, i) for i in ids)):
            by_id.setdefault(line.record_id, []).append(line)
        anchored = {a.id for a in anchors}
        for child_id, lines in by_id.items():
            lives = _lives(sorted(lines, key=lambda c: c.id))
            for n, life in enumerate(lives):
                alive = (
                    child_id in today
                    and n == len(lives) - 1
                    and life[-1].action != ChangeAction.DELETE
                )
                if alive:
                    current.append(life)
                elif anchored & {line.id for line in life}:
                    removed.append(life)
    return current, removed


def life_values(life: Segment) -> dict[str, Any]:
    """What a child held, from its lines (the delete line, if written, lists it all)."""
    return logged_values((line.action, line.changes) for line in life)
