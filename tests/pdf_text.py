"""A PDF read back as the tests of its wording compare it. ``pdf`` is the file's bytes (a draft)
or its path (an export).

- :func:`page_texts`: each page's text in lines, exactly as pdfplumber's ``extract_text()``
  reads it (lines found by the characters' tops, 3 pt apart or less; words split where a
  character is blank or stands more than 3 pt after the last), but each character and its box
  read by pdfium, in C. pdfplumber parses the whole page in Python first: about eight times
  the time, and that was about a fifth of the suite's. ``tests/test_pdf_text.py`` holds the
  two readings equal over every kind of document.
- :func:`flat_text`: the text of all pages with every run of whitespace made one space (a line
  break may fall anywhere in a sentence).

Tables: tests/pdf_tables.py.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# pdfplumber's defaults for extract_text(), in points.
X_TOLERANCE = 3
Y_TOLERANCE = 3

# (text, left, right, top, bottom), measured down from the page's head
Char = tuple[str, float, float, float, float]


def chars_of(page: pdfium.PdfPage) -> list[Char]:
    """The characters the page prints (not the spaces and breaks pdfium adds), each with the
    box pdfplumber gives it: from the pen's position across the glyph's advance (pdfium's
    "loose" box), and up from the font's descent by the font's size."""
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        box = pdfium_c.FS_RECTF()
        chars: list[Char] = []
        for i in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(textpage.raw, i):
                continue
            pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, i, ctypes.byref(box))
            text = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
            bottom = height - box.bottom
            chars.append((text, box.left, box.right, bottom - size, bottom))
        return chars
    finally:
        textpage.close()


def clusters(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Each value's cluster, numbered from the smallest: sorted values join the cluster of the
    one before when at most ``tolerance`` above it (pdfplumber's cluster_list)."""
    numbers: dict[float, int] = {}
    number, last = -1, float("-inf")
    for value in sorted(set(values)):
        if value > last + tolerance:
            number += 1
        numbers[value] = number
        last = value
    return numbers


def _words(chars: list[Char]) -> list[list[Char]]:
    """The words, line by line from the top, each line's from the left."""
    lines: dict[int, list[Char]] = {}
    line_of = clusters((c[3] for c in chars), Y_TOLERANCE)
    for c in chars:
        lines.setdefault(line_of[c[3]], []).append(c)
    words: list[list[Char]] = []
    for number in sorted(lines):
        word: list[Char] = []
        for c in sorted(lines[number], key=lambda c: c[1]):
            if c[0].isspace():
                if word:
                    words.append(word)
                word = []
                continue
            if word:
                last = word[-1]
                apart = c[1] < last[1] or c[1] > last[2] + X_TOLERANCE
                if apart or abs(c[3] - last[3]) > Y_TOLERANCE:
                    words.append(word)
                    word = []
            word.append(c)
        if word:
            words.append(word)
    return words


def lines_of(chars: list[Char]) -> str:
    """The characters' text in lines, as pdfplumber's ``extract_text()`` gives it."""
    words = _words(chars)
    tops = [min(c[3] for c in w) for w in words]
    line_of = clusters(tops, Y_TOLERANCE)  # the words' lines, as pdfplumber makes them again
    lines: dict[int, list[str]] = {}
    for word, top in zip(words, tops, strict=True):
        lines.setdefault(line_of[top], []).append("".join(c[0] for c in word))
    return "\n".join(" ".join(lines[n]) for n in sorted(lines))


def page_texts(pdf: bytes | Path) -> list[str]:
    """Each page's text, its lines as pdfplumber's ``page.extract_text()`` gives them."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [lines_of(chars_of(page)) for page in doc]
    finally:
        doc.close()


def flat_text(pdf: bytes | Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page_texts(pdf)))
