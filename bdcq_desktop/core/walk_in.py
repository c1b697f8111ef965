"""Someone who attends a meeting without being on its list (người dự không có trong danh sách
mời): an official who walks in once the meeting has begun, say.

:func:`add_walk_in` adds them to the list and checks them in, in one transaction guarded by
the meeting's version: present, or late with the time when the meeting has been going for a
while (the live check-in's rule, :func:`.attendance.check_in_on_loaded`). They are a person on
record (their category on the meeting's day: member, working group, expert, agency head or
guest, as :func:`.invitees.invite` infers it), a unit (its head), or a name typed with a
position and an agency (a guest unless told otherwise); the minutes count them in that group.

Unlike inviting (:func:`.invitees.invite`, closed once the meeting is held), this is allowed
while the meeting is held, from its day on, until its minutes are final (then refused, saying
to reopen them): it records who was in the room, as attendance does.

It never supersedes an issued convocation or invitation (:mod:`.issued_changes`): those name
the people called, and they were right when issued and stay right: someone who came without
being called changes nothing they say. A change of the people called is a change made before
the meeting, through the list of invitees, not a record of who turned up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .attendance import check_in_on_loaded
from .db import Database
from .errors import BcdError, ValidationError
from .i18n import tr
from .invitees import Invitation, add_invitations, clean_invitations
from .meeting_rules import label_of, load_for_change, meeting_key, not_found, touch
from .models import Meeting, MeetingStatus, Person, Unit
from .text import fold


@dataclass(frozen=True)
class WalkIn:
    """What :func:`add_walk_in` recorded: the new invitee, their mark, the meeting's version."""

    invitee_id: int
    name: str
    status: str  # "present" or "late"
    arrived_at: datetime | None
    version: int


def _already(name: str) -> ValidationError:
    return ValidationError(
        "invitees",
        tr(
            "“{name}” đã có trong danh sách mời của cuộc họp: hãy điểm danh ở danh sách (gõ tên "
            "vào ô điểm danh), không thêm lần nữa."
        ).format(name=name),
        label=label_of("invitees"),
    )


def _name_of(s: Any, item: Invitation) -> str:
    if item.person_id is not None:
        person = s.get(Person, item.person_id)
        return person.full_name if person else str(item.person_id)
    if item.unit_id is not None:
        unit = s.get(Unit, item.unit_id)
        if unit is None:
            return str(item.unit_id)
        return unit.head.full_name if unit.head is not None else unit.name
    return item.guest_name or ""


def add_walk_in(
    db: Database,
    meeting_id: int,
    invitation: Invitation | Mapping[str, Any],
    *,
    expected_version: int | None,
    now: datetime | None = None,
    live: bool = False,
) -> WalkIn:
    """Add one attendee who was not invited and check them in (see the module doc). ``live``:
    added in the live window, open while the meeting sits, so past its planned end (it ran
    over, not closed yet) they are arriving late, as a check-in there is
    (:func:`.attendance.check_in`)."""
    [item] = clean_invitations([invitation])
    at = now or datetime.now().replace(microsecond=0)
    with db.session() as s:
        m = s.get(Meeting, meeting_key(meeting_id))
        if m is None:
            raise not_found(meeting_id)
        if m.status == MeetingStatus.MINUTES_FINAL:
            # The reason first, before any version check: nothing typed again would help.
            raise BcdError(
                tr(
                    "Biên bản cuộc họp đã hoàn thành (đã ban hành): không thêm người dự được "
                    "nữa. Cần bổ sung thì mở lại biên bản trước."
                )
            )
        m = load_for_change(s, meeting_id, expected_version)
        if at.date() < m.starts_at.date():
            raise BcdError(
                tr("Chưa đến ngày họp ({day}): chưa ghi người dự họp được.").format(
                    day=f"{m.starts_at:%d/%m/%Y}"
                )
            )
        name = _name_of(s, item)
        # Someone typed by a name already on the list (a guest, or a person on record) is
        # checked in from the list: a second row would count them twice in the minutes.
        listed = {fold(i.name_snapshot or i.guest_name or "") for i in m.invitees}
        if item.guest_name is not None and fold(item.guest_name) in listed:
            raise _already(item.guest_name)
        before = {i.id for i in m.invitees}
        if add_invitations(s, m, [item]) == 0:
            raise _already(name)
        s.flush()
        inv = next(i for i in m.invitees if i.id not in before)
        check_in_on_loaded(s, m, inv, at, live=live)
        version = touch(s, m)
        return WalkIn(
            invitee_id=inv.id,
            name=inv.name_snapshot or name,
            status="late" if inv.arrived_at is not None else "present",
            arrived_at=inv.arrived_at,
            version=version,
        )
