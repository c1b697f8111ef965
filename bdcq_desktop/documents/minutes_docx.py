"""The draft minutes as a Word file (.docx), for a chair who wants to edit them in Word.

Same content as the draft the secretary edits (:func:`bdcq_desktop.core.minutes_text.
minutes_draft`): opening, attendance, the notes under each agenda item, the conclusions with
their tasks, the closing; with the state-format header (parent and issuing body on the left,
the national title and motto on the right), the title BIÊN BẢN and the signature blocks of the
secretary and the chair, in Times New Roman 13–14 pt on A4 with the decree's margins. It is a
working copy: the issued PDF, numbered in the register, stays the record.
"""

from __future__ import annotations

import os
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from ..core.db import Database, output_path
from ..core.errors import ValidationError
from ..core.files import write_atomic
from ..core.i18n import tr
from ..core.minutes_text import MinutesDraft, minutes_draft, task_line
from .dated import settings_of
from .header import MOTTO, NATIONAL_TITLE
from .settings import load

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13


def _font(run, size: float, *, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    # East Asian and complex-script slots too, or Word substitutes a font for Vietnamese marks.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _para(
    target: Document | _Cell,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
) -> Paragraph:
    p = target.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(6)
    if indent:
        fmt.first_line_indent = Mm(10)
    _font(p.add_run(text), size, bold=bold, italic=italic)
    return p


def _header(doc: Document, parent: str, body: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(67), Mm(98)
    left.paragraphs[0].text = ""
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = left.paragraphs[0]
    first.alignment = center
    _font(first.add_run(parent.upper()), HEADER_PT)
    _para(left, body.upper(), size=HEADER_PT, bold=True, align=center)
    top = right.paragraphs[0]
    top.alignment = center
    _font(top.add_run(NATIONAL_TITLE), HEADER_PT - 1, bold=True)
    _para(right, MOTTO, size=BODY_PT, bold=True, align=center)


def build_docx(draft: MinutesDraft, parent_body: str, issuing_body: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    _header(doc, parent_body, issuing_body)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "BIÊN BẢN", bold=True, align=center).paragraph_format.space_before = Pt(12)
    _para(doc, draft.title, bold=True, align=center)
    for line in draft.opening.splitlines():
        if line.strip():
            _para(doc, line.strip(), indent=True)
    _para(doc, "Thành phần tham dự:", bold=True)
    for line in draft.attendance:
        _para(doc, f"- {line}", indent=True)
    _para(doc, "Nội dung:", bold=True)
    for item in draft.items:
        _para(doc, f"{item.order}. {item.title}", bold=True)
        for line in item.notes.splitlines():
            if line.strip():
                _para(doc, line.strip(), indent=True)
    if draft.conclusions:
        who = f"đồng chí {draft.chair}" if draft.chair else "người chủ trì"
        _para(doc, f"Kết luận của {who}:", bold=True)
        for c in draft.conclusions:
            _para(doc, f"{c.order}. {c.text}", indent=True)
            for t in c.tasks:
                _para(doc, f"- {task_line(t)}", indent=True)
    for line in draft.closing.splitlines():
        if line.strip():
            _para(doc, line.strip(), indent=True)
    signatures = doc.add_table(rows=1, cols=2)
    for cell, role, name in zip(
        signatures.rows[0].cells,
        ("THƯ KÝ", "CHỦ TỌA"),
        (draft.secretary, draft.chair),
        strict=True,
    ):
        cell.paragraphs[0].alignment = center
        _font(cell.paragraphs[0].add_run(role), BODY_PT, bold=True)
        for _ in range(3):
            cell.add_paragraph()
        _para(cell, name, bold=True, align=center)
    doc.core_properties.title = f"Biên bản: {draft.title}"
    return doc


def write_minutes_docx(db: Database, meeting_id: int, path: str | os.PathLike[str]) -> Path:
    """Write the draft minutes of ``meeting_id`` to ``path`` (never the database; through a
    temporary file in the same folder, renamed into place)."""
    target = output_path(path, db)
    if target.suffix.casefold() != ".docx":
        raise ValidationError(
            "output",
            tr("Tệp biên bản Word phải có đuôi .docx: {name}").format(name=target.name),
            label=tr("Tệp đầu ra"),
        )
    draft = minutes_draft(db, meeting_id)
    # The header of the meeting's day, as the PDF minutes print it (.dated).
    settings = settings_of(db, load(db), draft.starts_at.date())
    doc = build_docx(draft, settings.parent_body, settings.issuing_body)
    return write_atomic(target, lambda tmp: doc.save(str(tmp)))
