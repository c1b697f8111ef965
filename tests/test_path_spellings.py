"""Paths typed on a keyboard (composed Vietnamese letters, NFC) to folders unpacked from a
Mac-made zip (decomposed letters, NFD): the same name to the officer, another to Windows and
Linux. Real files under tmp_path, the real ``bdcq``."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

from tests.cli_run import run_bdcq


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_a_path_typed_composed_finds_the_folder_written_decomposed(tmp_path: Path) -> None:
    from bdcq_desktop.core.files import on_disk

    folder = tmp_path / nfd("Văn bản BCĐ 2026 #1 & 50% O'Neil") / "Sao lưu"
    folder.mkdir(parents=True)
    (folder / nfd("bản sao tuần 1.sqlite3")).write_bytes(b"x")
    typed = Path(nfc(str(folder / "bản sao tuần 1.sqlite3")))
    assert not typed.exists()
    assert on_disk(typed) == folder / nfd("bản sao tuần 1.sqlite3")
    # Nothing to match: the path as given (a new file's name, a typing mistake).
    assert on_disk(tmp_path / "Văn bản khác" / "x.pdf") == tmp_path / "Văn bản khác" / "x.pdf"
    # A file still to be written: in the folder there is, its own name as typed.
    assert on_disk(typed.with_name("mới.pdf")) == folder / "mới.pdf"
    assert on_disk(typed.parent / "Mới" / "x.pdf") == folder / "Mới" / "x.pdf"
    # Both spellings on disk: the one typed is the one used.
    (folder / nfc("bản sao tuần 1.sqlite3")).write_bytes(b"y")
    assert on_disk(typed) == folder / nfc("bản sao tuần 1.sqlite3")


def test_the_cli_opens_and_restores_from_a_decomposed_folder_typed_composed(
    demo_template: Path, tmp_path: Path
) -> None:
    """Before, ``--db`` said "Không có tệp cơ sở dữ liệu" and ``restore`` "Không tìm thấy tệp
    sao lưu" for files the officer could see in the folder."""
    folder = tmp_path / nfd("Nguyễn Thị Hồng") / nfd("Văn bản BCĐ 2026")
    folder.mkdir(parents=True)
    db = folder / nfd("dữ liệu.sqlite3")
    shutil.copyfile(demo_template, db)
    typed_db = nfc(str(db))
    assert not Path(typed_db).exists()

    listed = run_bdcq(["meetings", "list", "--format", "json"], db=typed_db)
    assert listed.returncode == 0, listed.stderr
    assert '"title"' in listed.stdout
    assert not Path(typed_db).exists()  # no second database made beside it

    backup = folder / nfd("sao lưu tuần 1.sqlite3")
    made = run_bdcq(["backup", "-o", str(backup)], db=db)
    assert made.returncode == 0, made.stderr
    restored = run_bdcq(
        ["--backup-dir", str(tmp_path / "tự động"), "restore", nfc(str(backup)), "--yes"], db=db
    )
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục" in restored.stdout


def test_a_long_name_the_disk_takes_is_written_whole(demo_template: Path, tmp_path: Path) -> None:
    """Names of 230-250 bytes (a long Vietnamese title): valid on the disk, they were refused
    as "tên quá dài" because the temporary file written first carried the name and 24 more."""
    db = tmp_path / "dữ liệu.sqlite3"
    shutil.copyfile(demo_template, db)
    folder = tmp_path / "Văn bản BCĐ"
    folder.mkdir()
    pdf = folder / ("Danh sach thanh vien Ban Chi dao " * 7 + "ban cuoi.pdf")
    sheet = folder / ("Danh sách thành viên " * 9 + "Ban Chỉ đạo 2026.xlsx")
    backup = folder / ("Sao lưu dữ liệu Ban Chỉ đạo " * 6 + "năm 2026.sqlite3")
    for path in (pdf, sheet, backup):
        assert 225 <= len(path.name.encode()) <= 250, len(path.name.encode())
    for args in (
        ["export", "roster", "--draft", "-o", str(pdf)],
        ["members", "export", str(sheet)],
        ["backup", "-o", str(backup)],
    ):
        out = run_bdcq(args, db=db)
        assert out.returncode == 0, out.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sheet.read_bytes().startswith(b"PK")
    assert backup.read_bytes().startswith(b"SQLite format 3")
    assert sorted(p.name for p in folder.iterdir()) == sorted([pdf.name, sheet.name, backup.name])


