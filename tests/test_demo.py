"""The demo data: realistic, consistent with the domain rules, deterministic, all or nothing."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import func, select

from bdcq_desktop.core import demo as demo_module
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.demo import DemoSummary, load_demo
from bdcq_desktop.core.demo.builder import BaseBuilder, working_day_on_or_before
from bdcq_desktop.core.enums import DEPUTY_HEADS
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.membership_rules import is_current
from bdcq_desktop.core.models import (
    AgendaItem,
    AttendanceStatus,
    CommitteeMembership,
    CommitteeRole,
    Conclusion,
    GroupMembership,
    GroupRole,
    Honorific,
    Invitee,
    InviteeCategory,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    Organisation,
    ParticipantRole,
    Person,
    PersonKind,
    ReportingRegime,
    ReportingRound,
    SessionOutput,
    SessionParticipant,
    Submission,
    SubmissionStatus,
    Task,
    TaskEvent,
    TaskSource,
    TaskStatus,
    Unit,
    UnitKind,
    WorkingSession,
    submission_status,
)
from bdcq_desktop.core.working_group import group_leader_on
from tests.conftest import own_data_folder

TODAY = date(2026, 11, 24)
COUNTED = {
    "units": Unit,
    "people": Person,
    "committee_memberships": CommitteeMembership,
    "group_memberships": GroupMembership,
    "meetings": Meeting,
    "agenda_items": AgendaItem,
    "invitees": Invitee,
    "conclusions": Conclusion,
    "tasks": Task,
    "working_sessions": WorkingSession,
    "session_participants": SessionParticipant,
    "session_outputs": SessionOutput,
    "reporting_regimes": ReportingRegime,
    "reporting_rounds": ReportingRound,
    "submissions": Submission,
}


def _counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {k: s.scalar(select(func.count()).select_from(m)) or 0 for k, m in COUNTED.items()}


def _active(m: CommitteeMembership | GroupMembership, on: date) -> bool:
    return is_current(m.start_date, m.end_date, on)  # the end date is the last day


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("demo")
    with own_data_folder(folder):  # set up before any test's own folders
        db = open_database(folder / "demo.sqlite3")
        summary = load_demo(db, today=TODAY)
    yield db, summary
    db.dispose()


@pytest.fixture
def db(demo) -> Database:
    return demo[0]


def test_summary_matches_the_database(demo) -> None:
    db, summary = demo
    assert isinstance(summary, DemoSummary)
    assert _counts(db) == {k: getattr(summary, k) for k in COUNTED}
    assert "units=" in str(summary)


def test_units_are_the_real_ones_with_kinds_and_heads(db: Database) -> None:
    with db.session() as s:
        units = s.scalars(select(Unit)).all()
        kinds = Counter(u.kind for u in units)
        # The units of the two years: those of 2024 (20 departments, 21 districts), and those
        # of the reorganisation (3 departments, Thuế tỉnh, 11 wards).
        assert len(units) == 66
        assert kinds[UnitKind.DEPARTMENT] == 23
        assert kinds[UnitKind.LOCALITY] == 32
        assert kinds[UnitKind.CENTRAL_AGENCY] == 7
        assert kinds[UnitKind.ENTERPRISE] == 2
        assert kinds[UnitKind.UNIVERSITY] == 1
        assert kinds[UnitKind.SECTOR] == 1  # the Provincial People's Committee
        active = Counter(u.kind for u in units if u.active)
        assert active[UnitKind.DEPARTMENT] == 14 and active[UnitKind.LOCALITY] == 11
        names = {u.name: u for u in units}
        assert names["UBND tỉnh Nghệ An"].kind == UnitKind.SECTOR
        assert names["UBND tỉnh Nghệ An"].head.position == "Chủ tịch UBND tỉnh"
        assert names["UBND thành phố Vinh"].kind == UnitKind.LOCALITY
        assert names["UBND huyện Anh Sơn"].kind == UnitKind.LOCALITY
        assert names["Viettel Nghệ An"].kind == UnitKind.ENTERPRISE
        assert names["Cục Thuế tỉnh"].kind == UnitKind.CENTRAL_AGENCY
        for u in units:
            assert u.head is not None, u.name
            # A unit gone keeps its last head, who may work in the unit it merged into.
            if u.active:
                assert u.head.unit_id == u.id
            elif u.name == "UBND thị xã Cửa Lò":  # into thành phố Vinh (NQ 1243/NQ-UBTVQH15)
                assert u.retired_on == date(2024, 12, 1), u.retired_on
                assert u.merged_into_id == names["UBND thành phố Vinh"].id
            else:
                assert u.retired_on in (date(2025, 3, 1), date(2025, 7, 1)), u.name
                assert (u.merged_into_id is None) == (u.kind == UnitKind.LOCALITY), u.name
        # The head of a district keeps it as the position of the time, "Nguyên" today.
        assert names["UBND huyện Anh Sơn"].head.position == "Nguyên Chủ tịch UBND huyện Anh Sơn"
        assert names["UBND phường Trường Vinh"].head.position == "Chủ tịch UBND phường Trường Vinh"


def test_no_two_units_share_an_email_address_or_a_phone_line(db: Database) -> None:
    """A ward named after the town it replaced (phường Cửa Lò, thị xã Cửa Lò) has a mailbox of
    its own: a reminder sent to one office must not land at the other."""
    with db.session() as s:
        units = s.scalars(select(Unit)).all()
        emails = Counter(u.email for u in units if u.email)
        assert [e for e, n in emails.items() if n > 1] == []
        phones = Counter(u.phone for u in units if u.phone)
        assert [p for p, n in phones.items() if n > 1] == []
        by_name = {u.name: u.email for u in units}
    assert by_name["UBND phường Cửa Lò"] == "phuongcualo@nghean.gov.vn"
    assert by_name["UBND thị xã Cửa Lò"] == "ubnd.cualo@nghean.gov.vn"
    assert by_name["UBND phường Hoàng Mai"] != by_name["UBND thị xã Hoàng Mai"]
    assert by_name["UBND phường Thái Hòa"] != by_name["UBND thị xã Thái Hòa"]


def test_an_office_line_already_given_is_drawn_again() -> None:
    builder = BaseBuilder(None, TODAY, random.Random(1))  # type: ignore[arg-type]
    first = builder.office_phone(random.Random(5))
    assert builder.office_phone(random.Random(5)) != first  # the same draw: a clash


def test_organisation_settings(db: Database) -> None:
    with db.session() as s:
        org = s.get(Organisation, 1)
        assert org is not None
        assert org.parent_body == "UBND TỈNH NGHỆ AN"
        assert org.committee_name == "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An"
        assert org.abbreviation == "BCĐ" and org.place_name == "Nghệ An"
        # The settings of today, after the reorganisation of 2025.
        assert org.standing_agency.name == "Sở Khoa học và Công nghệ"
        assert org.address and org.phone and org.email
        assert "TP Vinh" not in org.address and org.standing_agency.address == org.address
        roles = {
            m.person_id: m.role
            for m in s.scalars(
                select(CommitteeMembership).where(CommitteeMembership.end_date.is_(None))
            )
        }
        assert roles[org.default_signer_id] == CommitteeRole.HEAD
        assert roles[org.default_deputy_signer_id] == CommitteeRole.DEPUTY_HEAD


def test_committee_roster_and_reorganisation(db: Database) -> None:
    with db.session() as s:
        ms = s.scalars(select(CommitteeMembership)).all()
        active = Counter(m.role for m in ms if m.end_date is None)
        assert active[CommitteeRole.HEAD] == 1
        # The Phó Trưởng ban Thường trực (the standing agency's director) and the other Deputy.
        assert active[CommitteeRole.STANDING_DEPUTY_HEAD] == 1
        assert active[CommitteeRole.DEPUTY_HEAD] >= 1
        assert active[CommitteeRole.STANDING_MEMBER] == 1
        assert 12 <= active[CommitteeRole.MEMBER] <= 24
        assert active[CommitteeRole.SECRETARY] == 1
        for m in ms:
            assert m.field and m.position_at_start
            assert re.fullmatch(r"\d+/QĐ-UBND", m.decision_number or "")
        ended = [m for m in ms if m.end_date is not None]
        decisions = {m.end_decision_number for m in ended}
        initial = [m for m in ms if m.decision_number not in decisions]
        assert len({m.decision_number for m in initial}) == 1
        assert all(700 <= (TODAY - m.start_date).days <= 820 for m in initial)
        # Signed the day it takes effect, or the working day before one that is a day off
        # (the merger's, effective Saturday 1/3/2025, on Friday 28/02).
        for m in ms:
            assert m.decision_date is not None and m.decision_date <= m.start_date
            assert m.decision_date == m.start_date or (
                m.start_date.weekday() >= 5 and (m.start_date - m.decision_date).days <= 2
            ), (m.decision_date, m.start_date)
        # Four kiện toàn: thị xã Cửa Lò part of thành phố Vinh (1/12/2024: the standing
        # member's area), the departments merged (1/3/2025), the districts gone (1/7/2025), and
        # heads replaced a year ago. Each old term ends the day before its decision takes
        # effect (membership_rules), the day the new terms of that decision start.
        starts = {m.end_decision_number: m.end_date + timedelta(1) for m in ended}
        events = [date(2024, 12, 1), date(2025, 3, 1), date(2025, 7, 1)]
        assert sorted(starts.values())[:3] == events
        assert len(starts) == 4 and 300 <= (TODAY - max(starts.values())).days <= 430
        for m in ended:
            assert m.end_date + timedelta(1) == starts[m.end_decision_number]
            assert m.end_decision_date == working_day_on_or_before(starts[m.end_decision_number])
        for number, day in starts.items():
            assert {m.start_date for m in ms if m.decision_number == number} == {day}
        # A year ago: the heads who left are replaced, seat for seat.
        last = max(starts, key=starts.__getitem__)
        successors = [m for m in ms if m.decision_number == last]
        gone = [m for m in ended if m.end_decision_number == last]
        assert 2 <= len(gone) == len(successors) <= 3
        assert {(m.field, m.area) for m in successors} == {(m.field, m.area) for m in gone}
        # The person who left keeps the position they had on the roster of their time.
        left = {m.person_id for m in ended} - {m.person_id for m in ms if m.end_date is None}
        assert len(left) >= 8  # the merged departments' directors, the district chairs
        for m in ended:
            if m.person_id in left:
                assert m.position_at_start != m.person.position
        # The merged department's director heads the one it merged into, and stays.
        moved = {m.position_at_start for m in ms if m.person.position.startswith("Giám đốc Sở Kh")}
        assert moved == {
            "Giám đốc Sở Thông tin và Truyền thông",
            "Giám đốc Sở Khoa học và Công nghệ",
        }
        ict = s.scalars(
            select(CommitteeMembership)
            .join(Person, CommitteeMembership.person_id == Person.id)
            .join(Unit, Person.unit_id == Unit.id)
            .where(Unit.name == "Sở Khoa học và Công nghệ", CommitteeMembership.end_date.is_(None))
        ).all()
        assert {m.role for m in ict} >= {
            CommitteeRole.STANDING_DEPUTY_HEAD,
            CommitteeRole.SECRETARY,
        }
        # Nobody on today's roster is from a unit gone, nor answers for a district.
        for m in ms:
            if m.end_date is None:
                assert m.person.unit.active, m.person.unit.name
                assert "huyện" not in (m.position_at_start or "").lower()
                assert not re.search(r"(^|; )(Huyện|Thị xã|Thành phố) ", m.area or ""), m.area
        # Everyone on the current roster has a unit: the chair and vice-chair that of the province.
        current = [m for m in ms if m.end_date is None]
        assert all(m.person.unit is not None for m in current)
        provincial = {
            m.person.position: m.person.unit.name
            for m in current
            if m.role in (CommitteeRole.HEAD, CommitteeRole.DEPUTY_HEAD)
            and m.person.position.endswith("UBND tỉnh")
        }
        assert provincial == {
            "Chủ tịch UBND tỉnh": "UBND tỉnh Nghệ An",
            "Phó Chủ tịch UBND tỉnh": "UBND tỉnh Nghệ An",
        }


def test_no_seat_has_two_holders_on_the_reorganisation_day(db: Database) -> None:
    """The roster of the day a reorganisation takes effect is the new one alone: the day
    before's without the terms ending on it, with the terms starting; the same the day after;
    nobody holds two terms on it, and nobody's term ends on it."""
    for model in (CommitteeMembership, GroupMembership):
        with db.session() as s:
            ms = s.scalars(select(model)).all()
        changes = {m.start_date for m in ms if any(e.end_date for e in ms)} - {
            min(m.start_date for m in ms)
        }
        assert changes, model
        for day in changes:
            days = (day - timedelta(1), day, day + timedelta(1))
            sizes = [sum(_active(m, d) for m in ms) for d in days]
            ending = sum(m.end_date == days[0] for m in ms)
            starting = sum(m.start_date == day for m in ms)
            assert sizes[0] - ending + starting == sizes[1] == sizes[2], (model.__name__, day)
            assert not any(m.end_date == day for m in ms), (model.__name__, day)
            people = [m.person_id for m in ms if _active(m, day)]
            assert len(people) == len(set(people)), (model.__name__, day)


