"""Text rules shared by every official document: NFC, markup escaping, numbers, dates, wrapping.

Everything here is pure (no reportlab canvas), so the same functions format the strings the GUI
shows and the strings the PDF prints.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as _html_escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.i18n import tr
from bdcq_desktop.core.text import clean, exact_text, fold
from bdcq_desktop.core.wording import lower_first as _lower_first
from bdcq_desktop.documents import fonts

NBSP = "\u00a0"
CLOSING_MARK = "./."
MISSING_GLYPH = "\u25a1"  # □, in Times New Roman and Liberation Serif alike


@dataclass(frozen=True)
class Span:
    """A run of inline text with its own emphasis, e.g. a bold label inside a sentence."""

    text: str
    bold: bool = False
    italic: bool = False


# Plain text, or a sequence of runs that are concatenated (str runs are regular).
Text = str | Sequence[str | Span]


def nfc(text: str) -> str:
    """NFC-normalise ``text``.

    Text typed on macOS or with some Vietnamese input methods arrives decomposed (a base letter
    followed by combining marks). Drawn glyph by glyph, the marks then land beside the letter
    and the extracted text no longer matches a search, so everything is composed first.
    """
    return drawable(unicodedata.normalize("NFC", text))


def drawable(text: str) -> str:
    """``text`` with each character the document font has no glyph for (an emoji in Times New
    Roman) printed as a white square ``□``: drawn as is, it would print as nothing readable and
    come out of the PDF's text as a NUL. One character for one, so the layout is unchanged.
    Unchanged while no document font is registered."""
    if text.isascii() or fonts.active_font() is None:
        # Not registered yet (the settings are read before the fonts): asking reportlab for the
        # font would make it scan every Type 1 metrics file on the machine, a few hundred
        # milliseconds, only to fail.
        return text
    text = _with_bases(text)
    try:
        face = pdfmetrics.getFont(fonts.REGULAR).face
    except (KeyError, AttributeError):
        return text
    if _glyph_chars(face).issuperset(text):  # the common case, checked without a Python loop
        return text
    cmap = face.charToGlyph
    return "".join(c if ord(c) in cmap or c.isspace() else MISSING_GLYPH for c in text)


# The characters the registered regular face has a glyph for, with the face they belong to (a
# font registered again brings a new face). Built once: checking a paragraph character by
# character in Python cost more than drawing it.
_glyphs: tuple[object, frozenset[str]] | None = None


def _glyph_chars(face: object) -> frozenset[str]:
    global _glyphs
    cached = _glyphs
    if cached is None or cached[0] is not face:
        cached = (face, frozenset(map(chr, face.charToGlyph)))  # type: ignore[attr-defined]
        _glyphs = cached
    return cached[1]


_WORD_START = re.compile(r"(?:^|(?<=\s))\S")


def _with_bases(text: str) -> str:
    """A combining mark with no letter to sit on (at the start, or after a space) set on a
    no-break space, as Unicode shows such a mark. Alone, the mark is a word of no width, and
    reportlab then measures its line without the space before it: the line ran past the right
    margin by a space."""
    # Each distinct first letter asked about once (most texts have no mark to move).
    if not any(map(_is_mark, set(_WORD_START.findall(text)))):
        return text
    starts = [m.start() for m in _WORD_START.finditer(text) if _is_mark(m.group())]
    for i in reversed(starts):
        text = text[:i] + NBSP + text[i:]
    return text


@functools.lru_cache(maxsize=4096)
def _is_mark(char: str) -> bool:
    """Whether ``char`` is a combining mark (a character drawn on the letter before it)."""
    return bool(unicodedata.combining(char)) or unicodedata.category(char) in ("Mn", "Me", "Mc")


def escape(text: str) -> str:
    """NFC-normalise and escape ``text`` for reportlab's Paragraph mini-markup."""
    # html.escape rather than xml.sax.saxutils.escape (the same three replacements): the latter
    # imports urllib.request and http.client, a cost every export process paid for nothing.
    return _html_escape(nfc(text), quote=False)


