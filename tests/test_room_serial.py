"""Which of two room records from one laptop is the later (core.room_serial, core.room_merge):
told by the number the laptop's copy gives each export, never by the laptop's clock. An older
file imported after a newer one written within the same minute undoes nothing unchosen; a
later file from a laptop whose clock was set back is not taken for an older one; a file
written before the numbering still reads and is judged by its minute, as before."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.conclusions import add_conclusion, list_conclusions
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.room_merge import apply_meeting_record, preview_meeting_record
from bdcq_desktop.core.room_record import export_meeting_record, read_meeting_record
from tests.cli_run import bdcq, state
from tests.test_meetings_core import START, roster  # noqa: F401
from tests.test_room_record import AFTER, Room, _dump, room  # noqa: F401

FINAL = "Kết luận cuối"


def _stamp(path: Path, at: datetime, *, unnumbered: bool = False) -> None:
    """The file as if the laptop's clock said ``at`` when writing it (and, ``unnumbered``, as
    a version before the numbering wrote it)."""
    content = json.loads(path.read_text(encoding="utf-8"))
    content["exported_at"] = at.isoformat()
    if unnumbered:
        content["format_version"] = 2
        content["source"].pop("copy_uid", None)
        content["source"].pop("serial", None)
        for row in content["invitees"]:
            row.pop("uid", None)  # version 4's
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")


def _two_files(r: Room, at1: datetime, at2: datetime, **kw: Any) -> tuple[Path, Path]:
    """v1: the room's record; then the member marked absent and a conclusion added: v2."""
    v1, v2 = r.path.with_name("v1.bcdhop"), r.path.with_name("v2.bcdhop")
    export_meeting_record(r.laptop, r.meeting, v1)
    check_in(r.laptop, r.meeting, r.member, status="absent", reason="điểm danh nhầm",
             expected_version=get_meeting(r.laptop, r.meeting).version,
             now=START + timedelta(minutes=50))  # fmt: skip
    add_conclusion(r.laptop, r.meeting, FINAL,
                   expected_version=get_meeting(r.laptop, r.meeting).version,
                   now=START + timedelta(minutes=55))  # fmt: skip
    export_meeting_record(r.laptop, r.meeting, v2)
    _stamp(v1, at1, **kw)
    _stamp(v2, at2, **kw)
    return v1, v2


def _apply(db: Any, path: Path, **kw: Any) -> Any:
    record = read_meeting_record(path)
    preview = preview_meeting_record(db, record)
    return apply_meeting_record(db, record, expected_version=preview.version, now=AFTER, **kw)


def _state(r: Room) -> tuple[str, list[str]]:
    mark = next(a.status for a in attendance_rows(r.office, r.meeting)
                if a.invitee_id == r.member)  # fmt: skip
    return mark, [c.text for c in list_conclusions(r.office, r.meeting)]


def test_an_older_file_of_the_same_minute_after_the_newer_one_undoes_nothing_unchosen(
    room: Room,  # noqa: F811
) -> None:
    same = START + timedelta(hours=1, seconds=5)
    v1, v2 = _two_files(room, same, same.replace(second=40))
    numbers = [json.loads(p.read_text(encoding="utf-8"))["source"]["serial"] for p in (v1, v2)]
    assert numbers[1] == numbers[0] + 1, numbers
    _apply(room.office, v2)
    assert _state(room) == ("absent", [FINAL])

    older = read_meeting_record(v1)
    preview = preview_meeting_record(room.office, older)
    assert preview.newer_import is not None  # the "older file" banner
    assert preview.changes and all(c.conflict for c in preview.changes), preview.changes
    before = _dump(room.office)
    with pytest.raises(BcdError, match="xung đột"):
        apply_meeting_record(room.office, older, expected_version=preview.version, now=AFTER)
    assert _dump(room.office) == before
    _apply(room.office, v1, resolve=preview.preferring("office"))
    assert _state(room) == ("absent", [FINAL])  # nothing of the newer file undone

    # The newer file again: nothing to do, nothing written.
    again = preview_meeting_record(room.office, read_meeting_record(v2))
    assert again.changes == () and again.newer_import is None
    before = _dump(room.office)
    assert _apply(room.office, v2).applied == 0
    assert _dump(room.office) == before


def test_a_later_file_from_a_laptop_clock_set_back_is_no_older(room: Room) -> None:  # noqa: F811
    """The laptop's clock corrected back an hour between the two exports: the later file
    bears the earlier time, and is still the later one; a file written before the numbering
    still reads, judged by its minute as before."""
    v1, v2 = _two_files(room, START + timedelta(hours=2), START + timedelta(hours=1))
    _apply(room.office, v1)
    preview = preview_meeting_record(room.office, read_meeting_record(v2))
    assert preview.newer_import is None and preview.conflicts == (), preview
    _apply(room.office, v2)
    assert _state(room) == ("absent", [FINAL])


def test_files_written_before_the_numbering_are_still_judged_by_their_minute(
    room: Room,  # noqa: F811
) -> None:
    v1, v2 = _two_files(room, START + timedelta(hours=1), START + timedelta(hours=1, minutes=2),
                        unnumbered=True)  # fmt: skip
    assert read_meeting_record(v1).serial is None
    _apply(room.office, v2)
    preview = preview_meeting_record(room.office, read_meeting_record(v1))
    assert preview.newer_import == START + timedelta(hours=1, minutes=2)
    assert all(c.conflict for c in preview.changes)
    # And a numbered file from the same laptop, later, is judged by its number.
    v3 = room.path.with_name("v3.bcdhop")
    export_meeting_record(room.laptop, room.meeting, v3)
    record = read_meeting_record(v3)
    assert record.serial is not None and record.serial >= 3


def test_room_import_of_the_older_file_keeps_the_newer_record(room: Room) -> None:  # noqa: F811
    """The audit's round trip through the command line: both files exported within the same
    minute, the newer imported, then the older by mistake."""
    laptop, office = room.laptop.sqlite_path, room.office.sqlite_path
    v1, v2 = room.path.with_name("v1.bcdhop"), room.path.with_name("v2.bcdhop")
    meeting, member = str(room.meeting), str(room.member)
    assert bdcq(laptop, "meetings", "room-export", meeting, "-o", str(v1)).returncode == 0
    out = bdcq(laptop, "meetings", "attend", meeting, "--invitee", member, "--status", "absent",
               "--reason", "điểm danh nhầm")  # fmt: skip
    assert out.returncode == 0, out.stderr
    out = bdcq(laptop, "meetings", "conclusion-add", meeting, "--text", FINAL)
    assert out.returncode == 0, out.stderr
    assert bdcq(laptop, "meetings", "room-export", meeting, "-o", str(v2)).returncode == 0
    same = START + timedelta(hours=1)
    _stamp(v1, same)
    _stamp(v2, same)
    assert bdcq(office, "meetings", "room-import", str(v2), "--yes").returncode == 0
    dry = bdcq(office, "meetings", "room-import", str(v1), "--dry-run", "--format", "json")
    shown = json.loads(dry.stdout)
    assert shown["newer_import"] and all(c["conflict"] for c in shown["changes"]), shown
    before = state(office, ("invitee", "conclusion"))
    out = bdcq(office, "meetings", "room-import", str(v1), "--yes", "--prefer", "office")
    assert out.returncode == 0 and "Đã nhập 0 thay đổi" in out.stdout, out
    assert state(office, ("invitee", "conclusion")) == before
    assert _state(room) == ("absent", [FINAL])
