"""A read refused by the storage says the data was not read, never "Chưa lưu được gì." as a
save's refusal does (nothing was being saved); every save keeps its words.

A real failure: a SQLite file another connection holds with an exclusive lock, met by the CLI's
read-only commands."""

from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop import cli
from bdcq_desktop.core import engine, sqlite_file, units
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.storage_errors import StorageError

SAVED_NOTHING = "chưa lưu được gì"  # the save's words, in the server's and SQLite's texts


def _bdcq(*argv: str) -> tuple[int, str]:
    """``bdcq argv`` run here: its exit code and what it said on stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(list(argv))
    return code, err.getvalue()


def _said_as_a_read(text: str) -> None:
    assert SAVED_NOTHING not in text.lower(), text
    assert "chưa đọc được dữ liệu" in text.lower(), text


def _said_as_a_save(text: str) -> None:
    assert SAVED_NOTHING in text.lower(), text
    assert "chưa đọc được" not in text.lower(), text


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A database with one unit, then held by another program's exclusive lock (a write
    transaction in exclusive locking mode: no other connection may read it), its busy wait
    shortened to 0.2 s (10 s in use)."""
    path = tmp_path / "bcd.sqlite3"
    db = open_database(str(path))
    units.create_unit(db, name="UBND tỉnh Nghệ An")
    db.engine.dispose()  # the pooled connection let go, as another officer's window closed
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT_S", 0.2)  # the start's look at the file
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    yield db, path
    holder.execute("ROLLBACK")
    holder.close()
    db.dispose()


def test_a_read_of_a_locked_sqlite_file_does_not_say_nothing_was_saved(locked: Any) -> None:
    """About 10 s a command: the CLI's start waits SQLite's own 5 s twice before it is told."""
    db, path = locked
    listed = _bdcq("--db", str(path), "units", "list")
    draft = _bdcq("--db", str(path), "export", "convocation", "--meeting", "1",
                  "-o", str(path.with_suffix(".pdf")))  # fmt: skip
    added = _bdcq("--db", str(path), "units", "add", "Sở Tư pháp")
    with pytest.raises(StorageError) as saved:
        units.create_unit(db, name="Sở Tư pháp")
    for code, text in (listed, draft):
        assert code == 2 and "đang bị một chương trình khác khóa" in text, text
        _said_as_a_read(text)
    assert added[0] == 2
    for text in (added[1], saved.value.message):
        assert "đang bị một chương trình khác khóa" in text, text
        _said_as_a_save(text)
