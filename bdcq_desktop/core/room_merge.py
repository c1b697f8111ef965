"""Merging a meeting's record brought back from the room (:mod:`.room_record`) into the office
database, which kept working meanwhile.

:func:`preview_meeting_record` says what would change (each invitee's mark before → after, the
walk-ins to add and those the room removed: :mod:`.room_invitees`; the notes, the actual start
and end, the opening and closing; the conclusions and their tasks: :mod:`.room_conclusions`)
and the conflicts: a place the office itself changed after the copy was taken, differently.
What the office changed is read from its change log after the fork (:mod:`.room_fork`), what an
earlier import of the room's record wrote there being the room's own. The live notes are autosaved
without a change-log row: whether the room changed them is read from the texts, never from the
laptop's clock (:func:`_plan_notes`); the room's text continuing the office's is no conflict.
Times the room recorded outside the meeting's possible span, or later than the office's now (a
laptop clock set wrong), are flagged, and applied only when the officer chooses the room's.

:func:`apply_meeting_record` applies it in one transaction, all or nothing, through the rules
of the calls the room used (:func:`.attendance` marks, :func:`.walk_in.walk_in_on_loaded` and
:func:`~.walk_in.remove_walk_in_on_loaded`, :func:`.item_notes.clean_notes`,
:mod:`.meeting_close`'s checks, :mod:`.conclusions`' own calls), each conflict applied only as
resolved (``resolve``: key → ``"room"`` or ``"office"``, or ``"walk-in"`` for someone the
office took off the list whom the room checked in); the change log, and the minutes'
revision it saves, name the room's file as where the changes came from. Applied again, the
same file changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .attendance import mark_held_if_started
from .audit import current_user
from .backup import safety_backup
from .db import Database
from .errors import BcdError
from .i18n import tr
from .item_notes import clean_notes
from .locking import check_version
from .locking import touch as touch_row
from .meeting_close import _check, _check_start, _save
from .meeting_rules import load_meeting, touch, what
from .minutes_text import add_revision
from .models import AgendaItem, Meeting, MeetingStatus, Minutes, NotesRevision, utcnow
from .room_conclusions import ConclusionPlan, apply_conclusions, fork_ids, plan_conclusions
from .room_fork import (
    CHOICES,
    OFFICE,
    ROOM,
    SIDES,
    Fork,
    RoomChange,
    find_fork,
    import_user,
    plain,
    shown,
)
from .room_invitees import InviteePlan, apply_invitees, plan_invitees
from .room_record import RoomItem, RoomRecord, database_uid
from .room_serial import last_imported, remember_import
from .room_times import doubtful_time

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
    # A later file from the same laptop imported already (when the laptop wrote it): this one
    # is older, each of its differences a choice.
    newer_import: datetime | None = None

    @property
    def conflicts(self) -> tuple[RoomChange, ...]:
        return tuple(c for c in self.changes if c.conflict)

    def preferring(self, side: str) -> dict[str, str]:
        """``side`` for every conflict one choice for all may decide (``bdcq meetings
        room-import --prefer``, the dialog's buttons). The office's may be taken for all; the
        room's never where its time is doubtful (the laptop's clock: :mod:`.room_times`) nor
        where the row has a default (what the office deleted since): each of those is the
        officer's choice on its own."""
        return {c.key: side for c in self.conflicts if side in c.options and not c.skipped
                and (side == OFFICE or not (c.doubt or c.default))}  # fmt: skip


@dataclass(frozen=True)
class RoomApplied:
    version: int  # the meeting's version now
    applied: int  # how many places changed (0: the file was applied already)
    skipped: tuple[str, ...]


