"""The layout engine: a ``Document`` description rendered to PDF bytes (Decree 30/2020 format).

One engine for every official PDF, so that the header, numbering, dates, signature, recipients
and page numbers are laid out once and identically in invitations, minutes, notices and reports.
It is headless (reportlab only, no Qt) and deterministic: the same ``Document`` always gives the
same bytes, which the application fingerprints with SHA-256 to prove what was issued.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from bdcq_desktop import __version__
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.i18n import tr
from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.blocks import SHORT_RULE_FRACTION, Block, Context, NewPage, Title
from bdcq_desktop.documents.page import (
    MOTTO_SIZE,
    PAGE_NUMBER_SIZE,
    PageSettings,
    Rule,
    Styles,
)
from bdcq_desktop.documents.text import (
    balanced_lines,
    format_number_symbol,
    format_place_date,
    nfc,
    plain,
    text_width,
    to_markup,
    upper,
)

CREATOR = "BCĐ Desktop"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Share of the text width given to the header's left column (parent and issuing body, number).
# 67 mm of 165 mm leaves the right column 98 mm, enough for the national title (88 mm at 12 pt
# bold) with a little air; the signature column uses the same split so it sits under it.
LEFT_COLUMN_FRACTION = 67 / 165


# --- document description ---------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """Boxes 1–4 of Appendix I: bodies, national title and motto, number, place and date.

    ``number=None`` prints a draft's blank number; ``date=None`` a draft's blank date (with
    ``draft_year`` if given). Minutes (template 1.9) set ``show_place_date=False``.
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

    def number_line(self) -> str:
        return format_number_symbol(self.number, self.type_abbr, self.body_abbr)

    def place_date_line(self) -> str:
        return format_place_date(self.place, self.date, draft_year=self.draft_year)


@dataclass(frozen=True)
class SignatureBlock:
    """Signing authority lines, room for signature and seal, then the signer's name.

    ``authority`` e.g. ``["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]`` or ``["KT. TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN"]`` (printed in capitals). ``name`` is the signer's full name without
    academic titles; empty leaves the line blank for a draft.
    """

    authority: Sequence[str]
    name: str = ""
    space_mm: float = 28.0


@dataclass(frozen=True)
class Recipients:
    """``Nơi nhận:`` list. Items are printed ``- item;`` and the archive line last.

    ``archive`` is what follows ``Lưu:``: ``VT, BCĐ`` by default, ``VT, Hồ sơ`` for minutes.
    """

    items: Sequence[str]
    archive: str = "VT, BCĐ"

    def lines(self) -> list[str]:
        out = []
        for item in self.items:
            text = nfc(item).strip().removeprefix("-").strip().rstrip(";.").strip()
            if text:
                out.append(f"- {text};")
        archive = nfc(self.archive).strip().rstrip(".")
        out.append(f"- Lưu: {archive}.")
        return out


@dataclass
class Document:
    """Everything one official PDF shows.

    ``body`` lists blocks (``Para``, ``Heading``, ``DataTable``, …) or raw reportlab flowables.
    ``signatures``: none, one (printed right of the recipients), or several side by side (the
    minutes' THƯ KÝ left and CHỦ TỌA right, recipients below them).
    """

    header: Header | None
    title: Title | None
    body: Sequence[Block | Flowable] = ()
    signatures: Sequence[SignatureBlock] = ()
    recipients: Recipients | None = None
    settings: PageSettings = field(default_factory=PageSettings)
    pdf_title: str | None = None
    pdf_subject: str | None = None
    keywords: Sequence[str] = ()

    def metadata_title(self) -> str:
        if self.pdf_title:
            return nfc(self.pdf_title)
        parts: list[str] = []
        if self.title is not None:
            parts.append(upper(self.title.type_name))
        if self.header is not None and self.header.number is not None:
            parts.append(self.header.number_line())
        return " ".join(parts) or CREATOR

    def metadata_subject(self) -> str:
        if self.pdf_subject:
            return nfc(self.pdf_subject)
        if self.title is None:
            return ""
        summary = self.title.summary
        return nfc(" ".join([summary] if isinstance(summary, str) else summary))


# --- header -----------------------------------------------------------------------------------


def _column_widths(settings: PageSettings) -> tuple[float, float]:
    left = settings.frame_width * LEFT_COLUMN_FRACTION
    return left, settings.frame_width - left


def _lines_paragraph(lines: Sequence[str], style: object) -> Paragraph:
    return Paragraph(to_markup("\n".join(lines)), style)