def test_working_group_and_experts(db: Database) -> None:
    with db.session() as s:
        gms = s.scalars(select(GroupMembership)).all()
        active = Counter(g.role for g in gms if g.end_date is None)
        assert active[GroupRole.LEADER] == 1 and active[GroupRole.DEPUTY_LEADER] == 1
        assert 7 <= active[GroupRole.MEMBER] <= 12
        leaders = [g for g in gms if g.role == GroupRole.LEADER]
        # One Tổ trưởng, re-appointed as Phó Giám đốc of the department that took in his.
        assert len({g.person_id for g in leaders}) == 1
        assert [g.position_at_start for g in leaders] == [
            "Phó Giám đốc Sở Thông tin và Truyền thông",
            "Phó Giám đốc Sở Khoa học và Công nghệ",
        ]
        assert leaders[0].person.position == "Phó Giám đốc Sở Khoa học và Công nghệ"
        current = [g for g in gms if g.end_date is None]
        assert all(g.person.unit.active for g in current)
        assert any(g.end_date for g in gms)
        experts = s.scalars(
            select(Person).where(Person.kind.in_([PersonKind.EXPERT, PersonKind.SCIENTIST]))
        ).all()
        assert len(experts) >= 4
        assert {e.unit.name for e in experts} >= {"Trường Đại học Vinh", "Viettel Nghệ An"}
        for e in experts:
            assert not re.search(r"\b(TS|ThS|PGS|GS)\b", e.full_name)


