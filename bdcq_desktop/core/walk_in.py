"""Someone who attends a meeting without being on its list (người dự không có trong danh sách
mời): an official who walks in once the meeting has begun, say.

:func:`add_walk_in` adds them to the list and checks them in, in one transaction that bumps
the meeting's version. The version read is no guard for it (:func:`.meeting_rules.
load_for_new_child`): someone added rewrites nothing read, so a check-in at the door saved
meanwhile does not refuse it; the list as it is now does (the same name already on it, added
by the other officer a moment before), the meeting's row locked so that two adds take turns:
present, or late with the time when the meeting has been going for a
while (the live check-in's rule, :func:`.attendance.check_in_on_loaded`), or as told: present,
late, or online (dự trực tuyến: someone joining the meeting's link without an invitation).
The row is flagged a walk-in (``Invitee.walked_in_at``, when they were added): the minutes
count the invited apart ("dự họp 9/10") and name the walk-ins on a line of their own, and the
sheet only takes an attending mark for them. They are a person on
record (their category on the meeting's day: member, working group, expert, agency head or
guest, as :func:`.invitees.invite` infers it), a unit (its head), or a name typed with a
position and an agency (a guest unless told otherwise); the minutes count them in that group.

Unlike inviting (:func:`.invitees.invite`, closed once the meeting is held), this is allowed
while the meeting is held, from its day on, until its minutes are final (then refused, saying
to reopen them): it records who was in the room, as attendance does.

It never supersedes an issued convocation or invitation (:mod:`.issued_changes`): those name
the people called, and they were right when issued and stay right: someone who came without
being called changes nothing they say. A change of the people called is a change made before
the meeting, through the list of invitees, not a record of who turned up. Drafted again, a
convocation or an invitation still names only the people called.

:func:`remove_walk_in` takes a walk-in added by mistake off the list, until the minutes are
final; an invited person is never removed this way (they are marked absent instead: the list
called them). Given the walk-in's own version read (``invitee_version``, as a check-in takes
it) that version guards the removal, so a check-in of someone else meanwhile is no conflict
while a mark of that walk-in made elsewhere is; without it the meeting's version guards.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from .attendance import check_in_on_loaded, refuse_future_arrival
from .attendance_marks import FIELD_LABELS, WALK_IN_MARKS, field_label, time_or_datetime
from .db import Database
from .errors import BcdError, ValidationError
from .held_times import held_times
from .i18n import tr
from .invitees import Invitation, add_invitations, clean_invitations
from .locking import check_version
from .meeting_rules import (
    label_of,
    load_for_change,
    load_for_new_child,
    lock_meeting,
    meeting_key,
    not_found,
    touch,
)
from .meeting_span import going_on_until, on_meeting_day
from .models import AttendanceStatus, Invitee, Meeting, MeetingStatus, Person, Unit
from .text import fold
from .validation import positive_int


@dataclass(frozen=True)
class WalkIn:
    """What :func:`add_walk_in` recorded: the new invitee, their mark, the meeting's version."""

    invitee_id: int
    name: str
    status: str  # "present", "late" or "online"
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


def _status(value: str | None) -> str | None:
    """The mark asked for (None: the automatic one), checked before any session."""
    if value is None or not str(value).strip():
        return None
    status = str(value).strip().casefold()
    if status not in WALK_IN_MARKS:
        raise ValidationError(
            "status",
            tr(
                '"{label}" của người dự không theo giấy mời chỉ nhận: {allowed} (có mặt, đến '
                "muộn, dự trực tuyến)."
            ).format(label=tr(FIELD_LABELS["status"]), allowed=", ".join(WALK_IN_MARKS)),
            label=tr(FIELD_LABELS["status"]),
        )
    return status


