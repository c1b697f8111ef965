"""SQLite connections are kept between core calls, yet every file is left checkpointed: after
``dispose()``, and when a command-line process ends."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.units import create_unit, list_units
from tests.cli_run import created

ROOT = Path(__file__).resolve().parents[1]


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def test_core_calls_reuse_one_connection(db: Database) -> None:
    opened: list[object] = []
    from sqlalchemy import event

    event.listen(db.engine, "connect", lambda conn, _record: opened.append(conn))
    db.dispose()  # start from no connection at all
    create_unit(db, name="Sở Tài chính")
    for _ in range(3):
        assert [r.name for r in list_units(db)] == ["Sở Tài chính"]
    assert len(opened) == 1


def test_dispose_checkpoints_the_wal(db: Database, db_path: Path) -> None:
    create_unit(db, name="Sở Nội vụ")
    assert db.engine.pool.checkedin() == 1  # kept open between calls...
    assert _wal(db_path).exists()
    db.dispose()
    # ... and closed by dispose(): the last connection to close checkpoints and removes the WAL.
    assert not _wal(db_path).exists()
    reopened = open_database(db_path)
    try:
        assert [r.name for r in list_units(reopened)] == ["Sở Nội vụ"]
    finally:
        reopened.dispose()


def test_worker_thread_and_main_thread_share_the_pool(db: Database) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            create_unit(db, name="Sở Y tế")
        except BaseException as exc:  # reported in the main thread
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert not errors
    # The connection the worker used, back in the pool, serves the main thread.
    assert [r.name for r in list_units(db)] == ["Sở Y tế"]
    create_unit(db, name="Sở Xây dựng")
    assert len(list_units(db)) == 2


def test_command_line_leaves_no_wal(tmp_path: Path) -> None:
    path = created(tmp_path / "cli.sqlite3")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(path), "units", "add", "Sở Tư pháp"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert path.exists()
    assert not _wal(path).exists()



def _copy_of(db: Database, db_path: Path, name: str) -> Path:
    """A consistent copy of the database as it is now, made apart from the app (the way another
    program or an officer's file manager would bring one)."""
    import sqlite3

    copy = db_path.with_name(name)
    src = sqlite3.connect(db_path)
    dest = sqlite3.connect(copy)
    try:
        src.backup(dest)
    finally:
        dest.close()
        src.close()
    return copy


@pytest.mark.parametrize("kept", [1, 2])
def test_a_file_put_in_place_of_the_open_one_is_the_one_used(
    db: Database, db_path: Path, kept: int
) -> None:
    """Another program replaces the file while the app has it open (a copy from a stick, a
    restore made elsewhere). A kept connection's handle still points at the old file, which
    nobody can see any more: saves made through it would be lost, and the old file's log left
    beside the path would be read as the new file's."""
    import sqlite3

    if kept == 2:
        with db.engine.connect(), db.engine.connect():
            pass  # the GUI's two threads: two connections kept
    create_unit(db, name="Sở Tài chính")  # its pages are in the log, not yet in the file
    other = _copy_of(db, db_path, "other.sqlite3")
    con = sqlite3.connect(other)
    con.execute("UPDATE unit SET name = 'Sở Nội vụ'")
    con.commit()
    con.close()
    assert db.engine.pool.checkedin() == kept  # connections to the old file are kept
    os.replace(other, db_path)

    assert [r.name for r in list_units(db)] == ["Sở Nội vụ"]
    create_unit(db, name="Sở Y tế")
    db.dispose()
    con = sqlite3.connect(db_path)
    try:
        names = sorted(n for (n,) in con.execute("SELECT name FROM unit"))
    finally:
        con.close()
    assert names == ["Sở Nội vụ", "Sở Y tế"]


def test_a_file_taken_away_is_refused_not_recreated_empty(db: Database, db_path: Path) -> None:
    from bdcq_desktop.core.errors import BcdError

    create_unit(db, name="Sở Tài chính")
    moved = db_path.with_name("moved.sqlite3")
    os.replace(db_path, moved)
    with pytest.raises(BcdError, match="không còn ở chỗ cũ") as refused:
        create_unit(db, name="Sở Y tế")
    assert str(db_path) in str(refused.value)
    with pytest.raises(BcdError, match="không còn ở chỗ cũ"):
        list_units(db)  # asked again: still refused, still no file
    assert not db_path.exists()  # no empty database made in its place
    os.replace(moved, db_path)  # put back: work goes on with the same file
    create_unit(db, name="Sở Y tế")
    assert sorted(r.name for r in list_units(db)) == ["Sở Tài chính", "Sở Y tế"]


def test_a_database_dropped_goes_and_closes_its_file(tmp_path: Path) -> None:
    """A Database let go is freed, its connections closed by its finalizer: its engine's
    listeners held it, so every one opened in a session (a restore's staging copy, the file
    a restore replaced) stayed in memory with its engine."""
    import gc
    import weakref

    from sqlalchemy import text

    gone = []
    for n in range(5):
        db = Database(sqlite_url(tmp_path / f"{n}.sqlite3"))
        with db.session() as s:
            s.execute(text("CREATE TABLE t (x)"))
        gone.append(weakref.ref(db))
        del db  # not disposed: the finalizer closes its connections
    gc.collect()
    assert [ref for ref in gone if ref() is not None] == []
    for n in range(5):  # no connection left on the file: its log folded back into it
        assert not (tmp_path / f"{n}.sqlite3-wal").exists()


def test_an_engine_outliving_its_database_is_refused(tmp_path: Path) -> None:
    """Its checks gone with the Database, a connection would create an empty file in place
    of a missing one: refused instead."""
    import gc

    db = open_database(tmp_path / "a.sqlite3")
    create_unit(db, name="Sở Tài chính")
    engine = db.engine
    del db
    gc.collect()
    (tmp_path / "a.sqlite3").rename(tmp_path / "moved.sqlite3")
    with pytest.raises(RuntimeError, match="freed"):
        engine.connect()
    assert not (tmp_path / "a.sqlite3").exists()
