"""The meetings tab's Điểm danh and Kết luận sections on a real demo SQLite file: check-in by
typing the first letters of a name and Enter, absent with a reason, substitute, late, the counts
following, a conflict told and refreshed; conclusions with their tasks added, edited, refused
on their field and removed, all from the keyboard. Dialogs open without blocking and are found
through ``view.last_dialog``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from bdcq_desktop.core import meetings
from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.check_in_search import rank_matches
from bdcq_desktop.core.conclusions import get_conclusion, list_conclusions, update_conclusion
from bdcq_desktop.core.invitees import Invitation
from bdcq_desktop.core.text import fold
from bdcq_desktop.core.units import list_units
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.conclusion_dialog import ConclusionDialog
from bdcq_desktop.ui.record_dialog import RecordDialog
from bdcq_desktop.ui.tabs.meeting_attendance import AttendanceSection, note_text
from bdcq_desktop.ui.tabs.meeting_conclusions import ConclusionsSection
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab, MeetingsView

# Yesterday's meeting, over by now whatever the clock says: a check-in is "present", never
# "late" by the clock, and conclusions may be written.
START = datetime.combine(date.today() - timedelta(days=1), time(8, 0))


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def meeting(demo_db: Any) -> int:
    chair = meetings.eligible_people(demo_db, START.date()).chairs[0].person_id
    return meetings.create_meeting(
        demo_db,
        kind="briefing",
        title="Làm việc về chuyển đổi số",
        starts_at=START,
        ends_at=START + timedelta(hours=3),
        chair_id=chair,
        invite_committee=True,
        invitations=[Invitation(guest_name="Lê Khách", position="Chuyên gia", category="guest")],
        now=START - timedelta(days=3),
    )


@pytest.fixture
def tab(qtbot: Any, demo_db: Any) -> MeetingsTab:
    tab = MeetingsTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    return tab


@pytest.fixture
def view(tab: MeetingsTab, meeting: int) -> MeetingsView:
    tab.reload()
    view = tab.view
    assert view.table.select_where(lambda r: r.id == meeting)
    return view


def _section(view: MeetingsView, key: str) -> Any:
    section = view.pane.section(key)
    view.pane.show_section(view.pane.sections.indexOf(section))
    return section


def _marks(db: Any, meeting_id: int) -> dict[str, Any]:
    return {r.name: r for r in attendance_rows(db, meeting_id)}


def _dialog(view: MeetingsView, name: str) -> Any:
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == name, dialog
    assert dialog.isVisible()
    return dialog


def _shown(section: AttendanceSection, invitee_id: int) -> Any:
    return next(r for r in section.model.rows() if r.invitee_id == invitee_id)


def _initials(name: str) -> str:
    """``ng v a`` for Nguyễn Văn An: the first letters of each word, no diacritics."""
    return " ".join(w[:2] for w in fold(name).split())


def test_check_in_by_typing_the_first_letters_and_enter(
    view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    section = _section(view, "attendance")
    assert isinstance(section, AttendanceSection)
    sheet = list(view.current_meeting().attendance)
    # Someone the first letters of whose name find them first.
    person, typed = next(
        (r, _initials(r.name))
        for r in sheet
        if r.category == "member" and rank_matches(sheet, _initials(r.name))[0] == r
    )
    counts = section.counts.text()
    assert "dự họp 0/" in counts and "chưa điểm danh" in counts
    # Alt+5 lands in the sheet; typing there goes to the check-in box.
    assert section.view.hasFocus()
    QTest.keyClicks(section.view, typed[0])
    assert section.box.hasFocus() and section.box.text() == typed[0]
    QTest.keyClicks(section.box, typed[1:])
    assert person.name in section.match_label.text()
    assert section.current().invitee_id == person.invitee_id  # selected in the sheet too
    QTest.keyClick(section.box, Qt.Key.Key_Return)
    assert _marks(demo_db, meeting)[person.name].status == "present", section.message.text()
    assert section.box.text() == "" and section.box.hasFocus()
    assert view.last_dialog is None  # Enter in the box is the check-in, not the list's Enter
    assert person.name in section.message.text()
    members = sum(r.category == "member" for r in sheet)
    assert f"dự họp 1/{members}" in section.counts.text()
    assert view.current_meeting().status == "held"

    # ↓ picks the next match; Enter marks that one. Diacritics typed must match.
    QTest.keyClicks(section.box, "n")
    matches = rank_matches(view.current_meeting().attendance, "n")
    assert len(matches) >= 2
    QTest.keyClick(section.box, Qt.Key.Key_Down)
    assert matches[1].name in section.match_label.text()
    QTest.keyClick(section.box, Qt.Key.Key_Return)
    assert _marks(demo_db, meeting)[matches[1].name].status == "present"
    QTest.keyClicks(section.box, "zzzq")
    assert "Không có ai tên “zzzq”" in section.match_label.text()
    QTest.keyClick(section.box, Qt.Key.Key_Return)  # nothing to mark: nothing written
    assert sum(r.status != "unknown" for r in attendance_rows(demo_db, meeting)) == 2


def test_absent_substitute_late_and_the_counts(
    view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    section = _section(view, "attendance")
    sheet = view.current_meeting().attendance
    members = [r for r in sheet if r.category == "member"]
    guest = next(r for r in sheet if r.name == "Lê Khách")
    absent, substitute, late, present = members[:4]

    # Absent (Ctrl+2 in the sheet): a reason typed, saved in one call.
    section.select(absent.invitee_id)
    QTest.keyClick(section.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(view, "absentDialog")
    dialog.form.editor("reason").setText("Đi công tác Hà Nội")
    assert dialog.try_save()
    mark = _marks(demo_db, meeting)[absent.name]
    assert (mark.status, mark.reason) == ("absent", "Đi công tác Hà Nội")
    assert "Vắng" in section.message.text()

    # Substitute (Ctrl+3): the name is required, the refusal shown under it, typed text kept.
    section.select(substitute.invitee_id)
    QTest.keyClick(section.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(view, "substituteDialog")
    dialog.form.editor("substitute_position").setText("Phó Giám đốc")
    assert not dialog.try_save()
    assert dialog.form.error_label("substitute_name").isVisibleTo(dialog)
    assert dialog.form.editor("substitute_position").text() == "Phó Giám đốc"
    assert _marks(demo_db, meeting)[substitute.name].status == "unknown"
    dialog.form.editor("substitute_name").setText("Hồ Thay")
    assert dialog.try_save()
    mark = _marks(demo_db, meeting)[substitute.name]
    assert (mark.status, mark.substitute_name, mark.substitute_position) == (
        "substitute",
        "Hồ Thay",
        "Phó Giám đốc",
    )

    # Late (Ctrl+4): before the start is refused on its field; 08:40 is taken.
    section.select(late.invitee_id)
    QTest.keyClick(section.view, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(view, "lateDialog")
    dialog.form.editor("arrived_at").setText("07:30")
    assert not dialog.try_save()
    assert "07:30" in dialog.form.error_label("arrived_at").text()
    dialog.form.editor("arrived_at").setText("08:40")
    assert dialog.try_save()
    mark = _marks(demo_db, meeting)[late.name]
    assert (mark.status, mark.arrived_at) == ("late", START.replace(minute=40))
    assert "08:40" in note_text(_shown(section, late.invitee_id))

    # Present with Enter in the sheet, the guest with Ctrl+1; Ctrl+0 takes a mark back.
    section.select(present.invitee_id)
    section.view.setFocus()
    QTest.keyClick(section.view, Qt.Key.Key_Return)
    section.select(guest.invitee_id)
    QTest.keyClick(section.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    marks = _marks(demo_db, meeting)
    assert marks[present.name].status == "present" and marks["Lê Khách"].status == "present"
    n = len(members)
    guests = len(sheet) - n
    counts = section.counts.text()
    assert f"dự họp 3/{n}" in counts  # present, late and the substitute
    assert "1 người dự thay" in counts and "1 người đến muộn" in counts and "vắng 1" in counts
    assert f"; khách mời 1/{guests}" in counts  # the minutes' group, by its short name
    section.select(guest.invitee_id)
    QTest.keyClick(section.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert _marks(demo_db, meeting)["Lê Khách"].status == "unknown"
    assert f"; khách mời 0/{guests}" in section.counts.text()


def test_another_laptops_check_in_of_someone_else_is_no_conflict(
    view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    section = _section(view, "attendance")
    sheet = view.current_meeting().attendance
    first, second = sheet[0], sheet[1]
    # Another laptop checks someone else in meanwhile: nothing shown here has changed.
    check_in(demo_db, meeting, second.invitee_id, expected_version=None)
    section.box.setFocus()
    QTest.keyClicks(section.box, _initials(first.name))
    target = section.matches[0]
    QTest.keyClick(section.box, Qt.Key.Key_Return)
    assert section.message.text().startswith("Đã điểm danh: " + target.name)
    assert section.box.text() == ""
    assert _marks(demo_db, meeting)[target.name].status == "present"
    # The sheet shown now has the other laptop's mark too, and the meeting's version.
    assert _shown(section, second.invitee_id).status == "present"
    assert view.current_meeting().version == meetings.get_meeting(demo_db, meeting).version


def test_a_conflict_is_told_and_the_sheet_refreshed(
    view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    section = _section(view, "attendance")
    section.box.setFocus()
    QTest.keyClicks(section.box, _initials(view.current_meeting().attendance[0].name))
    typed = section.box.text()
    target = section.matches[0]
    # Another laptop marks the same person meanwhile (online): what this sheet shows of them
    # has changed, so Enter here is a conflict.
    check_in(demo_db, meeting, target.invitee_id, expected_version=None, status="online")
    QTest.keyClick(section.box, Qt.Key.Key_Return)
    text = section.message.text()
    assert "người khác" in text and "điểm danh lại" in text and target.name in text
    assert section.box.text() == typed  # what was typed stays
    assert _marks(demo_db, meeting)[target.name].status == "online"
    # The sheet shown is the one now: the other laptop's mark, and Enter works again.
    assert _shown(section, target.invitee_id).status == "online"
    QTest.keyClick(section.box, Qt.Key.Key_Return)
    assert _marks(demo_db, meeting)[target.name].status == "present"


def test_closed_meetings_cannot_be_marked(view: MeetingsView, demo_db: Any) -> None:
    final = next(r for r in meetings.list_meetings(demo_db) if r.status == "minutes_final")
    assert view.table.select_where(lambda r: r.id == final.id)
    attendance = _section(view, "attendance")
    assert not attendance.box.isEnabled() and not attendance.present_action.isEnabled()
    assert "khóa" in attendance.match_label.text()
    conclusions = _section(view, "conclusions")
    assert conclusions.tree.topLevelItemCount() > 0
    assert not conclusions.add_button.isEnabled() and not conclusions.remove_button.isEnabled()
    QTest.keyClick(conclusions.tree, Qt.Key.Key_Insert)
    assert view.last_dialog is None


def _fill_task(dialog: ConclusionDialog, row: int, content: str, unit: int | None,
               deadline: str = "") -> None:
    dialog.tasks.cell(row, "content").setText(content)
    if unit is not None:
        dialog.tasks.cell(row, "assignee_unit_id").set_value(unit)
    dialog.tasks.cell(row, "deadline").set_value(None)
    if deadline:
        dialog.tasks.cell(row, "deadline").edit.setText(deadline)


def test_conclusions_added_edited_and_removed(
    view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    section = _section(view, "conclusions")
    assert isinstance(section, ConclusionsSection)
    assert section.tree.hasFocus() and "Chưa có kết luận" in section.counts.text()
    unit, focal = [u.id for u in list_units(demo_db)[:2]]

    # Insert: a conclusion with two tasks, saved in one call.
    QTest.keyClick(section.tree, Qt.Key.Key_Insert)
    dialog = _dialog(view, "conclusionDialog")
    assert isinstance(dialog, ConclusionDialog)
    dialog.form.editor("text").setPlainText("Giao các sở đẩy nhanh chuyển đổi số.")
    dialog.tasks.add_row()
    _fill_task(dialog, 0, "Xây dựng kho dữ liệu", unit, f"{START + timedelta(days=60):%d/%m/%Y}")
    dialog.tasks.cell(0, "focal_unit_id").set_value(focal)
    dialog.tasks.add_row()
    _fill_task(dialog, 1, "Rà soát thủ tục", None)
    # The second task has nobody assigned: refused under the tasks, that row selected.
    assert not dialog.try_save()
    assert "Nhiệm vụ 2" in dialog.form.error_label("tasks").text()
    assert dialog.tasks.current_row() == 1
    assert list_conclusions(demo_db, meeting) == ()
    dialog.tasks.cell(1, "assignee_unit_id").set_value(focal)
    assert dialog.try_save()
    (c,) = list_conclusions(demo_db, meeting)
    assert c.text == "Giao các sở đẩy nhanh chuyển đổi số." and len(c.tasks) == 2
    assert c.tasks[0].focal_unit and c.tasks[0].deadline == (START + timedelta(days=60)).date()
    assert section.tree.topLevelItemCount() == 1
    assert section.tree.topLevelItem(0).childCount() == 2
    assert "1 kết luận, 2 nhiệm vụ" in section.counts.text()
    status = section.tree.topLevelItem(0).child(0)
    assert status.text(4) == c.tasks[0].status_label and not status.icon(4).isNull()

    # Enter: edit it; the first task goes, the text changes.
    section.tree.setFocus()
    section.tree.setCurrentItem(section.tree.topLevelItem(0).child(1))
    assert "Rà soát thủ tục" in section.full_text.text()
    QTest.keyClick(section.tree, Qt.Key.Key_Return)
    dialog = _dialog(view, "conclusionDialog")
    assert dialog.tasks.row_count() == 2
    dialog.form.editor("text").setPlainText("Giao các sở, ngành đẩy nhanh chuyển đổi số.")
    dialog.tasks.remove_row(0)
    assert dialog.try_save()
    (edited,) = list_conclusions(demo_db, meeting)
    assert edited.id == c.id and edited.text == "Giao các sở, ngành đẩy nhanh chuyển đổi số."
    assert [t.id for t in edited.tasks] == [c.tasks[1].id]

    # Someone else edits it meanwhile: the dialog says so and offers to reload.
    QTest.keyClick(section.tree, Qt.Key.Key_Return)
    dialog = _dialog(view, "conclusionDialog")
    other = get_conclusion(demo_db, c.id)
    update_conclusion(demo_db, c.id, "Bản của máy khác", other.tasks,
                      expected_version=other.version)
    dialog.form.editor("text").setPlainText("Bản của tôi")
    assert not dialog.try_save()
    # The conflict dialog shows both texts; the officer takes the other one.
    assert dialog.conflict is not None and dialog.conflict.isVisible()
    dialog.conflict.theirs_button.click()
    assert dialog.conflict is None
    assert dialog.form.editor("text").toPlainText() == "Bản của máy khác"
    assert dialog.try_save()

    # Delete: asked first ("Không" is the default), then removed with its task.
    section.tree.setFocus()
    QTest.keyClick(section.tree, Qt.Key.Key_Delete)
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.defaultButton().objectName() == "noButton"
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()
    assert list_conclusions(demo_db, meeting) == ()
    assert section.tree.topLevelItemCount() == 0


def test_a_refused_mark_keeps_the_dialog(view: MeetingsView) -> None:
    """The dialogs are RecordDialogs: a refusal leaves them open."""
    section = _section(view, "attendance")
    section.select(view.current_meeting().attendance[0].invitee_id)
    section.mark_late()
    dialog = _dialog(view, "lateDialog")
    assert isinstance(dialog, RecordDialog)
    dialog.form.editor("arrived_at").setText("25:99")
    assert not dialog.try_save() and dialog.isVisible()


def test_conclusions_changed_after_the_notice_is_issued_are_asked_first(
    qtbot: Any, view: MeetingsView, demo_db: Any, meeting: int
) -> None:
    """The conclusions notice went out: editing or removing a conclusion asks first (the record
    will differ from the notice the units received); "Không" keeps everything as it was, "Vẫn
    lưu" supersedes the notice: Văn bản says it needs issuing again."""
    from bdcq_desktop.core.conclusions import add_conclusion
    from bdcq_desktop.documents import service

    mid_version = meetings.get_meeting(demo_db, meeting).version
    added = add_conclusion(demo_db, meeting, "Giao các sở đẩy nhanh chuyển đổi số.",
                           expected_version=mid_version)
    notice = service.issue(demo_db, "conclusions", meeting)
    view.table.reload()
    section = _section(view, "conclusions")
    section.tree.setFocus()
    section.tree.setCurrentItem(section.tree.topLevelItem(0))

    # Edit: the save is asked about, naming the notice; "Không" leaves the dialog as typed.
    QTest.keyClick(section.tree, Qt.Key.Key_Return)
    dialog = _dialog(view, "conclusionDialog")
    dialog.form.editor("text").setPlainText("Giao các sở, ngành đẩy nhanh chuyển đổi số.")
    assert not dialog.try_save()
    question = dialog.question
    assert question is not None and question.objectName() == "confirmationQuestion"
    assert notice.symbol in question.text() and "Vẫn lưu?" in question.text()
    assert question.defaultButton().objectName() == "noButton"
    question.defaultButton().click()
    assert dialog.isVisible()
    assert dialog.form.editor("text").toPlainText() == "Giao các sở, ngành đẩy nhanh chuyển đổi số."
    assert list_conclusions(demo_db, meeting)[0].text == "Giao các sở đẩy nhanh chuyển đổi số."
    # Saved again and confirmed: one more call, confirming, and the dialog closes.
    assert not dialog.try_save()
    next(b for b in dialog.question.buttons() if b.objectName() == "yesButton").click()
    assert not dialog.isVisible()
    assert list_conclusions(demo_db, meeting)[0].text == (
        "Giao các sở, ngành đẩy nhanh chuyển đổi số."
    )
    view.table.reload()
    qtbot.waitUntil(lambda: not view.current_pending())
    rows = {r.kind: r for r in _section(view, "documents").model.rows()}
    assert rows["conclusions"].symbol == notice.symbol
    assert rows["conclusions"].note == "cần ban hành lại"
    notice = service.issue(demo_db, "conclusions", meeting)  # the corrected one, a new number
    view.table.reload()
    qtbot.waitUntil(lambda: not view.current_pending())
    section = _section(view, "conclusions")

    # Remove: the officer's own question, then the core's about the corrected notice.
    section.tree.setFocus()
    section.tree.setCurrentItem(section.tree.topLevelItem(0))
    QTest.keyClick(section.tree, Qt.Key.Key_Delete)
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.objectName() == "confirmBox"
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()
    asked = view.last_dialog
    assert isinstance(asked, QMessageBox) and asked.objectName() == "confirmationQuestion"
    assert notice.symbol in asked.text()
    assert [c.id for c in list_conclusions(demo_db, meeting)] == [added.id]  # not yet
    next(b for b in asked.buttons() if b.objectName() == "yesButton").click()
    assert list_conclusions(demo_db, meeting) == ()
    assert section.tree.topLevelItemCount() == 0