def test_people_are_plausible_and_unique(db: Database) -> None:
    with db.session() as s:
        people = s.scalars(select(Person)).all()
        names = [p.full_name for p in people]
        assert len(names) == len(set(names))
        for p in people:
            assert p.full_name == unicodedata.normalize("NFC", p.full_name)
            words = p.full_name.split()
            assert 3 <= len(words) <= 4
            if "Thị" in words:
                assert p.honorific == Honorific.BA
            assert re.fullmatch(r"09\d{2} \d{3} \d{3}", p.phone or "")
            if p.email:
                assert re.fullmatch(r"[a-z0-9]+\.[a-z0-9]+@[a-z.]+", p.email), p.email
        emails = [p.email for p in people if p.email]
        assert len(emails) == len(set(emails))
        assert Counter(p.honorific for p in people)[Honorific.BA] >= 5


def test_meetings_of_every_kind_and_status(db: Database) -> None:
    with db.session() as s:
        meetings = s.scalars(select(Meeting).order_by(Meeting.starts_at)).all()
        secretary = s.scalar(
            select(CommitteeMembership.person_id).where(
                CommitteeMembership.role == CommitteeRole.SECRETARY
            )
        )
        assert {m.kind for m in meetings} == set(MeetingKind)
        statuses = Counter(m.status for m in meetings)
        assert statuses[MeetingStatus.PLANNED] == 1
        assert statuses[MeetingStatus.CONVENED] == 1
        assert statuses[MeetingStatus.CANCELLED] == 1
        assert statuses[MeetingStatus.MINUTES_FINAL] >= 6
        assert statuses[MeetingStatus.HELD] >= 1
        assert meetings[0].starts_at.date() >= TODAY - timedelta(days=740)
        for m in meetings:
            assert m.starts_at.weekday() < 5 and m.starts_at.hour in (8, 14)
            assert m.ends_at is not None and m.ends_at > m.starts_at
            assert m.chair_id and m.place and m.secretary_id == secretary
            assert 3 <= len(m.agenda) <= 7
            future = m.starts_at.date() > TODAY
            assert future == (m.status in (MeetingStatus.PLANNED, MeetingStatus.CONVENED))
            held = m.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL)
            assert (m.minutes is not None) == held
            assert bool(m.conclusions) == held
            if held:
                assert 3 <= len(m.conclusions) <= 6
                assert all(a.minutes_text for a in m.agenda)
                assert m.minutes.opening_text and m.minutes.opened_at
                assert m.minutes.is_final == (m.status == MeetingStatus.MINUTES_FINAL)
                assert all(i.attendance != AttendanceStatus.UNKNOWN for i in m.invitees)
            if m.status == MeetingStatus.MINUTES_FINAL:
                assert m.starts_at < m.minutes.finalised_at < m.starts_at + timedelta(days=12)
            if m.status == MeetingStatus.PLANNED:
                assert m.kind == MeetingKind.REGULAR and not m.invitees
                assert not any(a.minutes_text for a in m.agenda)
            if m.status in (MeetingStatus.CONVENED, MeetingStatus.CANCELLED):
                assert {i.attendance for i in m.invitees} == {AttendanceStatus.UNKNOWN}

        regular = [m for m in meetings if m.kind == MeetingKind.REGULAR]
        past = [m for m in regular if m.starts_at.date() < TODAY]
        assert len(past) == 4
        for a, b in pairwise(regular):
            assert 150 <= (b.starts_at - a.starts_at).days <= 215
        assert "6 tháng đầu năm" in " ".join(m.title for m in regular)

        extraordinary = [m for m in meetings if m.kind == MeetingKind.EXTRAORDINARY]
        assert len(extraordinary) == 2
        deputies = set(
            s.scalars(
                select(CommitteeMembership.person_id).where(
                    CommitteeMembership.role.in_(DEPUTY_HEADS)
                )
            )
        )
        standing = s.scalar(
            select(CommitteeMembership.person_id).where(
                CommitteeMembership.role == CommitteeRole.STANDING_MEMBER
            )
        )
        assert all(m.called_by_id in deputies for m in extraordinary)
        assert sum(m.proposed_by_id == standing for m in extraordinary) == 1

        expanded = [m for m in meetings if m.kind == MeetingKind.EXPANDED]
        assert len(expanded) == 2
        for m in expanded:
            categories = {i.category for i in m.invitees}
            assert {InviteeCategory.AGENCY_HEAD, InviteeCategory.EXPERT} <= categories
        briefings = [m for m in meetings if m.kind == MeetingKind.BRIEFING]
        assert 3 <= sum(m.starts_at.date() < TODAY for m in briefings) <= 4
        attendance = Counter(i.attendance for m in meetings for i in m.invitees)
        assert attendance[AttendanceStatus.ABSENT] and attendance[AttendanceStatus.SUBSTITUTE]
        for m in meetings:
            for i in m.invitees:
                assert i.name_snapshot and i.position_snapshot
                if i.attendance == AttendanceStatus.ABSENT:
                    assert i.absence_reason
                if i.attendance == AttendanceStatus.SUBSTITUTE:
                    assert i.substitute_name and i.substitute_position


