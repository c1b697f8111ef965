"""Live notes: what is said under each agenda item, typed during the meeting and autosaved.

:func:`save_item_notes` is built for an autosave every second or two: one short transaction
(one conditional ``UPDATE`` in the usual case), idempotent (saving the text already stored
writes nothing), and it never loses text. The caller passes the item's version its text was
based on (``base_version``, from :func:`item_notes` or the previous save's result):

- the version is still that one: the text is written, the version bumped;
- someone else saved the item's notes in between (another officer, another PC): the text
  typed here is written, *their* text is kept as a :class:`NotesRevision` ("displaced") and the
  result says so (``conflict``), so the screen can offer to merge it back. Nothing is silently
  overwritten, and the one typing keeps seeing exactly what is stored.

Notes are stored as typed (NFC, line breaks normalised, nothing stripped), so an autosave never
changes the editor's text under the cursor. A save bumps the minutes' version (creating the
minutes row on the first note), so issuing the minutes while someone is still typing is refused
(:func:`.minutes.finalise_issued`) instead of issuing a PDF without the last words. Autosaves are
not written one by one to the change log (the whole text thousands of times); the minutes'
revisions record the notes when the minutes are saved, reopened or issued.

:class:`NotesAutosave` wires it to :class:`.autosave.Autosaver` for one meeting, and
:func:`meeting_being_held` tells a restarted application which meeting to reopen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from . import validation as v
from .audit import current_user
from .autosave import Autosaver
from .db import Database
from .errors import BcdError, ConflictError, NotFoundError
from .i18n import tr
from .item_notes import ItemNotes, clean_notes
from .labels import label
from .meeting_rules import OPEN_STATUSES
from .models import AgendaItem, Meeting, MeetingStatus, Minutes, NotesRevision, utcnow

CLOSED = (MeetingStatus.CANCELLED, MeetingStatus.MINUTES_FINAL)
# A restarted application reopens the meeting whose notes were typed this recently.
RECENT_NOTES = timedelta(hours=12)


@dataclass(frozen=True)
class NotesSaved:
    item_id: int
    version: int  # the item's version now: the base of the next save
    minutes_version: int
    written: bool  # False: the stored text was this text already
    conflict: bool  # another save came in between; their text is kept (``displaced``)
    displaced: str
    revision_id: int | None


def local_time(utc: datetime) -> datetime:
    """A stored UTC time (:func:`.models.utcnow`) as this PC's local time, naive."""
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _bump_minutes(s: Session, meeting_id: int, now: datetime) -> int:
    t = Minutes.__table__
    done = s.execute(
        update(t)
        .where(t.c.meeting_id == meeting_id)
        .values(version=t.c.version + 1, updated_at=now)
    )
    if done.rowcount == 0:
        s.execute(
            insert(t).values(
                meeting_id=meeting_id, is_final=False, version=1, created_at=now, updated_at=now
            )
        )
    return int(s.scalar(select(t.c.version).where(t.c.meeting_id == meeting_id)) or 0)


def _refused(status: MeetingStatus) -> BcdError:
    if status == MeetingStatus.MINUTES_FINAL:
        return BcdError(
            tr("Biên bản đã ban hành: ghi chép không sửa được nữa (mở lại biên bản để sửa).")
        )
    return BcdError(
        tr("Cuộc họp đang ở trạng thái “{status}”: không ghi chép được.").format(
            status=label(status)
        )
    )


