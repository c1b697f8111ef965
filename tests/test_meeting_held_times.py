"""The times of a meeting once it is held: its actual start recorded on the minutes (printed,
late arrivals judged against it), a held meeting's record corrected without touching its
convocation, and an arrival far past the planned end asked about first. Real SQLite files, real
PDFs read back."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.attendance import AttendanceMark, check_in, record_attendance
from bdcq_desktop.core.errors import (
    BcdError,
    IssuedConvocationWarning,
    LateArrivalWarning,
    ValidationError,
)
from bdcq_desktop.core.meeting_close import record_close, record_start
from bdcq_desktop.core.meetings import get_meeting, update_meeting
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.documents import service
from tests.pdf_text import flat_text
from tests.test_meeting_docs import make_meeting
from tests.test_meeting_overrun import START, _at, _in_force, _row, night  # noqa: F401


def _after(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def test_the_actual_start_is_recorded_and_late_arrivals_are_judged_against_it(
    db: Any,
    night: dict[str, int],  # noqa: F811
) -> None:
    mid = night["meeting"]
    thanh, thuy, hoa = night["Nguyễn Sỹ Thành"], night["Phạm Hồng Thủy"], night["Lê Quốc Hòa"]
    # Marked late at 20:08 by the planned start (20:00), before the chair opened the meeting.
    early = AttendanceMark(hoa, "late", arrived_at="20:08")
    record_attendance(db, mid, [early], expected_version=None, now=_after(9))
    assert _row(db, mid, hoa).status == "late"

    # Refused, naming the field: in the future, before the meeting's day.
    for typed, field in (("20:30", "opened_at"), (f"{START - timedelta(days=1):%d/%m/%Y} 20:15",
                                                  "opened_at")):
        with pytest.raises(ValidationError) as refused:
            record_start(db, mid, typed, expected_version=0, now=_after(16))
        assert refused.value.field == field
        assert "Giờ bắt đầu thực tế" in refused.value.message
    assert record_start(db, mid, "20:15", expected_version=0, now=_after(16)).version == 1
    d = get_meeting(db, mid)
    assert d.minutes is not None and d.minutes.opened_at == _after(15)
    assert d.status == "held"  # it started, so it is held
    assert (d.starts_at, d.ends_at) == (START, START.replace(hour=23, minute=30))  # the plan
    assert _in_force(db, mid) == [("01/GTT-BCĐ", True)]
    # There before it began: no longer late (the arrival recorded is kept).
    assert _row(db, mid, hoa).status == "present" and _row(db, mid, hoa).arrived_at == _after(8)

    # 20:18 is three minutes after the actual start: present, not late (it would be by 20:00).
    version = check_in(db, mid, thanh, expected_version=None, now=_after(18))
    assert _row(db, mid, thanh).status == "present"
    check_in(db, mid, thuy, expected_version=version, now=_after(25))
    assert (_row(db, mid, thuy).status, _row(db, mid, thuy).arrived_at) == ("late", _after(25))
    # An arrival typed before the actual start is refused, naming it.
    with pytest.raises(ValidationError) as refused:
        late = AttendanceMark(hoa, "late", arrived_at="20:12")
        record_attendance(db, mid, [late], expected_version=None, now=_after(30))
    assert refused.value.field == "arrived_at" and "(20:15)" in refused.value.message

    # The minutes open at the actual start; the end comes after it.
    assert minutes_draft(db, mid).opening.startswith("Thời gian bắt đầu: 20 giờ 15 phút")
    with pytest.raises(ValidationError) as refused:
        record_close(db, mid, "20:10", expected_version=1, now=_after(40))
    assert refused.value.field == "closed_at" and "20:15" in refused.value.message
    # And the start before the end recorded.
    record_close(db, mid, "20:40", expected_version=1, now=_after(41))
    with pytest.raises(ValidationError) as refused:
        record_start(db, mid, "20:45", expected_version=2, now=_after(50))
    assert refused.value.field == "opened_at"


def test_recording_the_start_says_how_many_late_marks_became_present(
    db: Any,
    night: dict[str, int],  # noqa: F811
) -> None:
    mid = night["meeting"]
    thanh, thuy, hoa = night["Nguyễn Sỹ Thành"], night["Phạm Hồng Thủy"], night["Lê Quốc Hòa"]
    marks = [
        AttendanceMark(thanh, "late", arrived_at="20:05"),
        AttendanceMark(thuy, "late", arrived_at="20:15"),  # at the start: there when it began
        AttendanceMark(hoa, "late", arrived_at="20:30"),  # after it: still late
    ]
    record_attendance(db, mid, marks, expected_version=None, now=_after(31))
    done = record_start(db, mid, "20:15", expected_version=0, now=_after(40))
    assert (done.version, done.opened_at, done.made_present) == (1, _after(15), 2)
    assert done.text == (
        "Đã ghi giờ bắt đầu 20:15; 2 người ghi đến muộn trước giờ này được tính là có mặt "
        "(giờ đến vẫn giữ)."
    )
    assert [_row(db, mid, i).status for i in (thanh, thuy, hoa)] == ["present", "present", "late"]
    # Again, nobody read differently: said plainly, without a count.
    again = record_start(db, mid, "20:16", expected_version=1, now=_after(41))
    assert (again.made_present, again.made_late, again.text) == (0, 0, "Đã ghi giờ bắt đầu 20:16.")


def test_the_issued_minutes_print_the_actual_start(demo_db: Any) -> None:
    mid = make_meeting(demo_db)  # held 03/02/2026 08:00–11:00
    version = minutes_draft(demo_db, mid).version
    planned = flat_text(service.draft(demo_db, "minutes", mid))
    assert "Thời gian bắt đầu: 08 giờ 00 phút" in planned
    record_start(demo_db, mid, "08:15", expected_version=version, now=datetime(2026, 2, 3, 12))
    issued = service.issue(demo_db, "minutes", mid, confirm_unmarked=True)
    text = flat_text(register.read_stored(issued, demo_db).content)
    assert "Thời gian bắt đầu: 08 giờ 15 phút, ngày 03 tháng 02 năm 2026." in text
    assert "Cuộc họp kết thúc vào 11 giờ 00 phút" in text
    # Issued minutes are never altered: a start or end recorded now is refused.
    for record in (record_start, record_close):
        with pytest.raises(BcdError) as refused:
            record(demo_db, mid, "08:20", expected_version=None, now=datetime(2026, 2, 3, 12))
        assert "mở lại biên bản" in refused.value.message
    again = register.read_stored(issued, demo_db).content
    assert "Thời gian bắt đầu: 08 giờ 15 phút" in flat_text(again)


def test_a_held_meetings_start_or_place_corrected_keeps_its_convocation(
    db: Any,
    night: dict[str, int],  # noqa: F811
) -> None:
    mid = night["meeting"]
    # Not held yet: a new start or place is asked first, and nothing is written.
    for change in ({"starts_at": START + timedelta(minutes=30)}, {"place": "Hội trường A"}):
        with pytest.raises(IssuedConvocationWarning):
            update_meeting(
                db, mid, expected_version=get_meeting(db, mid).version, now=datetime.now(),
                **change,
            )
    assert _in_force(db, mid) == [("01/GTT-BCĐ", True)]

    check_in(db, mid, night["Nguyễn Sỹ Thành"], expected_version=None, now=_after(1))
    assert get_meeting(db, mid).status == "held"
    # Held: its record is corrected, unasked; the convocation called people to what it printed.
    for change in ({"starts_at": START - timedelta(minutes=30)}, {"place": "Hội trường A"}):
        update_meeting(
            db, mid, expected_version=get_meeting(db, mid).version, now=_after(60), **change
        )
    d = get_meeting(db, mid)
    assert (d.starts_at, d.place, d.status) == (START - timedelta(minutes=30), "Hội trường A",
                                                "held")
    assert _in_force(db, mid) == [("01/GTT-BCĐ", True)]


def test_an_arrival_far_past_the_planned_end_is_asked_first(
    db: Any,
    night: dict[str, int],  # noqa: F811
) -> None:
    mid = night["meeting"]  # 20:00–23:30, no actual end recorded
    thanh, thuy = night["Nguyễn Sỹ Thành"], night["Phạm Hồng Thủy"]
    # Within an hour of the planned end: a meeting running over, taken as before.
    check_in(db, mid, thanh, expected_version=None, now=_at(0, 20), live=True)
    assert _row(db, mid, thanh).arrived_at == _at(0, 20)
    # 00:45 in the live window, 1 h 15 past the planned end: asked, nothing written.
    version = get_meeting(db, mid).version
    with pytest.raises(LateArrivalWarning) as asked:
        check_in(db, mid, thuy, expected_version=version, now=_at(0, 45), live=True)
    assert "Phạm Hồng Thủy" in asked.value.message and "00:45" in asked.value.message
    assert "23:30" in asked.value.message and "Giờ kết thúc thực tế" in asked.value.message
    assert asked.value.parameter == "confirm_late_arrival"
    assert _row(db, mid, thuy).status == "unknown"
    assert get_meeting(db, mid).version == version
    # Typed in the sheet too.
    with pytest.raises(LateArrivalWarning):
        late = AttendanceMark(thuy, "late", arrived_at="00:45")
        record_attendance(db, mid, [late], expected_version=version, now=_at(1, 0))
    # Confirmed: recorded as typed.
    check_in(
        db, mid, thuy, expected_version=version, now=_at(0, 45), live=True,
        confirm_late_arrival=True,
    )
    assert _row(db, mid, thuy).arrived_at == _at(0, 45)
