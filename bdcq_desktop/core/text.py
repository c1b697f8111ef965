"""Vietnamese text utilities: cleaning, diacritic-insensitive search, collation, decree dates.

Standard library only (no Qt), so the CLI, the services and the document builders share exactly
the same rules.

Text reaches the application from keyboards (NFC), from macOS file names and some PDF copies
(NFD) and from Word documents (non-breaking and zero-width spaces). Everything that compares or
stores text therefore goes through :func:`clean` first so that the same name typed two ways is
the same name.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, time

__all__ = [
    "SearchQuery",
    "address_name",
    "clean",
    "date_text",
    "decree_date",
    "exact_text",
    "excerpt",
    "fold",
    "is_code",
    "matches",
    "person_sort_key",
    "phone_search_text",
    "place_date_line",
    "rate_text",
    "short_date",
    "time_text",
    "unit_search_text",
    "vi_key",
]

# --------------------------------------------------------------------------------------------
# Cleaning
# --------------------------------------------------------------------------------------------

# Characters that end a line. In single-line text they become a space (not nothing) so that
# "Nguyễn\nVăn" pasted from a table cell does not turn into "NguyễnVăn".
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Format characters (Cf: zero-width space/joiners, BOM, soft hyphen, bidi marks) and lone
# surrogates (Cs, which cannot be encoded to UTF-8 and would break the database and PDFs):
# removed, as they sit inside words. A control character (Cc: NUL, ESC) becomes a space
# instead: pasted between two words it stood for a gap, and "Giám\x00đốc" came out
# "Giámđốc".
_DROPPED_CATEGORIES = frozenset({"Cf", "Cs"})
_SPACE_RUN = re.compile(" {2,}")
# The signs inside a short name ("KH&CN", "LĐ-TB&XH") left out when typed: "KHCN", "LĐTBXH".
_SIGNS = re.compile(r"[&\-./]")


def clean(text: str | None, *, multiline: bool = False) -> str:
    """Return ``text`` normalised for storage and comparison.

    NFC; ``\\r\\n`` and other line breaks become ``\\n`` (multi-line) or a space (single-line);
    tabs are kept only in multi-line text; every other control character (NUL, ESC) becomes a
    space, as does any Unicode space; format characters (zero-width spaces, BOM, soft hyphens)
    are removed. Single-line text has runs of spaces collapsed; multi-line text keeps its inner
    layout but loses trailing spaces on each line. The result is stripped. ``None`` gives
    ``""``.
    """
    if not text:
        return ""
    # NFC first so that NFC and NFD inputs are processed identically, and NFC again at the end
    # because removing a zero-width character may leave a base letter next to a combining mark.
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    if text.isprintable():
        # No control, format, surrogate, line-break or non-ASCII space character: the loop
        # below would keep every character, so skip it (imports clean every cell).
        return (text if multiline else _SPACE_RUN.sub(" ", text)).strip()
    out: list[str] = []
    for ch in text:
        if ch in _LINE_BREAKS:
            out.append("\n" if multiline else " ")
        elif ch == "\t":
            out.append("\t" if multiline else " ")
        else:
            category = unicodedata.category(ch)
            if category in ("Zs", "Cc"):
                out.append(" ")
            elif category not in _DROPPED_CATEGORIES:
                out.append(ch)
    result = "".join(out)
    if multiline:
        result = "\n".join(line.rstrip() for line in result.split("\n"))
    else:
        result = _SPACE_RUN.sub(" ", result)
    return unicodedata.normalize("NFC", result.strip())


# --------------------------------------------------------------------------------------------
# Diacritic-insensitive search
# --------------------------------------------------------------------------------------------


# đ has no decomposition, so removing combining marks does not turn it into d. ð (eth) is
# folded too: legacy TCVN3/VNI conversions sometimes produce "Ð" instead of "Đ".
class _FoldTable(dict[int, int | str | None]):
    """Code point → what :func:`fold` keeps of it: combining marks (Mn, Me) dropped, đ and ð
    made d, everything else kept. Filled as characters are met, so str.translate does the work
    in C (fold runs on every cell of an import and every row of a search). Only the scripts
    Vietnamese text is written in are remembered: a file full of other characters cannot
    grow the table without bound."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) in ("Mn", "Me") else code
        if code < 0x2100:
            self[code] = kept
        return kept


