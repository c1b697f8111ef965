"""``bdcq --db FILE restore BACKUP`` where FILE is a document named by mistake (a PDF, a Word
or Excel file) refuses, naming it and its kind, and leaves it byte for byte: a restore goes
over a damaged database, and such a file is none. A damaged database is still restored over
(tests/test_data_safety.py). Real files: a PDF the application exports, a real .xlsx."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.cli_run import run_bdcq


def _pdf(demo: Path, folder: Path) -> Path:
    out = run_bdcq(["export", "roster", "-o", folder / "danh-sach.pdf"], db=demo)
    assert out.returncode == 0, out.stderr
    return folder / "danh-sach.pdf"


def _xlsx(folder: Path) -> Path:
    book = Workbook()
    book.active.append(["Họ và tên", "Chức vụ"])
    data = io.BytesIO()
    book.save(data)
    path = folder / "danh-sach.xlsx"
    path.write_bytes(data.getvalue())
    return path


@pytest.mark.parametrize("kind", ["PDF", "Excel"])
def test_a_restore_over_a_document_is_refused_and_writes_nothing(
    demo: Path, tmp_path: Path, kind: str
) -> None:
    backup = tmp_path / "b.sqlite3"
    assert run_bdcq(["backup", "-o", backup], db=demo).returncode == 0
    folder = tmp_path / "docs"
    folder.mkdir()
    target = _pdf(demo, folder) if kind == "PDF" else _xlsx(folder)
    before = target.read_bytes()
    out = run_bdcq(["restore", backup, "--yes", "--other-database"], db=target)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert str(target) in out.stderr and "không phải cơ sở dữ liệu" in out.stderr
    assert kind in out.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [target.name]
