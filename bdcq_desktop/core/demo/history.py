"""The demo's edits of people, units, tasks and the settings in the change log, each dated on
its day.

The load turns the audit hook off (one summary line for thousands of inserts), but the two
years also edit records: people move on 1/3/2025 and 1/7/2025, district chairs leave, a kiện
toàn replaces heads, units merge, tasks are reported done. The log is what a document of a past
day reads those records by (:mod:`..records_on`, :mod:`..tasks_on`), and what ``bdcq log``
shows: each edit gets the row the audit hook would have written had an officer made it through
the core that morning.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from ..audit import _plain, _values, current_user
from ..models import Base, ChangeAction, ChangeLog, Organisation, Person, Task, Unit

_MORNING = time(8, 0)

Edit = tuple[date, Person | Unit | Organisation | Task, dict[str, list[Any]]]


def morning(day: date) -> datetime:
    """8 o'clock of ``day``, as the log stores a moment: the office's local time, as the
    audit hook writes it (:mod:`..audit`) and every history shows it."""
    return datetime.combine(day, _MORNING)


def changed(obj: Base, before: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` of the fields of ``before`` that ``obj`` no longer holds."""
    return {
        k: [old, getattr(obj, k)] for k, old in before.items() if getattr(obj, k) != old
    }


def _column(obj: Base, field: str, value: Any) -> tuple[str, Any]:
    # A relationship (a person's unit, a unit's head) is logged as its column: the id.
    if isinstance(value, Base) or (value is None and f"{field}_id" in obj.__table__.c):
        return f"{field}_id", None if value is None else value.id
    return field, _plain(value)


def _changes(obj: Base, changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for field, (old, new) in changes.items():
        key, before = _column(obj, field, old)
        out[key] = [before, _column(obj, field, new)[1]]
    # The audit hook's order: the table's columns, then the words of an act beside them
    # (.task_acts, as :func:`..audit.log_also` adds them).
    order = {k: i for i, k in enumerate(obj.__table__.c.keys())}
    return {k: out[k] for k in sorted(out, key=lambda k: order.get(k, len(order)))}


def log_edits(s: Session, edits: Iterable[Edit]) -> None:
    """One change-log row per edit, oldest first, once every record has its id."""
    user = current_user()
    for day, obj, changes in sorted(edits, key=lambda e: e[0]):
        s.add(
            ChangeLog(
                at=morning(day),
                user=user,
                table_name=obj.__tablename__,
                record_id=obj.id,
                action=ChangeAction.UPDATE,
                changes=json.dumps(_changes(obj, changes), ensure_ascii=False),
            )
        )


def log_founded(s: Session, founded: Iterable[tuple[date, Unit]]) -> None:
    """The insert row of each unit the reorganisation created, on its first day: as an
    officer entering it that morning leaves, and what tells a unit too new for an old round
    (:class:`..round_time.RoundTime`)."""
    user = current_user()
    for day, unit in founded:
        s.add(
            ChangeLog(
                at=morning(day),
                user=user,
                table_name=unit.__tablename__,
                record_id=unit.id,
                action=ChangeAction.INSERT,
                changes=json.dumps(_values(unit, deleted=False), ensure_ascii=False),
            )
        )
