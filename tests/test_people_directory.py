"""People imported without a role ("chỉ thêm vào danh bạ") are in the directory: the view
Chuyên gia, khách mời, danh bạ and ``bdcq people list`` find them, to correct or delete them.
Members of the committee (former ones too) and of the working group are in their own lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from bdcq_desktop.core import members
from bdcq_desktop.core.models import Person
from bdcq_desktop.core.roster_io import apply_import, preview_import
from bdcq_desktop.ui.tabs.members_tab import MembersTab
from tests.cli_run import bdcq, ok, ok_json


def _import(db: Any, tmp_path: Path) -> dict[str, int]:
    path = tmp_path / "roster.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Chức vụ", "Đơn vị", "Vai trò", "Từ ngày"])
    ws.append(["Hoàng Văn Trang", "Chuyên viên", "Sở Nội vụ", "", ""])
    ws.append(["Lê Thị Danh Bạ", "Giám đốc", "Sở Y tế", "", ""])
    ws.append(["Trần Văn Thành Viên", "Giám đốc", "Sở Tư pháp", "Thành viên", "05/01/2026"])
    wb.save(path)
    apply_import(db, preview_import(db, path))
    with db.session() as s:
        return {p.full_name: p.id for p in s.query(Person)}


def test_people_imported_without_a_role_are_in_the_directory(db, tmp_path: Path) -> None:
    ids = _import(db, tmp_path)
    former = members.create_person(db, full_name="Phạm Văn Cũ")
    mid = members.appoint(db, former, role="member", start_date=date(2025, 1, 2))
    members.end_membership(db, mid, end_date=date(2025, 6, 30), decision_number="9/QĐ")
    grouped = members.create_person(db, full_name="Đỗ Văn Tổ")
    members.appoint(db, grouped, role="member", body="group", start_date=date(2025, 1, 2))
    guest = members.create_person(db, full_name="Võ Thị Khách", kind="guest")

    listed = {r.full_name: r.kind for r in members.list_experts(db)}
    assert listed == {
        "Hoàng Văn Trang": "official",
        "Lê Thị Danh Bạ": "official",
        "Võ Thị Khách": "guest",
    }
    assert [r.id for r in members.list_experts(db, search="hoang van trang")] == [
        ids["Hoàng Văn Trang"]
    ]
    assert guest in {r.id for r in members.list_experts(db)}


def test_people_list_finds_them_and_they_can_be_deleted(demo: Path, tmp_path: Path) -> None:
    from bdcq_desktop.core.db import open_database

    db = open_database(demo)
    try:
        pid = _import(db, tmp_path)["Lê Thị Danh Bạ"]
    finally:
        db.dispose()
    found = ok_json(bdcq(demo, "people", "list", "--search", "Lê Thị Danh Bạ", "--format", "json"))
    assert [(r["id"], r["kind"], r["has_history"]) for r in found] == [(pid, "official", False)]
    ok(bdcq(demo, "people", "delete", str(pid)))
    assert ok_json(bdcq(demo, "people", "list", "--search", "Danh Bạ", "--format", "json")) == []


def test_the_directory_view_shows_them_and_edits_them_as_officials(
    qtbot: Any, db, tmp_path: Path
) -> None:
    pid = _import(db, tmp_path)["Hoàng Văn Trang"]
    tab = MembersTab(db)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.views.setCurrentWidget(tab.experts)
    tab.reload()
    view = tab.experts
    qtbot.waitUntil(lambda: view.table.model.rowCount() == 2)
    assert view.table.select_where(lambda r: r.id == pid)
    view.edit_action.trigger()
    dialog = view.last_dialog
    assert dialog is not None and dialog.isVisible()
    kind = dialog.form.editor("kind")
    assert kind.currentData() == "official"  # type: ignore[attr-defined]
    dialog.form.editor("position").setText("Phó Giám đốc")  # type: ignore[attr-defined]
    assert dialog.try_save()
    assert (members.get_person(db, pid).position, members.get_person(db, pid).kind) == (
        "Phó Giám đốc",
        "official",
    )
