"""Dates in the issued documents, read back from the PDFs: never cut across two lines of a table
cell ("02/10/" over "2026)"), and written one way in every document, as Decree 30 writes them
(days 1–9 and months 1 and 2 with a leading zero: "03/9/2026", "04/02/2026")."""

from __future__ import annotations

import re
from typing import Any

from bdcq_desktop.documents import render, service
from bdcq_desktop.documents.data_tables import Column, DataTable
from tests.conftest import DEMO_TODAY
from tests.pdf_tables import page_tables
from tests.pdf_text import page_texts
from tests.test_layout import document

# A date's first part at the end of a line, its year on the next: a date cut in two.
_CUT = re.compile(r"\b\d{1,2}/(?:\d{1,2}/)?\n\S*\d{4}")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _lines(pdf: bytes) -> str:
    """Every page's text lines, as pdfplumber's ``extract_text_lines()`` gives them: the lines of
    its ``extract_text()``, none for a page without text."""
    return "\n".join(text for text in page_texts(pdf) if text)


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


def _off_rule(text: str) -> list[str]:
    """The dates in figures of ``text`` not written as Decree 30 writes them: a day of one
    figure, month 1 or 2 without its zero, or a month 3–9 with one ("04/06/2026")."""
    return [
        m.group(0)
        for m in _DATE.finditer(text)
        if len(m.group(1)) != 2 or (len(m.group(2)) == 2) != (int(m.group(2)) in (1, 2, 10, 11, 12))
    ]


def _cells(pdf: bytes, width: int, column: int) -> str:
    """Column ``column`` of the numbered rows ("1", "2.3") of the ``width``-column tables."""
    return " ".join(
        re.sub(r"\s+", " ", row[column] or "")
        for tables in page_tables(pdf)
        for table in tables
        for row in table
        if len(row) == width and re.fullmatch(r"\d+(\.\d+)?", (row[0] or "").strip())
    )


def test_every_document_writes_its_dates_in_figures_as_the_minutes_do(demo_db: Any) -> None:
    # The reports summary and the roster: every date in figures is the application's own.
    for kind, record in (("reports-summary", 4), ("roster", None)):
        text = _lines(service.draft(demo_db, kind, record, today=DEMO_TODAY))
        assert _DATE.search(text), kind
        assert _off_rule(text) == [], kind
    # The reminder's and the tasks report's deadline columns ("Thời hạn"); their sources may
    # cite a notice by the reference the office typed on a round, and the results are the
    # units' own words: those are printed as typed.
    for kind, width in (("reminder", 5), ("tasks", 6)):
        deadlines = _cells(service.draft(demo_db, kind, None, today=DEMO_TODAY), width, 3)
        assert len(_DATE.findall(deadlines)) >= 5, kind
        assert _off_rule(deadlines) == [], kind
