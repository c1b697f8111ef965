"""The members tab on terms as they were (audit of the members tab, items 1, 2 and 6), on demo
data: the roster of a past day ("Tính đến ngày"), a former term with the posts held then, and
the word after an end (or a kiện toàn) about the meetings that still invite the person, with
"Đến cuộc họp" opening the meeting."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from bdcq_desktop.core import meetings, members
from bdcq_desktop.core.meeting_rules import OPEN_STATUSES
from bdcq_desktop.core.text import short_date
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.tabs.members_tab import MembersTab
from tests.test_ui_members import _dialog, _select, _set, _tab, _visible


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _shown(view: Any, column: str) -> dict[int, str]:
    """What the table shows in ``column`` for each row, by membership id."""
    model = view.table.proxy
    keys = [c.key for c in view.table.model.columns()]
    at = keys.index(column)
    return {
        row.id: model.index(i, at).data(Qt.ItemDataRole.DisplayRole)
        for i, row in enumerate(_visible(view))
    }


def _type_day(qtbot: Any, view: Any, text: str) -> None:
    view.day.edit.setFocus()
    view.day.edit.selectAll()
    qtbot.keyClicks(view.day.edit, text)
    qtbot.keyClick(view.day.edit, Qt.Key.Key_Return)


def test_the_roster_of_a_past_day(qtbot: Any, demo_db: Any) -> None:
    tab = _tab(qtbot, demo_db)
    view = tab.committee
    today = {r.id for r in _visible(view)}
    day = date(2024, 12, 1)
    _type_day(qtbot, view, "01/12/2024")
    assert view.day.day() == day
    that_day = members.list_committee(demo_db, on=day)
    assert [r.id for r in _visible(view)] == [r.id for r in that_day]
    assert {r.id for r in that_day} != today
    assert _shown(view, "position") == {r.id: r.position for r in that_day}
    # With the former members: those who had left by then too, none appointed after it.
    view.show_former.setChecked(True)
    begun = members.list_committee(demo_db, on=day, include_former=True)
    assert {r.id for r in _visible(view)} == {r.id for r in begun}
    assert all(r.start_date <= day for r in _visible(view))
    # Text that is no date: said, the roster of the day applied stays.
    _type_day(qtbot, view, "31/02/2024")
    assert "Tính đến ngày" in view.notice.text() and "31/02/2024" in view.notice.text()
    assert view.day.day() == day
    # Before the committee existed: nobody, said as such (not "add a member").
    _type_day(qtbot, view, "01/01/2020")
    assert _visible(view) == []
    assert view.table.empty_label.text() == "Tính đến ngày 01/01/2020 chưa có thành viên nào."
    # Cleared: today's roster again.
    view.show_former.setChecked(False)
    view.day.edit.clear()
    assert view.day.day() is None
    assert {r.id for r in _visible(view)} == today
    assert view.table.empty_hint.startswith("Chưa có thành viên nào.")


def _colours(label: Any) -> set[tuple[int, int, int]]:
    """The colours a label is drawn in (its text's among them)."""
    image = label.grab().toImage()
    points = ((x, y) for x in range(image.width()) for y in range(image.height()))
    return {(c.red(), c.green(), c.blue()) for c in (image.pixelColor(*p) for p in points)}


def test_a_day_that_cannot_be_read_is_refused_in_red(qtbot: Any, demo_db: Any) -> None:
    """Said in the notice line's green, a date that cannot be read looked like something done:
    it is said in red, as the other refusals on a view's line (the attendance's), and goes once the
    box reads as a day; what an action did stays green."""
    from bdcq_desktop.ui.tabs.meeting_attendance import ERROR_STYLE, OK_STYLE

    tab = _tab(qtbot, demo_db)
    view = tab.committee
    _type_day(qtbot, view, "31/02/2024")
    assert "31/02/2024" in view.notice.text()
    assert view.notice.styleSheet() == ERROR_STYLE
    assert any(r > 150 and g < 60 and b < 60 for r, g, b in _colours(view.notice))
    _type_day(qtbot, view, "01/12/2024")
    assert view.notice.text() == ""
    _type_day(qtbot, view, "32/12/2024")
    assert view.notice.styleSheet() == ERROR_STYLE
    view.day.edit.clear()  # today's roster: nothing refused any more
    assert view.notice.text() == ""
    view.say("Đã nhập 2 dòng.")
    assert view.notice.styleSheet() == OK_STYLE
    view.day.set_day(date(2024, 12, 1))  # a refusal's going takes no notice of a deed along
    assert view.notice.text() == "Đã nhập 2 dòng."


def test_a_former_term_shows_the_posts_held_then(qtbot: Any, demo_db: Any) -> None:
    current = next(r for r in members.list_committee(demo_db) if r.full_name == "Nguyễn Bá Thịnh")
    former = next(
        r
        for r in members.list_committee(demo_db, include_former=True)
        if r.person_id == current.person_id and not r.active
    )
    province = next(u for u in members.list_committee(demo_db) if u.role == "head").unit_id
    members.update_member(
        demo_db,
        current.id,
        person={"position": "Phó Chủ tịch UBND tỉnh", "unit_id": province},
        confirm_duplicate_position=True,
    )
    tab = _tab(qtbot, demo_db)
    view = tab.committee
    view.show_former.setChecked(True)
    assert _shown(view, "position")[former.id] == former.position == "Giám đốc Sở Tư pháp"
    assert _shown(view, "unit")[former.id] == former.unit == "Sở Tư pháp"
    assert _shown(view, "position")[current.id] == "Phó Chủ tịch UBND tỉnh"
    _select(view, lambda r: r.id == former.id)
    assert "Giám đốc Sở Tư pháp, Sở Tư pháp" in view.details.text()


def test_sua_shows_a_term_as_stored_whatever_the_roster_s_day(qtbot: Any, demo_db: Any) -> None:
    """"Sửa…" on the roster of a past day, on a term current then but ended since: the dialog
    decided from the row's "current" of that day and left out the end, so it was shown as a
    term still running. It shows the term's end as stored, as it does of a term ended with a
    date to come on today's roster."""
    tab = _tab(qtbot, demo_db)
    view = tab.committee
    _type_day(qtbot, view, "01/12/2024")
    row = _select(view, lambda r: r.end_date is not None)
    assert row.active  # current on the day shown
    view.edit_action.trigger()
    dialog = _dialog(view, "editMemberDialog")
    values = dialog.form.values()
    assert values["end_date"] == row.end_date < date.today()
    assert values["end_decision_number"] == row.end_decision_number != ""
    # And corrected there, as the term it is.
    _set(dialog, "end_decision_number", "746/QĐ-UBND")
    assert dialog.try_save()
    (stored,) = [m for m in members.list_memberships(demo_db, row.person_id) if m.id == row.id]
    assert (stored.end_date, stored.end_decision_number) == (row.end_date, "746/QĐ-UBND")
    # Today's roster, a term ended from a day to come: current, and with its end.
    view.day.edit.clear()
    running = _select(view, lambda r: r.active and r.role == "member")
    end = date.today() + timedelta(days=30)
    members.end_membership(
        demo_db, running.id, end_date=end, decision_number="99/QĐ-UBND",
        expected_version=running.version,
    )  # fmt: skip
    view.reload()
    row = _select(view, lambda r: r.id == running.id)
    assert row.active and row.end_date == end
    view.edit_action.trigger()
    dialog = _dialog(view, "editMemberDialog")
    values = dialog.form.values()
    assert (values["end_date"], values["end_decision_number"]) == (end, "99/QĐ-UBND")
    dialog.reject()


def _still_invited_member(db: Any) -> tuple[Any, Any]:
    """A meeting of the demo not yet held and a plain member it invites (not its chair)."""
    for row in meetings.list_meetings(db):
        if row.status not in {s.value for s in OPEN_STATUSES}:
            continue
        detail = meetings.get_meeting(db, row.id)
        invited = {i.person_id for i in detail.invitees if i.category == "member"}
        for member in members.list_committee(db):
            if member.role == "member" and member.person_id in invited:
                return detail, member
    raise AssertionError("the demo has no meeting to come inviting a member")


def test_an_end_says_which_meetings_still_invite_and_opens_one(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.main_window import MainWindow

    meeting, member = _still_invited_member(demo_db)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.read_every_tab()
    window.meetings_tab.table.search.setText("không có cuộc họp nào như thế")  # hides it
    window.tabs.setCurrentWidget(window.members_tab)
    view = window.members_tab.committee
    _select(view, lambda r: r.id == member.id)
    view.end_action.trigger()
    dialog = _dialog(view, "endMembershipDialog")
    _set(dialog, "end_date", short_date(meeting.starts_at.date() - timedelta(days=1)))
    _set(dialog, "decision_number", "900/QĐ-UBND")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.objectName() == "stillInvitedBox"
    assert box.isVisible()
    assert member.full_name in box.text() and meeting.title in box.text()
    assert f"ngày {meeting.starts_at:%d/%m/%Y}" in box.text()
    # Saved all the same; the person stays invited.
    assert member.id not in {r.id for r in _visible(view)}
    invitees = meetings.get_meeting(demo_db, meeting.id).invitees
    assert member.person_id in {i.person_id for i in invitees}
    qtbot.mouseClick(box.findChild(QPushButton, "goToMeetingButton"), Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.meetings_tab
    assert window.meetings_tab.table.current_row().id == meeting.id
    assert window.meetings_tab.table.search.text() == ""


def test_a_reorganisation_says_it_too(qtbot: Any, demo_db: Any) -> None:
    meeting, member = _still_invited_member(demo_db)
    tab: MembersTab = _tab(qtbot, demo_db)
    view = tab.committee
    view.reorganise_action.trigger()
    dialog = _dialog(view, "reorganiseDialog")
    dialog.check_membership(member.id)
    _set(dialog, "decision_number", "2001/QĐ-UBND")
    _set(dialog, "decision_date", short_date(meeting.starts_at.date() - timedelta(days=3)))
    _set(dialog, "effective_date", short_date(meeting.starts_at.date()))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.banner_label.text()
    box = view.last_dialog
    assert box.objectName() == "stillInvitedBox" and member.full_name in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # "Đóng" is the default: nothing else happens
    assert not box.isVisible()
