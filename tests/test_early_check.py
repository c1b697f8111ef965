"""The quick check a start begins at once (core/sqlite_file.EarlyCheck): its clean verdict
stands in for the check when the database is opened only for the very same, unchanged file;
anything else is checked again the usual way, so a damaged file is refused as before."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bdcq_desktop.core import db as db_module
from bdcq_desktop.core import sqlite_file
from bdcq_desktop.core.db import DatabaseDamagedError, open_database
from bdcq_desktop.core.sqlite_file import EarlyCheck, start_file
from bdcq_desktop.core.storage_errors import StorageError


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "bcd.sqlite3"
    from bdcq_desktop.core import units

    db = open_database(path)
    units.create_unit(db, name="Sở Thông tin và Truyền thông")
    db.dispose()
    return path


def _damage_a_page(path: Path) -> None:
    """Damage inside a well-formed file: the header stays valid, so SQLite opens it and only
    the check finds the problem (not an error on connecting)."""
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) >= 3 * page
    data[2 * page : 3 * page] = b"\xff" * page
    path.write_bytes(bytes(data))


def test_a_clean_unchanged_file_passes(filled: Path) -> None:
    check = EarlyCheck(filled)
    assert check.intact(filled)
    db = open_database(filled, verify=True, checked=check)
    db.dispose()


def test_another_file_is_not_vouched_for(filled: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    other.write_bytes(filled.read_bytes())
    assert not EarlyCheck(filled).intact(other)


def test_a_file_changed_after_its_check_is_checked_again(filled: Path) -> None:
    check = EarlyCheck(filled)
    check.intact(filled)  # the check has run on the good file
    _damage_a_page(filled)
    assert not check.intact(filled)
    with pytest.raises(DatabaseDamagedError):
        open_database(filled, verify=True, checked=check)


def test_a_damaged_file_is_refused_as_before(filled: Path) -> None:
    _damage_a_page(filled)
    check = EarlyCheck(filled)
    assert not check.intact(filled)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(filled, verify=True, checked=check)
    assert caught.value.path == filled


def test_not_a_database_at_all(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 500)
    check = EarlyCheck(junk)
    assert not check.intact(junk)
    with pytest.raises(DatabaseDamagedError):
        open_database(junk, verify=True, checked=check)


def test_a_file_locked_during_the_check_is_called_locked_after_one_wait(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the file exclusively (a restore, a copy in progress) through the
    start: the early check waits out the busy timeout, and the start says "locked" from its
    failure without a second check that would wait it out again (a start on a held file once
    showed an empty window for a minute before saying so)."""
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT_S", 0.3)  # the real wait is 10 s
    checks: list[Path] = []
    real_damage = db_module.damage

    def counted_damage(path: Path) -> str | None:
        checks.append(path)
        return real_damage(path)

    monkeypatch.setattr(db_module, "damage", counted_damage)
    holder = sqlite3.connect(filled, isolation_level=None, timeout=0)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE unit SET short_name = 'giữ khóa'")
        check = EarlyCheck(filled)
        assert not check.intact(filled)
        assert "locked" in (check.failure(filled) or "")
        assert check.failure(filled.with_name("other.sqlite3")) is None
        with pytest.raises(StorageError) as caught:
            open_database(filled, verify=True, checked=check)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not isinstance(caught.value, DatabaseDamagedError)
    assert "khóa" in caught.value.message
    assert checks == []  # no second wait
    # The lock gone, the same file opens and holds what it held.
    db = open_database(filled, verify=True, checked=EarlyCheck(filled))
    from bdcq_desktop.core import units

    assert [u.name for u in units.list_units(db)] == ["Sở Thông tin và Truyền thông"]
    db.dispose()


def test_a_missing_file_is_left_to_the_start(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    assert not EarlyCheck(path).intact(path)


def test_which_file_a_start_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bdcq_desktop.core.engine import default_sqlite_path, resolve_url, sqlite_url

    given = tmp_path / "biên bản #2.sqlite3"
    assert start_file(str(given)) == given.resolve()
    assert resolve_url(str(given)) == sqlite_url(start_file(str(given)))
    assert start_file("postgresql://u@h/bcd") is None
    assert start_file("  ") is None  # refused by the start itself, with its own message
    loop = tmp_path / "loop.sqlite3"
    loop.symlink_to(loop)
    assert start_file(str(loop)) is None  # no check begun: the start itself says what is wrong
    monkeypatch.delenv("BDCQ_DATABASE_URL", raising=False)
    assert start_file(None) == default_sqlite_path()
    monkeypatch.setenv("BDCQ_DATABASE_URL", "postgresql://u@h/bcd")
    assert start_file(None) is None


def test_the_check_needs_neither_sqlalchemy_nor_qt() -> None:
    code = (
        "import sys, bdcq_desktop.core.sqlite_file\n"
        "print(' '.join(m for m in ('sqlalchemy', 'PySide6') if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parents[1]
    path = os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == []
