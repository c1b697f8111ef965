"""Correcting a meeting's actual start never erases an arrival (document audit, item 1).

Lateness is judged against the start when read: a later start reads those who came before it
as present, and a start corrected back reads them late again, with their times; what the start
changes is said both ways. On the core, the minutes on screen and in PDF (read back),
and through the real command line on a copy of the demo. Real SQLite files."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bdcq_desktop.core.attendance import AttendanceMark, attendance_rows, record_attendance
from bdcq_desktop.core.meeting_close import record_start
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.documents import service
from tests.pdf_text import flat_text
from tests.test_cli_meeting_record import _pick, _show
from tests.test_cli_meetings import bdcq, demo, ok  # noqa: F401
from tests.test_meeting_docs import make_meeting
from tests.test_meeting_overrun import START, _row, night  # noqa: F401


def _after(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def test_a_start_corrected_back_reads_the_arrivals_late_again(
    db: Any,
    night: dict[str, int],  # noqa: F811
) -> None:
    mid = night["meeting"]
    thuy, hoa = night["Phạm Hồng Thủy"], night["Lê Quốc Hòa"]
    marks = [
        AttendanceMark(thuy, "late", arrived_at="20:30"),
        AttendanceMark(hoa, "late", arrived_at="20:25"),
    ]
    record_attendance(db, mid, marks, expected_version=None, now=_after(31))

    # A slip: the start typed after both arrivals reads them as present, times kept.
    slip = record_start(db, mid, "20:35", expected_version=0, now=_after(40))
    assert (slip.made_present, slip.made_late) == (2, 0)
    assert slip.text == (
        "Đã ghi giờ bắt đầu 20:35; 2 người ghi đến muộn trước giờ này được tính là có mặt "
        "(giờ đến vẫn giữ)."
    )
    assert [(_row(db, mid, i).status, _row(db, mid, i).arrived_at) for i in (thuy, hoa)] == [
        ("present", _after(30)),
        ("present", _after(25)),
    ]
    draft = " ".join(minutes_draft(db, mid).attendance)
    assert "đến muộn" not in draft

    # The correction: both are late again, with their times, and it is said.
    fixed = record_start(db, mid, "20:00", expected_version=slip.version, now=_after(41))
    assert (fixed.made_present, fixed.made_late) == (0, 2)
    assert fixed.text == (
        "Đã ghi giờ bắt đầu 20:00; 2 người đến sau giờ này được tính lại là đến muộn."
    )
    assert [(_row(db, mid, i).status, _row(db, mid, i).arrived_at) for i in (thuy, hoa)] == [
        ("late", _after(30)),
        ("late", _after(25)),
    ]
    draft = " ".join(minutes_draft(db, mid).attendance)
    assert "Phạm Hồng Thủy đến muộn lúc 20 giờ 30 phút" in draft
    assert "Lê Quốc Hòa đến muộn lúc 20 giờ 25 phút" in draft

    # Between the two: one each way, both said.
    both = record_start(db, mid, "20:27", expected_version=fixed.version, now=_after(42))
    assert (both.made_present, both.made_late) == (1, 0)
    back = record_start(db, mid, "20:10", expected_version=both.version, now=_after(43))
    assert (back.made_present, back.made_late) == (0, 1)
    assert "1 người đến sau giờ này được tính lại là đến muộn." in back.text


def test_the_sheet_saved_as_shown_keeps_an_arrival_read_as_present(
    db: Any,
    night: dict[str, int],  # noqa: F811
) -> None:
    mid = night["meeting"]
    hoa = night["Lê Quốc Hòa"]
    record_attendance(
        db, mid, [AttendanceMark(hoa, "late", arrived_at="20:25")], expected_version=None,
        now=_after(31),
    )
    version = record_start(db, mid, "20:35", expected_version=0, now=_after(40)).version
    # The sheet shows "present" and is saved so: the arrival stays.
    record_attendance(db, mid, [AttendanceMark(hoa, "present")], expected_version=None,
                      now=_after(45))
    assert (_row(db, mid, hoa).status, _row(db, mid, hoa).arrived_at) == ("present", _after(25))
    record_start(db, mid, "20:00", expected_version=version, now=_after(46))
    assert (_row(db, mid, hoa).status, _row(db, mid, hoa).arrived_at) == ("late", _after(25))


def test_the_minutes_pdf_follows_the_start_both_ways(demo_db: Any) -> None:
    mid = make_meeting(demo_db)  # held 03/02/2026 08:00, its first member present
    day = datetime(2026, 2, 3)
    rows = minutes_draft(demo_db, mid)
    first = next(r for r in attendance_rows(demo_db, mid) if r.category == "member")
    late = AttendanceMark(first.invitee_id, "late", arrived_at="08:20")
    record_attendance(demo_db, mid, [late], expected_version=None, now=day.replace(hour=9))
    said = "(đến muộn lúc 08 giờ 20 phút)"
    slip = record_start(
        demo_db, mid, "08:30", expected_version=rows.version, now=day.replace(hour=12)
    )
    text = flat_text(service.draft(demo_db, "minutes", mid))
    assert "Thời gian bắt đầu: 08 giờ 30 phút" in text and said not in text
    record_start(demo_db, mid, "08:05", expected_version=slip.version, now=day.replace(hour=12))
    text = flat_text(service.draft(demo_db, "minutes", mid))
    assert "Thời gian bắt đầu: 08 giờ 05 phút" in text
    assert f"{first.name}, " in text and said in text


def test_the_command_line_correction_brings_the_late_marks_back(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    mid = _pick(demo, "held")
    shown = _show(demo, mid)
    opened = shown["minutes"]["opened_at"]
    start = datetime.fromisoformat(opened or shown["starts_at"])
    present = [a["invitee_id"] for a in shown["attendance"] if a["status"] == "present"][:2]
    assert len(present) == 2
    arrivals = {i: start + timedelta(minutes=m) for i, m in zip(present, (25, 20), strict=True)}
    for invitee, at in arrivals.items():
        ok(bdcq(demo, "meetings", "attend", str(mid), "--invitee", str(invitee), "--status",
                "late", "--arrived", f"{at:%H:%M}"))

    slip = start + timedelta(minutes=30)
    out = ok(bdcq(demo, "meetings", "start", str(mid), "--at", f"{slip:%H:%M}"))
    assert "2 người ghi đến muộn trước giờ này được tính là có mặt (giờ đến vẫn giữ)." in out
    marks = {a["invitee_id"]: a for a in _show(demo, mid)["attendance"]}
    assert [(marks[i]["status"], marks[i]["arrived_at"]) for i in present] == [
        ("present", arrivals[i].isoformat(timespec="minutes")) for i in present
    ]

    out = ok(bdcq(demo, "meetings", "start", str(mid), "--at", f"{start:%H:%M}"))
    assert "2 người đến sau giờ này được tính lại là đến muộn." in out
    assert "2 arrived after it: late again" in out
    marks = {a["invitee_id"]: a for a in _show(demo, mid)["attendance"]}
    assert [(marks[i]["status"], marks[i]["arrived_at"]) for i in present] == [
        ("late", arrivals[i].isoformat(timespec="minutes")) for i in present
    ]
    pdf = tmp_path / "bb.pdf"
    ok(bdcq(demo, "export", "minutes", "--meeting", str(mid), "--draft", "-o", str(pdf)))
    text = flat_text(pdf.read_bytes())
    for at in arrivals.values():
        assert f"đến muộn lúc {at:%H} giờ {at:%M} phút" in text
