"""A backup written where the officer chooses leaves nothing behind when it fails, tidies what
a killed one left there, and says which folder refused it and why. Real files, real SQLite, a
real write limit (a child process with RLIMIT_FSIZE: a limit on one file's size, as a FAT32
stick has)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bdcq_desktop.core.backup import backup_to

CHILD = """
import resource, signal, sys
from pathlib import Path
from bdcq_desktop.core.backup import backup_to
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import BcdError

db = open_database(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, resource.RLIM_INFINITY))
try:
    backup_to(db, Path(sys.argv[2]))
except BcdError as exc:
    print(exc.message)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_backup_too_big_for_the_stick_leaves_nothing_and_says_why(
    demo_db, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    live = demo_db.sqlite_path
    demo_db.dispose()
    folder = tmp_path / "usb"
    folder.mkdir()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(live), str(folder / "sao-luu.sqlite3")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in out.stderr, out.stderr
    # The limit is on one file's size, the disk has room: a USB stick formatted FAT32 (no
    # file from 4 GB), not a full disk, which "ổ đĩa đã đầy" had the officer look for.
    assert str(folder) in out.stdout and "FAT32" in out.stdout, out.stdout
    assert "đã đầy" not in out.stdout
    assert list(folder.iterdir()) == []  # no .~NAME.part, no .part-journal


def test_a_backup_refused_by_a_disk_without_room_says_it_is_full(tmp_path: Path) -> None:
    import shutil

    from bdcq_desktop.core.backup_errors import backup_not_written

    needed = shutil.disk_usage(tmp_path).free + 1
    said = backup_not_written(tmp_path, needed).message
    assert str(tmp_path) in said and "đã đầy" in said and "FAT32" not in said


def test_a_backup_tidies_what_a_killed_backup_left_beside_its_target(
    demo_db, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = int(gone.stdout)
    folder = tmp_path / "chosen"
    folder.mkdir()
    left = folder / f".~sao-luu.sqlite3.{dead}.0123abcd.part"
    left.write_bytes(b"half a backup")
    journal = left.with_name(left.name + "-journal")
    journal.write_bytes(b"x")
    backup_to(demo_db, folder / "sao-luu-2.sqlite3")
    assert not left.exists() and not journal.exists()
    assert [p.name for p in folder.iterdir()] == ["sao-luu-2.sqlite3"]
