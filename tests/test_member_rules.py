"""Issue 14, items 3–6: one roster order, one meaning of the end date, removing a member entered
by mistake, and the warning for a second holder of one position in one unit.

Each test checks the core, and where the defect showed elsewhere, the roster PDF read back with
pdfium (tests/pdf_tables.py) and ``bdcq members`` run as a real subprocess.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import members as m
from bdcq_desktop.core import units as u
from bdcq_desktop.core.errors import (
    BcdError,
    ConflictError,
    DuplicatePositionWarning,
    NotFoundError,
    ValidationError,
)
from bdcq_desktop.core.models import (
    ChangeAction,
    ChangeLog,
    CommitteeMembership,
    Invitee,
    InviteeCategory,
    IssuedDocument,
    Meeting,
    MeetingKind,
    Person,
)
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from tests.cli_run import created, run_bdcq
from tests.pdf_tables import page_tables

TODAY = date.today()
D0 = date(2025, 1, 1)


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Any:
    docfonts.register_fonts(prefer_system=False)
    yield


def bdcq(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_bdcq(args, db=db)


def cli_members(db: Path, *extra: str) -> list[dict]:
    out = bdcq(db, "members", "list", "--format", "json", *extra)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def roster_names(db: Any, day: date) -> tuple[list[str], list[str]]:
    """(committee, working group) names as the roster PDF of ``day`` prints them."""
    data = service.draft(db, "roster", None, today=day)
    committee: list[str] = []
    group: list[str] = []
    target = committee
    for tables in page_tables(data):
        for table in tables:
            for row in table:
                cells = [re.sub(r"\s+", " ", c or "").strip() for c in row]
                if cells[0] == "1" and committee:
                    target = group  # numbering starts again in section II
                if cells[0].isdigit():
                    target.append(cells[1])
    return committee, group


def person(db: Any, name: str, unit: str | None = "Sở Y tế", **kw: Any) -> int:
    unit_id = None
    if unit:
        found = [r for r in u.list_units(db, include_retired=True) if r.name == unit]
        unit_id = found[0].id if found else u.create_unit(db, name=unit)
    return m.create_person(db, full_name=name, unit_id=unit_id, **kw)


def appointed(db: Any, name: str, role: str = "member", **kw: Any) -> tuple[int, int]:
    pid = person(db, name, kw.pop("unit", "Sở Y tế"), position=kw.pop("position", None))
    kw.setdefault("start_date", D0)
    return pid, m.appoint(db, pid, role=role, **kw)


# ------------------------------------------------------------------------------------------
# 3. One roster order: the PDF, the screen and `members list --sort rank`
# ------------------------------------------------------------------------------------------


def test_new_member_is_listed_below_the_standing_member_everywhere(
    demo_db: Any, tmp_path: Path
) -> None:
    pid = person(demo_db, "Nguyễn Thị Mới", position="Phó Giám đốc", unit="Sở Tài chính")
    m.appoint(demo_db, pid, role="Thành viên", start_date=TODAY - timedelta(days=1))

    core = [r.full_name for r in m.list_committee(demo_db, sort="rank")]
    pdf_committee, pdf_group = roster_names(demo_db, TODAY)
    cli = [r["full_name"] for r in cli_members(tmp_path / "demo.sqlite3", "--sort", "rank")]
    assert pdf_committee == core == cli

    roles = {r.full_name: r.role for r in m.list_committee(demo_db)}
    standing = next(n for n, role in roles.items() if role == "standing_member")
    assert core.index(standing) < core.index("Nguyễn Thị Mới")
    # The newcomer ends the members (the decision's members keep their order), before the
    # secretary.
    ranks = [roles[n] for n in core]
    order = [
        "head",
        "standing_deputy_head",
        "deputy_head",
        "standing_member",
        "member",
        "secretary",
    ]
    assert ranks == sorted(ranks, key=order.index)
    assert core[ranks.index("secretary") - 1] == "Nguyễn Thị Mới"
    # The working group's "member" ranks after its leader and deputies, not as a committee
    # member would.
    group = [r.full_name for r in m.list_group(demo_db, on=TODAY)]
    assert pdf_group == group
    group_roles = [r.role for r in m.list_group(demo_db, on=TODAY)]
    assert group_roles == sorted(group_roles, key=["leader", "deputy_leader", "member"].index)


def test_decision_order_within_a_rank_then_unplaced_by_name(db: Any) -> None:
    for name, order in (("Trần Văn Bê", 5), ("Lê Thị An", 9), ("Hồ Văn Cường", 0)):
        _, mid = appointed(db, name)
        with db.session() as s:
            s.get(CommitteeMembership, mid).sort_order = order
    appointed(db, "Võ Văn Đạt")  # appointed later: not placed (0)
    names = [r.full_name for r in m.list_committee(db)]
    assert names == ["Trần Văn Bê", "Lê Thị An", "Hồ Văn Cường", "Võ Văn Đạt"]


# ------------------------------------------------------------------------------------------
# 4. The end date is the last day of membership, everywhere
# ------------------------------------------------------------------------------------------


@pytest.fixture
def boundary(db: Any) -> dict[str, int]:
    """Four members: ended yesterday, today, tomorrow, and one without an end."""
    from bdcq_desktop.core.settings import update_organisation

    update_organisation(
        db, parent_body="UBND tỉnh Nghệ An", committee_name="Ban Chỉ đạo", place_name="Nghệ An"
    )
    ids = {}
    for name, end in (
        ("Trần Hôm Qua", TODAY - timedelta(days=1)),
        ("Lê Hôm Nay", TODAY),
        ("Phạm Ngày Mai", TODAY + timedelta(days=1)),
        ("Võ Còn Mãi", None),
    ):
        _, mid = appointed(db, name, unit=None, field="Hạ tầng số", area="Vinh")
        if end is not None:
            m.end_membership(db, mid, end_date=end, decision_number="9/QĐ-UBND")
        ids[name] = mid
    return ids


CURRENT = {"Lê Hôm Nay", "Phạm Ngày Mai", "Võ Còn Mãi"}


def test_end_date_boundaries_agree_everywhere(db: Any, db_path: Path, boundary: dict) -> None:
    assert {r.full_name for r in m.list_committee(db)} == CURRENT
    assert {r.full_name for r in m.list_committee(db, on=TODAY)} == CURRENT
    everyone = {r.full_name: r.active for r in m.list_committee(db, include_former=True)}
    assert everyone == {"Trần Hôm Qua": False} | dict.fromkeys(CURRENT, True)
    # Tomorrow the member whose last day is today is gone; the one ending tomorrow is not.
    tomorrow = {r.full_name for r in m.list_committee(db, on=TODAY + timedelta(days=1))}
    assert tomorrow == {"Phạm Ngày Mai", "Võ Còn Mãi"}

    committee, _group = roster_names(db, TODAY)
    assert set(committee) == CURRENT
    assert {r["full_name"] for r in cli_members(db_path)} == CURRENT
    listed = {r["full_name"]: r["active"] for r in cli_members(db_path, "--all")}
    assert listed == everyone
    assert sum(len(v) for v in m.responsibility_matrix(db).cells.values()) == len(CURRENT)


def test_meeting_of_the_day_invites_the_members_current_that_day(db: Any, boundary: dict) -> None:
    from bdcq_desktop.documents.meeting_data import load_meeting

    chair = next(r.person_id for r in m.list_committee(db) if r.full_name == "Lê Hôm Nay")
    with db.session() as s:
        meeting = Meeting(
            kind=MeetingKind.REGULAR,
            title="Họp định kỳ",
            starts_at=datetime.combine(TODAY, datetime.min.time()).replace(hour=8),
            chair_id=chair,
        )
        s.add(meeting)
        s.flush()
        meeting_id = meeting.id
    data = load_meeting(db, meeting_id)
    assert {p.name for p in data.members(db)} == CURRENT
    assert data.chair_role  # the chair is still a member on their last day


def test_a_membership_ending_later_still_blocks_a_second_one(db: Any, boundary: dict) -> None:
    pid = next(r.person_id for r in m.list_committee(db) if r.full_name == "Phạm Ngày Mai")
    with pytest.raises(ValidationError) as exc:
        m.appoint(db, pid, role="secretary", start_date=TODAY)
    assert exc.value.field == "person_id"
    m.appoint(db, pid, role="secretary", start_date=TODAY + timedelta(days=2))


def test_end_date_label_says_which_day_it_is() -> None:
    from bdcq_desktop.core.memberships import MEMBERSHIP_LABELS

    assert MEMBERSHIP_LABELS["end_date"] == m.END_DATE_LABEL == "Là thành viên đến hết ngày"


# ------------------------------------------------------------------------------------------
# 5. Removing a member entered by mistake
# ------------------------------------------------------------------------------------------


def _row(db: Any, name: str) -> m.MemberRow:
    return next(r for r in m.list_committee(db, include_former=True) if r.full_name == name)


def test_member_entered_by_mistake_is_deleted_with_the_membership(db: Any) -> None:
    pid, mid = appointed(db, "Nguyễn Nhầm Lẫn")
    row = _row(db, "Nguyễn Nhầm Lẫn")
    assert row.deletable and m.removal_blockers(db, pid) == []
    with pytest.raises(ConflictError):
        m.delete_mistaken_member(db, mid, expected_version=row.version + 1)
    assert m.delete_mistaken_member(db, mid, expected_version=row.version) == pid
    with db.session() as s:
        assert s.get(Person, pid) is None and s.get(CommitteeMembership, mid) is None
        logged = {
            (c.table_name, c.record_id)
            for c in s.scalars(select(ChangeLog).where(ChangeLog.action == ChangeAction.DELETE))
        }
    assert {("person", pid), ("committee_membership", mid)} <= logged


@pytest.mark.parametrize("backend", ["db", "pg_db"])
def test_referenced_members_stay(request: pytest.FixtureRequest, backend: str) -> None:
    """SQLite and PostgreSQL: the flag is SQL comparing dates and timestamps."""
    db = request.getfixturevalue(backend)
    invited, invited_mid = appointed(db, "Lê Được Mời")
    _, ended_mid = appointed(db, "Trần Đã Thôi")
    m.end_membership(db, ended_mid, end_date=date(2025, 6, 30), decision_number="5/QĐ-UBND")
    _, listed_mid = appointed(db, "Hồ Có Tên", start_date=TODAY)
    early, early_mid = appointed(db, "Võ Vào Sau", start_date=TODAY + timedelta(days=30))
    with db.session() as s:
        meeting = Meeting(
            kind=MeetingKind.REGULAR, title="Họp", starts_at=datetime(2025, 6, 1, 8, 0)
        )
        s.add(meeting)
        s.flush()
        s.add(
            Invitee(
                meeting_id=meeting.id,
                person_id=invited,
                category=InviteeCategory.MEMBER,
                name_snapshot="Lê Được Mời",
            )
        )
        # A roster issued today, after these memberships were entered, lists "Hồ Có Tên".
        s.add(
            IssuedDocument(
                type_abbr="DS",
                kind="roster",
                year=TODAY.year,
                number=1,
                symbol="01/DS-BCĐ",
                issued_on=TODAY,
                summary="Thành viên Ban Chỉ đạo",
                record_type="none",
                record_id=0,
                file_path="01-DS.pdf",
                sha256="0" * 64,
            )
        )
    flags = {r.full_name: r.deletable for r in m.list_committee(db, include_former=True)}
    assert flags == {
        "Lê Được Mời": False,
        "Trần Đã Thôi": False,
        "Hồ Có Tên": False,
        "Võ Vào Sau": True,  # starts after the document: it cannot list them
    }
    for mid, reason in (
        (invited_mid, "được mời họp"),
        (ended_mid, "đã kết thúc theo quyết định"),
        (listed_mid, "văn bản đã ban hành"),
    ):
        with pytest.raises(BcdError) as exc:
            m.delete_mistaken_member(db, mid)
        assert reason in exc.value.message
        assert "thôi làm thành viên" in exc.value.message
    assert len(m.list_committee(db, include_former=True)) == 4
    m.delete_mistaken_member(db, early_mid)
    assert "được mời họp" in m.removal_blockers(db, invited)
    with pytest.raises(NotFoundError):  # the person is gone with the membership
        m.removal_blockers(db, early)


def test_list_flag_agrees_with_the_reasons_on_the_demo(demo_db: Any) -> None:
    """The flag is one correlated SQL expression per row: it must see every membership of the
    person, not only the row's own."""
    rows = m.list_committee(demo_db, include_former=True) + m.list_group(
        demo_db, include_former=True
    )
    for r in rows:
        assert r.deletable == (not m.removal_blockers(demo_db, r.person_id)), r.full_name
    assert not any(r.deletable for r in rows)  # the demo's members all have a history


