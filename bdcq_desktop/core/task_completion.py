"""The completion figures of the tasks page and the tasks report: each unit's tasks counted
per status, and its completion rate (moved out of :mod:`.task_tracking`, which reads the tasks
and re-exports these names)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Protocol

from .tasks import STATUS_LABELS


class Counted(Protocol):
    """What is counted of a task: a :class:`.task_tracking.TrackedTask`, named by what it has
    rather than imported (its module imports this one)."""

    @property
    def unit_id(self) -> int | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def status(self) -> str: ...


_UNIT_ID = attrgetter("unit_id")
_UNIT = attrgetter("unit")
_STATUS = attrgetter("status")


@dataclass(frozen=True)
class UnitCompletion:
    unit_id: int | None
    unit: str
    total: int  # cancelled tasks not included
    done_on_time: int
    done_late: int
    overdue: int
    due_soon: int
    not_due: int
    cancelled: int

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def completion_rate(self) -> float | None:
        """Share in 0..1 of the unit's tasks (cancelled ones aside) that are done."""
        return self.done / self.total if self.total else None


def completion(unit_id: int | None, unit: str, counts: Mapping[str, int]) -> UnitCompletion:
    """A unit's figures from its tasks per status (also counted by the database, see
    :mod:`.task_first_rows`)."""
    cancelled = counts.get("cancelled", 0)
    return UnitCompletion(
        unit_id=unit_id,
        unit=unit,
        total=sum(counts.values()) - cancelled,
        done_on_time=counts.get("done_on_time", 0),
        done_late=counts.get("done_late", 0),
        overdue=counts.get("overdue", 0),
        due_soon=counts.get("due_soon", 0),
        not_due=counts.get("not_due", 0),
        cancelled=cancelled,
    )


def completion_by_unit(tasks: Iterable[Counted]) -> list[UnitCompletion]:
    """Counts and completion rate per unit, in the order the tasks come (by unit); tasks of no
    unit count together under an empty name."""
    # Counted by Counter and dict over the columns (no Python step per task): the tasks page
    # counts its thousands of tasks on every reload.
    tasks = list(tasks)
    unit_ids = list(map(_UNIT_ID, tasks))
    counts = Counter(zip(unit_ids, map(_STATUS, tasks), strict=True))
    # Each unit's name as its first task gives it (over the reversed rows, the first is the
    # one written last); the units in the order their first tasks come.
    names = dict(zip(reversed(unit_ids), map(_UNIT, reversed(tasks)), strict=True))
    return [
        completion(uid, names[uid], {st: counts[uid, st] for st in STATUS_LABELS})
        for uid in dict.fromkeys(unit_ids)
    ]


def completion_sum(per_unit: Iterable[UnitCompletion], name: str = "") -> UnitCompletion:
    """:func:`completion_total` of the tasks ``per_unit`` counted (:func:`completion_by_unit`),
    added up from its counts rather than counted again over the tasks."""
    per_unit = list(per_unit)
    return UnitCompletion(
        unit_id=None,
        unit=name,
        total=sum(c.total for c in per_unit),
        done_on_time=sum(c.done_on_time for c in per_unit),
        done_late=sum(c.done_late for c in per_unit),
        overdue=sum(c.overdue for c in per_unit),
        due_soon=sum(c.due_soon for c in per_unit),
        not_due=sum(c.not_due for c in per_unit),
        cancelled=sum(c.cancelled for c in per_unit),
    )


def completion_total(tasks: Iterable[Counted], name: str = "") -> UnitCompletion:
    """The same counts over all ``tasks`` (``unit_id`` None)."""
    return completion(None, name, Counter(map(_STATUS, tasks)))
