"""Copies: several documents under one number in one PDF (e.g. an invitation per addressee),
each numbering its own pages as a document of its own."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ..core.errors import BcdError
from ..core.i18n import tr
from . import fonts
from .layout import Document, _validate, build_story, new_template
from .page import PAGE_NUMBER_SIZE, PageSettings


class _CopyStart(Flowable):
    """Marks the first page of a copy, so that each copy numbers its pages from its own page 2."""

    def __init__(self, state: dict[str, int]) -> None:
        super().__init__()
        self.state = state

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state["first"] = self.canv.getPageNumber()


def render_copies(docs: Sequence[Document]) -> bytes:
    """Several documents with one number in one PDF (e.g. an invitation per addressee).

    The same engine as :func:`layout.render`, except that the page numbers restart with every
    copy: each copy is a complete document whose first page carries no number.
    """
    fonts.ensure_fonts()
    for doc in docs:
        _validate(doc)
    first = docs[0]
    settings: PageSettings = first.settings
    state = {"first": 1}
    day = first.header.date if first.header else None
    stamp = f"D:{day:%Y%m%d}000000+07'00'" if day else None

    def on_page(canv: Any, _doc: Any) -> None:
        if canv.getPageNumber() == 1 and stamp:
            canv.setDateFormatter(lambda *_: stamp)

    def on_page_end(canv: Any, _doc: Any) -> None:
        number = canv.getPageNumber() - state["first"] + 1
        if number < 2:
            return
        width, height = canv._pagesize
        page = settings.oriented(width > height)
        x = page.left + (width - page.left - page.right) / 2
        y = height - page.top / 2 - PAGE_NUMBER_SIZE * 0.35
        canv.saveState()
        canv.setFont(fonts.REGULAR, PAGE_NUMBER_SIZE)
        canv.drawCentredString(x, y, str(number))
        canv.restoreState()

    buffer = io.BytesIO()
    template = new_template(first, buffer)
    main_name = template.pageTemplates[0].id
    for t in template.pageTemplates:
        t.onPage = on_page
        t.onPageEnd = on_page_end
    story: list[Flowable] = []
    for i, doc in enumerate(docs):
        if i:
            story += [NextPageTemplate(main_name), PageBreak()]
        story.append(_CopyStart(state))
        story += build_story(doc)
    template.build(story)
    return buffer.getvalue()


def per_addressee_issued(symbol: str) -> BcdError:
    """An invitation issued whole asked for again one copy per addressee: refused, saying why
    and how to have numbered copies per addressee."""
    return BcdError(
        tr(
            "Giấy mời số {symbol} đã ban hành: bản lưu là văn bản đã ban hành, không tách "
            "lại thành từng bản theo đại biểu dưới số này. Bỏ tùy chọn mỗi đại biểu một bản "
            "để lấy bản đã ban hành (gửi bản đó cho các đại biểu có tên); muốn mỗi đại biểu "
            "một bản mang số, chọn tùy chọn đó ngay khi ban hành (bdcq export invitation "
            "--meeting ID --issue --per-addressee)."
        ).format(symbol=symbol)
    )
