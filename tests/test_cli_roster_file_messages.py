"""The roster commands' messages about files: an export into a folder that does not exist
names the folder; an import's problems are sentences, not joined with doubled punctuation."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tests.cli_run import bdcq, one_line_error


def test_export_into_a_missing_folder_names_the_folder(demo: Path, tmp_path: Path) -> None:
    for name in ("x.xlsx", "x.csv"):
        target = tmp_path / "khong-co" / name
        one_line_error(
            bdcq(demo, "members", "export", target), f"thư mục {target.parent} không tồn tại"
        )
        assert not target.parent.exists()


def test_import_problems_are_joined_as_sentences(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Điện thoại", "Email"])
    ws.append(["Phạm Văn Dũng", "abc", "not-an-email"])
    wb.save(path)
    out = bdcq(demo, "members", "import", path)
    assert out.returncode == 2, out.stdout + out.stderr
    line = next(s for s in out.stderr.splitlines() if s.startswith("dòng / line 2"))
    assert "555). \"Email\"" in line and ".;" not in line, line
