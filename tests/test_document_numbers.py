"""Numbers as a Vietnamese document writes them: a count of a thousand or more grouped by dots
(``1.885``), a phone number never split across two lines."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core.models import Meeting
from bdcq_desktop.core.people import update_person
from bdcq_desktop.core.text import count_text
from bdcq_desktop.documents import service
from tests.test_other_docs import full_text, table_rows

PHONE = "0922 118 646"


def test_a_count_groups_its_thousands_with_dots() -> None:
    assert [count_text(n) for n in (0, 7, 910, 1000, 1885, 1234567)] == [
        "0", "7", "910", "1.000", "1.885", "1.234.567",
    ]  # fmt: skip


# Far enough on that the demo's overdue items are late by more than a thousand days.
LATER = date(2030, 6, 1)


def test_days_late_of_a_thousand_or_more_are_grouped_in_the_reminder_and_the_tasks_report(
    demo_db: Any,
) -> None:
    # Every overdue item, not the last 12 months only: those are the ones 1,000 days late.
    pdf = service.draft(demo_db, "reminder", None, today=LATER, options={"since": "all"})
    # The last column of both tables (reports, tasks) is "Số ngày quá hạn".
    days = [row[-1] for row in table_rows(pdf) if row and row[0].isdigit()]
    assert days and all(re.fullmatch(r"\d{1,3}(\.\d{3})*", d) for d in days)
    assert any(int(d.replace(".", "")) >= 1000 for d in days)

    tasks = service.draft(demo_db, "tasks", None, today=LATER)
    cells = [c for row in table_rows(tasks) for c in row]
    late = [c for c in cells if c.startswith("Quá hạn ")]
    assert any(re.fullmatch(r"Quá hạn 1\.\d{3} ngày", c) for c in late)
    assert not any(re.search(r"\d{4}", c) for c in late)


def test_a_phone_number_stays_on_one_line(demo_db: Any) -> None:
    """The convocation's contact line ends with the secretary's phone: wherever the line
    breaks (the secretary's post made longer word by word), the number is whole on one line."""
    with demo_db.session() as s:
        m = s.scalars(
            select(Meeting)
            .where(Meeting.starts_at > datetime.now() + timedelta(days=1))
            .where(Meeting.secretary_id.is_not(None))
            .order_by(Meeting.starts_at)
        ).first()
        assert m is not None
        meeting, secretary = m.id, m.secretary_id
    assert secretary is not None
    update_person(demo_db, secretary, phone=PHONE)
    for words in range(16):  # a line's worth of short words: every place a break can fall
        update_person(demo_db, secretary, position="Chuyên viên" + " phòng" * words)
        lines = full_text(service.draft(demo_db, "convocation", meeting)).splitlines()
        assert any(PHONE in line for line in lines), words
        assert not any(re.search(r"0922( 118)?$", line.strip()) for line in lines), words
