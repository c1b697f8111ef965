"""The working group's convocation says what the group is convened to do as a sentence of its
own, never the application's filing of the session as a line ("Loại nhiệm vụ: Nhiệm vụ khác."):
the kind of draft (rule 8: đề án, dự án, quy chế, văn bản quy phạm pháp luật) only where the
title does not name it already. Read back from the PDFs of the demo's sessions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bdcq_desktop.core.models import SessionPurpose, WorkingSession
from bdcq_desktop.documents import service
from tests.pdf_text import flat_text


def _convocations(db: Any) -> dict[SessionPurpose, tuple[str, str]]:
    """A session of each kind: its title and its convocation's text."""
    with db.session() as s:
        sessions = {w.purpose: (w.id, w.title) for w in s.scalars(select(WorkingSession))}
    return {
        purpose: (title, flat_text(service.draft(db, "wg-convocation", sid)))
        for purpose, (sid, title) in sessions.items()
    }


def test_the_convocation_says_the_task_not_the_applications_kind(demo_db: Any) -> None:
    papers = _convocations(demo_db)
    assert {SessionPurpose.OTHER, SessionPurpose.LEGAL_DOCUMENT} <= papers.keys()
    for _title, text in papers.values():
        assert "Loại nhiệm vụ" not in text and "Nhiệm vụ khác" not in text
        assert "Tập trung làm việc để" in text
    # A draft resolution: the title says what, the convocation adds that it is a legal
    # normative document (the procedure the group follows).
    title, text = papers[SessionPurpose.LEGAL_DOCUMENT]
    assert "quy phạm pháp luật" not in title
    assert "(văn bản quy phạm pháp luật)." in text
    # A proposal whose title says "Đề án": not said twice.
    title, text = papers[SessionPurpose.PROPOSAL]
    assert "Đề án" in title and "(đề án)" not in text