def upper(text: str) -> str:
    """Vietnamese capitals (``đ`` → ``Đ``); composed first so no combining mark is orphaned."""
    return nfc(nfc(text).upper())


def to_markup(text: Text, *, keep_spaces: bool = False) -> str:
    """Paragraph markup for ``text``: escaped, NFC, spans wrapped in ``<b>``/``<i>``.

    Line breaks in the input become ``<br/>`` (Paragraph would otherwise fold them into spaces).
    ``keep_spaces`` turns runs of spaces into no-break spaces, for the blank left in a draft
    number, which Paragraph would otherwise collapse to one space.
    """
    runs: Sequence[str | Span] = [text] if isinstance(text, str) else text
    parts: list[str] = []
    for run in runs:
        raw = run if isinstance(run, str) else run.text
        piece = escape(raw)
        if keep_spaces:
            piece = re.sub(r" {2,}", lambda m: NBSP * len(m.group(0)), piece)
        piece = piece.replace("\r\n", "\n").replace("\n", "<br/>")
        if isinstance(run, Span):
            if run.italic:
                piece = f"<i>{piece}</i>"
            if run.bold:
                piece = f"<b>{piece}</b>"
        parts.append(piece)
    return "".join(parts)


def plain(text: Text) -> str:
    """The characters of ``text`` without emphasis (NFC)."""
    if isinstance(text, str):
        return nfc(text)
    return nfc("".join(run if isinstance(run, str) else run.text for run in text))


def with_closing_mark(text: str) -> str:
    """End ``text`` with the decree's ``./.``; a final full stop is absorbed.

    ``Trân trọng kính mời.`` → ``Trân trọng kính mời./.``
    """
    stripped = nfc(text).rstrip()
    if stripped.endswith(CLOSING_MARK):
        return stripped
    return stripped.rstrip(".") + CLOSING_MARK


def phone_text(phone: str) -> str:
    """A phone number kept on one line: its spaces non-breaking (``0922 118 646`` must not end
    one line with ``0922 118`` and start the next with ``646``, where it reads as two numbers)."""
    return re.sub(r"\s+", NBSP, nfc(phone).strip())


# --- number and symbol ------------------------------------------------------------------------

DRAFT_NUMBER_BLANK = " " * 6


def format_number(number: int | None) -> str:
    """``5`` → ``05`` (Article 15: numbers below 10 take a leading zero); ``None`` → blank."""
    if number is None:
        return DRAFT_NUMBER_BLANK
    if number < 1:
        raise ValidationError("number", tr("Số văn bản phải là số nguyên dương."))
    return f"{number:02d}"


def format_symbol(type_abbr: str, body_abbr: str) -> str:
    """``GM``, ``BCĐ`` → ``GM-BCĐ``."""
    type_abbr = nfc(type_abbr).strip()
    body_abbr = nfc(body_abbr).strip()
    if not type_abbr:
        raise ValidationError(
            "type_abbr",
            tr(
                "Chưa có chữ viết tắt tên loại văn bản: hãy ghi “Viết tắt tên loại” tại "
                "Tệp › Thiết lập…, thẻ “Văn bản”."
            ),
            label=tr("Viết tắt tên loại"),
        )
    if not body_abbr:
        raise ValidationError(
            "body_abbr",
            tr(
                "Chưa có chữ viết tắt tên cơ quan ban hành: hãy ghi “Chữ viết tắt” tại "
                "Tệp › Thiết lập…, thẻ “Tổ chức”."
            ),
            label=tr("Chữ viết tắt"),
        )
    return f"{type_abbr}-{body_abbr}"


def format_number_symbol(number: int | None, type_abbr: str, body_abbr: str) -> str:
    """``Số: 05/GM-BCĐ``; a draft (``None``) leaves the blank ``Số:      /GM-BCĐ``."""
    if number is None:
        return f"Số:{DRAFT_NUMBER_BLANK}/{format_symbol(type_abbr, body_abbr)}"
    return f"Số: {format_number(number)}/{format_symbol(type_abbr, body_abbr)}"


