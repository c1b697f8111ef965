"""``bdcq meetings room-export`` on the laptop's copy and ``room-import`` at the office, in real
processes: the dry run prints the change and writes nothing, without --yes nothing is applied,
with --yes the room's mark is in, and a second import applies nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bdcq_desktop.core.attendance import attendance_rows
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.meetings import list_meetings
from tests.cli_run import demo, state  # noqa: F401

TABLES = ("invitee", "meeting", "minutes", "agenda_item", "change_log")


def _run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(db), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip


def test_room_export_and_import_round_trip_in_processes(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    db = open_database(demo)
    try:
        held = next(m for m in list_meetings(db) if m.status == "held")
        row = next(r for r in attendance_rows(db, held.id) if r.status == "present")
    finally:
        db.dispose()
    laptop = tmp_path / "laptop.sqlite3"
    shutil.copyfile(demo, laptop)  # the copy carried to the room
    out = _run(laptop, "meetings", "attend", str(held.id), "--invitee", str(row.invitee_id),
               "--status", "absent", "--reason", "Ốm")  # fmt: skip
    assert out.returncode == 0, out.stderr
    record = tmp_path / "hop.bcdhop"
    out = _run(laptop, "meetings", "room-export", str(held.id), "-o", str(record))
    assert out.returncode == 0 and record.exists(), out.stderr

    before = state(demo, TABLES)
    dry = _run(demo, "meetings", "room-import", str(record), "--dry-run", "--format", "json")
    assert dry.returncode == 0, dry.stderr
    changes = json.loads(dry.stdout)["changes"]
    assert [(c["key"], c["conflict"]) for c in changes] == [(f"invitee:{row.invitee_id}", False)]
    assert "Vắng (Ốm)" in changes[0]["after"] and changes[0]["kind"] == "attendance"
    asked = _run(demo, "meetings", "room-import", str(record))
    assert asked.returncode != 0 and "--yes" in asked.stderr
    # The table says what the window says, not the code JSON keeps.
    assert "Điểm danh" in asked.stdout and "attendance" not in asked.stdout, asked.stdout
    assert "Traceback" not in asked.stderr
    assert state(demo, TABLES) == before

    done = _run(demo, "meetings", "room-import", str(record), "--yes")
    assert done.returncode == 0 and "Đã nhập 1 thay đổi" in done.stdout, done.stderr
    db = open_database(demo)
    try:
        mark = next(r for r in attendance_rows(db, held.id) if r.invitee_id == row.invitee_id)
        assert (mark.status, mark.reason) == ("absent", "Ốm")
    finally:
        db.dispose()
    again = _run(demo, "meetings", "room-import", str(record), "--yes")
    assert again.returncode == 0 and "Đã nhập 0 thay đổi" in again.stdout, again.stderr
