"""The meeting's secretary counted alike everywhere, by the core's one rule
(:mod:`bdcq_desktop.core.meeting_secretary`): the attendance summary of the meeting's tab and of
the live window, the meetings list's Mời/Dự, the invitees' counts, the CLI, the minutes' draft
and the minutes and attendance sheet printed (read back from the PDFs).

Before, "invite the whole committee" put the committee's Secretary (Hoàng Xuân Bình, Chuyên
viên of the standing agency) on the list as a member, and the application said "24/25" where
the minutes it issued said "23/24". Databases recorded that way (the demo's, an office's
history) keep their rows: :func:`put_back` writes one as it was written then.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from bdcq_desktop.core import meetings
from bdcq_desktop.core.attendance import AttendanceMark, attendance_rows, record_attendance
from bdcq_desktop.core.attendance_question import unmarked_warning
from bdcq_desktop.core.check_in_search import match_invitees
from bdcq_desktop.core.invitees import invite_committee
from bdcq_desktop.core.membership_rules import current_on
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.core.models import (
    AttendanceStatus,
    CommitteeMembership,
    CommitteeRole,
    Invitee,
    InviteeCategory,
    Meeting,
    Person,
)
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from tests.meeting_pane import open_section
from tests.pdf_text import flat_text
from tests.test_cli_meetings import bdcq, demo, ok  # noqa: F401

SECRETARY = "Hoàng Xuân Bình"  # the committee's Secretary, every demo meeting's secretary
MEMBER = "Võ Văn Bình"  # Giám đốc Công an tỉnh, a member: the same given name
GROUPS = (
    "Thành viên Ban Chỉ đạo",
    "Thành viên Tổ công tác",
    "Lãnh đạo các cơ quan, đơn vị",
    "Chuyên gia, nhà khoa học",
    "Khách mời",
)
# Yesterday: attendance may be taken, and the meeting is over whatever the clock says.
START = datetime.combine(date.today() - timedelta(days=1), time(8, 0))


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    docfonts.register_fonts(prefer_system=False)
    yield


def put_back(
    db: Any, meeting_id: int, attendance: AttendanceStatus = AttendanceStatus.PRESENT
) -> int:
    """The meeting's secretary on its list as a member (present unless said), as "invite the
    whole committee" wrote them before the rule (unless already there): an older database's
    row."""
    with db.session() as s:
        m = s.get(Meeting, meeting_id)
        there = next((i for i in m.invitees if i.person_id == m.secretary_id), None)
        if there is not None:  # a demo of that time
            there.attendance = attendance
            return there.id
        p = s.get(Person, m.secretary_id)
        inv = Invitee(
            meeting_id=meeting_id,
            position=max((i.position for i in m.invitees), default=0) + 1,
            person_id=p.id,
            category=InviteeCategory.MEMBER,
            role="Thư ký",
            name_snapshot=p.full_name,
            position_snapshot=p.position,
            unit_snapshot=p.unit.name if p.unit else None,
            attendance=attendance,
        )
        s.add(inv)
        s.flush()
        return inv.id


def minutes_counts(db: Any, meeting_id: int) -> dict[str, tuple[int, int]]:
    """``{group: (present, invited)}`` as the minutes print them ("…: dự họp 23/24")."""
    text = flat_text(service.draft(db, "minutes", meeting_id))
    found = re.findall(rf"({'|'.join(map(re.escape, GROUPS))}): dự họp (\d+)/(\d+)", text)
    return {g: (int(p), int(n)) for g, p, n in found}


def _held(db: Any) -> list[int]:
    return [r.id for r in meetings.list_meetings(db) if r.status in ("held", "minutes_final")]


def _person(db: Any, name: str) -> int:
    with db.session() as s:
        return int(s.scalar(select(Person.id).where(Person.full_name == name)))


def _members_on(db: Any, day: date) -> set[int]:
    """The roster's members proper on ``day`` (read here, not through the code under test)."""
    with db.session() as s:
        return set(
            s.scalars(
                select(CommitteeMembership.person_id).where(
                    current_on(CommitteeMembership, day),
                    CommitteeMembership.role != CommitteeRole.SECRETARY,
                )
            )
        )


