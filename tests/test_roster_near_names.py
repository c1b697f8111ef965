"""A name corrected in a roster file without its "Mã người" is not guessed, and not let pass
in silence: a row that would make a new person while someone at its unit has a name a typo
away is warned about in the preview (the window's and ``members import --dry-run``), naming
that person; a row matched to someone whose name differs in its diacritics only says the name
will not change. With the person's key the correction is made, diacritics too."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt

from bdcq_desktop.core import members as m
from bdcq_desktop.core.roster_io import apply_import, export_roster, preview_import
from bdcq_desktop.core.units import create_unit
from tests.cli_run import run_bdcq

HUNG = "Nguyễn Văn Hung"
YT = "Sở Y tế"


def _recorded(db) -> int:
    """Nguyễn Văn Hung (a typo for Hùng), Phó Giám đốc Sở Y tế, member since 2024; a Lê Thị
    Lan at Sở Tài chính."""
    yt = create_unit(db, name=YT)
    tc = create_unit(db, name="Sở Tài chính")
    m.create_person(db, full_name="Lê Thị Lan", position="Chánh Văn phòng", unit_id=tc)
    pid = m.create_person(db, full_name=HUNG, position="Phó Giám đốc", unit_id=yt)
    m.appoint(db, pid, role="member", start_date=date(2024, 1, 2))
    return pid


def _file(path: Path, *rows: list[Any], key: bool = False) -> Path:
    wb = Workbook()
    wb.active.append(["Họ và tên", "Chức vụ", "Đơn vị", "Vai trò", "Từ ngày"] + ["Mã người"] * key)
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _near(preview) -> list[tuple[int, str]]:
    return [(line, w) for line, w in preview.warnings if "gần giống" in w]


def test_a_typo_fixed_without_the_key_is_warned_about(db, tmp_path: Path) -> None:
    pid = _recorded(db)
    preview = preview_import(
        db,
        _file(
            tmp_path / "r.xlsx",
            ["Nguyễn Văn Hùnh", "Chuyên viên", YT, "", ""],  # a letter off
            ["Nguyễn Hung", "Chuyên viên", YT, "", ""],  # the middle name left out
            ["Ngyuễn Văn Hung", "Chuyên viên", YT, "", ""],  # two letters swapped
            ["Lê Thị Lam", "Chuyên viên", YT, "", ""],  # near someone at another unit
            ["Trần Văn Hùng", "Chuyên viên", YT, "", ""],  # another family: someone else
        ),
    )
    assert preview.ok and preview.new_people == 5
    near = _near(preview)
    assert [line for line, _w in near] == [2, 3, 4]
    for _line, warning in near:
        assert f'"{HUNG}" (ID người {pid})' in warning and "Mã người" in warning
        assert f'cùng đơn vị "{YT}"' in warning


def test_a_diacritic_fixed_without_the_key_says_the_name_stays(db, tmp_path: Path) -> None:
    pid = _recorded(db)
    row = ["Nguyễn Văn Hùng", "Phó Giám đốc", YT, "Thành viên", "02/01/2024"]
    preview = preview_import(db, _file(tmp_path / "r.xlsx", row))
    assert preview.rows[0].existing_person_id == pid
    (warning,) = [w for _line, w in preview.warnings]
    assert "khác dấu" in warning and HUNG in warning and "KHÔNG đổi họ tên" in warning
    # Written in capitals, the same name: nothing to say.
    row[0] = HUNG.upper()
    assert preview_import(db, _file(tmp_path / "caps.xlsx", row)).warnings == []


def test_with_the_key_a_diacritic_fix_renames(db, tmp_path: Path) -> None:
    pid = _recorded(db)
    export_roster(db, tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    column = [c.value for c in sheet[1]].index("Mã người")
    key = next(r[column] for r in sheet.iter_rows(min_row=2, values_only=True))
    row = ["Nguyễn Văn Hùng", "Phó Giám đốc", YT, "Thành viên", "02/01/2024", key]
    preview = preview_import(db, _file(tmp_path / "r.xlsx", row, key=True))
    assert preview.ok and preview.renamed == 1 and preview.rows[0].new_name
    apply_import(db, preview)
    assert m.get_person(db, pid).full_name == "Nguyễn Văn Hùng"


def test_the_dry_run_shows_the_warning(db, db_path: Path, tmp_path: Path) -> None:
    pid = _recorded(db)
    path = _file(tmp_path / "r.xlsx", ["Nguyễn Văn Hùnh", "Chuyên viên", YT, "", ""])
    dry = run_bdcq(["members", "import", str(path), "--dry-run"], db=db_path)
    assert dry.returncode == 0, dry.stderr
    # Warnings go to stderr, as the position's do; the row itself to stdout.
    assert "người mới" in dry.stdout
    assert "gần giống" in dry.stderr and f"(ID người {pid})" in dry.stderr


def test_the_preview_window_shows_the_warning(qtbot: Any, db, tmp_path: Path) -> None:
    from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog

    pid = _recorded(db)
    path = _file(
        tmp_path / "r.xlsx",
        ["Nguyễn Văn Hùnh", "Chuyên viên", YT, "", ""],
        ["Trần Văn Hùng", "Chuyên viên", YT, "", ""],
    )
    dialog = ImportPreviewDialog(db, preview_import(db, path), str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.model
    cells = [
        str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or "")
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    assert any(f"(ID người {pid})" in text for text in cells)
    assert f"(ID người {pid})" in dialog.summary.text()
    dialog.reject()
