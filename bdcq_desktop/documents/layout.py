"""The layout engine: a ``Document`` description rendered to PDF bytes (Decree 30/2020 format).

One engine for every official PDF, so that the header, numbering, dates, signature, recipients
and page numbers are laid out once and identically in invitations, minutes, notices and reports.
It is headless (reportlab only, no Qt) and deterministic: the same ``Document`` always gives the
same bytes, which the application fingerprints with SHA-256 to prove what was issued.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import _ktAllow

from bdcq_desktop import __version__
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.i18n import tr
from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.blocks import Block, Context, NewPage, Title
from bdcq_desktop.documents.closing import Recipients, SignatureBlock, closing_flowable
from bdcq_desktop.documents.header import Header, header_flowables
from bdcq_desktop.documents.keep import KeepWithClosing, KeepWithNext
from bdcq_desktop.documents.page import (
    PAGE_NUMBER_SIZE,
    PageSettings,
    Styles,
)
from bdcq_desktop.documents.text import (
    nfc,
    plain,
    upper,
)

CREATOR = "BCĐ Desktop"

__all__ = [
    "CREATOR",
    "DocTemplate",
    "Document",
    "Header",
    "KeepWithClosing",
    "Recipients",
    "SignatureBlock",
    "build_story",
    "render",
]


# --- document description ---------------------------------------------------------------------


@dataclass
class Document:
    """Everything one official PDF shows.

    ``body`` lists blocks (``Para``, ``Heading``, ``DataTable``, …) or raw reportlab flowables.
    ``signatures``: none, one (printed right of the recipients), or several side by side (the
    minutes' THƯ KÝ left and CHỦ TỌA right, recipients below them). ``annex`` blocks (e.g. the
    list of invitees ``kèm theo``) follow the signature on a new page; start them with
    ``NewPage(landscape=True)`` for a wide table.
    """

    header: Header | None
    title: Title | None
    body: Sequence[Block | Flowable] = ()
    signatures: Sequence[SignatureBlock] = ()
    recipients: Recipients | None = None
    annex: Sequence[Block | Flowable] = ()
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


# --- pages ------------------------------------------------------------------------------------

# Asked at each new page of a build in this thread (or task): true once the build is no longer
# wanted (a preview whose dialog closed, or whose officer picked another kind). A decade's
# tasks report takes some 20 s to build; unstopped, it held up every document after it.
_UNWANTED: ContextVar[Callable[[], bool] | None] = ContextVar("bcd_build_unwanted", default=None)


class BuildCancelled(Exception):
    """The build stopped because it was no longer wanted (see :func:`cancellable`)."""


@contextmanager
def cancellable(unwanted: Callable[[], bool]) -> Iterator[None]:
    """Builds in this block stop, raising :class:`BuildCancelled`, at the first new page after
    ``unwanted()`` turns true."""
    token = _UNWANTED.set(unwanted)
    try:
        yield
    finally:
        _UNWANTED.reset(token)


class DocTemplate(BaseDocTemplate):
    """reportlab's document template, keep-with-next meaning "with the FIRST part of the next".

    reportlab puts flowables marked keep-with-next and the flowable after them in a
    ``KeepTogether``, which moves the whole group to the next page when it does not fit: a title
    before a table longer than a page leaves page 1 with only the header. Here the group is a
    :class:`KeepWithNext`: the title keeps the first rows of the table (the first two lines of a
    paragraph) and the rest flows on.
    """

    def handle_pageBegin(self) -> None:
        unwanted = _UNWANTED.get()
        if unwanted is not None and unwanted():
            raise BuildCancelled
        super().handle_pageBegin()

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        i, n = 0, len(flowables)
        while i < n and flowables[i].getKeepWithNext() and _ktAllow(flowables[i]):
            i += 1
        if not i or i == n or not _ktAllow(flowables[i]) or getattr(self, "_multiBuildEdits", None):
            # Nothing to keep them with (end of the story, a page break): reportlab's way.
            super().handle_keepWithNext(flowables)
            return
        head = flowables[:i]
        for f in head:
            f.__dict__["keepWithNext"] = 0  # grouped now: never grouped again when split
        flowables[: i + 1] = [KeepWithNext(head, flowables[i])]


def _draw_page_number(canv: Canvas, doc: BaseDocTemplate) -> None:
    """Arabic page number, centred over the text width in the top margin, from page 2 on."""
    page = canv.getPageNumber()
    if page < 2:
        stamp: str | None = doc.bcd_date_stamp  # type: ignore[attr-defined]
        if stamp:
            # invariant mode stamps 2000-01-01; the document's own date is as reproducible and
            # tells a reader something true.
            canv.setDateFormatter(lambda *_: stamp)
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
        bottomPadding=settings.descent_room,
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
        story += header_flowables(doc.header, ctx)
    if doc.title is not None:
        story += doc.title.flowables(ctx)
    story, ctx = _add_blocks(story, doc.body, ctx)
    closing = closing_flowable(doc.signatures, doc.recipients, ctx)
    if closing is not None:
        # Glue the closing to the last real flowable (spacers would glue it to nothing).
        idx = len(story) - 1
        while idx >= 0 and isinstance(story[idx], Spacer | NextPageTemplate):
            idx -= 1
        if idx >= 0 and not isinstance(story[idx], PageBreak):
            story[idx] = KeepWithClosing(story[idx], closing)
        else:
            story.append(closing)
    if doc.annex:
        annex = list(doc.annex)
        if not isinstance(annex[0], NewPage):
            annex.insert(0, NewPage())  # an annex always starts on a page of its own
        story, ctx = _add_blocks(story, annex, ctx)
    return story


def _add_blocks(
    story: list[Flowable], blocks: Sequence[Block | Flowable], ctx: Context
) -> tuple[list[Flowable], Context]:
    """Append the flowables of ``blocks``; a ``NewPage`` may switch orientation (and context)."""
    for block in blocks:
        if isinstance(block, NewPage):
            landscape = ctx.settings.landscape if block.landscape is None else block.landscape
            settings = ctx.settings.oriented(landscape)
            ctx = Context(settings, Styles(settings))
            story += [NextPageTemplate(_template_name(landscape)), PageBreak()]
        elif isinstance(block, Block):
            story += block.flowables(ctx)
        else:
            story.append(block)
    return story, ctx


def new_template(doc: Document, buffer: io.BytesIO) -> DocTemplate:
    """The page set-up every PDF shares: A4 and margins from the settings, metadata, fixed
    creation data for identical bytes, and the two page templates (the document's orientation
    first; the other serves NewPage(landscape=…))."""
    settings = doc.settings
    template = DocTemplate(
        buffer,
        pagesize=settings.page_size,
        leftMargin=settings.left,
        rightMargin=settings.right,
        topMargin=settings.top,
        bottomMargin=settings.bottom,
        title=doc.metadata_title(),
        author=upper(doc.header.issuing_body) if doc.header else "",
        subject=doc.metadata_subject(),
        creator=CREATOR,
        producer=f"{CREATOR} {__version__} (ReportLab)",
        keywords=[nfc(k) for k in doc.keywords],
        lang="vi-VN",
        # invariant: fixed creation date and document ID, so equal input gives equal bytes.
        invariant=1,
        displayDocTitle=1,
        # Without this the canvas declares Helvetica, a non-embedded base-14 font, on every page.
        initialFontName=fonts.REGULAR,
        initialFontSize=settings.body_size,
    )
    main = settings.landscape
    template.addPageTemplates(
        [
            _page_template(_template_name(main), settings),
            _page_template(_template_name(not main), settings.oriented(not main)),
        ]
    )
    return template


def _template_name(landscape: bool) -> str:
    return "landscape" if landscape else "portrait"


def render(doc: Document) -> bytes:
    """Render ``doc`` to PDF bytes. Identical documents give identical bytes."""
    fonts.ensure_fonts()
    _validate(doc)
    settings = doc.settings
    buffer = io.BytesIO()
    template = new_template(doc, buffer)
    template.bcd_settings = settings  # type: ignore[attr-defined]
    date = doc.header.date if doc.header else None
    # Vietnam is UTC+7 all year; the PDF date of an issued document is its date of issue.
    template.bcd_date_stamp = (  # type: ignore[attr-defined]
        f"D:{date:%Y%m%d}000000+07'00'" if date else None
    )
    template.build(build_story(doc))
    return buffer.getvalue()


def _validate(doc: Document) -> None:
    """What every document needs from the settings: each refusal names the field by its label
    and where the officer fills it in (a new file has none of them yet)."""
    if doc.header is not None and not plain(doc.header.issuing_body).strip():
        raise ValidationError(
            "issuing_body",
            tr(
                "Chưa có tên cơ quan ban hành văn bản: hãy ghi “Tên Ban Chỉ đạo” tại "
                "Tệp › Thiết lập…, thẻ “Tổ chức”."
            ),
            label=tr("Tên Ban Chỉ đạo"),
        )
    if doc.header is not None and doc.header.show_place_date and not doc.header.place.strip():
        raise ValidationError(
            "place",
            tr(
                "Chưa có địa danh ghi trên văn bản: hãy ghi “Địa danh” tại Tệp › Thiết lập…, "
                "thẻ “Tổ chức”."
            ),
            label=tr("Địa danh"),
        )
    for sig in doc.signatures:
        if not any(line.strip() for line in sig.authority):
            raise ValidationError(
                "authority",
                tr(
                    "Chưa có thẩm quyền ký văn bản: hãy ghi “Thẩm quyền ký” tại "
                    "Tệp › Thiết lập…, thẻ “Văn bản”."
                ),
                label=tr("Thẩm quyền ký"),
            )