@pytest.mark.parametrize("recorded", ["as invited now", "secretary on the list"])
def test_the_app_counts_the_demo_meetings_as_their_minutes_do(demo_db: Any, recorded: str) -> None:
    held = _held(demo_db)
    assert len(held) >= 8
    if recorded == "secretary on the list":
        for mid in held:
            put_back(demo_db, mid)
    listed = {r.id: r for r in meetings.list_meetings(demo_db)}
    for mid in held:
        printed = minutes_counts(demo_db, mid)
        d = meetings.get_meeting(demo_db, mid)
        s = d.attendance_summary
        assert s is not None
        assert printed[GROUPS[0]] == (s.members_present, s.members_invited), mid
        assert f"dự họp {s.members_present}/{s.members_invited}" in s.text
        others = [v for g, v in printed.items() if g != GROUPS[0]]
        assert (sum(p for p, _ in others), sum(n for _, n in others)) == (
            s.guests_present,
            s.guests_invited,
        ), mid
        row = listed[mid]
        assert (row.invited, row.present) == (
            s.members_invited + s.guests_invited,
            s.members_present + s.guests_present,
        ), mid
        assert sum(d.counts.values()) == row.invited
        # The minutes on screen count the groups as the issued minutes do (core.attendance_groups).
        first = f"Thành viên Ban Chỉ đạo: dự họp {s.members_present}/{s.members_invited}"
        assert minutes_draft(demo_db, mid).attendance[0].startswith(first)
        serving = [r for r in d.attendance if r.takes_the_minutes]
        assert [r.name for r in serving] == ([SECRETARY] if recorded != "as invited now" else [])


def test_invite_committee_on_a_new_meeting_leaves_the_secretary_out(demo_db: Any) -> None:
    """The Head, the Deputy Heads, the Standing Member and the members are invited; the
    committee's Secretary serves the meeting as its secretary."""
    secretary = _person(demo_db, SECRETARY)
    chair = meetings.eligible_people(demo_db, START.date()).chairs[0].person_id
    values = dict(
        kind="regular",
        title="Họp Ban Chỉ đạo",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        chair_id=chair,
        secretary_id=secretary,
        now=START - timedelta(days=7),
    )
    mid = meetings.create_meeting(demo_db, **values)
    d = meetings.get_meeting(demo_db, mid)
    assert invite_committee(demo_db, mid, expected_version=d.version) == len(
        _members_on(demo_db, START.date())
    )
    d = meetings.get_meeting(demo_db, mid)
    assert {i.person_id for i in d.invitees} == _members_on(demo_db, START.date())
    assert secretary not in {i.person_id for i in d.invitees}
    # The same through the new-meeting form's "invite the whole committee".
    other = meetings.create_meeting(demo_db, invite_committee=True, **values)
    assert secretary not in {i.person_id for i in meetings.get_meeting(demo_db, other).invitees}


def test_a_member_who_takes_the_minutes_stays_counted(demo_db: Any) -> None:
    member = _person(demo_db, MEMBER)
    chair = meetings.eligible_people(demo_db, START.date()).chairs[0].person_id
    mid = meetings.create_meeting(
        demo_db,
        kind="regular",
        title="Họp Ban Chỉ đạo",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        chair_id=chair,
        secretary_id=member,
        invite_committee=True,
        now=START - timedelta(days=7),
    )
    d = meetings.get_meeting(demo_db, mid)
    record_attendance(
        demo_db,
        mid,
        [AttendanceMark(r.invitee_id, "present") for r in d.attendance],
        expected_version=d.version,
        now=START + timedelta(minutes=1),
    )
    d = meetings.get_meeting(demo_db, mid)
    n = len(_members_on(demo_db, START.date()))
    assert d.attendance_summary is not None
    assert (d.attendance_summary.members_present, d.attendance_summary.members_invited) == (n, n)
    assert not any(r.takes_the_minutes for r in d.attendance)
    assert next(r for r in d.attendance if r.name == MEMBER).category_label == (
        "Thành viên Ban Chỉ đạo"
    )
    assert minutes_counts(demo_db, mid)[GROUPS[0]] == (n, n)
    row = next(r for r in meetings.list_meetings(demo_db) if r.id == mid)
    assert (row.invited, row.present) == (n, n)
    assert match_invitees(demo_db, mid, "vo van binh")[0].name == MEMBER


def test_a_similar_meeting_leaves_out_the_secretary_on_the_list(demo_db: Any) -> None:
    """An older meeting with the secretary on its list, copied ("Họp tương tự"): the copy
    invites the members, not the Secretary (they serve it again as its secretary)."""
    held = _held(demo_db)
    source = next(r.id for r in meetings.list_meetings(demo_db, kind="regular") if r.id in held)
    put_back(demo_db, source)
    copy = meetings.create_similar(demo_db, source, starts_at=START + timedelta(days=30))
    d = meetings.get_meeting(demo_db, copy)
    secretary = _person(demo_db, SECRETARY)
    assert d.secretary is not None and d.secretary.id == secretary
    assert secretary not in {i.person_id for i in d.invitees}
    assert d.counts["member"] == len(_members_on(demo_db, (START + timedelta(days=30)).date()))


