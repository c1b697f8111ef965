"""Vietnamese text utilities: cleaning, folding, collation, decree dates, honorifics."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bdcq_desktop.core import honorifics
from bdcq_desktop.core.enums import Honorific
from bdcq_desktop.core.honorifics import honorific_for, with_honorific
from bdcq_desktop.core.name_case import title_case_name
from bdcq_desktop.core.text import (
    clean,
    date_text,
    fold,
    matches,
    person_sort_key,
    place_date_line,
    short_date,
    time_text,
    vi_key,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# Arbitrary text, weighted towards what actually causes trouble: Vietnamese letters in both
# normal forms, combining marks, controls, zero-width characters and odd spaces.
_TRICKY = "aăâđêôơưAĐƯ ̛̣̀́̃̉̆̂\t\n\r\x00\x1f\x7f\x85\u00a0\u2028\u200b\u200d\ufeff\u00ad "
tricky_text = st.text(alphabet=st.sampled_from(_TRICKY), max_size=30) | st.text(max_size=30)


# ---------------------------------------------------------------------------------------------
# clean


def test_clean_basics() -> None:
    assert clean(None) == ""
    assert clean("  Nguyễn   Văn\tAn \r\n") == "Nguyễn Văn An"
    assert clean("\ufeffSở\u200b Thông\u00a0tin") == "Sở Thông tin"
    assert clean(nfd("Đặng Thị Hương")) == "Đặng Thị Hương"
    assert clean("dòng 1\r\ndòng 2\rdòng 3", multiline=True) == "dòng 1\ndòng 2\ndòng 3"
    assert clean("a\tb  c  \n\n d\x00", multiline=True) == "a\tb  c\n\n d"
    assert clean("Nguyễn\nVăn") == "Nguyễn Văn"


def test_a_control_character_between_words_keeps_them_apart() -> None:
    """Pasted NUL, ESC and other controls stood between words and were dropped, gluing them
    ("Giámđốc Sở"): they become a space, as a tab or a line break does (members audit)."""
    assert clean("Giám\x00đốc\x0b Sở") == "Giám đốc Sở"
    assert clean("Điều\x1bKhiển") == "Điều Khiển"
    assert clean("Sở\x7fY tế\x9b") == "Sở Y tế"  # DEL, a C1 control at the end
    assert clean("\x00 Nguyễn \x00\x00 Văn\x07An\x00") == "Nguyễn Văn An"
    assert clean("Dòng\x00một\nhai\x1b", multiline=True) == "Dòng một\nhai"
    # Format characters are inside words (a soft hyphen, a joiner): still removed.
    assert clean("Nguy\u00adễn\u200d Văn\ufeff") == "Nguyễn Văn"


def test_a_member_s_position_pasted_with_a_nul_is_stored_with_a_space(db: Any) -> None:
    from bdcq_desktop.core import members

    pid = members.create_person(db, full_name="Lê\x00Văn\x1bAn", position="Giám\x00đốc\x0b Sở")
    person = members.get_person(db, pid)
    assert (person.full_name, person.position) == ("Lê Văn An", "Giám đốc Sở")


def test_clean_composes_across_removed_zero_width() -> None:
    # Removing the zero-width space leaves "a" next to its accent: the result must still be NFC.
    assert clean("a\u200b\u0301") == "á"


def _has_control(s: str, multiline: bool) -> bool:
    allowed = {"\n", "\t"} if multiline else set()
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in allowed for ch in s)


@given(tricky_text, st.booleans())
def test_clean_properties(s: str, multiline: bool) -> None:
    once = clean(s, multiline=multiline)
    assert clean(once, multiline=multiline) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not _has_control(once, multiline)
    assert clean(nfd(s), multiline=multiline) == once
    assert once == once.strip()
    if not multiline:
        assert "  " not in once
        assert "\n" not in once


# ---------------------------------------------------------------------------------------------
# fold / matches


def test_fold() -> None:
    assert fold("Đặng") == "dang"
    assert fold("NGUYỄN Văn Ước") == "nguyen van uoc"
    assert fold(None) == ""
    assert fold("Ðỗ") == "do"  # Icelandic eth left by legacy font conversions


def test_matches() -> None:
    assert matches("nguyen van", "Nguyễn Văn An")
    assert matches("an nguyen", "Nguyễn Văn An")
    assert matches("  ", "anything")
    assert matches("so thong tin", "Nguyễn Văn An", None, "Sở Thông tin và Truyền thông")
    assert matches("ĐỨC", nfd("Trần Đức"))
    assert not matches("nguyen binh", "Nguyễn Văn An")
    assert not matches("x", None)


@given(tricky_text)
def test_fold_nfc_nfd_equivalent(s: str) -> None:
    assert fold(nfd(s)) == fold(unicodedata.normalize("NFC", s))
    folded = fold(s)
    assert not any(unicodedata.category(ch) in ("Mn", "Me") for ch in folded)
    assert "đ" not in folded


# ---------------------------------------------------------------------------------------------
# Collation


def test_tone_order() -> None:
    expected = ["ma", "mà", "mả", "mã", "má", "mạ"]
    shuffled = list(reversed(expected))
    assert sorted(shuffled, key=vi_key) == expected
    assert sorted(map(nfd, shuffled), key=vi_key) == list(map(nfd, expected))


def test_letters_before_tones_before_case() -> None:
    # Tones are secondary: "mà" (letters "ma") precedes "mac" although à > a.
    assert sorted(["mác", "mà", "mac"], key=vi_key) == ["mà", "mac", "mác"]
    assert sorted(["án", "An", "an"], key=vi_key) == ["an", "An", "án"]
    # Modified letters are primary differences.
    words = ["ư", "u", "ơ", "ô", "o", "đ", "d", "ê", "e", "â", "ă", "a"]
    assert sorted(words, key=vi_key) == ["a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư"]
    assert sorted(["Ơn", "Oanh", "Ôn", "Ở"], key=vi_key) == ["Oanh", "Ôn", "Ở", "Ơn"]
    assert sorted(["Zô", "Yến", "Wên", "Fan", "Giang"], key=vi_key) == [
        "Fan",
        "Giang",
        "Wên",
        "Yến",
        "Zô",
    ]


def test_word_boundaries_and_numbers() -> None:
    assert sorted(["Anh", "An Bình", "An"], key=vi_key) == ["An", "An Bình", "Anh"]
    assert sorted(["Tổ 10", "Tổ 2", "Tổ 1"], key=vi_key) == ["Tổ 1", "Tổ 2", "Tổ 10"]


def test_old_and_new_tone_placement_are_neighbours() -> None:
    ordered = sorted(["hoá", "hoà", "hóa", "hòa", "hoa", "hoạ"], key=vi_key)
    assert ordered[0] == "hoa"
    assert set(ordered[1:3]) == {"hoà", "hòa"}
    assert set(ordered[3:5]) == {"hoá", "hóa"}
    assert ordered[5] == "hoạ"


@given(tricky_text)
def test_vi_key_nfc_nfd_identical(s: str) -> None:
    assert vi_key(nfd(s)) == vi_key(unicodedata.normalize("NFC", s))


# Checked by hand with the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y:
# given name first (all levels), then middle name(s), then family name.
SORTED_NAMES = [
    "Nguyễn Thị An",  # same given name: middle "Thị" < "Văn", then family
    "Trần Thị An",
    "Lê Văn An",
    "Nguyễn Văn An",
    "Phạm Tuấn Anh",  # "An" is a prefix of "Anh"
    "Hoàng Ngọc Ánh",  # tone only: Anh < Ánh
    "Vũ Hồng Ân",  # a < â, whatever follows
    "Đinh Công Bình",
    "Bùi Thị Chi",  # letter by letter: c-h < c-ư
    "Lý Mạnh Cường",
    "Trịnh Tiến Dũng",  # n < y
    "Mai Đức Duy",
    "Tạ Quang Đạt",  # d < đ
    "Dương Minh Đức",
    "Cao Thu Giang",
    "Phan Thu Hà",
    "Đỗ Minh Hải",
    "Lưu Thị Hạnh",
    "Nguyễn Thị Hoa",  # every Hoa before every Hòa, whatever the family name
    "Lê Thị Hòa",
    "Dương Văn Hùng",  # families: Dương < Đặng < Đỗ (d < đ, ă < ô)
    "Đặng Văn Hùng",
    "Đỗ Văn Hùng",
    "Kiều Quốc Hưng",  # u < ư
    "Hồ Thị Hương",  # ư-n < ư-ơ
    "Nguyễn Minh Khánh",  # middle "Minh" < "Thị Minh"
    "Nguyễn Thị Minh Khánh",
    "Vương Thị Lan",
    "Tô Thùy Linh",
    "Quách Thành Long",
    "Hà Thị Mai",
    "Chu Văn Minh",
    "Lâm Hoài Nam",
    "La Bảo Ngọc",  # middle Bảo < Bích
    "Lò Bích Ngọc",
    "Triệu Kim Oanh",
    "Lầu A Ơn",  # o < ơ
    "Mạc Hồng Phúc",
    "Ninh Văn Quân",
    "Lương Thái Sơn",
    "Phạm Văn Tâm",  # families Phạm < Phan (m < n)
    "Phan Văn Tâm",
    "Ông Thị Thảo",
    "Ứng Thu Trang",
    "Âu Anh Tú",  # "Tú" is a prefix of "Tuấn"
    "Giáp Văn Tuấn",
    "Yên Tố Uyên",
    "Tống Văn",  # two words: no middle name
    "Thái Thảo Vy",
    "Ngô Hải Yến",
]


@pytest.mark.parametrize("normal_form", ["NFC", "NFD"])
def test_person_sort_order(normal_form: str) -> None:
    names = [unicodedata.normalize(normal_form, n) for n in SORTED_NAMES]
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=person_sort_key) == names


def test_person_sort_key_edge_cases() -> None:
    assert person_sort_key("An") < person_sort_key("Nguyễn An")  # no middle/family sorts first
    assert person_sort_key("  Nguyễn   Văn  An ") == person_sort_key("Nguyễn Văn An")
    assert person_sort_key(None) == person_sort_key("")


# ---------------------------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 6, 29), "ngày 29 tháng 6 năm 2026"),
        (date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (date(2026, 1, 10), "ngày 10 tháng 01 năm 2026"),
        (date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
        (date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
        (date(2027, 11, 9), "ngày 09 tháng 11 năm 2027"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
    ],
)
def test_date_text(d: date, expected: str) -> None:
    assert date_text(d) == expected


@pytest.mark.parametrize("day", range(1, 29))
@pytest.mark.parametrize("month", range(1, 13))
def test_date_text_padding_rules(day: int, month: int) -> None:
    words = date_text(date(2026, month, day)).split()
    assert words[0::2] == ["ngày", "tháng", "năm"]
    assert words[1] == (f"0{day}" if day < 10 else str(day))
    assert words[3] == (f"0{month}" if month <= 2 else str(month))
    assert words[5] == "2026"


def test_other_date_forms() -> None:
    assert place_date_line("Nghệ An", date(2026, 2, 5)) == "Nghệ An, ngày 05 tháng 02 năm 2026"
    assert time_text(time(14, 0)) == "14 giờ 00 phút"
    assert time_text(time(8, 5)) == "08 giờ 05 phút"
    assert short_date(date(2026, 2, 5)) == "05/02/2026"


# ---------------------------------------------------------------------------------------------
# Honorifics and names


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("Nam", Honorific.ONG),
        ("nam", Honorific.ONG),
        ("Ông", Honorific.ONG),
        ("ong", Honorific.ONG),
        ("M", Honorific.ONG),
        ("Mr.", Honorific.ONG),
        (Honorific.ONG, Honorific.ONG),
        ("Nữ", Honorific.BA),
        ("nu", Honorific.BA),
        (nfd("NỮ"), Honorific.BA),
        ("Bà", Honorific.BA),
        ("F", Honorific.BA),
        ("female", Honorific.BA),
        ("", None),
        (None, None),
        ("khác", None),
        ("x", None),
    ],
)
def test_honorific_for(given_text: str | None, expected: Honorific | None) -> None:
    assert honorific_for(given_text) is expected


def test_with_honorific() -> None:
    assert with_honorific("Nguyễn Văn A", Honorific.ONG) == "Ông Nguyễn Văn A"
    assert with_honorific("Lê Thị B", "Nữ") == "Bà Lê Thị B"
    assert with_honorific("Lê Thị B", None) == "Lê Thị B"
    assert honorifics.honorific_label(Honorific.BA, lower=True) == "bà"
    assert honorifics.Honorific is Honorific  # the database enum, re-exported


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NGUYỄN văn đức", "Nguyễn Văn Đức"),
        (nfd("đặng thị ưng"), "Đặng Thị Ưng"),
        ("  trần   ÁNH  ", "Trần Ánh"),
        ("h'hen niê", "H'Hen Niê"),
        ("nguyễn-trần ân", "Nguyễn-Trần Ân"),
        # Audit of a new office, defect 4: all capitals and all lower case are set right…
        ("NGUYỄN VĂN BÌNH", "Nguyễn Văn Bình"),
        ("nguyễn văn bình ", "Nguyễn Văn Bình"),
        ("ĐINH THỊ HỒNG NHUNG", "Đinh Thị Hồng Nhung"),
        ("la văn cầu", "La Văn Cầu"),
        ("HỒ ĐỨC PHỚC", "Hồ Đức Phớc"),
        ("Nguyễn Văn BÌNH", "Nguyễn Văn Bình"),
        ("Nguyễn văn Bình", "Nguyễn Văn Bình"),
        # … and a name typed with care stays as typed.
        ("Đinh Thị Hồng Nhung", "Đinh Thị Hồng Nhung"),
        ("La Văn Cầu", "La Văn Cầu"),  # "La" a family name, not a particle
        ("Hồ Đức Phớc", "Hồ Đức Phớc"),
        ("Y Bih Niê", "Y Bih Niê"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("Charles de Gaulle", "Charles de Gaulle"),
        ("Ronald McDonald", "Ronald McDonald"),
        ("PGS.TS Lê Văn Minh", "PGS.TS Lê Văn Minh"),
        ("PGS.TS LÊ VĂN MINH", "PGS.TS Lê Văn Minh"),
        ("ThS. nguyễn thị an", "ThS. Nguyễn Thị An"),
    ],
)
def test_title_case_name(raw: str, expected: str) -> None:
    assert title_case_name(raw) == expected
    assert title_case_name(expected) == expected  # a name in proper case is left alone
    assert unicodedata.is_normalized("NFC", title_case_name(raw))
