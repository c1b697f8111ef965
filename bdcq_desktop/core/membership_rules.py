"""When a membership counts as current, and in which order a roster is listed.

One rule for the screen, the command line, the roster document, the invitee lists and the
checks, so that a membership never shows in one place and not in another.

**The end date is the last day of membership.** A membership with ``end_date`` 30/06 is current
on 30/06 and no longer on 01/07. A membership is current on a day when
``start_date <= day <= end_date`` (no end date: open-ended); one ending in the future is current
until then, one starting in the future is current from then. A reorganisation effective on a
day ends the old memberships the day before, so the roster of that day is the new one.

**Roster order** (the official one): rank in its body (Head, Deputies, Standing Member, members,
secretary; for the working group Leader, Deputy Leader, members), then the place the appointing
decision lists the member in (``sort_order``; 0 = never placed, after the placed ones), then
the Vietnamese order of names.

The SQL halves import SQLAlchemy when called, not with the module: the Python halves build the
roster of a start's first screen, read before the database layer is imported
(:mod:`.first_screen`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from .enums import CommitteeRole, GroupRole
from .errors import DuplicatePositionWarning
from .i18n import tr
from .text import fold, person_sort_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement

    from .models import Person

# The dialogs' label of ``end_date``: it says which day the date is.
END_DATE_LABEL = "Là thành viên đến hết ngày"

_RANKS: dict[str, dict[str, int]] = {
    "committee": {role.value: i for i, role in enumerate(CommitteeRole)},
    "group": {role.value: i for i, role in enumerate(GroupRole)},
}
_UNPLACED = 1 << 30


def current_on(model: Any, day: date) -> ColumnElement[bool]:
    """SQL: the membership (``model`` a membership class or alias) is current on ``day``."""
    from sqlalchemy import and_, or_
    return and_(model.start_date <= day, or_(model.end_date.is_(None), model.end_date >= day))


def is_current(start: date, end: date | None, day: date) -> bool:
    """Python twin of :func:`current_on`, for rows already loaded."""
    return start <= day and (end is None or end >= day)


def overlaps(model: Any, start: date, end: date | None) -> ColumnElement[bool]:
    """SQL: the membership shares at least one day with the period ``start``–``end``."""
    from sqlalchemy import and_, or_
    cond = or_(model.end_date.is_(None), model.end_date >= start)
    return cond if end is None else and_(model.start_date <= end, cond)


def shares_day(start: date, end: date | None, other_start: date, other_end: date | None) -> bool:
    """Python twin of :func:`overlaps`: two periods (None: open-ended) share a day."""
    return (end is None or other_start <= end) and (other_end is None or other_end >= start)


def rank(body: str, role: str) -> int:
    """The rank of a role code within its body (``member`` ranks differently in each)."""
    return _RANKS.get(body, _RANKS["committee"]).get(role, len(CommitteeRole))


def roster_key(
    body: str, role: str, sort_order: int | None, full_name: str, record_id: int
) -> tuple[Any, ...]:
    """Sort key of the official roster order (see the module docstring)."""
    placed = sort_order if sort_order and sort_order > 0 else _UNPLACED
    return (rank(body, role), placed, person_sort_key(full_name), record_id)


def same_position_holder(
    s: Session, model: Any, person: Person, start: date, end: date | None = None
) -> Person | None:
    """Another member of the body, at the same time, with the same position (ignoring case
    and diacritics) in the same unit as ``person``; None if there is none."""
    from sqlalchemy import select

    from .models import Person

    if not (person.position or "").strip() or person.unit_id is None:
        return None
    wanted = fold(person.position)
    others = s.scalars(
        select(Person)
        .join(model, model.person_id == Person.id)
        .where(
            Person.unit_id == person.unit_id,
            Person.id != person.id,
            overlaps(model, start, end),
        )
    )
    return next((p for p in others if fold(p.position or "") == wanted), None)


def duplicate_position_warning(
    committee: bool, person: Person, other: Person
) -> DuplicatePositionWarning:
    unit = person.unit.name if person.unit else ""
    return DuplicatePositionWarning(
        tr(
            '"{other}" đang là thành viên {body} với cùng chức vụ "{position}" ở "{unit}". '
            'Vẫn phân công "{name}"?'
        ).format(
            other=other.full_name,
            body=tr("Ban Chỉ đạo") if committee else tr("Tổ công tác"),
            position=person.position,
            unit=unit,
            name=person.full_name,
        )
    )
