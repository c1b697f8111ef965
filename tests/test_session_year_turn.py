"""A working-group session across the turn of the year (28/12/2026 – 05/01/2027): its days
belong to the year they fall in. The audit found the year's figures took a session whole into
the year it started: in January 2027 the sessions tab's year line and ``sessions summary
--year 2027`` read "0 phiên, 0 ngày làm việc, 0 ngày công" while the group had worked 4 and 5
January, and 2026's figures counted those two days. Now each year counts its own days and
person-days, and the session is listed under both years."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bdcq_desktop.core import members as m
from bdcq_desktop.core import session_list as sl
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import session_summary as ss
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.session_detail import get_session
from tests.cli_run import run_bdcq

D = date
# 1/1/2027 is Tết Dương lịch (on the shipped calendar), 2–3/1 a weekend.
DECEMBER = (D(2026, 12, 28), D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31))
JANUARY = (D(2027, 1, 4), D(2027, 1, 5))


def _person(db: Any, name: str, role: str) -> int:
    mid = m.appoint_new(
        db, body="group", person={"full_name": name},
        appointment={"role": role, "start_date": "01/01/2025"},
    )  # fmt: skip
    return next(r.person_id for r in m.list_group(db, include_former=True) if r.id == mid)


def test_a_session_across_the_new_year_counts_its_days_in_each_year(
    db: Any, db_path: Path
) -> None:
    people = [_person(db, "Hoàng Quang Tuấn", "leader"), _person(db, "Bùi Thị Ngân", "member")]
    sid = wg.create_session(
        db, purpose="proposal", title="Rà soát Đề án dữ liệu số",
        starts_on="28/12/2026", ends_on="05/01/2027",
    )  # fmt: skip
    sp.add_participants(db, sid, person_ids=people, expected_version=get_session(db, sid).version)
    d = get_session(db, sid)
    rows = [sp.Attendance(p.id, DECEMBER + JANUARY) for p in d.participants]
    sp.set_attendance(db, sid, rows, expected_version=d.version, today=D(2027, 1, 6))
    assert ss.session_summary(db, sid).working_days == 6  # the session itself: whole

    y26, y27 = ss.year_summary(db, 2026), ss.year_summary(db, 2027)
    assert (y26.sessions, y26.working_days, y26.person_days) == (1, 4, 8)
    assert (y27.sessions, y27.working_days, y27.person_days) == (1, 2, 4)
    # The year so far, as the report of a session starting 28/12/2026 prints it.
    assert ss.year_summary(db, 2026, until=D(2026, 12, 28)).working_days == 4
    assert [r.id for r in sl.list_sessions(db, year=2027)] == [sid]
    assert [r.id for r in sl.list_sessions(db, year=2026)] == [sid]
    assert sl.session_years(db) == [2027, 2026]
    out = run_bdcq(["sessions", "summary", "--year", "2027"], db=db_path)
    assert out.stdout.startswith("Năm 2027: 1 phiên, 2 ngày làm việc, 4 ngày công"), out.stdout
