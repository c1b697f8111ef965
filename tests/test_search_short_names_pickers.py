"""A unit's short name ("BHXH", "Sở KHCN", "VP UBND", "ĐH Vinh") finds what the roster's
search finds by it everywhere else a unit or a person is looked for: the unit picker of the
forms ("Cơ quan, đơn vị"), the units to tick of a reporting regime and of a round (also after
"Tải lại"), the experts list (the screen's search box, ``people list --search``) and the invite
dialog's page of people. Each found nobody by a short name that is not in the unit's name.

Every place goes by the roster search's own definition (core.text.unit_search_text): the
short name as written and without its signs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core import meetings, members, regimes, units
from bdcq_desktop.core.enums import MeetingStatus, PersonKind
from bdcq_desktop.core.text import SearchQuery, unit_search_text
from bdcq_desktop.ui import view_state
from tests.cli_run import ok_json, run_bdcq
from tests.form_dialogs import shown

# Typed as officers write them, and the short name each means (none is in the unit's name).
UNITS = {"BHXH": "BHXH tỉnh", "Sở KHCN": "Sở KH&CN", "kh&cn": "Sở KH&CN", "VP UBND": "VP UBND tỉnh"}
# The demo's experts and scientists work at these (their names hold neither).
EXPERT_UNITS = {"VNPT": "VNPT Nghệ An", "ĐH Vinh": "ĐH Vinh", "dh vinh": "ĐH Vinh"}


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _unit_id(db: Any, short_name: str) -> int:
    (unit,) = [u for u in units.list_units(db) if u.short_name == short_name]
    return unit.id


def _by_short_name_only(db: Any) -> None:
    """What the tests type finds a unit by its short name only, not by its name."""
    names = {u.short_name: u.name for u in units.list_units(db)}
    for typed, short in {**UNITS, **EXPERT_UNITS}.items():
        assert not SearchQuery(typed).finds(names[short]), typed
        assert SearchQuery(typed).finds(unit_search_text(names[short], short)), typed


def _people_of(db: Any, short_name: str, kinds: set[PersonKind] | None = None) -> set[int]:
    unit = _unit_id(db, short_name)
    ids = {p.id for p in members.list_people(db, kinds=kinds) if p.unit_id == unit}
    assert ids, short_name
    return ids


def _type(edit: Any, text: str) -> None:
    """``text`` typed key by key (QTest's keyClicks takes Latin-1 only: not "Sở")."""
    for ch in text:
        key = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        QApplication.sendEvent(edit, key)


def _ticked_list_shows(check_list: Any, typed: str) -> set[int]:
    """The values of the rows a checklist shows once ``typed`` is in its search line."""
    from bdcq_desktop.ui.dialogs.invitees_dialog import VALUE_ROLE

    check_list.search.setText(typed)
    items = [check_list.list.item(i) for i in range(check_list.list.count())]
    return {item.data(VALUE_ROLE) for item in items if not item.isHidden()}


def test_the_unit_picker_of_a_form_finds_a_unit_by_its_short_name(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.ui.dialogs.member_dialogs import new_member_dialog

    _by_short_name_only(demo_db)
    dialog = shown(qtbot, new_member_dialog(demo_db, "committee"))
    picker = dialog.form.editor("unit_id")
    for typed, short in UNITS.items():
        picker.setFocus()
        picker.lineEdit().clear()
        _type(picker.lineEdit(), typed)
        shown_ids = {
            picker.filter.index(i, 0).data(Qt.ItemDataRole.UserRole)
            for i in range(picker.filter.rowCount())
        }
        assert shown_ids == {_unit_id(demo_db, short)}, typed
        # Typed and left as it is: the one unit it names is the value saved.
        assert picker.value() == _unit_id(demo_db, short), typed
    dialog.reject()


def test_a_regime_s_and_a_round_s_units_are_found_by_short_name_after_a_reload_too(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.ui.dialogs.round_dialogs import AdHocRoundDialog, RegimeDialog

    regime = regimes.list_regimes(demo_db)[0]
    dialog = shown(qtbot, RegimeDialog(demo_db, regimes.get_regime(demo_db, regime.id)))
    ad_hoc = shown(qtbot, AdHocRoundDialog(demo_db))
    for typed, short in UNITS.items():
        assert _ticked_list_shows(dialog.units, typed) == {_unit_id(demo_db, short)}, typed
        assert _ticked_list_shows(ad_hoc.units, typed) == {_unit_id(demo_db, short)}, typed
    # "Tải lại" lists the units again (RegimeDialog._fill_units): still found.
    dialog.reload_values()
    for typed, short in UNITS.items():
        assert _ticked_list_shows(dialog.units, typed) == {_unit_id(demo_db, short)}, typed
    dialog.reject()
    ad_hoc.reject()


def test_the_experts_list_finds_them_by_their_unit_s_short_name(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    from bdcq_desktop.ui.tabs.members_tab import MembersTab

    # The directory's people: the experts, and the officials of no body (Viễn thông's head).
    directory = {p.id for p in members.list_experts(demo_db)}
    expected = {
        typed: _people_of(demo_db, short) & directory for typed, short in EXPERT_UNITS.items()
    }
    for typed, ids in expected.items():
        assert {p.id for p in members.list_experts(demo_db, search=typed)} == ids, typed
    rows = ok_json(run_bdcq(["people", "list", "--search", "VNPT", "--format", "json"],
                            db=tmp_path / "demo.sqlite3"))  # fmt: skip
    assert {r["id"] for r in rows} == expected["VNPT"]
    tab = MembersTab(demo_db)
    qtbot.addWidget(tab)
    tab.show()
    tab.views.setCurrentWidget(tab.experts)
    tab.reload()
    for typed, ids in expected.items():
        tab.experts.table.search.setText(typed)
        assert {r.id for r in tab.experts.table.visible_rows()} == ids, typed


def test_the_invite_dialog_finds_people_by_their_unit_s_short_name(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.ui.dialogs.invitees_dialog import InviteDialog

    planned = next(
        m for m in meetings.list_meetings(demo_db) if m.status == MeetingStatus.PLANNED.value
    )
    dialog = shown(qtbot, InviteDialog(demo_db, planned.id))
    for typed, short in {**UNITS, **EXPERT_UNITS}.items():
        assert _ticked_list_shows(dialog.people, typed) == _people_of(demo_db, short), typed
    dialog.reject()


def test_the_units_list_finds_a_unit_by_its_short_name_without_its_signs(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    """The units list found "Sở KH&CN" by its short name as written only: "KHCN", "Sở KHCN",
    as the roster's search takes them, found nothing."""
    from bdcq_desktop.ui.tabs.members_tab import MembersTab

    bare = {"KHCN": "Sở KH&CN", "Sở KHCN": "Sở KH&CN", "GDĐT": "Sở GD&ĐT", "gddt": "Sở GD&ĐT"}
    for typed, short in bare.items():
        found = units.list_units(demo_db, search=typed, include_retired=True)
        assert {u.id for u in found} == {_unit_id(demo_db, short)}, typed
    rows = ok_json(run_bdcq(["units", "list", "--search", "KHCN", "--format", "json"],
                            db=tmp_path / "demo.sqlite3"))  # fmt: skip
    assert [r["short_name"] for r in rows] == ["Sở KH&CN"]
    tab = MembersTab(demo_db)
    qtbot.addWidget(tab)
    tab.show()
    tab.views.setCurrentWidget(tab.units)
    tab.reload()
    for typed, short in bare.items():
        tab.units.table.search.setText(typed)
        assert {r.id for r in tab.units.table.visible_rows()} == {_unit_id(demo_db, short)}, typed


def _picker_shows(picker: Any, typed: str) -> set[Any]:
    """The values a lookup combo offers once ``typed`` is in its line, key by key."""
    picker.setFocus()
    picker.lineEdit().clear()
    _type(picker.lineEdit(), typed)
    return {
        picker.filter.index(i, 0).data(Qt.ItemDataRole.UserRole)
        for i in range(picker.filter.rowCount())
    }


def test_the_people_pickers_of_the_forms_find_a_person_by_their_unit_s_short_name(
    qtbot: Any, demo_db: Any
) -> None:
    """The person pickers of the forms (a task's "Người được giao", a meeting's chair and
    secretary, an appointment's person, a unit's head) found nobody by their unit's short name
    ("VNPT", "Sở KHCN"), which the lists' search boxes and the invite dialog find them by."""
    from bdcq_desktop.ui.dialogs import meeting_dialogs, reorganise_dialog, task_dialogs
    from bdcq_desktop.ui.dialogs.unit_dialogs import unit_dialog

    _by_short_name_only(demo_db)
    pickers = {
        task_dialogs.AdHocTaskDialog(demo_db, None): ["assignee_person_id"],
        meeting_dialogs.new_meeting_dialog(demo_db): ["chair_id", "secretary_id"],
        reorganise_dialog.appointment_dialog(demo_db, "committee"): ["person_id"],
        unit_dialog(demo_db, unit=units.list_units(demo_db)[0]): ["head_id"],
    }
    for dialog, keys in pickers.items():
        shown(qtbot, dialog)
        for key in keys:
            picker = dialog.form.editor(key)
            for typed, short in {**UNITS, **EXPERT_UNITS}.items():
                assert _picker_shows(picker, typed) == _people_of(demo_db, short), (key, typed)
            # A unit's short name counts as the unit in the label does, less than a name:
            # "Vinh" shows Trần Hữu Vinh before the people of "ĐH Vinh" and "TP Vinh".
            _picker_shows(picker, "Vinh")
            first = picker.filter.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
            assert first.startswith("Trần Hữu Vinh —"), (key, first)
        dialog.reject()


def test_the_agenda_s_presenter_picker_finds_people_and_units_by_short_name(
    qtbot: Any, demo_db: Any
) -> None:
    """The presenter cell of the agenda offers the roster, the invitees and the units: each
    found by its unit's short name too, as the unit picker finds a unit."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from bdcq_desktop.ui.dialogs.agenda_dialog import AgendaDialog

    planned = next(
        m for m in meetings.list_meetings(demo_db) if m.status == MeetingStatus.PLANNED.value
    )
    detail = meetings.get_meeting(demo_db, planned.id)
    dialog = shown(qtbot, AgendaDialog(demo_db, planned.id))
    index = dialog.model.index(0, dialog.model.PRESENTER)
    picker = dialog.presenters.createEditor(dialog.view.viewport(), QStyleOptionViewItem(), index)
    units_of = {m.person_id: m.unit_id for m in members.list_committee(demo_db)}
    units_of.update((i.person_id, i.unit_id) for i in detail.invitees if i.person_id is not None)
    for typed, short in {**UNITS, **EXPERT_UNITS}.items():
        unit = _unit_id(demo_db, short)
        people = {("person", pid) for pid, uid in units_of.items() if uid == unit}
        assert _picker_shows(picker, typed) == {("unit", unit), *people}, typed
    dialog.reject()


def test_the_approver_and_convener_pickers_find_a_person_by_their_unit_s_short_name(
    qtbot: Any, demo_db: Any
) -> None:
    """Who approved a task's extension or decided its stop, who approved a transfer, who
    assigned an ad-hoc task, and a working-group session's convener: each picker found nobody by
    the person's unit's short name ("Sở KHCN"), which every other person picker finds them by
    (the same shared items, choices.role_items)."""
    from datetime import date

    from bdcq_desktop.core import session_detail
    from bdcq_desktop.core.task_tracking import track_tasks
    from bdcq_desktop.ui.dialogs import session_dialogs, task_act_dialogs, task_dialogs
    from bdcq_desktop.ui.dialogs.task_transfer_dialog import TaskTransferDialog

    _by_short_name_only(demo_db)
    today = date.today()
    chairs = meetings.eligible_people(demo_db, today).chairs
    conveners, _leader = session_detail.conveners_on(demo_db, today)
    row = next(r for r in track_tasks(demo_db) if r.unit_id is not None)
    pickers = {
        task_act_dialogs.TaskExtensionDialog(demo_db, row): ("approved_by_id", chairs),
        task_act_dialogs.TaskStopDialog(demo_db, row): ("decided_by_id", chairs),
        TaskTransferDialog(demo_db, [row]): ("approved_by_id", chairs),
        task_dialogs.AdHocTaskDialog(demo_db, None): ("assigned_by_id", chairs),
        session_dialogs.new_session_dialog(demo_db): ("convened_by_id", conveners),
    }
    khcn = _unit_id(demo_db, "Sở KH&CN")
    for dialog, (key, offered) in pickers.items():
        shown(qtbot, dialog)
        picker = dialog.form.editor(key)
        of_khcn = {c.person_id for c in offered if c.person_id in _people_of(demo_db, "Sở KH&CN")}
        assert of_khcn and khcn, key  # the demo has one to find
        for typed in ("Sở KHCN", "kh&cn"):
            assert _picker_shows(picker, typed) == of_khcn, (key, typed)
        assert _picker_shows(picker, "VNPT") == set(), key  # none of them works there
        # Typed and left as it is: the one person it names is the value saved.
        _picker_shows(picker, "Sở KHCN")
        if len(of_khcn) == 1:
            assert picker.value() == next(iter(of_khcn)), key
        dialog.reject()


def test_an_ad_hoc_task_s_assigner_no_longer_a_head_or_deputy_stays_shown(
    qtbot: Any, demo_db: Any
) -> None:
    """A recorded assigner who is not among the Head and Deputies of the day (a
    reorganisation) is kept in the picker, found by their unit's short name: the people's
    items, which carry it, broke the lookup of who it was (ValueError) once they did."""
    from datetime import date

    from bdcq_desktop.ui.dialogs import task_dialogs

    chairs = {c.person_id for c in meetings.eligible_people(demo_db, date.today()).chairs}
    (other, *_rest) = sorted(_people_of(demo_db, "VNPT Nghệ An") - chairs)
    dialog = shown(qtbot, task_dialogs.AdHocTaskDialog(demo_db, None))
    dialog._fill_assigners(date.today(), other)
    picker = dialog.form.editor("assigned_by_id")
    assert picker.value() == other
    assert other in _picker_shows(picker, "VNPT")
    dialog.reject()
