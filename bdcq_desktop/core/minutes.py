"""Finalising the minutes (Biên bản): locked, fingerprinted, the meeting marked.

The minutes become final when they are issued: the SHA-256 of the issued PDF goes to
``Minutes.pdf_sha256``, the minutes are locked and the meeting becomes ``minutes_final``, in the
register's transaction that takes the number, so a number never exists without the lock nor
the lock without the number; an "issued" revision records the text issued. Reopening
(:func:`.minutes_text.reopen_minutes`) and the draft's revisions are in :mod:`.minutes_text`.
The documents engine reads :func:`minutes_state` before it builds
the PDF and calls :func:`finalise_issued` when it registers it; if anyone saved the meeting or its
minutes in between, the PDF would not be what is stored: ``ConflictError``, and the number, the
file and the lock are all rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from .db import Database
from .errors import ConflictError, NotFoundError
from .i18n import tr
from .meeting_rules import load_meeting
from .minutes_text import add_revision
from .models import IssuedDocument, Meeting, MeetingStatus, Minutes


@dataclass(frozen=True)
class MinutesState:
    """The versions of a meeting and of its minutes (``None``: none written yet)."""

    meeting_id: int
    meeting_version: int
    minutes_version: int | None


def _state(s: Session, meeting_id: int) -> MinutesState | None:
    row = s.execute(
        select(Meeting.version, Minutes.version)
        .outerjoin(Minutes, Minutes.meeting_id == Meeting.id)
        .where(Meeting.id == meeting_id)
    ).first()
    return None if row is None else MinutesState(meeting_id, row[0], row[1])


def _missing(meeting_id: int | None) -> NotFoundError:
    return NotFoundError(
        tr("Không tìm thấy {what} có mã {id}.").format(what=tr("cuộc họp"), id=meeting_id)
    )


def minutes_state(db: Database, meeting_id: int | None) -> MinutesState:
    """What :func:`finalise_issued` will check: read before the PDF is built."""
    if meeting_id is None:
        raise _missing(meeting_id)
    with db.session() as s:
        state = _state(s, meeting_id)
    if state is None:
        raise _missing(meeting_id)
    return state


def _changed() -> ConflictError:
    return ConflictError(
        tr(
            "Cuộc họp hoặc biên bản vừa được sửa trong lúc ban hành; chưa cấp số. Hãy xem lại "
            "biên bản rồi ban hành lại."
        )
    )


def finalise_issued(s: Session, expected: MinutesState, pdf_sha256: str) -> None:
    """Lock the minutes of ``expected.meeting_id`` under the fingerprint of their issued PDF,
    in the caller's transaction (the register's). Refused with ``ConflictError`` if the meeting
    or its minutes changed since ``expected`` was read."""
    if s.get_bind().dialect.name == "postgresql":
        # Hold the meeting row: no save slips in between the check and the update.
        s.execute(select(Meeting.id).where(Meeting.id == expected.meeting_id).with_for_update())
    if _state(s, expected.meeting_id) != expected:
        raise _changed()
    # With what the issued revision's draft reads (invitees, their people, the chair): in a
    # few queries rather than one per invitee.
    meeting = load_meeting(
        s, expected.meeting_id, joinedload(Meeting.chair), joinedload(Meeting.secretary)
    )
    mins = s.scalar(select(Minutes).where(Minutes.meeting_id == meeting.id))
    if mins is None:
        # The actual times stay unrecorded (the PDF prints the planned ones): copying the plan
        # here would pass it off as what happened (meeting_close records the actual end).
        mins = Minutes(meeting_id=meeting.id)
        s.add(mins)
    mins.pdf_sha256 = pdf_sha256
    mins.is_final = True
    # Kept when already set (minutes finalised on paper before they were issued here).
    mins.finalised_at = mins.finalised_at or datetime.now().replace(microsecond=0)
    meeting.status = MeetingStatus.MINUTES_FINAL
    try:
        s.flush()  # the version columns check nobody saved since the state was read
    except StaleDataError:
        raise _changed() from None
    # The issued text joins the minutes' history (the revision a reopening starts from).
    number = s.scalar(select(IssuedDocument.symbol).where(IssuedDocument.sha256 == pdf_sha256))
    add_revision(s, meeting, mins, "issued", symbol=number or "", sha256=pdf_sha256)