def test_a_database_named_too_long_for_its_side_files_is_said_so(
    demo_template: Path, tmp_path: Path
) -> None:
    """255 bytes is a name the disk takes, but not with SQLite's "-wal" beside it: the officer
    was told the file could not be made or read, while it was there."""
    db = tmp_path / ("Cơ sở dữ liệu Ban Chỉ đạo " * 6 + "năm 2026 tỉnh NA.sqlite3")
    assert 251 < len(db.name.encode()) <= 255
    shutil.copyfile(demo_template, db)
    out = run_bdcq(["meetings", "list"], db=db)
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert "tên tệp quá dài" in out.stderr, out.stderr


def _nf_twins(parent: Path) -> list[str]:
    """The entries of ``parent`` that read the same as another one (a look-alike folder)."""
    names = [nfc(n.name) for n in parent.iterdir()]
    return sorted({n for n in names if names.count(n) > 1})


def test_an_output_typed_composed_is_checked_and_written_where_the_folder_is(
    demo_template: Path, tmp_path: Path
) -> None:
    """Before, ``-o`` did not go through on_disk: ``backup -o`` the database's own path, typed,
    was not refused; it made a second, identical-looking folder holding a copy, which the same
    typed ``--db`` opened from then on, so new work went to the copy."""
    folder = tmp_path / "office" / nfd("Văn bản BCĐ")
    folder.mkdir(parents=True)
    db = folder / nfd("dữ liệu.sqlite3")
    shutil.copyfile(demo_template, db)
    typed_db = nfc(str(db))

    for out in (typed_db, typed_db + "-wal"):
        refused = run_bdcq(["backup", "-o", out], db=typed_db)
        assert refused.returncode != 0, refused.stdout
        assert "Không ghi vào" in refused.stderr, refused.stderr
    assert _nf_twins(folder.parent) == [] and [p.name for p in folder.parent.iterdir()] == [
        folder.name
    ]

    # A new file in that folder, its name typed: written into it, not into a twin.
    made = run_bdcq(["backup", "-o", nfc(str(folder / "bản sao.sqlite3"))], db=typed_db)
    assert made.returncode == 0, made.stderr
    assert _nf_twins(folder.parent) == [] and [p.name for p in folder.parent.iterdir()] == [
        folder.name
    ]
    assert (folder / nfc("bản sao.sqlite3")).read_bytes().startswith(b"SQLite format 3")

    # The folder itself as -o, typed: the document goes inside it under its own name.
    pdf = run_bdcq(["export", "roster", "--draft", "-o", nfc(str(folder))], db=typed_db)
    assert pdf.returncode == 0, pdf.stderr
    pdfs = [p for p in folder.iterdir() if p.suffix == ".pdf"]
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_a_new_database_and_the_backup_folder_typed_composed_use_the_folder_there_is(
    tmp_path: Path,
) -> None:
    """A new database (``init``) and ``--backup-dir`` named in a decomposed folder, typed
    composed: before, each made a look-alike folder beside it."""
    folder = tmp_path / "office" / nfd("Hồ sơ BCĐ")
    (folder / nfd("Sao lưu")).mkdir(parents=True)
    new_db = nfc(str(folder / "mới.sqlite3"))
    made = run_bdcq(["--backup-dir", nfc(str(folder / "Sao lưu")), "init"], db=new_db)
    assert made.returncode == 0, made.stderr
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]
    assert (folder / nfc("mới.sqlite3")).is_file()
    backed = run_bdcq(["--backup-dir", nfc(str(folder / "Sao lưu")), "backups", "list"], db=new_db)
    assert backed.returncode == 0, backed.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted([nfd("Sao lưu"), nfc("mới.sqlite3")])
