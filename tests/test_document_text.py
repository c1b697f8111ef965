"""The documents' text rule ``nfc``: composed, lone marks set on a no-break space, characters
the font cannot draw printed as a white square, whatever text came before."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.text import MISSING_GLYPH, NBSP, nfc


@pytest.fixture(autouse=True, scope="module")
def _fonts() -> None:
    fonts.register_fonts(prefer_system=False)


def _rule(text: str) -> str:
    """The rule written out character by character, as the docstrings state it."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():  # (left as it is: no mark, and what the font lacks is not drawn)
        return text
    out: list[str] = []
    for i, c in enumerate(text):
        mark = unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Mc")
        if mark and (i == 0 or text[i - 1].isspace()):
            out.append(NBSP)
        out.append(c)
    cmap = pdfmetrics.getFont(fonts.REGULAR).face.charToGlyph
    return "".join(c if ord(c) in cmap or c.isspace() else MISSING_GLYPH for c in out)


def test_marks_and_missing_glyphs() -> None:
    assert nfc("Nguye\u0302\u0303n") == "Nguyễn"
    assert nfc("\u0301a b") == f"{NBSP}\u0301a b"
    assert nfc("Họp \u0300x") == f"Họp {NBSP}\u0300x"
    assert nfc("Họp 🙂 x") == f"Họp {MISSING_GLYPH} x"
    # Asked again (what is remembered between texts must not change the answer).
    assert nfc("Họp 🙂 \u0300x") == f"Họp {MISSING_GLYPH} {NBSP}\u0300x"
    assert nfc("Ban Chỉ đạo") == "Ban Chỉ đạo"


_PIECES = st.sampled_from(
    ["Ban Chỉ đạo", " ", "\u0301", "\u0323", "\u20dd", "\u0903", "🙂", "\u05d0", "\t", "e\u0302",
     "\u00a0", "Đ", "\U0001f1fb\U0001f1f3", "x", "\n", "\u200d"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=4), max_size=12).map("".join))
def test_nfc_follows_the_rule(text: str) -> None:
    assert nfc(text) == _rule(text)
