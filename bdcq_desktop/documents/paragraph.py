"""reportlab's Paragraph, spared two repeated costs, and split without a blank line.

- Line breaking is remembered per width. reportlab breaks a table cell's lines when it sizes
  the table, again when it draws the cell, and again for each part of a table split across
  pages, always at the same width: the list of invitees of a large meeting was broken three
  times over. A paragraph's lines depend only on its text, its style and the width.
- Text without markup (no tag, no entity: most paragraphs of a document) is one fragment of
  text in the style's font, size and colour. reportlab's own paragraph parser builds that
  fragment once per font, size and colour (from a tree of one ``<para>`` node, not from markup
  run through the HTML parser); every other paragraph gets a copy with its own text, which is
  what the parser would have built for it, at a tenth of the cost.
- A paragraph split across pages right after a line break (``<br/>``, a line break the officer
  typed) began its next part with an empty line: reportlab counts the break that ended the
  last line of the first part as the start of the second. Its part on the next page now starts
  with the next line of text.
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
                frag = _plain_fragment(cleaned, style)
                if frag is not None:
                    frags = [frag]
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

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        rest = parts[1]
        blank = 0  # leading line breaks of the second part: nothing to print at a page's top
        while blank < len(rest.frags) and _bare_break(rest.frags[blank]):
            blank += 1
        if not blank:
            return parts
        if blank == len(rest.frags):
            # Only empty lines left: kept as reportlab made them. One part for two would break
            # reportlab's split of a table row, which takes the second part of every cell's.
            return parts
        # (Not the frags with one break less: reportlab cannot split a paragraph that begins
        # with an empty line after that line, an IndexError.)
        tail = self.__class__(None, rest.style, frags=rest.frags[blank:])
        if hasattr(rest, "autoLeading"):
            tail.autoLeading = rest.autoLeading
        return [parts[0], tail]


def _bare_break(frag: Any) -> bool:
    """Whether ``frag`` is a line break alone, with no text: as the parser makes it (a
    fragment), or as a split's second part holds it (a word: its width, then its fragments
    with their texts). Anything else, whatever reportlab may make of it one day, is kept."""
    if isinstance(frag, list):
        if len(frag) != 2 or not isinstance(frag[1], tuple) or len(frag[1]) != 2:
            return False
        frag, text = frag[1]
        return text == "" and getattr(frag, "lineBreak", False) is True
    return getattr(frag, "lineBreak", False) is True and getattr(frag, "text", None) == ""


# The fragment the parser makes of a plain text, by what it takes from the style (the text is
# replaced in each copy). Bounded: a few fonts, sizes and colours make every document.
_FRAGMENTS: dict[tuple[Any, ...], Any] = {}
_MAX_FRAGMENTS = 256


def _plain_fragment(text: str, style: Any) -> Any | None:
    """The parser's one fragment for ``text`` in ``style`` (None: let the parser do it)."""
    key = (style.fontName, style.fontSize, style.textColor)
    try:
        template = _FRAGMENTS.get(key)
    except TypeError:  # an unhashable colour: parse this one
        template, key = None, None
    if template is None:
        parser = ParaParser()
        _, frags, _ = parser.tt_parse(("para", None, [text]), style)
        if frags is None or len(frags) != 1:
            return None
        if key is not None and len(_FRAGMENTS) < _MAX_FRAGMENTS:
            _FRAGMENTS[key] = frags[0].clone()  # (the paragraph may change its own)
        return frags[0]
    # A copy as the parser makes one, with the lists it makes afresh for every paragraph.
    return template.clone(text=text, link=[], us_lines=[], textColor=style.textColor)
