"""The agenda paper (Chương trình) the chair holds prints the times the meeting's record shows.

An item without planned minutes (a guest's talk whose length nobody knows yet) has a start and
no end, so the items after it have no known time: the record and ``bdcq meetings show`` leave
them blank, and so must the paper; a time guessed as if the talk took no minutes would send the
chair to the discussion while the guest is still speaking."""

from __future__ import annotations

import re
from typing import Any

from bdcq_desktop.core.meeting_detail import get_meeting
from bdcq_desktop.core.meetings import create_meeting
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from tests.pdf_tables import page_tables
from tests.test_meetings_core import Roster, base, roster  # noqa: F401

AGENDA = [
    {"title": "Khai mạc", "planned_minutes": 5},
    {"title": "Tham luận của chuyên gia", "presenter_name": "TS. Nguyễn Văn Khách"},
    {"title": "Thảo luận", "planned_minutes": 45},
    {"title": "Kết luận của Trưởng ban", "planned_minutes": 15},
]


def _rows(pdf: bytes) -> list[list[str]]:
    """The agenda table's rows (time, content, presenter), the header left out."""
    rows = [
        [re.sub(r"\s+", " ", c or "").strip() for c in row]
        for tables in page_tables(pdf)
        for table in tables
        for row in table
    ]
    return [r for r in rows if r[0] != "Thời gian"]


def test_items_after_one_without_minutes_print_no_time(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
    )
    meeting = create_meeting(db, **base(roster), agenda=AGENDA)
    # The record: the talk starts at 08:05, nothing after it has a time.
    starts = [a.starts_at for a in get_meeting(db, meeting).agenda]
    assert [s and f"{s:%H:%M}" for s in starts] == ["08:00", "08:05", None, None]
    rows = _rows(service.draft(db, "agenda", meeting))
    assert [r[1] for r in rows] == [a["title"] for a in AGENDA]
    assert [r[0] for r in rows] == [
        "08 giờ 00 phút - 08 giờ 05 phút",
        "08 giờ 05 phút",
        "",
        "",
    ]



def test_an_item_nobody_is_named_for_prints_who_leads_it(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    """The chair opens and concludes, the delegates discuss; a report whose presenter is not
    yet known is left blank, not handed to "the delegates"."""
    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
    )
    agenda = [
        {"title": "Khai mạc, giới thiệu đại biểu", "planned_minutes": 10},
        {"title": "Báo cáo kết quả chuyển đổi số 6 tháng đầu năm", "planned_minutes": 30},
        {"title": "Thảo luận", "planned_minutes": 45},
        {"title": "Kết luận của Trưởng ban", "planned_minutes": 15},
    ]
    meeting = create_meeting(db, **base(roster), agenda=agenda)
    chair = get_meeting(db, meeting).chair
    assert chair
    rows = _rows(service.draft(db, "agenda", meeting))
    presenters = [r[2] for r in rows]
    assert presenters[0].startswith(f"Đồng chí {chair.name},")
    assert presenters[1] == ""
    assert presenters[2] == "Các đại biểu dự họp"
    assert presenters[3] == presenters[0]