# --- dates ------------------------------------------------------------------------------------


def format_date(date: dt.date | None, *, draft_year: int | None = None) -> str:
    """``ngày 05 tháng 02 năm 2026``.

    The decree pads days 1–9 and only months 1 and 2 (``tháng 02``, but ``tháng 3``), because
    ``tháng 1``/``tháng 2`` could be altered into ``tháng 10``–``12`` on paper. ``None`` gives
    the blanks a draft leaves for the clerk (with the year when ``draft_year`` is known).
    """
    if date is None:
        year = str(draft_year) if draft_year else DRAFT_NUMBER_BLANK
        return f"ngày{DRAFT_NUMBER_BLANK}tháng{DRAFT_NUMBER_BLANK}năm {year}".rstrip()
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def format_place_date(place: str, date: dt.date | None, *, draft_year: int | None = None) -> str:
    """``Nghệ An, ngày 05 tháng 02 năm 2026``."""
    return f"{nfc(place).strip()}, {format_date(date, draft_year=draft_year)}"


# --- wrapping ---------------------------------------------------------------------------------


# Bodies written out or abbreviated in the same roster, one word each when compared: a unit
# entered under its official name ("Ủy ban nhân dân tỉnh Nghệ An") is named again by a position
# typed as rosters write it ("Chủ tịch UBND tỉnh").
_ABBREVIATED = {
    ("uy", "ban", "nhan", "dan"): "ubnd",
    ("hoi", "dong", "nhan", "dan"): "hdnd",
}


def _words(text: str) -> list[tuple[str, str]]:
    """``text``'s words as (compared form, as written), each body of :data:`_ABBREVIATED`
    one word, whichever way it is written."""
    written = text.split()
    folded = [fold(w) for w in written]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(folded):
        for long, short in _ABBREVIATED.items():
            if tuple(folded[i : i + len(long)]) == long:
                out.append((short, " ".join(written[i : i + len(long)])))
                i += len(long)
                break
        else:
            out.append((folded[i], written[i]))
            i += 1
    return out


def _find(said: list[str], words: list[str]) -> int:
    """Where ``words`` start inside ``said`` (-1 if they do not)."""
    n = len(words)
    return next((i for i in range(len(said) - n + 1) if said[i : i + n] == words), -1)


