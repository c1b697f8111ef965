"""Column widths fitted to a table's text (``DataTable(fit=True)``): the room goes where it
makes the table shortest.

Each column starts at its floor: its longest word (no word is broken), and not under three
quarters of the width the table declares for it unless its text needs less; a column of names
(``Column.whole``) all its text on one line. Then, a step at a
time, the room left goes to the column whose widening takes the most lines off the table's rows
for the room it takes (a row is as tall as its tallest cell: widening a short cell next to a
tall one gains nothing). No column grows past its text on one line; what is left when no
widening shortens a row is shared out among the columns still short of that, else by width.

Lines are counted as Paragraph breaks them (words filled onto a line, a typed line break kept),
from the fonts' metrics: no text is laid out, so fitting a table of hundreds of rows is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.text import Text, nfc

PADDING = 6.0  # a cell's left and right padding (data_tables: 3 + 3)
SLACK = 2.0  # a hair more, so that a text measured to fit is not wrapped by rounding
FLOOR_SHARE = 0.75  # of its declared width, the least a column with longer text keeps
STEPS = 120  # the room is handed out in steps of the text width / STEPS


def _plain(value: Text | None) -> str:
    if not value:
        return ""
    return nfc(value if isinstance(value, str) else "".join(run.text for run in value))


@cache
def _word(word: str, font: str, size: float) -> float:
    return stringWidth(word, font, size)


class _Cell:
    """A cell's words, line by line as typed, measured once; its line count at a width."""

    def __init__(self, text: str, font: str, size: float) -> None:
        self.space = _word(" ", font, size)
        self.lines = [[_word(w, font, size) for w in line.split()] for line in text.split("\n")]

    @property
    def widest_word(self) -> float:
        return max((w for line in self.lines for w in line), default=0.0)

    @property
    def natural(self) -> float:
        return max(
            (sum(line) + self.space * (len(line) - 1) for line in self.lines if line), default=0.0
        )

    def count(self, width: float) -> int:
        n = 0
        for line in self.lines:
            n += 1
            used = -1.0
            for w in line:
                if used >= 0 and used + self.space + w > width:
                    n, used = n + 1, w
                else:
                    used = w if used < 0 else used + self.space + w
        return n


def fitted_widths(
    declared: Sequence[float],
    titles: Sequence[Text],
    whole: Sequence[bool],
    rows: Sequence[Sequence[Text | None]],
    total: float,
    size: float,
) -> list[float]:
    """The widths (points, adding up to ``total``) of columns of ``declared`` fractions under
    ``titles``, fitted to ``rows`` at ``size`` points; a ``whole`` column's floor is its text
    on one line (its longest word when that leaves no room). The declared widths, scaled, when
    even the columns' longest words do not fit side by side."""
    scale = total / sum(declared)
    fallback = [f * scale for f in declared]
    cols = [
        [_Cell(_plain(title), fonts.BOLD, size)]
        + [_Cell(_plain(row[c]), fonts.REGULAR, size) for row in rows]
        for c, title in enumerate(titles)
    ]
    words = [max(cell.widest_word for cell in col) + PADDING + SLACK for col in cols]
    natural = [max(cell.natural for cell in col) + PADDING + SLACK for col in cols]
    widths = [
        max(word, min(nat, share * FLOOR_SHARE))
        for word, nat, share in zip(words, natural, fallback, strict=True)
    ]
    if sum(widths) > total:
        return fallback
    for c, nat in enumerate(natural):
        if whole[c] and sum(widths) - widths[c] + nat <= total:
            widths[c] = max(widths[c], nat)
    spare = total - sum(widths)
    step = total / STEPS

    @cache
    def lines(c: int, width: float) -> tuple[int, ...]:
        return tuple(cell.count(width - PADDING) for cell in cols[c])

    current = [lines(c, w) for c, w in enumerate(widths)]
    while spare >= step:
        best: tuple[float, int, float] | None = None  # lines saved a point, column, widening
        for c, w in enumerate(widths):
            rest = [cur for k, cur in enumerate(current) if k != c]
            others = [max((cur[r] for cur in rest), default=1) for r in range(len(cols[c]))]
            now = sum(max(o, n) for o, n in zip(others, current[c], strict=True))
            d = step
            while d <= spare and w + d <= natural[c] + step:
                after = sum(max(o, n) for o, n in zip(others, lines(c, w + d), strict=True))
                if after < now:
                    gain = (now - after) / d
                    if best is None or gain > best[0]:
                        best = (gain, c, d)
                    break
                d += step
        if best is None:
            break
        _, c, d = best
        widths[c] += d
        spare -= d
        current[c] = lines(c, widths[c])
    short = [max(0.0, nat - w) for nat, w in zip(natural, widths, strict=True)]
    share = short if sum(short) > 0 else widths
    return [w + spare * s / sum(share) for w, s in zip(widths, share, strict=True)]


def floored_widths(
    declared: Sequence[float],
    unbroken: Sequence[bool],
    rows: Sequence[Sequence[Text | None]],
    total: float,
    size: float,
) -> list[float]:
    """The declared widths (points, adding up to ``total``), but each ``unbroken`` column at
    least as wide as its longest word at ``size`` points, the room taken from the other columns
    in proportion to their width: a date ("02/10/2026)") wider than its column would otherwise
    be cut in the middle by reportlab ("02/10/" over "2026)"). The declared widths when they
    hold every such word already (the usual case: a table's columns the same from unit to
    unit), or when the floors leave the other columns no room."""
    scale = total / sum(declared)
    widths = [f * scale for f in declared]
    floors = [
        max((_Cell(_plain(row[c]), fonts.REGULAR, size).widest_word for row in rows), default=0.0)
        + PADDING
        + SLACK
        if keep
        else 0.0
        for c, keep in enumerate(unbroken)
    ]
    need = sum(max(0.0, f - w) for f, w in zip(floors, widths, strict=True))
    if need == 0:
        return widths
    others = sum(w for w, keep in zip(widths, unbroken, strict=True) if not keep)
    if need >= others / 2:  # the other columns squeezed to nothing: the dates would not help
        return widths
    return [
        max(w, f) if keep else w * (1 - need / others)
        for w, f, keep in zip(widths, floors, unbroken, strict=True)
    ]
