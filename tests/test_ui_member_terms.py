"""The members tab on terms as they were (audit of the members tab), on demo data: the roster
of a past day ("Tính đến ngày") and a former term with the posts held then."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core import members
from bdcq_desktop.ui import view_state
from tests.test_ui_members import _select, _tab, _visible


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _shown(view: Any, column: str) -> dict[int, str]:
    """What the table shows in ``column`` for each row, by membership id."""
    model = view.table.proxy
    keys = [c.key for c in view.table.model.columns()]
    at = keys.index(column)
    return {
        row.id: model.index(i, at).data(Qt.ItemDataRole.DisplayRole)
        for i, row in enumerate(_visible(view))
    }


def _type_day(qtbot: Any, view: Any, text: str) -> None:
    view.day.edit.setFocus()
    view.day.edit.selectAll()
    qtbot.keyClicks(view.day.edit, text)
    qtbot.keyClick(view.day.edit, Qt.Key.Key_Return)


def test_the_roster_of_a_past_day(qtbot: Any, demo_db: Any) -> None:
    tab = _tab(qtbot, demo_db)
    view = tab.committee
    today = {r.id for r in _visible(view)}
    day = date(2024, 12, 1)
    _type_day(qtbot, view, "01/12/2024")
    assert view.day.day() == day
    that_day = members.list_committee(demo_db, on=day)
    assert [r.id for r in _visible(view)] == [r.id for r in that_day]
    assert {r.id for r in that_day} != today
    assert _shown(view, "position") == {r.id: r.position for r in that_day}
    # With the former members: those who had left by then too, none appointed after it.
    view.show_former.setChecked(True)
    begun = members.list_committee(demo_db, on=day, include_former=True)
    assert {r.id for r in _visible(view)} == {r.id for r in begun}
    assert all(r.start_date <= day for r in _visible(view))
    # Text that is no date: said, the roster of the day applied stays.
    _type_day(qtbot, view, "31/02/2024")
    assert "Tính đến ngày" in view.notice.text() and "31/02/2024" in view.notice.text()
    assert view.day.day() == day
    # Cleared: today's roster again.
    view.show_former.setChecked(False)
    view.day.edit.clear()
    assert view.day.day() is None
    assert {r.id for r in _visible(view)} == today


def test_a_former_term_shows_the_posts_held_then(qtbot: Any, demo_db: Any) -> None:
    current = next(r for r in members.list_committee(demo_db) if r.full_name == "Nguyễn Bá Thịnh")
    former = next(
        r
        for r in members.list_committee(demo_db, include_former=True)
        if r.person_id == current.person_id and not r.active
    )
    province = next(u for u in members.list_committee(demo_db) if u.role == "head").unit_id
    members.update_member(
        demo_db,
        current.id,
        person={"position": "Phó Chủ tịch UBND tỉnh", "unit_id": province},
        confirm_duplicate_position=True,
    )
    tab = _tab(qtbot, demo_db)
    view = tab.committee
    view.show_former.setChecked(True)
    assert _shown(view, "position")[former.id] == former.position == "Giám đốc Sở Tư pháp"
    assert _shown(view, "unit")[former.id] == former.unit == "Sở Tư pháp"
    assert _shown(view, "position")[current.id] == "Phó Chủ tịch UBND tỉnh"
    _select(view, lambda r: r.id == former.id)
    assert "Giám đốc Sở Tư pháp, Sở Tư pháp" in view.details.text()