def position_and_unit(position: str, unit: str, short_name: str = "") -> str:
    """``Chuyên viên Phòng Công nghệ thông tin, Sở Thông tin và Truyền thông``.

    The unit is left out only when the position names it whole (``Giám đốc Sở Nội vụ`` of
    ``Sở Nội vụ``, ``Chánh Văn phòng UBND tỉnh`` of ``Văn phòng UBND tỉnh``). A position that
    ends with the start of the unit's name (two words or more, or the one word saying what kind
    of agency it is: ``Giám đốc Sở`` of ``Sở Nội vụ``) is completed with the rest of it:
    ``Chủ tịch UBND huyện`` of ``UBND huyện Kỳ Sơn`` prints ``Chủ tịch UBND huyện Kỳ Sơn``,
    never the bare ``Chủ tịch UBND huyện``, which would not say which district (or, since the
    2025 reform, which commune: ``UBND xã …``). A position ending with the unit's level of
    government is completed with the place (``Chủ tịch HĐND xã`` of ``UBND xã Yên Thành``:
    ``Chủ tịch HĐND xã Yên Thành``, the council being the commune's, not its committee's); see
    :func:`_level_completed`. Compared without case and diacritics: a unit
    typed twice rarely carries the same marks both times; and ``Ủy ban nhân dân`` is ``UBND``,
    ``Hội đồng nhân dân`` is ``HĐND``: a unit entered under its official name is the one the
    roster's ``Chủ tịch UBND tỉnh`` names (``Chủ tịch UBND tỉnh Nghệ An``, not ``Chủ tịch UBND
    tỉnh, Ủy ban nhân dân tỉnh Nghệ An``). A position that names the unit by its
    ``short_name`` (``Giám đốc Sở TT&TT`` of ``Sở Thông tin và Truyền thông``) names it too: the
    short name is written out as the unit's name, which a document states in full, less what
    the words before it already said (``Chủ tịch UBND TP Vinh`` of ``Ủy ban nhân dân thành phố
    Vinh``: ``Chủ tịch UBND thành phố Vinh``)."""
    position, unit, short_name = clean(position), clean(unit), clean(short_name)
    if not unit:
        return position
    if not position:
        return unit
    said, named = _words(position), _words(unit)
    keys, words = [k for k, _ in said], [k for k, _ in named]
    n = len(words)
    if _find(keys, words) >= 0:
        return position
    k = _overlap(said, named, len(said))
    if k:
        return _completed(said[: len(said) - k], said[len(said) - k :], named)
    short = [k for k, _ in _words(short_name)]
    at = _find(keys, short) if short and short != words else -1
    if at >= 0:
        # The words just before the short name may already say how the unit's name starts
        # ("UBND" before "TP Vinh" of "UBND thành phố Vinh"): only the rest is added.
        k = next((k for k in range(min(at, n - 1), 0, -1) if keys[at - k : at] == words[:k]), 0)
        after = [w for _, w in said[at + len(short) :]]
        return " ".join([_completed(said[: at - k], said[at - k : at], named), *after])
    return _level_completed(said, named) or f"{position}, {unit}"


# The one word that says what kind of agency a unit is, at the start of its name ("Sở Nội
# vụ"), and the levels of local government: a position ending with one ("Giám đốc Sở", "Phó
# Chủ tịch UBND") names the unit by it. Compared with their marks ("Trường" is not "trưởng").
_KINDS = frozenset(
    ("sở", "ban", "cục", "phòng", "viện", "đài", "báo", "hội", "trường", "ubnd", "hđnd")
)
_LEVELS = (
    ("thành", "phố"), ("thị", "xã"), ("thị", "trấn"), ("đặc", "khu"),
    ("tỉnh",), ("huyện",), ("quận",), ("xã",), ("phường",),
)
_BODIES = {"ubnd": "UBND", "hdnd": "HĐND"}


def _marked(words: list[tuple[str, str]]) -> tuple[str, ...]:
    """The written words lower-cased with their marks (a body of :data:`_ABBREVIATED` by its
    abbreviation, however written)."""
    return tuple(_BODIES[k].lower() if k in _BODIES else exact_text(w) for k, w in words)


def _overlap(said: list[tuple[str, str]], named: list[tuple[str, str]], end: int) -> int:
    """How many words of the position before ``end`` repeat the start of the unit's name: two
    or more, or one when it is the unit's kind or level (0 when none)."""
    keys, words = [k for k, _ in said[:end]], [k for k, _ in named]
    for k in range(min(len(words) - 1, len(keys)), 1, -1):
        if keys[-k:] == words[:k]:
            return k
    first = _marked(named[:1])
    one = end and len(words) > 1 and _marked(said[end - 1 : end]) == first
    return 1 if one and (first[0] in _KINDS or first in _LEVELS) else 0


def _completed(
    before: list[tuple[str, str]], overlap: list[tuple[str, str]], named: list[tuple[str, str]]
) -> str:
    """``before`` then the unit's name, its first ``len(overlap)`` words as the position wrote
    them where it abbreviates ("UBND") and as the unit spells them where only case or marks
    differ (its official name)."""
    k = len(overlap)
    said = [theirs if fold(ours) == fold(theirs) else ours
            for (_, ours), (_, theirs) in zip(overlap, named[:k], strict=True)]
    return " ".join([*(w for _, w in before), *said, *(w for _, w in named[k:])])


