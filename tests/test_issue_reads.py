"""Issuing builds a document twice (a probe before the number is taken, then the numbered
PDF): the meeting is read from the database once for both, and only inside that one issue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.models import Meeting
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import meeting_data, service
from tests.test_meeting_docs import all_text, demo_ids, open_pdf


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The meetings read from the database (the real reader, counted)."""
    seen: list[int] = []
    real: Callable[..., meeting_data.MeetingData] = meeting_data._read_meeting

    def counted(db: Any, meeting_id: int) -> meeting_data.MeetingData:
        seen.append(meeting_id)
        return real(db, meeting_id)

    monkeypatch.setattr(meeting_data, "_read_meeting", counted)
    return seen


def test_issuing_reads_the_meeting_once_and_prints_its_number(
    demo_db: Any, reads: list[int]
) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    day = date(2026, 11, 20)
    record = service.issue(demo_db, "minutes", meeting_id, issued_on=day, today=day)
    assert reads == [meeting_id]
    pdf = register.stored_copy(record, demo_db)  # checked against its SHA-256
    text = all_text(open_pdf(pdf))
    assert f"{record.number:02d}/" in text  # the numbered build, from the data read once
    with demo_db.session() as s:
        title = s.get(Meeting, meeting_id).title
    assert title.split()[-1] in text


def test_outside_an_issue_every_build_reads_afresh(demo_db: Any, reads: list[int]) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    service.draft(demo_db, "minutes", meeting_id)
    with demo_db.session() as s:
        s.get(Meeting, meeting_id).place = "Phòng họp tầng 5, trụ sở mới"
    second = all_text(open_pdf(service.draft(demo_db, "minutes", meeting_id)))
    assert reads == [meeting_id, meeting_id]
    assert "trụ sở mới" in second