def test_each_agenda_item_has_one_presenter_as_the_form_keeps_it(db: Database) -> None:
    """The agenda form keeps one presenter (a person, a unit or a name): demo items naming a
    person and a unit lost the unit, unsaid, the first time their agenda was saved."""
    with db.session() as s:
        items = s.scalars(select(AgendaItem)).all()
        assert items
        for item in items:
            given = [item.presenter_person_id, item.presenter_unit_id, item.presenter_name]
            assert sum(value is not None for value in given) <= 1, item.title


def test_invitees_follow_the_membership_history(db: Database) -> None:
    with db.session() as s:
        memberships = s.scalars(select(CommitteeMembership)).all()
        ended = {m.person_id for m in memberships if m.end_date}
        left = ended - {m.person_id for m in memberships if m.end_date is None}
        joined = {
            m.person_id
            for m in memberships
            if m.decision_number in {e.end_decision_number for e in memberships if e.end_date}
        }
        saw_ended = saw_joined = False
        for m in s.scalars(select(Meeting)).all():
            on = m.starts_at.date()
            members = {i.person_id for i in m.invitees if i.category == InviteeCategory.MEMBER}
            # The members proper: the committee's Secretary serves the meeting as its
            # secretary, not invited as a member (core.meeting_secretary).
            active = {
                ms.person_id
                for ms in memberships
                if _active(ms, on) and ms.role != CommitteeRole.SECRETARY
            }
            assert members <= active, m.title
            assert m.secretary_id not in {i.person_id for i in m.invitees}, m.title
            everyone = (MeetingKind.REGULAR, MeetingKind.EXTRAORDINARY, MeetingKind.EXPANDED)
            if m.kind in everyone and m.invitees:
                assert members == active, m.title
            saw_ended |= bool(members & ended)
            saw_joined |= bool(members & joined)
            # The snapshot keeps the position of the time, not today's.
            for i in m.invitees:
                if i.person_id in left and i.category == InviteeCategory.MEMBER:
                    assert i.position_snapshot != i.person.position
                # ... and the unit of the time: one that existed on the day.
                if i.unit is not None:
                    assert i.unit.retired_on is None or on < i.unit.retired_on, i.unit.name
        assert saw_ended and saw_joined


