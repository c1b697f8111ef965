"""The demo goes through the 2025 reorganisation at its real dates: departments merged on
1/3/2025, districts gone on 1/7/2025. What a date's records name is what existed that day, and
its dates are ones an office would have written (no public holiday, no repeated conclusion)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from bdcq_desktop.core import units
from bdcq_desktop.core.audit import current_user
from bdcq_desktop.core.change_log import record_changes
from bdcq_desktop.core.days_off import working_days
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.demo import load_demo
from bdcq_desktop.core.demo.data_calendar import HOLIDAYS
from bdcq_desktop.core.demo_mark import DEMO_MARK
from bdcq_desktop.core.meetings import create_meeting
from bdcq_desktop.core.models import (
    AgendaItem,
    ChangeLog,
    Conclusion,
    Invitee,
    Meeting,
    MeetingKind,
    Minutes,
    Organisation,
    Person,
    ReportingRound,
    SessionOutput,
    SessionParticipant,
    Submission,
    Task,
    TaskStatus,
    Unit,
    WorkingSession,
)
from bdcq_desktop.core.working_group import create_session, days_between
from bdcq_desktop.documents import service
from tests.conftest import own_data_folder
from tests.pdf_tables import table_cells

TODAY = date(2026, 11, 30)
MERGER, TWO_LEVEL = date(2025, 3, 1), date(2025, 7, 1)
OLD = ("Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Cục Thuế tỉnh")
DISTRICT = ("huyện", "thị xã", "thành phố Vinh", "TP Vinh")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("reorg")
    with own_data_folder(folder):  # set up before any test's own folders
        database = open_database(folder / "demo.sqlite3")
        load_demo(database, today=TODAY)
    yield database
    database.dispose()


def _texts(s, m: Meeting) -> list[str]:
    out = [m.title, m.place or "", m.notes or ""]
    out += [i.title for i in s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == m.id))]
    for c in s.scalars(select(Conclusion).where(Conclusion.meeting_id == m.id)):
        out += [c.text, *(t.content for t in c.tasks)]
    for i in s.scalars(select(Invitee).where(Invitee.meeting_id == m.id)):
        out += [i.position_snapshot or "", i.unit_snapshot or ""]
    return out


def test_meetings_after_the_reorganisation_name_only_the_units_of_their_day(db: Database) -> None:
    with db.session() as s:
        meetings = s.scalars(select(Meeting).order_by(Meeting.starts_at)).all()
        late = [m for m in meetings if m.starts_at.date() >= TWO_LEVEL]
        early = [m for m in meetings if m.starts_at.date() < MERGER]
        assert len(late) >= 8 and early
        for m in late:
            for text in _texts(s, m):
                assert not any(old in text for old in OLD), (m.title, text)
                assert not any(d in text for d in DISTRICT), (m.title, text)
        # Before: the province as it was (the old documents keep their text).
        before = " ".join(t for m in early for t in _texts(s, m))
        assert "Sở Thông tin và Truyền thông" in before and "UBND huyện" in before


def test_tasks_stay_with_the_unit_of_their_day(db: Database) -> None:
    with db.session() as s:
        tasks = s.scalars(select(Task)).all()
        by_name = {u.name: u for u in s.scalars(select(Unit))}
        ict, sci = by_name["Sở Thông tin và Truyền thông"], by_name["Sở Khoa học và Công nghệ"]
        assert ict.merged_into_id == sci.id and ict.retired_on == MERGER
        old = [t for t in tasks if t.assignee_unit_id == ict.id or t.focal_unit_id == ict.id]
        new = [t for t in tasks if t.assignee_unit_id == sci.id or t.focal_unit_id == sci.id]
        assert old and new
        assert all(t.assigned_on < MERGER for t in old)
        assert any(t.assigned_on >= MERGER for t in new)
        for t in tasks:
            for unit in (t.assignee_unit, t.focal_unit):
                if unit is not None and unit.retired_on is not None:
                    assert t.assigned_on < unit.retired_on, (t.content, unit.name)


def test_sessions_after_the_merger_are_at_the_new_standing_agency(db: Database) -> None:
    with db.session() as s:
        late = [
            w for w in s.scalars(select(WorkingSession)) if w.starts_on >= MERGER
        ]
        assert late
        for w in late:
            assert "Sở Khoa học và Công nghệ" in (w.place or "")
            units_seen = s.scalars(
                select(SessionParticipant.unit_snapshot).where(
                    SessionParticipant.session_id == w.id
                )
            ).all()
            assert not any(u and any(old in u for old in OLD) for u in units_seen), w.title


def test_the_units_view_lists_today_s_units(db: Database) -> None:
    names = {u.name for u in units.list_units(db)}
    assert "Sở Khoa học và Công nghệ" in names and "UBND phường Trường Vinh" in names
    assert not names & {*OLD, "UBND huyện Kỳ Sơn", "UBND thị xã Cửa Lò", "UBND thành phố Vinh"}


def test_two_years_starting_after_the_reorganisation_have_only_the_new_units(tmp_path) -> None:
    database = open_database(tmp_path / "later.sqlite3")
    load_demo(database, today=date(2028, 2, 29))
    with database.session() as s:
        names = [u.name for u in s.scalars(select(Unit))]
        assert all(u.active for u in s.scalars(select(Unit)))
        assert "Sở Khoa học và Công nghệ" in names and "Thuế tỉnh Nghệ An" in names
        assert not any(old in n for n in names for old in OLD)
        assert not any("huyện" in n or "thị xã" in n for n in names)
        for m in s.scalars(select(Meeting)):
            for text in _texts(s, m):
                assert not any(d in text for d in DISTRICT), text
    database.dispose()


def test_no_date_falls_on_a_public_holiday(db: Database) -> None:
    # New Year's Day 2025 and mùng 2 Tết Bính Ngọ among them: the audit found both in use.
    assert {date(2025, 1, 1), date(2026, 2, 18)} <= HOLIDAYS
    with db.session() as s:
        days = [m.starts_at.date() for m in s.scalars(select(Meeting))]
        days += [m.finalised_at.date() for m in s.scalars(select(Minutes)) if m.finalised_at]
        for t in s.scalars(select(Task)):
            days += [t.assigned_on, t.deadline, t.completed_on]
        for r in s.scalars(select(ReportingRound)):
            days += [r.opened_on, r.requested_on]
            if r.requested_on:  # an ad hoc round's due date is chosen, a regime's is fixed
                days.append(r.due_date)
        days += list(s.scalars(select(Submission.received_on)))
        assert not sorted({d for d in days if d is not None} & HOLIDAYS)
        for w in s.scalars(select(WorkingSession)):
            # The demo keeps its sessions off holidays, as an office would.
            assert not set(days_between(w.starts_on, w.ends_on)) & HOLIDAYS, w.title
            counted = len(working_days(s, w.starts_on, w.ends_on))
            who = select(SessionParticipant).where(SessionParticipant.session_id == w.id)
            for p in s.scalars(who):
                assert (p.days_present or 0) <= counted and all(
                    d.day not in HOLIDAYS for d in p.days
                )


def test_members_areas_after_the_districts_name_the_new_communes_and_wards(db: Database) -> None:
    """A member's area (địa bàn) in force after 1/7/2025 names the communes and wards of then,
    never a district, not even one "(cũ)"; the terms before keep the districts they had."""
    from bdcq_desktop.core.demo.data_reorg import DISTRICT_COMMUNES
    from bdcq_desktop.core.models import CommitteeMembership

    with db.session() as s:
        terms = s.scalars(select(CommitteeMembership)).all()
    before = [m.area or "" for m in terms if m.start_date < TWO_LEVEL]
    after = [m.area or "" for m in terms if m.start_date >= TWO_LEVEL]
    assert sum(a.startswith("Huyện ") for a in before) >= 10
    assert after and not [a for a in after if "huyện" in a.lower() or "(cũ)" in a]
    communes = {c for names in DISTRICT_COMMUNES.values() for c in names}
    for area in after:
        for part in area.split("; "):
            kind, _, names = part.partition(" ")
            if kind.lower() == "các" and names.startswith("xã "):
                assert set(names.removeprefix("xã ").split(", ")) <= communes, part
    nam_dan = next(a for a in after if "Kim Liên" in a)
    assert nam_dan.startswith("Các xã Nam Đàn, Vạn An, Thiên Nhẫn, Kim Liên, Đại Huệ"), nam_dan
    assert "; các xã " in nam_dan  # the area of Quỳ Châu the merged department's seat brought


def test_an_office_act_of_the_demo_falls_on_a_working_day(db: Database) -> None:
    """A task reported done, a report received or excused, a decision signed: the office
    records them on working days by the database's own days-off calendar (a task was done on
    Sunday 30/03/2025, 122 reports were received on a weekend, the merger's decisions were
    dated Saturday 1/3/2025). Deadlines and due dates count calendar days: not checked."""
    from bdcq_desktop.core.days_off import work_calendar
    from bdcq_desktop.core.models import CommitteeMembership, GroupMembership

    with db.session() as s:
        cal = work_calendar(s, date(2020, 1, 1), date(2030, 12, 31))
        acts: list[tuple[str, date | None]] = []
        acts += [("done", t.completed_on) for t in s.scalars(select(Task))]
        for sub in s.scalars(select(Submission)):
            acts += [("received", sub.received_on), ("waived", sub.waived_on)]
        for cls in (CommitteeMembership, GroupMembership):
            for m in s.scalars(select(cls)):
                acts += [("decided", m.decision_date), ("ended", m.end_decision_date)]
    acts = [(what, day) for what, day in acts if day is not None]
    assert len(acts) > 500
    assert not sorted((day, what) for what, day in acts if not cal.is_working_day(day))


def test_a_task_is_reported_done_by_the_unit_of_that_day(db: Database) -> None:
    with db.session() as s:
        by_name = {u.name: u for u in s.scalars(select(Unit))}
        done = [t for t in s.scalars(select(Task)) if t.status == TaskStatus.DONE]
        moved = 0
        for t in done:
            name = t.result_report.split("; ", 1)[1].split(" báo cáo tại ")[0]
            unit = by_name[name]
            assert unit.retired_on is None or t.completed_on < unit.retired_on, t.result_report
            symbol = t.result_report.split("/BC-")[1].split(" ")[0]
            assert symbol != "STTTT" or t.completed_on < MERGER, t.result_report
            moved += unit is not t.assignee_unit
        # Sở TT&TT's tasks finished after the merger: Sở KH&CN reported them.
        assert moved >= 1
        assert any("/BC-SKHCN" in t.result_report and t.completed_on < TWO_LEVEL for t in done)


def test_a_unit_s_report_arrives_while_the_unit_exists(db: Database) -> None:
    with db.session() as s:
        late = [
            (sub.unit.name, sub.received_on)
            for sub in s.scalars(select(Submission))
            if sub.received_on and sub.unit.retired_on and sub.received_on >= sub.unit.retired_on
        ]
        assert not late


def test_a_district_s_deadline_set_after_its_end_was_decided_falls_before_it(
    db: Database,
) -> None:
    decided = date(2025, 4, 12)  # Nghị quyết 60-NQ/TW
    with db.session() as s:
        checked = 0
        for t in s.scalars(select(Task)):
            if not decided <= t.assigned_on < TWO_LEVEL:
                continue
            district = t.assignee_unit.retired_on == TWO_LEVEL
            if district or any(d in t.content for d in ("huyện", "thị xã", "thành phố Vinh")):
                checked += 1
                assert t.deadline < TWO_LEVEL, (t.content, t.deadline)
        assert checked >= 1


CUA_LO = date(2024, 12, 1)  # Nghị quyết 1243/NQ-UBTVQH15: thị xã Cửa Lò into thành phố Vinh
TOWN = "thị xã cửa lò"  # as any text of the demo names the town, case folded


def _names_town(*texts: str | None) -> bool:
    return any(TOWN in (x or "").casefold() or "tx cửa lò" in (x or "").casefold() for x in texts)


def test_thi_xa_cua_lo_is_part_of_vinh_from_1_12_2024(db: Database) -> None:
    """From 1/12/2024 there is no UBND thị xã Cửa Lò: the unit went into UBND thành phố Vinh
    that day (merged, its history kept), its chair left, and nothing of a later day (a term,
    an area, an invitation, a report asked, a task, a document's text) names it; the
    standing member's area is then part of Vinh, and from 1/7/2025 phường Cửa Lò."""
    from bdcq_desktop.core.models import CommitteeMembership, GroupMembership, ReportingRegime

    with db.session() as s:
        by_name = {u.name: u for u in s.scalars(select(Unit))}
        town, city = by_name["UBND thị xã Cửa Lò"], by_name["UBND thành phố Vinh"]
        assert (town.active, town.retired_on, town.merged_into_id) == (False, CUA_LO, city.id)
        chair = s.get(Person, town.head_id)
        assert chair is not None and chair.position == "Nguyên Chủ tịch UBND thị xã Cửa Lò"
        for cls in (CommitteeMembership, GroupMembership):
            for m in s.scalars(select(cls)):
                if m.end_date is None or m.end_date >= CUA_LO:  # in force after 30/11/2024
                    area = m.area if isinstance(m, CommitteeMembership) else None
                    assert m.person.unit_id != town.id, m.person.full_name
                    assert not _names_town(area, m.position_at_start, m.field), (m.id, area)
        standing = sorted(
            s.scalars(
                select(CommitteeMembership).where(
                    CommitteeMembership.role == "standing_member"
                )
            ),
            key=lambda m: m.start_date,
        )
        areas = [(m.start_date, m.area) for m in standing]
        assert (CUA_LO, "Thành phố Vinh (khu vực Cửa Lò)") in areas, areas
        assert areas[0][1] == "Thị xã Cửa Lò" and areas[-1][1] == "Phường Cửa Lò", areas
        assert [m.end_date for m in standing if m.start_date < CUA_LO] == [date(2024, 11, 30)]
        for m in s.scalars(select(Meeting)):
            if m.starts_at.date() >= CUA_LO:
                assert not _names_town(*_texts(s, m)), m.title
                assert town.id not in {i.unit_id for i in m.invitees}, m.title
        for w in s.scalars(select(WorkingSession)):
            if w.ends_on >= CUA_LO:
                for p in w.participants:
                    assert not _names_town(p.unit_snapshot, p.position_snapshot), w.title
        for sub in s.scalars(select(Submission)):
            if sub.unit_id == town.id:
                assert sub.round.due_date < CUA_LO and sub.round.opened_on < CUA_LO
            if sub.round.due_date >= CUA_LO or (sub.waived_on and sub.waived_on >= CUA_LO):
                assert not _names_town(sub.summary), sub.round.title
        for regime in s.scalars(select(ReportingRegime)):
            assert town not in regime.units, regime.name
        for t in s.scalars(select(Task)):
            if t.assigned_on >= CUA_LO:
                assert town.id not in (t.assignee_unit_id, t.focal_unit_id), t.content
                assert not _names_town(t.content), t.content
            if t.completed_on and t.completed_on >= CUA_LO:
                assert not _names_town(t.result_report), t.result_report


def test_the_working_group_s_draft_is_the_plan_the_expanded_meeting_discusses(
    db: Database,
) -> None:
    with db.session() as s:
        draft = s.scalars(
            select(SessionOutput).where(SessionOutput.title.like("Dự thảo Đề án chuyển đổi số%"))
        ).one()
        meeting = s.scalars(
            select(Meeting).where(
                Meeting.kind == MeetingKind.EXPANDED, Meeting.title.like("%dự thảo Đề án%")
            )
        ).one()
        years = draft.title.rsplit("giai đoạn ", 1)[1]
        assert meeting.title.endswith(f"giai đoạn {years}")
        # Submitted, not approved: a meeting comments on it as a draft later.
        assert draft.status != "approved" and draft.session.starts_on < meeting.starts_at.date()


def test_no_conclusion_is_repeated_and_no_finished_task_given_again(db: Database) -> None:
    with db.session() as s:
        texts = list(s.scalars(select(Conclusion.text)))
        assert len(texts) == len(set(texts))
        tasks = sorted(s.scalars(select(Task)), key=lambda t: t.assigned_on)
        for i, t in enumerate(tasks):
            if t.status == TaskStatus.DONE:
                again = [x for x in tasks[i + 1 :] if x.content == t.content]
                assert not again, t.content
        everything = " ".join(texts + [t.content for t in tasks])
        # The national framework has been version 3.0 since 29/12/2023.
        assert "phiên bản 2.0" not in everything and "phiên bản 3.0" in everything


def test_the_standing_agency_s_address_names_its_ward(db: Database) -> None:
    with db.session() as s:
        org = s.get(Organisation, 1)
        assert org is not None
        assert org.address.endswith("phường Thành Vinh, tỉnh Nghệ An")
        late = [w for w in s.scalars(select(WorkingSession)) if w.starts_on >= TWO_LEVEL]
        assert late and all("phường Thành Vinh, tỉnh Nghệ An" in (w.place or "") for w in late)


# ---------------------------------------------------------------- the moves in the change log

STTTT, SKHCN = "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"


def _person(s, position: str) -> Person:
    return s.scalars(select(Person).where(Person.position == position)).one()


def _row_of(cells: list[str], name: str) -> str:
    """The cell after ``name``'s: their position and agency in a roster or a list."""
    return cells[cells.index(name) + 1]


def test_each_move_of_the_reorganisation_is_in_the_change_log_on_its_day(db: Database) -> None:
    """The load writes one summary line for its inserts, and for each person it moves the
    row the core would have written had the office saved the move that morning."""
    with db.session() as s:
        director = _person(s, f"Giám đốc {SKHCN}")
        old, new = (s.scalars(select(Unit.id).where(Unit.name == n)).one() for n in (STTTT, SKHCN))
        chair = _person(s, "Nguyên Chủ tịch UBND thành phố Vinh")
        marks = s.scalars(select(ChangeLog).where(ChangeLog.table_name == DEMO_MARK)).all()
        ids = director.id, chair.id
    assert len(marks) == 1
    rows = record_changes(db, "person", ids[0])
    assert len(rows) == 1 and rows[0].action == "update" and rows[0].user == current_user()
    assert rows[0].at.date() == MERGER and rows[0].at.hour < 12  # the morning (UTC)
    changes = {c.field: (c.before, c.after) for c in rows[0].changes}
    assert changes == {
        "position": (f"Giám đốc {STTTT}", f"Giám đốc {SKHCN}"),
        "unit_id": (old, new),
    }
    (left,) = record_changes(db, "person", ids[1])
    assert left.at.date() == TWO_LEVEL
    changes = {c.field: (c.before, c.after) for c in left.changes}
    assert changes["position"] == (
        "Chủ tịch UBND thành phố Vinh",
        "Nguyên Chủ tịch UBND thành phố Vinh",
    )


def test_a_roster_of_a_past_day_prints_the_posts_of_that_day(db: Database) -> None:
    with db.session() as s:
        director = _person(s, f"Giám đốc {SKHCN}").full_name
        chair = _person(s, "Nguyên Chủ tịch UBND thành phố Vinh").full_name
        retired = _person(s, "Nguyên Giám đốc Sở Y tế").full_name
        tax = _person(s, "Nguyên Trưởng Thuế tỉnh Nghệ An").full_name
    before = table_cells(service.draft(db, "roster", today=date(2024, 12, 1)))
    assert _row_of(before, director) == f"Giám đốc {STTTT}"
    assert _row_of(before, chair) == "Chủ tịch UBND thành phố Vinh"
    assert _row_of(before, tax) == "Cục trưởng Cục Thuế tỉnh"
    assert not [c for c in before if c.startswith("Nguyên ")]
    assert any(c.endswith(f", {STTTT}") for c in before)  # the secretary, the group
    between = table_cells(service.draft(db, "roster", today=date(2025, 7, 10)))
    assert _row_of(between, director) == f"Giám đốc {SKHCN}"
    assert _row_of(between, retired) == "Giám đốc Sở Y tế"
    assert _row_of(between, tax) == "Trưởng Thuế tỉnh Nghệ An"
    assert not [c for c in between if c.startswith("Nguyên ") or STTTT in c]
    today = table_cells(service.draft(db, "roster", today=TODAY))
    assert _row_of(today, director) == f"Giám đốc {SKHCN}"
    assert retired not in today  # replaced a year ago: today's roster has their successor


def test_an_attendance_list_of_a_meeting_with_no_invitees_has_the_posts_of_its_day(
    demo_db: Database,
) -> None:
    with demo_db.session() as s:
        director = _person(s, f"Giám đốc {SKHCN}").full_name
        chair = _person(s, "Nguyên Chủ tịch UBND thành phố Vinh").full_name
        head = s.scalars(select(Person.id).where(Person.position == "Chủ tịch UBND tỉnh")).one()
    start = datetime(2024, 12, 17, 8, 0)
    meeting = create_meeting(
        demo_db, title="Họp Ban Chỉ đạo tháng 12 năm 2024", kind="regular", starts_at=start,
        ends_at=start.replace(hour=11), place="Phòng họp tầng 3", chair_id=head, held=True,
        now=start.replace(hour=12),
    )  # fmt: skip
    sheet = table_cells(service.draft(demo_db, "attendance", meeting))
    i, j = sheet.index(director), sheet.index(chair)  # then the position, the agency
    assert sheet[i + 1 : i + 3] == ["Giám đốc", STTTT]
    assert sheet[j + 1 : j + 3] == ["Chủ tịch", "UBND thành phố Vinh"]
    assert not [c for c in sheet if c.startswith("Nguyên")]


def test_a_session_convocation_of_2025_lists_the_group_with_the_posts_of_its_day(
    demo_db: Database,
) -> None:
    session = create_session(
        demo_db, purpose="proposal", title="Rà soát danh mục dữ liệu mở",
        starts_on=date(2025, 2, 17), ends_on=date(2025, 2, 19),
    )  # fmt: skip
    with demo_db.session() as s:
        assert not s.get(WorkingSession, session).participants
    cells = table_cells(service.draft(demo_db, "wg-convocation", session))
    assert f"Phó Giám đốc {STTTT}" in cells
    assert any(c.endswith(f", {STTTT}") for c in cells)  # the group's members of the agency
    assert any(c.endswith(", Sở Tài nguyên và Môi trường") for c in cells)
    assert not [c for c in cells if SKHCN in c or "Nông nghiệp và Môi trường" in c]


# The 119 communes (xã) and 11 wards (phường) of Nghệ An since 1/7/2025, as Nghị quyết
# 1678/NQ-UBTVQH15 of 16/06/2025 names them (Điều 1, khoản 1–122, the nine communes it kept
# included), checked against the code list of Công văn 1027/CTK-CSCL of 25/06/2025.
NQ_1678_COMMUNES = frozenset({
    "An Châu", "Anh Sơn", "Anh Sơn Đông", "Bình Chuẩn", "Bình Minh", "Bích Hào", "Bạch Hà",
    "Bạch Ngọc", "Bắc Lý", "Cam Phục", "Chiêu Lưu", "Châu Bình", "Châu Hồng", "Châu Khê",
    "Châu Lộc", "Châu Tiến", "Con Cuông", "Cát Ngạn", "Diễn Châu", "Giai Lạc", "Giai Xuân",
    "Hoa Quân", "Huồi Tụ", "Hùng Chân", "Hùng Châu", "Hưng Nguyên", "Hưng Nguyên Nam", "Hạnh Lâm",
    "Hải Châu", "Hải Lộc", "Hợp Minh", "Hữu Khuông", "Hữu Kiệm", "Keng Đu", "Kim Bảng",
    "Kim Liên", "Lam Thành", "Lương Sơn", "Lượng Minh", "Minh Châu", "Minh Hợp", "Môn Sơn",
    "Mường Chọng", "Mường Ham", "Mường Lống", "Mường Quàng", "Mường Típ", "Mường Xén",
    "Mậu Thạch", "Mỹ Lý", "Na Loi", "Na Ngoi", "Nam Đàn", "Nga My", "Nghi Lộc", "Nghĩa Hành",
    "Nghĩa Hưng", "Nghĩa Khánh", "Nghĩa Lâm", "Nghĩa Lộc", "Nghĩa Mai", "Nghĩa Thọ", "Nghĩa Đàn",
    "Nghĩa Đồng", "Nhân Hòa", "Nhôn Mai", "Nậm Cắn", "Phúc Lộc", "Quan Thành", "Quang Đồng",
    "Quảng Châu", "Quế Phong", "Quỳ Châu", "Quỳ Hợp", "Quỳnh Anh", "Quỳnh Lưu", "Quỳnh Phú",
    "Quỳnh Sơn", "Quỳnh Tam", "Quỳnh Thắng", "Quỳnh Văn", "Sơn Lâm", "Tam Hợp", "Tam Quang",
    "Tam Thái", "Tam Đồng", "Thiên Nhẫn", "Thuần Trung", "Thành Bình Thọ", "Thông Thụ",
    "Thần Lĩnh", "Tiên Đồng", "Tiền Phong", "Tri Lễ", "Trung Lộc", "Tân An", "Tân Châu", "Tân Kỳ",
    "Tân Phú", "Tương Dương", "Vân Du", "Vân Tụ", "Văn Hiến", "Văn Kiều", "Vĩnh Tường", "Vạn An",
    "Xuân Lâm", "Yên Hòa", "Yên Na", "Yên Thành", "Yên Trung", "Yên Xuân", "Đô Lương",
    "Đông Hiếu", "Đông Lộc", "Đông Thành", "Đại Huệ", "Đại Đồng", "Đức Châu",
})
NQ_1678_WARDS = frozenset({
    "Cửa Lò", "Hoàng Mai", "Quỳnh Mai", "Thành Vinh", "Thái Hòa", "Trường Vinh", "Tân Mai",
    "Tây Hiếu", "Vinh Hưng", "Vinh Lộc", "Vinh Phú",
})


def test_the_demo_s_communes_and_wards_are_those_of_the_resolution() -> None:
    """Every commune and ward the demo names after 1/7/2025 exists, spelt as the resolution
    spells it (the district seat's name is not always a commune: Thanh Chương's seat, thị trấn
    Dùng, went into xã Đại Đồng)."""
    from bdcq_desktop.core.demo.data_reorg import AREAS_AFTER, DISTRICT_COMMUNES, WARDS

    communes = [c for names in DISTRICT_COMMUNES.values() for c in names]
    assert len(communes) == len(set(communes)) >= 100
    assert set(communes) <= NQ_1678_COMMUNES, sorted(set(communes) - NQ_1678_COMMUNES)
    assert set(WARDS) == NQ_1678_WARDS
    for area in AREAS_AFTER.values():
        named = area.removeprefix("Các phường ").removeprefix("Phường ").split(" và xã ")
        assert set(named[0].split(", ")) <= NQ_1678_WARDS, area
        assert set(named[1:]) <= NQ_1678_COMMUNES, area
