"""Members, memberships and units: the headless rules behind the members tab."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from datetime import date, datetime

import pytest
from sqlalchemy import select

from bdcq_desktop.core import members as m
from bdcq_desktop.core import units as u
from bdcq_desktop.core.errors import BcdError, ConflictError, NotFoundError, ValidationError
from bdcq_desktop.core.models import (
    ChangeLog,
    CommitteeMembership,
    Invitee,
    InviteeCategory,
    Meeting,
    MeetingKind,
    ParticipantRole,
    Person,
    SessionParticipant,
    SessionPurpose,
    Task,
    UnitKind,
    WorkingSession,
)

D0 = date(2025, 1, 1)


def person(db, name: str, unit: str | None = "Sở Thông tin và Truyền thông", **kw) -> int:
    unit_id = None
    if unit:
        found = [r for r in u.list_units(db, include_retired=True) if r.name == unit]
        unit_id = found[0].id if found else u.create_unit(db, name=unit)
    return m.create_person(db, full_name=name, unit_id=unit_id, **kw)


def appointed(db, name: str, role: str = "member", **kw) -> tuple[int, int]:
    pid = person(db, name)
    kw.setdefault("start_date", D0)
    return pid, m.appoint(db, pid, role=role, **kw)


# ------------------------------------------------------------------------------------------
# Roster order and appointments
# ------------------------------------------------------------------------------------------


def test_default_order_is_rank_then_given_name(db) -> None:
    appointed(db, "Lê Văn Vinh", "secretary")
    appointed(db, "Phạm Thị Hoa", "member")
    appointed(db, "Nguyễn Văn Anh", "member")
    appointed(db, "Đặng Thị Bình", "deputy_head")
    appointed(db, "Hồ Văn An", "deputy_head")
    appointed(db, "Trần Minh Đức", "standing_member")
    appointed(db, "Võ Văn Tùng", "head")
    rows = m.list_committee(db)
    assert [r.full_name for r in rows] == [
        "Võ Văn Tùng",
        "Hồ Văn An",
        "Đặng Thị Bình",
        "Trần Minh Đức",
        "Nguyễn Văn Anh",
        "Phạm Thị Hoa",
        "Lê Văn Vinh",
    ]
    by_name = [r.full_name for r in m.list_committee(db, sort="name")]
    assert by_name == [
        "Hồ Văn An",
        "Nguyễn Văn Anh",
        "Đặng Thị Bình",
        "Trần Minh Đức",
        "Phạm Thị Hoa",
        "Võ Văn Tùng",
        "Lê Văn Vinh",
    ]
    assert rows[0].role_label == "Trưởng ban" and rows[0].unit == "Sở Thông tin và Truyền thông"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Trưởng ban", "head"),
        ("PHO TRUONG BAN", "deputy_head"),
        (unicodedata.normalize("NFD", "Thành viên thường trực"), "standing_member"),
        ("thành viên", "member"),
        ("Thư ký", "secretary"),
        ("deputy_head", "deputy_head"),
    ],
)
def test_role_names_ignore_case_and_diacritics(db, text: str, code: str) -> None:
    pid = person(db, "Nguyễn Văn Nam")
    mid = m.appoint(db, pid, role=text, start_date=D0)
    assert m.list_committee(db)[0].role == code and m.list_committee(db)[0].id == mid


def test_bad_role_names_the_field(db) -> None:
    pid = person(db, "Nguyễn Văn Nam")
    with pytest.raises(ValidationError) as exc:
        m.appoint(db, pid, role="Chủ tịch", start_date=D0)
    assert exc.value.field == "role" and "Phó Trưởng ban" in exc.value.message


def test_one_active_membership_per_body_and_one_head(db) -> None:
    pid, _ = appointed(db, "Nguyễn Văn An", "member")
    with pytest.raises(ValidationError) as exc:
        m.appoint(db, pid, role="deputy_head", start_date=D0)
    assert exc.value.field == "person_id" and "Nguyễn Văn An" in exc.value.message
    # The working group is another body: being in both is normal.
    m.appoint(db, pid, body="group", role="Tổ trưởng", start_date=D0)
    assert m.list_group(db)[0].role == "leader"

    _, head = appointed(db, "Trần Văn Hùng", "head")
    other = person(db, "Lê Thị Mai")
    with pytest.raises(ValidationError) as exc:
        m.appoint(db, other, role="head", start_date=D0)
    assert exc.value.field == "role" and "Trần Văn Hùng" in exc.value.message
    m.end_membership(db, head, end_date=date(2025, 6, 30), decision_number="9/QĐ-UBND")
    m.appoint(db, other, role="head", start_date=date(2025, 7, 1))
    assert [r.full_name for r in m.list_committee(db) if r.role == "head"] == ["Lê Thị Mai"]


def test_appoint_unknown_person_or_body(db) -> None:
    with pytest.raises(NotFoundError):
        m.appoint(db, 999, role="member", start_date=D0)
    pid = person(db, "Nguyễn Văn An")
    with pytest.raises(ValidationError) as exc:
        m.appoint(db, pid, body="council", role="member", start_date=D0)
    assert exc.value.field == "body"
    with pytest.raises(ValidationError) as exc:
        m.appoint(db, pid, role="member", start_date="31/02/2025")
    assert exc.value.field == "start_date"


# ------------------------------------------------------------------------------------------
# Leaving, history, corrections
# ------------------------------------------------------------------------------------------


def test_end_membership_keeps_history(db) -> None:
    _, mid = appointed(db, "Nguyễn Văn An", decision_number="1/QĐ-UBND")
    with pytest.raises(ValidationError) as exc:
        m.end_membership(db, mid, end_date=date(2024, 12, 31), decision_number="2/QĐ-UBND")
    assert exc.value.field == "end_date"
    with pytest.raises(ValidationError) as exc:
        m.end_membership(db, mid, end_date=date(2025, 6, 30), decision_number="  ")
    assert exc.value.field == "decision_number"
    m.end_membership(
        db, mid, end_date="30/06/2025", decision_number="2/QĐ-UBND", decision_date="25/06/2025"
    )
    assert m.list_committee(db) == []
    (former,) = m.list_committee(db, include_former=True)
    assert not former.active and former.end_date == date(2025, 6, 30)
    assert former.end_decision_number == "2/QĐ-UBND"
    assert former.end_decision_date == date(2025, 6, 25)
    assert former.decision_number == "1/QĐ-UBND"
    assert [r.full_name for r in m.list_committee(db, on=date(2025, 3, 1))] == ["Nguyễn Văn An"]
    assert m.list_committee(db, on=date(2025, 7, 1)) == []
    with pytest.raises(ValidationError):  # already ended
        m.end_membership(db, mid, end_date=date(2025, 8, 1), decision_number="3/QĐ-UBND")
    history = m.list_memberships(db, former.person_id)
    assert [h.id for h in history] == [mid]


def test_update_membership_and_its_rules(db) -> None:
    appointed(db, "Trần Văn Hùng", "head")
    _, mid = appointed(db, "Nguyễn Văn An", field="CNTT")
    row = m.list_committee(db)[1]
    m.update_membership(
        db, mid, expected_version=row.version, field="  Chuyển đổi số ", area="Vinh"
    )
    row2 = next(r for r in m.list_committee(db) if r.id == mid)
    assert (row2.field, row2.area, row2.version) == ("Chuyển đổi số", "Vinh", row.version + 1)
    with pytest.raises(ValidationError) as exc:
        m.update_membership(db, mid, role="Trưởng ban")
    assert exc.value.field == "role"
    with pytest.raises(ValidationError) as exc:
        m.update_membership(db, mid, end_date=date(2026, 1, 1))
    assert exc.value.field == "end_date"
    with pytest.raises(ValidationError):
        m.update_membership(db, mid, salary=1)
    m.end_membership(db, mid, end_date=date(2025, 5, 1), decision_number="2/QĐ")
    m.update_membership(db, mid, end_decision_number="2/QĐ-UBND")
    with pytest.raises(ValidationError) as exc:
        m.update_membership(db, mid, start_date=date(2025, 6, 1))  # after its end
    assert exc.value.field == "end_date"


def test_optimistic_locking(db) -> None:
    pid, mid = appointed(db, "Nguyễn Văn An")
    seen = m.get_person(db, pid).version
    m.update_person(db, pid, expected_version=seen, position="Giám đốc")
    with pytest.raises(ConflictError):
        m.update_person(db, pid, expected_version=seen, position="Phó Giám đốc")
    assert m.get_person(db, pid).position == "Giám đốc"

    version = m.list_committee(db)[0].version
    m.update_membership(db, mid, expected_version=version, area="Vinh")
    with pytest.raises(ConflictError):
        m.update_membership(db, mid, expected_version=version, area="Cửa Lò")
    with pytest.raises(ConflictError):
        m.end_membership(
            db, mid, end_date=date(2025, 5, 1), decision_number="2", expected_version=version
        )
    assert m.list_committee(db)[0].area == "Vinh"

    unit = u.list_units(db)[0]
    u.update_unit(db, unit.id, expected_version=unit.version, short_name="STTTT")
    with pytest.raises(ConflictError):
        u.update_unit(db, unit.id, expected_version=unit.version, short_name="Sở TT")


def test_reorganisation_in_one_step(db) -> None:
    head_pid, head = appointed(db, "Trần Văn Hùng", "head")
    dep_pid, deputy = appointed(db, "Nguyễn Văn An", "deputy_head")
    _, member = appointed(db, "Lê Thị Mai", "member")
    newcomer = person(db, "Phạm Quốc Bảo")
    plan = m.Reorganisation(
        decision_number="15/QĐ-UBND",
        decision_date=date(2026, 3, 1),
        effective_date=date(2026, 3, 5),
        end_ids=[head, deputy],
        new=[
            m.NewAppointment(dep_pid, "Trưởng ban", field="Chung", area="Toàn tỉnh"),
            m.NewAppointment(newcomer, "Phó Trưởng ban"),
        ],
    )
    result = m.reorganise(db, plan)
    assert (result.ended, result.started) == (2, 2)
    now = {r.full_name: r for r in m.list_committee(db)}
    assert set(now) == {"Nguyễn Văn An", "Lê Thị Mai", "Phạm Quốc Bảo"}
    assert now["Nguyễn Văn An"].role == "head"
    assert now["Nguyễn Văn An"].decision_number == "15/QĐ-UBND"
    assert now["Nguyễn Văn An"].decision_date == date(2026, 3, 1)
    assert now["Nguyễn Văn An"].start_date == date(2026, 3, 5)
    ended = [r for r in m.list_committee(db, include_former=True) if not r.active]
    assert {r.id for r in ended} == {head, deputy}
    assert all(r.end_date == date(2026, 3, 4) for r in ended)
    assert all(r.end_decision_number == "15/QĐ-UBND" for r in ended)
    # The roster on the effective date is the new one; the day before, the old one.
    assert {r.role for r in m.list_committee(db, on=date(2026, 3, 5))} == {
        "head",
        "deputy_head",
        "member",
    }
    before = m.list_committee(db, on=date(2026, 3, 4))
    assert [r.full_name for r in before if r.role == "head"] == ["Trần Văn Hùng"]
    assert member in {r.id for r in m.list_committee(db)}
    assert head_pid  # the former head keeps his person record
    assert m.get_person(db, head_pid).full_name == "Trần Văn Hùng"


def test_reorganisation_is_all_or_nothing(db) -> None:
    _, head = appointed(db, "Trần Văn Hùng", "head")
    _, member = appointed(db, "Lê Thị Mai", "member")
    a, b = person(db, "Phạm Quốc Bảo"), person(db, "Hồ Thị Lan")
    before = m.list_committee(db)
    bad_plans = [
        # Two heads in one decision.
        m.Reorganisation(
            "16/QĐ",
            date(2026, 3, 1),
            date(2026, 3, 5),
            [head],
            [m.NewAppointment(a, "head"), m.NewAppointment(b, "head")],
        ),
        # The head stays and another one is appointed.
        m.Reorganisation(
            "16/QĐ", date(2026, 3, 1), date(2026, 3, 5), [member], [m.NewAppointment(a, "head")]
        ),
        # A person who does not exist.
        m.Reorganisation(
            "16/QĐ", date(2026, 3, 1), date(2026, 3, 5), [head], [m.NewAppointment(9999, "head")]
        ),
        # No decision number.
        m.Reorganisation("", date(2026, 3, 1), date(2026, 3, 5), [head], []),
        # Nothing to do.
        m.Reorganisation("16/QĐ", date(2026, 3, 1), date(2026, 3, 5), [], []),
        # Effective before the membership began.
        m.Reorganisation("16/QĐ", date(2024, 3, 1), date(2024, 3, 5), [head], []),
    ]
    for plan in bad_plans:
        with pytest.raises(BcdError):
            m.reorganise(db, plan)
        assert m.list_committee(db) == before


# ------------------------------------------------------------------------------------------
# People: update, delete, history, experts
# ------------------------------------------------------------------------------------------


def test_update_person_validates_and_stores_nfc(db) -> None:
    pid = person(db, "Nguyen Van An")
    m.update_person(db, pid, full_name=unicodedata.normalize("NFD", "Nguyễn  Văn An"))
    assert m.get_person(db, pid).full_name == "Nguyễn Văn An"
    for field, value in [("email", "not-an-email"), ("phone", "12"), ("full_name", " ")]:
        with pytest.raises(ValidationError) as exc:
            m.update_person(db, pid, **{field: value})
        assert exc.value.field == field
    with pytest.raises(ValidationError) as exc:
        m.update_person(db, pid, unit_id=4242)
    assert exc.value.field == "unit_id"
    with pytest.raises(NotFoundError):
        m.update_person(db, 4242, position="x")
    with db.session() as s:
        logged = s.scalars(
            select(ChangeLog).where(ChangeLog.table_name == "person", ChangeLog.record_id == pid)
        ).all()
    assert any(
        json.loads(c.changes or "{}").get("full_name") == ["Nguyen Van An", "Nguyễn Văn An"]
        for c in logged
    )


def test_delete_only_without_history(db) -> None:
    fresh = person(db, "Nguyễn Văn Mới")
    assert not m.has_history(db, fresh)
    m.delete_person(db, fresh)
    with pytest.raises(NotFoundError):
        m.get_person(db, fresh)
    with pytest.raises(NotFoundError):
        m.has_history(db, fresh)

    member, _ = appointed(db, "Trần Văn Hùng")
    invited, tasked, worker = (person(db, n) for n in ("Lê Khách", "Hồ Nhiệm", "Võ Tổ"))
    with db.session() as s:
        meeting = Meeting(
            kind=MeetingKind.REGULAR, title="Họp định kỳ", starts_at=datetime(2025, 6, 1, 8, 0)
        )
        s.add(meeting)
        s.flush()
        s.add(
            Invitee(
                meeting_id=meeting.id,
                person_id=invited,
                category=InviteeCategory.GUEST,
                name_snapshot="Lê Khách",
            )
        )
        s.add(Task(content="Báo cáo", assignee_person_id=tasked))
        session = WorkingSession(
            purpose=SessionPurpose.PROPOSAL,
            title="Đề án",
            starts_on=date(2025, 6, 1),
            ends_on=date(2025, 6, 5),
        )
        s.add(session)
        s.flush()
        s.add(
            SessionParticipant(session_id=session.id, person_id=worker, role=ParticipantRole.EXPERT)
        )
    for pid in (member, invited, tasked, worker):
        assert m.has_history(db, pid)
        with pytest.raises(BcdError) as exc:
            m.delete_person(db, pid)
        assert exc.value.message.startswith("Không thể xóa: người này đã có lịch sử")
        assert m.get_person(db, pid)
    # The list rows carry the same answer (one query for the whole list).
    other = person(db, "Phan Văn Chưa")
    flags = {r.id: r.has_history for r in m.list_people(db)}
    assert [flags[pid] for pid in (member, invited, tasked, worker, other)] == [1, 1, 1, 1, 0]
    assert all(r.has_history for r in m.list_committee(db))


def test_appoint_new_creates_and_appoints_in_one_transaction(db) -> None:
    appointed(db, "Trần Văn Hùng", "head")
    people = len(m.list_people(db))
    with pytest.raises(ValidationError) as exc:  # a second Head: refused after the person insert
        m.appoint_new(
            db,
            person={"full_name": "Lê Văn Thừa", "email": "thua@nghean.gov.vn"},
            appointment={"role": "head", "start_date": D0},
        )
    assert exc.value.field == "role"
    assert len(m.list_people(db)) == people  # no person left behind
    with pytest.raises(ValidationError) as exc:  # validated before anything is opened
        m.appoint_new(db, person={"full_name": " "}, appointment={"role": "member"})
    assert exc.value.field == "full_name"
    with pytest.raises(ValidationError) as exc:
        m.appoint_new(db, person={"full_name": "A"}, appointment={"role": "member"})
    assert exc.value.field == "start_date"
    with pytest.raises(ValidationError):
        m.appoint_new(db, person={"full_name": "A"}, appointment={"role": "member", "end_date": D0})

    mid = m.appoint_new(
        db,
        body="group",
        person={"full_name": "Lê Văn Mới", "position": "Chuyên viên"},
        appointment={"role": "Tổ phó", "start_date": "01/02/2025", "area": "Vinh"},
    )
    row = m.list_group(db)[0]
    assert (row.id, row.full_name, row.role, row.area) == (
        mid,
        "Lê Văn Mới",
        "deputy_leader",
        "Vinh",
    )
    assert row.position_at_start == "Chuyên viên"

    expert = person(db, "Nguyễn Khoa", kind="expert")
    seen = m.get_person(db, expert).version
    m.update_person(db, expert, phone="0912 000 111")  # someone else saves in between
    with pytest.raises(ConflictError):
        m.appoint_new(
            db,
            person={"position": "Giáo sư"},
            person_id=expert,
            person_version=seen,
            appointment={"role": "member", "start_date": D0},
        )
    assert not [r for r in m.list_committee(db) if r.person_id == expert]
    mid = m.appoint_new(
        db,
        person={"position": "Giáo sư"},
        person_id=expert,
        person_version=m.get_person(db, expert).version,
        appointment={"role": "member", "start_date": D0},
    )
    assert next(r for r in m.list_committee(db) if r.id == mid).position == "Giáo sư"


def test_update_member_saves_person_and_membership_together(db) -> None:
    pid, mid = appointed(db, "Nguyễn Văn An")
    row = m.list_committee(db)[0]
    pv = m.get_person(db, pid).version
    with pytest.raises(ValidationError) as exc:  # the membership part is refused...
        m.update_member(
            db,
            mid,
            person_version=pv,
            membership_version=row.version,
            person={"position": "Giám đốc"},
            membership={"end_date": date(2026, 1, 1)},
        )
    assert exc.value.field == "end_date"
    assert m.get_person(db, pid).position != "Giám đốc"  # ...so the person part is not saved
    assert m.get_person(db, pid).version == pv
    m.update_member(
        db,
        mid,
        person_version=pv,
        membership_version=row.version,
        person={"position": "Giám đốc"},
        membership={"area": "Vinh"},
    )
    after = m.list_committee(db)[0]
    assert (after.position, after.area) == ("Giám đốc", "Vinh")
    for versions in ({"person_version": pv}, {"membership_version": row.version}):
        with pytest.raises(ConflictError):  # a stale copy of either part is refused
            m.update_member(db, mid, person={"phone": "0912 345 678"}, **versions)
    assert m.get_person(db, pid).phone == ""
    with pytest.raises(NotFoundError):
        m.update_member(db, 4242, person={"phone": "0912 345 678"})


def test_merge_units_checks_the_version_read(db) -> None:
    a, b = u.create_unit(db, name="Sở A"), u.create_unit(db, name="Sở B")
    seen = u.get_unit(db, a).version
    u.update_unit(db, a, short_name="SA")
    with pytest.raises(ConflictError):
        u.merge_units(db, a, b, on=D0, expected_version=seen)
    assert u.get_unit(db, a).active
    u.merge_units(db, a, b, on=D0, expected_version=u.get_unit(db, a).version)
    assert u.get_unit(db, a).merged_into_id == b
    with pytest.raises(ConflictError):
        u.reactivate_unit(db, a, expected_version=seen)


def test_former_members_stay_in_their_meetings(db) -> None:
    pid, mid = appointed(db, "Trần Văn Hùng", "head")
    with db.session() as s:
        meeting = Meeting(
            kind=MeetingKind.REGULAR,
            title="Họp 6 tháng",
            starts_at=datetime(2025, 6, 1, 8, 0),
            chair_id=pid,
        )
        s.add(meeting)
        s.flush()
        s.add(
            Invitee(
                meeting_id=meeting.id,
                person_id=pid,
                category=InviteeCategory.MEMBER,
                name_snapshot="Trần Văn Hùng",
                position_snapshot="Chủ tịch UBND tỉnh",
            )
        )
        meeting_id = meeting.id
    m.end_membership(db, mid, end_date=date(2025, 12, 31), decision_number="20/QĐ-UBND")
    with db.session() as s:
        invitee = s.scalars(select(Invitee).where(Invitee.meeting_id == meeting_id)).one()
        assert (invitee.person_id, invitee.name_snapshot) == (pid, "Trần Văn Hùng")
        assert s.get(Meeting, meeting_id).chair_id == pid
        assert s.get(CommitteeMembership, mid) is not None


def test_list_experts(db) -> None:
    person(db, "Nguyễn Văn Quan", kind="official")
    person(db, "Trần Khoa Học", "Trường Đại học Vinh", kind="scientist")
    person(db, "Lê Chuyên Gia", "Viettel Nghệ An", kind="expert")
    person(db, "Hồ Khách Mời", None, kind="guest")
    names = [r.full_name for r in m.list_experts(db)]
    # An official of no body is in the directory too (test_people_directory).
    assert sorted(names) == sorted(
        ["Nguyễn Văn Quan", "Trần Khoa Học", "Lê Chuyên Gia", "Hồ Khách Mời"]
    )
    assert [r.full_name for r in m.list_experts(db, search="dai hoc vinh")] == ["Trần Khoa Học"]


# ------------------------------------------------------------------------------------------
# Responsibility matrix
# ------------------------------------------------------------------------------------------


def test_responsibility_matrix(db) -> None:
    appointed(db, "Trần Văn Hùng", "head", field="Chỉ đạo chung", area="Toàn tỉnh")
    appointed(db, "Nguyễn Văn An", field="Hạ tầng số", area="Thành phố Vinh, Cửa Lò; Nghi Lộc")
    appointed(db, "Lê Thị Mai", field="hạ tầng số", area="cửa lò")
    appointed(db, "Phạm Thị Hoa")
    _, gone = appointed(db, "Võ Văn Cũ", field="Hạ tầng số", area="Vinh")
    m.end_membership(db, gone, end_date=date(2025, 2, 1), decision_number="3/QĐ")
    matrix = m.responsibility_matrix(db)
    assert matrix.fields == ["Chỉ đạo chung", "Hạ tầng số", "(Chưa phân công)"]
    assert matrix.areas == ["Cửa Lò", "Nghi Lộc", "Thành phố Vinh", "Toàn tỉnh", "(Chưa phân công)"]
    assert matrix.get("Hạ tầng số", "Cửa Lò") == ["Nguyễn Văn An", "Lê Thị Mai"]
    assert matrix.get("Hạ tầng số", "Nghi Lộc") == ["Nguyễn Văn An"]
    assert matrix.get("Chỉ đạo chung", "Toàn tỉnh") == ["Trần Văn Hùng"]
    assert matrix.cells[("(Chưa phân công)", "(Chưa phân công)")] == ["Phạm Thị Hoa"]
    assert all("Võ Văn Cũ" not in names for names in matrix.cells.values())
    assert "Võ Văn Cũ" in m.responsibility_matrix(db, on=date(2025, 1, 15)).get(
        "Hạ tầng số", "Vinh"
    )


# ------------------------------------------------------------------------------------------
# Units
# ------------------------------------------------------------------------------------------


def test_units_rename_retire_merge(db) -> None:
    ict = u.create_unit(db, name="Sở Thông tin và Truyền thông", short_name="STTTT")
    sci = u.create_unit(db, name="Sở Khoa học và Công nghệ")
    dist = u.create_unit(db, name="Huyện Nghi Lộc", kind=UnitKind.LOCALITY)
    staff = person(db, "Nguyễn Văn An", "Sở Thông tin và Truyền thông")
    with pytest.raises(ValidationError) as exc:
        u.update_unit(db, sci, name="SỞ THONG TIN VA TRUYEN THONG")
    assert exc.value.field == "name"
    with pytest.raises(ValidationError) as exc:
        u.create_unit(db, name="sở khoa học và công nghệ")
    assert exc.value.field == "name"
    u.rename_unit(db, sci, "Sở Khoa học, Công nghệ và Đổi mới sáng tạo")
    u.update_unit(db, dist, phone="0238 3861 234", email="ubnd@NGHILOC.nghean.gov.vn")
    assert u.get_unit(db, dist).email == "ubnd@nghiloc.nghean.gov.vn"
    with pytest.raises(ValidationError):
        u.update_unit(db, dist, email="nope")

    with pytest.raises(ValidationError):
        u.merge_units(db, ict, ict, on=date(2025, 3, 1))
    u.merge_units(db, ict, sci, on=date(2025, 3, 1))
    merged = u.get_unit(db, ict)
    assert not merged.active and merged.retired_on == date(2025, 3, 1)
    assert merged.merged_into_id == sci
    assert merged.merged_into == "Sở Khoa học, Công nghệ và Đổi mới sáng tạo"
    assert m.get_person(db, staff).unit_id == ict  # people keep their unit, for history
    assert ict not in {r.id for r in u.list_units(db)}
    assert ict in {r.id for r in u.list_units(db, include_retired=True)}

    u.retire_unit(db, dist, on="01/07/2025")
    assert u.get_unit(db, dist).retired_on == date(2025, 7, 1)
    with pytest.raises(ValidationError):
        u.retire_unit(db, dist, on=date(2025, 8, 1))
    other = u.create_unit(db, name="Xã Nghi Lộc", kind="locality")
    with pytest.raises(ValidationError) as exc:
        u.merge_units(db, other, dist, on=date(2025, 8, 1))
    assert exc.value.field == "target_id"
    with pytest.raises(NotFoundError):
        u.get_unit(db, 4242)
    u.reactivate_unit(db, dist)
    assert u.get_unit(db, dist).active


def test_guess_unit_kind() -> None:
    assert u.guess_unit_kind("Sở Y tế") == UnitKind.DEPARTMENT
    assert u.guess_unit_kind("UBND huyện Nam Đàn") == UnitKind.LOCALITY
    assert u.guess_unit_kind("Thành phố Vinh") == UnitKind.LOCALITY
    assert u.guess_unit_kind("Trường Đại học Vinh") == UnitKind.UNIVERSITY
    assert u.guess_unit_kind("Viettel Nghệ An") == UnitKind.ENTERPRISE
    assert u.guess_unit_kind("Công an tỉnh") == UnitKind.CENTRAL_AGENCY
    assert u.guess_unit_kind("Hội Tin học") == UnitKind.OTHER


def test_people_keep_nfc_and_the_person_row(db) -> None:
    pid = person(db, unicodedata.normalize("NFD", "Đặng Thị Thủy"), notes="ghi chú")
    row = m.get_person(db, pid)
    assert row.full_name == unicodedata.normalize("NFC", "Đặng Thị Thủy")
    assert row.notes == "ghi chú"
    with db.session() as s:
        assert s.get(Person, pid).full_name == "Đặng Thị Thủy"


def test_core_modules_do_not_import_qt() -> None:
    code = (
        "import sys, bdcq_desktop.core.members, bdcq_desktop.core.roster_io, "
        "bdcq_desktop.core.units; print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------------------------------
# Names stored as documents print them (audit of a new office, defect 4)
# ------------------------------------------------------------------------------------------


def test_a_persons_name_is_stored_with_a_capital_on_each_syllable(db, tmp_path) -> None:
    """Typed in lower case or in capitals, in the form, the new-member form or a roster file:
    stored in proper case (NFC); a name typed with care is kept."""
    from bdcq_desktop.core.roster_io import apply_import, preview_import

    typed = m.create_person(db, full_name="nguyễn văn bình ")
    assert m.get_person(db, typed).full_name == "Nguyễn Văn Bình"
    m.update_person(db, typed, full_name=unicodedata.normalize("NFD", "ĐINH THỊ HỒNG NHUNG"))
    assert m.get_person(db, typed).full_name == "Đinh Thị Hồng Nhung"
    kept = m.create_person(db, full_name="PGS.TS Hồ Đức Phớc")
    assert m.get_person(db, kept).full_name == "PGS.TS Hồ Đức Phớc"
    mid = m.appoint_new(
        db, person={"full_name": "la văn cầu"}, appointment={"role": "member", "start_date": D0}
    )
    assert [r.full_name for r in m.list_committee(db)] == ["La Văn Cầu"]
    assert mid

    roster = tmp_path / "roster.csv"
    roster.write_text("Họ và tên,Chức vụ\nTRẦN THỊ HOA,Giám đốc\nlê văn an,Phó Giám đốc\n", "utf-8")
    preview = preview_import(db, roster)
    assert [r.full_name for r in preview.rows] == ["Trần Thị Hoa", "Lê Văn An"]
    apply_import(db, preview)
    names = {p.full_name for p in m.list_people(db)}
    assert {"Trần Thị Hoa", "Lê Văn An"} <= names
    assert not any(n.islower() or n.isupper() for n in names)


def test_a_roster_of_a_past_day_ranks_that_days_members_as_current(demo_db) -> None:  # type: ignore[no-untyped-def]
    """The roster dated before the 2025 reorganisations lists who served that day in rank
    order (Head, Deputies, Standing Member, Members, Secretary): those who left since were
    ranked after the Secretary as former members."""
    from bdcq_desktop.core.membership_rules import roster_key

    day = date(2024, 12, 1)
    rows = m.list_committee(demo_db, on=day)
    assert rows and all(r.active for r in rows)
    assert [r.id for r in rows] == [
        r.id
        for r in sorted(
            rows, key=lambda r: roster_key(r.body, r.role, r.sort_order, r.full_name, r.id)
        )
    ]
    assert rows[-1].role == "secretary"
    # Today's roster still ranks today's members, the same way.
    assert all(r.active for r in m.list_committee(demo_db))
