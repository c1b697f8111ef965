"""Every document kind rendered from a demo database whose texts were replaced with generated
hostile text (words of hundreds of letters without a space, paragraphs of 10,000 characters,
combining marks, emoji, right-to-left marks, long names and unit names), read back with
pdfplumber: it renders, every character stands inside the page's margins (Decree 30/2020; the
page number alone in the top margin), no character prints as an empty box (one the font
cannot draw prints as a white square), and the text of a
field the document prints is all there (line breaks aside)."""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import strategies as st
from sqlalchemy import text as sql

from bdcq_desktop.core.text import clean
from bdcq_desktop.documents import fonts, service
from bdcq_desktop.documents.page import PageSettings
from bdcq_desktop.documents.settings import load
from bdcq_desktop.documents.text import MISSING_GLYPH
from tests.conftest import DEMO_TODAY
from tests.hostile_strategies import WORDS, hostile, memory_copy, pieces, unbreakable, visible

TOL = 1.0

# Every text column a document may print (length: its column's; None: free text).
COLUMNS: dict[str, dict[str, int | None]] = {
    "organisation": dict(parent_body=200, committee_name=300, place_name=100, address=300),
    "unit": dict(name=200, short_name=60, address=300),
    "person": dict(full_name=200, position=200),
    "committee_membership": dict(field=300, area=300),
    "group_membership": dict(field=300, area=300),
    "meeting": dict(title=300, place=300, notes=None),
    "agenda_item": dict(title=500, minutes_text=None, presenter_name=200),
    "invitee": dict(
        guest_name=200, role=100, name_snapshot=200, position_snapshot=200, unit_snapshot=200,
        absence_reason=300, substitute_name=200, substitute_position=200,
    ),
    "minutes": dict(opening_text=None, closing_text=None),
    "conclusion": dict(text=None),
    "task": dict(content=None, result_report=None),
    "working_session": dict(title=300, place=300, notes=None, result_summary=None),
    "session_participant": dict(
        name_snapshot=200, position_snapshot=200, unit_snapshot=200, absence_reason=300
    ),
    "session_output": dict(title=300, version_label=40),
    "reporting_regime": dict(name=300, content=None, receiving_body=300),
    "reporting_round": dict(title=300, request_reference=200),
    "submission": dict(document_number=100, summary=None),
}  # fmt: skip
# Tables whose every row gets the text; of the others, one row in ten (documents listing every
# task or person would otherwise run to a hundred pages).
EVERY_ROW = {"organisation", "meeting", "working_session", "reporting_round", "minutes"}
# Free text: a paragraph this long in the record a document is about; in the rows of lists
# (tasks, submissions) shorter, since a table cell longer than a page splits slowly (a plain
# test below covers such a cell).
PARAGRAPH = 10_000
LIST_PARAGRAPH = 2_000
# kind, record (demo database), a table and column whose text the document surely prints
KINDS = [
    ("agenda", 13, "meeting", "title"),
    ("attendance", 12, "meeting", "title"),
    ("convocation", 13, "meeting", "title"),
    ("invitation", 13, "meeting", "title"),
    ("minutes", 12, "minutes", "opening_text"),
    ("conclusions", 12, "meeting", "title"),
    ("reminder", None, "organisation", "committee_name"),
    ("reports-summary", 9, "reporting_round", "title"),
    ("tasks", None, "organisation", "committee_name"),
    ("roster", None, "organisation", "committee_name"),
    ("wg-convocation", 1, "working_session", "title"),
    ("wg-report", 3, "working_session", "title"),
]

# Hostile text for documents: long unbreakable words, nasty pieces, words, combining marks.
_word = st.one_of(unbreakable, pieces, st.sampled_from(WORDS), st.just("x\u0301\u0323\u20dd"))
doc_text = st.lists(_word, min_size=1, max_size=12).map(" ".join).filter(lambda t: visible(t))


@pytest.fixture(scope="module")
def bundled_font() -> Iterator[None]:
    fonts.register_fonts(prefer_system=False)
    yield


@pytest.fixture
def demo(demo_template: Path, bundled_font: None) -> Iterator[Any]:
    yield from memory_copy(demo_template)


