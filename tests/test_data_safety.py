"""Nothing destroys the record: restore, backup, output files, odd database paths, read-only
databases, stale temporary files. The command line runs on real files, in this process
(``tests.cli_run``); tests/test_cli.py runs it as a real subprocess."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.files import write_atomic
from tests.cli_run import created, run_bdcq


def bdcq(*args: str, db: Path | str | None = None) -> subprocess.CompletedProcess[str]:
    return run_bdcq(args, db=db)


def one_line(out: subprocess.CompletedProcess[str]) -> str:
    """The refusal: exit 2, no traceback, one line on stderr (warnings aside)."""
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    lines = [ln for ln in out.stderr.splitlines() if "cảnh báo / warning" not in ln]
    assert len(lines) == 1, out.stderr
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def units(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM unit ORDER BY name")]
    finally:
        con.close()


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """A small database with data: two units."""
    path = created(tmp_path / "live.sqlite3")
    for name in ("Sở Y tế", "Sở Tài chính"):
        out = bdcq("units", "add", name, db=path)
        assert out.returncode == 0, out.stderr
    return path


def _set_revision(path: Path, rev: str) -> None:
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = ?", (rev,))
    con.commit()
    con.close()


def _backups() -> Path:
    return Path(os.environ["BDCQ_DATA_DIR"]) / "backups"


# --- restore ---------------------------------------------------------------------------------


def test_backup_of_a_newer_version_is_refused_before_the_live_database_is_touched(
    live: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite3"
    assert bdcq("backup", "-o", str(copy), db=live).returncode == 0
    _set_revision(copy, "9999_future")
    before = digest(live)
    line = one_line(bdcq("restore", str(copy), db=live))
    assert "phiên bản mới hơn" in line
    assert digest(live) == before
    assert bdcq("check", db=live).returncode == 0
    assert units(live) == ["Sở Tài chính", "Sở Y tế"]


@pytest.mark.parametrize("revision", ["0001_initial", "0002_document_content"])
def test_foreign_sqlite_file_with_borrowed_table_names_is_refused(
    live: Path, tmp_path: Path, revision: str
) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE meeting (x)")
    con.execute("CREATE TABLE alembic_version (version_num TEXT)")
    con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    con.commit()
    con.close()
    before = digest(live)
    line = one_line(bdcq("restore", str(foreign), db=live))
    assert "không phải bản sao lưu" in line
    assert digest(live) == before
    assert bdcq("check", db=live).returncode == 0
    assert not any(p.name.endswith(".part") for p in _backups().iterdir())


def test_the_before_restore_backup_always_restores(live: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.sqlite3"
    assert bdcq("backup", "-o", str(backup), db=live).returncode == 0
    assert bdcq("units", "add", "Sở Nội vụ", db=live).returncode == 0
    out = bdcq("restore", str(backup), db=live)
    assert out.returncode == 0, out.stderr
    assert units(live) == ["Sở Tài chính", "Sở Y tế"]
    safety = sorted(_backups().glob("bcd-*-before-restore.sqlite3"))[-1]
    out = bdcq("restore", str(safety), db=live)
    assert out.returncode == 0, out.stderr
    assert units(live) == ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế"]
    assert bdcq("check", db=live).returncode == 0


@pytest.mark.parametrize("state", ["newer", "damaged"])
def test_a_live_database_that_cannot_be_opened_can_still_be_restored_over(
    live: Path, tmp_path: Path, state: str
) -> None:
    backup = tmp_path / "b.sqlite3"
    assert bdcq("backup", "-o", str(backup), db=live).returncode == 0
    if state == "newer":
        _set_revision(live, "9999_future")
    else:
        live.write_bytes(b"this is not a database " * 300)
    assert bdcq("check", db=live).returncode != 0
    out = bdcq("restore", str(backup), db=live)
    assert out.returncode == 0, out.stderr
    assert bdcq("check", db=live).returncode == 0
    assert units(live) == ["Sở Tài chính", "Sở Y tế"]


@pytest.mark.parametrize("name", ["sao lưu #1.sqlite3", "b?x.sqlite3", "b%20c.sqlite3"])
def test_restore_opens_backup_paths_literally(live: Path, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "thư mục #2 %41"
    folder.mkdir()
    backup = folder / name
    assert bdcq("backup", "-o", str(backup), db=live).returncode == 0
    assert backup.is_file()
    out = bdcq("restore", str(backup), db=live)
    assert out.returncode == 0, out.stderr


# --- output files ----------------------------------------------------------------------------


def _refused_targets(live: Path, tmp_path: Path) -> list[str]:
    (tmp_path / "folder").mkdir()
    targets = [
        str(live),
        str(live) + "-wal",
        str(live) + "-shm",
        str(tmp_path / "folder"),
        "",
        str(_backups() / "x.pdf"),
    ]
    if Path("/dev/full").exists():
        targets.append("/dev/full")
    return targets


def test_export_never_writes_over_the_database_a_folder_or_a_device(
    live: Path, tmp_path: Path
) -> None:
    assert bdcq("backup", "-o", str(tmp_path / "keep.sqlite3"), db=live).returncode == 0
    before = digest(live)
    refused = 0
    folder = str(tmp_path / "folder")
    for target in _refused_targets(live, tmp_path):
        # A folder named to `export` is where the document goes, under the window's name
        # (tests/test_cli_export_folder.py); here it only must stay a folder (below).
        for args in (["export", "roster", "--issue", "-o", target],
                     ["export", "roster", "-o", target]) if target != folder else ():
            one_line(bdcq(*args, db=live))
            refused += 1
        if target:
            one_line(bdcq("members", "export", target, db=live))
            refused += 1
    assert refused >= 16
    bdcq("export", "roster", "-o", folder, db=live)
    assert Path(folder).is_dir()
    assert digest(live) == before
    assert bdcq("check", db=live).returncode == 0
    assert bdcq("documents", "list", "--format", "json", db=live).stdout.strip() == "[]"
    if Path("/dev/full").exists():
        assert Path("/dev/full").is_char_device()
    assert [p.name for p in _backups().iterdir() if not p.name.startswith("bcd-")] == []


def test_empty_output_path_is_one_vietnamese_line(live: Path) -> None:
    assert "tệp đầu ra" in one_line(bdcq("export", "roster", "-o", "", db=live))


def test_an_output_file_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device", str(tmp))

    with pytest.raises(BcdError, match="đầy"):
        write_atomic(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_a_written_document_gets_a_new_file_s_usual_permissions(tmp_path: Path) -> None:
    """An exported PDF is a document, not a program: read-write for its owner, readable by
    others as the umask allows, never executable."""
    old = os.umask(0o022)
    try:
        written = write_atomic(tmp_path / "bien-ban.pdf", b"%PDF-1.4")
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o644


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_a_backup_gets_a_new_file_s_usual_permissions(tmp_path: Path) -> None:
    from bdcq_desktop.core.backup import backup_to
    from bdcq_desktop.core.db import open_database

    db = open_database(tmp_path / "bcd.sqlite3")
    old = os.umask(0o022)
    try:
        copy = backup_to(db, tmp_path / "copy.sqlite3")
    finally:
        os.umask(old)
        db.dispose()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o644


# --- backup ----------------------------------------------------------------------------------


def _damage(path: Path) -> None:
    """Overwrite the start of the unit table's first page: SQLite's checks catch it."""
    con = sqlite3.connect(path)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'unit'").fetchone()[0]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with path.open("r+b") as f:
        f.seek(page * (root - 1))
        f.write(b"\x0d\xff\xff\xff\xff" * 40)


def test_backup_of_a_damaged_database_is_refused(live: Path, tmp_path: Path) -> None:
    _damage(live)
    assert bdcq("check", db=live).returncode != 0
    dest = tmp_path / "b.sqlite3"
    line = one_line(bdcq("backup", "-o", str(dest), db=live))
    assert "bị hỏng" in line and str(live) in line
    assert not dest.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


def test_backup_into_a_folder_that_cannot_be_written(live: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    line = one_line(bdcq("backup", "-o", str(plain / "b.sqlite3"), db=live))
    assert str(plain) in line and "Errno" not in line
    locked = tmp_path / "locked"
    locked.mkdir()
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        line = one_line(bdcq("backup", "-o", str(locked / "b.sqlite3"), db=live))
        assert str(locked) in line and "quyền" in line
        assert list(locked.iterdir()) == []
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)


# --- the --db value --------------------------------------------------------------------------


def test_a_database_path_is_taken_literally(tmp_path: Path) -> None:
    path = tmp_path / "p%41 #1?.db"
    assert bdcq("init", db=path).returncode == 0
    assert path.is_file()
    assert not (tmp_path / "pA #1?.db").exists()


@pytest.mark.parametrize(
    ("value", "words"),
    [("", "trống"), ("mysql://x/y", "PostgreSQL"), ("oracle+cx://u@h/db", "PostgreSQL")],
)
def test_bad_database_values_are_refused(value: str, words: str) -> None:
    assert words in one_line(bdcq("init", db=value))


def test_a_database_under_a_plain_file_is_a_vietnamese_line(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("x")
    line = one_line(bdcq("init", db=plain / "sub" / "d.db"))
    assert str(plain / "sub" / "d.db") in line
    assert "File exists" not in line and "Errno" not in line


# --- read-only databases ---------------------------------------------------------------------


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_database_opens_read_only_and_refuses_writes(
    live: Path, tmp_path: Path, immutable, what: str  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "d.sqlite3"
    path.write_bytes(live.read_bytes())
    immutable(folder if what == "folder" else path)
    before = digest(path)
    out = bdcq("check", db=path)
    assert out.returncode == 0, out.stderr
    assert "chỉ đọc" in out.stderr
    assert "Sở Y tế" in bdcq("units", "list", db=path).stdout
    for args in (
        ["export", "roster", "--issue", "-o", str(tmp_path / "r.pdf")],
        ["units", "add", "Sở Nội vụ"],
    ):
        line = one_line(bdcq(*args, db=path))
        assert "chỉ đọc" in line
        assert "SELECT" not in line and "UPDATE" not in line and "thử lại" not in line
    assert digest(path) == before


# --- temporary files left by a killed process ------------------------------------------------


def test_the_temporary_file_of_a_killed_restore_is_removed_on_the_next_start(
    live: Path,
) -> None:
    code = (
        "import sys, time; from bdcq_desktop.core.backup import backups_dir;"
        " from bdcq_desktop.core.files import part_path;"
        " p = part_path(backups_dir() / 'restore.sqlite3'); p.write_bytes(b'x' * 4096);"
        " print(p, flush=True); time.sleep(60)"
    )
    killed = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    left = Path(killed.stdout.readline().strip())  # type: ignore[union-attr]
    running = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    busy = Path(running.stdout.readline().strip())  # type: ignore[union-attr]
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        assert left.exists() and busy.exists()
        assert bdcq("check", db=live).returncode == 0
        assert not left.exists()  # its writer is gone
        assert busy.exists()  # its writer is still at work
    finally:
        running.kill()
        running.wait()
        killed.stdout.close()  # type: ignore[union-attr]
        running.stdout.close()  # type: ignore[union-attr]
