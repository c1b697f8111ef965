"""What must share a page: pagination devices of the layout engine.

- :class:`KeepWithNext` — flowables marked keep-with-next (a title, a heading, a ``Nội dung:``
  line) and the FIRST part of the flowable after them: the first rows of a table, the first two
  lines of a paragraph. The engine builds it wherever reportlab would have used ``KeepTogether``
  (see :class:`bdcq_desktop.documents.layout.DocTemplate`).
- :class:`KeepWithClosing` — the LAST part of the body and the signature block after it.

reportlab's own ``KeepTogether`` keeps the whole next flowable: a title before a table longer
than a page then moves, table and all, to page 2, and page 1 holds only the header.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from reportlab.platypus import Flowable

# Points below a flowable's height at which it is split to leave the least of it for the next
# page: less than any row or line, more than the rounding of their heights.
TAIL = 1.0


def _at_top(flowable: Flowable) -> bool:
    """True when the frame splitting ``flowable`` is empty (a fresh page cannot do better)."""
    frame = getattr(flowable, "_frame", None)
    return frame is not None and bool(getattr(frame, "_atTop", False))


class KeepWithNext(Flowable):
    """``head`` (flowables laid out as given) glued to the first part of ``body``.

    When the whole does not fit, ``body`` splits so that only its first part travels with the
    head; the rest follows on the next pages. When not even the head and the smallest first part
    fit, everything moves to the next page; on an empty page that cannot hold them either, the
    head and the body part (a layout error beats nothing).
    """

    def __init__(self, head: Sequence[Flowable], body: Flowable) -> None:
        super().__init__()
        self.head = list(head)
        self.body = body
        self._sizes: list[tuple[float, float]] = []
        self._gaps: list[float] = []
        self._body_size = (0.0, 0.0)

    def getSpaceBefore(self) -> float:
        return self.head[0].getSpaceBefore() if self.head else self.body.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.body.getSpaceAfter()

    def _head_height(self, aW: float, aH: float) -> float:
        """Height of the head, with the gap that separates it from the body."""
        self._sizes, self._gaps, height = [], [], 0.0
        for prev, cur in itertools.pairwise([*self.head, self.body]):
            # As a frame spaces them: the larger of the space after and the space before.
            self._gaps.append(max(prev.getSpaceAfter(), cur.getSpaceBefore()))
        for f, gap in zip(self.head, self._gaps, strict=True):
            self._sizes.append(f.wrap(aW, aH))
            height += self._sizes[-1][1] + gap
        return height

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        head = self._head_height(aW, aH)
        self._body_size = self.body.wrap(aW, max(aH - head, 0))
        self.width, self.height = aW, head + self._body_size[1]
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        room = aH - self._head_height(aW, aH)
        if room > 0:
            parts = self.body.split(aW, room)
            # The first part must really fit: the frame draws it without asking again.
            if len(parts) >= 2 and parts[0].wrap(aW, room)[1] <= room + 1e-6:
                return [KeepWithNext(self.head, parts[0]), *parts[1:]]
        if _at_top(self):
            return [*self.head, self.body]  # cannot be helped: let them part
        return []  # all of it to the next page

    def draw(self) -> None:
        y = self.height
        for f, (w, h), gap in zip(self.head, self._sizes, self._gaps, strict=True):
            y -= h
            f.drawOn(self.canv, 0, y, _sW=self.width - w)
            y -= gap
        self.body.drawOn(self.canv, 0, 0, _sW=self.width - self._body_size[0])


class KeepWithClosing(Flowable):
    """The last body flowable and the closing block, never on different pages.

    Plain ``KeepTogether`` would move the whole last flowable to the next page, leaving a gap,
    and gives up (starting a fresh page, then separating them) when the last flowable is a long
    table. This splits the last flowable instead, so that its final part, at least two lines or
    one table row, travels with the signature.
    """

    def __init__(self, last: Flowable, closing: Flowable) -> None:
        super().__init__()
        self.last = last
        self.closing = closing
        self._gap = max(last.getSpaceAfter(), closing.getSpaceBefore())
        self._h_last = self._h_closing = 0.0
        self._w_last = self._w_closing = 0.0

    def getSpaceBefore(self) -> float:
        return self.last.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.closing.getSpaceAfter()

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._w_last, self._h_last = self.last.wrap(aW, aH)
        self._w_closing, self._h_closing = self.closing.wrap(aW, aH)
        self.width, self.height = aW, self._h_last + self._gap + self._h_closing
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        self.wrap(aW, aH)
        # First fill this page with as much of the last flowable as fits: the closing then
        # travels with the remainder, and no room is reserved on a page it will not reach.
        parts = self.last.split(aW, aH)
        if len(parts) >= 2:
            return [*parts[:-1], KeepWithClosing(parts[-1], self.closing)]
        # The last flowable fits here but the closing does not: only its least tail (one
        # table row, the last two lines of a paragraph) goes on with the closing, the rest
        # fills this page. Splitting it to leave the closing's room free, as was done, broke
        # the page a closing's height early for a closing that went on anyway (the roster's
        # working group: 8 of 11 rows on page 4, 150 pt of it blank).
        if self._h_last <= aH:
            parts = self.last.split(aW, self._h_last - TAIL)
            if len(parts) >= 2:
                return [*parts[:-1], KeepWithClosing(parts[-1], self.closing)]
        if _at_top(self):
            # Even a fresh page cannot hold both: separating them beats a layout error.
            return [self.last, self.closing]
        return []  # move both to the next page

    def draw(self) -> None:
        self.last.drawOn(self.canv, 0, self._h_closing + self._gap, _sW=self.width - self._w_last)
        self.closing.drawOn(self.canv, 0, 0, _sW=self.width - self._w_closing)
