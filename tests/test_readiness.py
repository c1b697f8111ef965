"""Document readiness is decided from the record, and agrees with really building each kind."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.models import Meeting, ReportingRound, WorkingSession
from bdcq_desktop.documents import fonts, readiness
from bdcq_desktop.documents.kinds import BuildContext
from bdcq_desktop.documents.service import find_issued, kinds_for
from bdcq_desktop.documents.settings import load


def _by_building(db: Any, record_type: str, record_id: int, today: date) -> dict[str, str]:
    """The answer of a full build of every kind, as a draft would make it."""
    fonts.ensure_fonts()
    settings = load(db)
    reasons = {}
    for kind in kinds_for(record_type) + kinds_for(None):
        rid = record_id if kind.record_type is not None else None
        if find_issued(db, kind.name, rid, on=today) is not None:
            continue
        try:
            kind.build(db, rid, BuildContext(settings, kind.name, None, today))
        except BcdError as exc:
            reasons[kind.name] = exc.message
    return reasons


def test_readiness_matches_full_builds(demo_db: Any) -> None:
    today = date.today()
    with demo_db.session() as s:
        records = [
            *(("meeting", i) for i in s.scalars(select(Meeting.id))),
            *(("round", i) for i in s.scalars(select(ReportingRound.id))),
            *(("session", i) for i in s.scalars(select(WorkingSession.id))),
        ]
    blocked = 0
    for record_type, record_id in records:
        quick = readiness.unavailable_kinds(demo_db, record_type, record_id, today=today)
        assert quick == _by_building(demo_db, record_type, record_id, today), (
            record_type,
            record_id,
        )
        blocked += len(quick)
    assert blocked > 0  # some kinds of the demo's records are waiting for something


def test_a_missing_meeting_blocks_its_kinds(demo_db: Any) -> None:
    reasons = readiness.unavailable_kinds(demo_db, "meeting", 10**6)
    assert set(reasons) == {k.name for k in kinds_for("meeting")}
    assert all(str(10**6) in text for text in reasons.values())
