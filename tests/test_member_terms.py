"""Terms of the roster as they were (audit of the members tab), through the core on a real
SQLite file:

- a former term shows the position and agency held then, not today's (a promotion saved
  since rewrote it in the list, ``list --all`` and ``export --all``, while the dated PDF
  roster was right): the list, the export, the first screen and the dated roster read them
  from one place;
- the roster of a past day (``on``) is that day's, with that day's posts; with the former
  members, every term begun by then.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from bdcq_desktop.core import members as m
from bdcq_desktop.core import units as un
from bdcq_desktop.core.first_screen import FirstScreen
from bdcq_desktop.core.roster_io import export_roster


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
