"""An empty list says what to do next, inside the grid (the first-time set-up audit found blank
grids with "0 dòng"): the list's own add and import actions, with their keys. Only while the
list is truly empty: a search that hides every row says that nothing matches it."""

from __future__ import annotations

from datetime import date
from typing import Any

from bdcq_desktop.core import members
from bdcq_desktop.ui.tabs.members_tab import MembersTab


def _tab(qtbot: Any, db: Any) -> MembersTab:
    tab = MembersTab(db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    return tab


def test_an_empty_roster_says_how_to_add_the_first_member(qtbot: Any, db: Any) -> None:
    tab = _tab(qtbot, db)
    table = tab.committee.table
    hint = table.empty_label
    assert hint.isVisible()
    assert hint.text() == (
        "Chưa có thành viên nào. Thêm thành viên (Ctrl+N) hoặc Nhập từ Excel/CSV."
    )
    assert hint.geometry().width() > 200 and hint.geometry().height() > 10
    # The units' list names its own action.
    tab.views.setCurrentWidget(tab.units)
    tab.units.reload()
    assert not tab.units.table.empty_label.isHidden()
    assert tab.units.table.empty_label.text().startswith("Chưa có cơ quan, đơn vị nào.")

    # A first member: the hint goes; a search that finds nobody says so instead.
    head = members.create_person(db, full_name="Nguyễn Đức Thắng", position="Chủ tịch UBND tỉnh")
    members.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    tab.views.setCurrentWidget(tab.committee)
    tab.committee.reload()
    assert hint.isHidden()
    table.search.setText("zzz")
    assert hint.isVisible() and hint.text() == "Không có dòng nào khớp “zzz”."
    table.search.setText("")
    assert hint.isHidden()


def test_a_list_not_read_yet_says_nothing_and_then_follows_its_grid(
    qtbot: Any, demo_db: Any, db: Any
) -> None:
    """Before its first read a list does not claim to be empty (the demo's roster has
    members: "Chưa có thành viên nào" would be untrue until the rows come); once read and
    empty, the hint stays centred in the grid as the grid is resized."""
    tab = MembersTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    hint = tab.committee.table.empty_label
    assert hint.isHidden() and hint.text() == ""  # built, not read: nothing said
    tab.reload()
    assert hint.isHidden() and tab.committee.table.model.total_rows() > 0

    empty = _tab(qtbot, db)
    table = empty.committee.table
    assert table.empty_label.isVisible()
    wide = table.empty_label.geometry().width()
    empty.resize(500, 600)
    qtbot.waitUntil(lambda: table.view.viewport().width() < 500)
    viewport = table.view.viewport().width()
    box = table.empty_label.geometry()
    assert box.width() == viewport - 24 < wide == 640  # placed again as the grid narrowed
    assert abs(box.left() - (viewport - box.right() - 1)) <= 1  # centred
