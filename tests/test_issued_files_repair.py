"""The issued documents' files put back from the register (``bdcq documents repair-files``, and
the application when it reads a document): never outside the documents folder, whatever path
the register holds; an altered file found in place is kept under a new name, not written over;
and ``bdcq check`` on a database copied without its documents folder says so per year, not in
a line per file."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.issued_files import put_back
from tests.calendar_support import enter_days_off_now
from tests.cli_run import run_bdcq
from tests.test_register import fake_issue


def _docs() -> Path:
    return Path(os.environ["BDCQ_DATA_DIR"]) / "documents"


def _check_lines(db_path: Path) -> tuple[int, list[str]]:
    out = run_bdcq(["check"], db=db_path)
    return out.returncode, [ln for ln in out.stdout.splitlines() if ln.startswith("issued_file")]


def _set_path(db_path: Path, row_id: int, file_path: str) -> None:
    con = sqlite3.connect(db_path)
    con.execute("UPDATE issued_document SET file_path = ? WHERE id = ?", (file_path, row_id))
    con.commit()
    con.close()


@pytest.mark.parametrize("spelling", ["../../escaped.pdf", "absolute"])
def test_a_register_path_outside_the_documents_folder_is_never_written(
    db: Database, db_path: Path, tmp_path: Path, spelling: str
) -> None:
    rec = fake_issue(db)
    target = tmp_path / "abs" / "escaped.pdf"
    file_path = str(target) if spelling == "absolute" else spelling
    escaped = target if spelling == "absolute" else (_docs() / spelling).resolve()
    _set_path(db_path, rec.id, file_path)
    code, [line] = _check_lines(db_path)
    assert code == 1 and rec.symbol in line and "nằm ngoài thư mục văn bản" in line
    repaired = run_bdcq(["documents", "repair-files"], db=db_path)
    assert repaired.returncode == 1 and rec.symbol in repaired.stderr
    assert "nằm ngoài thư mục văn bản" in repaired.stderr and "restored" not in repaired.stdout
    assert not escaped.exists()
    # The application reading the document refuses it too, naming it, and writes nothing.
    [moved] = [r for r in register.list_issued(db) if r.id == rec.id]
    with pytest.raises(BcdError, match=f"{rec.symbol}.*nằm ngoài thư mục"):
        register.stored_copy(moved, db)
    assert not escaped.exists()


def test_an_altered_file_is_kept_under_a_new_name_by_repair_and_by_reading(
    db: Database, db_path: Path
) -> None:
    rec = fake_issue(db)
    path = _docs() / rec.file_path
    right = path.read_bytes()
    scans = [b"%PDF-1.7 the signed scan", b"%PDF-1.7 a second scan"]
    path.write_bytes(scans[0])
    repaired = run_bdcq(["documents", "repair-files"], db=db_path)
    assert repaired.returncode == 0, repaired.stderr
    [kept] = path.parent.glob(f"{path.stem}.altered-*.pdf")
    assert kept.read_bytes() == scans[0] and path.read_bytes() == right
    assert f"kept as: {kept}" in repaired.stdout and "giữ lại" in repaired.stdout
    # Reading the document in the application puts it back the same way, and never over the
    # file kept before (the same second gives another name).
    path.write_bytes(scans[1])
    assert register.stored_copy(rec, db) == right
    assert path.read_bytes() == right
    aside = sorted(path.parent.glob(f"{path.stem}.altered-*.pdf"))
    assert sorted(p.read_bytes() for p in aside) == sorted(scans)
    # A missing file has nothing to keep; a right one is left alone.
    path.unlink()
    written, left = put_back(db)
    assert [w.kept for w in written] == [None] and left == []
    assert put_back(db) == ([], [])
    assert len(list(path.parent.glob("*altered*"))) == 2


def test_check_says_a_missing_documents_folder_once_per_year(db: Database, db_path: Path) -> None:
    from datetime import date

    enter_days_off_now(db)  # from 2028, this year's missing days off would fail the exit code

    records = [fake_issue(db, on=date(2025, 12, 30)) for _ in range(5)]
    records += [fake_issue(db, on=date(2026, 1, 2)) for _ in range(2)]
    # An altered one of 2025 is still named alone, with its file.
    altered = _docs() / records[0].file_path
    for rec in records[1:]:
        (_docs() / rec.file_path).unlink()
    altered.write_bytes(b"changed")
    code, lines = _check_lines(db_path)
    assert code == 1 and len(lines) == 4, lines
    alone, year_2025, *few = lines
    assert records[0].symbol in alone and str(altered) in alone and "thay đổi" in alone
    assert "thiếu tệp của 4 văn bản ban hành năm 2025" in year_2025
    assert "chép kèm thư mục văn bản" in year_2025 and "repair-files" in year_2025
    assert str((_docs() / records[1].file_path).parent) in year_2025
    # Two missing of 2026: few enough to name each, with its file.
    for rec, line in zip(records[5:], few, strict=True):
        assert "tệp bị thiếu" in line and str(_docs() / rec.file_path) in line
    assert len(put_back(db)[0]) == 7
    assert _check_lines(db_path) == (0, [])
    assert hashlib.sha256(altered.read_bytes()).hexdigest() == records[0].sha256


def test_reading_a_document_says_which_file_it_put_back_and_where_the_altered_one_is(
    db: Database,
) -> None:
    """What the window and ``bdcq export`` tell the officer comes from the call that did the
    repair: the document, its file, what was wrong, and where the file found there was kept."""
    from bdcq_desktop.core.issued_files import ALTERED, MISSING, restored_message

    rec = fake_issue(db)
    path = _docs() / rec.file_path
    right = path.read_bytes()
    assert register.read_stored(rec, db).restored is None  # a right file: nothing to say
    changed = bytearray(right)
    changed[len(changed) // 2] ^= 0x01  # one bit, as a careless edit or a bad copy leaves it
    path.write_bytes(bytes(changed))
    copy = register.read_stored(rec, db)
    restored = copy.restored
    assert copy.content == right and path.read_bytes() == right
    assert restored is not None and restored.problem == ALTERED
    assert (restored.id, restored.symbol, restored.kind) == (rec.id, rec.symbol, "invitation")
    assert restored.path == path and restored.kept is not None
    assert restored.kept.parent == path.parent and restored.kept.read_bytes() == bytes(changed)
    said = restored_message(restored)
    assert rec.symbol in said and str(path) in said and str(restored.kept) in said
    assert "khác với bản đã ban hành" in said and "sổ đăng ký" in said
    # A missing file is put back too, and said so: nothing was kept.
    path.unlink()
    gone = register.read_stored(rec, db).restored
    assert gone is not None and gone.problem == MISSING and gone.kept is None
    assert "bị thiếu" in restored_message(gone) and path.read_bytes() == right


def test_export_says_the_file_it_put_back_as_repair_files_does(
    demo_db: Database, tmp_path: Path
) -> None:
    from datetime import date

    from bdcq_desktop.documents import service
    from tests.test_meeting_docs import demo_ids

    meeting = demo_ids(demo_db)["expanded"]
    day = date(2026, 7, 20)
    rec = service.issue(demo_db, "agenda", meeting, issued_on=day, today=day)
    path = _docs() / rec.file_path
    right = path.read_bytes()
    path.write_bytes(right.replace(b"%%EOF", b"%%EOF\n% edited by hand", 1))
    out = run_bdcq(
        ["export", "agenda", "--meeting", str(meeting), "-o", tmp_path / "a.pdf"],
        db=tmp_path / "demo.sqlite3",
    )
    assert out.returncode == 0, out.stderr
    [kept] = path.parent.glob(f"{path.stem}.altered-*.pdf")
    assert f"restored: {rec.symbol}\t{path}" in out.stdout
    assert f"kept as: {kept}" in out.stdout and "giữ lại" in out.stdout
    assert (tmp_path / "a.pdf").read_bytes() == right == path.read_bytes()
    # Once put back, exporting again says nothing of it.
    again = run_bdcq(
        ["export", "agenda", "--meeting", str(meeting), "-o", tmp_path / "b.pdf"],
        db=tmp_path / "demo.sqlite3",
    )
    assert again.returncode == 0 and "restored" not in again.stdout