def _open_for_change(
    s: Any, meeting_id: int, expected_version: int | None, doing: str, *, guarded: bool = True
) -> Meeting:
    """The meeting, loaded for change, unless its minutes are final (``doing``: what is
    refused, "thêm" / "xóa"). ``guarded``: the meeting's version read guards the change;
    otherwise the row is locked and the meeting taken as it is now (:func:`.meeting_rules.
    load_for_new_child`)."""
    if not guarded:
        lock_meeting(s, meeting_key(meeting_id))
    m = s.get(Meeting, meeting_key(meeting_id))
    if m is None:
        raise not_found(meeting_id)
    if m.status == MeetingStatus.MINUTES_FINAL:
        # The reason first, before any version check: nothing typed again would help.
        raise BcdError(
            tr(
                "Biên bản cuộc họp đã hoàn thành (đã ban hành): không {doing} người dự được "
                "nữa. Cần bổ sung thì mở lại biên bản trước."
            ).format(doing=doing)
        )
    if not guarded:
        return load_for_new_child(s, meeting_id, expected_version)
    return load_for_change(s, meeting_id, expected_version)


def _refuse_blank_name(invitation: Invitation | Mapping[str, Any]) -> None:
    """Someone new typed by name with the name left blank: refused on "Họ và tên", the field
    the form and ``--name`` fill, not as the invitation list's rule (one of a person, a unit
    or a name), which names neither."""

    def get(key: str) -> Any:
        if isinstance(invitation, Mapping):
            return invitation.get(key)
        return getattr(invitation, key, None)

    name = get("guest_name")
    if name is None or str(name).strip() or get("person_id") is not None:
        return
    if get("unit_id") is not None:
        return
    label = tr("Họ và tên")
    raise ValidationError(
        "guest_name", tr('"{label}" không được để trống.').format(label=label), label=label
    )


def _same_guest(item: Invitation, inv: Invitee) -> bool:
    """Whether the guest typed is ``inv`` (a guest, or a person on record): the same name, and
    the same position and agency wherever both say one. A position or an agency left blank on
    either side tells nobody apart, so the name alone decides there, as it did before."""
    if fold(item.guest_name or "") != fold(inv.name_snapshot or inv.guest_name or ""):
        return False
    for typed, listed in ((item.position, inv.position_snapshot),
                          (item.unit_name, inv.unit_snapshot)):  # fmt: skip
        if fold(typed or "") and fold(listed or "") and fold(typed or "") != fold(listed or ""):
            return False
    return True


def walk_in_on_loaded(
    s: Any,
    m: Meeting,
    item: Invitation,
    at: datetime,
    uid: str | None = None,
    *,
    namesake: bool = False,
) -> Invitee:
    """Put the cleaned ``item`` on the list of ``m`` (loaded for change) as a walk-in added at
    ``at``, in the caller's transaction, unmarked (the caller checks them in): the list's
    rules of :func:`add_walk_in`, shared with a record brought back from the meeting room
    (:mod:`.room_invitees`). ``uid``: the walk-in's identity where it was added (the room's
    copy), kept; else a new one. ``namesake``: the caller told them apart from everyone on the
    list already (by uid, or name, position and agency), so a guest by a name already on it is
    another person of that name."""
    # Someone typed by a name already on the list (a guest, or a person on record) is
    # checked in from the list: a second row would count them twice in the minutes. A
    # namesake at another position or agency is another person, as the room's import tells.
    if not namesake and item.guest_name is not None:
        if any(_same_guest(item, i) for i in m.invitees):
            raise _already(item.guest_name)
        namesake = True
    before = {i.id for i in m.invitees}
    if add_invitations(s, m, [item], namesakes=namesake) == 0:
        raise _already(_name_of(s, item))
    s.flush()
    inv = next(i for i in m.invitees if i.id not in before)
    inv.walked_in_at = at
    inv.uid = uid or str(uuid.uuid4())
    return inv


