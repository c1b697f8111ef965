"""A task's deadline is printed the way the app counts it: done on the deadline day is done on
time (core.tasks.task_status), so the issued Thông báo kết luận and the minutes say "thời hạn:
chậm nhất ngày 30/6/2026", never "trước ngày", which a unit reads as "by the day before"."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core.models import Conclusion, Task
from bdcq_desktop.core.tasks import complete_task
from bdcq_desktop.core.text import fold
from tests.test_meeting_docs import all_text, draft_pdf, make_meeting

DEADLINE = date(2026, 6, 30)


def test_the_notice_and_the_minutes_print_the_deadline_as_the_last_day(demo_db: Any) -> None:
    meeting = make_meeting(demo_db)
    for kind in ("conclusions", "minutes"):
        text = all_text(draft_pdf(demo_db, kind, meeting))
        for i in (1, 2):
            assert f"Triển khai nhiệm vụ số {i} (đơn vị chủ trì: Sở Thử nghiệm" in text
        assert text.count("thời hạn: chậm nhất ngày 30/6/2026)") == 2, (kind, text)
        assert "trước ngày" not in text and "truoc ngay" not in fold(text), kind

    # The rule the paper now states: done on that very day is done on time.
    with demo_db.session() as s:
        task = s.scalars(
            select(Task).join(Conclusion).where(Conclusion.meeting_id == meeting)
        ).first()
        assert task is not None and task.deadline == DEADLINE
        task_id, version = task.id, task.version
    done = complete_task(demo_db, task_id, DEADLINE, expected_version=version)
    assert (done.status, done.days_overdue) == ("done_on_time", 0)
