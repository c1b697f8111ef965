"""Crash safety: a writer killed at a random moment leaves an intact database, all or nothing.

Real subprocesses (``bdcq demo``, one large transaction; ``bdcq restore``) are killed with
SIGKILL at random points, then the file is checked with ``PRAGMA integrity_check`` and opened
again by the application.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bdcq_desktop.core.db import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bdcq_desktop.cli", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ),
    )


def _counts(path: Path) -> tuple[str, int, int]:
    con = sqlite3.connect(path)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        people = con.execute("SELECT count(*) FROM person").fetchone()[0]
        meetings = con.execute("SELECT count(*) FROM meeting").fetchone()[0]
    finally:
        con.close()
    return ok, people, meetings


def test_demo_load_killed_at_random_points(tmp_path: Path) -> None:
    full = tmp_path / "full.sqlite3"
    assert subprocess.run([sys.executable, "-m", "bdcq_desktop.cli", "--db", str(full), "demo"],
                          capture_output=True).returncode == 0
    _, full_people, full_meetings = _counts(full)
    rng = random.Random(7)
    outcomes = set()
    for i in range(6):
        path = tmp_path / f"crash{i}.sqlite3"
        assert subprocess.run([sys.executable, "-m", "bdcq_desktop.cli", "--db", str(path),
                               "init"], capture_output=True).returncode == 0
        proc = _spawn("--db", str(path), "demo")
        time.sleep(rng.uniform(0.3, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ok, people, meetings = _counts(path)
        assert ok == "ok"
        # One transaction: either nothing of the demo or all of it.
        assert (people, meetings) in {(0, 0), (full_people, full_meetings)}
        outcomes.add(people > 0)
        db = open_database(path)  # the app opens it again without complaint
        db.dispose()
    assert outcomes, "the kills happened"


def test_restore_killed_midway_leaves_a_usable_database(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    backup = tmp_path / "backup.sqlite3"
    subprocess.run([sys.executable, "-m", "bdcq_desktop.cli", "--db", str(live), "demo"],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "bdcq_desktop.cli", "--db", str(live), "backup", "-o",
                    str(backup)], check=True, capture_output=True)
    rng = random.Random(11)
    for _ in range(3):
        proc = _spawn("--db", str(live), "restore", str(backup))
        time.sleep(rng.uniform(0.2, 0.9))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ok, people, _ = _counts(live)
        assert ok == "ok"
        assert people > 0
