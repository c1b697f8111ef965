"""A PDF's ruled tables read back as pdfplumber's ``page.extract_tables()`` reads them (its
"lines" strategy with its default tolerances), from the rules and characters pdfium reads, in
C: pdfplumber parses the whole page in Python first, about ten times the time.
``tests/test_pdf_text.py`` holds the two readings equal over every kind of document.

The documents draw their rules as single straight lines (reportlab's ``canvas.line``); any
other path (a rectangle, a curve) is refused rather than read differently from pdfplumber.
"""

from __future__ import annotations

import ctypes
import itertools
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tests.pdf_text import Char, chars_of, clusters, lines_of

SNAP = 3  # pdfplumber's snap, join and intersection tolerances, in points
JOIN = 3
INTERSECTION = 3
MIN_LENGTH = 3  # edges shorter are dropped after joining
MIN_LENGTH_FIRST = 1  # … and before

Cell = tuple[float, float, float, float]  # x0, top, x1, bottom
Table = list[list[str | None]]


class Edge:
    """A rule: horizontal ("h", top == bottom) or vertical ("v", x0 == x1)."""

    __slots__ = ("bottom", "orientation", "top", "x0", "x1")

    def __init__(self, orientation: str, x0: float, top: float, x1: float, bottom: float):
        self.orientation, self.x0, self.top, self.x1, self.bottom = (
            orientation, x0, top, x1, bottom
        )  # fmt: skip

    def key(self) -> Cell:
        return (self.x0, self.top, self.x1, self.bottom)


