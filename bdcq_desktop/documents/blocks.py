"""Body blocks: data classes a concrete document lists, each turned into reportlab flowables.

Blocks are plain data (no reportlab objects) so that document builders stay testable and the
same content can be rendered with other page settings. A block becomes flowables only inside
:func:`bdcq_desktop.documents.layout.render`, with the styles of the document being rendered.
Raw reportlab ``Flowable`` objects may be mixed in as an escape hatch.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.page import TITLE_SIZE, PageSettings, Rule, Styles
from bdcq_desktop.documents.page import derive as _derive
from bdcq_desktop.documents.paragraph import Paragraph
from bdcq_desktop.documents.text import (
    Span,
    Text,
    balanced_lines,
    nfc,
    text_width,
    to_markup,
    upper,
    with_closing_mark,
)

Align = Literal["justify", "left", "center", "right"]
_ALIGN = {"justify": TA_JUSTIFY, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}

# Fraction of a line's width the short rule under the issuing body and the summary takes; the
# decree allows 1/3 to 1/2.
SHORT_RULE_FRACTION = 0.4


@dataclass
class Context:
    """What a block needs to know about the page it is laid out on."""

    settings: PageSettings
    styles: Styles

    @property
    def frame_width(self) -> float:
        return self.settings.frame_width


class Block(ABC):
    """Something that becomes one or more flowables in the document body."""

    @abstractmethod
    def flowables(self, ctx: Context) -> list[Flowable]:
        """The flowables for this block, laid out for ``ctx``."""


def _mark_end(text: Text) -> Text:
    """``text`` ending in ``./.``, whether it is plain or a list of spans."""
    if isinstance(text, str):
        return with_closing_mark(text)
    runs = list(text)
    if not runs:
        return "./."
    last = runs[-1]
    if isinstance(last, Span):
        runs[-1] = Span(with_closing_mark(last.text), last.bold, last.italic)
    else:
        runs[-1] = with_closing_mark(last)
    return runs


@dataclass(frozen=True)
class Para(Block):
    """A body paragraph: justified, first line indented 1 cm, body size.

    ``closing=True`` ends it with ``./.`` (the decree's end-of-text mark); use it on the last
    paragraph of a document.
    """

    text: Text
    indent: bool = True
    align: Align = "justify"
    bold: bool = False
    italic: bool = False
    closing: bool = False
    keep_with_next: bool = False
    space_after: float | None = None

    def flowables(self, ctx: Context) -> list[Flowable]:
        base = ctx.styles.body
        font = {
            (False, False): fonts.REGULAR,
            (True, False): fonts.BOLD,
            (False, True): fonts.ITALIC,
            (True, True): fonts.BOLD_ITALIC,
        }[(self.bold, self.italic)]
        style = _derive(
            base,
            "Para",
            fontName=font,
            alignment=_ALIGN[self.align],
            firstLineIndent=base.firstLineIndent if self.indent else 0,
            keepWithNext=int(self.keep_with_next),
            spaceAfter=base.spaceAfter if self.space_after is None else self.space_after,
        )
        text = _mark_end(self.text) if self.closing else self.text
        return [Paragraph(to_markup(text), style)]


@dataclass(frozen=True)
class LegalBasis(Block):
    """The ``Căn cứ …`` lines: italic, each ending ``;`` and the last ``.`` (fixed if not)."""

    lines: Sequence[str]
    punctuate: bool = True

    def flowables(self, ctx: Context) -> list[Flowable]:
        out: list[Flowable] = []
        cleaned = [nfc(line).strip() for line in self.lines if line.strip()]
        for i, line in enumerate(cleaned):
            if self.punctuate:
                line = line.rstrip(";.,").rstrip() + ("." if i == len(cleaned) - 1 else ";")
            out.append(Paragraph(to_markup(line), ctx.styles.legal_basis))
        return out


@dataclass(frozen=True)
class Heading(Block):
    """A section heading: level 1 ``I. CAPITALS`` bold, 2 ``1. Text`` bold, 3 ``a) text`` regular.

    ``label`` (``"I"``, ``"1"``, ``"a"``) is optional; without it ``text`` is printed as given
    (with capitals forced at level 1). Headings stay on the page of the text they introduce.
    """

    text: str
    level: Literal[1, 2, 3] = 1
    label: str | None = None

    def flowables(self, ctx: Context) -> list[Flowable]:
        text = upper(self.text) if self.level == 1 else nfc(self.text)
        if self.label:
            sep = ")" if self.level == 3 else "."
            text = f"{nfc(self.label)}{sep} {text}"
        style = _derive(
            ctx.styles.body,
            f"Heading{self.level}",
            fontName=fonts.REGULAR if self.level == 3 else fonts.BOLD,
            alignment=TA_JUSTIFY,
            keepWithNext=1,
        )
        return [Paragraph(to_markup(text), style)]


@dataclass(frozen=True)
class Labelled(Block):
    """``Thời gian: 14 giờ 00 phút …`` with the label in bold, as in the decree's templates."""

    label: str
    text: Text
    indent: bool = True
    closing: bool = False

    def flowables(self, ctx: Context) -> list[Flowable]:
        label = nfc(self.label).strip()
        if not label.endswith(":"):
            label += ":"
        body = _mark_end(self.text) if self.closing else self.text
        runs: list[str | Span] = [Span(label, bold=True), " "]
        runs += [body] if isinstance(body, str) else list(body)
        style = (
            ctx.styles.body if self.indent else _derive(ctx.styles.body, "Lbl", firstLineIndent=0)
        )
        return [Paragraph(to_markup(runs), style)]


