"""A meeting that runs past its planned end, past midnight (meeting-room audit, items 3 and 6).

Arrivals after midnight are recorded with their day, the actual end ("Giờ kết thúc thực tế") is
recorded on the minutes and printed, the planned times stay and the issued convocation stays in
force; the issued minutes give the late arrivals with their times and count the groups as the
minutes on screen do. Real SQLite files, real PDFs read back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from bdcq_desktop.core.attendance import (
    AttendanceMark,
    attendance_rows,
    check_in,
    record_attendance,
)
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.meeting_close import record_close
from bdcq_desktop.core.meetings import create_meeting, get_meeting, update_meeting
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from tests.pdf_text import flat_text
from tests.test_meeting_docs import make_meeting

# Two weeks ahead, so the convocation is issued today, before the meeting.
DAY = date.today() + timedelta(days=14)
START = datetime.combine(DAY, datetime.min.time()).replace(hour=20)
NEXT = START + timedelta(days=1)


def _at(hour: int, minute: int) -> datetime:
    """A time after midnight, on the day after the meeting's."""
    return NEXT.replace(hour=hour, minute=minute)


@pytest.fixture
def night(db: Any) -> dict[str, int]:
    """Meeting 20:00–23:30 of three members, its convocation 01/GTT-BCĐ issued today."""
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    head = mem.create_person(db, full_name="Nguyễn Sỹ Thành", position="Chủ tịch UBND tỉnh")
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    for name in ("Phạm Hồng Thủy", "Lê Quốc Hòa"):
        pid = mem.create_person(db, full_name=name, position="Giám đốc Sở")
        mem.appoint(db, pid, role="member", start_date=date(2024, 1, 1))
    mid = create_meeting(
        db,
        kind="regular",
        title="Họp Ban Chỉ đạo về khắc phục sự cố hệ thống",
        starts_at=START,
        ends_at=START.replace(hour=23, minute=30),
        place="Phòng họp tầng 3",
        chair_id=head,
        invite_committee=True,
        now=datetime.now(),
    )
    assert service.issue(db, "convocation", mid).symbol == "01/GTT-BCĐ"
    ids = {r.name: r.invitee_id for r in get_meeting(db, mid).attendance}
    return {"meeting": mid, **ids}


def _row(db: Any, mid: int, invitee: int) -> Any:
    return next(r for r in attendance_rows(db, mid) if r.invitee_id == invitee)


def _in_force(db: Any, mid: int) -> list[tuple[str, bool]]:
    return [(d.symbol, d.superseded_on is None) for d in get_meeting(db, mid).documents]


def test_arrivals_after_midnight_and_the_actual_end_are_recorded(
    db: Any, night: dict[str, int]
) -> None:
    mid = night["meeting"]
    version = get_meeting(db, mid).version
    version = check_in(db, mid, night["Nguyễn Sỹ Thành"], expected_version=version, now=START)
    # A check-in at the door at 00:10 the next day, the meeting still sitting: late, with time.
    version = check_in(
        db, mid, night["Phạm Hồng Thủy"], expected_version=version, now=_at(0, 10), live=True
    )
    assert _row(db, mid, night["Phạm Hồng Thủy"]).arrived_at == _at(0, 10)
    # "00:05" typed in the late dialog: earlier than the start, so the next day.
    late = AttendanceMark(night["Lê Quốc Hòa"], "late", arrived_at="00:05")
    version = record_attendance(db, mid, [late], expected_version=version, now=_at(0, 12))
    assert _row(db, mid, night["Lê Quốc Hòa"]).arrived_at == _at(0, 5)

    # The actual end, on the minutes: not before the last arrival, not in the future.
    for typed, now in (("00:07", _at(0, 41)), ("00:50", _at(0, 41))):
        with pytest.raises(ValidationError) as refused:
            record_close(db, mid, typed, expected_version=0, now=now)
        assert refused.value.field == "closed_at"
        assert "Giờ kết thúc thực tế" in refused.value.message
    assert record_close(db, mid, "00:40", expected_version=0, now=_at(0, 41)) == 1
    draft = minutes_draft(db, mid)
    assert draft.closed_at == _at(0, 40)
    assert draft.closing.startswith("Cuộc họp kết thúc vào 00 giờ 40 phút, ngày")
    # The plan and the convocation stand: recording what happened re-schedules nothing.
    d = get_meeting(db, mid)
    assert (d.starts_at, d.ends_at) == (START, START.replace(hour=23, minute=30))
    assert _in_force(db, mid) == [("01/GTT-BCĐ", True)]

    # After the actual end a check-in is the sheet filled in afterwards, and no one arrives.
    with pytest.raises(ValidationError) as refused:
        late = AttendanceMark(night["Nguyễn Sỹ Thành"], "late", arrived_at="00:45")
        record_attendance(db, mid, [late], expected_version=d.version, now=_at(1, 0))
    assert "phải trước khi cuộc họp kết thúc (00:40" in refused.value.message


def test_correcting_the_end_of_a_held_meeting_keeps_its_convocation(
    db: Any, night: dict[str, int]
) -> None:
    mid = night["meeting"]
    version = check_in(
        db, mid, night["Nguyễn Sỹ Thành"], expected_version=get_meeting(db, mid).version,
        now=START + timedelta(minutes=1),
    )
    assert get_meeting(db, mid).status == "held"
    # No question, nothing superseded: the convocation called people to what it printed.
    update_meeting(db, mid, expected_version=version, ends_at=_at(0, 45), now=_at(0, 15))
    assert _in_force(db, mid) == [("01/GTT-BCĐ", True)]


