"""The conclusions notice's default recipients name the working group ("- Tổ công tác;") only
while it has a member on the notice's date: the first-time set-up audit found the line on a new
committee's first notice, with no working group on the roster. A line the office typed in
Thiết lập is printed as typed. Read back from the PDFs."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update

from bdcq_desktop.core.models import GroupMembership, Meeting
from bdcq_desktop.documents import service
from bdcq_desktop.documents import settings as ds
from tests.pdf_text import flat_text
from tests.test_settings_kept_on_date import settings_made_on

GROUP = "- Tổ công tác;"
NOTICE_DAY = date(2025, 7, 17)


def _recipients(db: Any, meeting_id: int) -> str:
    text = flat_text(service.draft(db, "conclusions", meeting_id, today=NOTICE_DAY))
    return text[text.index("Nơi nhận:") :]


def _meeting_of_july_2025(db: Any) -> int:
    with db.session() as s:
        return next(
            m.id for m in s.scalars(select(Meeting)) if m.starts_at.date() == date(2025, 7, 14)
        )


def test_the_working_group_is_a_recipient_only_while_it_has_members(demo_db: Any) -> None:
    meeting_id = _meeting_of_july_2025(demo_db)
    assert GROUP in _recipients(demo_db, meeting_id)  # the demo's group, on the roster then
    # Nobody on the working group on the notice's day: no line for a body that is not there.
    with demo_db.session() as s:
        s.execute(update(GroupMembership).values(start_date=date(2026, 1, 1), end_date=None))
    notice = _recipients(demo_db, meeting_id)
    assert "Tổ công tác" not in notice
    assert "- Thành viên Ban Chỉ đạo;" in notice and "- Lưu: VT, BCĐ." in notice
    # The office typed the line itself: printed as typed.
    ks = ds.kind_settings(ds.load(demo_db), "conclusions")
    typed = ("Thành viên Ban Chỉ đạo", "Tổ công tác")
    ds.save_kind(demo_db, ds.KindSettings(**{**ks.__dict__, "recipients": typed}))
    settings_made_on(demo_db, date(2025, 1, 2))  # typed before the notice's day
    assert GROUP in _recipients(demo_db, meeting_id)