def add_walk_in(
    db: Database,
    meeting_id: int,
    invitation: Invitation | Mapping[str, Any],
    *,
    expected_version: int | None,
    now: datetime | None = None,
    live: bool = False,
    status: str | None = None,
    confirm_late_arrival: bool = False,
    arrived_at: datetime | time | str | None = None,
) -> WalkIn:
    """Add one attendee who was not invited and check them in (see the module doc). ``live``:
    added in the live window, open while the meeting sits, so past its planned end (it ran
    over, not closed yet) they are arriving late, as a check-in there is
    (:func:`.attendance.check_in`); an arrival far past the planned end is asked first, as
    there (``confirm_late_arrival``). ``status``: ``present``, ``late`` (arrived at ``now``)
    or ``online`` instead of the automatic mark. ``arrived_at``: when they came, if not
    ``now``, in the forms ``meetings attend`` takes (``08:40``, on the meeting's day or the next
    one past midnight as an arrival is; or a date and time)."""
    _refuse_blank_name(invitation)
    [item] = clean_invitations([invitation])
    mark = _status(status)
    typed = time_or_datetime(arrived_at, "arrived_at", field_label("arrived_at"))
    at = now or datetime.now().replace(microsecond=0)
    with db.session() as s:
        m = _open_for_change(s, meeting_id, expected_version, tr("thêm"), guarded=False)
        if isinstance(typed, time):
            until = going_on_until(m.starts_at, m.ends_at, held_times(s, m).closed_at, at)
            typed = on_meeting_day(typed, m.starts_at, until)
        if typed is not None:
            refuse_future_arrival(typed, at)
            at = typed
        if at.date() < m.starts_at.date():
            raise BcdError(
                tr("Chưa đến ngày họp ({day}): chưa ghi người dự họp được.").format(
                    day=f"{m.starts_at:%d/%m/%Y}"
                )
            )
        name = _name_of(s, item)
        inv = walk_in_on_loaded(s, m, item, at)
        check_in_on_loaded(
            s,
            m,
            inv,
            at,
            live=live,
            status=mark,
            confirm_late_arrival=confirm_late_arrival,
            stamped=typed is None,
        )
        version = touch(s, m)
        return WalkIn(
            invitee_id=inv.id,
            name=inv.name_snapshot or name,
            status=(
                "online"
                if inv.attendance == AttendanceStatus.ONLINE
                else "late"
                if inv.arrived_at is not None
                else "present"
            ),
            arrived_at=inv.arrived_at,
            version=version,
        )


def remove_walk_in(
    db: Database,
    meeting_id: int,
    invitee_id: int,
    *,
    expected_version: int | None,
    invitee_version: int | None = None,
) -> int:
    """Take a walk-in added by mistake off the meeting's list (the wrong person picked, someone
    added twice under two spellings); returns the meeting's new version. Only a walk-in: an
    invited person stays on the list the convocation called (mark them absent). Refused once
    the minutes are final, as adding is. The change log keeps the removed row.
    ``invitee_version``: the walk-in's version read, then the guard (see the module doc)."""
    seen = positive_int(invitee_version, "invitee_version", tr("Phiên bản điểm danh"), minimum=1)
    with db.session() as s:
        m = _open_for_change(
            s, meeting_id, expected_version, tr("xóa"), guarded=seen is None
        )
        remove_walk_in_on_loaded(m, invitee_id, seen)
        return touch(s, m)


def remove_walk_in_on_loaded(m: Meeting, invitee_id: int, seen: int | None = None) -> None:
    """:func:`remove_walk_in`'s rules on ``m`` (loaded for change) in the caller's transaction
    (the caller bumps its version): a walk-in removed in the meeting room (:mod:`.room_invitees`).
    ``seen``: the walk-in's version read, then the guard."""
    inv = next((i for i in m.invitees if i.id == invitee_id), None)
    if inv is None:
        raise ValidationError(
            "invitee_id",
            tr("Không có người dự mã {id} trong cuộc họp này.").format(id=invitee_id),
            label=tr(FIELD_LABELS["invitee_id"]),
        )
    if inv.walked_in_at is None:
        raise ValidationError(
            "invitee_id",
            tr(
                "“{name}” có trong danh sách mời, không phải người dự không theo giấy mời: "
                "không xóa ở đây; nếu không đến thì điểm danh “Vắng”."
            ).format(name=inv.name_snapshot or inv.guest_name or invitee_id),
            label=tr(FIELD_LABELS["invitee_id"]),
        )
    if seen is not None:
        name = inv.name_snapshot or inv.guest_name or ""
        check_version(inv, seen, tr("Điểm danh của “{name}”").format(name=name))
    m.invitees.remove(inv)
    # The list's order stays without a gap (as taking someone off the list does).
    for n, i in enumerate(sorted(m.invitees, key=lambda i: (i.position, i.id)), start=1):
        i.position = n
