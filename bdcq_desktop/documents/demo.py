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

from ..core.db import Database
from ..core.demo import DemoSummary, due_documents, has_demo, load_demo
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
    due = due_documents(db, today)
    for doc in due:
        service.issue(
            db,
            doc.kind,
            doc.meeting_id,
            issued_on=doc.issued_on,
            today=today,
            allow_past_year=True,
        )
    return len(due)


def load_demo_with_documents(
    db: Database, *, today: date | None = None, seed: int = 2026
) -> DemoResult:
    """Fill an empty database with the demo and its register, or finish a load that was
    interrupted; a database holding anything else is refused (by :func:`load_demo`)."""
    db.require_writable()
    if has_demo(db) and due_documents(db, today):
        return DemoResult(None, issue_due_documents(db, today))
    summary = load_demo(db, today=today, seed=seed)
    return DemoResult(summary, issue_due_documents(db, today))