# ------------------------------------------------------------------------------------------
# 6. A second holder of one position in one unit
# ------------------------------------------------------------------------------------------


def test_second_director_of_one_department_needs_confirmation(db: Any) -> None:
    appointed(db, "Trần Giám Đốc", position="Giám đốc")
    second = person(db, "Lê Cũng Giám Đốc", "Sở Y tế", position="giam doc")
    with pytest.raises(DuplicatePositionWarning) as exc:
        m.appoint(db, second, role="member", start_date=D0)
    assert exc.value.parameter == "confirm_duplicate_position"
    assert "Trần Giám Đốc" in exc.value.message and "Sở Y tế" in exc.value.message
    assert len(m.list_committee(db)) == 1  # nothing written
    m.appoint(db, second, role="member", start_date=D0, confirm_duplicate_position=True)
    assert len(m.list_committee(db)) == 2
    # Another unit, or a holder whose membership ended before: no warning.
    appointed(db, "Hồ Giám Đốc Khác", position="Giám đốc", unit="Sở Tài chính")
    _, gone = appointed(db, "Phạm Giám Đốc Cũ", position="Giám đốc", unit="Sở Xây dựng")
    m.end_membership(db, gone, end_date=TODAY - timedelta(days=1), decision_number="7/QĐ")
    appointed(db, "Võ Giám Đốc Mới", position="Giám đốc", unit="Sở Xây dựng", start_date=TODAY)


