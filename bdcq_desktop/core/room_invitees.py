"""The invitees in a record brought back from the meeting room (:mod:`.room_merge`): each
invitee's mark, the walk-ins the room added and those it removed.

Which office row a room invitee is: the one with its id when that row was on the copy (the same
person, unit or guest); a walk-in the room added is a person, not a name: found by its uid
(brought in by an earlier import of the room's record), else as the same person on record, else
by its name, position and agency together (added at the office too, or a file or row older than
the uid). Two walk-ins of one name at two agencies are two people: both are kept. A mark the
room changed is a conflict when the office changed it too, differently (since the copy; for a
walk-in an earlier import brought in, since that import: :mod:`.room_fork`; for one added on
both sides, any difference), or when its time is doubtful (:mod:`.room_times`). A walk-in
on the copy, or brought in by an earlier import, that the room's file no longer lists was
removed in the room ("Xóa người dự thêm nhầm"): it is removed at the office too, a conflict
when the office itself changed that row since. Someone
the office took off the list whom the room checked in may be recorded as a walk-in with the
room's mark, if the officer so chooses (``"walk-in"``; the office's list stands by default).

Applying goes through the attendance's and the walk-ins' own rules
(:func:`.attendance._apply`, :func:`.walk_in.walk_in_on_loaded`,
:func:`~.walk_in.remove_walk_in_on_loaded`) in the import's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from .attendance import _apply
from .attendance_marks import MARK_LABELS, WALK_IN_MARKS, AttendanceMark, clean_mark
from .errors import BcdError
from .held_times import held_times
from .i18n import tr
from .invitees import Invitation, clean_invitations
from .models import Invitee, Meeting, Person, Unit
from .room_fork import OFFICE, ROOM, WALK_IN, Fork, RoomChange, deleted_here, plain
from .room_record import RoomInvitee, RoomRecord
from .room_times import doubtful_time
from .text import fold
from .walk_in import remove_walk_in_on_loaded, walk_in_on_loaded

_MARK_FIELDS = ("attendance", "absence_reason", "substitute_name", "substitute_position",
                "arrived_at")  # fmt: skip


@dataclass
class InviteePlan:
    marks: list[tuple[Invitee, RoomInvitee, str]] = field(default_factory=list)  # office's, key
    walk_ins: list[tuple[RoomInvitee, str]] = field(default_factory=list)
    walk_outs: list[tuple[Invitee, str]] = field(default_factory=list)  # the room removed
    # Checked in by the room, taken off the list at the office: a walk-in only if so chosen.
    rejoins: list[tuple[RoomInvitee, str]] = field(default_factory=list)


def _mark_text(mark: tuple[Any, ...]) -> str:
    status, reason, sub, sub_pos, arrived = mark
    text = tr(MARK_LABELS.get("late" if arrived else status, status))
    if arrived:
        text += tr(" lúc {at}").format(at=f"{datetime.fromisoformat(arrived):%H:%M}")
    if reason:
        text += f" ({reason})"
    if sub:
        text += f": {sub}" + (f", {sub_pos}" if sub_pos else "")
    return text


def _office_mark(inv: Invitee) -> tuple[Any, ...]:
    return tuple(plain(getattr(inv, f)) for f in _MARK_FIELDS)


def _name(inv: Invitee) -> str:
    return inv.name_snapshot or inv.guest_name or ""


def _who(name: str | None, position: str | None, unit: str | None) -> tuple[str, ...]:
    return (fold(name or ""), fold(position or ""), fold(unit or ""))


def _who_text(ri: RoomInvitee) -> str:
    """A walk-in as the preview names them: the name alone cannot tell two people apart."""
    more = ", ".join(x for x in (ri.position, ri.unit) if x)
    return f"{ri.name} ({more})" if more else ri.name


def _same_walk_in(m: Meeting, ri: RoomInvitee) -> Invitee | None:
    """The office's row of the room's walk-in ``ri``: the one with its uid, else the same
    person on record, else the one of its name, position and agency."""
    if ri.uid:
        found = next((i for i in m.invitees if i.uid == ri.uid), None)
        if found is not None:
            return found
    if ri.person_id is not None:
        found = next((i for i in m.invitees if i.person_id == ri.person_id), None)
        if found is not None:
            return found
    who = _who(ri.name, ri.position, ri.unit)
    return next(
        (i for i in m.invitees
         if _who(_name(i), i.position_snapshot, i.unit_snapshot) == who),
        None,
    )  # fmt: skip


def plan_invitees(
    m: Meeting, record: RoomRecord, fork: Fork, now: datetime
) -> tuple[InviteePlan, list[RoomChange]]:
    """What the room's list and marks change at the office, and the preview's rows (``now``:
    the office's, a time the room recorded later than it is the laptop's clock)."""
    plan, changes = InviteePlan(), []
    office = {i.id: i for i in m.invitees}
    named = {fold(_name(i)): i for i in m.invitees}
    seen: set[int] = set()  # the office rows the room's file still has
    for ri in record.invitees:
        inv = office.get(ri.id)
        same = (
            inv is not None
            and ("invitee", ri.id) not in fork.inserted
            and (inv.person_id, inv.unit_id, inv.guest_name)
            == (ri.person_id, ri.unit_id, ri.guest_name)
        )
        room = tuple(plain(v) for v in ri.mark)
        if not same:
            # Not the copy's row: a walk-in the room added, found as that person (above), or
            # someone the office took off the list, found by name.
            inv = _same_walk_in(m, ri) if ri.walked_in_at else named.get(fold(ri.name))
            key = f"walk_in:{ri.id}"
            if ri.walked_in_at is None and ri.attendance == "unknown":
                continue  # not marked in the room: nothing to bring
            if inv is None and ri.walked_in_at is None:
                changes.append(_taken_off(plan, m, ri, now))
                continue
            if inv is None:
                doubt = doubtful_time((ri.walked_in_at, ri.arrived_at), m, now)
                plan.walk_ins.append((ri, key))
                if _removed_here(m, ri, fork):
                    # Brought in before, then removed at the office (or by a later file): it
                    # stays removed unless the officer chooses the room's, as a conclusion.
                    changes.append(RoomChange(key, "walk_in", _who_text(ri), deleted_here(),
                        _mark_text(room), True, doubt=doubt, default=OFFICE))  # fmt: skip
                    continue
                changes.append(RoomChange(key, "walk_in", _who_text(ri), "", _mark_text(room),
                                          bool(doubt), doubt=doubt))  # fmt: skip
                continue
            seen.add(inv.id)
            kind = "walk_in" if ri.walked_in_at else "attendance"
            why = ""
            if inv.walked_in_at is None:
                why = tr("đã có trong danh sách mời ở văn phòng: điểm danh ở đó")
            elif ri.attendance not in WALK_IN_MARKS:  # the room's own walk-ins never are
                why = tr("là người dự thêm ở văn phòng: chỉ điểm danh có mặt, đến muộn hoặc dự "
                         "trực tuyến")  # fmt: skip
            if why:
                changes.append(RoomChange(key, kind, _who_text(ri), "", _mark_text(room),
                                          skipped=why))  # fmt: skip
                continue
            if ("invitee", inv.id) in fork.imported:
                # Brought in by an earlier import: its mark as that import left it is the base,
                # what the office changed since its own.
                base = fork.since_made("invitee", inv.id, _MARK_FIELDS, _office_mark(inv))
            else:
                # Added at the office too: the same person marked on both sides, and nothing
                # says which is right when the two differ.
                base = None
        else:
            seen.add(inv.id)
            key = f"invitee:{ri.id}"
            base = fork.three_way("invitee", inv.id, _MARK_FIELDS, _office_mark(inv))
        mark = _office_mark(inv)
        if room in (mark, base):
            continue  # the same, or the room did not change it (the office's stays)
        doubt = doubtful_time((ri.arrived_at,), m, now)
        plan.marks.append((inv, ri, key))
        what = _who_text(ri) if inv.walked_in_at else ri.name
        changes.append(RoomChange(key, "attendance", what, _mark_text(mark),
            _mark_text(room), mark != base or bool(doubt), doubt=doubt))  # fmt: skip
    changes.extend(_plan_walk_outs(plan, m, fork, seen))
    return plan, changes


def _removed_here(m: Meeting, ri: RoomInvitee, fork: Fork) -> bool:
    """Whether this walk-in of the room's was deleted at the office since the copy (the change
    log's deletions keep the row: its uid, else its name, position and agency)."""
    who = _who(ri.name, ri.position, ri.unit)

    def same(was: dict[str, Any]) -> bool:
        if ri.uid and was.get("uid"):
            return bool(was["uid"] == ri.uid)
        name = was.get("name_snapshot") or was.get("guest_name")
        return _who(name, was.get("position_snapshot"), was.get("unit_snapshot")) == who

    return any(
        table == "invitee"
        and was.get("meeting_id") == m.id
        and was.get("walked_in_at")
        and same(was)
        for (table, _id), was in fork.removed.items()
    )


