"""The self-test draws an official document in memory and says clearly what is wrong with the
PDF when the bundle lacks the engine or its fonts (bdcq_desktop/documents/self_check.py)."""

from __future__ import annotations

from bdcq_desktop.documents.fonts import register_fonts
from bdcq_desktop.documents.layout import render
from bdcq_desktop.documents.sample import sample_invitation
from bdcq_desktop.documents.self_check import pdf_problem
from tests.pdf_text import page_texts


def _sample() -> bytes:
    register_fonts(prefer_system=False)
    return render(sample_invitation())


def test_the_sample_document_passes_and_reads_back() -> None:
    pdf = _sample()
    assert pdf_problem(pdf) is None
    assert "GIẤY MỜI" in page_texts(pdf)[0]


def test_a_broken_pdf_is_named_for_what_is_wrong() -> None:
    pdf = _sample()
    assert pdf_problem(b"<html>not a pdf</html>") == "no PDF header"
    assert "cut short" in str(pdf_problem(pdf[: len(pdf) // 2]))
    moved = pdf.replace(b"startxref\n", b"startxref\n1", 1)  # points into the middle
    assert "cross-reference" in str(pdf_problem(moved))
    assert pdf_problem(pdf.replace(b"/FontFile2", b"/FontFileX")) == "the fonts are not embedded"
    name = b"/AAAAAA+LiberationSerif"  # the same length, so the offsets still hold
    fallback = pdf.replace(name, b"/Helvetica".ljust(len(name)), 1)
    assert "standard font" in str(pdf_problem(fallback))
