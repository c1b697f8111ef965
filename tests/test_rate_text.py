"""A completion rate reads the same on screen and on paper: one decimal, Vietnamese comma
("99,5%", not "100%" on the window and "99,5%" on the report), never rounded up to 100% while a
task is outstanding nor down to 0% once one is done."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from bdcq_desktop.documents import service
from bdcq_desktop.documents.other_docs import percent
from bdcq_desktop.ui.report_chart import percent_text
from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage
from tests import report_fixtures as rf
from tests.pdf_text import flat_text


@pytest.mark.parametrize(
    ("part", "whole", "said"),
    [
        (199, 200, "99,5%"),
        (5, 8, "62,5%"),
        (2, 3, "66,7%"),
        (1, 3, "33,3%"),
        (4, 5, "80%"),
        (200, 200, "100%"),
        (0, 7, "0%"),
        (1999, 2000, "99,9%"),  # 99,95 would round to 100: a task is still outstanding
        (1, 2000, "0,1%"),  # 0,05 would round to 0: one is done
        (1, 16, "6,3%"),  # 6,25: half up, as an office rounds
    ],
)
def test_the_window_and_the_paper_say_a_rate_alike(part: int, whole: int, said: str) -> None:
    assert percent_text(part / whole) == said
    assert percent(part, whole) == said


def test_nothing_to_count_is_a_dash() -> None:
    assert percent_text(None) == "—"
    assert percent(0, 0) == "-"


def test_the_tasks_page_and_the_tasks_report_print_one_rate(qtbot: Any, db: Any) -> None:
    today = date.today()
    rf.build(db, today)
    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    proxy = page.units.proxy
    rate_column = next(
        c for c, col in enumerate(page.units.model.columns()) if col.key == "rate"
    )
    shown = {
        proxy.index(r, 0).data(): proxy.index(r, rate_column).data()
        for r in range(proxy.rowCount())
    }
    assert shown[rf.UNIT_C] == "66,7%"  # two of three done
    text = flat_text(service.draft(db, "tasks", None, today=today))
    assert re.search(rf"{rf.UNIT_C}: 3 nhiệm vụ; hoàn thành 2 \(66,7%\)", text), text
