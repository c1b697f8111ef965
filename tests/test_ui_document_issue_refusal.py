"""The document dialog offers "Ban hành…" only for a document the issue would not refuse for
its record's rules (documents/issue_readiness.py): a convocation of a meeting already held, the
minutes of a held meeting moved to a later day (dated before it). The reason is shown beside the
disabled button and as its tooltip; a document the rules allow keeps the button. Real demo
database, offscreen dialog."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from bdcq_desktop.core.models import Meeting, MeetingStatus
from bdcq_desktop.documents.issue_readiness import issue_refusal
from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog

TIMEOUT = 60_000


def _held(db: Any) -> int:
    with db.session() as s:
        return int(
            s.scalars(
                select(Meeting.id).where(Meeting.status == MeetingStatus.HELD).order_by(Meeting.id)
            ).first()
        )


def _shown(qtbot: Any, db: Any, meeting: int, kind: str) -> DocumentDialog:
    dialog = DocumentDialog(db, "meeting", meeting, "", kind=kind)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog._busy and dialog._pdf is not None, timeout=TIMEOUT)
    return dialog


def test_a_convocation_of_a_held_meeting_is_shown_but_not_offered(qtbot: Any, demo_db: Any) -> None:
    meeting = _held(demo_db)
    dialog = _shown(qtbot, demo_db, meeting, "convocation")
    assert dialog.page_count() >= 1  # the draft is still shown, for the file
    assert not dialog.issue_button.isEnabled()
    note = dialog.findChild(type(dialog.status), "issueNote")
    assert note is not None and "Đã họp" in note.text() and "đã diễn ra" in note.text()
    assert note.text() == dialog.issue_button.toolTip()
    assert issue_refusal(demo_db, "convocation", meeting) in note.text()

    # The same meeting's minutes: nothing to refuse, offered with no note.
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        dialog.select_kind("minutes")
    qtbot.waitUntil(lambda: not dialog._busy, timeout=TIMEOUT)
    assert dialog.issue_button.isEnabled()
    assert note.text() == ""


def test_minutes_of_a_held_meeting_moved_to_a_later_day_are_not_offered(
    qtbot: Any, demo_db: Any
) -> None:
    meeting = _held(demo_db)
    later = datetime.combine(date.today() + timedelta(days=3), datetime.min.time())
    with demo_db.session() as s:  # moved after it was held, as a postponed session is
        s.execute(
            update(Meeting)
            .where(Meeting.id == meeting)
            .values(starts_at=later.replace(hour=8), ends_at=later.replace(hour=11))
        )
    dialog = _shown(qtbot, demo_db, meeting, "minutes")
    assert not dialog.issue_button.isEnabled()
    note = dialog.findChild(type(dialog.status), "issueNote")
    assert note is not None and "là trước ngày họp" in note.text()
