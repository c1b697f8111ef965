"""Someone a meeting document names (an invitee, the chair, the secretary, a presenter, a
member given a task) as the meeting recorded them, made from what :mod:`.meeting_data` read.

Invitees are printed as they were when invited (the snapshots of name, position and agency), so
an old meeting's documents do not change when people move on; the chair and the secretary as
the meeting's own snapshots name them (:mod:`..core.meeting_people`), a presenter as the item
copied them; only what the meeting holds no copy of is read from the person's record of today.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Row

from ..core.held_times import late_arrival
from ..core.models import AttendanceStatus, Honorific, InviteeCategory
from ..core.text import clean, fold
from .agencies import Agencies
from .text import position_and_unit


def position_without_unit(position: str, unit: str) -> str:
    """``Giám đốc Sở Nội vụ`` in the column beside ``Sở Nội vụ`` → ``Giám đốc``."""
    position, unit = clean(position), clean(unit)
    if unit and len(position) > len(unit) and fold(position).endswith(fold(unit)):
        rest = position[: len(position) - len(unit)].rstrip(" ,")
        # "Chánh Văn phòng UBND tỉnh" is a title of its own: "Chánh" alone would not be.
        if len(rest.split()) >= 2:
            return rest
    return position


@dataclass(frozen=True)
class Person:
    """Someone a meeting document names: an invitee, the chair, the secretary."""

    name: str
    honorific: str = ""  # "ông" / "bà" / "" (unknown)
    position: str = ""
    unit: str = ""
    phone: str = ""
    person_id: int | None = None
    category: InviteeCategory = InviteeCategory.MEMBER
    role: str = ""
    attendance: AttendanceStatus = AttendanceStatus.UNKNOWN
    absence_reason: str = ""
    substitute_name: str = ""
    substitute_position: str = ""
    arrived_at: datetime | None = None  # present but late: when they arrived
    by_unit: bool = False  # an agency invited without a head on record: "Lãnh đạo Sở Y tế"
    # Attended without being invited (:mod:`..core.walk_in`): in the minutes and the sheet of
    # those attending, never among the people a convocation or an invitation calls.
    walk_in: bool = False
    # The agency's short name on record ("Sở TT&TT"): a position may name the agency by it.
    unit_short: str = ""

    @property
    def title(self) -> str:
        """Position and agency, for running text; not the agency again after a name that ends
        with it ("Lãnh đạo Sở Y tế", not "Lãnh đạo Sở Y tế, Sở Y tế")."""
        unit = "" if self.unit and fold(self.name).endswith(fold(self.unit)) else self.unit
        return position_and_unit(self.position, unit, self.unit_short)

    def known_by(self, agencies: Agencies) -> Person:
        """This person with their agency's short name from ``agencies`` (read apart because
        snapshots keep only the agency's name), and an agency typed by its short name for a
        guest or a walk-in ("Sở TT&TT") by the unit's name, as members of that unit print."""
        unit = agencies.full(self.unit)
        short = agencies.short(unit)
        if unit == self.unit and short == self.unit_short:
            return self
        return replace(self, unit=unit, unit_short=short)

    def addressed(self, *, honorific: bool = False) -> str:
        """``Ông Nguyễn Văn A`` (with ``honorific``), ``Ông/Bà Nguyễn Văn A`` when the gender is
        not known (a guest typed in): the form invitations use for an addressee of unknown
        gender, which reads like the Ông/Bà lines beside it, where "Đồng chí" would be the
        convocation's word for members, not for a guest of a company; else the bare name (and
        always for an agency invited without a head, "Lãnh đạo Sở Y tế")."""
        if not honorific or self.by_unit:
            return self.name
        return f"{self.honorific.capitalize() if self.honorific else 'Ông/Bà'} {self.name}"

    @property
    def attended(self) -> bool:
        # Online attendees take part: counted and listed with the present.
        return self.attendance in (
            AttendanceStatus.PRESENT,
            AttendanceStatus.ONLINE,
            AttendanceStatus.SUBSTITUTE,
        )


@dataclass(frozen=True)
class PersonRow:
    """A person's columns as read (the unit's name in place of the unit)."""

    id: int
    full_name: str
    honorific: Honorific | None
    position: str | None
    phone: str | None
    unit: str | None


def _honorific(p: PersonRow | None) -> str:
    if p is None or p.honorific is None:
        return ""
    return "bà" if p.honorific == Honorific.BA else "ông"


@dataclass(frozen=True)
class Named:
    """A snapshot the meeting itself holds of its chair or secretary (no name: theirs)."""

    position_snapshot: str | None
    unit_snapshot: str | None
    name_snapshot: None = None


def person_of(p: PersonRow, snapshot: Row[Any] | Named | None = None) -> Person:
    unit = p.unit or ""
    if snapshot is not None:
        return Person(
            name=clean(snapshot.name_snapshot or p.full_name),
            honorific=_honorific(p),
            position=clean(snapshot.position_snapshot or p.position),
            unit=clean(snapshot.unit_snapshot or unit),
            phone=clean(p.phone),
            person_id=p.id,
        )
    return Person(
        name=clean(p.full_name),
        honorific=_honorific(p),
        position=clean(p.position),
        unit=clean(unit),
        phone=clean(p.phone),
        person_id=p.id,
    )


def invitee_of(i: Row[Any], p: PersonRow | None, start: datetime) -> Person:
    """The invitee row ``i`` as the documents name them; ``start`` (the actual one once
    recorded) is what lateness is judged against."""
    unit_name = i.unit_name or ""
    name = i.name_snapshot or (p.full_name if p else "") or i.guest_name or ""
    by_unit = not name and bool(unit_name)
    if by_unit:
        name = f"Lãnh đạo {unit_name}"
    return Person(
        name=clean(name),
        honorific=_honorific(p),
        position=clean(i.position_snapshot or (p.position if p else "")),
        unit=clean(i.unit_snapshot or (p.unit if p and p.unit else "") or unit_name),
        phone=clean(p.phone if p else ""),
        person_id=i.person_id,
        category=i.category,
        role=clean(i.role),
        attendance=i.attendance,
        absence_reason=clean(i.absence_reason),
        substitute_name=clean(i.substitute_name),
        substitute_position=clean(i.substitute_position),
        arrived_at=late_arrival(i.attendance, i.arrived_at, start),
        by_unit=by_unit,
        walk_in=i.walked_in_at is not None,
    )