_FOLD_TABLE = _FoldTable({ord("đ"): "d", ord("ð"): "d"})


def fold(text: str | None) -> str:
    """Return ``text`` lower-cased without any diacritics, for searching (``Đặng`` → ``dang``)."""
    # casefold before NFD: a few case mappings produce combining marks that must go too.
    return unicodedata.normalize("NFD", clean(text).casefold()).translate(_FOLD_TABLE)


def exact_text(text: str | None) -> str:
    """``text`` lower-cased with its diacritics kept (NFC), for queries typed with diacritics."""
    return unicodedata.normalize("NFC", clean(text).casefold())


def _letter_variants() -> dict[str, str]:
    # Every lower-case Latin letter that folds to a plain one, grouped by that letter:
    # "a" → "aàáảãạăằắẳẵặâầấẩẫậ…", "d" → "dđð".
    groups: dict[str, list[str]] = {}
    for code in (*range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(code)
        if ch != ch.lower():
            continue
        base = fold(ch)
        if len(base) == 1 and "a" <= base <= "z":
            groups.setdefault(base, []).append(ch)
    return {base: "".join(chars) for base, chars in groups.items()}


_VARIANTS = _letter_variants()


def is_code(word: str) -> bool:
    """True for a typed word that can be part of a number or an address ("2197", "0912",
    "2197/QĐ-UBND", "an@…"): the only words that look at a row's codes (see
    :class:`SearchQuery`)."""
    return "@" in word or any(ch.isdigit() for ch in word)


class SearchQuery:
    """The words of a search box, matched the way a Vietnamese reader expects.

    A word typed without diacritics matches any spelling ("nguyen" finds Nguyễn, Nguyên and
    nguyên). A letter typed with its diacritics matches only that letter ("Nguyễn" finds
    Nguyễn, not "Tài nguyên" or "Hưng Nguyên"), while its plain letters still match any
    variant. Matching is against the two texts of a row, folded (:func:`fold`) and exact
    (:func:`exact_text`), computed once per row.

    A row may also have codes: decision numbers, phone numbers, e-mail addresses. Only a word
    holding a digit or an @ (:func:`is_code`) looks there too: "2197" finds the members of
    decision 2197/QĐ-UBND, while "UBND" still finds the UBND's people, not every member
    appointed by a QĐ-UBND (nor "nghean" everyone at @nghean.gov.vn).
    """

    def __init__(self, query: str | None) -> None:
        self.words = tuple(exact_text(query).split())
        self._plain: list[tuple[str, bool]] = []  # (word, is_code)
        self._marked: list[tuple[re.Pattern[str], bool]] = []
        for word in self.words:
            folded = fold(word)
            if folded == word:
                self._plain.append((word, is_code(word)))
            else:
                pattern = re.compile("".join(self._letter(ch) for ch in word))
                self._marked.append((pattern, is_code(word)))

    @staticmethod
    def _letter(ch: str) -> str:
        if fold(ch) == ch and ch in _VARIANTS:
            return f"[{_VARIANTS[ch]}]"
        return re.escape(ch)

    def __bool__(self) -> bool:
        return bool(self.words)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SearchQuery) and other.words == self.words

    def __hash__(self) -> int:
        return hash(self.words)

    @property
    def needs_exact(self) -> bool:
        """True when some word carries diacritics (the exact texts are needed)."""
        return bool(self._marked)

    @property
    def marked(self) -> tuple[tuple[re.Pattern[str], bool], ...]:
        """Each word typed with diacritics as the pattern the exact text must hold, and whether
        it is a code word (:func:`is_code`: the codes' exact text may hold it instead)."""
        return tuple(self._marked)

    def matches(
        self, folded: str, exact: str = "", codes_folded: str = "", codes_exact: str = ""
    ) -> bool:
        """``folded`` and ``exact`` are the row's :func:`fold` and :func:`exact_text`;
        ``codes_folded`` and ``codes_exact`` the same of its codes (or of its text and codes
        together), which only a code word looks at."""
        if not codes_folded and not codes_exact:
            return all(w in folded for w, _ in self._plain) and all(
                p.search(exact) for p, _ in self._marked
            )
        return all(
            w in folded or (code and w in codes_folded) for w, code in self._plain
        ) and all(
            p.search(exact) or (code and p.search(codes_exact)) for p, code in self._marked
        )

    def finds(self, *haystacks: str | None, codes: Iterable[str | None] = ()) -> bool:
        """True if every word occurs in the haystacks taken together (name, unit, position…),
        a code word (:func:`is_code`) also in ``codes`` (a decision number, a phone…)."""
        text = " ".join(h for h in haystacks if h)
        code_text = " ".join(c for c in codes if c)
        if not code_text:
            return self.matches(fold(text), exact_text(text))
        return self.matches(fold(text), exact_text(text), fold(code_text), exact_text(code_text))