@dataclass(frozen=True)
class Bullets(Block):
    """Dash (or ``+``) items, each a body paragraph starting ``- ``, indented like paragraphs.

    Vietnamese administrative texts indent list items like paragraphs instead of hanging them.
    ``closing=True`` ends the last item with ``./.``.
    """

    items: Sequence[Text]
    marker: str = "-"
    closing: bool = False

    def flowables(self, ctx: Context) -> list[Flowable]:
        out: list[Flowable] = []
        for i, item in enumerate(self.items):
            if self.closing and i == len(self.items) - 1:
                item = _mark_end(item)
            runs: list[str | Span] = [f"{self.marker} "]
            runs += [item] if isinstance(item, str) else list(item)
            out.append(Paragraph(to_markup(runs), ctx.styles.body))
        return out


@dataclass(frozen=True)
class Space(Block):
    """Vertical white space in millimetres."""

    height_mm: float

    def flowables(self, ctx: Context) -> list[Flowable]:
        return [Spacer(0, self.height_mm * mm)]


@dataclass(frozen=True)
class NewPage(Block):
    """Start a new page; ``landscape`` switches orientation (e.g. a wide annex table)."""

    landscape: bool | None = None

    def flowables(self, ctx: Context) -> list[Flowable]:  # handled by render()
        return []


@dataclass(frozen=True)
class Title(Block):
    """Type name (``GIẤY MỜI``) and summary lines, bold and centred, short rule under them.

    ``summary`` is either one string (wrapped into balanced lines) or a sequence of lines as the
    drafter wants them broken. ``note`` is an italic line that belongs to the title, the rule
    under it, e.g. ``(Kèm theo Giấy mời số 05/GM-BCĐ ngày …)`` on an annex (the decree's annex
    template). ``details`` is an italic line set under the rule, e.g. an agenda's
    ``(Thời gian: …; địa điểm: …)``: the decree puts the short rule under the summary, and
    facts about the meeting are no part of the summary. Also usable in the body, e.g. for an
    annex after ``NewPage``; the title then stays on the page of what follows it.
    """

    type_name: str
    summary: str | Sequence[str] = ()
    note: str = ""
    details: str = ""
    rule: bool = True
    space_before_pt: float = 12.0
    space_after_pt: float = 12.0

    def summary_lines(self, max_width: float) -> list[str]:
        parts = [self.summary] if isinstance(self.summary, str) else list(self.summary)
        lines: list[str] = []
        for part in parts:
            if part.strip():
                lines += balanced_lines(part, fonts.BOLD, TITLE_SIZE, max_width)
        return lines

    def flowables(self, ctx: Context) -> list[Flowable]:
        st = ctx.styles
        out: list[Flowable] = [Spacer(0, self.space_before_pt)]
        type_name = upper(self.type_name).strip()
        lines = self.summary_lines(ctx.frame_width)
        if type_name:
            out.append(Paragraph(to_markup(type_name), st.type_name))
        if lines:
            out.append(Paragraph(to_markup("\n".join(lines)), st.summary))
        measured = [(line, st.summary) for line in lines] or [(type_name, st.type_name)]
        note = nfc(self.note).strip()
        if note:
            note_style = _derive(st.summary, "TitleNote", fontName=fonts.ITALIC)
            note_lines = balanced_lines(note, fonts.ITALIC, TITLE_SIZE, ctx.frame_width)
            out.append(Paragraph(to_markup("\n".join(note_lines)), note_style))
            measured = [(line, note_style) for line in note_lines]
        if self.rule and any(line for line, _ in measured):
            widest = max(
                text_width(line, style.fontName, style.fontSize) for line, style in measured
            )
            out.append(Rule(widest * SHORT_RULE_FRACTION, space_before=5))
        details = nfc(self.details).strip()
        if details:
            details_style = _derive(st.summary, "TitleDetails", fontName=fonts.ITALIC)
            details_lines = balanced_lines(details, fonts.ITALIC, TITLE_SIZE, ctx.frame_width)
            # As far below the rule as the rule is below the text above it, so that the rule
            # reads as the end of the summary and touches neither.
            out.append(Spacer(0, 5))
            out.append(Paragraph(to_markup("\n".join(details_lines)), details_style))
        out.append(Spacer(0, self.space_after_pt))
        for flowable in out:
            # The whole title travels with the first flowable after it (no title at a page foot).
            flowable.keepWithNext = 1
        return out
