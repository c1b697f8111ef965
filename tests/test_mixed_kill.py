"""Every user action is all or nothing, proven by killing: a worker process makes a mix of
saves (a person's details, the meeting's place, live notes, a new member, issuing a document
number) through the core calls the GUI makes, and is killed with SIGKILL at a random moment,
``KILLS`` times. After each kill the file passes ``PRAGMA integrity_check``, and every save the
worker reported done is there: its value, or (for a record saved again) the value of the one
save that may have been cut short after it. Every tenth kill and at the end, ``bdcq check``'s
checks (:func:`.check.run_checks`) find nothing."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from bdcq_desktop.core import register
from bdcq_desktop.core.agenda import AgendaLine
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.meetings import create_meeting
from tests.mixed_child import NOW

CHILD = Path(__file__).with_name("mixed_child.py")
ROOT = Path(__file__).resolve().parents[1]
KILLS = int(os.environ.get("BDCQ_MIXED_KILLS", "200"))

# What each kind of save writes, read back: key -> stored value (None: no such row).
QUERIES = {
    "person": ("SELECT position FROM person WHERE id = ?", "Chức vụ {}"),
    "meeting": ("SELECT place FROM meeting WHERE id = ?", "Phòng {}"),
    "notes": ("SELECT minutes_text FROM agenda_item WHERE id = ?", "Ghi chép {}"),
}


def _line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        raise AssertionError(proc.stderr.read() if proc.stderr else "child ended")
    return line.strip()


def _check_run(con: sqlite3.Connection, lines: list[list[str]], run: int) -> int:
    """Every acknowledged save of one run is in the file; returns how many there were."""
    last_ok: dict[tuple[str, str], str] = {}
    pending: dict[tuple[str, str], str] = {}  # a save begun after the last acknowledged one
    acknowledged = 0
    for words in lines:
        tag, kind, key, value = words
        if tag == "BEGIN":
            pending[(kind, key)] = value
            continue
        acknowledged += 1
        if kind == "member":
            name = con.execute(
                "SELECT p.full_name FROM committee_membership m JOIN person p "
                "ON p.id = m.person_id WHERE m.id = ?",
                (int(key),),
            ).fetchone()
            assert name == (f"Thành viên {value}",), f"run {run}: member {key} lost"
        elif kind == "issue":
            row = con.execute(
                "SELECT summary, sha256, content FROM issued_document WHERE number = ? "
                "AND type_abbr = 'DS'",
                (int(key),),
            ).fetchone()
            assert row is not None and row[0] == f"Danh sách {value}", f"run {run}: {key} lost"
            assert hashlib.sha256(row[2]).hexdigest() == row[1]
        else:
            pending.pop((kind, "0"), None)
            last_ok[(kind, key)] = value
            pending.pop((kind, key), None)
    for (kind, key), value in last_ok.items():
        sql, shape = QUERIES[kind]
        (stored,) = con.execute(sql, (int(key),)).fetchone()
        allowed = {shape.format(value)}
        if (kind, key) in pending:
            allowed.add(shape.format(pending[(kind, key)]))
        assert stored in allowed, f"run {run}: {kind} {key} holds {stored!r}, saved {allowed}"
    return acknowledged


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_mixed_saves_killed_200_times_lose_nothing_acknowledged(db: Any, db_path: Path) -> None:
    head = mem.create_person(db, full_name="Vũ Duy Tiến")
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    for i in range(5):
        mem.create_person(db, full_name=f"Cán bộ {i}", position="Chuyên viên")
    meeting = create_meeting(
        db,
        kind="regular",
        title="Họp Ban Chỉ đạo",
        starts_at=NOW + timedelta(days=30),
        chair_id=head,
        agenda=[AgendaLine("Mục một", 30), AgendaLine("Mục hai", 30)],
        now=NOW,
    )
    db.dispose()
    rng = random.Random(20261129)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(meeting)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert server.stdin is not None
    kills = acknowledged = checks = 0
    runs_with_saves = 0
    started = time.monotonic()
    try:
        assert _line(server) == "SERVING"
        for run in range(KILLS):
            server.stdin.write(f"RUN r{run}\n")
            server.stdin.flush()
            child = int(_line(server).split()[1])
            assert _line(server) == "READY"
            time.sleep(rng.uniform(0, 0.35))
            os.kill(child, signal.SIGKILL)
            kills += 1
            lines = []
            while (line := _line(server)) != f"DONE {child}":
                lines.append(line.split())
            con = sqlite3.connect(db_path)
            try:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", run
                done = _check_run(con, lines, run)
            finally:
                con.close()
            acknowledged += done
            runs_with_saves += bool(done)
            if run % 10 == 9 or run == KILLS - 1:
                database = open_database(db_path)
                try:
                    problems = run_checks(database)
                finally:
                    database.dispose()
                assert problems == [], problems
                checks += 1
    finally:
        server.kill()
        server.communicate(timeout=30)
    issued = len(register.list_issued(open_database(db_path)))
    print(
        f"\nkills={kills} survived={kills} acknowledged={acknowledged} lost=0 "
        f"runs_with_saves={runs_with_saves} checks={checks} issued={issued} "
        f"seconds={time.monotonic() - started:.0f}"
    )
    assert kills == KILLS and runs_with_saves >= KILLS // 2