def save_item_notes(
    db: Database, meeting_id: int, item_id: int, text: object, *, base_version: int
) -> NotesSaved:
    """Store the notes of one agenda item (see the module doc); one short transaction."""
    body = clean_notes(text)
    meeting_id = v.record_id(meeting_id, "meeting_id", tr("Mã cuộc họp"))
    item_id = v.record_id(item_id, "item_id", tr("Mã mục chương trình"))
    version = v.positive_int(base_version, "base_version", tr("Phiên bản ghi chép"), required=True)
    assert version is not None
    base_version = version
    now = utcnow()
    t = AgendaItem.__table__
    open_meeting = select(Meeting.id).where(Meeting.id == meeting_id, Meeting.status.not_in(CLOSED))
    with db.session() as s:
        # The write first: on SQLite it takes the write lock, so what is read below holds.
        done = s.execute(
            update(t)
            .where(
                t.c.id == item_id,
                t.c.meeting_id.in_(open_meeting),
                t.c.version == base_version,
            )
            .values(minutes_text=body, version=t.c.version + 1, updated_at=now)
        )
        if done.rowcount == 1:
            return NotesSaved(
                item_id, base_version + 1, _bump_minutes(s, meeting_id, now), True, False, "", None
            )
        stmt = (
            select(t.c.version, t.c.minutes_text, Meeting.status)
            .join(Meeting, Meeting.id == t.c.meeting_id)
            .where(t.c.id == item_id, t.c.meeting_id == meeting_id)
        )
        if s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(of=t)
        row = s.execute(stmt).first()
        if row is None:
            raise NotFoundError(
                tr("Không có mục {id} trong chương trình cuộc họp {meeting}.").format(
                    id=item_id, meeting=meeting_id
                )
            )
        version, theirs, status = row
        if status in CLOSED:
            raise _refused(status)
        minutes_version = int(
            s.scalar(select(Minutes.version).where(Minutes.meeting_id == meeting_id)) or 0
        )
        if (theirs or "") == body:  # saved already (a repeated save): nothing to do
            return NotesSaved(item_id, version, minutes_version, False, False, "", None)
        revision_id = None
        if theirs:
            revision_id = s.execute(
                insert(NotesRevision.__table__)
                .values(
                    agenda_item_id=item_id,
                    saved_at=now,
                    author=current_user(),
                    text=theirs,
                    reason="displaced",
                )
                .returning(NotesRevision.__table__.c.id)
            ).scalar_one()
        again = s.execute(
            update(t)
            .where(t.c.id == item_id, t.c.version == version)
            .values(minutes_text=body, version=version + 1, updated_at=now)
        )
        if again.rowcount != 1:  # pragma: no cover - the row is locked above
            raise ConflictError(tr("Ghi chép vừa được người khác lưu; hãy lưu lại."))
        return NotesSaved(
            item_id,
            version + 1,
            _bump_minutes(s, meeting_id, now),
            True,
            True,
            theirs or "",
            revision_id,
        )


