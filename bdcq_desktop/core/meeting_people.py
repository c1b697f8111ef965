"""People named on a record with the position and agency they held when named on it, kept on
the record: a meeting's chair and secretary (``chair_position_snapshot``…), an agenda item's
presenter (``presenter_position_snapshot``…), a working session's convener
(``convener_position_snapshot``…).

An invitee's name, position and agency are copied when invited (:mod:`.invitees`), a session
participant's when added, so an old meeting's papers keep the people of its time. The
meeting's secretary (thư ký cuộc họp) is on no invitee list (:mod:`.meeting_secretary`), the
chair, a presenter or a session's convener need not be on one, yet the papers print them with
position and agency: those are copied here, the same way, when the record is created and
whenever the person named changes. A person who later moves to another post or agency (as with
the 2025 mergers) does not move a record already held, or whose issued documents print them,
with them; an edit of the record that keeps the same person keeps the copy. A meeting still to
come follows corrections to its people until its papers name them (:mod:`.named_copies`).

A record whose start has already passed (a meeting recorded afterwards, a person named later
on an old record) takes what the change log says the person held at that start
(:func:`.records_on.posts_on`, as migrations 0012 and 0013 fill old rows): not today's post,
taken since.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from .models import Meeting, Person
from .records_on import posts_on

# The meeting's fields naming someone whose position and agency are copied onto it.
NAMED_ROLES = ("chair", "secretary")


def copy_person(
    s: Session, record: object, prefix: str, person_id: int | None, start: date | None
) -> None:
    """Copy ``person_id``'s position and agency onto ``record``'s ``{prefix}_position_snapshot``
    and ``{prefix}_unit_snapshot`` (both None for nobody): as they stood at ``start`` (the
    record's start; a day: its beginning) when that has passed, else today's."""
    p = s.get(Person, person_id) if person_id is not None else None
    position = p.position if p is not None else None
    unit = p.unit.name if p is not None and p.unit is not None else None
    if p is not None and start is not None:
        moment = start if isinstance(start, datetime) else datetime.combine(start, time.min)
        # Nothing is read for a start still to come: today's record is that day's.
        then = posts_on(s.connection(), [p.id], moment.date(), moment)
        position, unit = then.get(p.id, (position, unit))
    setattr(record, f"{prefix}_position_snapshot", position)
    setattr(record, f"{prefix}_unit_snapshot", unit)


def named_people(m: Meeting) -> dict[str, int | None]:
    """Who ``m`` names in :data:`NAMED_ROLES`, as :func:`take_snapshots` compares them."""
    return {role: getattr(m, f"{role}_id") for role in NAMED_ROLES}


def take_snapshots(s: Session, m: Meeting, before: Mapping[str, int | None] | None = None) -> None:
    """Copy the position and agency of the chair and the secretary of ``m`` from their records
    (inside the caller's transaction): each of them for a new meeting (``before`` None),
    otherwise only one who is not the person named ``before`` (:func:`named_people`)."""
    for role in NAMED_ROLES:
        person_id = getattr(m, f"{role}_id")
        if before is not None and before.get(role) == person_id:
            continue
        copy_person(s, m, role, person_id, m.starts_at)
