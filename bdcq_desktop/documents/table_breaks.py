"""How the documents' tables break across pages (:class:`RowTable`).

Rows stay whole, as the decree's tables are printed, and a group's heading row never ends a
page. A row taller than a page (a task of 10,000 characters) is the exception: it is split
where the page ends, its long cells laid out as short paragraphs stacked (:func:`chunks`).

reportlab, left alone, printed such a row badly: it first split the table between rows, so the
tall row moved to the next part, which it then split into the rest of the same page, with the
header repeated there, mid-page; and it drew no rule where a split row ends at the foot of a
page, nor under the header above its continuation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Table
from reportlab.platypus.doctemplate import FrameBreak

from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.paragraph import Paragraph
from bdcq_desktop.documents.text import NBSP, Span, Text

# A cell of a row taller than a page is laid out as paragraphs of at most this many lines
# (line breaks of its text) and characters each.
CHUNK_LINES = 30
CHUNK_CHARS = 1500
# The least room, in points, in which a tall row starts at the foot of a page (about two lines
# of a cell); with less, it starts on the next page.
MIN_ROOM = 30.0
# A cell's padding, in points (the documents' tables all have it): left and right, top and
# bottom.
CELL_PADDING_X = 6.0
CELL_PADDING_Y = 5.0


def chunks(value: Text) -> list[Text]:
    """``value`` cut at its line breaks into pieces of at most ``CHUNK_LINES`` lines and about
    ``CHUNK_CHARS`` characters, which stacked one under the other read as the whole: an empty
    line becomes a no-break space (a paragraph drops an empty last line)."""
    runs = [value] if isinstance(value, str) else list(value)
    lines: list[list[str | Span]] = [[]]
    for run in runs:
        raw = run if isinstance(run, str) else run.text
        for i, part in enumerate(raw.replace("\r\n", "\n").split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append(part if isinstance(run, str) else replace(run, text=part))
    pieces: list[Text] = []
    current: list[str | Span] = []
    count = size = 0
    for line in lines:
        if count and (count >= CHUNK_LINES or size >= CHUNK_CHARS):
            pieces.append(current)
            current, count, size = [], 0, 0
        if count:
            current.append("\n")
        current.extend(line or [NBSP])
        count += 1
        size += sum(len(r if isinstance(r, str) else r.text) for r in line)
    pieces.append(current)
    return pieces


@dataclass(frozen=True)
class Carry:
    """What is left of a row taller than a page at the foot of one: its cells' flowables, the
    first row of the next page's table (:mod:`.table_window` builds a table for each page)."""

    cells: tuple[tuple[Flowable, ...], ...]


@cache
def _widest_glyph(faces: tuple[Any, ...]) -> float:
    """The widest advance of any glyph of these fonts (reportlab's), in ems: one it does not
    list is drawn at its default width."""
    widest = 1.0
    for font in faces:
        face = getattr(font, "face", None)
        widths = getattr(face, "charWidths", None) or {}
        default = getattr(face, "defaultWidth", 0) or 0
        widest = max(widest, max(widths.values(), default=0) / 1000, default / 1000)
    return widest


def may_be_taller(
    row: Sequence[Text | None], widths: Sequence[float], size: float, leading: float, room: float
) -> bool:
    """Whether a row of ``widths`` columns might be taller than ``room`` points (padding
    included), with no text laid out: a bound only, what :func:`row_height` then measures.

    A line breaker that fills each line starts a new one only for a word that did not fit on
    the last, so any two lines one after the other hold together more than the column's
    width, less a space. A cell's text, at most the widest glyph wide a character, takes at
    most twice that width's worth of lines, and one more for each line typed in it. The
    length of a row's text is no bound: 1,300 characters fill a page in a narrow column.
    """
    # The fonts as registered now: the same names may stand for Times New Roman or the
    # bundled Liberation Serif.
    names = (fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC)
    em = _widest_glyph(tuple(pdfmetrics.getFont(n) for n in names)) * size
    lines_room = (room - CELL_PADDING_Y) / leading
    for value, width in zip(row, widths, strict=False):
        if not value:
            continue
        runs = [value] if isinstance(value, str) else value
        chars = breaks = 0
        for run in runs:
            raw = run if isinstance(run, str) else run.text
            chars += len(raw)
            breaks += raw.count("\n")
        line = max(width - CELL_PADDING_X - size / 2, 1.0)  # less a space
        if 2 * chars * em / line + breaks + 1 >= lines_room:
            return True
    return False


