"""The tests read their PDFs back with pdfium through tests/pdf_text.py; here its reading is held
to pdfplumber's, line for line, over every kind of document the app makes."""

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
    pages = 0
    drafts = [(k, service.draft(demo_db, k, record, today=DEMO_TODAY)) for k, record in KINDS]
    drafts.append(("script", script_pdf(demo_db, 13, today=DEMO_TODAY)))  # a working paper
    for kind, data in drafts:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            expected = [page.extract_text() for page in pdf.pages]
        assert page_texts(data) == expected, kind
        pages += len(expected)
    assert pages >= 30  # the tasks report and the roster run over several pages


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
