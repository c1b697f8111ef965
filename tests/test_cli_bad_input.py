"""The findings of the audit of bad input on the command line (an output path in the issued
documents' folder, an empty ``--db`` file, a date in year 9999, unreadable JSON files, and the
smaller ones), each run the way the audit ran it: ``bdcq`` on real files, as a real subprocess
where the exit code or the whole process matters, and the issued document's bytes read back."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.meetings import list_meetings
from tests.cli_run import run_bdcq

ISSUED_FOLDER_WORDS = "văn bản đã ban hành"


def bdcq(db: Path | str | None, *args: str | Path, cwd: Path | None = None):
    """``bdcq`` as a real subprocess (exit code and stderr as the shell sees them)."""
    cmd = [sys.executable, "-m", "bdcq_desktop.cli"]
    if db is not None:
        cmd += ["--db", str(db)]
    return subprocess.run(
        cmd + [str(a) for a in args], capture_output=True, text=True, timeout=180, cwd=cwd
    )


def inproc(db: Path | str | None, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_bdcq([str(a) for a in args], db=db)


def refused(out: subprocess.CompletedProcess[str], *words: str) -> str:
    """A refusal: exit 2, one line, no Python text, the ``words`` in it."""
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    for python_text in ("Traceback", "Errno", "Expecting", "codec", "file is not a database"):
        assert python_text not in lines[0], lines[0]
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def file_problems(db: Path) -> list[str]:
    """``bdcq check``'s lines about the issued documents' files (the demo has other findings:
    minutes finalised without their PDF)."""
    out = bdcq(db, "check")
    assert out.returncode in (0, 1), out.stderr
    return [ln for ln in out.stdout.splitlines() if ln.startswith("issued_file")]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli-demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


def _meeting(demo: Path, status: str) -> int:
    db = open_database(demo)
    try:
        return next(r.id for r in list_meetings(db) if r.status == status)
    finally:
        db.dispose()


@pytest.fixture
def issued(demo: Path, tmp_path: Path) -> Path:
    """A document issued through the application (the minutes of a held meeting): its file in
    the documents folder, as the register wrote it."""
    held = str(_meeting(demo, "held"))
    out = inproc(
        demo, "export", "minutes", "--meeting", held, "-o", tmp_path / "bb.pdf", "--issue",
        "--date", date.today().isoformat(),
    )
    assert out.returncode == 0, out.stderr
    [row] = json.loads(inproc(demo, "documents", "list", "--format", "json").stdout)
    path = Path(os.environ["BDCQ_DATA_DIR"]) / "documents" / row["file_path"]
    assert sha(path) == row["sha256"] == sha(tmp_path / "bb.pdf")
    return path


# --- 1. the issued documents' folder is never an output ---------------------------------------


def test_export_backup_and_calendar_never_write_over_an_issued_document(
    demo: Path, issued: Path, tmp_path: Path
) -> None:
    before = issued.read_bytes()
    other = str(_meeting(demo, "planned"))
    [row] = json.loads(inproc(demo, "documents", "list", "--format", "json").stdout)
    db = open_database(demo)
    # Another meeting's draft minutes, as the audit wrote them over 01/BB.
    final = str(next(r.id for r in list_meetings(db) if r.status == "minutes_final"
                     and r.id != row["record_id"]))
    db.dispose()
    folder = issued.parent
    for args in (
        ["export", "minutes", "--meeting", final, "-o", issued],
        ["export", "agenda", "--meeting", other, "--issue", "-o", issued],
        ["backup", "-o", issued],
        ["meetings", "ics", "-o", folder / "lich.ics"],
        ["members", "export", folder / "ds.csv"],
        ["meetings", "minutes-docx", other, "-o", folder / "bb.docx"],
    ):
        refused(bdcq(demo, *args), ISSUED_FOLDER_WORDS)
    assert issued.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [issued.name]
    # Nothing was issued by the refused --issue: the number is still free.
    assert len(json.loads(inproc(demo, "documents", "list", "--format", "json").stdout)) == 1
    assert file_problems(demo) == []


def test_every_spelling_of_the_issued_documents_folder_is_refused(
    demo: Path, issued: Path, tmp_path: Path
) -> None:
    before = issued.read_bytes()
    documents = issued.parent.parent
    link = tmp_path / "shortcut"
    link.symlink_to(documents, target_is_directory=True)
    file_link = tmp_path / "bb-link.pdf"
    file_link.symlink_to(issued)
    hard = tmp_path / "bb-hard.pdf"
    os.link(issued, hard)
    relative = os.path.relpath(issued, tmp_path)
    dotted = documents / ".." / "documents" / issued.parent.name / issued.name
    new_year = documents / "2099" / "new.pdf"  # a folder still to be made
    for target in (link / issued.parent.name / issued.name, file_link, dotted, new_year):
        refused(inproc(demo, "backup", "-o", target), ISSUED_FOLDER_WORDS)
    refused(inproc(demo, "export", "roster", "-o", hard), "liên kết cứng", ISSUED_FOLDER_WORDS)
    refused(bdcq(demo, "backup", "-o", relative, cwd=tmp_path), ISSUED_FOLDER_WORDS)
    assert issued.read_bytes() == before
    assert not new_year.parent.exists()


def test_the_calendar_is_never_written_into_the_automatic_backups(demo: Path) -> None:
    backups = Path(os.environ["BDCQ_DATA_DIR"]) / "backups"
    refused(inproc(demo, "meetings", "ics", "-o", backups / "lich.ics"), "sao lưu tự động")
    assert not (backups / "lich.ics").exists()


def test_check_finds_an_altered_or_missing_issued_file_and_repair_files_puts_it_back(
    demo: Path, issued: Path
) -> None:
    right = issued.read_bytes()
    symbol = json.loads(inproc(demo, "documents", "list", "--format", "json").stdout)[0]["symbol"]
    for damage in ("altered", "missing"):
        if damage == "altered":
            issued.write_bytes(b"SQLite format 3\x00 not the minutes")
        else:
            issued.unlink()
        [line] = file_problems(demo)
        assert symbol in line and str(issued) in line and "repair-files" in line
        assert ("thay đổi" if damage == "altered" else "thiếu") in line
        repaired = inproc(demo, "documents", "repair-files")
        assert repaired.returncode == 0, repaired.stderr
        assert symbol in repaired.stdout
        assert issued.read_bytes() == right
        assert file_problems(demo) == []


def test_a_file_the_register_holds_no_copy_of_is_reported_as_not_repairable(
    demo: Path, issued: Path
) -> None:
    con = sqlite3.connect(demo)
    con.execute("UPDATE issued_document SET content = NULL")  # a row from before copies
    con.commit()
    con.close()
    issued.write_bytes(b"changed")
    out = inproc(demo, "check")
    assert out.returncode == 1 and "không giữ bản đúng" in out.stdout, out.stdout
    repaired = inproc(demo, "documents", "repair-files")
    assert repaired.returncode == 1 and "không giữ bản đúng" in repaired.stderr
    assert issued.read_bytes() == b"changed"


# --- 2. an empty --db file is a damaged database, not a new one -------------------------------


def test_an_empty_database_file_is_refused_as_damaged_with_the_backup_named(
    demo: Path, tmp_path: Path
) -> None:
    from bdcq_desktop.core.backup import backup_before

    # The file was a database, backed up, then cut to nothing (a copy or a sync gone wrong):
    # its own backup is named (another database's would not be).
    zero = shutil.copyfile(demo, tmp_path / "zero.sqlite3")
    db = open_database(zero)
    newest = backup_before(db, reason="test")
    db.dispose()
    zero.write_bytes(b"")
    for args in (["meetings", "list"], ["demo"]):
        line = refused(bdcq(zero, *args), "rỗng", "0 byte", str(newest))
        assert "bị hỏng" in line
    # For the check the damage is its finding (exit 1), the same words and backup.
    out = bdcq(zero, "check")
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert out.stdout.startswith("integrity\t") and "rỗng" in out.stdout
    assert "bị hỏng" in out.stdout and str(newest) in out.stdout
    assert zero.stat().st_size == 0
    assert bdcq(zero, "init").returncode == 0  # making a database there is what init is for
    assert zero.stat().st_size > 0


def test_the_window_refuses_an_empty_file_it_was_given(tmp_path: Path) -> None:
    from bdcq_desktop.core.db import DatabaseDamagedError

    zero = tmp_path / "zero.sqlite3"
    zero.touch()
    with pytest.raises(DatabaseDamagedError, match="rỗng"):
        open_database(zero, verify=True, refuse_empty=True)
    assert zero.stat().st_size == 0


def test_a_sqlite_url_to_a_missing_folder_is_refused_as_the_path_is(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/typo/x.sqlite3"
    refused(bdcq(url, "meetings", "list"), "Không có tệp cơ sở dữ liệu", str(tmp_path / "typo"))
    assert not (tmp_path / "typo").exists()


# --- 3. one range for every date; the calendar never breaks on a stored one -------------------


@pytest.mark.parametrize("day", ["31/12/9999", "01/01/0001", "01/01/1900"])
def test_dates_outside_the_range_are_refused_by_every_field(demo: Path, day: str) -> None:
    before = sha(demo)
    refused(
        inproc(demo, "meetings", "add", "--kind", "regular", "--title", "T", "--start",
               f"{day} 08:00", "--chair", "54"),
        "01/01/2000", "31/12/2099",
    )
    refused(inproc(demo, "units", "retire", "3", "--on", day), "01/01/2000")
    refused(inproc(demo, "tasks", "add", "--content", "X", "--unit", "3", "--deadline", day),
            "01/01/2000")
    refused(inproc(demo, "meetings", "similar", str(_meeting(demo, "held")), "--start",
                   f"{day} 08:00"), "01/01/2000")
    assert sha(demo) == before


def test_a_stored_meeting_in_year_9999_does_not_break_the_calendar(
    demo: Path, tmp_path: Path
) -> None:
    con = sqlite3.connect(demo)
    mid = con.execute("SELECT max(id) FROM meeting").fetchone()[0]
    con.execute(
        "UPDATE meeting SET starts_at = '9999-12-31 23:30:00.000000', ends_at = NULL "
        "WHERE id = ?", (mid,),
    )
    con.commit()
    con.close()
    out = bdcq(demo, "meetings", "ics", "-o", tmp_path / "all.ics")
    assert out.returncode == 0, out.stderr
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:99991231T233000" in (tmp_path / "all.ics").read_text()


# --- 4. unreadable --agenda / --tasks files, restore's messages ------------------------------


def _json_cases(tmp_path: Path) -> list[tuple[Path, str]]:
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "bad.json").write_text('[\n  {"title": "a",}\n]', encoding="utf-8")
    (tmp_path / "pdf.json").write_bytes(b"%PDF-1.4\n\xff\xfe\x00binary")
    return [
        (tmp_path / "missing.json", "không tồn tại"),
        (tmp_path / "folder.json", "thư mục"),
        (tmp_path / "empty.json", "tệp rỗng"),
        (tmp_path / "bad.json", "không phải tệp JSON hợp lệ (lỗi ở dòng 2, cột"),
        (tmp_path / "pdf.json", "không phải văn bản UTF-8"),
    ]


def test_unreadable_json_files_are_said_in_vietnamese(demo: Path, tmp_path: Path) -> None:
    held = str(_meeting(demo, "held"))
    for path, reason in _json_cases(tmp_path):
        refused(
            inproc(demo, "meetings", "add", "--kind", "regular", "--title", "T", "--start",
                   "05/02/2027 08:00", "--chair", "54", "--agenda", path),
            "Chương trình", reason,
        )
        refused(inproc(demo, "meetings", "conclusion-add", held, "--text", "X", "--tasks", path),
                "Nhiệm vụ", reason)


def test_restore_says_in_vietnamese_what_is_wrong_and_what_was_kept(
    demo: Path, tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    refused(inproc(demo, "restore", text), "không phải tệp cơ sở dữ liệu SQLite")
    fresh = tmp_path / "fresh.sqlite3"
    out = inproc(fresh, "restore", demo)
    assert out.returncode == 0, out.stderr
    assert "None" not in out.stdout and "không có dữ liệu cũ" in out.stdout


# --- 5. the smaller ones ----------------------------------------------------------------------


def test_an_agenda_title_that_is_a_list_is_refused(demo: Path, tmp_path: Path) -> None:
    agenda = tmp_path / "agenda.json"
    agenda.write_text('[{"title": ["a"], "planned_minutes": 10}]', encoding="utf-8")
    refused(
        inproc(demo, "meetings", "add", "--kind", "regular", "--title", "T", "--start",
               "05/02/2027 08:00", "--chair", "54", "--agenda", agenda),
        "phải là văn bản",
    )


@pytest.mark.parametrize("year", ["0", "-2026", "10000"])
def test_meetings_list_year_is_checked_as_every_year_is(demo: Path, year: str) -> None:
    refused(inproc(demo, "meetings", "list", "--year", year), "năm không hợp lệ")


def test_a_nul_byte_in_a_csv_row_is_said_as_such(demo: Path, tmp_path: Path) -> None:
    csv = tmp_path / "ds.csv"
    csv.write_bytes("Họ và tên,Vai trò\nNguyễn\x00 Văn A,member\n".encode())
    refused(inproc(demo, "members", "import", csv), "NUL", "dòng 2")


def test_refusals_never_echo_control_or_direction_characters(demo: Path) -> None:
    out = bdcq(demo, "meetings", "add", "--kind", "regular", "--title", "T", "--start",
               "05/02/2027 08:00", "--chair", "\u202eĐảo chiều\u200f\x1b[31m")
    line = refused(out, "Đảo chiều")
    assert not any(ch in line for ch in "\u202e\u200f\x1b")


def test_the_live_database_cannot_be_attached_to_itself(demo: Path) -> None:
    before = sha(demo)
    sid = json.loads(inproc(demo, "sessions", "list", "--format", "json").stdout)[0]["id"]
    link = demo.with_name("alias.sqlite3")
    link.symlink_to(demo)
    for path in (demo, link):
        refused(inproc(demo, "sessions", "attach", str(sid), path, "--title", "X"),
                "cơ sở dữ liệu đang dùng")
    assert sha(demo) == before