def _fill(db: Any, value: str) -> dict[tuple[str, str], str]:
    """Write ``value`` (cleaned as the services store it, cut to each column's length) into
    every printed text column; returns what the first affected row of each column holds."""
    written = {}
    with db.engine.begin() as conn:
        for table, columns in COLUMNS.items():
            where = "1" if table in EVERY_ROW else "id % 10 = 1"
            for column, length in columns.items():
                if length is None:
                    size = PARAGRAPH if table in EVERY_ROW else LIST_PARAGRAPH
                    text = clean(value, multiline=True)
                    text = (text + "\n") * (size // max(len(text), 1) + 1)
                    text = clean(text[:size], multiline=True)
                    conn.execute(
                        sql(f'UPDATE "{table}" SET "{column}" = :v WHERE {where}'), {"v": text}
                    )
                else:
                    # Unique names stay unique: the row id ends the text.
                    text = clean(value)[: length - 6].rstrip()
                    conn.execute(
                        sql(f'UPDATE "{table}" SET "{column}" = :v || id WHERE {where}'),
                        {"v": text},
                    )
                written[(table, column)] = text
    return written


def _printed(text: str) -> str:
    """What the PDF's text must hold for ``text``: visible characters, case-folded, with those
    the font cannot draw as a white square (see documents.text.drawable)."""
    cmap = fonts.pdfmetrics.getFont(fonts.REGULAR).face.charToGlyph
    return "".join(c if ord(c) in cmap else MISSING_GLYPH for c in visible(text)).casefold()


def test_page_margins_are_decree_30s() -> None:
    page = PageSettings()
    assert 20 <= page.margin_top_mm <= 25 and 20 <= page.margin_bottom_mm <= 25
    assert 30 <= page.margin_left_mm <= 35 and 15 <= page.margin_right_mm <= 20


@pytest.mark.parametrize(("kind", "record", "table", "column"), KINDS, ids=[k[0] for k in KINDS])
def test_document_with_hostile_text_stays_inside_its_margins(
    demo: Any, kind: str, record: int | None, table: str, column: str
) -> None:
    page = load(demo).page
    assert 20 <= page.margin_top_mm <= 25 and 20 <= page.margin_bottom_mm <= 25
    assert 30 <= page.margin_left_mm <= 35 and 15 <= page.margin_right_mm <= 20

    @hostile(2, value=doc_text)
    def case(value: str) -> None:
        written = _fill(demo, value)
        data = service.draft(demo, kind, record, today=DEMO_TODAY)
        pdf = pdfplumber.open(io.BytesIO(data))
        text = []
        for number, p in enumerate(pdf.pages, 1):
            top_margin = ""
            for c in p.chars:
                assert c["text"] != "\x00", (kind, number, "a character without a glyph")
                if not c["text"].strip():
                    continue
                where = (kind, number, c["text"], round(c["x0"]), round(c["top"]))
                assert c["x0"] >= page.left - TOL, where
                assert c["x1"] <= p.width - page.right + TOL, where
                assert c["bottom"] <= p.height - page.bottom + TOL, where
                if c["top"] < page.top - TOL:
                    top_margin += c["text"]
            assert top_margin in ("", str(number)), (kind, number, top_margin)
            text.append(p.extract_text() or "")
        got = "".join(visible("".join(text))).casefold()
        want = _printed(written[(table, column)])
        # The field's characters all there: in order where it prints as a paragraph, at least
        # as many of each where a table cell's lines interleave with its neighbours'.
        if want not in got:
            missing = Counter(want) - Counter(got)
            assert not missing, (kind, dict(missing))
        assert unicodedata.is_normalized("NFC", "".join(text))

    case()


# -- defects the generated cases found, kept as plain examples ----------------------------------
@pytest.mark.parametrize("kind", ["reminder", "tasks"])
def test_a_table_cell_longer_than_a_page_continues_on_the_next(demo: Any, kind: str) -> None:
    """A task of 10,000 characters (what the services accept) in the reminder's table and in
    the tasks report, under a group heading: the cell splits instead of the layout failing."""
    _fill(demo, "Đặng" * 20)
    pdf = pdfplumber.open(io.BytesIO(service.draft(demo, kind, None, today=DEMO_TODAY)))
    assert len(pdf.pages) > 2


def test_a_character_the_font_cannot_draw_is_printed_as_a_square(demo: Any) -> None:
    _fill(demo, "Họp \U0001f600 x\u20dd")
    pdf = pdfplumber.open(io.BytesIO(service.draft(demo, "convocation", 13, today=DEMO_TODAY)))
    chars = [c["text"] for p in pdf.pages for c in p.chars]
    assert "\x00" not in chars  # no empty box
    text = "".join(p.extract_text() for p in pdf.pages)
    assert f"Họp {MISSING_GLYPH} x{MISSING_GLYPH}" in text
