"""SQLite connections are kept between core calls, yet every file is left checkpointed: after
``dispose()``, and when a command-line process ends."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.engine import Database
from bdcq_desktop.core.units import create_unit, list_units

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
    path = tmp_path / "cli.sqlite3"
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

