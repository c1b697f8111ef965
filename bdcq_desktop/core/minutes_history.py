"""The history of a meeting's minutes, read back: their state and every issue
(:func:`minutes_info`), the revisions :func:`.minutes_text.save_minutes` and the issuing append
(:func:`minutes_revisions`), and the text of any of them (:func:`revision_text`).

Revisions are never changed or deleted: this module only reads them. A revision is the JSON
snapshot of the whole draft with the event that wrote it (saved, issued, reopened); one written
as plain text by an early version is read as its opening.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import validation as v
from .db import Database
from .errors import BcdError
from .i18n import tr
from .meeting_rules import not_found
from .minutes_text import MINUTES_KIND, _minutes, render_text
from .models import IssuedDocument, Meeting, MinutesRevision


@dataclass(frozen=True)
class RevisionRow:
    id: int
    number: int
    saved_at: datetime
    author: str
    event: str  # saved, issued, reopened
    reason: str
    symbol: str

    @property
    def event_label(self) -> str:
        return tr(EVENT_LABELS.get(self.event, self.event))

    @property
    def note(self) -> str:
        """What the history's "Ghi chú" shows: the number issued, else the reason reopened."""
        return self.symbol or self.reason


@dataclass(frozen=True)
class IssueRow:
    id: int
    symbol: str
    number: int
    issued_on: date
    sha256: str
    superseded_at: datetime | None


@dataclass(frozen=True)
class MinutesInfo:
    status: str  # none, draft, final, reopened
    status_label: str
    version: int
    revisions: int
    issued_number: str  # the current issue's symbol ("" when not issued)
    sha256: str
    reopen_reason: str
    issues: tuple[IssueRow, ...]  # every issue, the superseded too, oldest first
    closed_at: datetime | None = None  # the actual end of the meeting, once recorded
    opened_at: datetime | None = None  # the actual start of the meeting, once recorded


# What each revision's event is called, in the Biên bản section's history and the command line
# (one list, so both say the same).
EVENT_LABELS = {"saved": "Lưu bản sửa", "issued": "Ban hành", "reopened": "Mở lại"}

STATUS_LABELS = {
    "none": "Chưa lập",
    "draft": "Dự thảo",
    "final": "Đã ban hành",
    "reopened": "Mở lại để sửa",
}


def minutes_info(s: Session, meeting_id: int) -> MinutesInfo:
    mins = _minutes(s, meeting_id)
    issues = tuple(
        IssueRow(d.id, d.symbol, d.number, d.issued_on, d.sha256, d.superseded_at)
        for d in s.scalars(
            select(IssuedDocument)
            .where(
                IssuedDocument.kind == MINUTES_KIND,
                IssuedDocument.record_type == "meeting",
                IssuedDocument.record_id == meeting_id,
            )
            .order_by(IssuedDocument.id)
        )
    )
    current = next((i for i in reversed(issues) if i.superseded_at is None), None)
    if mins is None:
        status = "none"
    elif mins.is_final:
        status = "final"
    elif mins.reopened_at is not None:
        status = "reopened"
    else:
        status = "draft"
    count = (
        len(
            s.scalars(select(MinutesRevision.id).where(MinutesRevision.minutes_id == mins.id)).all()
        )
        if mins
        else 0
    )
    return MinutesInfo(
        status=status,
        status_label=tr(STATUS_LABELS[status]),
        version=mins.version if mins else 0,
        revisions=count,
        issued_number=current.symbol if current and status == "final" else "",
        sha256=(mins.pdf_sha256 or "") if mins else "",
        reopen_reason=(mins.reopen_reason or "") if mins else "",
        issues=issues,
        closed_at=mins.closed_at if mins else None,
        opened_at=mins.opened_at if mins else None,
    )


def minutes_revisions(db: Database, meeting_id: int) -> list[RevisionRow]:
    """Every revision of the minutes, oldest first."""
    meeting_id = v.record_id(meeting_id, "meeting_id", tr("Mã cuộc họp"))
    with db.session() as s:
        mins = _minutes(s, meeting_id)
        if mins is None:
            if s.get(Meeting, meeting_id) is None:
                raise not_found(meeting_id)
            return []
        revs = s.scalars(
            select(MinutesRevision)
            .where(MinutesRevision.minutes_id == mins.id)
            .order_by(MinutesRevision.id)
        ).all()
        out = []
        for n, r in enumerate(revs, start=1):
            snap = _snapshot(r.content)
            out.append(
                RevisionRow(
                    r.id,
                    n,
                    r.saved_at,
                    r.author or "",
                    str(snap.get("event", "saved")),
                    str(snap.get("reason", "")),
                    str(snap.get("symbol", "")),
                )
            )
        return out


def _snapshot(content: str) -> dict[str, Any]:
    try:
        data = json.loads(content)
    except ValueError:
        return {"opening": content}  # a revision written as plain text
    return data if isinstance(data, dict) else {"opening": str(data)}


def revision_text(db: Database, revision_id: int) -> str:
    """The minutes as they stood at a revision, as plain text."""
    with db.session() as s:
        r = s.get(MinutesRevision, revision_id)
        if r is None:
            raise BcdError(tr("Không tìm thấy bản sửa biên bản mã {id}.").format(id=revision_id))
        return render_text(_snapshot(r.content))
