"""An agenda none of whose items has a presenter (a 30-item agenda of reports from the units,
nobody named yet) has no "Thực hiện" column: a third of the page left blank beside every item
wrapped each to four lines and ran the agenda to four pages. Read back from the PDF."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from bdcq_desktop.core.meetings import create_meeting
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from tests.pdf_tables import page_tables
from tests.test_meetings_core import END, START, Roster, base, roster  # noqa: F401

REPORT = (
    "Báo cáo tình hình triển khai nhiệm vụ chuyển đổi số, xây dựng Chính quyền điện tử và bảo "
    "đảm an toàn thông tin mạng của đơn vị số {n}"
)


def _tables(pdf: bytes) -> tuple[int, list[list[str]]]:
    """The page count and the agenda table's rows, header included."""
    pages = page_tables(pdf)
    rows = [
        [re.sub(r"\s+", " ", c or "").strip() for c in row]
        for tables in pages
        for table in tables
        for row in table
    ]
    return len(pages), rows


def _organisation(db: Any) -> None:
    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
    )


def test_an_agenda_with_no_presenter_drops_the_presenter_column(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    _organisation(db)
    agenda = [{"title": REPORT.format(n=n), "planned_minutes": 7} for n in range(1, 31)]
    meeting = create_meeting(db, **base(roster), agenda=agenda)
    pages, rows = _tables(service.draft(db, "agenda", meeting))
    assert rows[0] == ["Thời gian", "Nội dung"]
    items = [r for r in rows if r[0] != "Thời gian"]
    assert [r[1] for r in items] == [a["title"] for a in agenda]
    assert pages <= 3  # four with a blank third of the page beside every item
    # One presenter named keeps the column, the others' cells left to fill by hand.
    agenda = [
        {"title": REPORT.format(n=1), "planned_minutes": 7},
        {"title": "Tham luận của chuyên gia", "presenter_name": "TS. Nguyễn Văn Khách"},
    ]
    week = timedelta(days=7)
    later = base(roster, starts_at=START + week, ends_at=END + week, title="Họp lần hai")
    meeting = create_meeting(db, **later, agenda=agenda)
    _pages, rows = _tables(service.draft(db, "agenda", meeting))
    assert rows[0] == ["Thời gian", "Nội dung", "Thực hiện"]
    assert [r[2] for r in rows[1:]] == ["", "TS. Nguyễn Văn Khách"]
