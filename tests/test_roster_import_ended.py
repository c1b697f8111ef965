"""An ended term in a roster file ("Đến ngày", "Quyết định thôi", as the export of every term
writes them) is imported as ended, checked as ending a term by hand is."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from PySide6.QtCore import Qt

from bdcq_desktop.core import members as m
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.roster_io import apply_import, export_roster, preview_import


def test_the_export_of_every_term_imports_with_its_ended_terms(db, tmp_path: Path) -> None:
    former = m.create_person(db, full_name="Hoàng Văn Minh", position="Chủ tịch")
    first = m.appoint(db, former, role="head", start_date=date(2024, 10, 2))
    m.end_membership(
        db,
        first,
        end_date=date(2025, 2, 28),
        decision_number="745/QĐ-UBND",
        decision_date=date(2025, 2, 28),
    )
    now = m.create_person(db, full_name="Lê Thị Thu", position="Chủ tịch")
    m.appoint(db, now, role="head", start_date=date(2025, 3, 1))
    out = tmp_path / "all.xlsx"
    assert export_roster(db, out, include_former=True) == 2

    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        preview = preview_import(fresh, out)
        # The ended term's columns are read, not named as columns nothing reads.
        assert preview.ok and not preview.column_warning, [r.problems for r in preview.rows]
        apply_import(fresh, preview)
        assert [r.full_name for r in m.list_committee(fresh)] == ["Lê Thị Thu"]
        terms = {
            r.full_name: (r.start_date, r.end_date, r.end_decision_number, r.end_decision_date)
            for r in m.list_committee(fresh, include_former=True)
        }
        assert terms == {
            "Hoàng Văn Minh": (
                date(2024, 10, 2),
                date(2025, 2, 28),
                "745/QĐ-UBND",
                date(2025, 2, 28),
            ),
            "Lê Thị Thu": (date(2025, 3, 1), None, "", None),
        }
    finally:
        fresh.dispose()


def test_a_term_ending_before_it_began_or_heads_at_once_are_refused(db, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Vai trò", "Từ ngày", "Đến ngày", "Quyết định thôi"])
    ws.append(["Hoàng Văn Minh", "Thành viên", "05/02/2025", "01/02/2025", ""])
    ws.append(["Võ Thị Lan", "Thành viên", "05/02/2025", "", "9/QĐ-UBND ngày 01/03/2025"])
    ws.append(["Lê Thị Thu", "", "", "01/03/2025", ""])
    ws.append(["Trần Văn An", "Trưởng ban", "01/01/2025", "30/06/2025", ""])
    ws.append(["Phạm Văn Bình", "Trưởng ban", "01/06/2025", "", ""])
    ws.append(["Đỗ Văn Cường", "Trưởng ban", "01/07/2024", "31/12/2024", "9/QĐ ngày 31/02/2025"])
    wb.save(path)
    rows = preview_import(db, path).rows
    problems = [" ".join(r.problems) for r in rows]
    assert '"Đến ngày"' in problems[0] and '"Từ ngày"' in problems[0]
    assert '"Đến ngày"' in problems[1] and "Quyết định thôi" in problems[1]
    assert "Vai trò" in problems[2]  # an end without a role
    assert problems[3] == ""
    assert "dòng 5" in problems[4]  # two Heads in June 2025
    # An ended Head before them is no second Head; its bad decision date names its column.
    assert "Trưởng ban" not in problems[5] and '"Quyết định thôi"' in problems[5]
    assert "31/02/2025" in problems[5]


def test_a_former_member_of_the_database_is_imported_for_another_period(
    db, tmp_path: Path
) -> None:
    pid = m.create_person(db, full_name="Hoàng Văn Minh", position="Giám đốc")
    m.appoint(db, pid, role="member", start_date=date(2025, 3, 1))
    path = tmp_path / "roster.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Vai trò", "Từ ngày", "Đến ngày", "Quyết định thôi"])
    ws.append(["Hoàng Văn Minh", "Thành viên", "02/10/2024", "28/02/2025", "745/QĐ-UBND"])
    wb.save(path)
    preview = preview_import(db, path)
    assert preview.ok, [r.problems for r in preview.rows]
    apply_import(db, preview)
    terms = sorted(
        (r.start_date, r.end_date) for r in m.list_committee(db, include_former=True)
    )
    assert terms == [(date(2024, 10, 2), date(2025, 2, 28)), (date(2025, 3, 1), None)]
    # The same person, not a namesake: one row of the people.
    assert {r.person_id for r in m.list_committee(db, include_former=True)} == {pid}


def test_a_row_already_refused_is_not_said_to_be_undated(db, tmp_path: Path) -> None:
    """A "Từ ngày" that is no date is that row's error; the note on rows without any date
    (for which a start is to be chosen) does not name it as well."""
    path = tmp_path / "bad.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Vai trò", "Quyết định", "Từ ngày"])
    ws.append(["Hoàng Văn Minh", "Thành viên", "12/QĐ-UBND ngày 05/02/2026", "31/02/2026"])
    ws.append(["Võ Thị Lan", "Thành viên", "13/QĐ-UBND", ""])
    wb.save(path)
    preview = preview_import(db, path)
    assert "31/02/2026" in " ".join(preview.rows[0].problems)
    assert preview.undated == [3]


def test_the_preview_shows_the_ended_terms(qtbot: Any, db, tmp_path: Path) -> None:
    from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog

    path = tmp_path / "all.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Vai trò", "Từ ngày", "Đến ngày", "Quyết định thôi"])
    ws.append(["Hoàng Văn Minh", "Thành viên", "02/10/2024", "28/02/2025", "745/QĐ-UBND"])
    ws.append(["Lê Thị Thu", "Thành viên", "01/03/2025", "", ""])
    wb.save(path)
    dialog = ImportPreviewDialog(db, preview_import(db, path), str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "1 nhiệm kỳ đã kết thúc" in dialog.summary.text()
    model = dialog.model
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    column = titles.index("Đến ngày")
    shown = [model.index(r, column).data() for r in range(model.rowCount())]
    assert shown == ["28/02/2025", ""]
    dialog.reject()


def test_the_full_export_re_imports_every_term_of_a_person(db, tmp_path: Path) -> None:
    """A member with several terms (a role changed by a reorganisation) has a row for each in
    the export of every term: re-imported as one person with those terms, not refused."""
    pid = m.create_person(db, full_name="Hoàng Văn Minh", position="Giám đốc")
    first = m.appoint(db, pid, role="member", start_date=date(2024, 10, 2))
    m.end_membership(db, first, end_date=date(2025, 2, 28), decision_number="745/QĐ-UBND")
    m.appoint(db, pid, role="standing_member", start_date=date(2025, 3, 1))
    successor = m.create_person(db, full_name="Lê Thị Thu", position="Giám đốc")
    m.appoint(db, successor, role="head", start_date=date(2025, 3, 1))
    out = tmp_path / "all.xlsx"
    assert export_roster(db, out, include_former=True) == 3

    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        preview = preview_import(fresh, out)
        assert preview.ok and not preview.warnings, [(r.problems, r.warnings) for r in preview.rows]
        assert (len(preview.rows), preview.people) == (3, 2)
        apply_import(fresh, preview)
        terms = sorted(
            (r.full_name, r.role, r.start_date, r.end_date)
            for r in m.list_committee(fresh, include_former=True)
        )
        assert terms == [
            ("Hoàng Văn Minh", "member", date(2024, 10, 2), date(2025, 2, 28)),
            ("Hoàng Văn Minh", "standing_member", date(2025, 3, 1), None),
            ("Lê Thị Thu", "head", date(2025, 3, 1), None),
        ]
        assert len({r.person_id for r in m.list_committee(fresh, include_former=True)}) == 2
    finally:
        fresh.dispose()
    # Two terms of one person that share a day are still the same row twice.
    path = tmp_path / "roster.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Vai trò", "Từ ngày", "Đến ngày"])
    ws.append(["Trần Văn Hai", "Thành viên", "02/10/2024", "28/02/2025"])
    ws.append(["Trần Văn Hai", "Thành viên", "28/02/2025", ""])
    wb.save(path)
    problems = [" ".join(r.problems) for r in preview_import(db, path).rows]
    assert problems[0] == "" and "Trùng với dòng 2" in problems[1]
