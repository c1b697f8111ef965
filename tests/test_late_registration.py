"""A document cannot silently be dated months back. The audit (01/12/2026) issued 01/CTr-BCĐ
dated 02/01/2026 for a meeting still only planned for January 2027, and a sign-in sheet (DS)
dated six months before its meeting: both were accepted. Now the attendance sheet, signed at
the meeting, is not dated before its day; and any date of issue more than 7 days back is a late
registration, issued only when confirmed (``confirm_late``; ``export --yes``). Real SQLite
files, the issued PDFs read back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.errors import LateRegistrationWarning, ValidationError
from bdcq_desktop.core.issue_date_rules import LATE_DAYS
from bdcq_desktop.core.meetings import list_meetings
from bdcq_desktop.documents import service
from tests.cli_run import run_bdcq
from tests.pdf_text import flat_text


def _export(db: Any, *args: str) -> Any:
    return run_bdcq(["export", *args], db=db.sqlite_path)


def _held_on_or_before(db: Any, last: date) -> tuple[int, date]:
    """A held meeting of this year that took place on or before ``last`` (the latest such)."""
    rows = [
        r
        for r in list_meetings(db)
        if r.status in ("held", "minutes_final")
        and r.starts_at.year == last.year
        and r.starts_at.date() <= last
    ]
    row = max(rows, key=lambda r: r.starts_at)
    return row.id, row.starts_at.date()


def _dated(day: date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def test_the_audits_agenda_for_a_planned_meeting_dated_months_back_is_refused(
    demo_db: Any, tmp_path: Path
) -> None:
    today = date.today()
    planned = next(
        r for r in list_meetings(demo_db) if r.status == "planned" and r.starts_at.date() > today
    )
    back = date(today.year, 1, 2)
    out = _export(
        demo_db, "agenda", "--meeting", str(planned.id), "--issue", "--date", back.isoformat(),
        "-o", str(tmp_path / "ctr.pdf"),
    )  # fmt: skip
    assert out.returncode == 2, out.stdout
    days = (today - back).days
    assert out.stderr.splitlines()[0] == (
        f'bdcq: "Ngày ban hành" ({back:%d/%m/%Y}) là {days} ngày trước hôm nay '
        f"({today:%d/%m/%Y}): văn bản sẽ được vào sổ muộn, mang ngày đó và lấy số tiếp theo của "
        f"sổ. Chỉ ban hành nếu văn bản đã được ký ngày {back:%d/%m/%Y}; nếu gõ nhầm ngày, hãy "
        "sửa lại."
    )
    assert "thêm --yes để vào sổ muộn" in out.stderr
    assert not (tmp_path / "ctr.pdf").exists()
    assert register.find_issued(demo_db, "agenda", "meeting", planned.id) is None


def test_the_audits_sign_in_sheet_dated_before_its_meeting_is_refused_even_confirmed(
    demo_db: Any, tmp_path: Path
) -> None:
    meeting, day = _held_on_or_before(demo_db, date.today() - timedelta(days=1))
    before = day - timedelta(days=1)
    for confirm in ([], ["--yes"]):
        out = _export(
            demo_db, "attendance", "--meeting", str(meeting), "--issue", "--date",
            before.isoformat(), *confirm, "-o", str(tmp_path / "ds.pdf"),
        )  # fmt: skip
        assert out.returncode == 2, out.stdout
        assert out.stderr.splitlines() == [
            f'bdcq: "Ngày ban hành" ({before:%d/%m/%Y}) là trước ngày họp ({day:%d/%m/%Y}): '
            "Danh sách đại biểu ghi lại việc đã diễn ra, được ban hành từ ngày họp trở đi."
        ]
    assert register.find_issued(demo_db, "attendance", "meeting", meeting) is None
    # Its own day is in time (a week back at most, so nothing is asked).
    on = max(day, date.today() - timedelta(days=LATE_DAYS))
    rec = service.issue(demo_db, "attendance", meeting, issued_on=on)
    assert rec.issued_on == on


def test_ten_days_back_needs_yes_and_then_is_dated_that_day_five_days_back_does_not(
    demo_db: Any, tmp_path: Path
) -> None:
    today = date.today()
    back = today - timedelta(days=10)
    meeting, _day = _held_on_or_before(demo_db, back)
    pdf = tmp_path / "ds.pdf"
    args = ["attendance", "--meeting", str(meeting), "--issue", "--date", back.isoformat()]
    refused = _export(demo_db, *args, "-o", str(pdf))
    assert refused.returncode == 2
    assert f"là 10 ngày trước hôm nay ({today:%d/%m/%Y})" in refused.stderr
    assert "/ not issued: the date is 10 days back" in refused.stderr
    assert register.find_issued(demo_db, "attendance", "meeting", meeting) is None
    assert not pdf.exists()

    done = _export(demo_db, *args, "--yes", "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    rec = register.find_issued(demo_db, "attendance", "meeting", meeting)
    assert rec is not None and rec.issued_on == back
    assert f"({back:%d/%m/%Y}) — đã ban hành" in done.stdout
    assert _dated(back) in flat_text(pdf)
    assert _dated(back) in flat_text(register.stored_copy(rec, demo_db))

    # Within a week nothing is asked: a paper signed on Friday is registered on Monday.
    recent = today - timedelta(days=5)
    other = next(
        r.id
        for r in list_meetings(demo_db)
        if r.status in ("held", "minutes_final") and r.id != meeting
        and r.starts_at.date() <= recent
    )  # fmt: skip
    pdf5 = tmp_path / "ds5.pdf"
    out = _export(
        demo_db, "attendance", "--meeting", str(other), "--issue", "--date", recent.isoformat(),
        "-o", str(pdf5),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert _dated(recent) in flat_text(pdf5)


def test_the_core_asks_after_the_records_own_rule_and_before_a_number(demo_db: Any) -> None:
    """Every issuing path goes through the same keyword: ``service.issue`` and the register
    itself (a caller of ``register.issue`` cannot skip it); a date the record refuses anyway is
    refused first, so confirming is never asked for nothing."""
    meeting, day = _held_on_or_before(demo_db, date.today() - timedelta(days=1))
    today = day + timedelta(days=LATE_DAYS + 1)
    with pytest.raises(LateRegistrationWarning) as asked:
        service.issue(demo_db, "attendance", meeting, issued_on=day, today=today)
    assert asked.value.parameter == "confirm_late"
    assert (asked.value.on, asked.value.days) == (day, LATE_DAYS + 1)
    with pytest.raises(ValidationError):  # before the meeting: refused, not asked
        service.issue(
            demo_db, "attendance", meeting, issued_on=day - timedelta(days=1), today=today
        )
    with pytest.raises(LateRegistrationWarning):
        register.issue(
            demo_db, kind="attendance", type_abbr="DS", body_abbr="BCĐ", record_type="meeting",
            record_id=meeting, summary="x", signer=None, render=lambda _n, _d: b"%PDF",
            issued_on=day, today=today,
        )  # fmt: skip
    assert register.find_issued(demo_db, "attendance", "meeting", meeting) is None
    rec = service.issue(
        demo_db, "attendance", meeting, issued_on=day, today=today, confirm_late=True
    )
    assert rec.issued_on == day