def test_tasks_from_conclusions_with_mixed_statuses(db: Database) -> None:
    with db.session() as s:
        tasks = s.scalars(select(Task)).all()
        statuses = Counter(t.status for t in tasks)
        assert statuses[TaskStatus.DONE] and statuses[TaskStatus.IN_PROGRESS]
        assert statuses[TaskStatus.OPEN]
        overdue = [
            t
            for t in tasks
            if t.deadline < TODAY and t.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)
        ]
        assert len(overdue) >= 3
        assert sum(t.source == TaskSource.AD_HOC for t in tasks) >= 2
        for t in tasks:
            assert t.assignee_unit_id or t.assignee_person_id
            assert t.deadline >= t.assigned_on
            if t.status == TaskStatus.DONE:
                assert t.completed_on and t.result_report
                assert t.assigned_on <= t.completed_on <= TODAY
            else:
                assert t.completed_on is None
            if t.source == TaskSource.CONCLUSION:
                meeting = t.conclusion.meeting
                assert t.assigned_by_id == meeting.chair_id
                assert t.assigned_on == meeting.starts_at.date()
        assert any(t.focal_unit_id for t in tasks)


def test_overdue_tasks_are_a_handful_the_office_still_chases(db: Database) -> None:
    """Two years on, an office has settled the tasks long overdue (stopped with the reason,
    or reported done late): a few stay overdue, by weeks or months, not years."""
    with db.session() as s:
        tasks = s.scalars(select(Task)).all()
        late = [
            (TODAY - t.deadline).days
            for t in tasks
            if t.deadline < TODAY and t.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)
        ]
        assert 3 <= len(late) <= 6 and max(late) <= 200, sorted(late)
        stopped = [t for t in tasks if t.status == TaskStatus.CANCELLED]
        assert len(stopped) >= 3
        # Stopped through a stop record with the reason, the result column left empty.
        stops = {e.task_id: e for e in s.scalars(select(TaskEvent)) if e.kind == "stop"}
        assert all(t.id in stops and stops[t.id].text for t in stopped)
        assert all(t.result_report is None for t in stopped)
        assert all(t.completed_on is None for t in stopped)
        # Settled as the office does it: most pressed to the end, reported done late.
        assert sum(t.completed_on is not None and t.completed_on > t.deadline for t in tasks) > 6


