"""Dates in the issued documents, read back from the PDFs: never cut across two lines of a table
cell ("02/10/" over "2026)"), and written one way in every document, as Decree 30 writes them
(days 1–9 and months 1 and 2 with a leading zero: "03/9/2026", "04/02/2026")."""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber

from bdcq_desktop.documents import render, service
from bdcq_desktop.documents.data_tables import Column, DataTable
from tests.conftest import DEMO_TODAY
from tests.test_layout import document

# A date's first part at the end of a line, its year on the next: a date cut in two.
_CUT = re.compile(r"\b\d{1,2}/(?:\d{1,2}/)?\n\S*\d{4}")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _lines(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(line["text"] for page in doc.pages for line in page.extract_text_lines())


def _cut_dates(pdf: bytes) -> list[str]:
    return [m.group(0).replace("\n", " | ") for m in _CUT.finditer(_lines(pdf))]


def test_the_reminder_never_cuts_an_extended_tasks_first_deadline_in_two(demo_db: Any) -> None:
    pdf = service.draft(demo_db, "reminder", None, today=DEMO_TODAY)
    text = _lines(pdf)
    assert "gia hạn" in text  # the demo has extended tasks overdue: the cell that was cut
    assert _cut_dates(pdf) == []


def test_a_date_column_narrower_than_its_date_is_widened_not_cut() -> None:
    # A column of 8 % of the page at 14 points: narrower than "02/10/2026)". Declared
    # "unbroken", it takes the room from the wide column instead of cutting the date.
    columns = [
        Column("Nội dung", 0.72),
        Column("Thời hạn", 0.08, "center", unbroken=True),
        Column("Ghi chú", 0.20),
    ]
    rows = [("Nhiệm vụ", "02/11/2026 (gia hạn; hạn ban đầu 02/10/2026)", "")]
    pdf = render(document([DataTable(columns, rows, font_size=14)]))
    assert "02/10/2026)" in _lines(pdf)
    assert _cut_dates(pdf) == []
