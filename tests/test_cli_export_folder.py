"""``bdcq export KIND -o FOLDER``: the document goes inside the folder under the name the
window's "Lưu thành…" offers (its number and day once issued), as ``reports show --save-file``
takes a folder; it used to be refused ("đây là một thư mục"). Issued into a folder, the name is
known only once the number is taken: a file of another kind under that name is still refused
before any number is taken, as with ``-o FILE``. Real database, real PDFs read back."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from bdcq_desktop.core.roster_files import write_table
from tests.cli_run import bdcq, demo, ok  # noqa: F401
from tests.pdf_text import page_texts


def _issued(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute("SELECT count(*) FROM issued_document").fetchone()[0])


def _next_symbol(db: Path) -> str:
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.documents.numbering import numbering
    from bdcq_desktop.documents.settings import load

    database = open_database(db)
    try:
        abbr = load(database).abbr("roster")
        return next(r.next_symbol for r in numbering(database).rows if r.type_abbr == abbr)
    finally:
        database.dispose()


def test_a_draft_into_a_folder_is_named_as_the_window_names_it(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    folder = tmp_path / "Văn bản"
    folder.mkdir()
    out = ok(bdcq(demo, "export", "roster", "-o", folder))
    written = folder / f"danh-sach-thanh-vien-du-thao-{date.today().isoformat()}.pdf"
    assert f"Đã xuất / exported: {written}" in out
    assert "DANH SÁCH" in "\n".join(page_texts(written)).upper()
    assert [p.name for p in folder.iterdir()] == [written.name]


def test_issued_into_a_folder_takes_its_number_in_its_name(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ban-hanh"
    symbol = _next_symbol(demo)  # e.g. 01/DS-BCĐ
    number = symbol.replace("/", "-").replace("Đ", "D")
    name = f"danh-sach-thanh-vien-{number}-{date.today().isoformat()}.pdf"
    folder.mkdir()
    # Last month's spreadsheet sits under the very name the document would take: refused
    # before the number is taken, the spreadsheet kept.
    write_table(tmp_path / "thang-truoc.xlsx", ["Họ và tên"], [["Nguyễn Văn An"]])
    sheet = (tmp_path / "thang-truoc.xlsx").rename(folder / name)
    before, issued = sheet.read_bytes(), _issued(demo)
    out = bdcq(demo, "export", "roster", "--issue", "-o", f"{folder}/")
    assert out.returncode != 0
    assert "là một tệp Excel (.xlsx) khác; không ghi đè" in out.stderr
    assert sheet.read_bytes() == before
    assert _issued(demo) == issued
    sheet.unlink()

    out = ok(bdcq(demo, "export", "roster", "--issue", "-o", folder))
    written = folder / name
    assert f"Đã xuất / exported: {written}" in out
    assert f"Số / number: {symbol}" in out
    assert _issued(demo) == issued + 1
    assert symbol in "\n".join(page_texts(written))
    assert [p.name for p in folder.iterdir()] == [name]  # no temporary file left


def test_the_running_script_into_a_folder_is_named_as_the_window_names_it(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    with sqlite3.connect(demo) as con:
        meeting, starts = con.execute(
            "SELECT id, starts_at FROM meeting WHERE status != 'cancelled' ORDER BY id LIMIT 1"
        ).fetchone()
    out = ok(bdcq(demo, "export", "script", "--meeting", str(meeting), "-o", tmp_path))
    written = tmp_path / f"kich-ban-dieu-hanh-{starts[:10]}-{meeting}.pdf"
    assert f"Đã xuất / exported: {written}" in out
    assert "KỊCH BẢN" in "\n".join(page_texts(written)).upper()