@functools.lru_cache(maxsize=4096)  # a few hundred units, asked for each of 5,000 members
def unit_search_text(name: str | None, short_name: str | None) -> str:
    """What a search looks at for a unit: its name, its short name ("Sở KH&CN", "BHXH tỉnh")
    and that short name without its signs ("Sở KHCN"), as officers type it either way."""
    short = short_name or ""
    bare = _SIGNS.sub("", short)
    return " ".join(t for t in dict.fromkeys((name or "", short, bare)) if t)


def phone_search_text(phone: str | None) -> str:
    """A phone number as written ("0996 694 419") and as its digits alone ("0996694419")."""
    digits = "".join(filter(str.isdigit, phone or ""))
    return " ".join(t for t in dict.fromkeys((phone or "", digits)) if t)


def address_name(email: str | None) -> str:
    """The part of an e-mail address before the @ ("tien.vu"): searched as a name is (the
    whole address is a code, see :class:`SearchQuery`)."""
    return (email or "").partition("@")[0]


def matches(query: str | None, *haystacks: str | None) -> bool:
    """True if every word of ``query`` occurs in the haystacks (see :class:`SearchQuery`).

    Words may match inside any of the haystacks (e.g. name, unit, position), so "nguyen so"
    finds Nguyễn Văn An of Sở Thông tin. An empty query matches everything.
    """
    return SearchQuery(query).finds(*haystacks)


# --------------------------------------------------------------------------------------------
# Vietnamese collation
# --------------------------------------------------------------------------------------------

# The Vietnamese alphabet, with f j w z slotted in Latin order for foreign names.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Rank bands keep the classes apart: separators < punctuation < numbers < letters.
_PUNCT_BASE = 1
_DIGIT_BASE = 2_000_000
_LETTER_BASE = 3_000_000
_OTHER_LETTER_BASE = 4_000_000
_LETTER_RANK = {letter: _LETTER_BASE + i for i, letter in enumerate(_ALPHABET)}
# Marks that make a different letter (primary difference) rather than a tone.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tones in dictionary order: ngang (none) < huyền < hỏi < ngã < sắc < nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_VIKey = tuple[tuple[int, ...], tuple[tuple[int, tuple[int, ...]], ...], tuple[int, ...], str]


def _clusters(nfd: str) -> list[tuple[str, list[str]]]:
    """Split decomposed text into (base character, its combining marks)."""
    clusters: list[tuple[str, list[str]]] = []
    for ch in nfd:
        if clusters and unicodedata.category(ch).startswith("M"):
            clusters[-1][1].append(ch)
        else:
            clusters.append((ch, []))
    return clusters


