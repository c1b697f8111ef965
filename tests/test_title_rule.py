"""The short rule under a document's title, read back from the PDFs with pdfplumber.

Decree 30/2020 (official-documents.md): the summary (trích yếu) has a short rule under it, and
nothing may overlap text. The agenda and the attendance sheet carry an italic line with the
meeting's time and place; it wrapped onto two lines for a meeting at "Phòng họp Sở Y tế" and
the rule, drawn under it, ran along its second line. The line is now set under the rule.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import update

from bdcq_desktop.core.models import Meeting
from bdcq_desktop.documents import PageSettings, service
from bdcq_desktop.documents import fonts as docfonts
from tests.conftest import DEMO_TODAY
from tests.test_meeting_docs import MEETING_KINDS, make_meeting

PAGE = PageSettings()
# Clear space between a rule and the boxes of the words above and below it (points).
CLEARANCE = 2.0
LONG_TITLE = (
    "Họp Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh đánh giá kết quả thực hiện nhiệm vụ "
    "chuyển đổi số 6 tháng đầu năm 2026, triển khai Đề án 06 và phương hướng, nhiệm vụ trọng "
    "tâm 6 tháng cuối năm 2026"
)
LONG_PLACE = (
    "Hội trường tầng 2, trụ sở Hội đồng nhân dân và Ủy ban nhân dân tỉnh Nghệ An, số 03 đường "
    "Trường Thi, phường Trường Thi, thành phố Vinh, tỉnh Nghệ An (cổng phía đường Lê Hồng Phong)"
)
# (title, place): the time-and-place line on one, two and three lines; one, two, three-line
# summaries.
VARIANTS = {
    "one-line note": ("Làm việc với Sở Y tế", None),
    "two-line note": ("Làm việc với Sở Y tế", "Phòng họp Sở Y tế"),
    "three-line note, long title": (LONG_TITLE, LONG_PLACE),
}


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    docfonts.register_fonts(prefer_system=False)
    yield


def _segments(page: Any) -> list[dict[str, float]]:
    """Horizontal strokes: lines, and rectangles thinner than 2 pt."""
    out = [
        {"x0": ln["x0"], "x1": ln["x1"], "y": (ln["top"] + ln["bottom"]) / 2}
        for ln in page.lines
        if abs(ln["top"] - ln["bottom"]) < 2 and ln["x1"] - ln["x0"] > 5
    ]
    out += [
        {"x0": r["x0"], "x1": r["x1"], "y": (r["top"] + r["bottom"]) / 2}
        for r in page.rects
        if r["height"] < 2 and r["width"] > 5
    ]
    return out


def title_rules(page: Any) -> list[dict[str, float]]:
    """Short rules centred on the text frame: the ones under a title (the header's rules are
    centred in their columns, table rules span the table)."""
    left = PAGE.left
    width = page.width - PAGE.left - PAGE.right
    centre = left + width / 2
    return [
        s
        for s in _segments(page)
        if s["x1"] - s["x0"] < 0.55 * width and abs((s["x0"] + s["x1"]) / 2 - centre) < 2
    ]


def assert_clear(page: Any, rule: dict[str, float], where: str) -> tuple[list[Any], list[Any]]:
    """No character box within CLEARANCE of the rule over its length; the characters above
    and below it (nearest lines first) are returned."""
    chars = [
        c
        for c in page.chars
        if c["text"].strip() and c["x1"] > rule["x0"] - 1 and c["x0"] < rule["x1"] + 1
    ]
    y = rule["y"]
    crossing = [
        c["text"] for c in chars if c["top"] - CLEARANCE < y < c["bottom"] + CLEARANCE
    ]
    assert not crossing, (where, y, "".join(crossing))
    above = sorted((c for c in chars if c["bottom"] <= y), key=lambda c: -c["bottom"])
    below = sorted((c for c in chars if c["top"] >= y), key=lambda c: c["top"])
    return above, below


def _open(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


def _meeting(db: Any, title: str, place: str | None) -> int:
    meeting_id = make_meeting(db)
    with db.session() as s:
        s.execute(update(Meeting).where(Meeting.id == meeting_id).values(title=title, place=place))
    return meeting_id


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("kind", MEETING_KINDS)
def test_the_title_rule_of_every_meeting_document_touches_no_text(
    demo_db: Any, kind: str, variant: str
) -> None:
    title, place = VARIANTS[variant]
    meeting_id = _meeting(demo_db, title, place)
    pdf = _open(service.draft(demo_db, kind, meeting_id))
    first = pdf.pages[0]
    rules = title_rules(first)
    assert len(rules) == 1, (kind, variant, rules)
    above, below = assert_clear(first, rules[0], f"{kind}, {variant}")
    # Right under the summary: bold text above, and the first text under it is no part of it.
    assert above and "Bold" in above[0]["fontname"], (kind, variant)
    if kind in ("agenda", "attendance"):
        # The time and place (italic) come after the rule, all of them.
        # (The header's place and date line is italic too: only what follows the type name.)
        type_top = min(
            c["top"] for c in first.chars if "Bold" in c["fontname"] and c["size"] > 13.5
        )
        italic = [
            c
            for c in first.chars
            if "Italic" in c["fontname"] and type_top < c["top"] < rules[0]["y"] + 60
        ]
        note = [c for c in italic if c["text"] == "("]
        assert note, (kind, variant)
        assert all(c["top"] > rules[0]["y"] for c in italic), (kind, variant)
        assert below[0]["top"] - rules[0]["y"] >= 4, (kind, variant)
    # Annexes (Kèm theo …) keep their own rule under the reference line: clear of text too.
    for number, page in enumerate(pdf.pages[1:], 2):
        for rule in title_rules(page):
            assert_clear(page, rule, f"{kind}, {variant}, page {number}")


@pytest.mark.parametrize(
    ("kind", "record_id"),
    [
        ("wg-convocation", 1),
        ("wg-report", 3),
        ("roster", None),
        ("reports-summary", 9),
        ("tasks", None),
    ],
)
def test_the_title_rule_of_the_other_documents_touches_no_text(
    demo_db: Any, kind: str, record_id: int | None
) -> None:
    pdf = _open(service.draft(demo_db, kind, record_id, today=DEMO_TODAY))
    seen = 0
    for number, page in enumerate(pdf.pages, 1):
        for rule in title_rules(page):
            above, _ = assert_clear(page, rule, f"{kind}, page {number}")
            assert above, (kind, number)
            seen += 1
    assert seen >= 1, kind
