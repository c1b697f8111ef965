"""reportlab's Paragraph, spared two repeated costs; what it draws is unchanged.

- Line breaking is remembered per width. reportlab breaks a table cell's lines when it sizes
  the table, again when it draws the cell, and again for each part of a table split across
  pages, always at the same width: the list of invitees of a large meeting was broken three
  times over. A paragraph's lines depend only on its text, its style and the width.
- Text without markup (no tag, no entity: most paragraphs of a document) is handed to
  reportlab's own paragraph parser as a tree of one ``<para>`` node instead of as markup run
  through the HTML parser; the parser builds the same fragment from it, with the same style.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import paragraph as _rl
from reportlab.platypus.paraparser import ParaParser


class Paragraph(_rl.Paragraph):
    """A drop-in ``reportlab.platypus.Paragraph`` (same arguments, same output)."""

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        if frags is None and isinstance(text, str) and "<" not in text and "&" not in text:
            cleaned = cleaner(text)
            if cleaned:  # (the HTML parser gives no fragment at all for an empty text)
                parser = ParaParser()
                parser.caseSensitive = self.caseSensitive
                style, frags, _ = parser.tt_parse(("para", None, [cleaned]), style)
                if frags is not None:
                    _rl.textTransformFrags(frags, style)
                    text = cleaned
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self.__dict__.get("_bcd_wrapped")
        if memo is not None and memo[0] == availWidth:
            _, self.width, self.height, self._wrapWidths, self.blPara = memo
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if availWidth > 0 and width == availWidth:  # (a width too small breaks no lines)
            self._bcd_wrapped = (availWidth, width, height, self._wrapWidths, self.blPara)
        return width, height