def _header_flowables(header: Header, ctx: Context) -> list[Flowable]:
    st = ctx.styles
    left_w, right_w = _column_widths(ctx.settings)
    wrap_w = left_w - 4  # a hair of air: centred capitals touching the column edge look cramped

    left: list[Flowable] = []
    if header.parent_body.strip():
        parent = balanced_lines(upper(header.parent_body), fonts.REGULAR, st.parent_body.fontSize,
                                wrap_w)  # fmt: skip
        left.append(_lines_paragraph(parent, st.parent_body))
    issuing = balanced_lines(upper(header.issuing_body), fonts.BOLD, st.issuing_body.fontSize,
                             wrap_w)  # fmt: skip
    left.append(_lines_paragraph(issuing, st.issuing_body))
    widest = max(text_width(line, fonts.BOLD, st.issuing_body.fontSize) for line in issuing)
    left.append(Rule(widest * SHORT_RULE_FRACTION, space_before=3))

    motto_w = text_width(MOTTO, fonts.BOLD, MOTTO_SIZE)
    right: list[Flowable] = [
        Paragraph(to_markup(NATIONAL_TITLE), st.national_title),
        Paragraph(to_markup(MOTTO), st.motto),
        Rule(motto_w, space_before=3),
    ]

    # Number and place-date form a second table row in the same style size, so they share a
    # baseline however many lines the bodies above them take.
    number = Paragraph(to_markup(header.number_line(), keep_spaces=True), st.number)
    place_date: Flowable | str = ""
    if header.show_place_date:
        place_date = Paragraph(to_markup(header.place_date_line(), keep_spaces=True), st.place_date)

    table = Table(
        [[left, right], [number, place_date]],
        colWidths=[left_w, right_w],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 8),
            ]
        )
    )
    return [table]


# --- closing: signatures and recipients -------------------------------------------------------


def _signature_flowables(sig: SignatureBlock, ctx: Context, width: float) -> list[Flowable]:
    st = ctx.styles
    lines: list[str] = []
    for line in sig.authority:
        lines += balanced_lines(upper(line), fonts.BOLD, st.authority.fontSize, width - 4)
    out: list[Flowable] = []
    if lines:
        out.append(_lines_paragraph(lines, st.authority))
    out.append(Spacer(0, sig.space_mm * mm))
    if sig.name.strip():
        out.append(Paragraph(to_markup(nfc(sig.name).strip()), st.signer))
    return out


def _recipient_flowables(recipients: Recipients, ctx: Context) -> list[Flowable]:
    st = ctx.styles
    out: list[Flowable] = [Paragraph(to_markup(tr("Nơi nhận:")), st.recipients_label)]
    out += [Paragraph(to_markup(line), st.recipients_item) for line in recipients.lines()]
    return out


def _plain_table(rows: list[list[object]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _closing_flowable(doc: Document, ctx: Context) -> Flowable | None:
    """Recipients beside (one signature) or below (several signatures) the signature blocks."""
    sigs = list(doc.signatures)
    if not sigs and doc.recipients is None:
        return None
    left_w, right_w = _column_widths(ctx.settings)
    recipients: list[Flowable] | str = (
        _recipient_flowables(doc.recipients, ctx) if doc.recipients else ""
    )
    if len(sigs) <= 1:
        signature: list[Flowable] | str = (
            _signature_flowables(sigs[0], ctx, right_w) if sigs else ""
        )
        # The recipients column may be a little narrower than the header's left column; the
        # right column keeps the header's width so the signature centres under the motto.
        table = _plain_table([[recipients, signature]], [left_w, right_w])
    else:
        col_w = ctx.frame_width / len(sigs)
        row = [_signature_flowables(sig, ctx, col_w) for sig in sigs]
        rows: list[list[object]] = [row]
        if recipients:
            rows.append([recipients] + [""] * (len(sigs) - 1))
        table = _plain_table(rows, [col_w] * len(sigs))
        if recipients:
            table.setStyle(TableStyle([("SPAN", (0, 1), (-1, 1)), ("TOPPADDING", (0, 1), (-1, 1), 12)]))
    table.spaceBefore = 6
    return table


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

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab API)
        return self.last.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab API)
        return self.closing.getSpaceAfter()

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._w_last, self._h_last = self.last.wrap(aW, aH)
        self._w_closing, self._h_closing = self.closing.wrap(aW, aH)
        self.width, self.height = aW, self._h_last + self._gap + self._h_closing
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        self.wrap(aW, aH)
        room = aH - self._gap - self._h_closing
        if room > 0:
            parts = self.last.split(aW, room)
            if len(parts) >= 2:
                return [*parts[:-1], KeepWithClosing(parts[-1], self.closing)]
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            # Even a fresh page cannot hold both: separating them beats a layout error.
            return [self.last, self.closing]
        return []  # move both to the next page

    def draw(self) -> None:
        self.last.drawOn(self.canv, 0, self._h_closing + self._gap, _sW=self.width - self._w_last)
        self.closing.drawOn(self.canv, 0, 0, _sW=self.width - self._w_closing)


