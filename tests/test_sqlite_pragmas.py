"""A new connection to the SQLite file sets its wait for another program's lock before anything
that needs the lock (switching to WAL): before, the driver's own 5 s wait applied to that
switch, so a command met by a locked file waited the driver's 5 s and then ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bdcq_desktop.core.engine import _read_only_pragmas, _sqlite_pragmas
from bdcq_desktop.core.sqlite_file import BUSY_TIMEOUT_S


def _pragmas_run(path: Path, setter) -> list[str]:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(path)
    seen: list[str] = []
    con.set_trace_callback(seen.append)
    try:
        setter(con, None)
        assert con.execute("PRAGMA busy_timeout").fetchone()[0] == round(BUSY_TIMEOUT_S * 1000)
    finally:
        con.close()
    return [s.split("=")[0].strip() for s in seen if s.upper().startswith("PRAGMA")]


def test_the_wait_for_a_lock_is_set_before_the_switch_to_wal(tmp_path: Path) -> None:
    run = _pragmas_run(tmp_path / "d.sqlite3", _sqlite_pragmas)
    assert "PRAGMA journal_mode" in run
    assert run[0] == "PRAGMA busy_timeout", run


def test_a_read_only_connection_sets_its_wait_first_too(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    sqlite3.connect(path).close()
    run = _pragmas_run(path, _read_only_pragmas)
    assert run[0] == "PRAGMA busy_timeout", run
