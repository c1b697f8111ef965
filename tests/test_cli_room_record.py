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
from tests.test_meetings_core import roster  # noqa: F401
from tests.test_room_record import Room, room  # noqa: F401

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


def test_prefer_room_leaves_a_doubtful_time_to_be_chosen_on_its_own(room: Room) -> None:  # noqa: F811
    """``--prefer room`` takes the room's side of every plain conflict, never a time the
    laptop's clock got wrong ("Giờ không hợp lệ"): that one is refused until chosen by
    ``--resolve KEY=room|office``, nothing written meanwhile."""
    from datetime import datetime, timedelta

    from bdcq_desktop.core.attendance import check_in
    from bdcq_desktop.core.meetings import get_meeting
    from bdcq_desktop.core.room_record import export_meeting_record
    from tests.cli_run import bdcq
    from tests.test_meetings_core import START

    office, meeting = room.office, room.meeting
    check_in(office, meeting, room.member, expected_version=get_meeting(office, meeting).version,
             status="absent", reason="Đi công tác", now=START.replace(minute=30))  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    content = json.loads(room.path.read_text(encoding="utf-8"))
    for inv in content["invitees"]:
        if inv["walked_in_at"]:  # the walk-in, stamped by a clock a day ahead
            for field in ("walked_in_at", "arrived_at"):
                inv[field] = (datetime.fromisoformat(inv[field]) + timedelta(days=1)).isoformat()
    room.path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    path = office.sqlite_path
    changes = json.loads(bdcq(path, "meetings", "room-import", str(room.path), "--dry-run",
                              "--format", "json").stdout)["changes"]  # fmt: skip
    [walk] = [c["key"] for c in changes if c["doubt"]]
    member = f"invitee:{room.member}"
    assert {c["key"] for c in changes if c["conflict"]} == {walk, member}

    before = state(path, TABLES)
    out = bdcq(path, "meetings", "room-import", str(room.path), "--prefer", "room", "--yes")
    assert out.returncode == 2 and walk in out.stderr and "--resolve" in out.stderr, out
    assert "Traceback" not in out.stderr and state(path, TABLES) == before

    out = bdcq(path, "meetings", "room-import", str(room.path), "--prefer", "room",
               "--resolve", f"{walk}=office", "--yes")  # fmt: skip
    assert out.returncode == 0, out.stderr
    marks = {r.invitee_id: r.status for r in attendance_rows(office, meeting)}
    assert marks[room.member] == "late"  # the room's, by --prefer
    assert "Lê Văn Khách" not in {r.name for r in attendance_rows(office, meeting)}


def test_resolve_walk_in_records_someone_the_office_took_off_the_list(room: Room) -> None:  # noqa: F811
    """``--resolve KEY=walk-in``: the member the office took off the list, checked in by the
    room, is recorded as a walk-in; without it, the office's list stands."""
    from bdcq_desktop.core.invitees import remove_invitees
    from bdcq_desktop.core.meetings import get_meeting
    from bdcq_desktop.core.room_record import export_meeting_record
    from tests.cli_run import bdcq

    office, meeting = room.office, room.meeting
    name = next(r.name for r in attendance_rows(office, meeting) if r.invitee_id == room.member)
    remove_invitees(office, meeting, [room.member],
                    expected_version=get_meeting(office, meeting).version,
                    confirm_after_convocation=True)  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    path, key = office.sqlite_path, f"walk_in:{room.member}"
    changes = json.loads(bdcq(path, "meetings", "room-import", str(room.path), "--dry-run",
                              "--format", "json").stdout)["changes"]  # fmt: skip
    [row] = [c for c in changes if c["key"] == key]
    assert (row["conflict"], row["default"]) == (True, "office")
    assert row["options"] == ["office", "walk-in"]
    table = bdcq(path, "meetings", "room-import", str(room.path), "--dry-run").stdout
    assert "Mặc định" in table and "Đã bị bỏ khỏi danh sách ở văn phòng" in table, table
    bad = bdcq(path, "meetings", "room-import", str(room.path), "--resolve", f"{key}=maybe")
    assert bad.returncode == 2 and "walk-in" in bad.stderr, bad.stderr
    out = bdcq(path, "meetings", "room-import", str(room.path), "--prefer", "room",
               "--resolve", f"{key}=walk-in", "--yes")  # fmt: skip
    assert out.returncode == 0, out.stderr
    mark = next(r for r in attendance_rows(office, meeting) if r.name == name)
    assert mark.walk_in and mark.status == "late"
