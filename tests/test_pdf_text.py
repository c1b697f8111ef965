"""The tests read their PDFs back with pdfium through tests/pdf_text.py and tests/pdf_tables.py;
here their readings are held to pdfplumber's, line for line and cell for cell, over every kind
of document the app makes."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from typing import Any

import pdfplumber
import pytest

from bdcq_desktop.core.db import Database
from bdcq_desktop.documents import fonts, service
from bdcq_desktop.documents.script_docs import script_pdf
from tests.conftest import DEMO_TODAY
from tests.pdf_tables import page_tables, table_cells
from tests.pdf_text import flat_text, page_texts

# kind and record in the demo database: every document the app drafts
KINDS = [
    ("agenda", 13),
    ("attendance", 12),
    ("convocation", 13),
    ("invitation", 13),
    ("minutes", 12),
    ("conclusions", 12),
    ("reminder", None),
    ("reports-summary", 9),
    ("tasks", None),
    ("roster", None),
    ("wg-convocation", 1),
    ("wg-report", 3),
]


@pytest.fixture(scope="module", autouse=True)
def bundled_font() -> Iterator[None]:
    fonts.register_fonts(prefer_system=False)
    yield


def test_pdfium_reads_every_kind_of_document_line_for_line_as_pdfplumber(
    demo_db: Database,
) -> None:
    pages = tables = 0
    drafts = [(k, service.draft(demo_db, k, record, today=DEMO_TODAY)) for k, record in KINDS]
    drafts.append(("script", script_pdf(demo_db, 13, today=DEMO_TODAY)))  # a working paper
    for kind, data in drafts:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            expected = [page.extract_text() for page in pdf.pages]
            expected_tables = [page.extract_tables() for page in pdf.pages]
        assert page_texts(data) == expected, kind
        assert page_tables(data) == expected_tables, kind
        pages += len(expected)
        tables += sum(map(len, expected_tables))
    assert pages >= 30  # the tasks report and the roster run over several pages
    assert tables >= 20  # spanned cells (group rows) among them


def test_the_reading_keeps_diacritics_columns_and_the_words_apart(demo_db: Database) -> None:
    texts = page_texts(service.draft(demo_db, "invitation", 13, today=DEMO_TODAY))
    first = texts[0].splitlines()
    # The two heads side by side make one line each, left column first; the letters NFC.
    assert first[0] == "UBND TỈNH NGHỆ AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "GIẤY MỜI" in first
    assert all(unicodedata.is_normalized("NFC", line) for line in first)
    assert "Nơi nhận:" in flat_text(service.draft(demo_db, "invitation", 13, today=DEMO_TODAY))


def test_an_empty_page_reads_as_no_text() -> None:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.showPage()
    canvas.drawString(100, 700, "Trang hai")
    canvas.save()
    data: Any = out.getvalue()
    assert page_texts(data) == ["", "Trang hai"]


def test_a_table_s_cells_read_whole_and_spanned_ones_as_none(demo_db: Database) -> None:
    data = service.draft(demo_db, "tasks", None, today=DEMO_TODAY)
    annex = next(t for tables in page_tables(data) for t in tables if len(t[0]) == 6)
    assert annex[0][:2] == ["TT", "Nội dung nhiệm vụ"]
    group = annex[1]  # a unit's heading, spanning the columns right of its number
    assert group[0] == "1" and "nhiệm vụ; hoàn thành" in (group[1] or "")
    assert group[2:] == [None] * 4
    assert annex[2][0] == "1.1" and all(cell is not None for cell in annex[2])
    assert "Nội dung nhiệm vụ" in table_cells(data)
