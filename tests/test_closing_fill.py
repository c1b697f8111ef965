"""A page is filled before the body breaks for the signature: when the last table or paragraph
fits a page but the signature block after it does not, only the least of it (one table row,
two lines) goes on with the signature to the next page. It used to be split where the
signature would have ended had it stayed, and the signature went on anyway: the page broke
a signature block's height early (the roster's working group: 8 of 11 rows on page 4, a third
of it blank). Real documents rendered and read back with pdfplumber."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pdfplumber
import pytest

from bdcq_desktop.documents import Para, fonts, render, service
from bdcq_desktop.documents.page import PageSettings
from tests.conftest import DEMO_TODAY
from tests.test_layout import FILLER, document, lines, rows_table, table_rows

DEFAULT = PageSettings()


@pytest.fixture(autouse=True, scope="module")
def _fonts() -> Iterator[None]:
    fonts.register_fonts(prefer_system=False)
    yield


def _open(pdf: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(pdf))


def _signature_page(pdf: pdfplumber.PDF) -> int:
    return next(i for i, p in enumerate(pdf.pages) if "Nơi nhận:" in (p.extract_text() or ""))


def _one_page(doc: Any) -> bool:
    """Whether ``doc`` without its signature block and recipients fits one page."""
    doc.signatures, doc.recipients = (), None
    return len(_open(render(doc)).pages) == 1


def test_a_table_that_fits_leaves_only_its_last_row_to_the_signature() -> None:
    """Tables that fit page 1 but for the signature block: page 1 holds every row but the
    last, the signature's page that row alone."""
    rows = 10
    while _one_page(document([Para(FILLER), rows_table(rows + 1)])):
        rows += 1
    exercised = 0
    for count in range(rows - 8, rows + 1):  # each fits page 1 alone
        pdf = _open(render(document([Para(FILLER), rows_table(count)])))
        if len(pdf.pages) == 1:
            continue  # the signature fits too
        exercised += 1
        assert len(pdf.pages) == 2 and _signature_page(pdf) == 1
        first = [n for n, _ in table_rows(pdf.pages[0])]
        second = [n for n, _ in table_rows(pdf.pages[1])]
        assert first == list(range(1, count)), count  # main: 6 to 10 rows fewer
        assert second == [count], count
    assert exercised >= 3


def test_a_paragraph_that_fits_leaves_only_two_lines_to_the_signature() -> None:
    """The last paragraph fits page 1, the signature does not: page 1 holds all of it but its
    last two lines, which go on (a line alone never does)."""

    def body(count: int) -> list[Any]:
        paragraphs: list[Any] = [Para(f"{FILLER} ({i})") for i in range(count)]
        return [*paragraphs, Para(" ".join([FILLER] * 3) + " HẾT", closing=True)]

    count = 1
    while _one_page(document(body(count + 1))):
        count += 1
    exercised = 0
    for n in range(count - 4, count + 1):
        pdf = _open(render(document(body(n))))
        if len(pdf.pages) == 1:
            continue
        exercised += 1
        page = pdf.pages[1]
        foot = _top_of(page, "Nơi nhận:")
        body_lines = [ln for ln in lines(page) if DEFAULT.top - 5 < ln["top"] < foot]
        assert len(body_lines) == 2, (n, [ln["text"] for ln in body_lines])
    assert exercised >= 2


def _top_of(page: Any, text: str) -> float:
    return next(ln["top"] for ln in lines(page) if ln["text"].startswith(text))


def _data_rows(page: Any) -> list[tuple[float, float]]:
    """(top, bottom) of each data row of the page's tables, the header rows left out."""
    rows = []
    for table in page.find_tables():
        rows += [(r.bbox[1], r.bbox[3]) for r in table.rows[1:]]
    return rows


def test_the_roster_pages_are_filled_before_they_break(demo_db: Any) -> None:
    """The demo's roster (landscape, two tables): each page holds rows down to where the next
    row would not fit, and the signature's page only the working group's last row."""
    pdf = _open(service.draft(demo_db, "roster", None, today=DEMO_TODAY))
    settings = DEFAULT.oriented(True)
    foot = settings.page_size[1] - settings.bottom - settings.descent_room
    last = _signature_page(pdf)
    assert last == len(pdf.pages) - 1
    assert len(_data_rows(pdf.pages[last])) == 1  # main: 3 (rows 9 to 11 of 11)
    for i in range(last - 1):  # the pages before the one before the signature's
        page, following = pdf.pages[i], pdf.pages[i + 1]
        bottom = max(b for _, b in _data_rows(page))
        text = following.extract_text() or ""
        if "TỔ CÔNG TÁC" in text.split("\n", 2)[1]:
            continue  # a new section: its heading and first rows go together
        top, next_bottom = _data_rows(following)[0]
        assert foot - bottom < next_bottom - top, i  # the next row did not fit
    before = pdf.pages[last - 1]
    # Filled but for the row that goes on with the signature: less blank than the signature
    # block's height at the foot (main: 150 pt, the page broke after row 8 of 11).
    assert foot - max(b for _, b in _data_rows(before)) < 100
