"""The documents' Paragraph draws exactly what reportlab's own draws: same PDF bytes (but for a
paragraph split right after a line break: tests/test_page_breaks.py)."""

from __future__ import annotations

import io

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus import Paragraph as ReportlabParagraph

from bdcq_desktop.documents import fonts
from bdcq_desktop.documents.paragraph import Paragraph
from bdcq_desktop.documents.text import to_markup
from tests.pdf_text import page_texts

TEXTS = [
    "Ông Nguyễn Văn An, Giám đốc Sở Thông tin và Truyền thông",
    "  spaces   inside\tand around  ",
    "Trung tâm Dữ liệu & Chuyển đổi số <tỉnh>",  # escaped: entities
    "số\u00a0\u00a0\u00a005/GM-BCĐ",  # no-break spaces
    "",
    "   ",
    "Dòng một\nDòng hai",
    "Báo cáo kết quả triển khai nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP), "
    "kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP); tình hình cung cấp dịch "
    "vụ công trực tuyến toàn trình và một phần; những khó khăn, vướng mắc và kiến nghị." * 3,
]


def _pdf(paragraph: type[ReportlabParagraph]) -> bytes:
    fonts.register_fonts(prefer_system=False)
    body = ParagraphStyle(
        "b", fontName=fonts.REGULAR, fontSize=14, leading=17, alignment=TA_JUSTIFY,
        firstLineIndent=28,
    )  # fmt: skip
    cell = ParagraphStyle("c", parent=body, fontSize=12, leading=14, firstLineIndent=0)
    head = ParagraphStyle("h", parent=cell, fontName=fonts.BOLD, alignment=TA_CENTER)
    story = [paragraph(to_markup(t), body) for t in TEXTS]
    story.append(paragraph("<b>Thời gian:</b> 14 giờ 00 phút", body))
    # A table longer than a page, its header repeated: the cells are wrapped to size the
    # table, to split it, and to draw each part.
    rows = [[paragraph(to_markup(h), head) for h in ("STT", "Họ và tên", "Chức vụ")]]
    rows += [
        [paragraph(str(i), cell), paragraph(to_markup(f"Người thứ {i}"), cell),
         paragraph(to_markup(TEXTS[i % len(TEXTS)][:120]), cell)]
        for i in range(1, 90)
    ]  # fmt: skip
    table = Table(rows, colWidths=[40, 150, 260], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    story.append(table)
    story.append(KeepTogether([paragraph(to_markup(TEXTS[-1]), body)] * 3))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=fonts.REGULAR).build(
        story
    )
    return buffer.getvalue()


def test_the_same_pdf_as_reportlabs_paragraph() -> None:
    ours, theirs = _pdf(Paragraph), _pdf(ReportlabParagraph)
    pages = page_texts(ours)
    assert len(pages) >= 3  # the table did split across pages
    text = "".join(pages)
    assert "Người thứ 89" in text
    assert ours == theirs


def test_plain_text_gives_the_fragments_of_the_markup_parser() -> None:
    style = ParagraphStyle("b", fontName="Times-Roman", fontSize=12, leading=14)
    for text in ("Giấy mời", "  a   b  ", "x\u00a0\u00a0y"):
        ours, theirs = Paragraph(text, style), ReportlabParagraph(text, style)
        assert ours.text == theirs.text
        assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in theirs.frags]


def test_each_paragraph_of_a_style_gets_the_parsers_fragment_of_its_own_text() -> None:
    # The first paragraph of a font, size and colour is parsed; the next ones copy its
    # fragment: each must still be what the parser makes of its own text, and its own object.
    red = ParagraphStyle("r", fontName="Times-Bold", fontSize=11, leading=13, textColor="red")
    upper = ParagraphStyle("u", fontName="Times-Roman", fontSize=9, textTransform="uppercase")
    for style in (red, upper, ParagraphStyle("n", fontName="Times-Roman", fontSize=9)):
        made = [Paragraph(t, style) for t in ("Giấy mời", "  a   b  ", "Biên bản họp")]
        for ours, text in zip(made, ("Giấy mời", "  a   b  ", "Biên bản họp"), strict=True):
            theirs = ReportlabParagraph(text, style)
            assert ours.text == theirs.text
            assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in theirs.frags]
        frags = [p.frags[0] for p in made]
        assert len({id(f) for f in frags}) == 3
        assert len({id(f.link) for f in frags} | {id(f.us_lines) for f in frags}) == 6


def test_a_wrap_at_another_width_breaks_the_lines_again() -> None:
    style = ParagraphStyle("b", fontName="Times-Roman", fontSize=12, leading=14)
    p = Paragraph(to_markup(TEXTS[-1]), style)
    wide = p.wrap(400, 1000)
    narrow = p.wrap(200, 1000)
    assert narrow[1] > wide[1]
    assert p.wrap(400, 1000) == wide
    fresh = ReportlabParagraph(to_markup(TEXTS[-1]), style)
    assert fresh.wrap(400, 1000) == wide
    assert len(p.blPara.lines) == len(fresh.blPara.lines)