def _level_completed(said: list[tuple[str, str]], named: list[tuple[str, str]]) -> str:
    """A position ending with the level of government the unit's name states after its body
    (``xã`` of ``Ủy ban nhân dân xã Diễn Châu``) completed with the place: ``Chủ tịch HĐND xã
    Yên Thành``, ``Trưởng Công an xã Yên Thành``. A bare ``Chủ tịch xã`` (``Phó Chủ tịch
    xã``) of the committee or the council is that body's chair, and is printed as official
    documents and the demo's roster title them, ``Chủ tịch UBND xã Diễn Châu``. "" when the
    position does not end so."""
    ours, theirs = _marked(said), _marked(named)
    for level in _LEVELS:
        m = len(level)
        if ours[-m:] != level:
            continue
        at = next((i for i in range(1, len(theirs) - m) if theirs[i : i + m] == level), -1)
        if at < 0:
            continue
        before = [w for _, w in said[:-m]]
        body = [k for k, _ in named[:at]]
        if ours[-m - 2 : -m] == ("chủ", "tịch") and len(body) == 1 and body[0] in _BODIES:
            before.append(_BODIES[body[0]])
        return " ".join([*before, *(w for _, w in said[-m:]), *(w for _, w in named[at + m :])])
    return ""


def lower_first(text: str) -> str:
    """``Xây dựng dự thảo…`` → ``xây dựng dự thảo…`` for use mid-sentence (the core's rule,
    :func:`bdcq_desktop.core.wording.lower_first`), drawable in the document font."""
    return nfc(_lower_first(text))


def text_width(text: str, font: str, size: float) -> float:
    """Advance width of ``text`` in points, as reportlab will draw it."""
    return stringWidth(nfc(text), font, size)


def balanced_lines(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Break ``text`` into as few lines as fit ``max_width``, making them as even as possible.

    Header names such as ``BAN CHỈ ĐẠO XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ`` look right as two similar
    lines (``BAN CHỈ ĐẠO XÂY DỰNG`` / ``CHÍNH QUYỀN ĐIỆN TỬ``), not as a full line and a stub,
    which is what greedy filling gives. Explicit line breaks in ``text`` are kept. A single word
    wider than ``max_width`` stays on its own line (the Paragraph then splits it).
    """
    lines: list[str] = []
    for segment in nfc(text).splitlines() or [""]:
        lines.extend(_balance_segment(segment.split(), font, size, max_width))
    return lines


def _balance_segment(words: list[str], font: str, size: float, max_width: float) -> list[str]:
    if not words:
        return [""]
    n = len(words)
    widths = [stringWidth(word, font, size) for word in words]
    space = stringWidth(" ", font, size)

    def width(a: int, b: int) -> float:  # words[a:b] on one line
        return sum(widths[a:b]) + space * (b - a - 1)

    def fits(a: int, b: int) -> bool:
        return b - a == 1 or width(a, b) <= max_width + 1e-6

    # Fewest lines: greedy filling is optimal for the count.
    count, start = 0, 0
    while start < n:
        end = start + 1
        while end < n and fits(start, end + 1):
            end += 1
        count, start = count + 1, end
    if count == 1:
        return [" ".join(words)]

    # Among breaks into exactly ``count`` lines, minimise the widest line (n is small: a name).
    inf = float("inf")
    best = [[inf] * (count + 1) for _ in range(n + 1)]
    choice = [[0] * (count + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for end in range(1, n + 1):
        for k in range(1, count + 1):
            for start in range(k - 1, end):
                if best[start][k - 1] == inf or not fits(start, end):
                    continue
                worst = max(best[start][k - 1], width(start, end))
                if worst < best[end][k] - 1e-9:
                    best[end][k], choice[end][k] = worst, start
    lines: list[str] = []
    end, k = n, count
    while k > 0:
        start = choice[end][k]
        lines.append(" ".join(words[start:end]))
        end, k = start, k - 1
    return lines[::-1]