def test_the_issued_minutes_give_late_arrivals_and_the_screens_counts(demo_db: Any) -> None:
    mid = make_meeting(demo_db)  # held 03/02/2026 08:00, its first member present
    first = next(r for r in attendance_rows(demo_db, mid) if r.category == "member")
    late = AttendanceMark(first.invitee_id, "late", arrived_at="08:20")
    record_attendance(demo_db, mid, [late], expected_version=None, now=datetime(2026, 2, 3, 9))
    version = minutes_draft(demo_db, mid).version
    record_close(demo_db, mid, "11:35", expected_version=version, now=datetime(2026, 2, 3, 12))
    screen = minutes_draft(demo_db, mid).attendance
    text = flat_text(service.draft(demo_db, "minutes", mid))
    assert f"{first.name}, " in text and "(đến muộn lúc 08 giờ 20 phút)" in text
    # Each group's line of the minutes on screen is the issued minutes' line.
    groups = [line for line in screen if ": dự họp " in line]
    assert groups and groups[0].startswith("Thành viên Ban Chỉ đạo: dự họp")
    assert "1 người đến muộn" in groups[0]
    for line in groups:
        assert line in text, (line, text)
    assert "Cuộc họp kết thúc vào 11 giờ 35 phút" in text


def test_ending_the_meeting_in_the_live_window_records_its_actual_end(
    qtbot: Any, demo_db: Any
) -> None:
    from PySide6.QtWidgets import QLineEdit, QPushButton

    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
    from tests.test_meeting_docs import demo_ids

    mid = demo_ids(demo_db)["held"]
    start = get_meeting(demo_db, mid).starts_at
    live = LiveMeetingWindow(demo_db, mid)  # deleted once closed (not given to qtbot)
    live.resize(1366, 768)
    live.show()
    end_button = live.findChild(QPushButton, "liveEnd")
    assert end_button is not None and end_button.text() == "Kết thúc cuộc &họp…"  # Alt+H
    end_button.click()
    dialog = live.end_dialog
    assert dialog is not None and dialog.isVisible()
    box = dialog.form.editor("closed_at")  # type: ignore[attr-defined]
    assert isinstance(box, QLineEdit) and box.text()  # filled, editable
    end = start + timedelta(hours=3, minutes=5)
    box.setText(f"{end:%H:%M}")
    with qtbot.waitSignal(live.closed, timeout=10_000):  # saved, the window leaves
        dialog.save_button.click()  # type: ignore[attr-defined]
    assert minutes_draft(demo_db, mid).closed_at == end
    d = get_meeting(demo_db, mid)
    assert d.minutes is not None and d.minutes.closed_at == end
    assert d.starts_at == start  # the plan is left as it was


def test_an_end_earlier_than_the_start_corrected_days_later_is_the_next_day(
    db: Any, night: dict[str, int]
) -> None:
    """As the "Giờ kết thúc…" form says: a time earlier than the start is the next day, also
    when the minutes are corrected days after the meeting, not only while it sits."""
    mid = night["meeting"]
    later = START + timedelta(days=3)  # the minutes corrected three days on
    assert record_close(db, mid, "01:10", expected_version=0, now=later) == 1
    assert get_meeting(db, mid).minutes.closed_at == _at(1, 10)
    # 06:00 the next day is more than six hours past the planned 23:30: a slip, said so.
    with pytest.raises(ValidationError) as refused:
        record_close(db, mid, "06:00", expected_version=1, now=later)
    message = refused.value.message
    assert refused.value.field == "closed_at"
    assert f"sang ngày hôm sau (06:00 {NEXT:%d/%m/%Y})" in message
    assert f"quá 6 giờ sau giờ kết thúc theo kế hoạch (23:30 {DAY:%d/%m/%Y})" in message
    assert get_meeting(db, mid).minutes.closed_at == _at(1, 10)  # nothing written
    # Typed with its day, it is meant: taken.
    record_close(db, mid, f"{NEXT:%d/%m/%Y} 06:00", expected_version=1, now=later)
    assert get_meeting(db, mid).minutes.closed_at == _at(6, 0)


def test_an_end_a_night_past_the_planned_end_is_refused_as_a_slip(demo_db: Any) -> None:
    mid = make_meeting(demo_db)  # held 03/02/2026 08:00–11:00
    version = minutes_draft(demo_db, mid).version
    with pytest.raises(ValidationError) as refused:
        record_close(demo_db, mid, "7:00", expected_version=version, now=datetime(2026, 2, 9))
    assert "sớm hơn giờ bắt đầu (08:00 03/02/2026)" in refused.value.message
    assert "(vd. 04/02/2026 07:00)" in refused.value.message  # how to say it is meant


def test_the_times_a_start_or_end_form_proposes() -> None:
    from bdcq_desktop.core.meeting_span import proposed_end, proposed_start

    end = START.replace(hour=23, minute=30)
    # On the meeting's day, and while it may still sit past midnight: now.
    assert proposed_start(START, START + timedelta(minutes=5)) == START + timedelta(minutes=5)
    assert proposed_end(START, end, START + timedelta(hours=2)) == START + timedelta(hours=2)
    assert proposed_end(START, end, _at(0, 40)) == _at(0, 40)
    # Days later (or the next morning, long past the run-over): the planned times.
    assert proposed_start(START, START + timedelta(days=2)) == START
    assert proposed_end(START, end, START + timedelta(days=2)) == end
    assert proposed_end(START, end, _at(9, 0)) == end
    assert proposed_end(START, None, START + timedelta(days=2)) == START.replace(hour=23, minute=59)
