"""A restore the storage stops says what stopped it, the live database untouched: another
program's lock (given up after the busy time a save waits, not waited out), a full disk where
the backup is staged or where the database lives (never called a damaged backup, never an
unexpected error). Real files, a real second process holding the lock; a full disk by the
system's file-size limit, and (as root only) by a small tmpfs."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import units as un
from bdcq_desktop.core.backup import backup_to, restore_from
from bdcq_desktop.core.storage_errors import StorageError
from tests.cli_run import run_bdcq

ROOT = Path(__file__).resolve().parents[1]

_HOLD = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE unit SET name = name")
print("held", flush=True)
time.sleep(120)
"""


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM unit ORDER BY name")]
    finally:
        con.close()


def test_a_restore_gives_up_on_a_database_another_program_keeps_locked(
    db: Any, tmp_path: Path
) -> None:
    """Given up after the busy time, said as a restore that restored nothing (the open
    database as it was), by the core and by `bdcq restore`: never the save's "chưa lưu được
    gì"."""
    un.create_unit(db, name="Sở Y tế", kind="department")
    backup = backup_to(db, tmp_path / "b.sqlite3")
    un.create_unit(db, name="Sở Tài chính", kind="department")
    path = db.sqlite_path
    db.dispose()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StorageError) as refused:
            restore_from(db, backup)
        # Said as a restore that restored nothing, naming the file: not a save's refusal.
        said = str(refused.value)
        assert said.startswith("Chưa khôi phục") and str(path) in said
        assert "chương trình khác giữ" in said and "tệp đang dùng giữ nguyên" in said
        assert "lưu được" not in said
        # `bdcq restore` says the same, exit 2 as other storage refusals.
        out = run_bdcq(["restore", backup, "--yes"], db=path)
        assert out.returncode == 2, (out.stdout, out.stderr)
        assert "Chưa khôi phục" in out.stderr and "lưu được" not in out.stderr
        # It gave up while the other program still held the lock: not waited out.
        assert holder.poll() is None
    finally:
        holder.kill()
        holder.wait()
    assert _names(path) == ["Sở Tài chính", "Sở Y tế"]


_LIMITED = """
import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from bdcq_desktop.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_full_backup_folder_is_not_a_damaged_backup(
    db: Any, demo_template: Path, tmp_path: Path
) -> None:
    """The backup is staged in the backup folder: a disk that takes no more there (here, no
    file may grow past 400 KB, so the staged copy of an 800 KB backup fails) is said as a full
    disk naming that folder, exit 2 as other storage refusals, the backup not called damaged."""
    un.create_unit(db, name="Sở Y tế", kind="department")
    path = db.sqlite_path
    db.dispose()
    source = shutil.copyfile(demo_template, tmp_path / "demo-backup.sqlite3")
    limit = 400 * 1024
    assert path.stat().st_size < limit < source.stat().st_size
    folder = tmp_path / "bk"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1",
           "BDCQ_BACKUP_DIR": str(folder)}  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", _LIMITED, str(limit), "--db", str(path), "restore", str(source),
         "--other-database"],  # the demo's backup, not of this database: said, then allowed
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Ổ đĩa đầy" in out.stderr and str(folder) in out.stderr
    assert "hỏng" not in out.stderr and "không mong đợi" not in out.stderr
    assert _names(path) == ["Sở Y tế"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Any:
    """A 700 KB tmpfs (root only; skipped elsewhere), unmounted after."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / f"small-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", str(mount)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"tmpfs not available: {done.stderr!r}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_under_the_database_is_said_as_such(
    db: Any, demo_template: Path, tmp_path: Path, small_disk: Path
) -> None:
    """The live database's own disk fills while the backup's pages are written into it: a
    full disk naming its folder, not an unexpected error; the database as it was."""
    un.create_unit(db, name="Sở Y tế", kind="department")
    db.dispose()
    live = shutil.copyfile(db.sqlite_path, small_disk / "live.sqlite3")
    from bdcq_desktop.core.db import open_database

    target = open_database(live)
    try:
        with pytest.raises(StorageError, match="Ổ đĩa đầy") as err:
            restore_from(target, demo_template)
        assert str(small_disk) in err.value.message and "hỏng" not in err.value.message
    finally:
        target.dispose()
    assert _names(live) == ["Sở Y tế"]


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Any:
    """A backup folder that takes no file: made read-only by its mode for a user, by a
    read-only bind mount for root (whom a mode does not stop; skipped where none can be
    made)."""
    folder = tmp_path / "USB E" / "Sao lưu BCĐ"
    folder.mkdir(parents=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder, "không có quyền ghi hoặc đọc"
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("mount") is None:
        pytest.skip("no mount command for a read-only folder")
    done = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"bind mount not available: {done.stderr!r}")
    try:
        ro = subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True)
        if ro.returncode != 0:
            pytest.skip(f"read-only remount not available: {ro.stderr!r}")
        yield folder, "ổ đĩa chỉ cho đọc"
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_backup_folder_is_named_not_its_hidden_temporary_file(
    db: Any, tmp_path: Path, read_only_folder: tuple[Path, str]
) -> None:
    """The restore stages the backup in the backup folder: a folder that refuses it is said
    by its name and what failed, never the hidden ``.~restore.sqlite3.<pid>.<hex>.part`` nor a
    damaged backup; the database as it was."""
    folder, reason = read_only_folder
    un.create_unit(db, name="Sở Y tế", kind="department")
    backup = backup_to(db, tmp_path / "b.sqlite3")
    un.create_unit(db, name="Sở Tài chính", kind="department")
    path = db.sqlite_path
    db.dispose()
    out = run_bdcq(["restore", str(backup), "--yes"], db=path,
                   env={**os.environ, "BDCQ_BACKUP_DIR": str(folder)})  # fmt: skip
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert f"không ghi được vào thư mục sao lưu {folder} ({reason})" in out.stderr
    assert "Dữ liệu đang dùng không thay đổi" in out.stderr
    assert ".part" not in out.stderr and "restore.sqlite3" not in out.stderr
    assert "hỏng" not in out.stderr
    assert _names(path) == ["Sở Tài chính", "Sở Y tế"]