def _taken_off(plan: InviteePlan, m: Meeting, ri: RoomInvitee, now: datetime) -> RoomChange:
    """The room's mark of someone the office took off the list since the copy. Present or
    online in the room, they may be recorded as a walk-in with that mark: a choice, off
    unless the officer makes it (the office took them off for a reason). Absent, or on the
    office's list under another name, nothing is recorded: said why."""
    room = tuple(plain(v) for v in ri.mark)
    key = f"walk_in:{ri.id}"
    if ri.person_id is not None and any(i.person_id == ri.person_id for i in m.invitees):
        why = tr("đã có trong danh sách mời ở văn phòng: điểm danh ở đó")
        return RoomChange(key, "attendance", ri.name, "", _mark_text(room), skipped=why)
    if ri.attendance not in WALK_IN_MARKS:
        why = tr("đã bị bỏ khỏi danh sách ở văn phòng")
        return RoomChange(key, "attendance", ri.name, "", _mark_text(room), skipped=why)
    plan.rejoins.append((ri, key))
    doubt = doubtful_time((ri.arrived_at,), m, now)
    return RoomChange(key, "attendance", ri.name, tr("Đã bị bỏ khỏi danh sách ở văn phòng"),
                      _mark_text(room), True, doubt=doubt, default=OFFICE,
                      options=(OFFICE, WALK_IN))  # fmt: skip


