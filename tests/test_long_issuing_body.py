"""A long issuing body in the header (a committee renamed in the 2025 reorganisation) wraps to
three lines, not four: its column widens as far as the national title beside it allows; a
short name keeps the usual split (its number centred under it, as the signature column
below)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any

import pdfplumber
from sqlalchemy import select

from bdcq_desktop.core.models import Meeting
from bdcq_desktop.core.settings import get_organisation, update_organisation
from bdcq_desktop.documents import service
from bdcq_desktop.documents.header import LEFT_COLUMN_FRACTION
from bdcq_desktop.documents.page import PageSettings

LONG_NAME = (
    "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
    "tỉnh Nghệ An"
)
PAGE = PageSettings()


def _next_meeting(db: Any) -> int:
    with db.session() as s:
        m = s.scalars(
            select(Meeting)
            .where(Meeting.starts_at > datetime.now() + timedelta(days=1))
            .order_by(Meeting.starts_at)
        ).first()
        assert m is not None
        return m.id


def _header(db: Any, meeting: int) -> tuple[list[str], float, float, float]:
    """The issuing body's lines, the centre of them and of the number line, and the right
    edge of the national title, on page 1 of the meeting's convocation."""
    pdf = pdfplumber.open(io.BytesIO(service.draft(db, "convocation", meeting)))
    words = pdf.pages[0].extract_words(extra_attrs=["fontname"])
    number = next(w for w in words if w["text"] == "Số:")
    title = [w for w in words if w["top"] < number["top"] and w["x0"] > PAGE.left + 180]
    title_top = min(w["top"] for w in title)
    national = [w for w in title if abs(w["top"] - title_top) < 2]
    body = [
        w
        for w in words
        if w["top"] < number["top"] - 5
        and "Bold" in w["fontname"]
        and w["x1"] < min(x["x0"] for x in national)
    ]
    tops = sorted({round(w["top"]) for w in body})
    lines = [" ".join(w["text"] for w in body if round(w["top"]) == t) for t in tops]
    centre = (min(w["x0"] for w in body) + max(w["x1"] for w in body)) / 2
    row = [w for w in words if abs(w["top"] - number["top"]) < 2 and w["x0"] < centre + 60]
    number_centre = (min(w["x0"] for w in row) + max(w["x1"] for w in row)) / 2
    return lines, centre, number_centre, max(w["x1"] for w in national)


def test_a_long_committee_name_wraps_to_three_lines_and_a_short_one_keeps_its_column(
    demo_db: Any,
) -> None:
    meeting = _next_meeting(demo_db)
    usual = PAGE.left + PAGE.frame_width * LEFT_COLUMN_FRACTION / 2
    lines, centre, number, _ = _header(demo_db, meeting)
    assert lines == ["BAN CHỈ ĐẠO XÂY DỰNG", "CHÍNH QUYỀN ĐIỆN TỬ"]
    assert abs(centre - usual) < 3 and abs(number - usual) < 6

    update_organisation(
        demo_db, expected_version=get_organisation(demo_db).version, committee_name=LONG_NAME
    )
    lines, centre, number, title_end = _header(demo_db, meeting)
    assert " ".join(lines) == (
        "BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ"
    )
    assert len(lines) == 3
    # The number stays centred under the body; the national title stays on its line, inside
    # the right margin.
    assert abs(number - centre) < 6
    assert title_end <= PAGE.left + PAGE.frame_width + 0.5