def test_working_sessions(db: Database) -> None:
    with db.session() as s:
        sessions = s.scalars(select(WorkingSession)).all()
        leader = s.scalar(
            select(GroupMembership.person_id).where(GroupMembership.role == GroupRole.LEADER)
        )
        assert 5 <= len(sessions) <= 6
        assert len({w.purpose for w in sessions}) >= 4
        for w in sessions:
            assert 2 <= (w.ends_on - w.starts_on).days <= 14 and w.ends_on < TODAY
            assert w.convened_by_id == leader and w.place
            # Rule 8 as the core checks it: the Tổ trưởng of the first day convened it.
            on_day = group_leader_on(s, w.starts_on)
            assert on_day is not None and on_day.id == w.convened_by_id
            roles = Counter(p.role for p in w.participants)
            assert roles[ParticipantRole.LEADER] == 1 and roles[ParticipantRole.EXPERT] >= 1
            assert roles[ParticipantRole.MEMBER] >= 4
            assert w.outputs and all(o.version_label for o in w.outputs)


def test_session_attendance_days_match_days_present(db: Database) -> None:
    """The per-day grid of a demo session is filled: one row per day present, on the session's
    working days, as many as ``days_present`` counts; the absent have none."""
    with db.session() as s:
        sessions = s.scalars(select(WorkingSession)).all()
        partial = 0
        for w in sessions:
            length = (w.ends_on - w.starts_on).days + 1
            span = [w.starts_on + timedelta(days=i) for i in range(length)]
            work_days = [d for d in span if d.weekday() < 5]
            for p in w.participants:
                days = [d.day for d in p.days]
                assert len(days) == (p.days_present or 0), (w.title, p.name_snapshot)
                assert set(days) <= set(work_days)
                if p.attendance == AttendanceStatus.ABSENT:
                    assert days == [] and p.absence_reason
                else:
                    assert days and p.attendance == AttendanceStatus.PRESENT
                partial += 0 < len(days) < len(work_days)
        assert partial >= 1  # some missed a day or two, and the grid shows which


def test_partial_absences_have_their_reasons(db: Database) -> None:
    """Someone who missed a day or two of a session has the reason the grid keeps ("Lý do
    vắng"), one that fits who they are: the demo shows what the report prints beside the days
    present ("Vắng 1 ngày: …"). Someone present every day has none."""
    with db.session() as s:
        sessions = s.scalars(select(WorkingSession)).all()
        reasons = []
        for w in sessions:
            length = (w.ends_on - w.starts_on).days + 1
            every = {w.starts_on + timedelta(days=i) for i in range(length)}
            work_days = {d for d in every if d.weekday() < 5}
            for p in w.participants:
                days = {d.day for d in p.days}
                if days and days < work_days:
                    assert p.absence_reason, (w.title, p.name_snapshot)
                    reasons.append(p.absence_reason)
                elif days == work_days:
                    assert p.absence_reason is None, (w.title, p.name_snapshot)
        # Several, and not all alike.
        assert len(reasons) >= 5 and len(set(reasons)) >= 4, reasons


def test_sessions_serve_conclusions_of_earlier_meetings(db: Database) -> None:
    with db.session() as s:
        sessions = s.scalars(select(WorkingSession)).all()
        linked = [w for w in sessions if w.conclusion_id is not None]
        assert len(linked) >= 2
        for w in linked:
            assert w.conclusion.meeting.starts_at.date() < w.starts_on
            assert w.task_id is None or w.task.conclusion_id == w.conclusion_id


def test_reporting_regimes_rounds_and_submissions(db: Database) -> None:
    with db.session() as s:
        regimes = s.scalars(select(ReportingRegime)).all()
        assert len(regimes) == 4
        assert all(r.due_day == 20 and r.cutoff_day == 15 and r.receiving_body for r in regimes)
        rounds = s.scalars(select(ReportingRound)).all()
        labels = {r.period_label for r in rounds}
        assert {"6 tháng đầu năm 2025", "Quý III/2025"} <= labels
        ad_hoc = [r for r in rounds if r.conclusion_id is not None]
        assert ad_hoc and all(r.request_reference and r.requested_on for r in ad_hoc)
        statuses: Counter[SubmissionStatus] = Counter()
        for r in rounds:
            assert r.due_date >= (r.cutoff_date or r.due_date)
            if r.conclusion_id is None:
                assert 20 <= len(r.submissions) <= 41
            # The units asked are those of the day the round was opened (rounds.open_round):
            # before the reorganisation the districts, after it the wards, never both.
            for sub in r.submissions:
                gone = sub.unit.retired_on
                assert gone is None or r.opened_on < gone, (r.title, sub.unit.name)
            names = " ".join(sub.unit.name for sub in r.submissions)
            assert not ("UBND huyện" in names and "UBND phường" in names), r.title
            if r.opened_on >= date(2025, 3, 1):
                assert "Sở Thông tin và Truyền thông" not in names
            units = [sub.unit_id for sub in r.submissions]
            assert len(units) == len(set(units))
            per_round = Counter(
                submission_status(sub.received_on, r.due_date, TODAY) for sub in r.submissions
            )
            statuses.update(per_round)
            if r.due_date > TODAY:
                assert per_round[SubmissionStatus.NOT_DUE] >= len(r.submissions) * 0.8
            for sub in r.submissions:
                assert (sub.received_on is None) == (sub.document_number is None)
                assert sub.received_on is None or sub.received_on <= TODAY
        for status in SubmissionStatus:
            if status == SubmissionStatus.WAIVED:
                continue  # not of the dates: a decision recorded (below)
            assert statuses[status] >= 3, status


