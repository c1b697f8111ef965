"""Page geometry and the paragraph styles of Decree 30/2020 (Appendix I).

``PageSettings`` holds what an office may choose within the decree's ranges; ``Styles`` turns it
into reportlab paragraph styles so that every block uses the same sizes, leading and spacing.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.i18n import tr
from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.text import text_width

# Fixed sizes the decree prescribes (its own sample's value where it gives a range).
HEADER_SIZE = 12.0  # parent body, issuing body, national title
MOTTO_SIZE = 13.0
NUMBER_SIZE = 13.0  # "Số: …" and the place-date line
TITLE_SIZE = 14.0  # document type name and summary
SIGNATURE_SIZE = 14.0
RECIPIENTS_LABEL_SIZE = 12.0
RECIPIENTS_SIZE = 11.0
PAGE_NUMBER_SIZE = 13.0
RULE_THICKNESS = 0.6  # a "solid line" in the decree; thin enough not to look like a border


@dataclass(frozen=True)
class PageSettings:
    """Page format of one document. Raises ``ValidationError`` outside the decree's ranges.

    Margins are in millimetres; ``body_size`` in points; ``line_spacing`` is the leading as a
    multiple of the font size (the decree allows single to 1.5 lines).
    """

    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 15.0
    body_size: float = 14.0
    landscape: bool = False
    line_spacing: float = 1.2
    first_line_indent_mm: float = 10.0
    paragraph_space_pt: float = 6.0

    def __post_init__(self) -> None:
        # (field, low, high, message): the ranges of Decree 30/2020, Appendix I.
        ranges = (
            ("margin_top_mm", 20, 25, tr("Lề trên cần trong khoảng 20–25 mm.")),
            ("margin_bottom_mm", 20, 25, tr("Lề dưới cần trong khoảng 20–25 mm.")),
            ("margin_left_mm", 30, 35, tr("Lề trái cần trong khoảng 30–35 mm.")),
            ("margin_right_mm", 15, 20, tr("Lề phải cần trong khoảng 15–20 mm.")),
            ("line_spacing", 1.0, 1.5, tr("Giãn dòng cần trong khoảng từ 1 đến 1,5 dòng.")),
            ("first_line_indent_mm", 10, 12.7, tr("Thụt đầu dòng cần từ 1 cm đến 1,27 cm.")),
        )
        for name, low, high, message in ranges:
            if not low <= getattr(self, name) <= high:
                raise ValidationError(name, message)
        if self.body_size not in (13, 14):
            raise ValidationError("body_size", tr("Cỡ chữ phần nội dung cần là 13 hoặc 14."))
        if self.paragraph_space_pt < 6:
            raise ValidationError(
                "paragraph_space_pt", tr("Khoảng cách giữa các đoạn văn tối thiểu là 6 pt.")
            )

    @property
    def page_size(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4

    @property
    def top(self) -> float:
        return self.margin_top_mm * mm

    @property
    def bottom(self) -> float:
        return self.margin_bottom_mm * mm

    @property
    def left(self) -> float:
        return self.margin_left_mm * mm

    @property
    def right(self) -> float:
        return self.margin_right_mm * mm

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - self.top - self.bottom

    @property
    def descent_room(self) -> float:
        """What the frame keeps free at its foot: reportlab lets the last line's descenders
        (about 0.22 em) hang below it; Word keeps them inside the margin, and so do we."""
        return round(0.25 * max(self.body_size, SIGNATURE_SIZE), 2)

    @property
    def body_height(self) -> float:
        """The height a page's text may take: the frame's, less its :attr:`descent_room`."""
        return self.frame_height - self.descent_room

    def oriented(self, landscape_: bool) -> PageSettings:
        """The same settings with the given orientation (for a landscape annex)."""
        return self if landscape_ == self.landscape else replace(self, landscape=landscape_)


def _style(name: str, size: float, spacing: float, **kw: object) -> ParagraphStyle:
    kw.setdefault("fontName", fonts.REGULAR)
    return ParagraphStyle(
        name,
        fontSize=size,
        leading=round(size * spacing, 2),
        allowWidows=0,  # a lone last line at the top of a page looks like an error
        allowOrphans=0,
        **kw,
    )


# Styles derived from a document's own (a paragraph's alignment, a table's cell size), by the
# style they derive from: made once per document and shared by its paragraphs of that kind, as
# reportlab allows (it copies a style before changing it). Each took longer to make than to set
# the paragraph in it.
_DERIVED: weakref.WeakKeyDictionary[ParagraphStyle, dict[Any, ParagraphStyle]] = (
    weakref.WeakKeyDictionary()
)


def derive(style: ParagraphStyle, name: str, **kw: Any) -> ParagraphStyle:
    """``ParagraphStyle(name, parent=style, **kw)``, the same object for the same arguments."""
    key = (name, *sorted(kw.items()))
    known = _DERIVED.setdefault(style, {})
    derived = known.get(key)
    if derived is None:
        derived = known[key] = ParagraphStyle(name, parent=style, **kw)
        # It has copied what it takes from ``style`` (reportlab reads ``parent`` only to copy
        # again on refresh()); holding ``style`` too, it kept its own entry above alive, so
        # every document's styles stayed for the rest of the session.
        derived.parent = None
    return derived


@dataclass
class Styles:
    """Paragraph styles for one document; built from its ``PageSettings``."""

    settings: PageSettings
    body: ParagraphStyle = field(init=False)
    legal_basis: ParagraphStyle = field(init=False)
    cell: ParagraphStyle = field(init=False)
    parent_body: ParagraphStyle = field(init=False)
    issuing_body: ParagraphStyle = field(init=False)
    national_title: ParagraphStyle = field(init=False)
    motto: ParagraphStyle = field(init=False)
    number: ParagraphStyle = field(init=False)
    place_date: ParagraphStyle = field(init=False)
    type_name: ParagraphStyle = field(init=False)
    summary: ParagraphStyle = field(init=False)
    authority: ParagraphStyle = field(init=False)
    signer: ParagraphStyle = field(init=False)
    recipients_label: ParagraphStyle = field(init=False)
    recipients_item: ParagraphStyle = field(init=False)

    def __post_init__(self) -> None:
        s = self.settings
        size, spacing = s.body_size, s.line_spacing
        indent = s.first_line_indent_mm * mm
        # Header, signature and table lines use 1.15, about Word's "single" spacing for Times New
        # Roman: they are short stacked labels, not running text, and must stay compact.
        solid = 1.15
        self.body = _style(
            "Body",
            size,
            spacing,
            alignment=TA_JUSTIFY,
            firstLineIndent=indent,
            spaceAfter=s.paragraph_space_pt,
        )
        self.legal_basis = _style(
            "LegalBasis",
            size,
            spacing,
            alignment=TA_JUSTIFY,
            firstLineIndent=indent,
            spaceAfter=s.paragraph_space_pt,
            fontName=fonts.ITALIC,
        )
        self.cell = _style("Cell", size - 1, solid, alignment=TA_LEFT)
        self.parent_body = _style("ParentBody", HEADER_SIZE, solid, alignment=TA_CENTER)
        self.issuing_body = _style(
            "IssuingBody", HEADER_SIZE, solid, alignment=TA_CENTER, fontName=fonts.BOLD
        )
        self.national_title = _style(
            "NationalTitle", HEADER_SIZE, solid, alignment=TA_CENTER, fontName=fonts.BOLD
        )
        self.motto = _style("Motto", MOTTO_SIZE, solid, alignment=TA_CENTER, fontName=fonts.BOLD)
        self.number = _style("Number", NUMBER_SIZE, solid, alignment=TA_CENTER)
        self.place_date = _style(
            "PlaceDate", NUMBER_SIZE, solid, alignment=TA_CENTER, fontName=fonts.ITALIC
        )
        self.type_name = _style(
            "TypeName", TITLE_SIZE, solid, alignment=TA_CENTER, fontName=fonts.BOLD
        )
        self.summary = _style(
            "Summary", TITLE_SIZE, solid, alignment=TA_CENTER, fontName=fonts.BOLD
        )
        self.authority = _style(
            "Authority", SIGNATURE_SIZE, solid, alignment=TA_CENTER, fontName=fonts.BOLD
        )
        self.signer = _style(
            "Signer", SIGNATURE_SIZE, solid, alignment=TA_CENTER, fontName=fonts.BOLD
        )
        self.recipients_label = _style(
            "RecipientsLabel", RECIPIENTS_LABEL_SIZE, solid, fontName=fonts.BOLD_ITALIC
        )
        dash = text_width("- ", fonts.REGULAR, RECIPIENTS_SIZE)
        # Hanging indent: a wrapped recipient continues under its text, not under the dash.
        self.recipients_item = _style(
            "RecipientsItem", RECIPIENTS_SIZE, solid, leftIndent=dash, firstLineIndent=-dash
        )


class Rule(Flowable):
    """A solid horizontal line of an exact width, centred in the space it is given.

    Butt caps: reportlab's default round caps would make the line longer than measured by the
    line width, and the decree ties rule lengths to text widths.
    """

    def __init__(
        self,
        width: float,
        *,
        thickness: float = RULE_THICKNESS,
        space_before: float = 2.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.rule_width = width
        self.thickness = thickness
        self.gap_above = space_before
        self.gap_below = space_after
        self._avail = width

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._avail = aW
        return aW, self.gap_above + self.thickness + self.gap_below

    def draw(self) -> None:
        canv: Canvas = self.canv
        canv.saveState()
        canv.setLineWidth(self.thickness)
        canv.setLineCap(0)
        y = self.gap_below + self.thickness / 2
        x0 = (self._avail - self.rule_width) / 2
        canv.line(x0, y, x0 + self.rule_width, y)
        canv.restoreState()
