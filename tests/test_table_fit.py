"""Columns fitted to their text (documents.table_fit, DataTable(fit=True)): the roster's long
areas (the communes since 2025) take the room its short columns leave, read back with
pdfium (tests/pdf_tables.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from bdcq_desktop.documents.table_fit import PADDING, fitted_widths
from tests.conftest import DEMO_TODAY
from tests.pdf_tables import Table, page_tables

SIZE = 12.0
LONG = ", ".join(f"xã Nghĩa Số {i}" for i in range(30))


@pytest.fixture(autouse=True)
def bundled_font() -> Iterator[None]:
    docfonts.register_fonts(prefer_system=False)
    yield


def _width(text: str) -> float:
    return stringWidth(text, docfonts.REGULAR, SIZE)


def _lines(pages: list[list[Table]]) -> list[list[int]]:
    """Each numbered row of the roster's tables: the lines of each of its cells."""
    rows = []
    for tables in pages:
        for table in tables:
            rows += [
                [len((c or "").strip().splitlines()) for c in row]
                for row in table
                if row and (row[0] or "").strip().isdigit()
            ]
    return rows


def test_the_roster_areas_take_the_room_the_positions_leave(demo_db: Any) -> None:
    data = service.draft(demo_db, "roster", None, today=DEMO_TODAY)
    pages = page_tables(data)
    rows = _lines(pages)
    committee = pages[0][0]
    assert committee[0][-1] == "Địa bàn phụ trách"
    assert len(rows) > 20
    # The areas of 10, 12 communes ran to ten lines in a column a sixth of the page wide.
    assert max(max(r) for r in rows) <= 6, max(rows, key=max)
    # A name is not broken over two lines.
    assert all(r[1] == 1 for r in rows)


def test_the_room_goes_where_it_saves_lines() -> None:
    rows = [("1", "Ngắn", LONG), ("2", "Cũng ngắn", "Một dòng")]
    total = 450.0
    titles = ["TT", "Tên", "Nội dung"]
    widths = fitted_widths([0.1, 0.45, 0.45], titles, [False] * 3, rows, total, SIZE)
    assert sum(widths) == pytest.approx(total)
    # The short column keeps its text on one line; the long one gets the rest.
    assert widths[2] > 2 * widths[1]
    assert widths[1] >= _width("Cũng ngắn") + PADDING


def test_a_whole_column_is_not_wrapped_and_words_too_wide_keep_the_declared_widths() -> None:
    name = "Nguyễn Thị Thanh Trang"
    rows = [("1", name, LONG)]
    titles = ["TT", "Họ và tên", "Địa bàn"]
    widths = fitted_widths([0.05, 0.1, 0.85], titles, [False, True, False], rows, 450.0, SIZE)
    assert widths[1] >= _width(name) + PADDING
    # A word wider than the page: nothing to fit, the table as declared.
    wide = [("1", "x" * 400, "y")]
    assert fitted_widths([0.2, 0.3, 0.5], titles, [False] * 3, wide, 450.0, SIZE) == (
        pytest.approx([90.0, 135.0, 225.0])
    )