@dataclass
class _Plan:
    m: Meeting
    mins: Minutes | None
    now: datetime  # the office's: a time the room recorded later than it is the laptop's clock
    changes: list[RoomChange]
    notes: list[tuple[AgendaItem, RoomItem, str]]
    minutes: dict[str, tuple[Any, str]]  # field → (room's value, key)
    invitees: InviteePlan
    conclusions: ConclusionPlan
    newer_import: datetime | None = None
    # Notes typed under an item the office took off the agenda since the copy: (the item they
    # go under, None for the minutes' closing when no item is left; the text added; the key).
    moved: list[tuple[AgendaItem | None, str, str]] = dataclasses.field(default_factory=list)


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
        "meeting": [m.id],
        "invitee": [i.id for i in m.invitees] + [i.id for i in record.invitees],
        "agenda_item": [a.id for a in m.agenda],
        "minutes": [mins.id] if mins else [],
        **fork_ids(m, record),
    }
    fork = find_fork(s, record, ids, deletes=("conclusion", "task", "invitee"))
    plan = _Plan(m, mins, now, [], [], {}, InviteePlan(), ConclusionPlan())
    plan.invitees, changes = plan_invitees(m, record, fork, now)
    plan.changes.extend(changes)
    _plan_notes(s, plan, fork, record)
    _plan_minutes(plan, fork, record)
    plan.conclusions, changes = plan_conclusions(s, m, record, fork)
    plan.changes.extend(changes)
    plan.newer_import = _newer_import(s, record, fork, bool(plan.changes))
    if plan.newer_import is not None:
        # An older file than one brought in already: what it says differently is mostly what
        # the newer one changed since, not the room's latest. Nothing of it goes in unchosen.
        # (Notes moved from an item the office removed may then be left out: the office's.)
        plan.changes = [c if c.conflict or c.skipped else
                        replace(c, conflict=True, options=SIDES)
                        for c in plan.changes]  # fmt: skip
    return plan


def _newer_import(s: Session, record: RoomRecord, fork: Fork, differs: bool) -> datetime | None:
    """When the laptop wrote the later file from the same copy imported already (None: this
    one is the latest). Told by the export's number (:mod:`.room_serial`), never the clock:
    two files written within one minute are told apart, and a laptop clock set back does not
    make a later file look older. The same file again differs from the office only where the
    office changed since: each such place is a choice too. A file without a number (written by
    an older version) is judged by the minute it was written, as the import signs what it
    changes."""
    if record.copy_uid and record.serial is not None:
        # A numbered file is written by a version that numbers every file: one taken before
        # from the same copy is numbered too (a file from another copy says nothing of it).
        last = last_imported(s, record.copy_uid, record.meeting_id)
        if last is None:
            return None
        older = record.serial < last.serial or (record.serial == last.serial and differs)
        return last.exported_at if older else None
    written = record.exported_at.replace(second=0, microsecond=0)  # as the import signs it
    if fork.last_import is not None and fork.last_import > written:
        return fork.last_import
    return None


def _plan_notes(s: Session, plan: _Plan, fork: Fork, record: RoomRecord) -> None:
    """The room's notes against the text the item had on the copy. Whether the room changed
    an item's notes is read from the texts alone: the laptop's clock (which stamps its notes)
    may be hours or a day off the office's, so its times say nothing of the fork. The text at
    the copy is the office's own when the office has not written the notes since the fork
    (both times the office's clock); else the change log's old value when a logged edit
    changed them, else unknown: the room's text is then a conflict for the officer to decide,
    unless it continues the office's text or is one the office had before (never dropped)."""
    office = {a.id: a for a in plan.m.agenda}
    for n, ri in enumerate(record.items):
        item = office.get(ri.id)
        key = f"item:{ri.id}"
        if item is None:
            if ri.notes:
                _plan_moved(plan, n, ri, key)
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