def vi_key(text: str | None) -> _VIKey:
    """Sort key for Vietnamese dictionary order, identical for NFC and NFD input.

    Levels, compared in turn like ICU: (1) base letters, with ă â đ ê ô ơ ư distinct letters
    and digit runs compared as numbers ("Tổ 2" < "Tổ 10"); (2) the tone of each syllable, so
    ``ma < mà < mả < mã < má < mạ`` while ``mà < mac``; (3) case, lower first; (4) the cleaned
    text itself, only so that the order is total and does not depend on the input order.

    Letters are compared one by one (``ch`` sorts between ``ca`` and ``cu``), as in current
    dictionaries and in the secretariat's spreadsheets, not with digraphs as separate letters.
    The tone is taken per syllable, not per vowel, so the old and new tone placements
    (``hòa``/``hoà``) differ only at the last level.

    Computed word by word, each word's key kept (a roster of thousands of names has a few
    hundred distinct words, and lists sort by this on every load): a space only ends a
    syllable and counts as the lowest character, so the key of a text is its words' keys joined.
    """
    cleaned = clean(text)
    words = cleaned.split(" ")
    if any(not w or unicodedata.combining(w[0]) for w in words):
        return _vi_key(cleaned)  # empty, or a mark after a space: the whole text at once
    parts = [_word_key(w) for w in words]
    if len(parts) == 1:
        return parts[0]
    primary: tuple[int, ...] = parts[0][0]
    for p in parts[1:]:
        primary += (0, *p[0])
    secondary = tuple(x for p in parts for x in p[1])
    tertiary = tuple(x for p in parts for x in p[2])
    return primary, secondary, tertiary, cleaned


_KEYS_KEPT = 20_000  # words (and, below, names) whose keys are kept


@functools.lru_cache(maxsize=_KEYS_KEPT)
def _word_key(word: str) -> _VIKey:
    return _vi_key(word)


def _vi_key(cleaned: str) -> _VIKey:
    """:func:`vi_key` of text already cleaned."""
    clusters = _clusters(unicodedata.normalize("NFD", cleaned))
    primary: list[int] = []
    secondary: list[tuple[int, tuple[int, ...]]] = []
    tertiary: list[int] = []
    tone = 0
    other_marks: list[int] = []
    in_syllable = False

    def end_syllable() -> None:
        nonlocal tone, other_marks, in_syllable
        if in_syllable:
            secondary.append((tone, tuple(other_marks)))
        tone, other_marks, in_syllable = 0, [], False

    i = 0
    while i < len(clusters):
        base, marks = clusters[i]
        if unicodedata.decimal(base, None) is not None:
            end_syllable()
            j = i
            while j < len(clusters) and unicodedata.decimal(clusters[j][0], None) is not None:
                j += 1
            digits = [unicodedata.decimal(c[0]) for c in clusters[i:j]]
            while len(digits) > 1 and digits[0] == 0:
                digits.pop(0)
            # Length first makes shorter numbers sort first: numeric order without int().
            primary.append(_DIGIT_BASE + len(digits))
            primary.extend(_DIGIT_BASE + d for d in digits)
            i = j
            continue
        i += 1
        if not base.isalpha():
            end_syllable()
            primary.append(0 if base.isspace() else _PUNCT_BASE + ord(base))
            continue
        letter = base.lower()
        for mark in marks:
            modified = _LETTER_MARKS.get((letter, mark))
            if modified is not None:
                letter = modified
            elif mark in _TONE_RANK and not tone:
                tone = _TONE_RANK[mark]
            else:
                other_marks.append(ord(mark))
        in_syllable = True
        rank = _LETTER_RANK.get(letter)
        primary.append(rank if rank is not None else _OTHER_LETTER_BASE + ord(letter[0]))
        tertiary.append(1 if base != base.lower() else 0)
    end_syllable()
    return tuple(primary), tuple(secondary), tuple(tertiary), cleaned


def person_sort_key(full_name: str | None) -> tuple[_VIKey, _VIKey, _VIKey, _VIKey]:
    """Sort key for a Vietnamese full name: given name, then middle name(s), then family name.

    Each part is compared completely (letters, then tones, then case) before the next one,
    exactly like sorting the "Tên" column and then "Họ đệm" and "Họ" of a roster spreadsheet:
    every "Hoa" comes before every "Hòa" whatever the family names are. The first word is taken
    as the family name and the last as the given name; titles must not be part of ``full_name``.
    """
    return _person_key(full_name)


