"""A task handed to another unit (core.task_transfer) belongs, in every list and document of a
day, to the unit that had it on that day (core.tasks_on.handovers_on, one reader for all): the
reminder and the Đôn đốc list dated before the transfer chase the former unit, as the tasks
report of that date lists it there; dated after it, they chase the receiving unit and the task's
source says whence it came and when ("tiếp nhận từ … ngày …"). On a real SQLite file (the
hand-counted dataset of :mod:`tests.report_fixtures`, C retired with no successor five days
before T), PDFs read back (text by pdfium, tests/pdf_text.py; tables by pdfium too,
tests/pdf_tables.py)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

from bdcq_desktop.core import chase
from bdcq_desktop.core.task_transfer import transfer_task
from bdcq_desktop.core.units import retire_unit
from bdcq_desktop.documents import service
from tests import report_fixtures as rf
from tests.pdf_tables import page_tables
from tests.pdf_text import flat_text

T = date(2026, 3, 20)
REASON = "Theo Quyết định số 12/QĐ-UBND, Sở Alpha tiếp nhận"


@pytest.fixture
def data(db: Any) -> rf.Ids:
    ids = rf.build(db, T)
    retire_unit(db, ids.units["C"], on=T - timedelta(days=5))
    return ids


def source_cell(pdf: bytes, content: str) -> str:
    """The source column ("Nguồn giao") of the row of the task ``content``."""
    for tables in page_tables(pdf):
        for table in tables:
            for row in table:
                cells = [re.sub(r"\s+", " ", c or "").strip() for c in row]
                if len(cells) > 2 and cells[1] == content:
                    return cells[2]
    raise AssertionError(content)


def _tasks(units: list[chase.ChaseUnit]) -> dict[str, set[str]]:
    return {u.unit: {t.content for t in u.tasks} for u in units}


def test_a_reminder_dated_before_a_transfer_chases_the_unit_that_had_the_task(
    db: Any, data: rf.Ids
) -> None:
    """B's task, overdue since T, handed to A the day after T: on T it is still B's."""
    a, b = data.units["A"], data.units["B"]
    transfer_task(
        db,
        data.tasks["b_overdue"],
        to_unit_id=a,
        reason=REASON,
        on=T + timedelta(days=1),
        expected_version=None,
        today=date.today(),
    )
    # The Đôn đốc list of T: under B, not A (A is chased for its reports only).
    on_t = _tasks(chase.chase_list(db, today=T))
    assert rf.TASK_B_OVERDUE in on_t[rf.UNIT_B]
    assert rf.TASK_B_OVERDUE not in on_t.get(rf.UNIT_A, set())
    assert chase.chase_list(db, unit_id=a, today=T)[0].tasks == ()
    [to_b] = chase.chase_list(db, unit_id=b, today=T)
    assert [t.content for t in to_b.tasks] == [rf.TASK_B_OVERDUE]
    # The reminders of T say the same, and agree with the tasks report of T.
    assert rf.TASK_B_OVERDUE in flat_text(service.draft(db, "reminder", b, today=T))
    assert rf.TASK_B_OVERDUE not in flat_text(service.draft(db, "reminder", a, today=T))
    # A day later it is A's, no longer B's.
    after = T + timedelta(days=1)
    assert rf.TASK_B_OVERDUE in _tasks(chase.chase_list(db, unit_id=a, today=after))[rf.UNIT_A]
    assert rf.TASK_B_OVERDUE not in flat_text(service.draft(db, "reminder", b, today=after))


def _hand_c_person_to_a(db: Any, data: rf.Ids) -> None:
    """C (retired T-5, no successor) had a person's task, 10 days overdue on T: handed to A on
    T-2 (recorded today)."""
    transfer_task(
        db,
        data.tasks["c_person"],
        to_unit_id=data.units["A"],
        reason=REASON,
        on=T - timedelta(days=2),
        expected_version=None,
        today=date.today(),
    )


def test_a_task_of_a_retired_unit_stays_left_out_in_a_reminder_dated_before_its_transfer(
    db: Any, data: rf.Ids
) -> None:
    _hand_c_person_to_a(db, data)
    before = chase.chase_overview(db, today=T - timedelta(days=3))
    assert rf.TASK_C_PERSON not in {t.content for u in before.units for t in u.tasks}
    assert {u.unit: u.tasks for u in before.left_out}[rf.UNIT_C] == 1
    all_before = flat_text(service.draft(db, "reminder", None, today=T - timedelta(days=3)))
    assert rf.TASK_C_PERSON not in all_before
    assert f"({rf.UNIT_C}: " in all_before  # named in what the reminder leaves out


def test_a_task_handed_over_by_the_day_says_whence_and_when(db: Any, data: rf.Ids) -> None:
    """Dated T, the list, the reminder to A and the tasks report note "tiếp nhận từ UBND huyện
    Gamma ngày 18/03/2026" in the task's source, as a merged unit's tasks note theirs (the
    documents write the day as Decree 30 does: "18/3/2026")."""
    _hand_c_person_to_a(db, data)
    [to_a] = chase.chase_list(db, unit_id=data.units["A"], today=T)
    [task] = [t for t in to_a.tasks if t.content == rf.TASK_C_PERSON]
    assert task.source.endswith(f"; tiếp nhận từ {rf.UNIT_C} ngày 18/03/2026")
    assert task.taken_from == rf.UNIT_C
    note = f"tiếp nhận từ {rf.UNIT_C} ngày 18/3/2026"
    reminder = service.draft(db, "reminder", data.units["A"], today=T)
    assert source_cell(reminder, rf.TASK_C_PERSON).endswith(note)
    report = service.draft(db, "tasks", None, today=T)
    assert source_cell(report, rf.TASK_C_PERSON).endswith(note)
    # Dated before the transfer, the tasks report lists it as C's, with no such note.
    earlier = service.draft(db, "tasks", None, today=T - timedelta(days=3))
    assert "tiếp nhận từ" not in source_cell(earlier, rf.TASK_C_PERSON)
