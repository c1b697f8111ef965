"""A meeting's or a session's title as its documents print it: a title typed in capitals put
in normal case (:func:`written_title`). The title as part of a sentence ("Tới dự cuộc họp …")
is :func:`bdcq_desktop.core.wording.meeting_phrase`, in the core: the panes and the CLI word
it too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.models import Unit
from ..core.text import clean

# --- titles typed in capitals -----------------------------------------------------------------

# Abbreviations written in capitals that have a vowel (those without one are found by rule).
_ABBREVIATIONS = frozenset({"UBND", "ATTT", "ANTT", "AI", "IOC", "VNPT", "ASXH", "BHXH", "KTXH"})
# Names always capitalised, whatever the database holds.
_PROPER_NAMES = (
    "Ban Chỉ đạo",
    "Tổ công tác",
    "Chính quyền điện tử",
    "Chính quyền số",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Trung ương",
    "Việt Nam",
    "Đề án 06",
)
# Words after which a Roman numeral counts something: "quý II", "giai đoạn II", "khóa XIX".
_ORDINAL_WORDS = frozenset({"quý", "đoạn", "khóa", "khoá", "phần", "đợt", "lần", "thứ", "kỳ"})
_ROMAN = re.compile(r"[IVXLC]+")
_LETTERS = re.compile(r"[^\W\d_]+")
# "UBND tỉnh Nghệ An" → "Nghệ An": the place in a unit's name is a proper name of its own.
_PLACE_IN_UNIT = re.compile(
    r"(?:^|\s)(?:tỉnh|thành phố|thị xã|huyện|quận|xã|phường|thị trấn)\s+(\S.*)$"
)


def _has_vowel(word: str) -> bool:
    base = unicodedata.normalize("NFD", word.casefold())
    return any(c in "aeiouy" for c in base)


def is_all_capitals(title: str) -> bool:
    """True when every letter of ``title`` is a capital and it has a word that is no
    abbreviation (``HỘI NGHỊ SƠ KẾT``, not ``UBND`` nor ``Họp BCĐ``)."""
    letters = [c for c in title if c.isalpha() and c.lower() != c.upper()]
    if not letters or any(not c.isupper() for c in letters):
        return False
    words = _LETTERS.findall(title)
    return any(_has_vowel(w) and w not in _ABBREVIATIONS for w in words)


def place_names(unit_names: Iterable[str]) -> list[str]:
    """Unit names and the places they name (``UBND huyện Quỳnh Lưu`` → ``Quỳnh Lưu``)."""
    out: list[str] = []
    for name in unit_names:
        name = clean(name)
        if not name:
            continue
        out.append(name)
        m = _PLACE_IN_UNIT.search(name)
        if m and all(w[:1].isupper() for w in m.group(1).split()):
            out.append(m.group(1))
    return out


def sentence_case(title: str, names: Iterable[str] = ()) -> str:
    """A title typed entirely in capitals in normal case, as the decree writes a summary and
    as a sentence needs it: ``HỘI NGHỊ SƠ KẾT 6 THÁNG ĐẦU NĂM TẠI UBND TỈNH NGHỆ AN`` →
    ``Hội nghị sơ kết 6 tháng đầu năm tại UBND tỉnh Nghệ An``.

    Abbreviations keep their capitals (a word without a vowel, ``CNTT``, ``BCĐ``, ``HĐND``, and
    the few with one, ``UBND``); so do Roman numerals that count (``quý II``); ``names``
    (units, places) and the committee's vocabulary get their own capitals back. A title with a
    small letter anywhere is the drafter's own and is returned as typed."""
    t = clean(title)
    if not is_all_capitals(t):
        return t
    low = t.lower()
    if len(low) != len(t):  # a letter whose lower case is longer: leave the title alone
        return t
    out = list(low)
    previous = ""
    for m in _LETTERS.finditer(t):
        word = m.group()
        keep = word in _ABBREVIATIONS or not _has_vowel(word)
        keep = keep or (previous in _ORDINAL_WORDS and _ROMAN.fullmatch(word) is not None)
        if keep:
            out[m.start() : m.end()] = word
        previous = word.lower()
    known = {n.lower(): n for n in (*_PROPER_NAMES, *names) if n and len(n.lower()) == len(n)}
    if known:
        alternatives = "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
        for m in re.finditer(rf"(?<!\w)(?:{alternatives})(?!\w)", low):
            out[m.start() : m.end()] = known[m.group()]
    text = "".join(out)
    return text[:1].upper() + text[1:]


def written_title(s: Session, title: str | None, names: Iterable[str] = ()) -> str:
    """A meeting's or a session's title as its documents print it (:func:`sentence_case`),
    with the units of the database and the places they name as the names to keep; ``names``
    adds others (the people of the meeting). The units are read only for a title in
    capitals."""
    t = clean(title)
    if not is_all_capitals(t):
        return t
    units = s.scalars(select(Unit.name)).all()
    return sentence_case(t, [*place_names(units), *names])
