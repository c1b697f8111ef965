"""``bdcq check`` on a file SQLite cannot even walk (pages overwritten): the damage is the
check's finding (exit 1), said as the start says it, naming the newest backup of this very
database, not a "database error" of the check itself; the file is left as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from bdcq_desktop.core.backup import backup_before
from bdcq_desktop.core.db import open_database
from tests.test_cli_bad_input import bdcq


def _damage(path: Path) -> None:
    """Two pages in the middle of the file overwritten, as a bad sector or a torn copy does."""
    with open(path, "r+b") as f:
        f.seek(4096 * 5)
        f.write(b"\xff" * 8192)


def test_a_damaged_file_is_the_check_s_finding_with_its_own_backup_named(
    demo_template: Path, tmp_path: Path
) -> None:
    path = shutil.copyfile(demo_template, tmp_path / "office.sqlite3")
    db = open_database(path)
    own = backup_before(db, reason="test")
    db.dispose()
    _damage(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    out = bdcq(path, "check")
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert "database error" not in out.stderr and "lỗi cơ sở dữ liệu" not in out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("integrity\t"), out.stdout
    assert "bị hỏng" in lines[0] and str(own) in lines[0]
    assert "Phát hiện 1 vấn đề" in out.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # looked at, not touched



def test_a_file_too_damaged_to_open_is_the_check_s_finding_too(
    demo_template: Path, tmp_path: Path
) -> None:
    """A lost header: the opening itself finds the damage; the check still says it as its
    finding (exit 1), with the backup of this very database, not as a refused command."""
    path = shutil.copyfile(demo_template, tmp_path / "office.sqlite3")
    db = open_database(path)
    own = backup_before(db, reason="test")
    db.dispose()
    with open(path, "r+b") as f:
        f.write(b"\0" * 100)  # the SQLite header gone
    out = bdcq(path, "check")
    assert out.returncode == 1, (out.stdout, out.stderr)
    lines = out.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("integrity\t"), out.stdout
    assert "bị hỏng" in lines[0] and str(own) in lines[0]
    assert "Phát hiện 1 vấn đề" in out.stderr
