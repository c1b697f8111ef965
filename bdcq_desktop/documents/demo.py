"""The demo as a user gets it (``bdcq demo``, the GUI's first start): the data and its register.

The core loads the data in one transaction; the register of a secretariat that has used the
application (the minutes and conclusion notices of past meetings, the convocation and invitation
of the convened one, issued in date order as real PDFs with their numbers) is issued here, one
document per transaction, since each one is built from committed data. A load interrupted in
between is finished by the next call: the documents still due are issued in the same order, so
the numbers come out as in an uninterrupted load.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from ..core.audit import acting_as
from ..core.db import Database
from ..core.demo import DemoSummary, due_documents, load_demo
from ..core.demo_mark import DEMO_ISSUER, demo_unfinished
from ..core.invitee_papers import CONVENING_KINDS
from ..core.models import Meeting, MeetingStatus, Minutes
from . import service


@dataclass(frozen=True)
class DemoResult:
    """``summary`` of the data loaded (None when an interrupted load was only finished) and
    the number of documents issued."""

    summary: DemoSummary | None
    issued: int

def issue_due_documents(db: Database, today: date | None = None) -> int:
    """Issue what the demo's register still lacks; how many were issued. ``today`` is the
    demo's own today (the register refuses dates after it). Meetings of last year are
    registered in last year's register, as they were when they were held."""
    with acting_as(DEMO_ISSUER):  # the register says these are the demo's (see DEMO_ISSUER)
        return _issue_due(db, today)


def _issue_due(db: Database, today: date | None) -> int:
    due = due_documents(db, today)
    # A load killed between issuing a held meeting's convocation and setting its status back
    # left it convened: its minutes would be refused ("cuộc họp chưa diễn ra"). Back first.
    for meeting_id in dict.fromkeys(d.meeting_id for d in due):
        _restore_status(db, meeting_id)
    for doc in due:
        calling = doc.kind in CONVENING_KINDS
        if calling:
            # The register refuses to call people to a meeting held: the office issued these
            # before it, so the meeting is convened again while they are issued.
            _set_status(db, doc.meeting_id, MeetingStatus.CONVENED)
        service.issue(
            db,
            doc.kind,
            doc.meeting_id,
            issued_on=doc.issued_on,
            today=today,
            allow_past_year=True,
            confirm_late=True,  # the register of meetings held long before the demo's today
        )
        if calling:
            _restore_status(db, doc.meeting_id)
    return len(due)


def _set_status(db: Database, meeting_id: int, status: MeetingStatus) -> None:
    """The meeting's status as the load's step, not an officer's edit: no version, no log."""
    with db.session() as s:
        s.execute(update(Meeting.__table__).where(Meeting.id == meeting_id).values(status=status))


def _restore_status(db: Database, meeting_id: int) -> None:
    """Back to held, or minutes final, a meeting whose minutes the demo has (a convened one
    has none). Also what finishes a load interrupted between the two steps (the next call
    issues its papers again, as due, then comes here)."""
    with db.session() as s:
        minutes = s.scalar(select(Minutes).where(Minutes.meeting_id == meeting_id))
    if minutes is not None:
        final = MeetingStatus.MINUTES_FINAL if minutes.is_final else MeetingStatus.HELD
        _set_status(db, meeting_id, final)


def load_demo_with_documents(
    db: Database, *, today: date | None = None, seed: int = 2026
) -> DemoResult:
    """Fill an empty database with the demo and its register, or finish a load that was
    interrupted; a database holding anything else is refused (by :func:`load_demo`)."""
    db.require_writable()
    if demo_unfinished(db) and due_documents(db, today):
        return DemoResult(None, issue_due_documents(db, today))
    summary = load_demo(db, today=today, seed=seed)
    return DemoResult(summary, issue_due_documents(db, today))
