"""Terms of the roster as they were (audit of the members tab, items 1, 2 and 6), through the core
on a real SQLite file:

- a former term shows the position and agency held then, not today's (a promotion saved
  since rewrote it in the list, ``list --all`` and ``export --all``, while the dated PDF
  roster was right): the list, the export, the first screen and the dated roster read them
  from one place;
- the roster of a past day (``on``) is that day's, with that day's posts; with the former
  members, every term begun by then;
- ending a membership (alone or in a kiện toàn) says which meetings not yet held still invite
  the person as a member, and which issued convocation calls them, and takes nobody off;
  ``bdcq check`` lists them for the meetings to come.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bdcq_desktop.core import members as m
from bdcq_desktop.core import units as un
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.first_screen import FirstScreen
from bdcq_desktop.core.invitees import remove_invitees
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.core.roster_io import export_roster
from tests.test_meetings_core import Roster, base, roster  # noqa: F401

TODAY = date.today()


def _promoted(db: Any) -> tuple[int, int, int]:
    """Nguyễn Bá Thịnh, Giám đốc Sở Tư pháp, member from 01/10/2024 to 30/06/2025 and again
    from 01/07/2025, promoted today to Phó Chủ tịch UBND tỉnh (the duplicate position
    confirmed, as the officer does). Returns the person, the former and the current term."""
    justice = un.create_unit(db, name="Sở Tư pháp")
    province = un.create_unit(db, name="UBND tỉnh Nghệ An")
    pid = m.create_person(
        db, full_name="Nguyễn Bá Thịnh", position="Giám đốc Sở Tư pháp", unit_id=justice
    )
    former = m.appoint(db, pid, role="member", start_date=date(2024, 10, 1))
    m.end_membership(db, former, end_date=date(2025, 6, 30), decision_number="2197/QĐ-UBND")
    current = m.appoint(db, pid, role="member", start_date=date(2025, 7, 1))
    m.update_member(
        db,
        current,
        person={"position": "Phó Chủ tịch UBND tỉnh", "unit_id": province},
        confirm_duplicate_position=True,
    )
    return pid, former, current


def _posts(rows: list[m.MemberRow]) -> dict[int, tuple[str, str]]:
    return {r.id: (r.position, r.unit) for r in rows}


def test_a_former_term_shows_the_position_and_agency_held_then(db: Any, tmp_path: Path) -> None:
    _pid, former, current = _promoted(db)
    rows = m.list_committee(db, include_former=True)
    assert _posts(rows) == {
        former: ("Giám đốc Sở Tư pháp", "Sở Tư pháp"),
        current: ("Phó Chủ tịch UBND tỉnh", "UBND tỉnh Nghệ An"),
    }
    # The search finds a former term by the post it had.
    found = m.list_committee(db, include_former=True, search="Tư pháp")
    assert [r.id for r in found] == [former]
    # The first screen of a start shows the same rows, read before SQLAlchemy.
    assert FirstScreen(db.sqlite_path).roster("committee") == rows
    # The history exported has the former term's posts too.
    path = tmp_path / "history.xlsx"
    export_roster(db, path, include_former=True)
    sheet = load_workbook(path).active
    table = [r for r in sheet.iter_rows(values_only=True) if r[1] == "Nguyễn Bá Thịnh"]
    assert sorted((r[4], r[5], r[12] is not None) for r in table) == [
        ("Giám đốc Sở Tư pháp", "Sở Tư pháp", True),
        ("Phó Chủ tịch UBND tỉnh", "UBND tỉnh Nghệ An", False),
    ]


def test_the_roster_of_a_past_day_is_that_days_with_that_days_posts(db: Any) -> None:
    _pid, former, current = _promoted(db)
    later = m.create_person(db, full_name="Lê Hoàng Đức", position="Giám đốc Sở Nội vụ")
    joined = m.appoint(db, later, role="member", start_date=date(2025, 3, 1))
    day = date(2024, 12, 1)
    assert _posts(m.list_committee(db, on=day)) == {
        former: ("Giám đốc Sở Tư pháp", "Sở Tư pháp")
    }
    # With the former members of that day: every term begun by then, the ended ones former.
    # A day in the second term: the first is former, the one appointed since is not listed
    # before its start.
    rows = m.list_committee(db, on=date(2025, 7, 15), include_former=True)
    assert {r.id: r.active for r in rows} == {former: False, current: True, joined: True}
    assert _posts(rows)[former] == ("Giám đốc Sở Tư pháp", "Sở Tư pháp")
    assert _posts(rows)[current] == ("Giám đốc Sở Tư pháp", "Sở Tư pháp")  # not yet promoted
    assert [r.id for r in m.list_committee(db, on=date(2025, 2, 1), include_former=True)] == [
        former
    ]


# --- ending a term while invited ----------------------------------------------------------------

AHEAD = datetime.combine(TODAY + timedelta(days=14), time(8, 0))


def _convened_ahead(db: Any, r: Roster) -> int:
    """The committee's meeting two weeks ahead, every member invited, its convocation
    01/GTT-BCĐ issued today."""
    from bdcq_desktop.core.settings import update_organisation
    from bdcq_desktop.documents import service

    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
    )
    meeting = create_meeting(
        db,
        **base(r, starts_at=AHEAD, ends_at=AHEAD + timedelta(hours=3), now=datetime.now()),
        invite_committee=True,
    )
    assert service.issue(db, "convocation", meeting).symbol.startswith("01/GTT")
    return meeting


def _invitee(db: Any, meeting: int, person: int) -> Any:
    return next(i for i in get_meeting(db, meeting).invitees if i.person_id == person)


def test_ending_a_term_names_the_meetings_still_inviting_and_leaves_them(
    db: Any,
    roster: Roster,  # noqa: F811
) -> None:
    r = roster
    meeting = _convened_ahead(db, r)
    # Ended after the meeting: still a member on its day, nothing to say.
    late = m.appoint(db, m.create_person(db, full_name="Phan Văn Muộn"), role="member",
                     start_date=date(2025, 1, 1))  # fmt: skip
    assert m.end_membership(db, late, end_date=AHEAD.date(), decision_number="1/QĐ") == ()
    # Ended before it: the meeting, its day and the issued convocation that calls them.
    (said,) = m.end_membership(
        db, r.member_membership, end_date=TODAY, decision_number="900/QĐ-UBND"
    )
    assert (said.meeting_id, said.person_id, said.name) == (meeting, r.member, "Nguyễn Bá Thịnh")
    assert said.starts_at == AHEAD
    assert said.papers.startswith("Giấy triệu tập số 01/GTT-BCĐ ngày ")
    text = m.still_invited_notice([said])
    assert "Thành viên Ban Chỉ đạo" in text and "Nguyễn Bá Thịnh" in text
    assert f"08:00 ngày {AHEAD:%d/%m/%Y}" in text and "01/GTT-BCĐ" in text
    # Nobody is taken off: a substitute may come; the officer decides.
    invitee = _invitee(db, meeting, r.member)
    assert invitee.category == "member"
    # bdcq check lists it for the meeting to come, and not once the list is put right.
    problems = [p for p in run_checks(db) if p.code == "meeting_invitees"]
    assert [p.record for p in problems] == [f"meeting#{meeting}"]
    assert "Nguyễn Bá Thịnh" in problems[0].message and "01/GTT-BCĐ" in problems[0].message
    remove_invitees(db, meeting, [invitee.id], expected_version=get_meeting(db, meeting).version,
                    confirm_after_convocation=True)  # fmt: skip
    assert [p for p in run_checks(db) if p.code == "meeting_invitees"] == []


def test_a_reorganisation_names_the_meetings_still_inviting_those_it_ends(
    db: Any,
    roster: Roster,  # noqa: F811
) -> None:
    r = roster
    meeting = _convened_ahead(db, r)
    standing = next(x for x in m.list_committee(db) if x.person_id == r.standing)
    plan = m.Reorganisation(
        decision_number="4007/QĐ-UBND",
        decision_date=TODAY,
        effective_date=TODAY + timedelta(days=1),
        end_ids=[r.member_membership, standing.id],
        # The standing member stays on the committee as a plain member: no word about them.
        new=[m.NewAppointment(r.standing, "member")],
    )
    result = m.reorganise(db, plan)
    assert [(i.meeting_id, i.person_id) for i in result.still_invited] == [(meeting, r.member)]
    assert _invitee(db, meeting, r.member).category == "member"


@pytest.mark.parametrize("status", ["held", "cancelled"])
def test_a_meeting_held_or_cancelled_says_nothing(
    db: Any,
    roster: Roster,  # noqa: F811
    status: str,
) -> None:
    from bdcq_desktop.core.models import Meeting, MeetingStatus

    meeting = _convened_ahead(db, roster)
    with db.session() as s:
        s.get(Meeting, meeting).status = MeetingStatus(status)
    ended = m.end_membership(
        db, roster.member_membership, end_date=TODAY, decision_number="900/QĐ-UBND"
    )
    assert ended == ()
    assert [p for p in run_checks(db) if p.code == "meeting_invitees"] == []
