"""Planning meetings through the core on a real SQLite file: every kind, the committee's rules,
agenda, invitees with their snapshots, "Họp tương tự", cancel and delete, the six-month rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from bdcq_desktop.core import members as mem
from bdcq_desktop.core import units as un
from bdcq_desktop.core.agenda import AgendaLine, reorder_agenda, schedule, set_agenda
from bdcq_desktop.core.errors import BcdError, ConflictError, ValidationError
from bdcq_desktop.core.invitees import (
    Invitation,
    invite,
    invite_committee,
    mark_presenters,
    remove_invitees,
)
from bdcq_desktop.core.labels import label
from bdcq_desktop.core.meeting_rules import add_months
from bdcq_desktop.core.meetings import (
    cancel_meeting,
    create_meeting,
    create_similar,
    delete_meeting,
    get_meeting,
    list_meetings,
    record_held,
    regular_meeting_draft,
    regular_meeting_warning,
    regular_status,
    update_meeting,
)
from bdcq_desktop.core.models import (
    AgendaItem,
    AttendanceStatus,
    InviteeCategory,
    Meeting,
    MeetingStatus,
    OutputStatus,
    PersonKind,
    TaskStatus,
    UnitKind,
)

NOW = datetime(2026, 3, 2, 9, 0)
START = datetime(2026, 4, 7, 8, 0)
END = datetime(2026, 4, 7, 11, 30)


@dataclass
class Roster:
    head: int
    deputy: int
    standing: int
    member: int
    member_membership: int
    secretary: int
    expert: int
    outsider: int
    health: int  # a unit with a head
    health_head: int
    police: int  # a unit without a head on record


@pytest.fixture
def roster(db) -> Roster:
    stttt = un.create_unit(db, name="Sở Thông tin và Truyền thông")
    ubnd = un.create_unit(db, name="UBND tỉnh Nghệ An", kind=UnitKind.OTHER)
    health = un.create_unit(db, name="Sở Y tế")
    police = un.create_unit(db, name="Công an tỉnh", kind=UnitKind.SECTOR)

    def person(name: str, position: str, unit: int | None, **kw: object) -> int:
        return mem.create_person(db, full_name=name, position=position, unit_id=unit, **kw)

    def member(name: str, position: str, unit: int, role: str) -> tuple[int, int]:
        pid = person(name, position, unit)
        return pid, mem.appoint(db, pid, role=role, start_date=date(2024, 1, 1))

    head, _ = member("Vũ Duy Tiến", "Chủ tịch UBND tỉnh", ubnd, "head")
    deputy, _ = member("Vũ Thị Hoa", "Phó Chủ tịch UBND tỉnh", ubnd, "deputy_head")
    standing, _ = member("Cao Bá Công", "Giám đốc Sở Thông tin và Truyền thông", stttt,
                         "standing_member")
    plain, plain_m = member("Nguyễn Bá Thịnh", "Giám đốc Sở Tư pháp", stttt, "member")
    secretary, _ = member("Hoàng Xuân Bình", "Chuyên viên", stttt, "secretary")
    expert = person("Trần Minh Khoa", "Tiến sĩ", None, kind=PersonKind.EXPERT)
    outsider = person("Lê Văn Ngoài", "Chuyên viên", stttt)
    health_head = person("Ngô Ngọc Thủy", "Giám đốc Sở Y tế", health)
    un.update_unit(db, health, head_id=health_head)
    return Roster(head, deputy, standing, plain, plain_m, secretary, expert, outsider, health,
                  health_head, police)


def base(r: Roster, **kw: object) -> dict[str, object]:
    values: dict[str, object] = dict(
        kind="regular",
        title="Họp Ban Chỉ đạo 6 tháng đầu năm 2026",
        starts_at=START,
        ends_at=END,
        place="Phòng họp tầng 3, UBND tỉnh",
        chair_id=r.head,
        called_by_id=r.head,
        secretary_id=r.secretary,
        now=NOW,
    )
    values.update(kw)
    return values


def convened(db: object, r: Roster) -> int:
    """The committee's meeting of :func:`base`, all members invited, its convocation issued
    (01/GTT-BCĐ) on NOW's day under the demo province's settings."""
    from bdcq_desktop.core.settings import update_organisation
    from bdcq_desktop.documents import service

    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
    )
    meeting = create_meeting(db, **base(r), invite_committee=True)
    service.issue(db, "convocation", meeting, issued_on=NOW.date(), today=NOW.date())
    return meeting


def count_meetings(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Meeting))


def refused(field: str, fn, *args, **kw) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as info:
        fn(*args, **kw)
    assert info.value.field == field, info.value
    assert info.value.message
    return info.value


# --- every kind -----------------------------------------------------------------------------


def test_every_kind_is_created_and_listed(db, roster: Roster) -> None:
    r = roster
    regular = create_meeting(db, **base(r))
    extraordinary = create_meeting(
        db, **base(r, kind="extraordinary", title="Họp bất thường về an toàn thông tin",
                   starts_at=datetime(2026, 5, 4, 14, 0), ends_at=datetime(2026, 5, 4, 16, 0),
                   called_by_id=r.deputy, chair_id=r.deputy)
    )
    expanded = create_meeting(
        db, **base(r, kind="expanded", title="Họp mở rộng về chuyển đổi số",
                   starts_at=datetime(2026, 6, 1, 8, 0), ends_at=datetime(2026, 6, 1, 11, 0),
                   called_by_id=None)
    )
    briefing = create_meeting(
        db, **base(r, kind="briefing", title="Phó Trưởng ban làm việc với Sở Y tế",
                   starts_at=datetime(2027, 1, 5, 14, 0), ends_at=datetime(2027, 1, 5, 16, 0),
                   chair_id=r.deputy, called_by_id=None)
    )
    d = get_meeting(db, extraordinary)
    assert (d.kind, d.status, d.version) == ("extraordinary", "planned", 1)
    assert d.called_by is not None and d.called_by.name == "Vũ Thị Hoa"
    assert d.called_by.role_label == "Phó Trưởng ban"
    assert d.chair is not None and d.chair.id == r.deputy
    # An expanded meeting is called by the Head: filled in when left out.
    e = get_meeting(db, expanded)
    assert e.called_by is not None and e.called_by.id == r.head
    assert get_meeting(db, briefing).kind_label == "Buổi làm việc"

    rows = list_meetings(db)
    assert [x.id for x in rows] == [briefing, expanded, extraordinary, regular]  # newest first
    assert [x.id for x in list_meetings(db, kind="expanded")] == [expanded]
    assert [x.id for x in list_meetings(db, year=2027)] == [briefing]
    assert [x.id for x in list_meetings(db, status="planned", search="an toan thong tin")] == [
        extraordinary
    ]
    assert list_meetings(db, status=MeetingStatus.CANCELLED) == []
    refused("kind", list_meetings, db, kind="weekly")
    assert len({get_meeting(db, x.id).uid for x in rows}) == 4


def test_extraordinary_meeting_needs_who_called_or_proposed_it(db, roster: Roster) -> None:
    r = roster
    values = base(r, kind="extraordinary", called_by_id=None)
    err = refused("called_by_id", create_meeting, db, **values)
    assert "bất thường" in err.message
    assert count_meetings(db) == 0
    refused("called_by_id", create_meeting, db, **{**values, "called_by_id": r.member})
    refused("proposed_by_id", create_meeting, db, **{**values, "proposed_by_id": r.member})
    refused("proposed_by_id", create_meeting, db, **base(r, proposed_by_id=r.standing))
    assert count_meetings(db) == 0

    proposed = create_meeting(db, **{**values, "proposed_by_id": r.standing})
    d = get_meeting(db, proposed)
    assert d.proposed_by is not None and d.proposed_by.name == "Cao Bá Công"
    assert d.called_by is None
    called = create_meeting(db, **{**values, "called_by_id": r.head})
    assert get_meeting(db, called).called_by.id == r.head  # type: ignore[union-attr]


def test_chair_times_and_status_rules(db, roster: Roster) -> None:
    r = roster
    refused("chair_id", create_meeting, db, **base(r, chair_id=None))
    err = refused("chair_delegated_by_id", create_meeting, db, **base(r, chair_id=r.member))
    assert "ủy quyền" in err.message
    refused("chair_delegated_by_id", create_meeting, db,
            **base(r, chair_id=r.member, chair_delegated_by_id=r.standing))
    refused("chair_delegated_by_id", create_meeting, db,
            **base(r, chair_delegated_by_id=r.deputy))  # the Head needs no delegation
    refused("chair_id", create_meeting, db,
            **base(r, kind="briefing", chair_id=r.member, chair_delegated_by_id=r.head))
    refused("ends_at", create_meeting, db, **base(r, ends_at=START))
    refused("ends_at", create_meeting, db, **base(r, ends_at=datetime(2026, 4, 7, 7, 0)))
    refused("starts_at", create_meeting, db, **base(r, starts_at=datetime(2026, 3, 2, 8, 59),
                                                   ends_at=None))
    refused("status", create_meeting, db, **base(r, status="held"))
    refused("chair_id", create_meeting, db, **base(r, chair_id=999))
    refused("called_by_id", create_meeting, db, **base(r, kind="expanded", called_by_id=r.deputy))
    assert count_meetings(db) == 0

    delegated = create_meeting(
        db, **base(r, chair_id=r.member, chair_delegated_by_id=r.head)
    )
    d = get_meeting(db, delegated)
    assert d.chair.id == r.member and d.chair_delegated_by.id == r.head  # type: ignore[union-attr]
    refused("status", update_meeting, db, delegated, expected_version=d.version, status="held")
    refused("starts_at", update_meeting, db, delegated, expected_version=d.version,
            starts_at=datetime(2026, 3, 1, 8, 0), ends_at=None, now=NOW)
    version = update_meeting(db, delegated, expected_version=d.version, place="Hội trường A",
                             now=NOW)
    assert version == d.version + 1
    with pytest.raises(ConflictError):
        update_meeting(db, delegated, expected_version=d.version, place="Hội trường B", now=NOW)
    assert get_meeting(db, delegated).place == "Hội trường A"


# --- agenda ---------------------------------------------------------------------------------


def test_agenda_times_follow_the_order_and_warn_past_the_end(db, roster: Roster) -> None:
    r = roster
    meeting = create_meeting(
        db,
        agenda=[
            AgendaLine("Khai mạc", 10, presenter_person_id=r.standing),
            {"title": "Báo cáo kết quả", "planned_minutes": 30, "presenter_unit_id": r.health},
            AgendaLine("Kết luận của Trưởng ban", 20, presenter_person_id=r.head),
        ],
        **base(r),
    )
    d = get_meeting(db, meeting)
    assert [(a.title, a.starts_at) for a in d.agenda] == [
        ("Khai mạc", datetime(2026, 4, 7, 8, 0)),
        ("Báo cáo kết quả", datetime(2026, 4, 7, 8, 10)),
        ("Kết luận của Trưởng ban", datetime(2026, 4, 7, 8, 40)),
    ]
    assert [a.presenter for a in d.agenda] == ["Cao Bá Công", "Sở Y tế", "Vũ Duy Tiến"]
    assert [a.presenter_kind for a in d.agenda] == ["person", "unit", "person"]
    assert d.agenda_warning is None

    first, second, third = (a.id for a in d.agenda)
    version = reorder_agenda(db, meeting, [third, first, second], expected_version=d.version)
    assert version == d.version + 1  # the agenda is part of the meeting
    d2 = get_meeting(db, meeting)
    assert [(a.id, a.starts_at.strftime("%H:%M")) for a in d2.agenda] == [  # type: ignore[union-attr]
        (third, "08:00"),
        (first, "08:20"),
        (second, "08:30"),
    ]
    with pytest.raises(ConflictError):
        reorder_agenda(db, meeting, [first, second, third], expected_version=d.version)

    # Add a long item presented by a guest: the agenda now runs past 11:30.
    lines = [*d2.agenda_lines(), AgendaLine("Tham luận của chuyên gia", 200,
                                            presenter_name="TS. Phạm Khách")]
    set_agenda(db, meeting, lines, expected_version=d2.version)
    d3 = get_meeting(db, meeting)
    assert d3.agenda[-1].presenter == "TS. Phạm Khách" and d3.agenda[-1].presenter_kind == "guest"
    assert d3.agenda_warning is not None and "12:20" in d3.agenda_warning  # 260 minutes
    assert "50 phút" in d3.agenda_warning
    assert [a.id for a in d3.agenda[:3]] == [third, first, second]  # the items kept their ids

    # A bad line: nothing written, the line named.
    bad = [*d3.agenda_lines()[:1], AgendaLine("", 10)]
    err = refused("agenda", set_agenda, db, meeting, bad, expected_version=d3.version)
    assert err.message.startswith("Dòng 2")
    two = [AgendaLine("A", 5, presenter_person_id=r.head, presenter_unit_id=r.health)]
    refused("agenda", set_agenda, db, meeting, two, expected_version=d3.version)
    assert len(get_meeting(db, meeting).agenda) == 4

    # An item with notes typed at the meeting cannot be dropped.
    with db.session() as s:
        s.get(AgendaItem, first).minutes_text = "Đồng chí Trưởng ban phát biểu."
    d4 = get_meeting(db, meeting)
    keep = [line for line in d4.agenda_lines() if line.id != first]
    refused("agenda", set_agenda, db, meeting, keep, expected_version=d4.version)
    assert schedule(START, [10, None, 5]) == [
        (START, datetime(2026, 4, 7, 8, 10)),
        (datetime(2026, 4, 7, 8, 10), None),
        (None, None),
    ]


# --- invitees -------------------------------------------------------------------------------


def test_invitees_from_the_roster_and_units_keep_their_snapshots(db, roster: Roster) -> None:
    r = roster
    meeting = create_meeting(
        db, **base(r, kind="expanded", called_by_id=None), invite_committee=True
    )
    d = get_meeting(db, meeting)
    # Head, deputy, standing member, member; the Secretary serves (test_meeting_secretary).
    assert d.counts["member"] == 4
    assert invite_committee(db, meeting, expected_version=d.version) == 0  # already there
    d = get_meeting(db, meeting)
    added = invite(
        db,
        meeting,
        [
            Invitation(unit_id=r.health, presents=True),
            Invitation(unit_id=r.police),
            Invitation(person_id=r.expert),
            {"guest_name": "Ông Đỗ Văn Khách", "position": "Giám đốc", "unit_name": "VNPT"},
            Invitation(person_id=r.head),  # already invited as a member
        ],
        expected_version=d.version,
    )
    assert added == 4
    d = get_meeting(db, meeting)
    assert d.counts == {"member": 4, "working_group": 0, "agency_head": 2, "expert": 1,
                        "guest": 1}
    health = next(i for i in d.invitees if i.unit == "Sở Y tế")
    assert (health.name, health.position, health.category) == (
        "Ngô Ngọc Thủy", "Giám đốc Sở Y tế", "agency_head"
    )
    assert health.presents and health.role == "Báo cáo viên"
    police = next(i for i in d.invitees if i.unit_id == r.police)
    assert police.name == "Lãnh đạo Công an tỉnh" and police.person_id is None
    assert next(i for i in d.invitees if i.person_id == r.expert).category_label == (
        "Chuyên gia, nhà khoa học"
    )
    assert next(i for i in d.invitees if i.person_id == r.head).category_label == (
        "Thành viên Ban Chỉ đạo"
    )

    # The head of the unit moves on and the unit is renamed: the invitation keeps its day.
    mem.update_person(db, r.health_head, full_name="Ngô Ngọc Thủy (đã chuyển)",
                      position="Phó Chủ tịch UBND tỉnh")
    un.update_unit(db, r.health, name="Sở Y tế tỉnh Nghệ An")
    again = next(i for i in get_meeting(db, meeting).invitees if i.id == health.id)
    assert (again.name, again.position, again.unit) == (
        "Ngô Ngọc Thủy", "Giám đốc Sở Y tế", "Sở Y tế"
    )

    expert = next(i for i in d.invitees if i.person_id == r.expert)
    v = mark_presenters(db, meeting, [expert.id], expected_version=d.version)
    d = get_meeting(db, meeting)
    assert d.version == v
    assert [i.name for i in d.invitees if i.presents] == ["Trần Minh Khoa"]
    remove_invitees(db, meeting, [expert.id], expected_version=d.version)
    d = get_meeting(db, meeting)
    assert d.counts["expert"] == 0 and [i.order for i in d.invitees] == list(range(1, 8))
    refused("invitees", invite, db, meeting, [Invitation(person_id=r.head, unit_id=r.health)],
            expected_version=d.version)
    refused("invitees", invite, db, meeting, [{"person": 3}], expected_version=d.version)
    with pytest.raises(ConflictError):
        invite(db, meeting, [Invitation(person_id=r.outsider)], expected_version=d.version - 1)
    assert len(get_meeting(db, meeting).invitees) == 7


# --- copy, cancel, delete, status -----------------------------------------------------------


def test_similar_meeting_copies_agenda_and_invitees_to_a_new_date(db, roster: Roster) -> None:
    r = roster
    source = create_meeting(
        db,
        agenda=[AgendaLine("Khai mạc", 10, presenter_person_id=r.standing),
                AgendaLine("Báo cáo của Sở Y tế", 30, presenter_unit_id=r.health)],
        invitations=[Invitation(unit_id=r.health, presents=True),
                     Invitation(guest_name="Bà Khách Mời", position="Chuyên gia")],
        invite_committee=True,
        **base(r),
    )
    # Before the new date: a member leaves and the unit gets a new head.
    mem.end_membership(db, r.member_membership, end_date=date(2026, 6, 30),
                       decision_number="120/QĐ-UBND")
    new_head = mem.create_person(db, full_name="Phạm Mới", position="Giám đốc Sở Y tế",
                                 unit_id=r.health)
    un.update_unit(db, r.health, head_id=new_head)

    copy = create_similar(db, source, starts_at=datetime(2026, 10, 6, 8, 0), now=NOW)
    old, new = get_meeting(db, source), get_meeting(db, copy)
    assert new.status == "planned" and new.uid != old.uid
    assert (new.title, new.place, new.kind) == (old.title, old.place, old.kind)
    assert new.ends_at == datetime(2026, 10, 6, 11, 30)  # as long as the original
    assert [(a.title, a.presenter, a.planned_minutes) for a in new.agenda] == [
        (a.title, a.presenter, a.planned_minutes) for a in old.agenda
    ]
    names = [i.name for i in new.invitees]
    assert "Nguyễn Bá Thịnh" in [i.name for i in old.invitees]
    assert "Nguyễn Bá Thịnh" not in names  # no longer on the committee
    assert "Phạm Mới" in names and "Ngô Ngọc Thủy" not in names
    assert next(i for i in new.invitees if i.name == "Phạm Mới").presents
    assert "Bà Khách Mời" in names
    assert new.counts["member"] == old.counts["member"] - 1
    refused("starts_at", create_similar, db, source, starts_at=datetime(2026, 1, 5, 8, 0), now=NOW)


def test_cancel_delete_and_held(db, roster: Roster) -> None:
    r = roster
    meeting = create_meeting(db, **base(r))
    d = get_meeting(db, meeting)
    assert d.can_delete and d.can_cancel
    refused("cancel_reason", cancel_meeting, db, meeting, "  ", expected_version=d.version)
    cancel_meeting(db, meeting, "Trưởng ban bận công tác đột xuất", expected_version=d.version)
    d = get_meeting(db, meeting)
    assert (d.status, d.status_label) == ("cancelled", "Đã hủy")
    assert d.cancel_reason == "Trưởng ban bận công tác đột xuất"
    assert not d.can_delete and not d.can_cancel
    with pytest.raises(BcdError, match="Đã hủy"):
        cancel_meeting(db, meeting, "lần nữa", expected_version=d.version)
    with pytest.raises(BcdError, match="Chỉ xóa được"):
        delete_meeting(db, meeting, expected_version=d.version)
    with pytest.raises(BcdError):
        update_meeting(db, meeting, expected_version=d.version, place="X", now=NOW)

    other = create_meeting(db, **base(r, title="Họp thử"))
    v = get_meeting(db, other).version
    with pytest.raises(BcdError, match="chưa đến giờ"):
        record_held(db, other, expected_version=v, now=NOW)
    record_held(db, other, expected_version=v, now=datetime(2026, 4, 7, 8, 5))
    held = get_meeting(db, other)
    assert held.status == "held" and not held.can_delete and not held.can_cancel
    with pytest.raises(BcdError):
        delete_meeting(db, other, expected_version=held.version)

    gone = create_meeting(db, **base(r, title="Nhập nhầm"))
    delete_meeting(db, gone, expected_version=get_meeting(db, gone).version)
    assert [m.id for m in list_meetings(db)] == [other, meeting]


def test_issuing_the_convocation_convenes_and_blocks_delete(db, roster: Roster) -> None:
    from bdcq_desktop.core import register
    from bdcq_desktop.core.settings import update_organisation
    from bdcq_desktop.documents import service

    update_organisation(db, parent_body="UBND TỈNH NGHỆ AN", place_name="Nghệ An",
                        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
                        abbreviation="BCĐ")
    r = roster
    meeting = create_meeting(db, **base(r), invite_committee=True)
    issued = service.issue(db, "convocation", meeting, issued_on=NOW.date(), today=NOW.date())
    d = get_meeting(db, meeting)
    assert d.status == "convened" and d.status_label == "Đã triệu tập"
    assert [(x.symbol, x.kind) for x in d.documents] == [(issued.symbol, "convocation")]

    # A planned meeting with a document in the register is not deleted either.
    planned = create_meeting(db, **base(r, title="Họp khác"))
    register.issue(db, kind="agenda", type_abbr="CTr", body_abbr="BCĐ", record_type="meeting",
                   record_id=planned, summary="Chương trình", signer=None,
                   render=lambda n, day: b"%PDF-1.4 test")
    p = get_meeting(db, planned)
    assert p.status == "planned" and not p.can_delete
    with pytest.raises(BcdError, match="văn bản"):
        delete_meeting(db, planned, expected_version=p.version)
    assert count_meetings(db) == 2


# --- the six-month rule ---------------------------------------------------------------------


def held_regular(db, r: Roster, when: datetime) -> int:
    m = create_meeting(db, **base(r, starts_at=when, ends_at=when.replace(hour=11),
                                  now=when.replace(hour=0)))
    record_held(db, m, expected_version=1, now=when)
    return m


@pytest.mark.parametrize(
    ("held_on", "due"),
    [
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),
        (date(2026, 3, 31), date(2026, 9, 30)),
        (date(2026, 1, 15), date(2026, 7, 15)),
        (date(2025, 12, 31), date(2026, 6, 30)),
    ],
)
def test_six_months_later_stays_in_the_month(held_on: date, due: date) -> None:
    assert add_months(held_on, 6) == due


def test_next_regular_meeting_due_at_its_boundaries(db, roster: Roster) -> None:
    r = roster
    assert regular_status(db, date(2025, 1, 1)).due is None
    held_regular(db, r, datetime(2025, 2, 28, 8, 0))
    held_regular(db, r, datetime(2025, 8, 29, 8, 0))  # a Friday; the last one held
    on_due = regular_status(db, date(2026, 2, 28))
    assert on_due.last_held == date(2025, 8, 29)
    assert on_due.due == date(2026, 2, 28) and not on_due.overdue and on_due.days_left == 0
    assert on_due.not_planned
    day_after = regular_status(db, date(2026, 3, 1))
    assert day_after.overdue and day_after.days_left == -1
    assert "quá hạn" in (regular_meeting_warning(db, date(2026, 3, 1)) or "")
    assert regular_meeting_warning(db, date(2025, 12, 1)) is None  # 89 days ahead

    draft = regular_meeting_draft(db, date(2026, 3, 2))
    assert draft.kind == "regular" and draft.chair_id == r.head and draft.called_by_id == r.head
    assert draft.starts_at == datetime(2026, 3, 9, 8, 0)  # overdue: a week from today, Monday
    assert draft.title.endswith("năm 2025") and draft.invite_committee
    planned = create_meeting(db, invite_committee=True, now=NOW, **draft.fields())
    st = regular_status(db, date(2026, 3, 2))
    assert st.overdue and st.planned_id == planned and not st.not_planned
    # Planned, but after the due date: the rule is still broken, and the warning says both.
    assert st.planned_late and not st.met
    assert regular_meeting_warning(db, date(2026, 3, 2)) == (
        "Đã quá hạn họp định kỳ 6 tháng 2 ngày (hạn 28/02/2026). Cuộc họp đã lên lịch "
        "(09/03/2026) muộn hơn hạn họp định kỳ (28/02/2026)."
    )


def test_next_regular_meeting_due_counts_only_meetings_held_by_the_day(db, roster: Roster) -> None:
    """Asked about a past day, the rule stands on the last regular meeting held on or before
    it: one held later had not happened yet (audit: a 2026 meeting answered for 30/06/2025)."""
    held_regular(db, roster, datetime(2025, 1, 8, 8, 0))
    held_regular(db, roster, datetime(2025, 6, 30, 8, 0))  # held on the very day asked about
    held_regular(db, roster, datetime(2026, 7, 13, 8, 0))
    day_before = regular_status(db, date(2025, 6, 29))
    assert day_before.last_held == date(2025, 1, 8) and day_before.due == date(2025, 7, 8)
    assert day_before.days_left == 9
    assert regular_meeting_warning(db, date(2025, 6, 29)) == (
        "Sắp đến hạn họp định kỳ 6 tháng: 08/07/2025."
    )
    on_the_day = regular_status(db, date(2025, 6, 30))
    assert on_the_day.last_held == date(2025, 6, 30) and on_the_day.due == date(2025, 12, 30)
    assert regular_status(db, date(2026, 11, 30)).last_held == date(2026, 7, 13)


@pytest.mark.parametrize(
    ("held_on", "today", "drafted_on"),
    [
        # Due Friday 1/1/2027, Tết Dương lịch: the Monday after.
        (datetime(2026, 7, 1, 8, 0), date(2026, 12, 1), date(2027, 1, 4)),
        # Due Thursday 4/2/2027, the first day off of Tết Đinh Mùi (4–10/2): the day after it.
        (datetime(2026, 8, 4, 8, 0), date(2027, 1, 15), date(2027, 2, 11)),
        # Overdue: a week from today lands in Tết Bính Ngọ (16–20/2/2026).
        (datetime(2025, 7, 1, 8, 0), date(2026, 2, 10), date(2026, 2, 23)),
    ],
)
def test_the_regular_meeting_draft_falls_on_a_working_day_of_the_calendar(
    db, roster: Roster, held_on: datetime, today: date, drafted_on: date
) -> None:
    held_regular(db, roster, held_on)
    draft = regular_meeting_draft(db, today)
    assert draft.starts_at == datetime(drafted_on.year, drafted_on.month, drafted_on.day, 8, 0)


def test_the_regular_meeting_draft_skips_a_day_off_the_office_added(db, roster: Roster) -> None:
    """The calendar the office keeps, not a list of its own: a day off added in Thiết lập ›
    Ngày nghỉ is skipped too, a weekend day worked in exchange is a working day."""
    from bdcq_desktop.core.days_off import add_day_off

    held_regular(db, roster, datetime(2026, 4, 2, 8, 0))  # due Friday 2/10/2026
    assert regular_meeting_draft(db, date(2026, 9, 1)).starts_at == datetime(2026, 10, 2, 8, 0)
    add_day_off(db, date(2026, 10, 2), "Nghỉ lễ của tỉnh")
    assert regular_meeting_draft(db, date(2026, 9, 1)).starts_at == datetime(2026, 10, 5, 8, 0)
    add_day_off(db, date(2026, 10, 3), "Làm bù", "work")
    assert regular_meeting_draft(db, date(2026, 9, 1)).starts_at == datetime(2026, 10, 3, 8, 0)


def test_a_regular_meeting_planned_after_its_due_date_keeps_the_warning(
    db, roster: Roster
) -> None:
    r = roster
    held_regular(db, r, datetime(2025, 7, 14, 8, 0))  # due 14/01/2026
    dec = datetime(2025, 12, 1, 9, 0)
    on_time = create_meeting(db, **base(r, starts_at=datetime(2026, 1, 14, 8, 0),
                                        ends_at=datetime(2026, 1, 14, 11, 0), now=dec))
    assert regular_meeting_warning(db, date(2025, 12, 1)) is None  # planned on its due date
    met = regular_status(db, date(2025, 12, 1))
    # The officer moves it to 30/06/2026, five and a half months late.
    update_meeting(db, on_time, expected_version=1, now=dec,
                   starts_at=datetime(2026, 6, 30, 8, 0), ends_at=datetime(2026, 6, 30, 11, 0))
    late = "Cuộc họp đã lên lịch (30/06/2026) muộn hơn hạn họp định kỳ (14/01/2026)."
    assert regular_meeting_warning(db, date(2025, 12, 1)) == late  # said at once
    assert regular_meeting_warning(db, date(2026, 1, 1)) == (
        f"Sắp đến hạn họp định kỳ 6 tháng: 14/01/2026. {late}"
    )
    assert regular_meeting_warning(db, date(2026, 2, 1)) == (
        f"Đã quá hạn họp định kỳ 6 tháng 18 ngày (hạn 14/01/2026). {late}"
    )
    assert met.planned_id == on_time and met.met and not met.planned_late
    st = regular_status(db, date(2025, 12, 1))
    assert st.planned_late and not st.met and not st.overdue and st.days_left == 44


def test_labels_of_meeting_vocabularies_are_their_own() -> None:
    """Codes repeat across vocabularies; each keeps its label."""
    assert label(MeetingStatus.CANCELLED) == "Đã hủy"
    assert label(TaskStatus.CANCELLED) == "Đã dừng"  # one term, as the task lists say it
    assert label(OutputStatus.APPROVED) == "Đã phê duyệt, ban hành"  # an đề án is approved
    assert label(InviteeCategory.MEMBER) == "Thành viên Ban Chỉ đạo"
    assert label(InviteeCategory.EXPERT) == "Chuyên gia, nhà khoa học"
    assert label(AttendanceStatus.PRESENT) == "Có mặt"


def test_who_may_chair_call_or_propose(db, roster: Roster) -> None:
    from bdcq_desktop.core.meetings import eligible_people

    e = eligible_people(db, date(2026, 4, 7))
    assert [(c.person_id, c.role_label) for c in e.chairs] == [
        (roster.head, "Trưởng ban"),
        (roster.deputy, "Phó Trưởng ban"),
    ]
    assert [c.name for c in e.proposers] == ["Cao Bá Công"]
    assert eligible_people(db, date(2023, 12, 31)).chairs == ()  # before the appointments
