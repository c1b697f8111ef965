"""The meetings tab asks before a change of the list that an issued paper prints.

Inviting someone the issued invitation (or convocation) would name, "Mời toàn thể Ban Chỉ
đạo" with a member the convocation does not name, taking off someone it names: each asks
first, naming the paper's number and date, and supersedes it on yes (the core's confirmation,
one question). Set ``BDCQ_SHOTS`` to a folder to keep the questions as PNG files."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bdcq_desktop.core import meetings, members
from bdcq_desktop.documents import service
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab
from tests.test_issued_convocation_changes import _shot

TODAY = date.today()
TIMEOUT = 60_000


def _ahead() -> datetime:
    day = TODAY + timedelta(days=20)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(8, 0))


@pytest.fixture
def tab(qtbot: Any, demo_db: Any) -> Any:
    """A meeting three weeks ahead: the committee but its last member, and one agency head;
    its convocation and its invitation issued today; the tab open on it."""
    view_state.settings().clear()
    starts = _ahead()
    roster = [m for m in members.list_committee(demo_db) if m.role != "secretary"]
    chair = meetings.eligible_people(demo_db, starts.date()).chairs[0].person_id
    called = [m.person_id for m in roster if m.person_id != chair][:-1]
    expert = next(p for p in members.list_people(demo_db) if p.kind == "expert")
    meeting = meetings.create_meeting(
        demo_db,
        kind="regular",
        title="Họp Ban Chỉ đạo về dữ liệu số",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        place="Phòng họp tầng 3",
        chair_id=chair,
        called_by_id=chair,
        invitations=[
            {"person_id": chair},
            *({"person_id": p} for p in called),
            {"person_id": expert.id},
        ],
    )
    convocation = service.issue(demo_db, "convocation", meeting)
    invitation = service.issue(demo_db, "invitation", meeting)
    t = MeetingsTab(demo_db)
    qtbot.addWidget(t)
    t.resize(1366, 768)
    t.show()
    t.reload()
    qtbot.waitUntil(lambda: not t.view.current_pending())
    assert t.view.table.select_where(lambda r: r.id == meeting)
    qtbot.waitUntil(lambda: not t.view.current_pending())
    t.meeting = meeting
    t.papers = {"convocation": convocation, "invitation": invitation}
    yield t
    view_state.settings().clear()


def _in_force(db: Any, meeting: int) -> dict[str, bool]:
    return {d.kind: d.superseded_on is None for d in meetings.get_meeting(db, meeting).documents}


def test_the_invite_dialog_asks_naming_the_invitation_then_supersedes_it(
    qtbot: Any, tab: Any
) -> None:
    view, meeting, invitation = tab.view, tab.meeting, tab.papers["invitation"]
    before = len(meetings.get_meeting(view.db, meeting).invitees)
    view.invite_action.trigger()
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == "inviteDialog"
    dialog.guest.fields["guest_name"].set_value("Lê Văn Khách")
    dialog.guest.fields["position"].set_value("Giám đốc")
    dialog.guest.fields["unit_name"].set_value("VNPT Nghệ An")
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    question = dialog.question
    assert question is not None and question.isVisible()
    assert (
        f"Giấy mời số {invitation.symbol} ngày {TODAY:%d/%m/%Y} đã ban hành" in question.text()
    )
    assert "Lê Văn Khách" in question.text() and "Giấy triệu tập" not in question.text()
    _shot(question, "invite_question.png")
    _shot(tab.window(), "invite_tab.png")
    assert len(meetings.get_meeting(view.db, meeting).invitees) == before  # nothing yet
    yes = question.findChild(type(dialog.save_button), "yesButton")
    assert yes is not None and yes.text().replace("&", "") == "Vẫn lưu"
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert len(meetings.get_meeting(view.db, meeting).invitees) == before + 1
    assert _in_force(view.db, meeting) == {"convocation": True, "invitation": False}


def test_inviting_the_committee_asks_naming_the_convocation(qtbot: Any, tab: Any) -> None:
    view, meeting, convocation = tab.view, tab.meeting, tab.papers["convocation"]
    before = len(meetings.get_meeting(view.db, meeting).invitees)
    view.invite_committee_action.trigger()
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.objectName() == "confirmationQuestion"
    assert (
        f"Giấy triệu tập số {convocation.symbol} ngày {TODAY:%d/%m/%Y} đã ban hành" in box.text()
    )
    _shot(box, "invite_committee_question.png")
    assert len(meetings.get_meeting(view.db, meeting).invitees) == before
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()
    qtbot.waitUntil(
        lambda: len(meetings.get_meeting(view.db, meeting).invitees) == before + 1,
        timeout=TIMEOUT,
    )
    assert _in_force(view.db, meeting) == {"convocation": False, "invitation": True}


def test_removing_a_convened_member_asks_once_naming_the_convocation(
    qtbot: Any, tab: Any
) -> None:
    view, meeting, convocation = tab.view, tab.meeting, tab.papers["convocation"]
    view.pane.show_section(2)
    section = view.pane.section("invitees")
    rows = [section.model.row_at(r) for r in range(section.model.rowCount())]
    named = next(n for n, r in enumerate(rows) if r.category == "member" and r.named_in)
    section.view.selectRow(named)
    section.remove_button.click()
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    text = box.text()
    assert rows[named].name in text
    assert f"Giấy triệu tập số {convocation.symbol} ngày {TODAY:%d/%m/%Y} đã ban hành" in text
    assert "nên ghi vắng (có lý do)" in text and "Giấy mời số" not in text
    _shot(box, "remove_invitee_question.png")
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()
    qtbot.waitUntil(
        lambda: len(meetings.get_meeting(view.db, meeting).invitees) == len(rows) - 1,
        timeout=TIMEOUT,
    )
    # One question: the core's own was answered by it.
    assert view.last_dialog is box or not view.last_dialog.isVisible()
    assert _in_force(view.db, meeting) == {"convocation": False, "invitation": True}
