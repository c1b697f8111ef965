"""Sorting the roster by its "Quyết định" column goes by the decision (members audit, item 5):
its date, then its number as a number. It sorted the text: 2197/QĐ-UBND … 3312 … 4007 …
745/QĐ-UBND, decision 745 of 28/02/2025 after 4007 of 28/11/2025."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.ui import view_state


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _decision(row: Any) -> tuple[Any, int]:
    number = re.match(r"\d+", row.decision_number)
    return (row.decision_date or row.start_date, int(number.group()) if number else -1)


def test_the_decision_column_sorts_by_date_then_number(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.tabs.members_tab import MembersTab

    tab = MembersTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    view = tab.committee
    view.show_former.setChecked(True)  # every term, of every decision of the demo
    table = view.table
    column = next(i for i, c in enumerate(table.model.columns()) if c.key == "decision_number")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        table.view.sortByColumn(column, order)
        rows = table.visible_rows()
        keys = [_decision(r) for r in rows]
        assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder), [
            r.decision_number for r in rows
        ]
        numbers = list(dict.fromkeys(r.decision_number for r in rows))
        assert len(numbers) > 3, numbers
        if order == Qt.SortOrder.AscendingOrder:
            # 745 (28/02/2025) before 2197 (01/07/2025): as text, "2197…" came first.
            assert numbers.index("745/QĐ-UBND") < numbers.index("2197/QĐ-UBND"), numbers
