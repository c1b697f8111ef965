"""Column widths and visibility of a table over a RowTableModel.

Widths: until the user has set some (by dragging a header edge; remembered by
:mod:`.view_state`), the columns take the width of their content, shrunk where needed so the
whole row fits the view, and follow the view when it is resized: on a 1366×768 screen the
e-mail and decision columns are then seen without scrolling. Long texts are elided and shown
whole in the tooltip; dates and numbers never are (a meeting list showed "08/01/202…"): a
row is found by its date, and a cut figure reads as another. Nor is a short text declared
``whole`` (a unit's "Sáp nhập vào TP Vinh từ 01/12/2024" lost its date).

Visibility: a column declared ``optional`` (:class:`.table_model.Column`) is hidden while it
is empty on every row, e.g. "Địa bàn phụ trách" in a view where nobody has an area.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QTableView

from .table_model import Column, RowTableModel

# Padding around a cell's text (the style's margins, a sort indicator in the header).
_CELL_PADDING = 18
_HEADER_PADDING = 30
_ICON_WIDTH = 22  # a 16-pixel decoration and its spacing
# Rows whose texts are read for a column's natural width (public: the tasks page reads
# that many rows before its first paint): enough for its longest texts in
# practice. Of those, only the longest few (in characters) are measured in pixels: measuring a
# shaped Vietnamese text costs tens of microseconds, and the widest text is among the longest.
SAMPLE = 500
_MEASURED = 8
# No column is shrunk below this, however narrow the view.
_MIN_WIDTH = 48
# A date or number column keeps its whole width up to this (a longer one is a text after all).
_WHOLE_MAX = 220


def _whole(column: Column, rows: Sequence[Any]) -> bool:
    """A column read whole or not at all: figures (right-aligned) and dates, times."""
    if column.align_right:
        return True
    value = next((v for v in (column.raw(r) for r in rows[:20]) if v is not None), None)
    return isinstance(value, date)  # datetime is a date too


def fit_widths(natural: Sequence[int], floors: Sequence[int], available: int) -> list[int]:
    """Widths no wider than ``natural``, adding up to at most ``available`` where possible.

    The widest columns give way first (one limit caps every column), and no column goes below
    its floor (its header, a date's or a figure's whole width); when even the floors do not
    fit, the floors are returned (and the view scrolls sideways).
    """
    widths = [max(n, f) for n, f in zip(natural, floors, strict=True)]
    if sum(widths) <= available:
        return widths
    # The largest cap L with sum(max(floor, min(width, L))) <= available (a binary search).
    low, high = 0, max(widths)
    while low < high:
        cap = (low + high + 1) // 2
        total = sum(max(f, min(w, cap)) for w, f in zip(widths, floors, strict=True))
        if total <= available:
            low = cap
        else:
            high = cap - 1
    return [max(f, min(w, low)) for w, f in zip(widths, floors, strict=True)]


class ColumnFitter(QObject):
    """Keeps ``view``'s columns fitted to ``model``: call :meth:`rows_loaded` after each load.

    ``remembered`` says the user's own widths were restored: they are kept, never refitted;
    so are widths the user sets by hand from now on (:attr:`sized_by_hand`, once, so that the
    next session knows the widths it restores are the user's and not the last fit).
    """

    sized_by_hand = Signal()

    def __init__(self, view: QTableView, model: RowTableModel, *, remembered: bool) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self.user_sized = remembered
        self._fitting = False
        self._natural: tuple[list[int], list[int]] | None = None
        # The viewport, not the view: it also narrows when the vertical scroll bar appears.
        # The viewport's width changes (the window resized, the vertical scroll bar shown, a
        # sub-tab opened) show as a new horizontal scroll range, or, when the row fits, as the
        # stretched last column's new width: the cues to refit. Signals, not an event filter,
        # which Qt could still call on a half-destroyed view at exit.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.timeout.connect(self._fit_if_due)
        view.horizontalHeader().sectionResized.connect(self._on_section_resized)
        view.horizontalScrollBar().rangeChanged.connect(self._schedule)

    def rows_loaded(self) -> None:
        self._natural = None
        self.update_visibility()
        self._fit_if_due()

    def _on_section_resized(self, section: int, old: int, new: int) -> None:
        # Hiding or showing a column resizes it from or to 0, and the stretched last column
        # follows the view's width: neither is the user's choice.
        if self._fitting or not old or not new:
            return
        header = self.view.horizontalHeader()
        last = max(
            (i for i in range(header.count()) if not header.isSectionHidden(i)),
            key=header.visualIndex,
            default=-1,
        )
        if header.stretchLastSection() and section == last:
            self._schedule()
            return
        if not self.user_sized:
            self.user_sized = True
            self.sized_by_hand.emit()

    def _schedule(self, *_: int) -> None:
        if not self.user_sized and not self._fitting:
            self._refit.start(0)

    def update_visibility(self) -> None:
        rows = self.model.rows()
        # Showing an optional last column gives the stretched column before it back its own
        # width (a resize, not the user's: the widths stay fitted).
        self._fitting = True
        try:
            for i, col in enumerate(self.model.columns()):
                if col.optional:
                    empty = bool(rows) and not any(col.text(r).strip() for r in rows)
                    self.view.setColumnHidden(i, empty)
        finally:
            self._fitting = False

    def _fit_if_due(self) -> None:
        # Only on a view that is on screen with its real width and some rows: a view fitted
        # while hidden (a sub-tab not yet opened) would be fitted to nothing.
        if self.user_sized or not self.view.isVisible() or not self.model.rows():
            return
        if self.view.viewport().width() < 200:
            return
        self.fit()

    def natural_widths(self) -> tuple[list[int], list[int]]:
        """Each column's content width and floor (its header's width, a date's or a figure's
        whole width) in pixels."""
        if self._natural is None:
            self._natural = self._measure()
        return self._natural

    def _measure(self) -> tuple[list[int], list[int]]:
        metrics = self.view.fontMetrics()
        header_metrics = self.view.horizontalHeader().fontMetrics()
        rows = self.model.rows()
        sample = rows[:SAMPLE]
        natural, floors = [], []
        for col in self.model.columns():
            title = header_metrics.horizontalAdvance(col.title) + _HEADER_PADDING
            # The row number column holds numbers up to the row count.
            texts = [str(len(rows))] if col.key == "#" else {col.text(r) for r in sample}
            longest = heapq.nlargest(_MEASURED, texts, key=len)
            widest = max((metrics.horizontalAdvance(t) for t in longest if t), default=0)
            icon = _ICON_WIDTH if col.icon is not None else 0  # an icon before the text
            natural.append(max(widest + _CELL_PADDING + icon, title))
            floor = max(min(title, 140), _MIN_WIDTH)
            floor = max(floor, min(col.min_width, natural[-1]))
            if col.whole:  # declared short enough to be read whole: its whole width
                floor = max(floor, natural[-1])
            elif col.key != "#" and _whole(col, sample):
                floor = max(floor, min(natural[-1], _WHOLE_MAX))
            floors.append(floor)
        return natural, floors

    def fit(self) -> None:
        """Set the widths from the content and the view's current width."""
        natural, floors = self.natural_widths()
        shown = [i for i in range(len(natural)) if not self.view.isColumnHidden(i)]
        available = self.view.viewport().width() - 2
        widths = fit_widths([natural[i] for i in shown], [floors[i] for i in shown], available)
        header = self.view.horizontalHeader()
        stretch = header.stretchLastSection()
        last = max(shown, key=header.visualIndex, default=-1)
        if all(
            header.sectionSize(i) == w or (stretch and i == last and header.sectionSize(i) > w)
            for i, w in zip(shown, widths, strict=True)
        ):
            # Already so (a reload of the same rows): resizing the stretched last column down
            # and back would repaint the view a second time for nothing.
            return
        self._fitting = True
        try:
            header.setStretchLastSection(False)  # the last column gets its own width first
            for i, width in zip(shown, widths, strict=True):
                self.view.setColumnWidth(i, width)
            header.setStretchLastSection(stretch)
            # The scroll bars follow the new widths now, not after the first paint: a
            # horizontal bar that goes away would resize the viewport and paint it again.
            self.view.updateGeometries()
        finally:
            self._fitting = False
