"""A document prints its record as it is when its number is taken: another officer's save
between the build and the number (a conclusion corrected while its notice is issued) refuses
the number, and the next issue prints the correction. The save is a real core call made
while the issue runs, at the moment the audit found it slipped in: after the document was
built, before the register's transaction."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from bdcq_desktop.core import conclusions, register
from bdcq_desktop.core.errors import ConflictError
from bdcq_desktop.core.models import Conclusion, IssuedDocument, Meeting, MeetingStatus
from bdcq_desktop.documents import kinds, service
from tests.pdf_text import page_texts

ISSUED_ON = date(2026, 11, 20)


def _held_meeting_with_conclusions(db: Any) -> tuple[int, int]:
    with db.session() as s:
        meeting_id, conclusion_id = s.execute(
            select(Meeting.id, func.min(Conclusion.id))
            .join(Conclusion, Conclusion.meeting_id == Meeting.id)
            .where(Meeting.status == MeetingStatus.HELD)
            .group_by(Meeting.id)
            .order_by(Meeting.id)
        ).first()
    return meeting_id, conclusion_id


def _issued(db: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(IssuedDocument)) or 0


def _text(db: Any, record: register.IssuedRecord) -> str:
    return " ".join(page_texts(register.stored_copy(record, db)))


def test_a_conclusion_corrected_while_its_notice_is_issued_refuses_the_number(
    demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id, conclusion_id = _held_meeting_with_conclusions(demo_db)
    kind = service.get_kind("conclusions")  # its module imported, so it is registered
    corrected: list[str] = []

    def build_then_another_officer_saves(db: Any, record_id: Any, ctx: Any) -> Any:
        built = kind.build(db, record_id, ctx)
        if not corrected:  # once, after the first build: the one before the number
            edit = conclusions.get_conclusion(db, conclusion_id)
            text = "Đã sửa: " + edit.text
            conclusions.update_conclusion(
                db, conclusion_id, text, edit.tasks, expected_version=edit.version
            )
            corrected.append(text)
        return built

    monkeypatch.setitem(
        kinds.REGISTRY,
        "conclusions",
        dataclasses.replace(kind, build=build_then_another_officer_saves),
    )
    before = _issued(demo_db)
    with pytest.raises(ConflictError, match="vừa được sửa trong lúc ban hành"):
        service.issue(demo_db, "conclusions", meeting_id, issued_on=ISSUED_ON, today=ISSUED_ON)
    assert _issued(demo_db) == before  # no number taken
    # Issued again (the preview now shows the correction): the notice prints it.
    record = service.issue(
        demo_db, "conclusions", meeting_id, issued_on=ISSUED_ON, today=ISSUED_ON
    )
    assert _issued(demo_db) == before + 1
    assert "Đã sửa:" in _text(demo_db, record)


def test_an_unchanged_meeting_is_issued_and_its_own_hook_still_runs(demo_db: Any) -> None:
    """The convocation's own step (the meeting marked convened) runs after the check."""
    with demo_db.session() as s:
        planned = s.scalar(
            select(Meeting.id)
            .where(Meeting.status == MeetingStatus.PLANNED, Meeting.starts_at > ISSUED_ON)
            .order_by(Meeting.starts_at)
        )
    record = service.issue(demo_db, "convocation", planned, issued_on=ISSUED_ON, today=ISSUED_ON)
    assert record.number >= 1
    with demo_db.session() as s:
        assert s.get(Meeting, planned).status == MeetingStatus.CONVENED
