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

from sqlalchemy import select

from bdcq_desktop.core import members as m
from bdcq_desktop.core import session_list as sl
from bdcq_desktop.core import session_outputs as so
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import session_summary as ss
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.models import SessionParticipant
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from tests.cli_run import run_bdcq
from tests.pdf_text import flat_text

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
    # No draft: nothing to say of where its drafts went ("sản phẩm tính vào năm 2026" read as
    # if there were some), in ``sessions summary`` and in the sessions tab's year line alike.
    out = run_bdcq(["sessions", "summary", "--year", "2027"], db=db_path)
    assert out.stdout.startswith(
        "Năm 2027: 1 phiên (trong đó 1 phiên bắt đầu từ năm 2026), 2 ngày làm việc, 4 ngày công"
    ), out.stdout
    assert "sản phẩm tính vào" not in out.stdout


def test_the_sessions_tab_leaves_out_where_the_drafts_went_when_there_are_none(
    qtbot: Any, db: Any
) -> None:
    from bdcq_desktop.ui.tabs.sessions_tab import WorkingSessionsTab

    _person(db, "Hoàng Quang Tuấn", "leader")
    wg.create_session(
        db, purpose="proposal", title="Rà soát Đề án dữ liệu số",
        starts_on="28/12/2026", ends_on="05/01/2027",
    )  # fmt: skip
    tab = WorkingSessionsTab(db)
    qtbot.addWidget(tab)
    tab.reload()
    view = tab.view
    view.year_filter.setCurrentIndex(view.year_filter.findData(2027))
    qtbot.waitUntil(lambda: view.year_line.text().startswith("Năm 2027: 1 phiên (trong"))
    assert view.year_line.text().startswith(
        "Năm 2027: 1 phiên (trong đó 1 phiên bắt đầu từ năm 2026), 2 ngày làm việc"
    ), view.year_line.text()


def _across_the_year_with_a_draft_and_experts(db: Any) -> int:
    """28/12/2026 – 05/01/2027: a leader present every day, an expert present only in
    January, an expert not yet marked, a member whose attendance is a count only (3 days, no
    day: as older files hold it), and one draft."""
    leader = _person(db, "Hoàng Quang Tuấn", "leader")
    member = _person(db, "Bùi Thị Ngân", "member")
    sid = wg.create_session(
        db, purpose="proposal", title="Rà soát Đề án dữ liệu số",
        starts_on="28/12/2026", ends_on="05/01/2027",
    )  # fmt: skip
    sp.add_participants(
        db, sid, person_ids=[leader, member],
        new_experts=[sp.NewExpert("Trần Văn Chuyên Gia"), sp.NewExpert("Lê Thị Tư Vấn")],
        expected_version=get_session(db, sid).version,
    )  # fmt: skip
    d = get_session(db, sid)
    by_name = {p.name: p.id for p in d.participants}
    rows = [
        sp.Attendance(by_name["Hoàng Quang Tuấn"], DECEMBER + JANUARY),
        sp.Attendance(by_name["Trần Văn Chuyên Gia"], JANUARY),
    ]
    sp.set_attendance(db, sid, rows, expected_version=d.version, today=D(2027, 1, 6))
    with db.session() as s:
        s.scalars(
            select(SessionParticipant).where(SessionParticipant.id == by_name["Bùi Thị Ngân"])
        ).one().days_present = 3
    so.add_output(
        db, sid, title="Dự thảo Đề án dữ liệu số", kind="other", status="drafting",
        expected_version=get_session(db, sid).version,
    )  # fmt: skip
    return sid


def test_a_session_across_the_new_year_counts_its_draft_and_experts_once(db: Any) -> None:
    # The review found the draft and the experts of such a session counted in 2026 and again
    # in 2027. Its draft and its counted-only attendance are the start year's; an expert
    # counts where they have a day present, or in the start year when none is recorded.
    sid = _across_the_year_with_a_draft_and_experts(db)
    whole = ss.session_summary(db, sid)
    assert (whole.drafts, whole.person_days, whole.experts) == (1, 6 + 2 + 3, 2)
    y26, y27 = ss.year_summary(db, 2026), ss.year_summary(db, 2027)
    assert (y26.sessions, y26.working_days, y26.person_days) == (1, 4, 4 + 3)
    assert (y27.sessions, y27.working_days, y27.person_days) == (1, 2, 2 + 2)
    assert (y26.experts, y26.expert_places) == (1, 1)  # the expert not marked: start year
    assert (y27.experts, y27.expert_places) == (1, 1)  # the expert present in January
    assert (y26.drafts, y27.drafts) == (1, 0)
    assert y26.drafts + y27.drafts == whole.drafts
    assert y26.person_days + y27.person_days == whole.person_days
    assert y26.drafts_by_status["drafting"] == 1 and y27.drafts_by_status["drafting"] == 0
    assert (y26.carried_over, y27.carried_over) == (0, 1)
    assert "1 phiên, 4 ngày làm việc" in ss.year_summary_text(y26)
    assert ss.year_summary_text(y27).startswith(
        "Năm 2027: 1 phiên (trong đó 1 phiên bắt đầu từ năm 2026, sản phẩm tính vào năm "
        "2026), 2 ngày làm việc, 4 ngày công; huy động 1 chuyên gia (1 lượt); sản phẩm: chưa "
        "có sản phẩm."
    ), ss.year_summary_text(y27)


def test_a_january_report_s_year_so_far_leaves_last_year_s_draft_out(db: Any) -> None:
    # The review: the "Lũy kế năm 2027" line of a January session's report printed the
    # draft and the expert of the session started on 28/12/2026.
    update_organisation(
        db, parent_body="UBND tỉnh Nghệ An", abbreviation="BCĐ", place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
    )  # fmt: skip
    _across_the_year_with_a_draft_and_experts(db)
    sid = wg.create_session(
        db, purpose="other", title="Phiên tháng Giêng", starts_on="11/01/2027",
        ends_on="12/01/2027",
    )  # fmt: skip
    data = service.draft(db, "wg-report", sid, today=D(2027, 1, 13))
    text = flat_text(data)
    assert (
        "Lũy kế năm 2027 đến phiên này: 2 phiên (trong đó 1 phiên bắt đầu từ năm 2026, sản "
        "phẩm tính vào năm 2026), 4 ngày làm việc, 4 ngày công; huy động 1 chuyên gia (1 "
        "lượt); sản phẩm: chưa có sản phẩm."
    ) in text, text


def test_sessions_list_help_says_the_year_takes_every_session_with_a_day_in_it() -> None:
    # The review: the help still said "năm bắt đầu" (the year it starts), while the filter
    # lists the session of 28/12/2026 – 05/01/2027 under 2027 as well.
    out = run_bdcq(["sessions", "list", "--help"])
    said = " ".join(out.stdout.split())
    assert out.returncode == 0 and "năm bắt đầu" not in said, said
    assert "--year Y phiên có ngày làm việc trong năm Y (phiên qua 31/12: cả hai năm)" in said
