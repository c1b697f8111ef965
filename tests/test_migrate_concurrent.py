"""Two processes opening one database that needs its schema at the same moment: two officers
starting the application for the first time on a new server database, or a new version of it
(``bdcq init`` and the window's start both migrate). Real ``bdcq`` subprocesses on a real
PostgreSQL server; the second used to fail with the server's error (a duplicate type of a table
both were creating; an Alembic revision row the first had already moved). Made certain to
overlap: a third connection holds what both reach once they have read the revision (the table
of the revision being created, a table the upgrade alters), until both wait for it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bdcq_desktop.core.db import Database
from bdcq_desktop.core.migrate import HEAD, current_revision, upgrade

ROOT = Path(__file__).resolve().parent.parent


def _database(pg_server: str) -> str:
    """An empty database of the test server, made anew."""
    if os.environ.get("BDCQ_TEST_PG_URL"):  # a server of someone else's: emptied, not dropped
        admin = Database(pg_server)
        with admin.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        admin.dispose()
        return pg_server
    from tests.pg import recreate_database

    return recreate_database(pg_server, "bdcq_schema_race")


def _start_init(url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", url, "init"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _waiting(holder: Database, count: int) -> None:
    """Until ``count`` sessions of the database wait for a lock."""
    from tests.pg import wait_for_lock_waiters

    # 60 s: two interpreters starting on a busy machine.
    wait_for_lock_waiters(holder, count, seconds=60, what="the processes")


@pytest.mark.parametrize("start", [None, "0015_days_off"])
def test_two_processes_migrating_at_once_both_open_it(pg_server: str, start: str | None) -> None:
    url = _database(pg_server)
    if start is not None:  # a database of an earlier version, upgraded by both
        earlier = Database(url)
        upgrade(earlier, start)
        earlier.dispose()
    holder = Database(url)
    try:
        with holder.engine.connect() as conn:
            if start is None:
                # Both see no revision yet and go on to create its table: they wait for this
                # one's, uncommitted.
                conn.execute(text("CREATE TABLE alembic_version (version_num varchar(32))"))
            else:
                # Both read the revision, then wait to alter the first table 0016 alters.
                conn.execute(text("LOCK TABLE invitee IN ACCESS EXCLUSIVE MODE"))
            runs = [_start_init(url) for _ in range(2)]
            try:
                _waiting(holder, 2)
            finally:
                conn.rollback()
            outs = [p.communicate(timeout=120) for p in runs]
        for p, (out, err) in zip(runs, outs, strict=True):
            assert p.returncode == 0, err
            assert f"({HEAD})" in out, out
        assert current_revision(holder) == HEAD
    finally:
        holder.dispose()


def test_two_processes_upgrading_one_sqlite_file_at_once(tmp_path: Path) -> None:
    """SQLite: the second took the file for damaged ("table _alembic_tmp_invitee already
    exists") or failed on the revision row, 2 of 5 tries. Made certain to overlap: a third
    connection holds the file's write lock until both have read the revision and taken their
    backup before the upgrade (what each does next is write)."""
    import sqlite3

    from bdcq_desktop.core.backup import backups_dir
    from bdcq_desktop.core.engine import sqlite_url

    path = tmp_path / "old.sqlite3"
    earlier = Database(sqlite_url(path))
    upgrade(earlier, "0015_days_off")
    earlier.dispose()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        runs = [_start_init(str(path)) for _ in range(2)]
        deadline = time.monotonic() + 60
        while len(list(backups_dir().glob("*upgrade*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        holder.execute("ROLLBACK")
        outs = [p.communicate(timeout=120) for p in runs]
    finally:
        holder.close()
    for p, (out, err) in zip(runs, outs, strict=True):
        assert p.returncode == 0, err
        assert f"({HEAD})" in out, out
    check = Database(sqlite_url(path))
    assert current_revision(check) == HEAD
    check.dispose()
