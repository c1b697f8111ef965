"""Crash test of the live notes' autosave: a typist process types through the autosave path
into a real SQLite file and is killed with SIGKILL at random moments, 50 times; every save it
reported done must be in the database (its text, or a later one), and the file must pass the
integrity check. The typists are forked from one process that imported the application once
(tests/autosave_child.py), so that fifty start-ups fit in the time of a few."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from bdcq_desktop.core.agenda import AgendaLine
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from tests.autosave_child import KNOWN

CHILD = Path(__file__).with_name("autosave_child.py")
ROOT = Path(__file__).resolve().parents[1]
KILLS = 50


def _stored(path: Path) -> dict[int, str]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {i: t or "" for i, t in con.execute("select id, minutes_text from agenda_item")}
    finally:
        con.close()


def _line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        raise AssertionError(proc.stderr.read() if proc.stderr else "child ended")
    return line.strip()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_killed_while_typing_loses_no_acknowledged_save(db: Any, db_path: Path) -> None:
    head = mem.create_person(db, full_name="Vũ Duy Tiến")
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    now = datetime.now().replace(microsecond=0)
    meeting = create_meeting(
        db,
        kind="regular",
        title="Họp thử",
        starts_at=now + timedelta(hours=1),
        chair_id=head,
        agenda=[AgendaLine("Mục một", 30), AgendaLine("Mục hai", 30)],
        now=now,
    )
    assert len(get_meeting(db, meeting).agenda) == 2
    db.dispose()
    rng = random.Random(20261126)
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
    kills = acknowledged = runs_with_saves = 0
    latencies: list[int] = []
    try:
        assert _line(server) == "SERVING"
        for run in range(KILLS):
            start = max(len(t) for t in _stored(db_path).values()) + 1
            server.stdin.write(f"RUN {start} {run}\n")
            server.stdin.flush()
            child = int(_line(server).split()[1])
            assert _line(server) == "READY"
            time.sleep(rng.uniform(0, 0.3))
            os.kill(child, signal.SIGKILL)
            kills += 1
            acked: dict[int, int] = {}
            while (line := _line(server)) != f"DONE {child}":
                _, key, seq, latency = line.split()
                acked[int(key)] = max(acked.get(int(key), 0), int(seq))
                latencies.append(int(latency))
                acknowledged += 1
            runs_with_saves += bool(acked)
            after = _stored(db_path)
            for key, seq in acked.items():
                text = after[key]
                assert KNOWN.startswith(text), f"run {run}: item {key} holds text never typed"
                assert len(text) >= start + seq, (
                    f"run {run}: item {key} reported saved at seq {seq} "
                    f"({start + seq} chars) but holds {len(text)}"
                )
    finally:
        server.kill()
        server.communicate(timeout=30)
    latencies.sort()
    print(
        f"\nkills={kills} runs_with_saves={runs_with_saves} acknowledged={acknowledged} lost=0 "
        f"latency_ms median={latencies[len(latencies) // 2]} max={latencies[-1]}"
    )
    assert kills == KILLS and runs_with_saves >= KILLS // 2
