"""Two officers saving at once never lose what one of them typed: officer A's dialog (driven
with pytest-qt) and officer B's saves, each through a Database of their own on one real SQLite
file. A save that meets B's is shown beside what A typed (or, on a form that holds none of
the record's fields, such as a cancelled meeting's reason, taken on the newest version at
once); what A typed stays, and the next Lưu stores it. A banner never says "Tải lại" without
the button, and says what the button does."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core import invitees, meetings, reports, rounds, submissions, units
from bdcq_desktop.core.agenda import AgendaLine, set_agenda
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.errors import ConflictError
from bdcq_desktop.core.invitees import Invitation
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.agenda_dialog import AgendaDialog
from bdcq_desktop.ui.dialogs.agenda_model import AgendaModel
from bdcq_desktop.ui.record_dialog import RecordDialog
from tests.test_meeting_record import _meeting

TODAY = date.today()
SUMMARY = "Tóm tắt dài của A: 95% thủ tục trực tuyến."


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Iterator[None]:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def other(db_path: Path, db: Any) -> Iterator[Database]:
    """Officer B's PC: another Database on the same file."""
    database = open_database(db_path)
    yield database
    database.dispose()


def _open(qtbot: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _invite_guest(db: Any, meeting_id: int, name: str = "Ông Khách B") -> None:
    """Officer B invites a guest: the meeting's version moves, its agenda's does not."""
    seen = meetings.get_meeting(db, meeting_id).version
    invitees.invite(db, meeting_id, [Invitation(guest_name=name)], expected_version=seen)

# -- a unit's report ----------------------------------------------------------------------------
@pytest.fixture
def report(db: Any) -> dict[str, Any]:
    ids = [units.create_unit(db, name=n) for n in ("Sở Y tế", "Sở Tài chính")]
    rid = rounds.open_ad_hoc_round(
        db,
        title="Báo cáo theo Thông báo 14",
        due_date=TODAY + timedelta(days=10),
        unit_ids=ids,
        opened_on=TODAY - timedelta(days=10),
    )
    return {"round": rid, "units": ids}


def _row(db: Any, rid: int, unit: str) -> reports.SubmissionRow:
    return next(r for r in reports.list_submissions(db, rid) if r.unit == unit)


def test_a_report_recorded_meanwhile_is_shown_beside_the_typed_one(
    qtbot: Any, db: Any, other: Database, report: dict[str, Any]
) -> None:
    from bdcq_desktop.ui.dialogs.submission_dialogs import SubmissionDialog

    rid = report["round"]
    dialog = _open(qtbot, SubmissionDialog(db, _row(db, rid, "Sở Tài chính")))
    dialog.form.editor("document_number").setText("77/BC-STC")
    dialog.form.editor("summary").setPlainText(SUMMARY)
    # B records the same unit's report from the list read before.
    mine = _row(other, rid, "Sở Tài chính")
    submissions.record_submission(
        other, mine.id, expected_version=mine.round_version, submission_version=mine.version,
        received_on=TODAY - timedelta(days=1), document_number="78/BC-STC",
        evaluation="Đầy đủ (B)",
    )  # fmt: skip
    assert not dialog.try_save()
    box = dialog.conflict
    assert box is not None and box.isVisible()
    assert "Tải lại" not in dialog.banner_label.text() or dialog.reload_button.isVisible()
    rows = {r.key: r for r in box.rows}
    assert rows["document_number"].both and rows["document_number"].result == "77/BC-STC"
    assert rows["evaluation"].theirs == "Đầy đủ (B)" and rows["evaluation"].result == "Đầy đủ (B)"
    box.keep_button.click()
    assert dialog.form.editor("summary").toPlainText() == SUMMARY
    assert dialog.form.editor("evaluation").toPlainText() == "Đầy đủ (B)"
    # The next Lưu is checked against B's version, not the one first read: it saves.
    assert dialog.try_save(), dialog.banner_label.text()
    saved = _row(db, rid, "Sở Tài chính")
    assert (saved.document_number, saved.summary, saved.evaluation, saved.received_on) == (
        "77/BC-STC",
        SUMMARY,
        "Đầy đủ (B)",
        TODAY - timedelta(days=1),
    )


def test_quick_entry_and_waiver_save_on_the_newest_after_a_conflict(
    qtbot: Any, db: Any, other: Database, report: dict[str, Any]
) -> None:
    from bdcq_desktop.core import waivers
    from bdcq_desktop.ui.dialogs.submission_dialogs import (
        QuickEntryDialog,
        WaiverDialog,
    )

    rid = report["round"]
    quick = _open(qtbot, QuickEntryDialog(db, _row(db, rid, "Sở Y tế")))
    quick.number_edit.setText("5/BC-SYT")
    theirs = _row(other, rid, "Sở Y tế")
    submissions.record_submission(
        other, theirs.id, expected_version=theirs.round_version,
        submission_version=theirs.version, received_on=TODAY, summary="Tóm tắt (B)",
    )  # fmt: skip
    assert not quick.try_save()
    rows = quick.conflict.rows  # B changed nothing the quick entry shows: only A's number
    assert [(r.key, r.theirs, r.result) for r in rows] == [("document_number", "—", "5/BC-SYT")]
    quick.conflict.keep_button.click()
    assert quick.number_edit.text() == "5/BC-SYT"
    assert quick.try_save(), quick.banner_label.text()
    saved = _row(db, rid, "Sở Y tế")
    # The quick entry keeps what the full form holds: B's summary, read anew, not blanked.
    assert (saved.document_number, saved.summary) == ("5/BC-SYT", "Tóm tắt (B)")

    waiver = _open(qtbot, WaiverDialog(db, _row(db, rid, "Sở Tài chính")))
    waiver.reason_edit.setPlainText("Đơn vị đã hợp nhất (A)")
    theirs = _row(other, rid, "Sở Tài chính")
    waivers.waive_submission(
        other, theirs.id, expected_version=theirs.round_version,
        submission_version=theirs.version, reason="Lý do của B",
    )  # fmt: skip
    assert not waiver.try_save()
    rows = waiver.conflict.rows
    assert [r.key for r in rows] == ["waived_reason"] and rows[0].both
    assert rows[0].theirs == "Lý do của B" and rows[0].result == "Đơn vị đã hợp nhất (A)"
    waiver.conflict.keep_button.click()
    assert waiver.try_save(), waiver.banner_label.text()
    assert _row(db, rid, "Sở Tài chính").waived_reason == "Đơn vị đã hợp nhất (A)"

# -- dialogs whose fields are the action's own --------------------------------------------------
def test_a_cancelled_meetings_reason_is_kept_and_saved_on_the_newest(
    qtbot: Any, db: Any, other: Database
) -> None:
    from bdcq_desktop.ui.dialogs.meeting_dialogs import cancel_meeting_dialog

    mid = _meeting(db)["meeting"]
    d = meetings.get_meeting(db, mid)
    dialog = _open(qtbot, cancel_meeting_dialog(db, mid, d.version, d.title))
    dialog.form.editor("cancel_reason").setPlainText("Trưởng ban đi công tác đột xuất")
    _invite_guest(other, mid)
    assert not dialog.try_save()
    # B changed nothing this form shows: no question, the newest taken, the reason kept.
    assert dialog.conflict is None
    text = dialog.banner_label.text()
    assert "giữ phần bạn đã nhập" in text and "“Hủy cuộc họp”" in text
    assert not dialog.reload_button.isVisible()
    assert dialog.form.editor("cancel_reason").toPlainText() == "Trưởng ban đi công tác đột xuất"
    assert dialog.try_save(), dialog.banner_label.text()
    saved = meetings.get_meeting(db, mid)
    assert (saved.status, saved.cancel_reason) == ("cancelled", "Trưởng ban đi công tác đột xuất")


def test_a_stale_save_without_a_reload_never_says_tai_lai(qtbot: Any) -> None:
    from bdcq_desktop.core.locking import conflict
    from bdcq_desktop.ui.forms import FieldSpec

    def save(_values: dict[str, Any]) -> int:
        raise conflict("Cơ quan")  # the core's "… Hãy tải lại rồi sửa lại."

    dialog = _open(qtbot, RecordDialog("Thử", [FieldSpec("name", "Tên")], save))
    assert not dialog.try_save()
    assert not dialog.reload_button.isVisible()
    text = dialog.banner_label.text()
    assert text.startswith("Cơ quan vừa được người khác sửa.")
    assert "tải lại" not in text.lower() and "mở lại" in text
    with pytest.raises(ConflictError, match="Hãy tải lại rồi sửa lại"):  # as the CLI says it
        save({})

def test_a_unit_retired_from_a_stale_dialog_keeps_its_date_and_is_saved(
    qtbot: Any, db: Any, other: Database
) -> None:
    from bdcq_desktop.ui.dialogs.unit_dialogs import retire_unit_dialog

    uid = units.create_unit(db, name="Sở Bưu chính Viễn thông")
    day = TODAY - timedelta(days=3)
    dialog = _open(qtbot, retire_unit_dialog(db, units.get_unit(db, uid), today=TODAY))
    dialog.form.fields["on"].set_value(day)
    units.update_unit(other, uid, expected_version=1, short_name="SBCVT")  # B, meanwhile
    assert not dialog.try_save()
    assert dialog.conflict is None and not dialog.reload_button.isVisible()
    assert "giữ phần bạn đã nhập" in dialog.banner_label.text()
    assert dialog.try_save(), dialog.banner_label.text()
    saved = units.get_unit(db, uid)
    assert (saved.active, saved.retired_on, saved.short_name) == (False, day, "SBCVT")

# -- the agenda ---------------------------------------------------------------------------------
def _retitle(dialog: Any, row: int, text: str) -> None:
    dialog.model.setData(dialog.model.index(row, AgendaModel.TITLE), text)


def _invite_guest(db: Any, meeting_id: int, name: str = "Ông Khách B") -> None:
    """Officer B invites a guest: the meeting's version moves, its agenda's does not."""
    seen = meetings.get_meeting(db, meeting_id).version
    invitees.invite(db, meeting_id, [Invitation(guest_name=name)], expected_version=seen)


def _titles(db: Any, meeting_id: int) -> list[str]:
    return [a.title for a in meetings.get_meeting(db, meeting_id).agenda]


def test_an_agenda_typed_while_another_officer_invited_a_guest_is_saved(
    qtbot: Any, db: Any, other: Database
) -> None:
    mid = _meeting(db)["meeting"]
    dialog = _open(qtbot, AgendaDialog(db, mid))
    _retitle(dialog, 1, "Báo cáo kết quả 6 tháng (A sửa)")
    _invite_guest(other, mid)
    assert dialog.try_save(), dialog.banner_label.text()
    assert dialog.conflict is None
    assert _titles(db, mid) == ["Khai mạc", "Báo cáo kết quả 6 tháng (A sửa)"]
    assert "Ông Khách B" in [i.name for i in meetings.get_meeting(db, mid).invitees]


def test_an_agenda_changed_by_both_keeps_the_typed_rows(
    qtbot: Any, db: Any, other: Database
) -> None:
    mid = _meeting(db)["meeting"]
    dialog = _open(qtbot, AgendaDialog(db, mid))
    # A retitles the second item and adds one at the end.
    _retitle(dialog, 1, "Báo cáo kết quả 6 tháng (A sửa)")
    row = dialog.add_item()
    dialog.view.closePersistentEditor(dialog.model.index(row, AgendaModel.TITLE))
    _retitle(dialog, row, "Kết luận (A thêm)")
    dialog.model.setData(dialog.model.index(row, AgendaModel.MINUTES), "15")
    # B, meanwhile, lengthens the first item and adds "Thảo luận" at the end.
    seen = meetings.get_meeting(other, mid)
    lines = seen.agenda_lines()
    lines[0] = replace(lines[0], planned_minutes=20)
    set_agenda(
        other, mid, [*lines, AgendaLine("Thảo luận (B thêm)", 30)], expected_version=seen.version
    )
    assert not dialog.try_save()
    box = dialog.conflict
    assert box is not None and box.isVisible() and not dialog.banner.isVisible()
    rows = {r.label: r for r in box.rows}
    assert "Khai mạc" in rows["Mục 1"].theirs and "20 phút" in rows["Mục 1"].theirs
    assert "10 phút" in rows["Mục 1"].mine and "20 phút" in rows["Mục 1"].result
    assert rows["Mục 2"].mine.startswith("Báo cáo kết quả 6 tháng (A sửa)")
    assert rows["Mục 2"].result.startswith("Báo cáo kết quả 6 tháng (A sửa)")
    added = sorted(r.result for r in box.rows if r.label == "Mục mới")
    assert [a.split(" · ")[0] for a in added] == ["Kết luận (A thêm)", "Thảo luận (B thêm)"]
    assert box.keep_button.isDefault()  # Enter keeps what was typed
    assert _titles(db, mid)[1] == "Báo cáo kết quả"  # nothing of A's saved by the question
    # Keep mine: B's agenda with A's rows on it (both added at the end: B's saved one
    # first), checked and saved again.
    box.keep_button.click()
    assert dialog.conflict is None and dialog.isVisible()
    assert [i["title"] for i in dialog.model.items] == [
        "Khai mạc",
        "Báo cáo kết quả 6 tháng (A sửa)",
        "Thảo luận (B thêm)",
        "Kết luận (A thêm)",
    ]
    assert dialog.model.items[0]["minutes"] == 20
    assert "giữ phần bạn đã nhập" in dialog.banner_label.text()
    assert dialog.try_save(), dialog.banner_label.text()
    saved = meetings.get_meeting(db, mid).agenda
    assert [(a.title, a.planned_minutes) for a in saved] == [
        ("Khai mạc", 20),
        ("Báo cáo kết quả 6 tháng (A sửa)", 60),
        ("Thảo luận (B thêm)", 30),
        ("Kết luận (A thêm)", 15),
    ]


def test_an_agenda_conflict_back_keeps_the_rows_and_theirs_drops_them(
    qtbot: Any, db: Any, other: Database
) -> None:
    mid = _meeting(db)["meeting"]
    dialog = _open(qtbot, AgendaDialog(db, mid))
    _retitle(dialog, 0, "Khai mạc hội nghị (A sửa)")
    seen = meetings.get_meeting(other, mid)
    lines = seen.agenda_lines()
    lines[0] = replace(lines[0], title="Khai mạc (B sửa)")
    set_agenda(other, mid, lines, expected_version=seen.version)
    assert not dialog.try_save()
    assert dialog.conflict.rows[0].both  # both retitled it: the typed title is kept
    dialog.conflict.back_button.click()
    assert dialog.model.items[0]["title"] == "Khai mạc hội nghị (A sửa)"
    assert "vẫn còn đây" in dialog.banner_label.text()
    assert not dialog.try_save()  # Lưu asks again, never overwrites
    assert _titles(db, mid)[0] == "Khai mạc (B sửa)"
    dialog.conflict.theirs_button.click()
    assert dialog.model.items[0]["title"] == "Khai mạc (B sửa)"
    assert dialog.try_save(), dialog.banner_label.text()

def test_the_typed_cell_is_in_the_agenda_conflict_too(qtbot: Any, db: Any, other: Database) -> None:
    """A title still being typed (its editor open) when Lưu meets B's save is compared and
    kept like the rest."""
    mid = _meeting(db)["meeting"]
    dialog = _open(qtbot, AgendaDialog(db, mid))
    index = dialog.model.index(1, AgendaModel.TITLE)
    dialog.view.setCurrentIndex(index)
    dialog.view.edit(index)
    editor = dialog.view.indexWidget(index)
    assert editor is not None
    editor.setText("Báo cáo (đang gõ)")  # type: ignore[attr-defined]
    seen = meetings.get_meeting(other, mid)
    lines = seen.agenda_lines()
    set_agenda(other, mid, [*lines, AgendaLine("Bế mạc", 5)], expected_version=seen.version)
    assert not dialog.try_save()
    dialog.conflict.keep_button.click()
    assert [i["title"] for i in dialog.model.items] == ["Khai mạc", "Báo cáo (đang gõ)", "Bế mạc"]
    assert dialog.model.index(1, AgendaModel.TITLE).data(Qt.ItemDataRole.DisplayRole) == (
        "Báo cáo (đang gõ)"
    )

def test_the_invite_banner_says_the_ticks_stay(qtbot: Any, db: Any, other: Database) -> None:
    from bdcq_desktop.core import members
    from bdcq_desktop.ui.dialogs.invitees_dialog import InviteDialog

    mid = _meeting(db)["meeting"]
    expert = members.create_person(
        db, full_name="Hồ Chuyên Gia", position="TS, Giảng viên", kind="expert"
    )
    dialog = _open(qtbot, InviteDialog(db, mid))
    dialog.people.check(expert)
    dialog.guest.fields["guest_name"].set_value("Bà Khách A")
    _invite_guest(other, mid)
    assert not dialog.try_save()
    text = dialog.banner_label.text()
    assert dialog.reload_button.isVisible()
    assert "sẽ được thay" not in text and "vẫn giữ nguyên" in text
    dialog.reload_button.click()
    assert dialog.people.checked() == [expert]  # what the banner said
    assert dialog.guest.values()["guest_name"] == "Bà Khách A"
    assert "vẫn giữ nguyên" in dialog.banner_label.text()
    assert dialog.try_save(), dialog.banner_label.text()
    names = [i.name for i in meetings.get_meeting(db, mid).invitees]
    assert {"Bà Khách A", "Ông Khách B", "Hồ Chuyên Gia"} <= set(names)

def test_an_agenda_typed_while_an_items_notes_were_saved_is_kept_without_a_question(
    qtbot: Any, db: Any, other: Database
) -> None:
    """Live notes saved meanwhile bump an item's version, not its agenda: nothing to compare,
    the typing is kept on the newest version and the next Lưu saves it."""
    from bdcq_desktop.core.live_notes import item_notes, save_item_notes

    mid = _meeting(db)["meeting"]
    dialog = _open(qtbot, AgendaDialog(db, mid))
    _retitle(dialog, 1, "Báo cáo kết quả 6 tháng (A sửa)")
    notes = next(n for n in item_notes(other, mid) if n.item_id == dialog.model.items[1]["id"])
    save_item_notes(other, mid, notes.item_id, "Ý kiến của Sở Nội vụ", base_version=notes.version)
    assert not dialog.try_save()
    assert dialog.conflict is None
    assert "chương trình không đổi" in dialog.banner_label.text()
    assert dialog.model.items[1]["title"] == "Báo cáo kết quả 6 tháng (A sửa)"
    assert dialog.try_save(), dialog.banner_label.text()
    assert _titles(db, mid) == ["Khai mạc", "Báo cáo kết quả 6 tháng (A sửa)"]
    assert item_notes(db, mid)[1].text == "Ý kiến của Sở Nội vụ"  # the notes stay


# -- a working session --------------------------------------------------------------------------
@pytest.fixture
def demo_other(demo_db: Any, tmp_path: Path) -> Iterator[Database]:
    """Officer B's PC on the demo file (tests/conftest.py's demo_db copies it there)."""
    database = open_database(tmp_path / "demo.sqlite3")
    yield database
    database.dispose()


def _busy_session(db: Any) -> Any:
    from bdcq_desktop.core import session_detail
    from bdcq_desktop.core.session_list import list_sessions

    sessions = [session_detail.get_session(db, r.id) for r in list_sessions(db)]
    return max(sessions, key=lambda d: (len(d.participants) >= 2 and len(d.days), d.id))

def test_attendance_kept_when_only_the_sessions_fields_changed(
    qtbot: Any, demo_db: Any, demo_other: Database
) -> None:
    from bdcq_desktop.core import session_detail, working_group
    from bdcq_desktop.ui.dialogs.session_dialogs import AttendanceDialog

    d = _busy_session(demo_db)
    dialog = _open(qtbot, AttendanceDialog(demo_db, d.id))
    mine = not _ticked(dialog, 0, 1)
    dialog.grid.item(0, 1).setCheckState(Qt.CheckState.Checked if mine else Qt.CheckState.Unchecked)
    seen = session_detail.get_session(demo_other, d.id)
    working_group.update_session(
        demo_other, d.id, expected_version=seen.version, title=seen.title + " (B)"
    )
    assert not dialog.try_save()
    assert dialog.conflict is None and "điểm danh không đổi" in dialog.banner_label.text()
    assert _ticked(dialog, 0, 1) is mine
    assert dialog.try_save(), dialog.banner_label.text()
    first = session_detail.get_session(demo_db, d.id).participants[0]
    assert (d.days[0] in first.days) is mine


def test_the_participants_banner_says_the_ticks_stay(
    qtbot: Any, demo_db: Any, demo_other: Database
) -> None:
    from bdcq_desktop.core import session_detail, session_people
    from bdcq_desktop.ui.dialogs.session_dialogs import ParticipantsDialog

    d = _busy_session(demo_db)
    dialog = _open(qtbot, ParticipantsDialog(demo_db, d.id))
    rows = dialog.new_rows()
    rows.add_row()
    rows.cell(0, "full_name").setText("Người Mới A")
    seen = session_detail.get_session(demo_other, d.id)
    session_people.add_participants(
        demo_other, d.id, new_experts=[{"full_name": "Người Mới B"}],
        expected_version=seen.version, confirm_after_convocation=True,
    )  # fmt: skip
    assert not dialog.try_save()
    text = dialog.banner_label.text()
    assert dialog.reload_button.isVisible()
    assert "sẽ được thay" not in text and "vẫn giữ nguyên" in text
    dialog.reload_button.click()
    assert rows.cell(0, "full_name").text() == "Người Mới A"
    assert "vẫn giữ nguyên" in dialog.banner_label.text()

def _ticked(dialog: Any, row: int, col: int) -> bool:
    return dialog.grid.item(row, col).checkState() == Qt.CheckState.Checked

def test_attendance_ticked_by_both_keeps_each_ones_cells(
    qtbot: Any, demo_db: Any, demo_other: Database
) -> None:
    from bdcq_desktop.core import session_detail, session_people
    from bdcq_desktop.ui.dialogs.session_dialogs import AttendanceDialog

    d = _busy_session(demo_db)
    first, second = d.participants[0], d.participants[1]
    day = d.days[0]
    dialog = _open(qtbot, AttendanceDialog(demo_db, d.id))
    mine = not _ticked(dialog, 0, 1)
    dialog.grid.item(0, 1).setCheckState(Qt.CheckState.Checked if mine else Qt.CheckState.Unchecked)
    # B, meanwhile, marks the second participant's first day the other way.
    theirs = day not in second.days
    days = sorted({*second.days, day} if theirs else set(second.days) - {day})
    seen = session_detail.get_session(demo_other, d.id)
    session_people.set_attendance(
        demo_other,
        d.id,
        [session_people.Attendance(second.id, tuple(days), second.absence_reason or None)],
        expected_version=seen.version,
        confirm_double_attendance=True,
    )
    assert not dialog.try_save()
    box = dialog.conflict
    assert box is not None and not dialog.banner.isVisible()
    assert {r.label for r in box.rows} == {first.name, second.name}
    box.keep_button.click()
    assert _ticked(dialog, 0, 1) is mine and _ticked(dialog, 1, 1) is theirs
    assert dialog.try_save(), dialog.banner_label.text()
    saved = {p.id: p for p in session_detail.get_session(demo_db, d.id).participants}
    assert (day in saved[first.id].days) is mine and (day in saved[second.id].days) is theirs

# -- the settings -------------------------------------------------------------------------------
def test_settings_reloaded_after_another_officers_save_keep_what_was_typed(
    qtbot: Any, demo_db: Any, demo_other: Database
) -> None:
    from bdcq_desktop.core.settings import get_organisation, update_organisation
    from bdcq_desktop.documents import settings as ds
    from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog

    dialog = _open(qtbot, SettingsDialog(demo_db))
    name = dialog.org_form.editor("committee_name")
    name.setText("Ban Chỉ đạo chuyển đổi số tỉnh (A)")  # type: ignore[attr-defined]
    dialog.tabs.setCurrentWidget(dialog.kinds)
    dialog.kinds.select("convocation")
    dialog.kinds.recipients_edit.setPlainText("Như trên\nA: Văn phòng UBND tỉnh")
    # B, meanwhile: the place, and the minutes' recipients.
    update_organisation(demo_other, place_name="Hà Tĩnh (B)")
    minutes = ds.kind_settings(ds.load(demo_other), "minutes")
    ds.save_together(
        demo_other,
        organisation={},
        kinds=[replace(minutes, recipients=("B: Lưu VT",))],
        expected_version=get_organisation(demo_other).version,
    )
    assert not dialog.try_save()
    assert "sẽ được thay" not in dialog.banner_label.text()
    dialog.reload_button.click()
    assert name.text() == "Ban Chỉ đạo chuyển đổi số tỉnh (A)"  # type: ignore[attr-defined]
    assert dialog.org_form.editor("place_name").text() == "Hà Tĩnh (B)"  # type: ignore[attr-defined]
    assert dialog.try_save(), dialog.banner_label.text()
    org, saved = get_organisation(demo_db), ds.load(demo_db)
    assert (org.committee_name, org.place_name) == (
        "Ban Chỉ đạo chuyển đổi số tỉnh (A)",
        "Hà Tĩnh (B)",
    )
    assert ds.kind_settings(saved, "convocation").recipients == (
        "Như trên",
        "A: Văn phòng UBND tỉnh",
    )
    assert ds.kind_settings(saved, "minutes").recipients == ("B: Lưu VT",)

def test_a_regimes_units_unticked_here_stay_unticked_after_another_officers_save(
    qtbot: Any, db: Any, other: Database
) -> None:
    from bdcq_desktop.core import regimes
    from bdcq_desktop.ui.dialogs.round_dialogs import RegimeDialog

    ids = [units.create_unit(db, name=n) for n in ("Sở Y tế", "Sở Tài chính", "Sở Nội vụ")]
    rid = regimes.create_regime(db, name="Báo cáo quý", frequency="quarterly", unit_ids=ids[:2])
    dialog = _open(qtbot, RegimeDialog(db, regimes.get_regime(db, rid)))
    dialog.units.check(ids[1], False)  # A takes Sở Tài chính off
    # B adds Sở Nội vụ and renames the regime.
    regimes.update_regime(other, rid, expected_version=1, name="Báo cáo quý (B)", unit_ids=ids)
    assert not dialog.try_save()
    dialog.conflict.keep_button.click()
    assert sorted(dialog.units.checked()) == [ids[0], ids[2]]  # A's untick on B's units
    assert dialog.try_save(), dialog.banner_label.text()
    saved = regimes.get_regime(db, rid)
    assert (saved.name, sorted(saved.unit_ids)) == ("Báo cáo quý (B)", [ids[0], ids[2]])