def _overdue_reports(db: Database, today: date) -> list[tuple[int, str, str]]:
    """(days overdue, unit, round) of each report not in by its due date, nor excused, on
    ``today``."""
    with db.session() as s:
        return sorted(
            ((today - sub.round.due_date).days, sub.unit.name, sub.round.title)
            for sub in s.scalars(select(Submission))
            if sub.status_on(today) == SubmissionStatus.OVERDUE
        )


def test_reports_unsent_are_received_late_leaving_a_few_weeks_overdue(db: Database) -> None:
    """An office chases a late report until it comes: the demo receives most of them late,
    on a later day with its number, and the few still overdue are weeks late, not a year
    (Văn phòng UBND tỉnh's own report of the second half of 2025 was)."""
    overdue = _overdue_reports(db, TODAY)
    assert 1 <= len(overdue) <= 6 and max(d for d, *_ in overdue) <= 95, overdue
    with db.session() as s:
        late = [
            sub
            for sub in s.scalars(select(Submission))
            if sub.received_on is not None and sub.received_on > sub.round.due_date + timedelta(30)
        ]
        assert len(late) >= 10
        assert all(re.fullmatch(r"\d+/BC-[A-ZĐ0-9]+", sub.document_number or "") for sub in late)
        assert all(sub.summary for sub in late)
        office = s.scalars(
            select(Submission)
            .join(ReportingRound)
            .join(Unit)
            .where(
                Unit.name == "Văn phòng UBND tỉnh",
                ReportingRound.period_label == "6 tháng cuối năm 2025",
            )
        ).all()
        assert office and all(sub.received_on is not None for sub in office)


def test_reports_the_reorganisation_left_unsent_are_waived_not_chased_for_years(
    db: Database,
) -> None:
    """An office does not chase a report for two years: the demo excuses (miễn nộp) those the
    2025 reorganisation left unsent, each with its reason and a working day after the unit
    stopped (its successor reports for it) or after it was due; the Đôn đốc list and the
    reminder keep no item of those, and none 700 days old."""
    from bdcq_desktop.core import chase
    from bdcq_desktop.core.demo.builder import is_working_day

    with db.session() as s:
        waived = [
            (sub.unit.name, sub.unit.retired_on, sub.round.due_date, sub.waived_on,
             sub.waived_reason)
            for sub in s.scalars(select(Submission).where(Submission.waived_on.is_not(None)))
        ]  # fmt: skip
        unsent = s.scalars(
            select(Submission)
            .join(ReportingRound)
            .where(
                Submission.received_on.is_(None),
                Submission.waived_on.is_(None),
                ReportingRound.due_date <= date(2025, 7, 1),
            )
        ).all()
    assert len(waived) >= 5 and not unsent
    reasons = {reason for *_, reason in waived}
    assert any("hợp nhất vào" in r for r in reasons)
    assert any("kết thúc hoạt động từ ngày 01/07/2025" in r for r in reasons)
    for unit, gone, due, on, reason in waived:
        assert reason and is_working_day(on) and due < on <= TODAY, unit
        assert gone is None or gone < on, unit
        assert (gone is None) == ("sắp xếp tổ chức bộ máy" in reason), unit
    overview = chase.chase_overview(db, today=TODAY)
    assert not overview.left_out
    assert max(u.most_days_late for u in overview.units) < 700
    assert any(u.reports for u in overview.units)  # the recent ones are still chased


def test_second_load_is_refused_and_changes_nothing(db: Database) -> None:
    before = _counts(db)
    with pytest.raises(BcdError, match="đã có dữ liệu"):
        load_demo(db, today=TODAY)
    assert _counts(db) == before