# Kept per name, like the words' keys: every list of people sorts by this on every load.
@functools.lru_cache(maxsize=_KEYS_KEPT)
def _person_key(full_name: str | None) -> tuple[_VIKey, _VIKey, _VIKey, _VIKey]:
    words = clean(full_name).split(" ")
    given = words[-1]
    middle = " ".join(words[1:-1])
    family = words[0] if len(words) > 1 else ""
    return vi_key(given), vi_key(middle), vi_key(family), vi_key(" ".join(words))


# --------------------------------------------------------------------------------------------
# Dates in administrative documents
# --------------------------------------------------------------------------------------------
# These strings go into official documents, which are always in Vietnamese, so they are not
# passed through tr() (an English CLI must still produce a valid Vietnamese invitation).


def date_text(d: date) -> str:
    """``ngày 05 tháng 02 năm 2026``: the form required for dates in administrative documents.

    Nghị định 30/2020/NĐ-CP: days below 10 and the months 1 and 2 take a leading zero (so that
    "tháng 1"/"tháng 2" cannot be extended to 11/12 by hand); other months do not.
    """
    return f"ngày {d.day:02d} tháng {_decree_month(d)} năm {d.year}"


def _decree_month(d: date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def decree_date(d: date) -> str:
    """``03/9/2026``, ``04/02/2026``: a date in figures as every document writes it, by the
    rule of :func:`date_text` (the minutes' "03/9/2026" beside the reminder's "04/06/2026"
    was two rules in one file of papers). The screens keep :func:`short_date`."""
    return f"{d.day:02d}/{_decree_month(d)}/{d.year}"


def place_date_line(place: str, d: date) -> str:
    """``Nghệ An, ngày 05 tháng 02 năm 2026`` (the line under the national motto)."""
    return f"{clean(place)}, {date_text(d)}"


def time_text(t: time) -> str:
    """``14 giờ 00 phút``; hours take two digits too (``08 giờ 30 phút``).

    The one way every document of the committee writes a time of day, the agenda's table
    included: the written-out form of the decree's own minutes template ("kết thúc vào … giờ
    …"), where ``14h00`` borrows the letter h for the unit."""
    return f"{t.hour:02d} giờ {t.minute:02d} phút"


def count_text(n: int) -> str:
    """``1.885``: a count as a Vietnamese document writes it, thousands grouped by a dot (the
    decimal mark is the comma); ``910`` below a thousand. Counts only: years, document numbers
    and row numbers are written without it."""
    return f"{n:,d}".replace(",", ".")


def rate_text(rate: float | None, nothing: str = "—") -> str:
    """``99,5%``: a share in 0..1 as the window and the documents both write it, one decimal
    after a Vietnamese comma (``80%``, not ``80,0%``), halves rounded up. Never ``100%`` while
    something is outstanding (1999 of 2000 is ``99,9%``), never ``0%`` once something is done;
    ``nothing`` when there is nothing to count (``None``)."""
    if rate is None:
        return nothing
    # A hair over the half: 57/2000 is 0.0285 exactly, but 28.499999999999996 tenths as a float.
    tenths = math.floor(rate * 1000 + 0.5 + 1e-9)
    if rate < 1 and tenths >= 1000:
        tenths = 999
    elif rate > 0 and tenths <= 0:
        tenths = 1
    whole, tenth = divmod(tenths, 10)
    return f"{whole},{tenth}%" if tenth else f"{whole}%"


def short_date(d: date) -> str:
    """``05/02/2026`` for tables and lists on screen (documents: :func:`decree_date`)."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"  # 0001, not 1: a slip shown as typed


def excerpt(value: object, limit: int = 80) -> str:
    """``value`` as text cut to its first ``limit`` characters (with "…"), for messages that
    echo what the user typed or a file held: a 100,000-character cell must not fill a screen."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[:limit] + "…"
