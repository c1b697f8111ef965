"""A person's name as documents print it: a capital on every syllable (``title_case_name``);
an academic title typed in front of it found (``academic_title``), for the save to refuse.

It is applied on save to what is typed or imported as a name: a member's full name, a guest
invited by name, a substitute. Those fields also receive what is not a plain name (a guest
"Lãnh đạo UBND xã Hưng Nguyên", "TS NGUYỄN VĂN AN", "Nguyễn Văn Đức (Phó GĐ)"), so the rule
changes only what it can tell is a name typed in the wrong case and leaves the rest as typed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Any

from .text import clean

# A run of letters with their combining marks (\w does not match marks left uncomposed by NFC).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_NAME_PART = re.compile(rf"(?:[^\W\d_][{_MARKS}]*)+")
# What a plain name holds besides letters: spaces, hyphens, apostrophes (H'Hen), full stops
# (PGS.TS, initials). Anything else (a digit, a comma, a slash) and it is not a plain name.
_NOT_IN_A_NAME = re.compile(rf"[^\w\s{_MARKS}.'’\-]|[\d_]")
# A bracketed remark ("(dự thay)", "(Phó GĐ)"): kept as typed, an unclosed one to the end.
_REMARK = re.compile(r"\([^()]*\)?")
_VOWELS = frozenset("aeiouy")
# Abbreviations a Vietnamese syllable could spell (they have a vowel), in their usual
# spelling. Words without a vowel (TS, ThS, PGS, GĐ, HĐND, CNTT) are no syllable: kept as
# typed. Degrees and ranks typed in lower case get their usual spelling too.
_ABBREVIATIONS = {
    word.lower(): word
    for word in ("UBND", "UBMTTQ", "UBKT", "VPUBND", "TS", "ThS", "PGS", "GS", "BS", "BSCKII")
}
# Words and phrases no Vietnamese person's name holds but positions and units do: a guest
# entered as "Lãnh đạo UBND xã…" or "Đại diện Sở Y tế" is a position, kept as typed. Only
# words that are nobody's name syllable ("Công", "Phòng", "Trường" and "Phó", a family name,
# are names, so "công an", "văn phòng", "phó" are not in it).
_NOT_A_NAME = tuple(
    tuple(phrase.split())
    for phrase in (
        "lãnh đạo",
        "đại diện",
        "ủy ban",
        "uỷ ban",
        "ban",
        "sở",
        "xã",
        "huyện",
        "tỉnh",
        "phường",
        "quận",
        "thị trấn",
        "giám đốc",
        "chủ tịch",
        "bí thư",
        "trưởng",
        "cán bộ",
        "cơ quan",
        "đơn vị",
        "các",
        "và",
        "của",
        "ubnd",
        "hđnd",
        "mttq",
        "ubmttq",
    )
)
# Military and police ranks a name may open with ("Đại tá Võ Văn Bình"): written in sentence
# case ("Đại tá", "Thiếu tướng", "Đại úy"), never a capital on the rank's second syllable.
# Only at the start: "Trung", "Thượng", "Đại" are given names too ("Nguyễn Trung Tá" kept).
_RANK_GRADES = frozenset({"đại", "thượng", "trung", "thiếu", "chuẩn"})
_RANK_LEVELS = frozenset({"tướng", "tá", "úy", "uý"})
_NOT_A_NAME_BY_LENGTH = {
    n: frozenset(phrase for phrase in _NOT_A_NAME if len(phrase) == n)
    for n in {len(phrase) for phrase in _NOT_A_NAME}
}
# Lower-case particles of foreign names ("Ludwig van Beethoven", "Charles de Gaulle"), kept as
# typed between two other syllables of a name typed with care, only in a name with no letter
# of Vietnamese alone (see _vietnamese): in a Vietnamese name the same letters are syllables
# ("Đinh la Thăng" is "Đinh La Thăng"). La, Le (Lê typed bare) and Du are family or given
# names too common to be taken for particles even there.
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das"}
    | {"bin", "binti", "ibn", "al", "ter", "ten", "d"}
)


def title_case_name(name: str | None) -> str:
    """Capitalise each syllable of a person's name: ``NGUYỄN văn đức`` → ``Nguyễn Văn Đức``.

    Works on NFC so the capital is the precomposed letter (``Đ``, ``Ư``), and also capitalises
    after hyphens and apostrophes in foreign or ethnic-minority names (``H'Hen Niê``).

    A name typed with care (some syllable already starts with a capital and goes on in lower
    case) keeps what looks deliberate: such syllables as typed (``McDonald``) and, in a name
    that is not Vietnamese, a lower-case particle between two syllables (``Ludwig van
    Beethoven``); only its syllables in all capitals or all lower case are set right. A name
    all in lower or upper case (caps lock, a file in capitals) gets a capital on every
    syllable, as Decree 30 writes names.

    Kept as typed: an abbreviation (a part next to a full stop, ``PGS.TS``, ``ThS.``, an
    initial; a word without a vowel, ``TS``, ``GĐ``, ``HĐND``; ``UBND``), a remark in brackets
    (``Nguyễn Văn An (dự thay)``). A rank opening the name is written in sentence case
    (``ĐẠI TÁ VÕ VĂN BÌNH`` → ``Đại tá Võ Văn Bình``, ``Thượng Tá`` → ``Thượng tá``). Text
    that is not a plain name (a digit or a sign a name does not hold; a position or a unit,
    ``Lãnh đạo UBND xã``) only gets a capital first letter.
    """
    text = clean(name)
    plain = _REMARK.sub(" ", text)
    if not _is_name(plain):
        return unicodedata.normalize("NFC", _recase(text[:1], str.upper) + text[1:])
    remarks = [m.span() for m in _REMARK.finditer(text)]
    parts = [
        p for p in _NAME_PART.finditer(text) if not any(a <= p.start() < b for a, b in remarks)
    ]
    rank = _rank_ends(text, parts)
    careful = any(
        p[0][:1].isupper() and any(c.islower() for c in p[0][1:]) for p in parts[rank:]
    )
    particles = careful and not _vietnamese(plain)
    out, end = [], 0
    for i, part in enumerate(parts):
        word = part[0]
        out.append(text[end : part.start()])
        end = part.end()
        if i < rank:  # a rank: "Đại tá", "Thượng tá", "Thiếu tướng"
            lower = "".join(_recase(c, str.lower) for c in word)
            out.append(_recase(lower[:1], str.upper) + lower[1:] if i == 0 else lower)
        elif "." in text[max(part.start() - 1, 0) : part.end() + 1]:
            out.append(word)  # an abbreviation: "PGS.TS", "ThS.", "Nguyễn V. An"
        elif word.lower() in _ABBREVIATIONS:
            out.append(_ABBREVIATIONS[word.lower()])  # "ts" → "TS", "ubnd" → "UBND"
        elif len(word) > 1 and not _VOWELS & set(_base(word)):
            out.append(word)  # no syllable: "GĐ", "HĐND", "CNTT"
        elif careful and word[:1].isupper() and any(c.islower() for c in word[1:]):
            out.append(word)  # "Nhung", "McDonald"
        elif particles and word in _PARTICLES and 0 < i < len(parts) - 1:
            out.append(word)  # "van", "de"
        else:
            rest = "".join(_recase(c, str.lower) for c in word[1:])
            out.append(_recase(word[:1], str.upper) + rest)
    out.append(text[end:])
    return unicodedata.normalize("NFC", "".join(out))


def _rank_ends(text: str, parts: list[re.Match[str]]) -> int:
    """How many of ``parts`` are a rank opening the name (2: "Đại tá Võ Văn Bình"), else 0."""
    if len(parts) < 2 or parts[0].start() != 0 or text[parts[0].end() : parts[1].start()] != " ":
        return 0
    grade, level = (unicodedata.normalize("NFC", p[0].lower()) for p in parts[:2])
    return 2 if grade in _RANK_GRADES and level in _RANK_LEVELS else 0


def _is_name(text: str) -> bool:
    """``text`` (remarks taken out) can be a person's name: nothing but letters and what a
    name holds, at most eight words, none of the words of positions and units."""
    if _NOT_IN_A_NAME.search(text):
        return False
    words = [w.lower() for w in _NAME_PART.findall(text)]
    if len(words) > 8:
        return False
    # Looked up by length, not compared one by one: a 5,000-row roster import spent half its
    # name casing walking the list for each word.
    return not any(
        tuple(words[i : i + n]) in phrases
        for n, phrases in _NOT_A_NAME_BY_LENGTH.items()
        for i in range(len(words) - n + 1)
    )


def _base(word: str) -> str:
    """The letters of ``word`` without their marks, in lower case (``Ước`` → ``uoc``)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _vietnamese(text: str) -> bool:
    """``text`` has a letter only Vietnamese writes: ă, ơ, ư, đ, a hook or a dot below, or a
    vowel with two marks (ồ, ế). French and German names share â, ê, ô, é, but not these."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    if any(c in "đ\u0306\u031b\u0309\u0323" for c in decomposed):  # đ, breve, horn, hook, dot
        return True
    return any(
        unicodedata.combining(a) and unicodedata.combining(b)
        for a, b in itertools.pairwise(decomposed)
    )


def _recase(char: str, change: Any) -> str:
    """``char`` in the other case when that is one character ("đ" → "Đ"); as it is when the
    change would spell it otherwise ("ß" → "SS", "ǰ" → "J" and a mark), which no name needs."""
    changed = change(char)
    return changed if len(changed) == 1 else char


# Academic ranks and degrees (học hàm, học vị) written before a name, folded: "PGS.TS",
# "GS.TSKH", "ThS", and spelled out. None is a Vietnamese syllable, and the spelled ones open no
# name (Tiến, Thạc, Giáo are no family names), so a name that starts with one carries a title.
_TITLE_WORDS = {"gs": "GS", "pgs": "PGS", "tskh": "TSKH", "ts": "TS", "ths": "ThS"}
_TITLE_PHRASES = (
    ("pho", "giao", "su"),
    ("giao", "su"),
    ("tien", "si", "khoa", "hoc"),
    ("tien", "si"),
    ("tien", "sy"),
    ("thac", "si"),
    ("thac", "sy"),
)
_TITLE_SPLIT = re.compile(r"[\s.\-]+")


def academic_title(name: str | None) -> tuple[str, str] | None:
    """The title typed in front of a name and the name without it, NFC ("PGS. TS. Lê Văn Minh"
    → ("PGS.TS", "Lê Văn Minh"); "Tiến sĩ Hồ Văn Nam" → ("Tiến sĩ", "Hồ Văn Nam")); None when
    the name opens with none, or is nothing but a title."""
    text = unicodedata.normalize("NFC", clean(name))
    words = [w for w in _TITLE_SPLIT.split(text) if w]
    folded = [_base(w) for w in words]
    for phrase in _TITLE_PHRASES:
        n = len(phrase)
        if tuple(folded[:n]) == phrase and len(words) > n:
            # In sentence case as a position writes it ("Tiến sĩ"), whatever the name's case.
            spelled = " ".join(words[:n]).lower()
            return spelled[:1].upper() + spelled[1:], title_case_name(" ".join(words[n:]))
    n = 0
    while n < len(words) and folded[n] in _TITLE_WORDS:
        n += 1
    if n == 0 or n == len(words):
        return None
    return ".".join(_TITLE_WORDS[w] for w in folded[:n]), title_case_name(" ".join(words[n:]))
