"""The documents' ruled tables: :class:`DataTable` (a header repeated on every page, cells that
wrap) and :class:`GroupedTable` (rows under numbered group headings).

A row taller than a page continues on the next (:mod:`.table_breaks`); a table of hundreds of
rows is laid out a window of rows at a time (:mod:`.table_window`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from bdcq_desktop.documents import fonts, table_window
from bdcq_desktop.documents.blocks import _ALIGN, Align, Block, Context
from bdcq_desktop.documents.page import derive as _derive
from bdcq_desktop.documents.paragraph import Paragraph
from bdcq_desktop.documents.table_breaks import (
    Carry,
    HeadingCell,
    RowTable,
    TallCellPart,
    chunks,
    fits_a_page,
    may_be_taller,
    row_height,
    rule_split_rows,
)
from bdcq_desktop.documents.table_fit import fitted_widths, floored_widths
from bdcq_desktop.documents.text import Text, to_markup


@dataclass(frozen=True)
class Column:
    """A table column: header text, width as a fraction of the text width, cell alignment;
    ``whole``: in a fitted table (``DataTable.fit``) its cells are not wrapped if the table
    can help it (a person's name); ``unbroken``: the column is never narrower than its longest
    word (a date, which a narrower column would cut in the middle: "02/10/" over "2026)")."""

    title: str
    width: float
    align: Align = "left"
    whole: bool = False
    unbroken: bool = False


class _MinHeight(Flowable):
    """Wraps a cell so that its row is at least ``min_height`` tall (hand-signing space)."""

    def __init__(self, inner: Flowable, min_height: float) -> None:
        super().__init__()
        self.inner = inner
        self.min_height = min_height
        self._inner_h = 0.0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        w, h = self.inner.wrap(aW, aH)
        self._inner_h = h
        self.width, self.height = w, max(h, self.min_height)
        return self.width, self.height

    def draw(self) -> None:
        # Vertically centred in the reserved height: the name sits mid-row next to the signature.
        self.inner.drawOn(self.canv, 0, (self.height - self._inner_h) / 2)


@dataclass(frozen=True)
class DataTable(Block):
    """A ruled table with a bold header row repeated on every page; cells wrap long text.

    ``rows`` hold ``Text`` (``None`` for an empty cell). ``font_size`` defaults to one point
    below the body size. ``min_row_height_mm`` reserves room, e.g. for a signature column.
    """

    columns: Sequence[Column]
    rows: Sequence[Sequence[Text | None]]
    font_size: float | None = None
    min_row_height_mm: float | None = None
    valign: Literal["top", "middle"] = "middle"
    repeat_header: bool = True
    space_after_pt: float = 6.0
    # The columns' widths fitted to their text, the declared ones a guide (:mod:`.table_fit`).
    fit: bool = False

    def column_widths(self, total: float) -> list[float]:
        fractions = [c.width for c in self.columns]
        if not fractions or any(f <= 0 for f in fractions):
            raise ValueError("column widths must be positive fractions")
        scale = total / sum(fractions)  # fractions need not add up to exactly 1
        return [f * scale for f in fractions]

    def fitted(self, ctx: Context) -> DataTable:
        """This table with its columns' widths fitted to its text (:mod:`.table_fit`), all of
        its rows measured at once: every page's columns the same. Without ``fit``, the
        declared widths with each ``unbroken`` column widened to its longest word."""
        if not (self.fit or self._floored):
            return self
        rows = [r for r in self.rows if not isinstance(r, Carry)]
        size = self.font_size or ctx.styles.cell.fontSize
        declared = [c.width for c in self.columns]
        if self.fit:
            titles, whole = [c.title for c in self.columns], [c.whole for c in self.columns]
            widths = fitted_widths(declared, titles, whole, rows, ctx.frame_width, size)
        else:
            unbroken = [c.unbroken for c in self.columns]
            widths = floored_widths(declared, unbroken, rows, ctx.frame_width, size)
        columns = [
            replace(c, width=w, unbroken=False) for c, w in zip(self.columns, widths, strict=True)
        ]
        return replace(self, columns=columns, fit=False)

    @property
    def _floored(self) -> bool:
        return any(c.unbroken for c in self.columns)

    def flowables(self, ctx: Context) -> list[Flowable]:
        if self.fit or self._floored:
            return self.fitted(ctx).flowables(ctx)
        if len(self.rows) < table_window.MIN_ROWS or not self.repeat_header:
            return [self._table(ctx)]
        tall = self.tall_rows(ctx)

        def window(start: int, stop: int, carry: Carry | None) -> Table:
            above = carry is not None  # the carried row: the window's first, split or not
            inside = [r - start + above for r in tall if start <= r < stop]
            return self._slice(start, stop, carry)._table(ctx, [0] * above + inside)

        # A long table, laid out a window of rows at a time (its header repeated on every page).
        return [table_window.TableWindow(window, len(self.rows))]

    def _slice(self, start: int, stop: int, carry: Carry | None = None) -> DataTable:
        """The table of rows ``start`` to ``stop`` under the same header, below ``carry``."""
        return replace(self, rows=[carry] * (carry is not None) + list(self.rows[start:stop]))

    def _styles(self, ctx: Context) -> tuple[ParagraphStyle, dict[str, ParagraphStyle]]:
        """The header's style, and the cells' by alignment."""
        base = ctx.styles.cell
        size = self.font_size or base.fontSize
        cell = _derive(base, "DataCell", fontSize=size, leading=round(size * 1.15, 2))
        head = _derive(cell, "DataHead", fontName=fonts.BOLD, alignment=TA_CENTER)
        return head, {a: _derive(cell, f"Cell-{a}", alignment=_ALIGN[a]) for a in _ALIGN}

    def _cells(
        self, r: int, styles: dict[str, ParagraphStyle], min_h: float = 0.0
    ) -> list[Flowable]:
        row = self.rows[r]
        if isinstance(row, Carry):  # laid out already, on the page before
            return [list(cell) for cell in row.cells]
        if len(row) != len(self.columns):
            raise ValueError(f"row {r} has {len(row)} cells, expected {len(self.columns)}")
        cells: list[Flowable] = []
        for col, value in zip(self.columns, row, strict=True):
            para = Paragraph(to_markup(value or ""), styles[col.align])
            cells.append(_MinHeight(para, min_h) if min_h else para)
        return cells

    def tall_rows(self, ctx: Context) -> list[int]:
        """The rows (indices into ``rows``) that do not fit on a page under the header: they
        continue from one page to the next, their long cells laid out in pieces. Only rows
        whose text might be that tall (:func:`may_be_taller`) are laid out to know."""
        widths = self.column_widths(ctx.frame_width)
        head, styles = self._styles(ctx)
        cell = styles["left"]
        header = [Paragraph(to_markup(c.title), head) for c in self.columns]
        page = ctx.settings.body_height
        # Less a hair: a row that only just fits may take a page's room plus the fuzz a frame
        # allows, and splitting it there costs nothing.
        room = page - row_height(header, widths, page) - 1
        tall = []
        for r, row in enumerate(self.rows):
            if isinstance(row, Carry):
                continue
            left = room - self._kept_above(ctx, r, widths)
            if may_be_taller(row, widths, cell.fontSize, cell.leading, left) and (
                row_height(self._cells(r, styles), widths, page) > left
            ):
                tall.append(r)
        return tall

    def _kept_above(self, ctx: Context, r: int, widths: Sequence[float]) -> float:
        """The height of what never leaves row ``r`` at the foot of a page (nothing here)."""
        return 0.0

    def _table(self, ctx: Context, tall: Sequence[int] | None = None) -> Table:
        """The table; ``tall``: its :meth:`tall_rows`, if known."""
        head, styles = self._styles(ctx)
        min_h = (self.min_row_height_mm or 0) * mm

        data: list[list[Flowable]] = [[Paragraph(to_markup(c.title), head) for c in self.columns]]
        data += [self._cells(r, styles, min_h) for r in range(len(self.rows))]
        table = RowTable(
            data,
            colWidths=self.column_widths(ctx.frame_width),
            repeatRows=1 if self.repeat_header else 0,
            hAlign="CENTER",
            spaceAfter=self.space_after_pt,
        )
        # A row taller than a page (a task of 10,000 characters) continues on the next page
        # instead of making the document impossible to lay out; other rows stay whole.
        split = [r + 1 for r in (self.tall_rows(ctx) if tall is None else tall)]
        if split:
            table.splitInRow = 1
        # reportlab splits such a row page by page, each time breaking again into lines all of
        # what is left of a cell's paragraph: time grew with the square of the cell's length (a
        # task list with 10,000-character cells took minutes). As short paragraphs stacked, a
        # split breaks again only the paragraph cut at the page's foot.
        for r in split:
            row = self.rows[r - 1]
            if isinstance(row, Carry):  # in pieces already
                continue
            for c, (col, value) in enumerate(zip(self.columns, row, strict=True)):
                if value:
                    style = styles[col.align]
                    table._cellvalues[r][c] = [
                        TallCellPart(to_markup(x), style) for x in chunks(value)
                    ]
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                    # reportlab's default cell font is the non-embedded Helvetica.
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                    ("VALIGN", (0, 1), (-1, -1), self.valign.upper()),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    *(rule_split_rows(0.5, "black") if split else ()),
                    # A row across pages is read from the top of each: reportlab, centring its
                    # cells, pads each part by half of what is left, and the row never ends.
                    *(("VALIGN", (0, r), (-1, r), "TOP") for r in split),
                ]
            )
        )
        return table


@dataclass(frozen=True)
class GroupedTable(DataTable):
    """A ``DataTable`` with heading rows (``group_rows``: indices into ``rows``): the first cell
    holds the group's number (``I``, ``II``…), the second, bold, spans the rest of the row.
    Heading rows are not stretched to ``min_row_height_mm`` and stay with the row after them."""

    group_rows: tuple[int, ...] = ()

    @cached_property
    def _headings(self) -> frozenset[int]:
        return frozenset(self.group_rows)

    def _slice(self, start: int, stop: int, carry: Carry | None = None) -> GroupedTable:
        above = carry is not None
        groups = tuple(r - start + above for r in self.group_rows if start <= r < stop)
        rows = [carry] * above + list(self.rows[start:stop])
        return replace(self, rows=rows, group_rows=groups)

    def _heading_cells(self, ctx: Context, r: int) -> tuple[Flowable, Flowable]:
        """Group heading ``r``'s number and its text (bold, spanning the rest of the row)."""
        size = self.font_size or ctx.styles.cell.fontSize
        bold = ParagraphStyle(
            "GroupCell",
            parent=ctx.styles.cell,
            fontName=fonts.BOLD,
            fontSize=size,
            leading=round(size * 1.15, 2),
        )
        centre = ParagraphStyle("GroupNo", parent=bold, alignment=TA_CENTER)
        number, text = self.rows[r][:2]
        return HeadingCell(to_markup(number or ""), centre), Paragraph(to_markup(text or ""), bold)

    def _kept_above(self, ctx: Context, r: int, widths: Sequence[float]) -> float:
        # A heading never ends a page: the row under it must fit below it (below all of them,
        # headings of groups with no rows one above the other), or be split.
        spans = [widths[0], sum(widths[1:])]
        above = 0.0
        while r - 1 in self._headings:
            r -= 1
            above += row_height(self._heading_cells(ctx, r), spans, 10**6)
        return above

    def _table(self, ctx: Context, tall: Sequence[int] | None = None) -> Table:
        if not self.group_rows:
            return super()._table(ctx, tall)
        plain = DataTable(
            self.columns,
            [
                ("",) * len(self.columns) if i in self.group_rows else r
                for i, r in enumerate(self.rows)
            ],
            self.font_size,
            self.min_row_height_mm,
            self.valign,
            self.repeat_header,
            self.space_after_pt,
        )
        # Its tall rows as this table has them: one under a heading has the heading above it.
        table = plain._table(ctx, self.tall_rows(ctx) if tall is None else tall)
        commands: list[tuple[object, ...]] = []
        for r in self.group_rows:
            cells = table._cellvalues[r + 1]
            cells[0], cells[1] = self._heading_cells(ctx, r)
            for c in range(2, len(cells)):
                cells[c] = ""
            commands.append(("SPAN", (1, r + 1), (-1, r + 1)))
            if fits_a_page(table, r + 2, ctx.settings.frame_height / 2):
                commands.append(("NOSPLIT", (0, r + 1), (-1, min(r + 2, len(self.rows)))))
        table.setStyle(TableStyle(commands))
        # Heading rows take their natural height, not the signing height.
        heights = list(table._argH)
        for r in self.group_rows:
            heights[r + 1] = None
        table._argH = heights
        return table
