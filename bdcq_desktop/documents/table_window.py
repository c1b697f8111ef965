"""A long table laid out a window of rows at a time (:class:`TableWindow`).

reportlab splits a table page by page, and each split builds the rest as a new table of all the
remaining rows, whose spans and unsplittable ranges it then computes again: a table of 6,000
rows (a decade's tasks) spent most of its 15 s in that, time growing with the square of its
length. A window holds only the rows from where the last page ended to a little past the foot
of this one, so a page costs the same at row 10 and at row 6,000.

The pages are the same as the whole table's. A window always reaches past the foot of the page
it is laid out on (past the hair more than its room that a frame still takes as fitting), and
reportlab chooses where a page ends from the rows above the foot (a group heading kept with the
row after it, a heading that would end the page moved on). Only tables whose header repeats on
every page are laid out this way.

A row taller than a page (:mod:`.table_breaks`) may end a page part-way: what is left of it is
carried (:class:`~.table_breaks.Carry`) to the top of the next window, which is built of it and
the rows after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab import rl_config
from reportlab.platypus import Flowable, Table
from reportlab.platypus.doctemplate import LayoutError, _FrameBreak

from bdcq_desktop.documents.table_breaks import Carry

# Tables with fewer rows are laid out whole: their splits cost little.
MIN_ROWS = 200
# The first window's rows; later windows hold twice the rows the last page took. A window too
# short for the room left grows until it overflows it.
FIRST_WINDOW = 80
LEAST_WINDOW = 20


class TableWindow(Flowable):
    """Rows ``start`` onward of a table of ``count`` data rows under one header row repeated on
    every page, of which ``build(a, b, carry)`` makes the table of rows ``a`` to ``b``, below
    ``carry`` (what is left of the row before ``a``) if given."""

    def __init__(
        self,
        build: Callable[[int, int, Carry | None], Table],
        count: int,
        start: int = 0,
        window: int = FIRST_WINDOW,
        carry: Carry | None = None,
    ) -> None:
        super().__init__()
        self.build = build
        self.count = count
        self.start = start
        self.carry = carry
        # Made now: the frame asks for the table's spacing before it wraps it.
        self._stop = min(count, start + max(window, 1))
        self._table: Table = build(start, self._stop, carry)

    @property
    def whole(self) -> bool:
        """Whether the window reaches the table's last row."""
        return self._stop >= self.count

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = self._table.wrap(availWidth, availHeight)
        # Not taller than the room (a frame takes up to a hair more, rl_config._FUZZ, as
        # fitting): the rows the page ends at may lie past the window, which grows.
        while height <= availHeight + rl_config._FUZZ and not self.whole:
            self._stop = min(self.count, 2 * self._stop - self.start)
            self._table = self.build(self.start, self._stop, self.carry)
            width, height = self._table.wrap(availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        parts = self._table.split(availWidth, availHeight)
        if self.whole or not parts:  # the last rows, or nothing here: the next page
            return parts
        # Anything but this page's rows, a page break and the window's rest would leave the
        # rows after the window out.
        if len(parts) != 3 or not isinstance(parts[1], _FrameBreak):
            raise LayoutError(f"{self.identity()}: a window split other than between its rows")
        first, rest = parts[0], parts[-1]
        held = (self.carry is not None) + self._stop - self.start  # rows, under the header
        taken = len(first._cellvalues) - 1
        left = len(rest._cellvalues) - 1
        if taken + left == held:  # between two rows
            carry = None
        elif taken + left == held + 1:  # in the page's last row, which goes on at the next top
            carry = Carry(tuple(tuple(cell) for cell in rest._cellvalues[1]))
        else:
            raise LayoutError(f"{self.identity()}: a window split into {taken} and {left} rows")
        # The window's first row not taken whole: a carried row counts as one of those taken.
        start = self.start + taken - (self.carry is not None)
        # A page taken by one row alone was one of a row taller than a page, which may well
        # take the next too: a short window then, grown if it does not.
        window = 2 * taken if taken == 1 else max(LEAST_WINDOW, 2 * taken)
        rest = TableWindow(self.build, self.count, start, window, carry)
        return [first, parts[1], rest]

    def getSpaceBefore(self) -> float:
        return self._table.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self._table.getSpaceAfter()

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # Only a window that reaches the last row may be drawn whole: any other is taller
        # than its room, and split. Drawn, it would leave the rows after it out.
        if not self.whole:
            raise LayoutError(f"{self.identity()}: a window drawn before the table's end")
        self._table.drawOn(canvas, x, y, _sW)