def _plan_walk_outs(
    plan: InviteePlan, m: Meeting, fork: Fork, seen: set[int]
) -> list[RoomChange]:
    """The walk-ins the room removed: on the copy, or brought in by an earlier import of the
    room's record, and no longer in its file. The office itself having changed one since
    (marked it, corrected it) is a conflict."""
    changes = []
    for inv in m.invitees:
        row = ("invitee", inv.id)
        if inv.walked_in_at is None or inv.id in seen:
            continue
        if not (fork.shared(*row) or row in fork.imported):
            continue  # added at the office since the copy: the room never had it
        key = f"invitee:{inv.id}"
        plan.walk_outs.append((inv, key))
        changes.append(RoomChange(key, "walk_in_removed", _name(inv), _mark_text(
            _office_mark(inv)), tr("Xóa (thêm nhầm)"), row in fork.by_office))  # fmt: skip
    return changes


def _mark_on(s: Session, m: Meeting, inv: Invitee, ri: RoomInvitee, now: datetime) -> None:
    """Record the room's mark through the attendance's own rules (:func:`.attendance._apply`)."""
    times = held_times(s, m)
    late = ri.attendance == "present" and ri.arrived_at is not None and ri.arrived_at > times.start
    mark = clean_mark(
        AttendanceMark(
            inv.id,
            "late" if late else ri.attendance,
            ri.reason,
            ri.substitute_name,
            ri.substitute_position,
            ri.arrived_at if late else None,
        ),
        None,
    )
    # The room asked about an arrival far past the planned end already: confirmed.
    _apply(m, inv, mark, None, now, times, True, now)
    if ri.arrived_at is not None and not late:
        inv.arrived_at = ri.arrived_at  # recorded late, read on time by the actual start: kept


def _walk_in_item(s: Session, ri: RoomInvitee) -> Invitation:
    """Who the walk-in was on the copy: the same person or unit on record when the office has
    them under that name, else a guest with the name, position and agency the room recorded."""
    if ri.person_id is not None:
        person = s.get(Person, ri.person_id)
        if person is not None and fold(person.full_name) == fold(ri.name):
            return Invitation(person_id=person.id, category=ri.category)
    if ri.unit_id is not None:
        unit = s.get(Unit, ri.unit_id)
        if unit is not None and fold(unit.name) in (fold(ri.unit), fold(ri.name)):
            return Invitation(unit_id=unit.id, category=ri.category)
    return Invitation(
        guest_name=ri.name, position=ri.position, unit_name=ri.unit, category=ri.category
    )


def _add_walk_in(
    s: Session, m: Meeting, ri: RoomInvitee, came: datetime, at: datetime, told_apart: bool
) -> None:
    """``told_apart``: the plan found nobody on the office's list who is this walk-in."""
    if came.date() < m.starts_at.date():
        raise BcdError(
            tr("“{name}”: ghi dự họp trước ngày họp ({day}).").format(
                name=ri.name, day=f"{m.starts_at:%d/%m/%Y}"
            )
        )
    [item] = clean_invitations([_walk_in_item(s, ri)])
    # Told apart from the office's list by the plan, a namesake there is another person. A row
    # older than its uid gets a new one (found again by name, position and agency).
    inv = walk_in_on_loaded(s, m, item, came, ri.uid if told_apart else None,
                            namesake=told_apart)  # fmt: skip
    _mark_on(s, m, inv, ri, at)


def apply_invitees(
    s: Session, m: Meeting, plan: InviteePlan, side: Mapping[str, str], at: datetime
) -> int:
    """Apply ``plan`` in the caller's transaction (``side``: each place's side taken, the
    room's, the office's or a walk-in); returns how many places changed. The caller bumps the
    meeting's version."""

    def wins(key: str) -> bool:
        return side.get(key) == ROOM

    applied = 0
    for inv, ri, key in plan.marks:
        if wins(key):
            _mark_on(s, m, inv, ri, at)
            applied += 1
    for ri, key in plan.walk_ins:
        if wins(key):  # else its time doubtful, the office's side chosen: not added
            _add_walk_in(s, m, ri, ri.walked_in_at or at, at, True)
            applied += 1
    for inv, key in plan.walk_outs:
        if wins(key):
            remove_walk_in_on_loaded(m, inv.id)
            applied += 1
    for ri, key in plan.rejoins:
        if side.get(key) == WALK_IN:  # came, though no longer called: by their arrival
            _add_walk_in(s, m, ri, ri.arrived_at or held_times(s, m).start, at, False)
            applied += 1
    return applied