def _plan_moved(plan: _Plan, n: int, ri: RoomItem, key: str) -> None:
    """Notes the room typed under an item the office took off the agenda since the copy (it
    replaced or merged items): never dropped. They go at the end of the item now in the same
    place on the agenda (the one that replaced it, as a secretary reads it), else of the last
    item, under the old item's title; with no item left, at the end of the minutes' closing.
    Nothing to choose: the office's text stays whole, the room's is added after it; what an
    import added before (the same file again) is not added twice."""
    agenda = sorted(plan.m.agenda, key=lambda a: (a.position, a.id))
    target = agenda[min(n, len(agenda) - 1)] if agenda else None
    heading = tr("[Ghi tại phòng họp dưới mục “{title}”, mục này đã bị xóa khỏi chương trình ở "
                 "văn phòng]").format(title=ri.title)  # fmt: skip
    block = f"{heading}\n{clean_notes(ri.notes)}"
    # Added before (the same file again): the block whole, as the import wrote it; a short
    # note ("Nhất trí.") found inside other text is no sign it was.
    closing = (plan.mins.closing_text if plan.mins else None) or ""
    held = [a.minutes_text or "" for a in agenda] + [closing]
    if any(block in text for text in held):
        return
    if target is not None:
        where = tr("Mục “{title}” đã bị xóa khỏi chương trình ở văn phòng: ghi chép được ghi "
                   "thêm vào cuối mục “{target}”, dưới tên mục cũ").format(
            title=ri.title, target=target.title)  # fmt: skip
    else:
        where = tr("Mục “{title}” đã bị xóa khỏi chương trình ở văn phòng: ghi chép được ghi "
                   "thêm vào cuối phần kết thúc của biên bản, dưới tên mục cũ").format(
            title=ri.title)  # fmt: skip
    plan.moved.append((target, block, key))
    plan.changes.append(RoomChange(key, "notes", ri.title, where, ri.notes, options=(ROOM,)))


def _append(text: str | None, block: str) -> str:
    return f"{text.rstrip()}\n\n{block}" if text and text.strip() else block


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
        return RoomPreview(plan.m.id, plan.m.title, plan.m.version, tuple(plan.changes),
                           plan.newer_import)  # fmt: skip


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
    bad = sorted(k for k, v in choices.items() if v not in CHOICES)
    if bad:
        raise BcdError(
            tr("Cách giải quyết xung đột chỉ nhận “room”, “office” hoặc “walk-in” ({keys}).")
            .format(keys=", ".join(bad)[:200])
        )
    at = now or datetime.now().replace(microsecond=0)
    # A merge of many rows, its conflicts chosen by hand: one chosen wrongly, or the wrong
    # file, is undone from the copy taken just before (as before a roster import). PostgreSQL
    # is backed up on its server (safety_backup takes none there, as for the roster import).
    safety_backup(db, "before-room-import")
    with db.session() as s:
        s.info["audit_user"] = import_user(current_user(), record.exported_at)
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
        touched = apply_invitees(s, m, plan.invitees, side, at)
        applied += touched
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
        for name in ("opening_text", "closing_text"):
            if name in plan.minutes:
                value, key = plan.minutes[name]
                if wins(key):
                    if mins is None:
                        mins = Minutes(meeting_id=m.id)
                        s.add(mins)
                    setattr(mins, name, value)
                    minutes_changed = True
                    applied += 1
        for target, block, key in plan.moved:
            if not wins(key):
                continue
            if target is not None:
                target.minutes_text = _append(target.minutes_text, block)
            else:
                if mins is None:
                    mins = Minutes(meeting_id=m.id)
                    s.add(mins)
                mins.closing_text = _append(mins.closing_text, block)
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
        if applied and record.copy_uid and record.serial is not None:
            # The file is the copy's latest brought in (a file that changed nothing leaves the
            # office's database as it was: an older one is then judged against the office).
            remember_import(s, record.copy_uid, m.id, record.serial, record.exported_at)
        s.flush()
        return RoomApplied(m.version, applied, tuple(
            f"{c.what}: {c.skipped}" for c in plan.changes if c.skipped))  # fmt: skip
