"""Merging a meeting's record brought back from the room (:mod:`.room_record`) into the office
database, which kept working meanwhile.

:func:`preview_meeting_record` says what would change (each invitee's mark before → after, the
walk-ins to add and those the room removed, the notes, the actual start and end, the opening
and closing, the conclusions and their tasks: :mod:`.room_conclusions`) and the conflicts: a
place the office itself changed after the copy was taken, differently. What the office changed
is read from its change log after the fork (:mod:`.room_fork`). The live notes are autosaved
without a change-log row: whether the room changed them is read from the texts, never from the
laptop's clock (:func:`_plan_notes`); the room's text continuing the office's is no conflict.
Times the room recorded outside the meeting's possible span, or later than the office's now (a
laptop clock set wrong), are flagged, and applied only when the officer chooses the room's.

:func:`apply_meeting_record` applies it in one transaction, all or nothing, through the rules
of the calls the room used (:func:`.attendance` marks, :func:`.walk_in.walk_in_on_loaded` and
:func:`~.walk_in.remove_walk_in_on_loaded`, :func:`.live_notes.clean_notes`,
:mod:`.meeting_close`'s checks, :mod:`.conclusions`' own calls), each conflict applied only as
resolved (``resolve``: key → ``"room"`` or ``"office"``); the change log, and the minutes'
revision it saves, name the room's file as where the changes came from. Applied again, the
same file changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .attendance import _apply, mark_held_if_started
from .attendance_marks import MARK_LABELS, AttendanceMark, clean_mark
from .audit import current_user
from .backup import safety_backup
from .db import Database
from .errors import BcdError
from .held_times import held_times
from .i18n import tr
from .invitees import Invitation, clean_invitations
from .live_notes import clean_notes
from .locking import check_version
from .locking import touch as touch_row
from .meeting_close import _check, _check_start, _save
from .meeting_rules import load_meeting, touch, what
from .minutes_text import add_revision
from .models import (
    AgendaItem,
    Invitee,
    Meeting,
    MeetingStatus,
    Minutes,
    NotesRevision,
    Person,
    Unit,
    utcnow,
)
from .room_conclusions import ConclusionPlan, apply_conclusions, fork_ids, plan_conclusions
from .room_fork import ROOM, SIDES, Fork, RoomChange, find_fork, plain, shown
from .room_record import RoomInvitee, RoomItem, RoomRecord, database_uid
from .room_times import doubtful_time
from .text import fold
from .walk_in import remove_walk_in_on_loaded, walk_in_on_loaded

_MARK_FIELDS = ("attendance", "absence_reason", "substitute_name", "substitute_position",
                "arrived_at")  # fmt: skip
_MINUTES_FIELDS = {
    "opened_at": "Giờ bắt đầu thực tế",
    "closed_at": "Giờ kết thúc thực tế",
    "opening_text": "Phần mở đầu",
    "closing_text": "Phần kết thúc",
}


@dataclass(frozen=True)
class RoomPreview:
    meeting_id: int
    title: str
    version: int  # the office meeting's version: what apply expects
    changes: tuple[RoomChange, ...]

    @property
    def conflicts(self) -> tuple[RoomChange, ...]:
        return tuple(c for c in self.changes if c.conflict)


@dataclass(frozen=True)
class RoomApplied:
    version: int  # the meeting's version now
    applied: int  # how many places changed (0: the file was applied already)
    skipped: tuple[str, ...]


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


@dataclass
class _Plan:
    m: Meeting
    mins: Minutes | None
    now: datetime  # the office's: a time the room recorded later than it is the laptop's clock
    changes: list[RoomChange]
    marks: list[tuple[Invitee, RoomInvitee, str]]  # (office row, room's, key)
    walk_ins: list[tuple[RoomInvitee, str]]
    notes: list[tuple[AgendaItem, RoomItem, str]]
    minutes: dict[str, tuple[Any, str]]  # field → (room's value, key)
    walk_outs: list[tuple[Invitee, str]]  # walk-ins the room removed
    conclusions: ConclusionPlan


def _office_mark(inv: Invitee) -> tuple[Any, ...]:
    return tuple(plain(getattr(inv, f)) for f in _MARK_FIELDS)


def _plan(s: Session, record: RoomRecord, now: datetime) -> _Plan:
    if database_uid(s) != record.database_uid:
        raise BcdError(
            tr(
                "Tệp biên ghi này được xuất từ bản sao của một cơ sở dữ liệu khác (không phải cơ "
                "sở dữ liệu đang mở): không nhập được. Hãy mở đúng cơ sở dữ liệu của văn phòng "
                "đã chép sang máy phòng họp."
            )
        )
    m = s.get(Meeting, record.meeting_id)
    if m is None or m.uid != record.meeting_uid:
        raise BcdError(
            tr("Cuộc họp “{title}” (mã {id}) đã bị xóa ở văn phòng: không nhập được.").format(
                title=record.title, id=record.meeting_id
            )
        )
    m = load_meeting(s, record.meeting_id)
    mins = s.scalar(select(Minutes).where(Minutes.meeting_id == m.id))
    if m.status == MeetingStatus.CANCELLED:
        raise BcdError(tr("Cuộc họp “{title}” đã bị hủy ở văn phòng: không nhập được.").format(
            title=m.title))  # fmt: skip
    if m.status == MeetingStatus.MINUTES_FINAL or (mins is not None and mins.is_final):
        raise BcdError(
            tr(
                "Biên bản cuộc họp “{title}” đã ban hành ở văn phòng: không nhập biên ghi phòng "
                "họp được. Cần bổ sung thì mở lại biên bản trước."
            ).format(title=m.title)
        )
    ids = {
        "invitee": [i.id for i in m.invitees] + [i.id for i in record.invitees],
        "agenda_item": [a.id for a in m.agenda],
        "minutes": [mins.id] if mins else [],
        **fork_ids(m, record),
    }
    fork = find_fork(s, record, ids, deletes=("conclusion", "task"))
    plan = _Plan(m, mins, now, [], [], [], [], {}, [], ConclusionPlan())
    _plan_invitees(plan, fork, record)
    _plan_notes(s, plan, fork, record)
    _plan_minutes(plan, fork, record)
    plan.conclusions, changes = plan_conclusions(s, m, record, fork)
    plan.changes.extend(changes)
    return plan


def _plan_invitees(plan: _Plan, fork: Fork, record: RoomRecord) -> None:
    office = {i.id: i for i in plan.m.invitees}
    walk_ins = {fold(i.name_snapshot or i.guest_name or ""): i for i in plan.m.invitees}
    for ri in record.invitees:
        inv = office.get(ri.id)
        same = (
            inv is not None
            and ("invitee", ri.id) not in fork.inserted
            and (inv.person_id, inv.unit_id, inv.guest_name)
            == (ri.person_id, ri.unit_id, ri.guest_name)
        )
        room = tuple(plain(v) for v in ri.mark)
        if not same and ri.walked_in_at is not None:
            inv = walk_ins.get(fold(ri.name))
            key = f"walk_in:{ri.id}"
            if inv is None:
                doubt = doubtful_time((ri.walked_in_at, ri.arrived_at), plan.m, plan.now)
                plan.walk_ins.append((ri, key))
                plan.changes.append(RoomChange(key, "walk_in", ri.name, "", _mark_text(room),
                                               bool(doubt), doubt=doubt))  # fmt: skip
                continue
            if inv.walked_in_at is None:
                why = tr("đã có trong danh sách mời ở văn phòng: điểm danh ở đó")
                plan.changes.append(
                    RoomChange(key, "walk_in", ri.name, "", _mark_text(room), skipped=why)
                )
                continue
            base = _office_mark(inv)  # the same walk-in, brought back before: a plain compare
        elif not same or inv is None:
            if ri.attendance != "unknown":
                why = tr("đã bị bỏ khỏi danh sách ở văn phòng")
                plan.changes.append(
                    RoomChange(f"invitee:{ri.id}", "attendance", ri.name, "", _mark_text(room),
                               skipped=why)
                )  # fmt: skip
            continue
        else:
            key = f"invitee:{ri.id}"
            base = fork.three_way("invitee", inv.id, _MARK_FIELDS, _office_mark(inv))
        now = _office_mark(inv)
        if room in (now, base):
            continue  # the same, or the room did not change it (the office's stays)
        doubt = doubtful_time((ri.arrived_at,), plan.m, plan.now)
        plan.marks.append((inv, ri, key))
        plan.changes.append(RoomChange(key, "attendance", ri.name, _mark_text(now),
            _mark_text(room), now != base or bool(doubt), doubt=doubt))  # fmt: skip
    _plan_walk_outs(plan, fork, record)


def _plan_walk_outs(plan: _Plan, fork: Fork, record: RoomRecord) -> None:
    """The walk-ins the room removed ("Xóa người dự thêm nhầm"): on the copy (not added at the
    office since) and not in the room's list. The office having changed one since (marked it,
    corrected it) is a conflict."""
    listed = {ri.id for ri in record.invitees}
    for inv in plan.m.invitees:
        if inv.walked_in_at is None or inv.id in listed or not fork.shared("invitee", inv.id):
            continue
        key = f"invitee:{inv.id}"
        name = inv.name_snapshot or inv.guest_name or ""
        plan.walk_outs.append((inv, key))
        plan.changes.append(RoomChange(key, "walk_in_removed", name, _mark_text(_office_mark(inv)),
            tr("Xóa (thêm nhầm)"), ("invitee", inv.id) in fork.touched))  # fmt: skip


def _plan_notes(s: Session, plan: _Plan, fork: Fork, record: RoomRecord) -> None:
    """The room's notes against the text the item had on the copy. Whether the room changed
    an item's notes is read from the texts alone: the laptop's clock (which stamps its notes)
    may be hours or a day off the office's, so its times say nothing of the fork. The text at
    the copy is the office's own when the office has not written the notes since the fork
    (both times the office's clock); else the change log's old value when a logged edit
    changed them, else unknown: the room's text is then a conflict for the officer to decide,
    unless it continues the office's text or is one the office had before (never dropped)."""
    office = {a.id: a for a in plan.m.agenda}
    for ri in record.items:
        item = office.get(ri.id)
        key = f"item:{ri.id}"
        if item is None:
            if ri.notes:
                plan.changes.append(RoomChange(key, "notes", ri.title, "", ri.notes,
                    skipped=tr("mục này đã bị xóa khỏi chương trình ở văn phòng")))  # fmt: skip
            continue
        theirs = item.minutes_text or ""
        if theirs == ri.notes:
            continue
        logged = ("agenda_item", item.id, "minutes_text") in fork.first_old
        written = item.updated_at is not None and (
            fork.at_utc is None or item.updated_at > fork.at_utc)  # fmt: skip
        if logged:
            base: str | None = fork.first_old[("agenda_item", item.id, "minutes_text")] or ""
        elif not written:
            base = theirs  # the office left the notes as they were on the copy
        else:
            base = None  # written at the office since the copy, from what text is not known
        if base is None and (theirs.startswith(ri.notes) or ri.notes in _earlier_notes(s, item.id)):
            continue  # the office has every word of it, or had this text and changed it since
        if ri.notes == base:
            continue  # the room left them; the office's own change stays
        conflict = (base is None or theirs != base) and not ri.notes.startswith(theirs)
        plan.notes.append((item, ri, key))
        plan.changes.append(RoomChange(key, "notes", item.title, theirs, ri.notes, conflict))


def _earlier_notes(s: Session, item_id: int) -> set[str]:
    """The texts an item's notes had at the office before (those a concurrent save displaced)."""
    rows = s.scalars(select(NotesRevision.text).where(NotesRevision.agenda_item_id == item_id))
    return set(rows)


def _plan_minutes(plan: _Plan, fork: Fork, record: RoomRecord) -> None:
    fields = tuple(_MINUTES_FIELDS)
    mins = plan.mins
    now = tuple(plain(getattr(mins, f)) if mins else None for f in fields)
    base = fork.three_way("minutes", mins.id if mins else None, fields, now)
    for n, field in enumerate(fields):
        room = getattr(record, field)
        if plain(room) in (now[n], base[n]):
            continue
        key = f"minutes:{field}"
        doubt = doubtful_time((room,), plan.m, plan.now) if isinstance(room, datetime) else ""
        plan.minutes[field] = (room, key)
        plan.changes.append(
            RoomChange(
                key,
                field,
                tr(_MINUTES_FIELDS[field]),
                shown(getattr(mins, field) if mins else None),
                shown(room),
                now[n] != base[n] or bool(doubt),
                doubt=doubt,
            )
        )


def preview_meeting_record(
    db: Database, record: RoomRecord, *, now: datetime | None = None
) -> RoomPreview:
    """What applying ``record`` would change, and the conflicts (see the module doc);
    ``now``: the office's time (a time the room recorded later than it is flagged)."""
    at = now or datetime.now().replace(microsecond=0)
    with db.session() as s:
        plan = _plan(s, record, at)
        return RoomPreview(plan.m.id, plan.m.title, plan.m.version, tuple(plan.changes))


# --- applying -----------------------------------------------------------------------------------


def _choices(changes: list[RoomChange], resolve: Mapping[str, str]) -> dict[str, str]:
    """``resolve`` checked against the preview's rows: every conflict without a default
    chosen, each choice one its row offers; refused whole (nothing applied) otherwise."""
    rows = {c.key: c for c in changes}
    bad = sorted(k for k, v in resolve.items() if k in rows and v not in rows[k].options)
    if bad:
        raise BcdError(
            tr("Chỗ {keys} chỉ nhận: {sides}. Chưa nhập gì.").format(
                keys=", ".join(bad)[:200], sides=", ".join(rows[bad[0]].options)
            )
        )
    open_conflicts = [c for c in changes if c.conflict and not c.side(resolve) and not c.skipped]
    if open_conflicts:
        raise BcdError(
            tr("Còn {n} xung đột chưa chọn giữ bên nào: {names}. Chưa nhập gì.").format(
                n=len(open_conflicts),
                names="; ".join(f"{c.what} ({c.key})" for c in open_conflicts)[:500],
            )
        )
    return {c.key: c.side(resolve) for c in changes if not c.skipped}


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


def apply_meeting_record(
    db: Database,
    record: RoomRecord,
    *,
    expected_version: int | None,
    resolve: Mapping[str, str] | None = None,
    now: datetime | None = None,
    confirm_after_notice: bool = False,
) -> RoomApplied:
    """Apply ``record`` (see the module doc); ``expected_version``: the meeting's version the
    preview showed. Every conflict must be resolved (``resolve``: its key → ``"room"`` or
    ``"office"``), else nothing is applied. The conclusions notice issued already: changing
    its conclusions is asked first, as the conclusions' own calls ask
    (:class:`.errors.IssuedNoticeWarning`, confirmed by ``confirm_after_notice``)."""
    choices = dict(resolve or {})
    bad = sorted(k for k, v in choices.items() if v not in SIDES)
    if bad:
        raise BcdError(
            tr("Cách giải quyết xung đột chỉ nhận “room” hoặc “office” ({keys}).").format(
                keys=", ".join(bad)[:200]
            )
        )
    at = now or datetime.now().replace(microsecond=0)
    # A merge of many rows, its conflicts chosen by hand: one chosen wrongly, or the wrong
    # file, is undone from the copy taken just before (as before a roster import). PostgreSQL
    # is backed up on its server (safety_backup takes none there, as for the roster import).
    safety_backup(db, "before-room-import")
    with db.session() as s:
        s.info["audit_user"] = tr("{user} (biên ghi phòng họp {at})").format(
            user=current_user()[:40], at=f"{record.exported_at:%d/%m/%Y %H:%M}"
        )
        plan = _plan(s, record, at)
        m = plan.m
        check_version(m, expected_version, what())
        side = _choices(plan.changes, choices)

        def wins(key: str) -> bool:
            return side.get(key) == ROOM

        applied = 0
        if "opened_at" in plan.minutes:
            value, key = plan.minutes["opened_at"]
            if wins(key):
                if value is not None:
                    _check_start(value, m, plan.mins.closed_at if plan.mins else None, at)
                _save(s, m, plan.mins, "opened_at", value)
                applied += 1
        touched = False
        for inv, ri, key in plan.marks:
            if wins(key):
                _mark_on(s, m, inv, ri, at)
                touched = True
                applied += 1
        for ri, key in plan.walk_ins:
            if not wins(key):
                continue  # its time doubtful, the office's side chosen: not added
            came = ri.walked_in_at or at
            if came.date() < m.starts_at.date():
                raise BcdError(
                    tr("“{name}”: ghi dự họp trước ngày họp ({day}).").format(
                        name=ri.name, day=f"{m.starts_at:%d/%m/%Y}"
                    )
                )
            [item] = clean_invitations([_walk_in_item(s, ri)])
            inv = walk_in_on_loaded(s, m, item, came)
            _mark_on(s, m, inv, ri, at)
            touched = True
            applied += 1
        for inv, key in plan.walk_outs:
            if wins(key):
                remove_walk_in_on_loaded(m, inv.id)
                touched = True
                applied += 1
        done = apply_conclusions(s, m, plan.conclusions, wins, at, confirm_after_notice)
        applied += done
        if touched or done:
            mark_held_if_started(m, at)
            touch(s, m)
        mins = s.scalar(select(Minutes).where(Minutes.meeting_id == m.id))
        minutes_changed = False
        for item, ri, key in plan.notes:
            if not wins(key):
                continue
            theirs = item.minutes_text or ""
            if theirs and not ri.notes.startswith(theirs):
                # The office's text is kept, as a concurrent live save keeps it.
                s.add(NotesRevision(agenda_item_id=item.id, saved_at=utcnow(),
                    author=s.info["audit_user"], text=theirs, reason="displaced"))  # fmt: skip
            item.minutes_text = clean_notes(ri.notes)
            minutes_changed = True
            applied += 1
        for field in ("opening_text", "closing_text"):
            if field in plan.minutes:
                value, key = plan.minutes[field]
                if wins(key):
                    if mins is None:
                        mins = Minutes(meeting_id=m.id)
                        s.add(mins)
                    setattr(mins, field, value)
                    minutes_changed = True
                    applied += 1
        if minutes_changed or (done and mins is not None):
            if mins is None:
                mins = Minutes(meeting_id=m.id)
                s.add(mins)
            s.flush()
            touch_row(mins)  # the notes are the minutes' too: their version guards them
            add_revision(s, m, mins, "room")
        if "closed_at" in plan.minutes:
            value, key = plan.minutes["closed_at"]
            if wins(key):
                if value is not None:
                    start = (mins.opened_at if mins else None) or m.starts_at
                    _check(value, start, at, m.invitees)
                _save(s, m, mins, "closed_at", value)
                applied += 1
        s.flush()
        return RoomApplied(m.version, applied, tuple(
            f"{c.what}: {c.skipped}" for c in plan.changes if c.skipped))  # fmt: skip
