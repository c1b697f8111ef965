"""The documents' font draws the same codes as reportlab's ``TTFont``: same PDF bytes."""

from __future__ import annotations

import io
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from bdcq_desktop.documents import fonts


class _Doc:
    """Stands for the PDF document a font's subsets belong to (only its identity counts)."""


def _pair() -> tuple[TTFont, fonts.DocumentFont]:
    path = str(fonts.bundled_font_files()[0])
    return TTFont("Theirs", path), fonts.DocumentFont("Ours", path)


# Vietnamese letters, space and no-break space, NUL, characters the font has no glyph for, and
# enough other letters (Cyrillic, Greek, Latin Extended) to fill the first subset of 256 codes.
_CHARS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
    "ùúủũụừứửữựỳýỷỹỵ0123456789.,;:-()/\u00a0\x00\u4e00\U0001f642\ufffe"
    + "".join(map(chr, range(0x410, 0x450)))
    + "".join(map(chr, range(0x391, 0x3CA)))
    + "".join(map(chr, range(0x100, 0x17F)))
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=_CHARS, max_size=40), min_size=1, max_size=40))
def test_the_same_codes_as_reportlab(texts: list[str]) -> None:
    theirs, ours = _pair()
    doc_theirs, doc_ours = _Doc(), _Doc()
    for text in texts:
        assert ours.splitString(text, doc_ours) == theirs.splitString(text, doc_theirs)
    a, b = theirs.state[doc_theirs], ours.state[doc_ours]
    assert (a.assignments, a.subsets, a.nextCode) == (b.assignments, b.subsets, b.nextCode)


def test_a_long_document_fills_several_subsets_with_the_same_codes() -> None:
    theirs, ours = _pair()
    doc_theirs, doc_ours = _Doc(), _Doc()
    rnd = random.Random(30)
    lines = ["".join(rnd.choices(_CHARS, k=rnd.randint(0, 90))) for _ in range(400)]
    for line in lines + lines:  # the second time, every character has its code
        assert ours.splitString(line, doc_ours) == theirs.splitString(line, doc_theirs)
    state = ours.state[doc_ours]
    assert len(state.subsets) >= 2
    # Lines of the second subset alone, then with what belongs elsewhere: a space, a
    # no-break space (drawn as a space), NUL and a character without a glyph (code 0 of the
    # first subset), a character of the first subset.
    second = "".join(chr(c) for c, n in state.assignments.items() if n >> 8 == 1)[:30]
    for extra in ("", " ", "\u00a0", "\x00", "\u4e00", "a"):
        for line in (second + extra, extra + second, second[:5] + extra + second[5:]):
            assert ours.splitString(line, doc_ours) == theirs.splitString(line, doc_theirs)


def test_a_page_drawn_with_it_is_the_same_pdf() -> None:
    def pdf(font: TTFont) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, invariant=1)
        pdfmetrics.registerFont(font)
        canvas.setFont(font.fontName, 12)
        for i, ch in enumerate(_CHARS[:200:7]):
            canvas.drawString(40, 800 - i * 14, f"Đồng chí {ch} Nguyễn\u00a0Văn {i}")
        canvas.save()
        return buffer.getvalue().replace(font.fontName.encode(), b"F")

    path = str(fonts.bundled_font_files()[0])
    assert pdf(fonts.DocumentFont("SameA", path)) == pdf(TTFont("SameB", path))
