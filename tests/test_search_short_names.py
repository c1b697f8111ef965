"""Searching by what officers type (members audit, item 4): a unit's short name ("KH&CN",
"Sở KH&CN", "VP UBND", "BHXH"), a decision's number, a phone, an e-mail address. The members
search looked at name, position, the unit's full name, field and area only, and found nobody
by these; so did the check-in box and the invite dialog's list of units.

A decision number, a phone and an address are codes: only a word with a digit or an @ looks
at them, so "UBND" still finds the UBND's people, not every member of a "…/QĐ-UBND"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import meetings, members, units
from bdcq_desktop.core.attendance import attendance_rows
from bdcq_desktop.core.check_in_search import rank_matches
from bdcq_desktop.core.enums import MeetingStatus
from bdcq_desktop.core.text import fold
from bdcq_desktop.ui import view_state
from tests.cli_run import run_bdcq
from tests.form_dialogs import shown

# Typed as officers write them, and the short name each means.
SHORT = {
    "KH&CN": "Sở KH&CN",
    "Sở KH&CN": "Sở KH&CN",
    "KHCN": "Sở KH&CN",  # without its sign
    "VP UBND": "VP UBND tỉnh",
    "BHXH": "BHXH tỉnh",
}


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _unit_ids(db: Any, short_name: str) -> set[int]:
    ids = {u.id for u in units.list_units(db, include_retired=True) if u.short_name == short_name}
    assert ids, short_name
    return ids


def _ids(rows: list[Any]) -> set[int]:
    return {r.id for r in rows}


def _expected(db: Any) -> dict[str, set[int]]:
    """What each search must find among every term of the committee, told from the data."""
    every = members.list_committee(db, include_former=True)
    unit_ids = {short: _unit_ids(db, short) for short in set(SHORT.values())}
    out = {
        typed: {r.id for r in every if r.unit_id in unit_ids[short]}
        for typed, short in SHORT.items()
    }
    decision = next(r.decision_number for r in every if r.decision_number)
    out[decision.split("/")[0]] = {r.id for r in every if r.decision_number == decision}
    out[decision] = out[decision.split("/")[0]]
    phoned = next(r for r in every if " " in r.phone)
    same_phone = {r.id for r in every if r.phone == phoned.phone}
    out[phoned.phone] = out[phoned.phone.replace(" ", "")] = same_phone
    mailed = next(r for r in every if "." in r.email.split("@")[0])
    same_address = {r.id for r in every if r.email == mailed.email}
    out[mailed.email] = out[mailed.email.split("@")[0]] = same_address
    for typed, ids in out.items():
        assert ids, typed
    return out


def test_the_roster_finds_members_by_short_name_decision_phone_and_address(
    demo_db: Any, tmp_path: Path
) -> None:
    every = members.list_committee(demo_db, include_former=True)
    expected = _expected(demo_db)
    for typed, ids in expected.items():
        found = members.list_committee(demo_db, search=typed, include_former=True)
        assert _ids(found) == ids, typed
    # The codes are found by numbers only: "UBND" is the UBND's people (its offices, its
    # leaders), not every member appointed by a QĐ-UBND; "nghean" is nobody's name.
    ubnd = members.list_committee(demo_db, search="UBND", include_former=True)
    assert ubnd and len(ubnd) < len(every)
    assert all("ubnd" in fold(f"{r.position} {r.unit} {r.unit_short} {r.field}") for r in ubnd)
    assert members.list_committee(demo_db, search="nghean", include_former=True) == []
    # The command line is the same search.
    out = run_bdcq(
        ["members", "list", "--all", "--search", "Sở KH&CN", "--format", "json"],
        db=tmp_path / "demo.sqlite3",
    )
    assert out.returncode == 0, out.stderr
    names = sorted(r["full_name"] for r in json.loads(out.stdout))
    assert names == sorted(r.full_name for r in every if r.id in expected["KH&CN"])


def test_the_members_search_box_finds_them_too(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.tabs.members_tab import MembersTab

    tab = MembersTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    view = tab.committee
    view.show_former.setChecked(True)
    table = view.table
    for typed, ids in [*_expected(demo_db).items(), ("Sở Khoa học", None)]:
        table.search.setText(typed)
        wanted = ids or _ids(members.list_committee(demo_db, search=typed, include_former=True))
        assert _ids(table.visible_rows()) == wanted, typed
    for typed in ("UBND", "ubnd tinh", "nghe an"):  # as before: numbers only find the codes
        table.search.setText(typed)
        found = members.list_committee(demo_db, search=typed, include_former=True)
        assert _ids(table.visible_rows()) == _ids(found), typed
        assert len(found) < len(members.list_committee(demo_db, include_former=True)), typed


def test_the_check_in_box_finds_a_delegate_by_the_unit_s_short_name(demo_db: Any) -> None:
    convened = next(
        m for m in meetings.list_meetings(demo_db) if m.status == MeetingStatus.CONVENED.value
    )
    sheet = attendance_rows(demo_db, convened.id)
    names = {u.name for u in units.list_units(demo_db, include_retired=True)}
    short = {u.name: u.short_name for u in units.list_units(demo_db, include_retired=True)}
    # A unit on the sheet whose short name is not in its name ("Sở KH&CN").
    unit = next(
        r.unit
        for r in sheet
        if r.unit in names and short[r.unit] and fold(short[r.unit]) not in fold(r.unit)
    )
    typed = short[unit].split()[-1]  # "KH&CN"
    found = rank_matches(sheet, typed, limit=len(sheet))
    assert {r.invitee_id for r in found} == {r.invitee_id for r in sheet if r.unit == unit}


def test_the_invite_dialog_finds_a_unit_by_its_short_name(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.dialogs.invitees_dialog import VALUE_ROLE, InviteDialog

    planned = next(
        m for m in meetings.list_meetings(demo_db) if m.status == MeetingStatus.PLANNED.value
    )
    dialog = shown(qtbot, InviteDialog(demo_db, planned.id))
    units_list = dialog.units
    for typed, short in SHORT.items():
        units_list.search.setText(typed)
        listed = {
            units_list.list.item(i).data(VALUE_ROLE)
            for i in range(units_list.list.count())
            if not units_list.list.item(i).isHidden()
        }
        assert listed == _unit_ids(demo_db, short), typed
    dialog.reject()
