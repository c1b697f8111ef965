"""Two officers on one record, the first acting from a list read before the second saved: a
delete or a one-click change from the stale row is refused (the other officer's edit is never
thrown away unseen), and the list is read again, the same record still selected, so the next
try starts from what is there now. Officer B is a second Database on the same SQLite file.
A record that can no longer be read says why in the record pane, not an empty pane."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from bdcq_desktop.core import meetings, members, reports, rounds, submissions, units
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import ConflictError
from bdcq_desktop.core.models import CommitteeMembership, Person
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab
from bdcq_desktop.ui.tabs.members_tab import MembersTab
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab
from tests.conftest import DEMO_TODAY


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _officer_b(path: Path) -> Iterator[Any]:
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture
def other(db: Any, db_path: Path) -> Iterator[Any]:
    """Officer B, on another computer: the same file, its own connections."""
    yield from _officer_b(db_path)


@pytest.fixture
def other_demo(demo_db: Any, tmp_path: Path) -> Iterator[Any]:
    yield from _officer_b(tmp_path / "demo.sqlite3")


def _yes(view: Any) -> None:
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()


def _refused(view: Any) -> str:
    """The refusal shown (the record changed meanwhile), answered; returns its text."""
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    text = box.text()
    assert "vừa được người khác sửa" in text
    box.accept()
    return text


# -- the core: a delete is guarded by every version it would throw away -----------------------
def test_delete_person_refuses_a_person_corrected_meanwhile(db: Any, other: Any) -> None:
    pid = members.create_person(db, kind="expert", full_name="Nguyễn Văn Nhầm")
    seen = next(r for r in members.list_experts(db) if r.id == pid)  # A's list
    members.update_person(
        other, pid, expected_version=seen.version, notes="Đã xác minh: chuyên gia thật, giữ lại"
    )
    with pytest.raises(ConflictError, match="vừa được người khác sửa"):
        members.delete_person(db, pid, expected_version=seen.version)
    assert members.get_person(db, pid).notes.startswith("Đã xác minh")
    now = members.get_person(db, pid)
    members.delete_person(db, pid, expected_version=now.version)  # read again: deleted
    with db.session() as s:
        assert s.get(Person, pid) is None


def test_delete_mistaken_member_refuses_a_person_corrected_meanwhile(
    db: Any, other: Any
) -> None:
    mid = members.appoint_new(
        db,
        person={"full_name": "Trần Thị Nhầm", "position": "Chuyên viên"},
        appointment={"role": "member", "start_date": "2026-01-05"},
    )
    row = next(r for r in members.list_committee(db) if r.id == mid)  # A's list
    assert row.deletable and row.person_version == members.get_person(db, row.person_id).version
    # B corrects the person's phone and e-mail: the membership's version does not move.
    members.update_member(
        other,
        mid,
        person_version=row.person_version,
        membership_version=row.version,
        person={"phone": "0912 345 678", "email": "that@nghean.gov.vn"},
    )
    fresh = next(r for r in members.list_committee(db) if r.id == mid)
    assert fresh.version == row.version and fresh.person_version > row.person_version
    with pytest.raises(ConflictError, match="Hồ sơ người này"):
        members.delete_mistaken_member(
            db, mid, expected_version=row.version, person_version=row.person_version
        )
    assert members.get_person(db, row.person_id).phone == "0912 345 678"
    assert members.list_memberships(db, row.person_id)[0].person_version == fresh.person_version


# -- the members tab: the GUI passes both versions, and a refusal reloads the list ------------
@pytest.fixture
def members_tab(qtbot: Any, db: Any) -> MembersTab:
    tab = MembersTab(db)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.reload()
    for i in (2, 0):  # the experts' view is read when first shown
        tab.views.setCurrentIndex(i)
    return tab


def test_experts_delete_of_a_stale_row_is_refused_and_the_list_reloaded(
    qtbot: Any, members_tab: MembersTab, other: Any
) -> None:
    view, db = members_tab.experts, members_tab.db
    pid = members.create_person(db, kind="guest", full_name="Khách Nhập Nhầm")
    members.create_person(db, kind="guest", full_name="Khách Khác")
    view.reload()
    assert view.table.select_where(lambda r: r.id == pid)
    seen = view.table.current_row()
    members.update_person(other, pid, expected_version=seen.version, full_name="Khách Có Thật")
    view.delete_action.trigger()
    _yes(view)
    said = _refused(view)
    assert members.get_person(db, pid).full_name == "Khách Có Thật"  # B's edit is kept
    shown = view.table.current_row()  # the same person, as B left them
    assert (shown.id, shown.full_name) == (pid, "Khách Có Thật")
    assert shown.version == members.get_person(db, pid).version
    view.delete_action.trigger()  # A has seen it and still deletes: from the new row, it works
    _yes(view)
    with db.session() as s:
        assert s.get(Person, pid) is None
    assert "Danh sách đã được tải lại" in said


def test_mistaken_member_delete_checks_the_person_and_reloads(
    qtbot: Any, members_tab: MembersTab, other: Any
) -> None:
    view, db = members_tab.committee, members_tab.db
    mid = members.appoint_new(
        db,
        person={"full_name": "Trần Thị Nhầm", "position": "Chuyên viên"},
        appointment={"role": "member", "start_date": "2026-01-05"},
    )
    view.reload()
    assert view.table.select_where(lambda r: r.id == mid)
    seen = view.table.current_row()
    members.update_member(
        other, mid, person_version=seen.person_version, person={"phone": "0912 345 678"}
    )
    view.delete_action.trigger()
    _yes(view)
    said = _refused(view)
    assert members.get_person(db, seen.person_id).phone == "0912 345 678"
    shown = view.table.current_row()
    assert shown.id == mid and shown.phone == "0912 345 678"
    assert "Danh sách đã được tải lại" in said


def test_a_refused_delete_reloads_so_the_retry_is_not_refused_again(
    qtbot: Any, members_tab: MembersTab, other: Any
) -> None:
    """The reviewer's case: B changes the membership's decision number; A's "Xóa người nhập
    nhầm" was refused, and the row kept its old version, so every retry was refused too."""
    view, db = members_tab.committee, members_tab.db
    mid = members.appoint_new(
        db,
        person={"full_name": "Lê Văn Nhầm", "position": "Chuyên viên"},
        appointment={"role": "member", "start_date": "2026-01-05"},
    )
    view.reload()
    assert view.table.select_where(lambda r: r.id == mid)
    seen = view.table.current_row()
    members.update_membership(other, mid, expected_version=seen.version, decision_number="15/QĐ")
    view.delete_action.trigger()
    _yes(view)
    said = _refused(view)
    shown = view.table.current_row()
    assert shown.id == mid and shown.decision_number == "15/QĐ"
    assert shown.version == seen.version + 1
    view.delete_action.trigger()
    _yes(view)
    with db.session() as s:
        assert s.get(CommitteeMembership, mid) is None
    assert "Danh sách đã được tải lại" in said


