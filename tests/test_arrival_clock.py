"""An arrival is recorded once it happened, and an end equal to the start is said as such (CLI
audit, items 8 and 11).

At 09:03, a late arrival at 09:20 was taken and counted present, then refused closing the
meeting at 09:04 ("phải sau giờ đến muộn nhất đã ghi"). The core refuses an arrival later than
now (the app's clock, ``now`` in the tests), naming "Giờ đến", as it refuses a start or an end
to come: for a mark, a check-in and a walk-in alike. An actual end typed equal to the actual
start is "not after" it, not "earlier than" it (read as the next day). Real SQLite; the command
line as a real subprocess, on the real clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.attendance import AttendanceMark, check_in, record_attendance
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.meeting_close import record_close, record_start
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.core.walk_in import add_walk_in
from tests.test_cli_meetings import bdcq, one_line_error
from tests.test_meeting_record import START, _meeting
from tests.test_meetings_core import Roster, base, roster  # noqa: F401

AT_0903 = START + timedelta(hours=1, minutes=3)  # the clock: 09:03 on the meeting's day
FUTURE = '"Giờ đến" (09:20 06/07/2026) chưa đến (bây giờ là 09:03 06/07/2026).'


def _marks(db: Any, mid: int) -> dict[str, tuple[str, Any]]:
    return {r.name: (r.status, r.arrived_at) for r in get_meeting(db, mid).attendance}


def test_an_arrival_later_than_now_is_refused_naming_the_field(db: Any) -> None:
    ids = _meeting(db)
    mid = ids["meeting"]
    version = get_meeting(db, mid).version
    before = _marks(db, mid)
    late = AttendanceMark(ids["inv_guest"], "late", arrived_at="09:20")
    with pytest.raises(ValidationError) as sheet:
        record_attendance(db, mid, [late], expected_version=version, now=AT_0903)
    assert sheet.value.field == "arrived_at" and sheet.value.label == "Giờ đến"
    assert sheet.value.message == f"Dòng 1: {FUTURE}"
    with pytest.raises(ValidationError) as one:
        check_in(
            db, mid, ids["inv_guest"], expected_version=version, status="late",
            arrived_at="09:20", now=AT_0903,
        )  # fmt: skip
    assert one.value.field == "arrived_at" and one.value.message == FUTURE
    with pytest.raises(ValidationError) as walk_in:
        add_walk_in(
            db, mid, {"guest_name": "Lê Văn Muộn"}, expected_version=version, status="late",
            arrived_at="09:20", now=AT_0903,
        )  # fmt: skip
    assert walk_in.value.field == "arrived_at" and walk_in.value.message == FUTURE
    d = get_meeting(db, mid)
    assert d.version == version and _marks(db, mid) == before and d.status == "planned"
    # Nothing to come was counted: the meeting closes at 09:04.
    record_close(db, mid, "09:04", expected_version=None, now=AT_0903 + timedelta(minutes=1))
    # Now itself is an arrival.
    record_attendance(
        db, mid, [AttendanceMark(ids["inv_guest"], "late", arrived_at="09:03")],
        expected_version=get_meeting(db, mid).version, now=AT_0903,
    )  # fmt: skip
    assert _marks(db, mid)["Lê Khách"] == ("late", AT_0903)


def test_an_end_equal_to_the_start_must_be_after_it(db: Any) -> None:
    mid = _meeting(db)["meeting"]
    record_start(db, mid, "09:03", expected_version=None, now=AT_0903)
    with pytest.raises(ValidationError) as refused:
        record_close(db, mid, "09:03", expected_version=None, now=AT_0903 + timedelta(minutes=1))
    assert refused.value.message == (
        '"Giờ kết thúc thực tế" (09:03 06/07/2026) phải sau giờ bắt đầu (09:03 06/07/2026).'
    )
    # Earlier than the start is still read as the next day, and said so.
    with pytest.raises(ValidationError, match=r"sớm hơn giờ bắt đầu \(09:03"):
        record_close(db, mid, "09:02", expected_version=None, now=AT_0903 + timedelta(minutes=1))


def test_the_command_line_refuses_an_arrival_to_come_and_says_after_the_start(
    db: Any, db_path: Path, roster: Roster  # noqa: F811
) -> None:
    now = datetime.now().replace(second=0, microsecond=0)
    start = now - timedelta(hours=1)
    planned = base(
        roster, starts_at=start, ends_at=start + timedelta(hours=4), now=start - timedelta(days=1)
    )
    mid = create_meeting(db, **planned, invite_committee=True)
    invitee = get_meeting(db, mid).invitees[0].id
    later = now + timedelta(minutes=20)
    refused = one_line_error(
        bdcq(db_path, "meetings", "attend", str(mid), "--invitee", str(invitee), "--status",
             "late", "--arrived", f"{later:%d/%m/%Y %H:%M}")
    )  # fmt: skip
    assert f'"Giờ đến" ({later:%H:%M %d/%m/%Y}) chưa đến (bây giờ là' in refused
    assert {i.attendance for i in get_meeting(db, mid).invitees} == {"unknown"}
    at = f"{start:%d/%m/%Y %H:%M}"
    assert bdcq(db_path, "meetings", "start", str(mid), "--at", at).returncode == 0
    closing = one_line_error(bdcq(db_path, "meetings", "close", str(mid), "--at", at))
    assert f"phải sau giờ bắt đầu ({start:%H:%M %d/%m/%Y})" in closing
    assert "sớm hơn" not in closing