def item_notes(db: Database, meeting_id: int) -> list[ItemNotes]:
    """Each agenda item's notes with the version a save must be based on."""
    with db.session() as s:
        rows = s.execute(
            select(
                AgendaItem.id,
                AgendaItem.title,
                AgendaItem.minutes_text,
                AgendaItem.version,
                AgendaItem.updated_at,
            )
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
    return [
        ItemNotes(r[0], n, r[1], r[2] or "", r[3], local_time(r[4]) if r[4] else None)
        for n, r in enumerate(rows, start=1)
    ]


def last_saved(notes: list[ItemNotes]) -> ItemNotes | None:
    """Of ``notes`` (:func:`item_notes`), the item with notes written last: the one the officer
    was typing in when the application stopped, whose last sentence may be cut short."""
    typed = [n for n in notes if n.text and n.saved_at is not None]
    return max(typed, key=lambda n: (n.saved_at, n.order)) if typed else None


@dataclass(frozen=True)
class DisplacedNotes:
    id: int
    item_id: int
    saved_at: datetime
    author: str
    text: str


def displaced_notes(db: Database, meeting_id: int) -> list[DisplacedNotes]:
    """The notes kept aside by conflicting saves, newest first (to merge them back)."""
    with db.session() as s:
        rows = s.execute(
            select(NotesRevision)
            .join(AgendaItem, AgendaItem.id == NotesRevision.agenda_item_id)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(NotesRevision.id.desc())
        ).scalars()
        return [
            DisplacedNotes(r.id, r.agenda_item_id, r.saved_at, r.author or "", r.text) for r in rows
        ]


# --- reopening after a crash ---------------------------------------------------------------


@dataclass(frozen=True)
class HeldMeeting:
    id: int
    title: str
    starts_at: datetime
    status: str
    last_notes_at: datetime | None  # UTC, the latest notes saved


def meeting_being_held(db: Database, *, now: datetime | None = None) -> HeldMeeting | None:
    """The meeting to reopen on start: the one whose notes were typed in the last
    :data:`RECENT_NOTES`; otherwise one held (or started) today, the latest started. Meetings
    cancelled or with issued minutes are never picked. ``now`` is local time."""
    local = now or datetime.now()
    utc_now = utcnow() if now is None else now - (datetime.now() - utcnow())
    live = (MeetingStatus.PLANNED, MeetingStatus.CONVENED, MeetingStatus.HELD)
    with db.session() as s:
        last = func.max(AgendaItem.updated_at)
        row = s.execute(
            select(Meeting, last)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .where(
                Meeting.status.in_(live),
                AgendaItem.minutes_text.is_not(None),
                AgendaItem.minutes_text != "",
                AgendaItem.updated_at >= utc_now - RECENT_NOTES,
            )
            .group_by(Meeting.id)
            .order_by(last.desc())
            .limit(1)
        ).first()
        if row is not None:
            m, at = row
            return HeldMeeting(m.id, m.title, m.starts_at, m.status.value, at)
        day = local.replace(hour=0, minute=0, second=0, microsecond=0)
        m = s.scalars(
            select(Meeting)
            .where(
                Meeting.starts_at >= day,
                Meeting.starts_at < day + timedelta(days=1),
                Meeting.starts_at <= local,
                Meeting.status.in_((*OPEN_STATUSES, MeetingStatus.HELD)),
            )
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(1)
        ).first()
        if m is None:
            return None
        return HeldMeeting(m.id, m.title, m.starts_at, m.status.value, None)


# --- the autosave of one meeting's notes -------------------------------------------------------


class NotesAutosave:
    """Autosave of one meeting's live notes, keyed by agenda item id.

    ``versions`` are the items' versions as read (:func:`item_notes`); each save's result
    becomes the base of the next. Callbacks run on the worker thread: ``on_saved(item_id, seq,
    result)``, ``on_conflict(result)`` when another save came in between, ``on_error(item_id,
    seq, exc)``.
    """

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        versions: Mapping[int, int],
        *,
        on_saved: Callable[[Any, int, Any], None] | None = None,
        on_conflict: Callable[[NotesSaved], None] | None = None,
        on_error: Callable[[Any, int, BaseException], None] | None = None,
        delay: float = 0.6,
        max_delay: float = 1.5,
    ) -> None:
        self.db = db
        self.meeting_id = meeting_id
        self._versions = dict(versions)
        self._lock = threading.Lock()
        self._on_conflict = on_conflict
        self.saver = Autosaver(
            self._save, delay=delay, max_delay=max_delay, on_saved=on_saved, on_error=on_error
        )

    def _save(self, item_id: Any, text: str) -> NotesSaved:
        with self._lock:
            base = self._versions[item_id]
        result = save_item_notes(self.db, self.meeting_id, item_id, text, base_version=base)
        with self._lock:
            self._versions[item_id] = result.version
        if result.conflict and self._on_conflict is not None:
            self._on_conflict(result)
        return result

    def submit(self, item_id: int, text: str) -> int:
        return self.saver.submit(item_id, text)

    def save_soon(self) -> None:
        self.saver.save_soon()

    def flush(self, timeout: float | None = 10.0) -> bool:
        return self.saver.flush(timeout)

    def close(self, timeout: float | None = 10.0) -> bool:
        return self.saver.close(timeout)