# -- the other tabs go through the same place ---------------------------------------------------
def test_report_clear_of_a_stale_round_reloads_its_units(
    qtbot: Any, db: Any, other: Any
) -> None:
    today = date.today()
    ids = [units.create_unit(db, name=n) for n in ("Sở Y tế", "Sở Tài chính", "Sở Nội vụ")]
    rid = rounds.open_ad_hoc_round(
        db,
        title="Báo cáo theo Thông báo 14",
        due_date=today + timedelta(days=10),
        unit_ids=ids,
        opened_on=today - timedelta(days=10),
    )
    subs = reports.list_submissions(db, rid)
    version = reports.list_rounds(db)[0].version
    submissions.record_submission(db, subs[0].id, expected_version=version, received_on=today)
    version = reports.list_rounds(db)[0].version
    tab = ReportsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    tab.reload()
    qtbot.waitUntil(lambda: tab.submissions.model.rowCount() == 3)
    view, pane = tab.rounds_view, tab.rounds_view.pane
    assert tab.submissions.select_where(lambda r: r.id == subs[0].id)
    seen = tab.submissions.current_row()
    # B corrects this unit's report (another unit's would be no conflict: the report's own
    # version guards the clear): the round's version moves on, and the report's.
    submissions.record_submission(
        other, subs[0].id, expected_version=version, received_on=today, document_number="5/BC"
    )
    pane.clear_action.trigger()
    _yes(view)
    said = _refused(view)
    now = reports.list_rounds(db)[0]
    shown = tab.submissions.current_row()
    assert shown.id == seen.id and shown.round_version == now.version > seen.round_version
    assert tab.rounds.current_row().version == now.version
    pane.clear_action.trigger()  # from the reloaded row: cleared
    _yes(view)
    assert next(s for s in reports.list_submissions(db, rid) if s.id == seen.id).received_on is None
    assert "Danh sách đã được tải lại" in said