def _rules(page: pdfium.PdfPage) -> list[Edge]:
    """The page's straight lines, in pdfplumber's coordinates (from the page's head)."""
    height = page.get_height()
    x, y = ctypes.c_float(), ctypes.c_float()
    edges = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        kinds, points = [], []
        for i in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
            kinds.append(pdfium_c.FPDFPathSegment_GetType(segment))
            pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            points.append((x.value, y.value))
        if kinds != [pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO]:
            raise NotImplementedError(f"a path other than one straight line: {kinds}")
        a, b, c, d, e, f = obj.get_matrix().get()
        (x0, y0), (x1, y1) = ((a * px + c * py + e, height - (b * px + d * py + f))
                              for px, py in points)  # fmt: skip
        orientation = "h" if y0 == y1 else "v"  # as pdfplumber: a slanted line is "v"
        edge = Edge(orientation, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        length = edge.bottom - edge.top if orientation == "v" else edge.x1 - edge.x0
        if length >= MIN_LENGTH_FIRST:
            edges.append(edge)
    return edges


def _snapped(edges: list[Edge]) -> list[Edge]:
    """Edges within SNAP of one another moved to their mean (vertical ones across, horizontal
    ones up or down), then those along one line joined where within JOIN."""
    out = []
    for orientation, attr in (("v", "x0"), ("h", "top")):
        group = [e for e in edges if e.orientation == orientation]
        cluster = clusters((getattr(e, attr) for e in group), SNAP)
        members: dict[int, list[Edge]] = {}
        for e in sorted(group, key=lambda e: cluster[getattr(e, attr)]):
            members.setdefault(cluster[getattr(e, attr)], []).append(e)
        for same in members.values():
            mean = sum(getattr(e, attr) for e in same) / len(same)
            for e in same:
                shift = mean - getattr(e, attr)
                if orientation == "v":
                    out.append(Edge("v", e.x0 + shift, e.top, e.x1 + shift, e.bottom))
                else:
                    out.append(Edge("h", e.x0, e.top + shift, e.x1, e.bottom + shift))
    joined = []
    line = lambda e: (e.orientation, e.top if e.orientation == "h" else e.x0)  # noqa: E731
    for (orientation, _), same in itertools.groupby(sorted(out, key=line), key=line):
        start, end = ("x0", "x1") if orientation == "h" else ("top", "bottom")
        run = sorted(same, key=lambda e: getattr(e, start))
        merged = [run[0]]
        for e in run[1:]:
            last = merged[-1]
            if getattr(e, start) <= getattr(last, end) + JOIN:
                if getattr(e, end) > getattr(last, end):
                    grown = Edge(last.orientation, last.x0, last.top, last.x1, last.bottom)
                    setattr(grown, end, getattr(e, end))
                    merged[-1] = grown
            else:
                merged.append(e)
        joined += merged
    return [
        e for e in joined
        if (e.bottom - e.top if e.orientation == "v" else e.x1 - e.x0) >= MIN_LENGTH
    ]  # fmt: skip


def _cells(edges: list[Edge]) -> list[Cell]:
    """The smallest rectangles the rules' crossings close, as pdfplumber finds them."""
    crossings: dict[tuple[float, float], dict[str, set[Cell]]] = {}
    verticals = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    horizontals = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    for v in verticals:
        for h in horizontals:
            if (
                v.top <= h.top + INTERSECTION
                and v.bottom >= h.top - INTERSECTION
                and h.x0 - INTERSECTION <= v.x0 <= h.x1 + INTERSECTION
            ):
                at = crossings.setdefault((v.x0, h.top), {"v": set(), "h": set()})
                at["v"].add(v.key())
                at["h"].add(h.key())

    def joined(p: tuple[float, float], q: tuple[float, float]) -> bool:
        if p[0] == q[0] and crossings[p]["v"] & crossings[q]["v"]:
            return True
        return p[1] == q[1] and bool(crossings[p]["h"] & crossings[q]["h"])

    points = sorted(crossings)
    cells = []
    for i, pt in enumerate(points[:-1]):
        rest = points[i + 1 :]
        below = [q for q in rest if q[0] == pt[0]]
        right = [q for q in rest if q[1] == pt[1]]
        cell = next(
            (
                (pt[0], pt[1], r[0], b[1])
                for b in below
                if joined(pt, b)
                for r in right
                if joined(pt, r)
                and (r[0], b[1]) in crossings
                and joined((r[0], b[1]), r)
                and joined((r[0], b[1]), b)
            ),
            None,
        )
        if cell is not None:
            cells.append(cell)
    return cells


def _tables(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped into tables by the corners they share, top to bottom."""
    def corners(c: Cell) -> set[tuple[float, float]]:
        return {(c[0], c[1]), (c[0], c[3]), (c[2], c[1]), (c[2], c[3])}

    remaining, tables = list(cells), []
    current: list[Cell] = []
    seen: set[tuple[float, float]] = set()
    while remaining:
        before = len(current)
        for cell in list(remaining):
            if not current or corners(cell) & seen:
                seen |= corners(cell)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            current, seen = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _inside(char: Char, box: Cell) -> bool:
    across = (char[1] + char[2]) / 2
    down = (char[3] + char[4]) / 2
    return box[0] <= across < box[2] and box[1] <= down < box[3]


def _read(table: list[Cell], chars: list[Char]) -> Table:
    xs = sorted({c[0] for c in table})
    rows = []
    for _, row in itertools.groupby(sorted(table, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        at = {c[0]: c for c in row}
        cells = [at.get(x) for x in xs]
        present = [c for c in cells if c is not None]
        box = (min(c[0] for c in present), min(c[1] for c in present),
               max(c[2] for c in present), max(c[3] for c in present))  # fmt: skip
        row_chars = [ch for ch in chars if _inside(ch, box)]
        texts: list[str | None] = []
        for cell in cells:
            if cell is None:
                texts.append(None)
                continue
            inside = [ch for ch in row_chars if _inside(ch, cell)]
            # extract_tables reads a cell's text with extract_text()'s own tolerances.
            texts.append(lines_of(inside) if inside else "")
        rows.append(texts)
    return rows


def page_tables(pdf: bytes | Path) -> list[list[Table]]:
    """Each page's tables, each a list of rows of cells' text (None where a cell spans the
    column), as pdfplumber's ``page.extract_tables()`` gives them."""
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            tables = _tables(_cells(_snapped(_rules(page))))
            chars = chars_of(page) if tables else []
            out.append([_read(t, chars) for t in tables])
        return out
    finally:
        doc.close()


def table_cells(pdf: bytes | Path) -> list[str]:
    """Every cell of every table, its lines joined by spaces (the agenda's columns interleave
    in plain text), empty and spanned ones left out."""
    return [
        re.sub(r"\s+", " ", cell)
        for tables in page_tables(pdf)
        for table in tables
        for row in table
        for cell in row
        if cell
    ]