# --- pages ------------------------------------------------------------------------------------


def _draw_page_number(canv: Canvas, doc: BaseDocTemplate) -> None:
    """Arabic page number, centred over the text width in the top margin, from page 2 on."""
    page = canv.getPageNumber()
    if page < 2:
        return
    settings: PageSettings = doc.bcd_settings  # type: ignore[attr-defined]
    width, height = canv._pagesize
    x = settings.left + (width - settings.left - settings.right) / 2
    # Baseline placed so the digits sit in the vertical middle of the top margin.
    y = height - settings.top / 2 - PAGE_NUMBER_SIZE * 0.35
    canv.saveState()
    canv.setFont(fonts.REGULAR, PAGE_NUMBER_SIZE)
    canv.drawCentredString(x, y, str(page))
    canv.restoreState()


def _page_template(name: str, settings: PageSettings) -> PageTemplate:
    frame = Frame(
        settings.left,
        settings.bottom,
        settings.frame_width,
        settings.frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
    )
    return PageTemplate(
        id=name, frames=[frame], pagesize=settings.page_size, onPage=_draw_page_number
    )


def build_story(doc: Document) -> list[Flowable]:
    """The flowables of ``doc`` (fonts must be registered). Exposed for tests and previews."""
    settings = doc.settings
    ctx = Context(settings, Styles(settings))
    story: list[Flowable] = []
    if doc.header is not None:
        story += _header_flowables(doc.header, ctx)
    if doc.title is not None:
        story += doc.title.flowables(ctx)
    for block in doc.body:
        if isinstance(block, NewPage):
            orientation = settings.landscape if block.landscape is None else block.landscape
            ctx = Context(ctx.settings.oriented(orientation), Styles(ctx.settings.oriented(orientation)))
            story += [NextPageTemplate(_template_name(orientation)), PageBreak()]
        elif isinstance(block, Block):
            story += block.flowables(ctx)
        else:
            story.append(block)
    closing = _closing_flowable(doc, ctx)
    if closing is not None:
        # Glue the closing to the last real flowable (spacers would glue it to nothing).
        idx = len(story) - 1
        while idx >= 0 and isinstance(story[idx], Spacer | NextPageTemplate):
            idx -= 1
        if idx >= 0 and not isinstance(story[idx], PageBreak):
            story[idx] = KeepWithClosing(story[idx], closing)
        else:
            story.append(closing)
    return story


def _template_name(landscape: bool) -> str:
    return "landscape" if landscape else "portrait"


def render(doc: Document) -> bytes:
    """Render ``doc`` to PDF bytes. Identical documents give identical bytes."""
    fonts.ensure_fonts()
    _validate(doc)
    settings = doc.settings
    buffer = io.BytesIO()
    author = upper(doc.header.issuing_body) if doc.header else ""
    template = BaseDocTemplate(
        buffer,
        pagesize=settings.page_size,
        leftMargin=settings.left,
        rightMargin=settings.right,
        topMargin=settings.top,
        bottomMargin=settings.bottom,
        title=doc.metadata_title(),
        author=author,
        subject=doc.metadata_subject(),
        creator=CREATOR,
        producer=f"{CREATOR} {__version__} (ReportLab)",
        keywords=[nfc(k) for k in doc.keywords],
        lang="vi-VN",
        # invariant: fixed creation date and document ID, so equal input gives equal bytes.
        invariant=1,
        displayDocTitle=1,
    )
    # The first template is the document's orientation; the other serves NewPage(landscape=…).
    main = settings.landscape
    template.addPageTemplates(
        [
            _page_template(_template_name(main), settings),
            _page_template(_template_name(not main), settings.oriented(not main)),
        ]
    )
    template.bcd_settings = settings  # type: ignore[attr-defined]
    template.build(build_story(doc))
    return buffer.getvalue()


def _validate(doc: Document) -> None:
    if doc.header is not None and not plain(doc.header.issuing_body).strip():
        raise ValidationError("issuing_body", tr("Chưa có tên cơ quan ban hành văn bản."))
    if doc.header is not None and doc.header.show_place_date and not doc.header.place.strip():
        raise ValidationError("place", tr("Chưa có địa danh ghi trên văn bản."))
    for sig in doc.signatures:
        if not any(line.strip() for line in sig.authority):
            raise ValidationError("authority", tr("Chưa có thẩm quyền ký văn bản."))
