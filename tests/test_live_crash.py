"""A crash during a live meeting: the real application (tests/live_child.py) types into the
live window's notes and is killed with SIGKILL at a random moment, several times. After each
kill, every save the window reported done is in the SQLite file, and the next start of the
application (its own ``load_data``) reopens the live window on the same meeting with those
notes; at the end this process's main window does the same."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.live_notes import item_notes
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.main_window import MainWindow
from tests.live_child import KNOWN
from tests.test_meeting_record import _meeting

CHILD = Path(__file__).with_name("live_child.py")
ROOT = Path(__file__).resolve().parents[1]
KILLS = 3

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.wait(30)
        raise AssertionError(proc.stderr.read() if proc.stderr else "child ended")
    return line.strip()


def _stored(db: Any, meeting_id: int) -> dict[int, str]:
    return {n.item_id: n.text for n in item_notes(db, meeting_id)}


def test_killed_during_a_live_meeting_reopens_with_the_notes(
    qtbot: Any, db: Any, db_path: Path
) -> None:
    meeting_id = _meeting(db)["meeting"]
    view_state.settings().clear()
    # The child must use the settings file this process reads (Qt fixes its folder once).
    config = Path(view_state.settings().fileName()).parent.parent
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(config)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    rng = random.Random(20261128)
    acknowledged = 0
    for run in range(KILLS):
        before = _stored(db, meeting_id)
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db_path), str(meeting_id)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        try:
            first = _line(proc).split(" ", 2)
            if run == 0:
                assert first == ["OPENED"]
            else:
                # The application's start found the live meeting and showed what was saved.
                assert first[:2] == ["REOPENED", str(meeting_id)]
                shown = {int(k): v for k, v in json.loads(first[2]).items()}
                assert shown == before
            saves = rng.randint(3, 12)
            acked: dict[int, int] = {}
            while saves:
                _, item, length = _line(proc).split()
                acked[int(item)] = max(acked.get(int(item), 0), int(length))
                saves -= 1
            time.sleep(rng.uniform(0, 0.4))  # a random moment while typing goes on
            proc.send_signal(signal.SIGKILL)
            out, _err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate(timeout=30)
        for line in out.splitlines():  # saves reported just before the kill
            if line.startswith("SAVED"):
                _, item, length = line.split()
                acked[int(item)] = max(acked.get(int(item), 0), int(length))
        acknowledged += len(acked)
        after = _stored(db, meeting_id)
        for item, length in acked.items():
            assert KNOWN.startswith(after[item]), f"run {run}: text never typed in item {item}"
            assert len(after[item]) >= length, f"run {run}: item {item} lost a reported save"
    print(f"\nkills={KILLS} items_with_acknowledged_saves={acknowledged} lost=0")
    assert acknowledged >= KILLS

    # This process starts the application the same way: the live window, with the notes.
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.load_data()
    live = window.meetings_tab.view.live_window
    assert live is not None and live.meeting_id == meeting_id
    stored = _stored(db, meeting_id)
    assert live.texts == stored and any(stored.values())
    assert live.notes.toPlainText() == stored[live.current_item()]
    live.close()
    view_state.settings().clear()
