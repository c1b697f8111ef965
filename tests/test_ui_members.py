"""The members tab on demo data: views, search, sort, dialogs, reorganisation, import, export.

Dialogs are opened without blocking (``open()``), found through ``view.last_dialog`` and driven
with qtbot; nothing waits in a nested event loop.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from bdcq_desktop.core import members, units
from bdcq_desktop.core.models import CommitteeMembership, Person
from bdcq_desktop.core.text import fold, short_date
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog
from bdcq_desktop.ui.dialogs.reorganise_dialog import ReorganiseDialog
from bdcq_desktop.ui.record_dialog import RecordDialog
from bdcq_desktop.ui.table_model import ROW_ROLE
from bdcq_desktop.ui.tabs.member_views import MembershipView
from bdcq_desktop.ui.tabs.members_tab import MembersTab

D0 = date(2025, 1, 1)


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    """QSettings caches its file per process: start every test from no remembered state."""
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _tab(qtbot: Any, db: Any) -> MembersTab:
    tab = MembersTab(db)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.reload()
    # The views behind are read when first shown (see the test below): shown here, in turn,
    # as the officer would, so each test finds its view read.
    front = tab.views.currentIndex()
    for i in range(tab.views.count()):
        tab.views.setCurrentIndex(i)
    tab.views.setCurrentIndex(front)
    return tab


@pytest.fixture
def tab(qtbot: Any, demo_db: Any) -> MembersTab:
    return _tab(qtbot, demo_db)


def _visible(view: Any) -> list[Any]:
    return view.table.visible_rows()


def _dialog(view: Any, name: str) -> Any:
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == name, dialog
    assert dialog.isVisible()
    return dialog


def _set(dialog: RecordDialog, key: str, text: str) -> None:
    editor = dialog.form.editor(key)
    if hasattr(editor, "edit"):  # DateField
        editor = editor.edit
    editor.setText(text)  # type: ignore[attr-defined]


def _select(view: Any, predicate: Any) -> Any:
    assert view.table.select_where(predicate)
    view.table.view.setFocus()
    return view.table.current_row()


# -- structure -------------------------------------------------------------------------------
def test_five_views_with_vietnamese_titles(tab: MembersTab) -> None:
    views = tab.findChild(QTabWidget, "membersViews")
    names = [views.widget(i).objectName() for i in range(views.count())]
    assert names == ["committeeView", "workingGroupView", "expertsView", "unitsView", "matrixView"]
    assert [views.tabText(i) for i in range(views.count())] == [
        "Ban Chỉ đạo",
        "Tổ công tác",
        "Chuyên gia, khách mời, danh bạ",
        "Cơ quan, đơn vị",
        "Ma trận trách nhiệm",
    ]
    assert tab.objectName() == "membersTab"


def test_a_refresh_reads_the_view_in_front_and_the_others_when_shown(
    qtbot: Any, demo_db: Any
) -> None:
    tab = MembersTab(demo_db)
    qtbot.addWidget(tab)
    tab.show()
    tab.reload()
    assert tab.committee.table.model.rowCount() > 0
    assert tab.units.table.model.rowCount() == 0  # nothing on screen asked for it yet
    tab.views.setCurrentWidget(tab.units)
    assert tab.units.table.model.rowCount() > 0
    # Read as the database stands when shown, not as it stood at the refresh.
    from bdcq_desktop.core import units

    units.create_unit(demo_db, name="Sở Ngoại vụ mới lập", kind="department")
    tab.views.setCurrentWidget(tab.committee)
    tab.reload()
    before = tab.experts.table.model.rowCount()
    units_before = tab.units.table.model.rowCount()
    tab.views.setCurrentWidget(tab.units)
    assert tab.units.table.model.rowCount() == units_before + 1
    assert tab.experts.table.model.rowCount() == before


def test_every_table_model_passes_the_model_tester(
    qtbot: Any, qtmodeltester: Any, tab: MembersTab
) -> None:
    for view in (tab.committee, tab.group, tab.experts, tab.units):
        assert view.table.model.rowCount() > 0, view.objectName()
        qtmodeltester.check(view.table.model)
        qtmodeltester.check(view.table.proxy)
    tab.committee.show_former.setChecked(True)
    tab.committee.table.search.setText("so")
    qtmodeltester.check(tab.committee.table.proxy)
    assert tab.matrix.table.rowCount() > 0
    qtmodeltester.check(tab.matrix.table.model())


def test_committee_columns_and_default_rank_order(tab: MembersTab, demo_db: Any) -> None:
    model = tab.committee.table.model
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(10)]
    assert titles == [
        "TT",
        "Họ và tên",
        "Vai trò",
        "Chức vụ",
        "Cơ quan",
        "Lĩnh vực phụ trách",
        "Địa bàn phụ trách",
        "Điện thoại",
        "Thư điện tử",
        "Quyết định",
    ]
    shown = [r.id for r in _visible(tab.committee)]
    assert shown == [r.id for r in members.list_committee(demo_db)]
    assert _visible(tab.committee)[0].role == "head"


NAMES = [
    "Phạm Thị Hòa",
    "Nguyễn Văn An",
    "Đỗ Văn Hoa",
    "Hoàng Văn Đạt",
    "Trần Thị Ánh",
    "Lý Văn Dũng",
    "Vũ Đức Chính",
    "Bùi Văn Chinh",
    "Lê Văn Bình",
]
BY_GIVEN_NAME = [  # checked by hand
    "Nguyễn Văn An",
    "Trần Thị Ánh",
    "Lê Văn Bình",
    "Bùi Văn Chinh",
    "Vũ Đức Chính",
    "Lý Văn Dũng",
    "Hoàng Văn Đạt",
    "Đỗ Văn Hoa",
    "Phạm Thị Hòa",
]


def _appoint(db: Any, name: str, role: str = "member", **kw: Any) -> int:
    pid = members.create_person(
        db,
        full_name=name,
        **{k: kw.pop(k) for k in list(kw) if k in ("position", "unit_id", "email", "phone")},
    )
    return members.appoint(db, pid, role=role, start_date=D0, **kw)


def test_header_click_sorts_by_given_name(qtbot: Any, db: Any) -> None:
    for name in NAMES:
        _appoint(db, name)
    tab = _tab(qtbot, db)
    view = tab.committee.table.view
    header = view.horizontalHeader()

    def click(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(1)
    assert [r.full_name for r in _visible(tab.committee)] == BY_GIVEN_NAME
    click(1)
    assert [r.full_name for r in _visible(tab.committee)] == BY_GIVEN_NAME[::-1]
    click(0)  # TT: back to rank order (all members: by given name)
    assert [r.full_name for r in _visible(tab.committee)] == BY_GIVEN_NAME


# -- search ----------------------------------------------------------------------------------
def test_search_nfd_filters_like_nfc_while_typing(qtbot: Any, tab: MembersTab) -> None:
    table = tab.committee.table
    table.search.setText("Nguyễn")
    nfc = [r.id for r in _visible(tab.committee)]
    assert nfc and len(nfc) < table.model.rowCount() + 1
    table.search.setText(unicodedata.normalize("NFD", "Nguyễn"))
    assert [r.id for r in _visible(tab.committee)] == nfc
    table.search.clear()
    qtbot.keyClicks(table.search, "nguyen")
    # Without diacritics the query also finds Nguyên (Hưng Nguyên, Tài nguyên): a superset.
    assert set(nfc) <= {r.id for r in _visible(tab.committee)}
    assert "/" in table.count_label.text()


def test_search_covers_position_agency_field_and_area(tab: MembersTab) -> None:
    rows = members.list_committee(tab.db)
    sample = next(r for r in rows if r.field and r.area and r.unit)
    table = tab.committee.table
    for text in (sample.position, sample.unit, sample.field, sample.area):
        table.search.setText(fold(text))
        assert sample.id in [r.id for r in _visible(tab.committee)], text
    table.search.setText("khong co ai nhu the nay")
    assert _visible(tab.committee) == []


# -- former members --------------------------------------------------------------------------
def test_show_former_members_greyed_with_end_decision(qtbot: Any, tab: MembersTab) -> None:
    view = tab.committee
    leaving = _visible(view)[-1]
    members.end_membership(
        tab.db, leaving.id, end_date=date(2026, 6, 30), decision_number="99/QĐ-UBND"
    )
    view.reload()
    assert leaving.id not in [r.id for r in _visible(view)]
    assert view.table.view.isColumnHidden(view.end_column)
    view.show_former.setChecked(True)
    rows = _visible(view)
    assert leaving.id in [r.id for r in rows]
    proxy_row = [r.id for r in rows].index(leaving.id)
    index = view.table.proxy.index(proxy_row, view.end_column)
    assert index.data() == "30/06/2026 — QĐ 99/QĐ-UBND"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert not view.table.view.isColumnHidden(view.end_column)
    assert view_state.bool_value("committee/showFormer") is True
    view.show_former.setChecked(False)
    assert leaving.id not in [r.id for r in _visible(view)]


# -- dialogs ---------------------------------------------------------------------------------
def test_ctrl_n_adds_a_new_person_and_appointment(qtbot: Any, tab: MembersTab) -> None:
    view = tab.committee
    view.table.view.setFocus()
    qtbot.waitUntil(view.table.view.hasFocus)
    qtbot.keyClick(view.table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(view, "newMemberDialog")
    _set(dialog, "full_name", "Trịnh Văn Mới")
    _set(dialog, "email", "moi@nghean.gov.vn")
    _set(dialog, "field", "Dữ liệu mở")
    _set(dialog, "area", "Huyện Nghi Lộc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    row = view.table.current_row()
    assert row.full_name == "Trịnh Văn Mới" and row.area == "Huyện Nghi Lộc"
    assert row.id in [r.id for r in members.list_committee(tab.db)]


def test_bad_email_is_shown_at_the_email_field(qtbot: Any, tab: MembersTab) -> None:
    view = tab.committee
    row = _select(view, lambda r: r.role == "member")
    qtbot.keyClick(view.table.view, Qt.Key.Key_Return)
    dialog = _dialog(view, "editMemberDialog")
    _set(dialog, "position", "Phó Giám đốc phụ trách")
    _set(dialog, "email", "khong-phai-email")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    error = dialog.form.error_label("email")
    assert error.isVisible()
    assert "không phải là địa chỉ thư điện tử hợp lệ" in error.text()
    assert '"Thư điện tử"' in error.text()
    assert dialog.form.fields["email"].styled.property("invalid") is True
    assert dialog.form.editor("position").text() == "Phó Giám đốc phụ trách"  # type: ignore[attr-defined]
    assert dialog.form.editor("email").text() == "khong-phai-email"  # type: ignore[attr-defined]
    assert not dialog.form.error_label("position").isVisible()
    assert members.get_person(tab.db, row.person_id).position == row.position  # nothing saved
    _set(dialog, "email", "dung@nghean.gov.vn")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = members.get_person(tab.db, row.person_id)
    assert (saved.position, saved.email) == ("Phó Giám đốc phụ trách", "dung@nghean.gov.vn")


def test_edit_conflict_offers_reload(qtbot: Any, tab: MembersTab) -> None:
    view = tab.committee
    row = _select(view, lambda r: r.role == "member")
    view.edit_current()
    dialog = _dialog(view, "editMemberDialog")
    members.update_person(tab.db, row.person_id, position="Sửa ở máy khác", phone="0912000111")
    _set(dialog, "position", "Sửa ở máy này")
    assert not dialog.try_save()
    assert dialog.conflict is not None and dialog.conflict.isVisible()
    assert dialog.form.editor("position").text() == "Sửa ở máy này"  # type: ignore[attr-defined]
    dialog.conflict.keep_button.click()  # the newest version, what was typed on top
    assert dialog.form.editor("position").text() == "Sửa ở máy này"  # type: ignore[attr-defined]
    assert dialog.form.editor("phone").text() == "0912000111"  # type: ignore[attr-defined]
    _set(dialog, "field", "Lĩnh vực mới")
    assert dialog.try_save()
    saved = members.get_person(tab.db, row.person_id)
    assert (saved.position, saved.phone) == ("Sửa ở máy này", "0912000111")


def test_delete_key_ends_a_membership_with_a_decision(qtbot: Any, tab: MembersTab) -> None:
    view = tab.committee
    row = _select(view, lambda r: r.role == "member")
    qtbot.waitUntil(view.table.view.hasFocus)
    qtbot.keyClick(view.table.view, Qt.Key.Key_Delete)
    dialog = _dialog(view, "endMembershipDialog")
    _set(dialog, "end_date", "15/11/2026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # the decision number is required
    assert dialog.form.error_label("decision_number").isVisible()
    _set(dialog, "decision_number", "4567/QĐ-UBND")
    _set(dialog, "decision_date", "10/11/2026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert row.id not in [r.id for r in _visible(view)]
    with tab.db.session() as s:
        m = s.get(CommitteeMembership, row.id)
        assert (m.end_date, m.end_decision_number, m.end_decision_date) == (
            date(2026, 11, 15),
            "4567/QĐ-UBND",
            date(2026, 11, 10),
        )


def test_delete_only_for_people_without_history(qtbot: Any, tab: MembersTab) -> None:
    _select(tab.committee, lambda r: True)
    assert not tab.committee.delete_action.isEnabled()  # the demo's members have a history
    pid = members.create_person(tab.db, full_name="Khách Nhập Nhầm", kind="guest")
    tab.experts.reload()
    _select(tab.experts, lambda r: r.id == pid)
    assert tab.experts.delete_action.isEnabled()
    tab.experts.delete_action.trigger()
    box = tab.experts.last_dialog
    assert isinstance(box, QMessageBox) and "Khách Nhập Nhầm" in box.text()
    box.findChild(QWidget, "yesButton").click()
    with tab.db.session() as s:
        assert s.get(Person, pid) is None
    assert pid not in [r.id for r in _visible(tab.experts)]


def test_member_entered_by_mistake_can_be_deleted(qtbot: Any, tab: MembersTab) -> None:
    pid = members.create_person(tab.db, full_name="Thành Viên Nhập Nhầm")
    mid = members.appoint(tab.db, pid, role="member", start_date=date.today())
    tab.committee.reload()
    _select(tab.committee, lambda r: r.id == mid)
    assert tab.committee.delete_action.isEnabled()
    tab.committee.delete_action.trigger()
    box = tab.committee.last_dialog
    assert isinstance(box, QMessageBox) and "Thành Viên Nhập Nhầm" in box.text()
    box.findChild(QWidget, "yesButton").click()
    with tab.db.session() as s:
        assert s.get(Person, pid) is None and s.get(CommitteeMembership, mid) is None
    assert mid not in [r.id for r in _visible(tab.committee)]


# -- reorganisation --------------------------------------------------------------------------
def test_reorganisation_end_to_end(qtbot: Any, tab: MembersTab) -> None:
    view = tab.committee
    before = members.list_committee(tab.db)
    leaving = [r for r in before if r.role == "member"][:2]
    expert = members.list_experts(tab.db)[0]
    view.reorganise_action.trigger()
    dialog = _dialog(view, "reorganiseDialog")
    assert isinstance(dialog, ReorganiseDialog)
    for r in leaving:
        dialog.check_membership(r.id)
    sub = dialog.open_appointment_dialog()
    sub.form.editor("person_id").set_value(expert.id)  # type: ignore[attr-defined]
    sub.form.editor("role").setCurrentIndex(  # type: ignore[attr-defined]
        sub.form.editor("role").findData("standing_member")  # type: ignore[attr-defined]
    )
    _set(sub, "field", "Trí tuệ nhân tạo")
    _set(sub, "area", "Thành phố Vinh")
    qtbot.mouseClick(sub.save_button, Qt.MouseButton.LeftButton)
    assert dialog.new_table.rowCount() == 1
    assert dialog.new_table.item(0, 1).text() == "Thành viên Thường trực"
    _set(dialog, "decision_number", "2001/QĐ-UBND")
    _set(dialog, "decision_date", "25/11/2026")
    _set(dialog, "effective_date", "26/11/2026")  # past: the new roster is current
    assert "2 người thôi, 1 người được bổ nhiệm" in dialog.summary.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.banner_label.text()

    after = members.list_committee(tab.db, include_former=True)
    by_id = {r.id: r for r in after}
    for r in leaving:
        ended = by_id[r.id]
        assert ended.end_date == date(2026, 11, 25)
        assert ended.end_decision_number == "2001/QĐ-UBND"
    new = [r for r in after if r.person_id == expert.id]
    assert len(new) == 1 and new[0].active and new[0].start_date == date(2026, 11, 26)
    assert (new[0].role, new[0].field, new[0].decision_number) == (
        "standing_member",
        "Trí tuệ nhân tạo",
        "2001/QĐ-UBND",
    )
    shown = [r.id for r in _visible(view)]
    assert new[0].id in shown and leaving[0].id not in shown
    tab.views.setCurrentWidget(tab.matrix)  # read when shown: the new roster is in it
    assert expert.full_name in str(tab.matrix.matrix)


def test_reorganisation_refusals_stay_in_the_dialog(qtbot: Any, tab: MembersTab) -> None:
    count = len(members.list_committee(tab.db))
    dialog = ReorganiseDialog(tab.db, "committee", tab)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.check_membership(members.list_committee(tab.db)[-1].id)
    assert not dialog.try_save()  # no decision number
    assert dialog.form.error_label("decision_number").isVisible()
    _set(dialog, "decision_number", "1/QĐ-UBND")
    dialog.check_membership(members.list_committee(tab.db)[-1].id, False)
    assert not dialog.try_save()  # nobody leaves or joins
    error = dialog.findChild(QWidget, "error_new")
    assert error.isVisible() and "chưa có ai" in error.text()
    assert dialog.isVisible()
    assert len(members.list_committee(tab.db)) == count


# -- import and export -----------------------------------------------------------------------
HEADER = "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò,Lĩnh vực phụ trách,Email\n"


def _wait_for(qtbot: Any, view: MembershipView, cls: type) -> Any:
    qtbot.waitUntil(lambda: isinstance(view.last_dialog, cls), timeout=10000)
    return view.last_dialog


def test_import_preview_lists_bad_rows_and_disables_apply(
    qtbot: Any, qtmodeltester: Any, tab: MembersTab, tmp_path: Path
) -> None:
    path = tmp_path / "danh-sach.csv"
    path.write_text(
        HEADER + "Lê Văn Tám,Nam,Phó Giám đốc,Sở Tài chính,Thành viên,Ngân sách,tam@nghean.gov.vn\n"
        "Hoàng Thị Mai,Nữ,Chuyên viên,Sở Tài chính,Thành viên,,khong-hop-le\n"
        "Ngô Văn Chín,Nam,Giám đốc,Sở Y tế,Chủ nhiệm,,\n",
        encoding="utf-8",
    )
    people = len(members.list_people(tab.db))
    tab.committee.import_from(str(path))
    dialog = _wait_for(qtbot, tab.committee, ImportPreviewDialog)
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    assert dialog.model.rowCount() == 3
    assert not dialog.apply_button.isEnabled()
    problems = [dialog.model.index(i, 2).data() for i in range(3)]
    assert problems[0] == ""
    assert "Thư điện tử" in problems[1]
    assert "Vai trò" in problems[2]
    assert dialog.model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "2 dòng có lỗi" in dialog.summary.text()
    dialog.apply()  # refused while there are errors
    assert len(members.list_people(tab.db)) == people


def test_import_good_file_applies_in_the_background(
    qtbot: Any, tab: MembersTab, tmp_path: Path
) -> None:
    path = tmp_path / "danh-sach.csv"
    path.write_text(
        HEADER + "Lê Văn Tám,Nam,Phó Giám đốc,Sở Tài chính,Thành viên,Ngân sách,tam@nghean.gov.vn\n"
        "Hoàng Thị Mai,Nữ,Trưởng phòng,Phòng Dữ liệu số mới,Thành viên,Dữ liệu,\n",
        encoding="utf-8",
    )
    tab.committee.import_from(str(path))
    dialog = _wait_for(qtbot, tab.committee, ImportPreviewDialog)
    assert dialog.apply_button.isEnabled()
    assert "Phòng Dữ liệu số mới" in dialog.summary.text()
    _set_date = dialog.start_date.edit.setText
    _set_date("26/11/2026")  # past: the imported members are current
    with qtbot.waitSignal(dialog.applied, timeout=10000):
        dialog.apply_button.click()
    qtbot.waitUntil(lambda: "Đã nhập 2 dòng" in tab.committee.notice.text())
    names = {r.full_name: r for r in members.list_committee(tab.db)}
    assert names["Hoàng Thị Mai"].start_date == date(2026, 11, 26)
    assert "Hoàng Thị Mai" in [r.full_name for r in _visible(tab.committee)]
    assert "Phòng Dữ liệu số mới" in [u.name for u in units.list_units(tab.db)]


def test_import_starts_each_row_on_its_own_date_and_asks_only_for_undated_rows(
    qtbot: Any, tab: MembersTab, tmp_path: Path
) -> None:
    """Audit defect 3: the preview shows each row's start (its "Từ ngày", else its decision's
    day) and writes it; the date below the table is asked for only when a row gives no date,
    starts empty (not today) and names the rows it is for."""
    header = "Họ và tên,Chức vụ,Đơn vị,Vai trò,Quyết định,Từ ngày\n"
    path = tmp_path / "danh-sach.csv"
    path.write_text(
        header + "Lê Văn Tám,Giám đốc,Sở Tài chính,Thành viên,1250/QĐ-UBND ngày 05/01/2026,\n"
        "Hoàng Thị Mai,Giám đốc,Sở Y tế,Thành viên,1250/QĐ-UBND ngày 05/01/2026,15/01/2026\n",
        encoding="utf-8",
    )
    tab.committee.import_from(str(path))
    dialog = _wait_for(qtbot, tab.committee, ImportPreviewDialog)
    column = [c.key for c in dialog.model._columns].index("start_date")
    assert [dialog.model.index(i, column).data() for i in range(2)] == [
        "05/01/2026",
        "15/01/2026",
    ]
    assert dialog.start_box.isHidden()  # every row has its date: nothing to choose
    assert "Không có lỗi: bấm “Nhập”" in dialog.summary.text()
    with qtbot.waitSignal(dialog.applied, timeout=10000):
        dialog.apply_button.click()
    starts = {r.full_name: r.start_date for r in members.list_committee(tab.db)}
    assert starts["Lê Văn Tám"] == date(2026, 1, 5)
    assert starts["Hoàng Thị Mai"] == date(2026, 1, 15)

    path.write_text(header + "Ngô Văn Chín,Giám đốc,Sở Xây dựng,Thành viên,12/QĐ-UBND,\n", "utf-8")
    tab.committee.last_dialog = None
    tab.committee.import_from(str(path))
    dialog = _wait_for(qtbot, tab.committee, ImportPreviewDialog)
    assert not dialog.start_box.isHidden() and "dòng 2" in dialog.start_label.text()
    assert dialog.start_date.edit.text() == ""  # not today: nobody chose it
    # The summary says what is still wanted, not "press Nhập" (audit A7).
    summary = dialog.summary.text()
    assert "còn cần chọn ngày bắt đầu cho 1 dòng" in summary
    assert "Không có lỗi: bấm" not in summary
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "Dòng 2" in dialog.error.text() and "Từ ngày" in dialog.error.text()
    assert "Ngô Văn Chín" not in [p.full_name for p in members.list_people(tab.db)]
    dialog.start_date.edit.setText("01/02/2026")
    with qtbot.waitSignal(dialog.applied, timeout=10000):
        dialog.apply_button.click()
    starts = {r.full_name: r.start_date for r in members.list_committee(tab.db)}
    assert starts["Ngô Văn Chín"] == date(2026, 2, 1)


def test_an_import_being_written_keeps_its_dialog_open(
    qtbot: Any, tab: MembersTab, tmp_path: Path
) -> None:
    """Esc while the rows are written: refused, so the result still reaches the dialog and the
    list (closed, the dialog was deleted at the next import and the end of the write raised)."""
    path = tmp_path / "danh-sach.csv"
    path.write_text(HEADER + "Lê Văn Tám,Nam,Phó Giám đốc,Sở Tài chính,Thành viên,,\n", "utf-8")
    tab.committee.import_from(str(path))
    dialog = _wait_for(qtbot, tab.committee, ImportPreviewDialog)
    dialog.start_date.edit.setText("26/11/2026")
    with qtbot.waitSignal(dialog.applied, timeout=10000):
        dialog.apply_button.click()
        dialog.reject()  # Esc at once
        assert dialog.isVisible() and "xin chờ" in dialog.error.text()
        # One job at a time: reading the file again meanwhile is not offered.
        assert not dialog.recheck_button.isEnabled() and not dialog.apply_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: "Đã nhập 1 dòng" in tab.committee.notice.text())
    tab.committee.last_dialog = None
    tab.committee.import_from(str(path))  # the next import replaces the finished dialog
    _wait_for(qtbot, tab.committee, ImportPreviewDialog).reject()


def test_one_import_preview_kept_at_a_time(qtbot: Any, tab: MembersTab, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    path = tmp_path / "danh-sach.csv"
    path.write_text(HEADER + "Lê Văn Tám,Nam,Phó Giám đốc,Sở Tài chính,Thành viên,,\n", "utf-8")
    for _ in range(3):
        tab.committee.last_dialog = None
        tab.committee.import_from(str(path))
        _wait_for(qtbot, tab.committee, ImportPreviewDialog).reject()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(tab.committee.findChildren(ImportPreviewDialog)) == 1


HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1:A2)"]


def test_export_neutralises_hostile_cells(qtbot: Any, db: Any, tmp_path: Path) -> None:
    for i, bad in enumerate(HOSTILE):
        _appoint(db, f"Nguyễn Văn {chr(65 + i)}", position=bad, field=bad, area="Vinh")
    tab = _tab(qtbot, db)
    view = tab.committee
    for suffix in ("xlsx", "csv"):
        path = tmp_path / f"roster.{suffix}"
        view.export_to(str(path))
        qtbot.waitUntil(lambda p=path: str(p) in view.notice.text(), timeout=10000)
        assert "Đã xuất 4 thành viên" in view.notice.text()
        if suffix == "xlsx":
            ws = load_workbook(path).active
            cells = [c for row in ws.iter_rows(min_row=2) for c in row]
            assert all(c.data_type != "f" for c in cells)
            texts = [c.value for c in cells if isinstance(c.value, str)]
        else:
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
            texts = [cell for row in rows[1:] for cell in row]
        assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]
        assert "'=cmd|' /C calc'!A0" in texts


# -- other views -----------------------------------------------------------------------------
def test_units_view_add_edit_retire_merge(qtbot: Any, tab: MembersTab) -> None:
    view = tab.units
    view.new_action.trigger()
    dialog = _dialog(view, "unitDialog")
    _set(dialog, "name", "Trung tâm Dữ liệu tỉnh")
    _set(dialog, "email", "sai@")
    assert not dialog.try_save()
    assert dialog.form.error_label("email").isVisible()
    _set(dialog, "email", "ttdl@nghean.gov.vn")
    assert dialog.try_save()
    row = view.table.current_row()
    assert row.name == "Trung tâm Dữ liệu tỉnh"
    target = next(u for u in units.list_units(tab.db) if u.name != row.name)
    view.merge_action.trigger()
    merge = _dialog(view, "mergeUnitDialog")
    merge.form.editor("target_id").set_value(target.id)  # type: ignore[attr-defined]
    assert merge.try_save()
    assert row.id not in [r.id for r in _visible(view)]
    view.show_retired.setChecked(True)
    merged = next(r for r in _visible(view) if r.id == row.id)
    assert not merged.active and merged.merged_into == target.name


def test_experts_view_lists_experts_and_adds_one(qtbot: Any, tab: MembersTab) -> None:
    view = tab.experts
    # The officials of the directory too: those of no body (test_people_directory).
    assert {r.kind for r in _visible(view)} <= {"expert", "scientist", "guest", "official"}
    view.new_action.trigger()
    dialog = _dialog(view, "personDialog")
    kinds = dialog.form.editor("kind")
    assert [kinds.itemText(i) for i in range(kinds.count())] == [  # type: ignore[attr-defined]
        "Chuyên gia",
        "Nhà khoa học",
        "Khách mời",
    ]
    _set(dialog, "full_name", "Nguyễn Khoa Học")
    kinds.setCurrentIndex(1)  # type: ignore[attr-defined]
    assert dialog.try_save()
    added = view.table.current_row()
    assert added.full_name == "Nguyễn Khoa Học" and added.kind == "scientist"


def test_working_group_view_uses_group_roles(qtbot: Any, tab: MembersTab) -> None:
    view = tab.group
    assert {r.role for r in _visible(view)} <= {"leader", "deputy_leader", "member"}
    view.new_member()
    dialog = _dialog(view, "newMemberDialog")
    roles = dialog.form.editor("role")
    assert [roles.itemText(i) for i in range(roles.count())] == [  # type: ignore[attr-defined]
        "Tổ trưởng",
        "Tổ phó",
        "Thành viên",
    ]
    assert not hasattr(view, "import_action")
    dialog.reject()


def test_matrix_puts_each_member_under_field_and_area(qtbot: Any, tab: MembersTab) -> None:
    matrix = tab.matrix
    m = matrix.matrix
    field, area = next((f, a) for f in m.fields for a in m.areas if m.get(f, a))
    r, c = m.fields.index(field), m.areas.index(area)
    assert matrix.table.item(r, c).text().split("\n") == m.get(field, area)
    name = m.get(field, area)[0]
    matrix.search.setText(fold(name))
    assert not matrix.table.isRowHidden(r) and not matrix.table.isColumnHidden(c)
    hidden = sum(matrix.table.isRowHidden(i) for i in range(matrix.table.rowCount()))
    assert hidden > 0


def test_view_state_is_remembered(qtbot: Any, demo_db: Any) -> None:
    tab = _tab(qtbot, demo_db)
    tab.views.setCurrentIndex(3)
    tab.committee.table.view.setColumnWidth(1, 333)
    tab.committee.splitter.setSizes([300, 200])
    tab.committee.splitter.splitterMoved.emit(300, 1)
    tab.committee.table.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    again = _tab(qtbot, demo_db)
    assert again.committee.table.model.sort_state() == (1, Qt.SortOrder.DescendingOrder)
    names = [r.full_name for r in _visible(again.committee)]
    assert names == [r.full_name for r in members.list_committee(demo_db, sort="name")][::-1]
    assert again.views.currentIndex() == 3
    assert again.committee.table.view.columnWidth(1) == 333
    assert view_state.settings().value("views/committee/splitter") is not None


def test_focus_search_goes_to_the_current_view(qtbot: Any, tab: MembersTab) -> None:
    tab.activateWindow()
    tab.focus_search()
    qtbot.waitUntil(tab.committee.table.search.hasFocus)
    tab.views.setCurrentIndex(3)
    tab.focus_search()
    qtbot.waitUntil(tab.units.table.search.hasFocus)


def test_main_window_ctrl_f_reaches_the_members_search(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.read_every_tab()
    window.activateWindow()
    window.find_action.trigger()
    qtbot.waitUntil(window.members_tab.committee.table.search.hasFocus)
    rows = window.members_tab.committee.table.proxy.rowCount()
    assert rows == len(members.list_committee(demo_db))


def test_rows_carry_plain_core_rows(tab: MembersTab) -> None:
    index = tab.committee.table.proxy.index(0, 1)
    row = index.data(ROW_ROLE)
    assert isinstance(row, members.MemberRow)
    assert index.data() == row.full_name
    assert row.start_date <= date.today() + timedelta(days=400)


def test_double_click_edits_and_context_menu_has_the_actions(qtbot: Any, tab: MembersTab) -> None:
    view = tab.committee
    table = view.table.view
    rect = table.visualRect(view.table.proxy.index(1, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = _dialog(view, "editMemberDialog")
    assert view.table.current_row().full_name in dialog.windowTitle()
    dialog.reject()
    names = [a.objectName() for a in table.actions() if not a.isSeparator()]
    assert {"editAction", "endAction", "deleteAction", "newAction", "reorganiseAction"} <= set(
        names
    )
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu


def test_new_member_from_an_existing_person(qtbot: Any, tab: MembersTab) -> None:
    view = tab.committee
    expert = members.list_experts(tab.db)[-1]
    view.new_member()
    dialog = _dialog(view, "newMemberDialog")
    dialog.form.editor("person_id").set_value(expert.id)  # type: ignore[attr-defined]
    assert dialog.form.editor("full_name").text() == expert.full_name  # type: ignore[attr-defined]
    _set(dialog, "phone", "0912 000 111")
    assert dialog.try_save()
    assert members.get_person(tab.db, expert.id).phone == "0912 000 111"
    assert view.table.current_row().person_id == expert.id
    people = len(members.list_people(tab.db))
    view.new_member()  # cancelling after a refused appointment leaves no stray person behind
    dialog = _dialog(view, "newMemberDialog")
    _set(dialog, "full_name", "Người Thử Hủy")
    dialog.form.editor("role").setCurrentIndex(0)  # type: ignore[attr-defined]  # a second Head
    assert not dialog.try_save()
    assert dialog.form.error_label("role").isVisible()
    dialog.reject()
    assert len(members.list_people(tab.db)) == people


def test_save_template_writes_a_file_to_fill_in(
    qtbot: Any, tab: MembersTab, tmp_path: Path
) -> None:
    path = tmp_path / "mau.xlsx"
    tab.committee.save_template_to(str(path))
    qtbot.waitUntil(lambda: "Đã lưu tệp mẫu" in tab.committee.notice.text(), timeout=10000)
    header = [c.value for c in load_workbook(path).active[1]]
    assert header[0] == "Họ và tên"


# -- issue 14 item 7: "Thôi làm thành viên" ----------------------------------------------------
def test_end_dialog_message_goes_when_filled_and_selection_stays_near(
    qtbot: Any, tab: MembersTab
) -> None:
    view = tab.committee
    position = 3
    view.table.view.selectRow(position)
    row = view.table.current_row()
    following = _visible(view)[position + 1]
    view.end_action.trigger()
    dialog = _dialog(view, "endMembershipDialog")
    height = dialog.height()
    assert not dialog.try_save()  # no decision number
    error = dialog.form.error_label("decision_number")
    assert error.isVisible() and dialog.height() > height
    _set(dialog, "decision_number", "4567/QĐ-UBND")
    assert error.isHidden()  # the message goes as soon as the field is filled
    assert dialog.height() == height  # and leaves no blank gap under "Ngày quyết định"
    # The end date is the last day of membership: ending yesterday leaves today's roster (the
    # default, today, would keep the member listed until tomorrow).
    _set(dialog, "end_date", short_date(date.today() - timedelta(days=1)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert row.id not in [r.id for r in _visible(view)]
    # The selection stays where the ended member was: on the member who followed, not row 1.
    assert view.table.view.currentIndex().row() == position
    assert view.table.current_row().id == following.id


def test_moving_the_selection_asks_the_database_nothing(qtbot: Any, tab: MembersTab) -> None:
    from sqlalchemy import event

    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(tab.db.engine, "before_cursor_execute", count)
    try:
        for view in (tab.committee, tab.group, tab.experts):
            for i in range(min(6, view.table.proxy.rowCount())):
                view.table.view.selectRow(i)
                assert view.edit_action.isEnabled()
    finally:
        event.remove(tab.db.engine, "before_cursor_execute", count)
    assert statements == []
    # What the actions and the details pane need came with the rows.
    assert not tab.committee.delete_action.isEnabled()  # a member has history
    assert "•" in tab.committee.details.text()  # the person's memberships
    tab.experts.table.select_where(lambda r: not r.has_history)
    assert tab.experts.delete_action.isEnabled() == (
        not tab.experts.table.current_row().has_history
    )


def test_a_save_in_the_members_tab_refreshes_the_meetings_tab(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.core import meetings
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.read_every_tab()
    chaired = next(m for m in meetings.list_meetings(demo_db) if m.chair)
    view = window.members_tab.committee
    _select(view, lambda r: r.full_name == chaired.chair)
    view.edit_action.trigger()
    dialog = _dialog(view, "editMemberDialog")
    _set(dialog, "full_name", chaired.chair + " Sửa")
    assert dialog.try_save()
    window.tabs.setCurrentWidget(window.meetings_tab)  # read as it is shown
    shown = window.meetings_tab.table.visible_rows()
    assert chaired.chair + " Sửa" in {m.chair for m in shown}


def test_a_save_reads_the_hidden_sub_views_when_they_are_shown(
    qtbot: Any, tab: MembersTab
) -> None:
    """A save in the committee view: the other sub-views are read when the officer next shows
    them, not at once (a save stays quick at ten years), and then show the change."""
    reads: list[str] = []
    for view in tab.sub_views():
        original = view.reload  # type: ignore[attr-defined]
        name = view.objectName()
        view.reload = lambda o=original, n=name: (reads.append(n), o())  # type: ignore[attr-defined]
    view = tab.committee
    tab.views.setCurrentWidget(view)
    row = _select(view, lambda r: r.active)
    view.edit_action.trigger()
    dialog = _dialog(view, "editMemberDialog")
    _set(dialog, "full_name", row.full_name + " Sửa")
    reads.clear()
    assert dialog.try_save()
    assert reads == []  # no other sub-view (the one saved in shows its saved row itself)
    assert row.full_name + " Sửa" in {r.full_name for r in _visible(view)}
    tab.views.setCurrentWidget(tab.matrix)
    assert reads == ["matrixView"]
    assert row.full_name + " Sửa" in str(tab.matrix.matrix)
    tab.views.setCurrentWidget(tab.units)
    tab.views.setCurrentWidget(tab.matrix)  # shown again, nothing changed: not read again
    assert reads == ["matrixView", "unitsView"]