def test_the_attendance_pane_lists_the_secretary_apart(qtbot: Any, demo_db: Any) -> None:
    """The pane's counts are the minutes' counts; the secretary's row says "Thư ký cuộc họp",
    offers no check-in, and the check-in box finds the member of the same given name."""
    from bdcq_desktop.ui import view_state
    from bdcq_desktop.ui.live_panels import AttendancePanel
    from bdcq_desktop.ui.tabs.meeting_attendance import AttendanceSection, mark_text

    view_state.settings().clear()
    mid = next(i for i in _held(demo_db) if meetings.get_meeting(demo_db, i).status == "held")
    secretary_row = put_back(demo_db, mid)
    tab, section = open_section(qtbot, demo_db, mid, "attendance")
    assert isinstance(section, AttendanceSection)

    present, invited = minutes_counts(demo_db, mid)[GROUPS[0]]
    assert f"Thành viên Ban Chỉ đạo dự họp {present}/{invited}" in section.counts.text()
    shown = next(r for r in section.model.rows() if r.invitee_id == secretary_row)
    assert shown.takes_the_minutes and shown.category_label == "Thư ký cuộc họp"
    assert mark_text(shown) == "— Thư ký cuộc họp"
    section.select(secretary_row)
    assert section.current().invitee_id == secretary_row
    assert not section.present_action.isEnabled() and not section.absent_action.isEnabled()
    section.mark_present()  # Enter in the sheet, Ctrl+1: nothing to mark
    assert next(
        r for r in attendance_rows(demo_db, mid) if r.invitee_id == secretary_row
    ).status == "present"  # as recorded, untouched
    assert all(r.invitee_id != secretary_row for r in match_invitees(demo_db, mid, "binh"))

    # The live window's checklist: the same counts, the secretary not a box to tick.
    panel = AttendancePanel(demo_db, mid, lambda: 0, tab)
    panel.reload()
    assert panel.counts.text() == section.counts.text()
    item = next(
        panel.list.item(n)
        for n in range(panel.list.count())
        if panel.list.item(n).text().startswith(SECRETARY)
    )
    assert item.text() == f"{SECRETARY} — Thư ký cuộc họp"
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    view_state.settings().clear()


def test_the_cli_counts_as_the_minutes_do(demo: Path) -> None:  # noqa: F811
    """``bdcq meetings show`` and ``meetings list`` on a database whose meeting has the
    secretary on its list."""
    from bdcq_desktop.core.db import open_database

    db = open_database(demo)
    mid = _held(db)[0]
    put_back(db, mid)
    present, invited = minutes_counts(db, mid)[GROUPS[0]]
    db.dispose()
    shown = json.loads(ok(bdcq(demo, "meetings", "show", str(mid), "--format", "json")))
    summary = shown["attendance_summary"]
    assert (summary["members_present"], summary["members_invited"]) == (present, invited)
    assert [i["name"] for i in shown["invitees"] if i["takes_the_minutes"]] == [SECRETARY]
    assert [a["name"] for a in shown["attendance"] if a["takes_the_minutes"]] == [SECRETARY]
    assert shown["counts"]["member"] == invited
    table = ok(bdcq(demo, "meetings", "show", str(mid)))
    assert f"dự họp {present}/{invited}" in table and "Thư ký cuộc họp" in table
    listed = json.loads(ok(bdcq(demo, "meetings", "list", "--format", "json")))
    row = next(r for r in listed if r["id"] == mid)
    assert row["invited"] == len(shown["attendance"]) - 1


def test_the_secretary_not_marked_does_not_hold_up_the_minutes(demo_db: Any) -> None:
    """Issuing the minutes asks about invitees not marked; the secretary on the list, never
    checked in (the pane offers no check-in), is not one the minutes list."""
    mid = next(i for i in _held(demo_db) if meetings.get_meeting(demo_db, i).status == "held")
    assert unmarked_warning(demo_db, mid) is None
    put_back(demo_db, mid, AttendanceStatus.UNKNOWN)
    assert unmarked_warning(demo_db, mid) is None
    text = flat_text(service.draft(demo_db, "minutes", mid))
    assert "chưa điểm danh" not in text