def test_load_is_all_or_nothing(tmp_path, monkeypatch) -> None:
    db = open_database(tmp_path / "broken.sqlite3")
    with db.session() as s:
        created = _organisation_row(s)  # the new database's row: its identity, no settings

    def fail(self) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo_module._Builder, "build_ad_hoc_rounds", fail)
    with pytest.raises(RuntimeError):
        load_demo(db, today=TODAY)
    assert set(_counts(db).values()) == {0}
    with db.session() as s:
        assert _organisation_row(s) == created
    db.dispose()


def _organisation_row(s) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return dict(s.execute(select(Organisation.__table__)).one()._mapping)


def _dump(db: Database) -> list[tuple]:
    with db.session() as s:
        rows: list[tuple] = []
        rows += s.execute(select(Person.id, Person.full_name, Person.position, Person.email)).all()
        rows += s.execute(select(Unit.id, Unit.name, Unit.head_id, Unit.phone)).all()
        rows += s.execute(
            select(
                CommitteeMembership.person_id,
                CommitteeMembership.role,
                CommitteeMembership.start_date,
                CommitteeMembership.end_date,
            )
        ).all()
        rows += s.execute(
            select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.status)
        ).all()
        rows += s.execute(
            select(
                Invitee.meeting_id, Invitee.person_id, Invitee.attendance, Invitee.substitute_name
            )
        ).all()
        rows += s.execute(select(AgendaItem.meeting_id, AgendaItem.minutes_text)).all()
        rows += s.execute(select(Minutes.meeting_id, Minutes.finalised_at)).all()
        rows += s.execute(
            select(
                Task.content, Task.assignee_unit_id, Task.deadline, Task.status, Task.completed_on
            )
        ).all()
        rows += s.execute(select(WorkingSession.title, WorkingSession.starts_on)).all()
        rows += s.execute(
            select(
                Submission.round_id,
                Submission.unit_id,
                Submission.received_on,
                Submission.document_number,
            )
        ).all()
        return [tuple(r) for r in rows]


def test_same_seed_and_day_give_the_same_data(tmp_path) -> None:
    dumps = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        db = open_database(tmp_path / f"{name}.sqlite3")
        load_demo(db, today=TODAY, seed=seed)
        dumps.append(_dump(db))
        db.dispose()
    assert dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]


@pytest.mark.parametrize(
    "today", [date(2026, 1, 3), date(2026, 7, 11), date(2027, 1, 10), date(2028, 2, 29)]
)
def test_any_day_gives_a_consistent_history(tmp_path, today: date) -> None:
    """Dates are relative to today: the schedule must hold together whatever the day."""
    db = open_database(tmp_path / "any.sqlite3")
    load_demo(db, today=today)
    with db.session() as s:
        meetings = s.scalars(select(Meeting).order_by(Meeting.starts_at)).all()
        regular = [m for m in meetings if m.kind == MeetingKind.REGULAR]
        assert sum(m.starts_at.date() < today for m in regular) == 4
        assert regular[-1].status == MeetingStatus.PLANNED and regular[-1].starts_at.date() > today
        for a, b in pairwise(regular):
            assert 150 <= (b.starts_at - a.starts_at).days <= 215
        assert all(m.starts_at.weekday() < 5 for m in meetings)
        assert today - timedelta(days=740) <= meetings[0].starts_at.date()
        memberships = s.scalars(select(CommitteeMembership)).all()
        for m in meetings:
            on = m.starts_at.date()
            members = {i.person_id for i in m.invitees if i.category == InviteeCategory.MEMBER}
            assert members <= {ms.person_id for ms in memberships if _active(ms, on)}
        overdue = s.scalars(
            select(Task.deadline).where(
                Task.deadline < today, Task.status.in_([TaskStatus.OPEN, TaskStatus.IN_PROGRESS])
            )
        ).all()
        # A few, none left for years: settled at the regular meeting two months past due.
        assert overdue and max((today - d).days for d in overdue) <= 270
    # Reports likewise: received late within weeks, none chased for a year.
    assert max((d for d, *_ in _overdue_reports(db, today)), default=0) <= 95
    db.dispose()


def test_a_session_s_summary_agrees_with_its_outputs(db: Database) -> None:
    """The working-group report quotes the summary under the outputs' table: a draft is not
    said to be finished there (it was, of every output)."""
    from bdcq_desktop.core.models import OutputStatus, SessionOutput, WorkingSession

    with db.session() as s:
        sessions = s.scalars(select(WorkingSession)).all()
        assert sessions
        for ws in sessions:
            outputs = s.scalars(select(SessionOutput).where(SessionOutput.session_id == ws.id))
            done_part, _, draft_part = ws.result_summary.partition("xây dựng dự thảo:")
            for o in outputs:
                if o.status in (OutputStatus.SUBMITTED, OutputStatus.APPROVED):
                    assert o.title in done_part, (ws.id, o.title)
                elif o.status in (OutputStatus.DRAFTING, OutputStatus.CONSULTING):
                    assert o.title in draft_part and o.title not in done_part, (ws.id, o.title)
