"""Ticking the units of a reporting regime: all, none, or those of one kind, from the
keyboard too (25 units were ticked one by one)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core.models import UnitKind
from bdcq_desktop.core.units import list_units
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.round_dialogs import AdHocRoundDialog, RegimeDialog


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def test_all_none_and_by_kind(qtbot: Any, demo_db: Any) -> None:
    dialog = RegimeDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    units = dialog.units
    active = [u for u in list_units(demo_db) if u.active]
    assert units.list.count() == len(active) > 20
    qtbot.mouseClick(units.all_button, Qt.MouseButton.LeftButton)
    assert sorted(units.checked()) == sorted(u.id for u in active)
    qtbot.mouseClick(units.none_button, Qt.MouseButton.LeftButton)
    assert units.checked() == []

    # "Chọn tất cả" ticks what the search leaves shown.
    units.search.setText("Sở Tài")
    qtbot.mouseClick(units.all_button, Qt.MouseButton.LeftButton)
    assert [units.list.item(i).text() for i in range(units.list.count())
            if units.list.item(i).data(Qt.ItemDataRole.UserRole + 1) in units.checked()] == [
        u.name for u in active if u.name.startswith("Sở Tài")
    ]  # fmt: skip
    units.search.clear()
    qtbot.mouseClick(units.none_button, Qt.MouseButton.LeftButton)

    # By kind: the menu names each kind present, with how many units; sở, ban, ngành first.
    assert units.group_button is not None
    actions = units.group_button.menu().actions()
    departments = [u.id for u in active if u.kind == UnitKind.DEPARTMENT]
    localities = [u.id for u in active if u.kind == UnitKind.LOCALITY]
    assert actions[0].text() == f"Sở, ban, ngành ({len(departments)})"
    actions[0].trigger()
    assert sorted(units.checked()) == sorted(departments)
    next(a for a in actions if a.text().startswith("Địa phương")).trigger()  # added to them
    assert sorted(units.checked()) == sorted(departments + localities)
    values = dialog.collect()
    assert sorted(values["unit_ids"]) == sorted(departments + localities)


def test_the_keyboard_reaches_them_in_reading_order(qtbot: Any, demo_db: Any) -> None:
    dialog = AdHocRoundDialog(demo_db)  # the ad hoc request's units have them too
    qtbot.addWidget(dialog)
    dialog.show()
    units = dialog.units
    qtbot.waitUntil(dialog.isActiveWindow)
    units.search.setFocus()
    order = [units.all_button, units.none_button, units.group_button, units.list]
    for widget in order:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is widget
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is units.all_button
    qtbot.keyClick(units.all_button, Qt.Key.Key_Space)
    assert len(units.checked()) == units.list.count()
