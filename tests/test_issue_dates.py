"""A date of issue that makes no sense for its record is refused before a number is taken:
what calls people to a meeting (invitation, convocation, agenda) is not dated after it, what
records it (minutes, notice of conclusions) not before it; the same for a working-group
session. And ``bdcq export --issue`` to a place it cannot write takes no number either (it
used to issue the document, then fail to write it, exit 2 with the number gone)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.errors import NotReadyError, ValidationError
from bdcq_desktop.core.meetings import create_similar, list_meetings
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.documents import service
from tests.cli_run import run_bdcq
from tests.conftest import DEMO_TODAY


def _held(db: Any, status: str = "held") -> tuple[int, date]:
    row = next(r for r in list_meetings(db) if r.status == status)
    return row.id, row.starts_at.date()


@pytest.mark.parametrize("kind", ["invitation", "convocation", "agenda"])
def test_what_calls_a_meeting_is_not_dated_after_it(demo_db: Any, kind: str) -> None:
    # Convened, not held: a held meeting's letters are refused for that first (below).
    meeting, day = _held(demo_db, "convened")
    before = register.list_issued(demo_db)
    with pytest.raises(ValidationError) as refused:
        service.issue(
            demo_db, kind, meeting, issued_on=day + timedelta(days=1), today=day + timedelta(days=2)
        )
    assert refused.value.field == "issued_on" and refused.value.label == "Ngày ban hành"
    assert refused.value.message.startswith(
        f'"Ngày ban hành" ({day + timedelta(days=1):%d/%m/%Y}) là sau ngày họp ({day:%d/%m/%Y}): '
    )
    assert register.list_issued(demo_db) == before  # no number taken
    # The day of the meeting itself is still in time.
    assert service.issue(demo_db, kind, meeting, issued_on=day, today=day).issued_on == day


@pytest.mark.parametrize("kind", ["invitation", "convocation"])
@pytest.mark.parametrize(("status", "named"), [("held", "Đã họp"), ("minutes_final", "Biên bản")])
def test_no_letter_calls_people_to_a_meeting_already_held(
    demo_db: Any, kind: str, status: str, named: str
) -> None:
    """A convocation or an invitation issued once the meeting took place is a backdated letter
    (the audit issued 01/GTT-BCĐ for a meeting whose minutes were final): refused, naming the
    meeting's status, even on the meeting's day; its draft can still be exported."""
    meeting, day = _held(demo_db, status)
    with pytest.raises(NotReadyError) as refused:
        service.issue(demo_db, kind, meeting, issued_on=day, today=day)
    assert f"Cuộc họp đã ở trạng thái “{named}" in refused.value.message
    assert "không ban hành" in refused.value.message
    assert register.list_issued(demo_db) == []
    assert service.draft(demo_db, kind, meeting).startswith(b"%PDF")


def test_the_command_line_refuses_a_closed_year(demo_db: Any, tmp_path: Path) -> None:
    """``export convocation --meeting 5 --issue --date 2025-08-20`` on 30/11/2026 took
    01/GTT-BCĐ of 2025: the year's register is closed on 31 December."""
    last_year = date.today().year - 1
    # A meeting of the demo's last year (the audit's); the year refused is the clock's last.
    meeting = next(
        r.id for r in list_meetings(demo_db) if r.starts_at.year == DEMO_TODAY.year - 1
    )
    day = date(last_year, 8, 20)
    out = run_bdcq(
        ["export", "convocation", "--meeting", str(meeting), "--issue", "--date", day.isoformat(),
         "-o", str(tmp_path / "gtt.pdf")],
        db=demo_db.sqlite_path,
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr.splitlines() == [
        f'bdcq: "Ngày ban hành" ({day:%d/%m/%Y}) thuộc năm {last_year}: sổ đăng ký văn bản năm '
        f"{last_year} đã khóa ngày 31/12/{last_year}, không cấp thêm số vào năm đó. Văn bản ban "
        f"hành bây giờ mang ngày của năm {last_year + 1}."
    ]
    assert register.list_issued(demo_db) == [] and not (tmp_path / "gtt.pdf").exists()


@pytest.mark.parametrize("kind", ["minutes", "conclusions"])
def test_what_records_a_meeting_is_not_dated_before_it(demo_db: Any, kind: str) -> None:
    meeting, day = _held(demo_db)
    before = register.list_issued(demo_db)
    with pytest.raises(ValidationError) as refused:
        service.issue(demo_db, kind, meeting, issued_on=day - timedelta(days=1), today=day)
    assert refused.value.message.startswith(
        f'"Ngày ban hành" ({day - timedelta(days=1):%d/%m/%Y}) là trước ngày họp ({day:%d/%m/%Y}): '
    )
    assert register.list_issued(demo_db) == before
    assert service.issue(demo_db, kind, meeting, issued_on=day, today=day).issued_on == day


def test_a_working_session_s_papers_keep_to_its_days(demo_db: Any) -> None:
    """The convocation by its first day, the report of its results from its last (sessions
    run for days: a report on the first day was accepted)."""
    session = get_session(demo_db, 2)
    first, last = session.starts_on, session.ends_on
    assert last > first and first.year == last.year
    # As on the day after it: a past year's register is closed to today's clock.
    today = last + timedelta(days=1)
    with pytest.raises(ValidationError, match="là sau ngày làm việc"):
        service.issue(
            demo_db, "wg-convocation", 2, issued_on=first + timedelta(days=1), today=today
        )
    with pytest.raises(ValidationError, match="là trước ngày làm việc cuối cùng"):
        service.issue(demo_db, "wg-report", 2, issued_on=first, today=today)
    assert register.list_issued(demo_db) == []
    assert service.issue(demo_db, "wg-report", 2, issued_on=last, today=today).issued_on == last


def test_the_command_line_names_the_date_and_takes_no_number(
    demo_db: Any, tmp_path: Path
) -> None:
    # The command line dates by the clock and refuses a date in a closed year before anything
    # else: the meeting is yesterday's (planned a week before it, the core's ``now``), and the
    # convocation dated today comes after it, whatever day the clock says.
    planned, _day = _held(demo_db, "planned")
    day = date.today() - timedelta(days=1)
    meeting = create_similar(
        demo_db,
        planned,
        starts_at=datetime.combine(day, time(8, 0)),
        now=datetime.combine(day - timedelta(days=7), time(8, 0)),
    )
    before = register.list_issued(demo_db)
    today = date.today()
    out = run_bdcq(
        ["export", "convocation", "--meeting", str(meeting), "--issue", "--date", today.isoformat(),
         "-o", str(tmp_path / "gtt.pdf")],
        db=demo_db.sqlite_path,
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr.splitlines() == [
        f'bdcq: "Ngày ban hành" ({today:%d/%m/%Y}) là sau ngày họp '
        f"({day:%d/%m/%Y}): Giấy triệu tập được ban hành trước hoặc trong ngày họp."
    ]
    assert not (tmp_path / "gtt.pdf").exists()
    assert register.list_issued(demo_db) == before
    # Refused into a folder still to be made: the folder is not left behind either.
    out = run_bdcq(
        ["export", "convocation", "--meeting", str(meeting), "--issue", "--date", today.isoformat(),
         "-o", str(tmp_path / "new" / "gtt.pdf")],
        db=demo_db.sqlite_path,
    )
    assert out.returncode == 2 and not (tmp_path / "new").exists()


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="a folder nobody may write in")
def test_an_export_that_cannot_be_written_issues_nothing(demo_db: Any) -> None:
    before = register.list_issued(demo_db)
    out = run_bdcq(
        ["export", "roster", "--issue", "-o", "/sys/kernel/bdcq-so.pdf"], db=demo_db.sqlite_path
    )
    assert out.returncode == 2, out.stderr
    assert len(out.stderr.splitlines()) == 1 and "/sys/kernel/bdcq-so.pdf" in out.stderr
    assert register.list_issued(demo_db) == before


def test_the_register_says_which_issue_was_replaced(demo_db: Any) -> None:
    """Minutes reopened and issued again: both stay in the register, the first marked as
    replaced (``documents list`` showed the two alike)."""
    import json

    final = next(r for r in list_meetings(demo_db) if r.status == "minutes_final")
    day = final.starts_at.date()
    first = service.issue(demo_db, "minutes", final.id, issued_on=day, today=day)
    out = run_bdcq(
        ["meetings", "reopen-minutes", str(final.id), "--reason", "Sửa tên đại biểu"],
        db=demo_db.sqlite_path,
    )
    assert out.returncode == 0, out.stderr
    second = service.issue(demo_db, "minutes", final.id, issued_on=day, today=day)
    listed = run_bdcq(["documents", "list", "--format", "json"], db=demo_db.sqlite_path)
    rows = {r["symbol"]: r for r in json.loads(listed.stdout)}
    assert rows[first.symbol]["superseded_on"] is not None
    assert rows[second.symbol]["superseded_on"] is None
    table = run_bdcq(["documents", "list"], db=demo_db.sqlite_path).stdout
    assert table.splitlines()[0].rstrip().endswith("Hết hiệu lực ngày")
