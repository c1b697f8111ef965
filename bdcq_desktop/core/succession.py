"""Who answers for the open work of a unit merged into another (sáp nhập).

A merge (:func:`.units.merge_units`) retires the unit and records the unit that received it
(``merged_into_id``). The tasks given to it and the reports asked of it keep it as recorded:
who was assigned what is history, and the conclusion notices and the overview say so. But the
receiving unit inherits the merged one's responsibilities, as in administration, so everything
that chases or reports on open work (the chase list and the reminder, the task tracking, the
tasks report, ``bdcq tasks list``) counts a task still open, or a report not yet received, of a
unit merged by the day for the unit that received it, following merges of merges, and names it
"<receiving unit> (tiếp nhận từ <merged unit>)". Attributed when read rather than moved at the
merge: the records stay true, files merged before this rule need nothing done, a document dated
before the merge still names the unit of its day, and undoing a merge entered by mistake
(:func:`.units.reactivate_unit`) gives the work back with nothing more to undo.

Done and cancelled tasks and received reports stay with the unit that had them. A unit retired
with no successor recorded (dissolved) keeps its own: there is nobody to attribute them to, so
its open work is pointed out (:meth:`Succession.unanswered`: the tasks page, ``bdcq check``) for
the officer to hand over (:mod:`.task_transfer`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from .i18n import tr
from .models import Unit

# What :class:`Succession` is made from, in this order (the tasks page reads them with the
# units' names, in the same query).
COLUMNS = (Unit.id, Unit.name, Unit.sort_order, Unit.active, Unit.retired_on, Unit.merged_into_id)


class Succession:
    """The units' merges, read once (a few hundred units): each unit's name and place in the
    official order, and for a merged unit the unit it went into and the day."""

    def __init__(self, rows: Iterable[Sequence[Any]]) -> None:
        """``rows``: each unit's id, name, order, active flag, retirement day and the id of
        the unit it was merged into, as :data:`COLUMNS` reads them."""
        self.names: dict[int, str] = {}
        self.orders: dict[int, int] = {}
        self._until: dict[int, date | None] = {}  # the day it stopped; None: still in office
        self._into: dict[int, tuple[int, date]] = {}
        for uid, name, order, active, retired_on, into in rows:
            self.names[uid] = name
            self.orders[uid] = order or 0
            # Retired with no day recorded (entered before days were kept): gone at any date.
            self._until[uid] = retired_on or (None if active else date.min)
            if into is not None:
                # A merge recorded without its day (entered before days were kept) is a
                # merge at any date.
                self._into[uid] = (into, retired_on or date.min)

    @classmethod
    def read(cls, conn: Connection) -> Succession:
        return cls(conn.execute(select(*COLUMNS)).all())

    def in_office(self, unit_id: int, day: date) -> bool:
        """Whether the unit was in office (not yet retired, merged or dissolved) on ``day``."""
        until = self._until.get(unit_id)
        return unit_id in self._until and (until is None or until > day)

    def merged_on(self, unit_id: int) -> date | None:
        """The day ``unit_id`` was merged into another, None if it was not."""
        step = self._into.get(unit_id)
        return step[1] if step is not None and step[1] != date.min else None

    def heir(self, unit_id: int, day: date) -> int:
        """The unit answering on ``day`` for ``unit_id``'s open work: the unit it was merged
        into by then (and that unit's own successor, if merged in turn), else itself."""
        seen = {unit_id}
        uid = unit_id
        while (step := self._into.get(uid)) is not None and step[1] <= day:
            if step[0] in seen:  # a loop in damaged data: stop where it closes
                break
            uid = step[0]
            seen.add(uid)
        return uid

    def heirs(self, day: date) -> dict[int, int]:
        """Every unit merged by ``day``: its heir on that day (:meth:`heir`)."""
        return {
            uid: heir
            for uid, (_into, on) in self._into.items()
            if on <= day and (heir := self.heir(uid, day)) != uid
        }

    def answered_by(self, unit_id: int, day: date) -> list[int]:
        """``unit_id`` and the units whose open work it answers for on ``day``."""
        return [unit_id, *(uid for uid, heir in self.heirs(day).items() if heir == unit_id)]

    def merged_into(self, unit_id: int, day: date) -> int | None:
        """The heir of a unit merged by ``day``, None for a unit not merged by then."""
        heir = self.heir(unit_id, day)
        return heir if heir != unit_id else None

    def unanswered(self, day: date) -> set[int]:
        """The units no longer in office on ``day`` with no successor by then (dissolved): the
        open work counted for them (after merges, :meth:`heir`) has nobody to answer for it."""
        return {
            uid
            for uid in self._until
            if not self.in_office(uid, day) and self.merged_into(uid, day) is None
        }

    def label(self, heir_id: int, from_id: int) -> str:
        """How open work of ``from_id`` counted for ``heir_id`` names its unit."""
        return taken_over(self.names.get(heir_id, ""), self.names.get(from_id, ""))


def taken_over(unit: str, source: str) -> str:
    """The name of ``unit`` answering for the open work of ``source``, merged into it."""
    return tr("{unit} (tiếp nhận từ {source})").format(unit=unit, source=source)


# How the tasks page and ``bdcq check`` flag open work that nobody answers for.
NO_SUCCESSOR = "Đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận"


def taken_from(source: str) -> str:
    """The note on a task or report counted for the unit that received ``source``."""
    return tr("tiếp nhận từ {source}").format(source=source)


def read_succession(conn: Connection | Any) -> Succession:
    """:meth:`Succession.read` on a connection, or on an ORM session's connection."""
    if not isinstance(conn, Connection):
        conn = conn.connection()
    return Succession.read(conn)
