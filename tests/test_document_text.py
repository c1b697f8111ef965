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


@pytest.mark.parametrize(
    ("position", "unit", "printed"),
    [
        # The position names the unit whole: said once.
        ("Giám đốc Sở Nội vụ", "Sở Nội vụ", "Giám đốc Sở Nội vụ"),
        ("Chánh Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh", "Chánh Văn phòng UBND tỉnh"),
        ("giám đốc sở nội vụ", "Sở Nội vụ", "giám đốc sở nội vụ"),  # case and marks aside
        # The position names only the start of it: the place is never lost (audit of a new
        # office, defect 2), for the districts of older data and the communes since 2025.
        ("Chủ tịch UBND huyện", "UBND huyện Kỳ Sơn", "Chủ tịch UBND huyện Kỳ Sơn"),
        ("Chủ tịch UBND huyện", "UBND huyện Quế Phong", "Chủ tịch UBND huyện Quế Phong"),
        ("Chủ tịch UBND thành phố", "UBND thành phố Vinh", "Chủ tịch UBND thành phố Vinh"),
        ("Phó Chủ tịch UBND tỉnh", "UBND tỉnh Nghệ An", "Phó Chủ tịch UBND tỉnh Nghệ An"),
        ("Chủ tịch UBND xã", "UBND xã Hưng Nguyên", "Chủ tịch UBND xã Hưng Nguyên"),
        ("Chủ tịch UBND phường", "UBND phường Vinh Phú", "Chủ tịch UBND phường Vinh Phú"),
        ("Chủ tịch UBND đặc khu", "UBND đặc khu Phú Quốc", "Chủ tịch UBND đặc khu Phú Quốc"),
        ("Chánh Văn phòng", "Văn phòng UBND tỉnh", "Chánh Văn phòng UBND tỉnh"),
        ("Chủ tịch ubnd tỉnh", "UBND tỉnh Nghệ An", "Chủ tịch UBND tỉnh Nghệ An"),
        # Nothing in common: both, the unit after a comma.
        ("Giám đốc", "Sở Y tế", "Giám đốc, Sở Y tế"),
        (
            "Trưởng phòng Công nghệ thông tin",
            "Sở Khoa học và Công nghệ",
            "Trưởng phòng Công nghệ thông tin, Sở Khoa học và Công nghệ",
        ),
        # The start of a longer unit name: completed, not cut.
        ("Giám đốc Sở Y tế", "Sở Y tế Nghệ An", "Giám đốc Sở Y tế Nghệ An"),
        ("Chuyên viên", "", "Chuyên viên"),
        ("", "UBND xã Hưng Nguyên", "UBND xã Hưng Nguyên"),
    ],
)
def test_position_and_unit(position: str, unit: str, printed: str) -> None:
    from bdcq_desktop.documents.text import position_and_unit

    assert position_and_unit(position, unit) == printed