def _content_height(cells: Sequence[Any], widths: Sequence[float], room: float) -> float:
    """The tallest cell of a row laid out in ``widths``: a flowable, the flowables of a tall
    row's cell (a list), or text that is no flowable (an empty cell)."""
    tallest = 0.0
    for cell, width in zip(cells, widths, strict=False):
        parts = cell if isinstance(cell, list) else [cell]
        size = sum(
            p.wrap(width - CELL_PADDING_X, room)[1] for p in parts if isinstance(p, Flowable)
        )
        tallest = max(tallest, size)
    return tallest


def row_height(cells: Sequence[Any], widths: Sequence[float], room: float) -> float:
    """The height of a row of ``cells`` laid out in ``widths``, padding included."""
    return _content_height(cells, widths, room) + CELL_PADDING_Y


def fits_a_page(table: Table, row: int, height: float) -> bool:
    """Whether ``row`` is shorter than ``height``: a heading kept with a row longer than a page
    could never be laid out (the row itself may split across pages)."""
    if row >= len(table._cellvalues):
        return True
    return _content_height(table._cellvalues[row], table._colWidths, height) < height


def rule_split_rows(width: float, colour: str) -> list[tuple[Any, ...]]:
    """Style commands for the rules reportlab leaves out around a row split across pages:
    under its first part at the foot of the page, and above its continuation (under the
    header repeated on the next page)."""
    return [
        ("LINEBELOW", (0, "inrowsplitstart"), (-1, "inrowsplitstart"), width, colour),
        ("LINEABOVE", (0, "inrowsplitend"), (-1, "inrowsplitend"), width, colour),
    ]


class HeadingCell(Paragraph):
    """The first cell of a group's heading row: the row is never the last of a page."""


class TallCellPart(Paragraph):
    """A piece of a cell of a row taller than a page (:func:`chunks`), which marks the row."""


def _holds(cell: Any, kind: type) -> bool:
    """Whether a table cell is, or holds, a ``kind``: reportlab keeps each cell as given
    until it sizes the table, then as a tuple of its flowables."""
    items = cell if isinstance(cell, (list, tuple)) else (cell,)
    return any(isinstance(item, kind) for item in items)


class RowTable(Table):
    """reportlab's ``Table``, whose rows taller than a page (cells given as lists of
    flowables, see :func:`chunks`; set ``splitInRow``) continue where the page ends, whose
    group headings (:class:`HeadingCell`) never end a page, and whose rest after a split always
    begins on the next page."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = []
        if self.splitInRow and self.splitByRow and self._tall_row_starts_here(
            availWidth, availHeight
        ):
            # Split inside the tall row, here: reportlab would first try between the rows.
            self.splitByRow = 0
            try:
                parts = super().split(availWidth, availHeight)
            finally:
                self.splitByRow = 1
            for part in parts:
                part.splitByRow = 1
        if not parts:
            parts = self._between_rows(availWidth, availHeight)
            last = len(parts[0]._cellvalues) - 1 if len(parts) == 2 else -1
            if last > 0 and _holds(self._cellvalues[last][0], HeadingCell):
                # A heading left at the foot of the page: it goes on with its rows.
                parts = self._between_rows(availWidth, sum(self._rowHeights[:last]) + 0.01)
        if len(parts) == 2:
            # The rest begins on the next page, never in what is left of this one (where
            # reportlab would split it again, its header repeated mid-page).
            return [parts[0], FrameBreak(), parts[1]]
        return parts

    def _between_rows(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """reportlab's split between two rows, or none (the table then goes to the next
        page): never inside a row that is not tall, which reportlab would try next when a
        table has a tall row somewhere."""
        split_in_row = self.splitInRow
        self.splitInRow = 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = split_in_row
        for part in parts:  # the rest may hold the tall row
            part.splitInRow = split_in_row
        return parts

    def _tall_row_starts_here(self, availWidth: float, availHeight: float) -> bool:
        """Whether the first row that does not fit in ``availHeight`` is a tall row (not the
        header), with room here to start it."""
        self.wrap(availWidth, availHeight)
        used = 0.0
        for row, height in enumerate(self._rowHeights):
            if used + height > availHeight:
                tall = any(_holds(cell, TallCellPart) for cell in self._cellvalues[row])
                repeat = self.repeatRows
                header = repeat if isinstance(repeat, int) else max(repeat) + 1
                return row >= header and tall and availHeight - used >= MIN_ROOM
            used += height
        return False
