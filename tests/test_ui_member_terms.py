"""The members tab on terms as they were (audit of the members tab), on demo data: a former
term with the posts held then."""

from __future__ import annotations

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
