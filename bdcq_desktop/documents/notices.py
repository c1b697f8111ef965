"""The notice (Thông báo kết luận) a meeting's conclusions were issued in, as the reports cite
it: the register's number and date first, else the reference typed on a reporting round that
asks for reports on them (``Thông báo số 04/TB-BCĐ ngày 19/01/2026``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.models import Conclusion, IssuedDocument, ReportingRound
from ..core.register import latest_issued
from .other_docs import short, strip_end
from .text import nfc


def conclusion_notices(s: Session) -> dict[int, str]:
    """Meeting id → the notice its conclusions were issued in."""
    refs: dict[int, str] = {}
    linked = s.execute(
        select(Conclusion.meeting_id, ReportingRound.request_reference)
        .join(ReportingRound, ReportingRound.conclusion_id == Conclusion.id)
        .order_by(ReportingRound.id)
    )
    for meeting_id, reference in linked:
        if (reference or "").strip():
            refs[meeting_id] = nfc(strip_end(reference))
    for d in s.scalars(
        select(IssuedDocument)
        .where(IssuedDocument.kind == "conclusions", IssuedDocument.record_type == "meeting")
        .order_by(IssuedDocument.id)
    ):
        refs[d.record_id] = _cite(d)
    return refs


def _cite(notice: IssuedDocument) -> str:
    return f"Thông báo số {notice.symbol} ngày {short(notice.issued_on)}"


def notice_of_conclusion(s: Session, conclusion_id: int) -> str | None:
    """The register's notice (still in force) of the meeting ``conclusion_id`` belongs to."""
    meeting_id = s.scalar(select(Conclusion.meeting_id).where(Conclusion.id == conclusion_id))
    if meeting_id is None:
        return None
    row = latest_issued(s, "conclusions", "meeting", meeting_id)
    return None if row is None else _cite(row)
