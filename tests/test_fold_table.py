"""fold() drops combining marks through a translation table filled as characters are met:
it must fold every character exactly as the rule says, and remember only a bounded set."""

from __future__ import annotations

import sys
import unicodedata

from bdcq_desktop.core import text
from bdcq_desktop.core.text import clean, fold


def by_the_rule(value: str) -> str:
    """The rule, spelled out: NFD of the cleaned, case-folded text without its marks (Mn, Me),
    đ and ð as d."""
    decomposed = unicodedata.normalize("NFD", clean(value).casefold())
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Me"))
    return bare.replace("đ", "d").replace("ð", "d")


def test_every_character_of_the_basic_plane_folds_by_the_rule() -> None:
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        assert fold(f"Ab{ch}Đặng") == by_the_rule(f"Ab{ch}Đặng"), hex(code)


def test_vietnamese_and_combining_sequences() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Đào")
    assert fold(nfd) == fold("NGUYỄN THỊ HỒNG ĐÀO") == "nguyen thi hong dao"
    assert fold("e\u20dd") == "e"  # an enclosing mark (Me) goes too


def test_the_table_stays_bounded() -> None:
    table = text._FOLD_TABLE
    fold("".join(chr(c) for c in range(0x4E00, 0x9FFF)))  # CJK: not remembered
    fold("".join(chr(c) for c in range(0x10000, 0x10400)))
    assert all(code < 0x2100 for code in table)
    assert sys.getsizeof(table) < 1 << 20
