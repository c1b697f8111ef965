"""The reminder (đôn đốc) and the tasks report cite a task's source alike
(documents/notices.task_source): the conclusions notice the unit received when one was issued
and in force on the document's date, else the meeting. On a real SQLite file (the held meeting
of 06/07/2026 of tests.test_conclusions_edit, its task of a unit due 30/09/2026), PDFs read
back with pdfium (tests/pdf_tables.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bdcq_desktop.core.models import Task
from bdcq_desktop.documents import service
from tests.pdf_tables import table_cells
from tests.test_conclusions_edit import _issue_notice, held_meeting

LATER = date(2026, 10, 15)  # the task due 30/09/2026 is overdue
# Dates as documents write them (core.text.decree_date).
NOTICE = "Thông báo số 01/TB-BCĐ ngày 07/7/2026"
MEETING = "Kết luận tại cuộc họp ngày 06/7/2026"


def _cells(pdf: bytes) -> set[str]:
    """Every table cell's text on one line (a source wraps in its narrow column)."""
    return {cell.strip() for cell in table_cells(pdf)}


def _unit_of(db: Any, task_id: int) -> int:
    with db.session() as s:
        task = s.get(Task, task_id)
        assert task is not None and task.assignee_unit_id is not None
        return task.assignee_unit_id


def _both(db: Any, ids: dict[str, int], day: date) -> tuple[set[str], set[str]]:
    unit = _unit_of(db, ids["task1"])
    reminder = _cells(service.draft(db, "reminder", unit, today=day))
    tasks = _cells(service.draft(db, "tasks", None, today=day))
    assert "Kho dữ liệu dùng chung" in reminder and "Kho dữ liệu dùng chung" in tasks
    return reminder, tasks


def test_both_cite_the_conclusions_notice_in_force_on_their_date(db: Any) -> None:
    ids = held_meeting(db)
    _issue_notice(db, ids["meeting"])
    reminder, tasks = _both(db, ids, LATER)
    assert NOTICE in reminder and NOTICE in tasks
    assert not any("Kết luận" in cell for cell in reminder)


def test_with_no_notice_both_cite_the_meeting_in_the_same_words(db: Any) -> None:
    from bdcq_desktop.core.settings import update_organisation

    ids = held_meeting(db)
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    reminder, tasks = _both(db, ids, LATER)
    assert MEETING in reminder and MEETING in tasks


def test_a_notice_issued_after_the_date_is_not_cited(db: Any) -> None:
    # The tasks report of the meeting's day (the notice came out the day after) cites the
    # meeting; that of the notice's day cites the notice.
    ids = held_meeting(db)
    _issue_notice(db, ids["meeting"])
    assert MEETING in _cells(service.draft(db, "tasks", None, today=date(2026, 7, 6)))
    assert NOTICE in _cells(service.draft(db, "tasks", None, today=date(2026, 7, 7)))
