"""The running script's table: the documents' ruled table (:class:`.data_tables.DataTable`,
its header repeated on every page, each row kept whole) with rows of blank ruled lines across
the page, where the chair writes the conclusions by hand.

A ruled row stays on the page of the row above it (the step it belongs to, "Kết luận"): a page
that ended between them would leave the chair a heading with nowhere to write under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from bdcq_desktop.documents.blocks import Context
from bdcq_desktop.documents.data_tables import DataTable
from bdcq_desktop.documents.table_breaks import Carry

# A handwritten line needs about this much height.
LINE_SPACING_MM = 8.0


class RuledLines(Flowable):
    """``count`` dotted lines as wide as the room, ``spacing`` points apart, for handwriting."""

    def __init__(self, count: int, spacing: float = LINE_SPACING_MM * mm) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, self.count * self.spacing
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(0.4)
        # Dotted, as forms leave room to write: read as a place to fill, not as the table's rule.
        canvas.setDash(1, 2)
        for n in range(1, self.count + 1):
            y = self.height - n * self.spacing + 2
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


@dataclass(frozen=True)
class ScriptTable(DataTable):
    """A :class:`DataTable` whose ``ruled_rows`` (indices into ``rows``, empty rows) are each
    ``ruled_lines`` lines to write on, across every column, kept with the row above."""

    ruled_rows: tuple[int, ...] = ()
    ruled_lines: int = 8

    def _slice(self, start: int, stop: int, carry: Carry | None = None) -> ScriptTable:
        above = carry is not None
        ruled = tuple(r - start + above for r in self.ruled_rows if start <= r < stop)
        rows = [carry] * above + list(self.rows[start:stop])
        return replace(self, rows=rows, ruled_rows=ruled)

    def _table(self, ctx: Context, tall: Sequence[int] | None = None) -> Table:
        table = super()._table(ctx, tall)
        commands: list[tuple[object, ...]] = []
        for r in self.ruled_rows:
            cells = table._cellvalues[r + 1]  # under the header row
            cells[0] = RuledLines(self.ruled_lines)
            for c in range(1, len(cells)):
                cells[c] = ""
            commands.append(("SPAN", (0, r + 1), (-1, r + 1)))
            if r > 0:
                commands.append(("NOSPLIT", (0, r), (-1, r + 1)))
        if commands:
            table.setStyle(TableStyle(commands))
        return table