def test_reorganisation_warns_too(db: Any) -> None:
    appointed(db, "Trần Giám Đốc", position="Giám đốc")
    new = person(db, "Lê Giám Đốc", "Sở Y tế", position="Giám đốc")
    plan = m.Reorganisation(
        decision_number="12/QĐ-UBND",
        decision_date=TODAY,
        effective_date=TODAY,
        new=[m.NewAppointment(new, "member")],
    )
    with pytest.raises(DuplicatePositionWarning):
        m.reorganise(db, plan)
    assert len(m.list_committee(db)) == 1
    assert m.reorganise(db, plan, confirm_duplicate_position=True).started == 1


HEADER = "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò,Lĩnh vực phụ trách,Địa bàn phụ trách,"
HEADER += "Điện thoại,Email,Quyết định\n"


def test_roster_import_reports_a_second_holder_as_a_warning(db_path: Path, tmp_path: Path) -> None:
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.roster_io import preview_import

    db = open_database(db_path)
    try:
        appointed(db, "Trần Giám Đốc", position="Giám đốc")
        src = tmp_path / "roster.csv"
        src.write_text(
            HEADER + "Lê Văn Hai,Nam,Giám đốc,Sở Y tế,Thành viên,,,,,\n"
            "Võ Văn Ba,Nam,Phó Giám đốc,Sở Tư pháp,Thành viên,,,,,\n"
            "Hồ Văn Bốn,Nam,Phó giám đốc,Sở Tư pháp,Thành viên,,,,,\n",
            encoding="utf-8",
        )
        preview = preview_import(db, src)
        assert preview.ok  # a warning, not an error
        lines = dict(preview.warnings)
        assert "Trần Giám Đốc" in lines[2] and lines[2].startswith("Cảnh báo")
        assert "dòng 3" in lines[4]
        assert 3 not in lines
    finally:
        db.dispose()

    out = bdcq(db_path, "members", "import", str(src))
    assert out.returncode == 2
    assert "Cảnh báo" in out.stderr and "--yes" in out.stderr.splitlines()[-1]
    assert len(cli_members(db_path)) == 1  # nothing written
    out = bdcq(db_path, "members", "import", str(src), "--yes", "--start-date", "10/02/2026")
    assert out.returncode == 0, out.stderr
    assert len(cli_members(db_path)) == 4


def test_start_dates_outside_a_sane_window_are_refused(db, tmp_path) -> None:
    """A typo such as 9999-12-31 would show a member as current for ever (issue: start dates
    are refused outside a sane window), in the appointment and in the roster import."""
    from bdcq_desktop.core.errors import ValidationError
    from bdcq_desktop.core.memberships import latest_start

    members = m

    person = members.create_person(db, full_name="Nguyễn Văn Thử", position="Chuyên viên")
    for bad in ("9999-12-31", "0001-01-01", latest_start() + timedelta(days=1)):
        with pytest.raises(ValidationError) as err:
            members.appoint(db, person, role="member", start_date=bad)
        assert err.value.field == "start_date"
    assert members.list_committee(db, include_former=True) == []
    members.appoint(db, person, role="member", start_date=latest_start())  # the edge is allowed

    csv = tmp_path / "roster.csv"
    csv.write_text("Họ và tên,Chức vụ,Vai trò\nTrần Thị Hoa,Chuyên viên,Thành viên\n", "utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(created(tmp_path / "i.sqlite3")),
         "members", "import", str(csv), "--start-date", "9999-12-31"],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "Ngày bắt đầu" in out.stderr