@pytest.fixture
def meetings_tab(qtbot: Any, demo_db: Any) -> MeetingsTab:
    tab = MeetingsTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    qtbot.waitUntil(lambda: not tab.view.current_pending())
    return tab


def _pick_first(table: Any) -> None:
    """The first row, selected alone: through the selection model, as selectRow() reads the
    keyboard's modifiers (a Ctrl or Shift left held by an earlier test's key presses turned it
    into a toggle and the row stayed unselected)."""
    from PySide6.QtCore import QItemSelectionModel

    flag = QItemSelectionModel.SelectionFlag
    flags = flag.ClearAndSelect | flag.Rows
    table.selectionModel().setCurrentIndex(table.model().index(0, 0), flags)


def test_presenter_toggle_on_a_stale_meeting_reloads_it(
    qtbot: Any, meetings_tab: MeetingsTab, other_demo: Any
) -> None:
    view, db = meetings_tab.view, meetings_tab.view.db
    row = next(r for r in view.table.visible_rows() if r.status == "planned" and r.invited == 0)
    assert view.table.select_where(lambda r: r.id == row.id)
    view.invite_committee_action.trigger()
    section = view.pane.section("invitees")
    # The pane shows the meeting invited on a later turn of the event loop (sooner or later
    # depending on what ran before): its invitees listed before one is picked.
    qtbot.waitUntil(lambda: not view.current_pending() and section.view.model().rowCount() > 0)
    _pick_first(section.view)
    seen = view.current_meeting()
    on = datetime.combine(DEMO_TODAY, time(9, 0))  # the demo's day: the meeting lies ahead
    meetings.update_meeting(other_demo, row.id, expected_version=seen.version, now=on, place="X")
    section.presenter_button.click()
    said = _refused(view)
    assert not any(i.presents for i in meetings.get_meeting(db, row.id).invitees)
    now = meetings.get_meeting(db, row.id)
    # The pane is filled on a later turn of the event loop (later still on a loaded machine).
    qtbot.waitUntil(
        lambda: not view.current_pending()
        and view.current_meeting() is not None
        and view.current_meeting().version == now.version
    )
    assert view.table.current_row().id == row.id
    assert view.current_meeting().place == "X"
    _pick_first(section.view)
    section.presenter_button.click()  # from the meeting read again: saved
    assert sum(i.presents for i in meetings.get_meeting(db, row.id).invitees) == 1
    assert "Danh sách đã được tải lại" in said


def test_a_record_deleted_elsewhere_says_so_in_the_pane(
    qtbot: Any, meetings_tab: MeetingsTab, other_demo: Any
) -> None:
    view = meetings_tab.view
    rows = view.table.visible_rows()
    gone = next(r for r in rows if r.status == "planned")  # no document: B may delete it
    keep = next(r for r in rows if r.id != gone.id)
    assert view.table.select_where(lambda r: r.id == keep.id)
    meetings.delete_meeting(other_demo, gone.id, expected_version=gone.version)  # officer B
    assert view.table.select_where(lambda r: r.id == gone.id)  # A's list still shows it
    heading = view.pane.heading.text()
    assert f"Không tìm thấy cuộc họp có mã {gone.id}" in heading, heading
    assert "F5" in heading
    # Its actions would only be refused in turn: off until the list is read again.
    assert not view.edit_action.isEnabled()
    assert view.table.select_where(lambda r: r.id == keep.id)
    assert view.edit_action.isEnabled()
