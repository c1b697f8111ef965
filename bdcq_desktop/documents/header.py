"""Page-1 header of Appendix I: bodies, national title and motto, number and place-date.

Two columns: the issuing side on the left (boxes 2 and 3), the national title, motto and
place-date on the right (boxes 1 and 4). The number and the place-date sit on one baseline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.blocks import SHORT_RULE_FRACTION, Context
from bdcq_desktop.documents.page import (
    HEADER_SIZE,
    MOTTO_SIZE,
    NUMBER_SIZE,
    PageSettings,
    Rule,
)
from bdcq_desktop.documents.paragraph import Paragraph
from bdcq_desktop.documents.text import (
    balanced_lines,
    format_number_symbol,
    format_place_date,
    text_width,
    to_markup,
    upper,
)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Share of the text width given to the header's left column (parent and issuing body, number).
# 67 mm of 165 mm leaves the right column 98 mm, enough for the national title (88 mm at 12 pt
# bold) with a little air; the signature column uses the same split so it sits under it.
LEFT_COLUMN_FRACTION = 67 / 165
# Centred capitals touching a column edge look cramped: the left column wraps this much short.
COLUMN_AIR = 4.0  # points
# The place-date is one line (Appendix I): a long place name ("Thành phố Hồ Chí Minh") widens
# the right column, measured on the widest date a year prints (two-digit day and month; digits
# share one width), plus a hair so that rounding never wraps the year onto a line of its own.
WIDEST_DATE = dt.date(2026, 12, 28)
PLACE_DATE_AIR = 1.0  # points


@dataclass(frozen=True)
class Header:
    """Boxes 1–4 of Appendix I: bodies, national title and motto, number, place and date.

    ``number=None`` prints a draft's blank number; ``date=None`` a draft's blank date (with
    ``draft_year`` if given). Minutes (template 1.9) set ``show_place_date=False``. A working
    paper that is never issued (the chair's running script) sets ``numbered=False`` too: no
    number and no date to fill in, so it cannot pass for a document of the register.
    """

    issuing_body: str
    type_abbr: str
    parent_body: str = ""
    number: int | None = None
    body_abbr: str = "BCĐ"
    place: str = ""
    date: dt.date | None = None
    show_place_date: bool = True
    draft_year: int | None = None
    numbered: bool = True

    def number_line(self) -> str:
        return format_number_symbol(self.number, self.type_abbr, self.body_abbr)

    def place_date_line(self) -> str:
        return format_place_date(self.place, self.date, draft_year=self.draft_year)


def column_widths(settings: PageSettings) -> tuple[float, float]:
    """Left and right column widths in points (also used by the closing block)."""
    left = settings.frame_width * LEFT_COLUMN_FRACTION
    return left, settings.frame_width - left


# Appendix I lets the issuing body wrap; up to this many lines it keeps the usual split.
USUAL_ISSUING_LINES = 3


def header_left_width(settings: PageSettings, issuing_body: str) -> float:
    """Width of the header's left column: the usual split, or, for an issuing body that would
    wrap to more than :data:`USUAL_ISSUING_LINES` lines there (a long committee name after a
    reorganisation), the widest column the national title beside it leaves room for, when
    that saves a line. Four lines of a name pushed a one-page convocation onto two; a short
    name keeps the split its signature column shares (:mod:`.closing`)."""
    left, _ = column_widths(settings)
    title = text_width(NATIONAL_TITLE, fonts.BOLD, HEADER_SIZE)
    widest = settings.frame_width - title - 2 * COLUMN_AIR
    if widest <= left:
        return left

    def lines(width: float) -> int:
        text = upper(issuing_body)
        return len(balanced_lines(text, fonts.BOLD, HEADER_SIZE, width - COLUMN_AIR))

    usual = lines(left)
    if usual <= USUAL_ISSUING_LINES or lines(widest) >= usual:
        return left
    return widest


def place_date_width(place: str) -> float:
    """Points the place-date line of ``place`` needs on one line, whatever the date (a draft's
    blanks included)."""
    forms = (
        format_place_date(place, WIDEST_DATE),
        format_place_date(place, None, draft_year=WIDEST_DATE.year),
    )
    return max(text_width(form, fonts.ITALIC, NUMBER_SIZE) for form in forms) + PLACE_DATE_AIR


def number_row_columns(
    settings: PageSettings,
    place: str,
    number_lines: Sequence[str],
    left: float | None = None,
) -> tuple[float, float]:
    """Left and right widths of the row of the number and the place-date: the header's split,
    or the right column widened for a long place-date as far as the number (the row's only
    other text) leaves room. The row is a table of its own, so the bodies, the national title
    and the motto above keep their columns. When even that is too narrow the line wraps: the
    settings refuse such a place (``settings_checks.check_place_fits``), so only data stored
    before that check reach it. ``left``: the header's left column when widened
    (:func:`header_left_width`), so that the number stays centred under the issuing body."""
    if left is None:
        left = column_widths(settings)[0]
    right = settings.frame_width - left
    need = place_date_width(place)
    if need <= right:
        return left, right
    narrowest = max(text_width(line, fonts.REGULAR, NUMBER_SIZE) for line in number_lines)
    left = max(settings.frame_width - need, min(left, narrowest + COLUMN_AIR))
    return left, settings.frame_width - left


def lines_paragraph(lines: Sequence[str], style: ParagraphStyle) -> Paragraph:
    """One centred paragraph from lines broken by the caller."""
    return Paragraph(to_markup("\n".join(lines)), style)


def header_flowables(header: Header, ctx: Context) -> list[Flowable]:
    st = ctx.styles
    left_w = header_left_width(ctx.settings, header.issuing_body)
    right_w = ctx.settings.frame_width - left_w
    wrap_w = left_w - COLUMN_AIR

    left: list[Flowable] = []
    if header.parent_body.strip():
        parent = balanced_lines(
            upper(header.parent_body), fonts.REGULAR, st.parent_body.fontSize, wrap_w
        )
        left.append(lines_paragraph(parent, st.parent_body))
    issuing = balanced_lines(
        upper(header.issuing_body), fonts.BOLD, st.issuing_body.fontSize, wrap_w
    )
    left.append(lines_paragraph(issuing, st.issuing_body))
    widest = max(text_width(line, fonts.BOLD, st.issuing_body.fontSize) for line in issuing)
    left.append(Rule(widest * SHORT_RULE_FRACTION, space_before=5))

    motto_w = text_width(MOTTO, fonts.BOLD, MOTTO_SIZE)
    right: list[Flowable] = [
        Paragraph(to_markup(NATIONAL_TITLE), st.national_title),
        Paragraph(to_markup(MOTTO), st.motto),
        Rule(motto_w, space_before=5),
    ]

    if not header.numbered and not header.show_place_date:
        return [_plain(Table([[left, right]], colWidths=[left_w, right_w], hAlign="LEFT"))]
    # Number and place-date form a second table row in the same style size, so they share a
    # baseline however many lines the bodies above them take. The row is a table of its own,
    # spanning both columns: a long place-date widens its column there only.
    number: Flowable | str = ""
    if header.numbered:
        number = Paragraph(to_markup(header.number_line(), keep_spaces=True), st.number)
    place_date: Flowable | str = ""
    row_widths = (left_w, right_w)
    if header.show_place_date:
        place_date = Paragraph(to_markup(header.place_date_line(), keep_spaces=True), st.place_date)
        row_widths = number_row_columns(
            ctx.settings, header.place, [header.number_line()], left_w
        )
    row = _plain(Table([[number, place_date]], colWidths=list(row_widths), hAlign="LEFT"))

    table = _plain(Table([[left, right], [row, ""]], colWidths=[left_w, right_w], hAlign="LEFT"))
    table.setStyle(TableStyle([("SPAN", (0, 1), (1, 1)), ("TOPPADDING", (0, 1), (-1, 1), 8)]))
    return [table]


def _plain(table: Table) -> Table:
    """``table`` with no padding, cells aligned at the top, the embedded font set."""
    table.setStyle(
        TableStyle(
            [
                # Tables set the cell font even for flowable cells; reportlab's default is the
                # non-embedded Helvetica, which must never reach an official PDF.
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
