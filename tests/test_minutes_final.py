"""Finalising the minutes is the core's (``core.minutes``): one transaction with the number,
refused when the meeting or its minutes changed since the PDF was built."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core.errors import ConflictError
from bdcq_desktop.core.minutes import finalise_issued, minutes_state
from bdcq_desktop.core.models import Meeting, MeetingStatus, Minutes
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from tests.test_meeting_docs import demo_ids


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


def _minutes(db: Any, meeting_id: int) -> tuple[bool, str | None, MeetingStatus]:
    with db.session() as s:
        mins = s.scalar(select(Minutes).where(Minutes.meeting_id == meeting_id))
        status = s.get(Meeting, meeting_id).status
        return (bool(mins and mins.is_final), mins.pdf_sha256 if mins else None, status)


def test_issue_finalises_the_minutes_in_the_core(demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    before = minutes_state(demo_db, meeting_id)
    day = date(2026, 11, 20)
    record = service.issue(demo_db, "minutes", meeting_id, issued_on=day, today=day)
    assert _minutes(demo_db, meeting_id) == (True, record.sha256, MeetingStatus.MINUTES_FINAL)
    after = minutes_state(demo_db, meeting_id)
    assert after.meeting_version > before.meeting_version  # the change went through versioning


def test_a_meeting_saved_meanwhile_is_not_finalised(demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    state = minutes_state(demo_db, meeting_id)
    with demo_db.session() as s:  # another officer saves the meeting
        s.get(Meeting, meeting_id).place = "Phòng họp số 2"
    with pytest.raises(ConflictError), demo_db.session() as s:
        finalise_issued(s, state, "a" * 64)
    assert _minutes(demo_db, meeting_id) == (False, None, MeetingStatus.HELD)


def test_minutes_saved_meanwhile_are_not_finalised(demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    state = minutes_state(demo_db, meeting_id)
    with demo_db.session() as s:
        mins = s.scalar(select(Minutes).where(Minutes.meeting_id == meeting_id))
        mins.closing_text = "Cuộc họp kết thúc lúc 11 giờ."
    with pytest.raises(ConflictError), demo_db.session() as s:
        finalise_issued(s, state, "a" * 64)
    assert _minutes(demo_db, meeting_id)[0] is False


def test_remarks_added_to_the_opening_reach_the_issued_pdf(demo_db: Any) -> None:
    from bdcq_desktop.core.minutes_text import minutes_draft, save_minutes
    from tests.test_meeting_docs import open_pdf

    meeting_id = demo_ids(demo_db)["held"]
    draft = minutes_draft(demo_db, meeting_id)
    remark = "Đồng chí Trưởng ban phát biểu khai mạc, nêu mục đích cuộc họp."
    save_minutes(
        demo_db,
        meeting_id,
        expected_version=draft.version,
        opening=draft.opening + "\n" + remark,
    )
    day = date(2026, 11, 20)
    record = service.issue(demo_db, "minutes", meeting_id, issued_on=day, today=day)
    from bdcq_desktop.core.register import stored_copy

    with open_pdf(stored_copy(record, demo_db)) as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages).replace("\n", " ")
    assert remark in text
    # The labelled lines of the opening are written once, by the document itself.
    assert text.count("Địa điểm:") == 1
