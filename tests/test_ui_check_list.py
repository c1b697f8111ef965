"""The check lists of the Mời, round and session dialogs (:class:`CheckList`): after typing in
the search line, Tab and Space tick the first row in view, never a row the search hid. Real
SQLite files, driven with qtbot."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from bdcq_desktop.core import units
from bdcq_desktop.ui.dialogs.invitees_dialog import CheckList, InviteDialog
from tests.test_meeting_docs import demo_ids


def _to_list(qtbot: Any, check: CheckList) -> None:
    """Tab from the search line until the list has the cursor, as the officer does."""
    for _ in range(6):
        if check.list.hasFocus():
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert check.list.hasFocus()


def test_space_after_a_search_ticks_the_unit_in_view(qtbot: Any, demo_db: Any) -> None:
    dialog = InviteDialog(demo_db, demo_ids(demo_db)["planned"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    every = units.list_units(demo_db)
    health = next(u for u in every if u.name == "Sở Y tế")
    check = dialog.units
    # The current row before the search: another unit, which the search will hide.
    row = next(i for i in range(check.list.count()) if check.list.item(i).text().startswith(
        next(u.name for u in every if u.name != health.name)))
    check.list.setCurrentRow(row)
    check.search.setFocus()
    qtbot.waitUntil(check.search.hasFocus)
    qtbot.keyClicks(check.search, "y te")
    shown = [check.list.item(i) for i in range(check.list.count())
             if not check.list.item(i).isHidden()]
    assert [i.text().split(" — ")[0] for i in shown] == ["Sở Y tế"]
    _to_list(qtbot, check)
    qtbot.keyClick(check.list, Qt.Key.Key_Space)
    assert check.checked() == [health.id]  # what is in view, not the row hidden


def test_space_ticks_nothing_when_the_search_leaves_nothing_to_tick(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    check = CheckList("units", "Tìm…", parent)
    check.add(1, "Sở Tài chính")
    check.add(2, "Sở Y tế (đã mời)", enabled=False)
    check.add(3, "Sở Nội vụ")
    parent.show()
    qtbot.waitExposed(parent)
    check.list.setCurrentRow(0)
    check.search.setFocus()
    qtbot.keyClicks(check.search, "y te")  # only a row that cannot be ticked
    assert check.list.currentItem() is None
    check.list.setFocus()
    qtbot.keyClick(check.list, Qt.Key.Key_Space)
    assert check.checked() == []
    check.search.clear()  # everything back: the first row that can be ticked is current
    assert check.list.currentRow() == 0
