"""Editing a meeting already held, headless, on a real SQLite file: its start may not move
after now, and a new day or chair reaches the tasks its conclusions assigned (the chair on the
meeting's day), or the save is refused naming the task whose dates it would break."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from bdcq_desktop.core.adhoc_tasks import create_task
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.meetings import get_meeting, update_meeting
from bdcq_desktop.core.models import Meeting, Task
from bdcq_desktop.core.tasks import complete_task
from tests.test_conclusions_edit import held_meeting

AFTER = datetime(2026, 7, 10, 9, 0)  # "now": four days after the meeting of 06/07/2026


@pytest.fixture
def held(db: Any) -> dict[str, int]:
    return held_meeting(db)


def _tasks(db: Any, *ids: int) -> list[tuple[date | None, int | None]]:
    with db.session() as s:
        return [(s.get(Task, i).assigned_on, s.get(Task, i).assigned_by_id) for i in ids]


def _refused(db: Any, mid: int, now: datetime = AFTER, **fields: Any) -> ValidationError:
    version = get_meeting(db, mid).version
    with pytest.raises(ValidationError) as info:
        update_meeting(db, mid, expected_version=version, now=now, **fields)
    assert info.value.field == "starts_at", info.value
    assert get_meeting(db, mid).version == version  # nothing written
    return info.value


def test_a_held_meeting_cannot_start_later_than_now(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    assert get_meeting(db, mid).status == "held"
    err = _refused(
        db, mid, starts_at=datetime(2027, 5, 20, 14, 0), ends_at=datetime(2027, 5, 20, 16, 0)
    )
    assert "chưa đến" in err.message and "14:00 20/05/2027" in err.message
    assert get_meeting(db, mid).starts_at == datetime(2026, 7, 6, 8, 0)
    # An hour after now is refused too; a start that has passed is accepted.
    _refused(db, mid, starts_at=datetime(2026, 7, 10, 10, 0), ends_at=datetime(2026, 7, 10, 11))
    update_meeting(
        db,
        mid,
        expected_version=get_meeting(db, mid).version,
        now=AFTER,
        starts_at=datetime(2026, 7, 6, 8, 30),
    )
    assert get_meeting(db, mid).starts_at == datetime(2026, 7, 6, 8, 30)


def test_a_new_day_and_chair_reach_the_conclusion_tasks(db: Any, held: dict[str, int]) -> None:
    mid, head = held["meeting"], held["head"]
    deputy = mem.create_person(db, full_name="Vũ Thị Hoa", position="Phó Chủ tịch UBND tỉnh")
    mem.appoint(db, deputy, role="deputy_head", start_date=date(2024, 1, 1))
    tasks = (held["task1"], held["task2"])
    assert _tasks(db, *tasks) == [(date(2026, 7, 6), head)] * 2
    # A task given directly by the Head on the meeting's day is not the meeting's: untouched.
    own = create_task(
        db,
        content="Báo cáo riêng",
        assignee_unit_id=held["unit"],
        assigned_by_id=head,
        assigned_on=date(2026, 7, 6),
        deadline=date(2026, 12, 31),
        today=AFTER.date(),
    )
    update_meeting(
        db,
        mid,
        expected_version=get_meeting(db, mid).version,
        now=AFTER,
        starts_at=datetime(2026, 7, 8, 8, 0),
        ends_at=datetime(2026, 7, 8, 11, 0),
        chair_id=deputy,
    )
    assert _tasks(db, *tasks) == [(date(2026, 7, 8), deputy)] * 2
    assert _tasks(db, own) == [(date(2026, 7, 6), head)]
    (c,) = get_meeting(db, mid).conclusions
    shown = [(t.assigned_by, t.assigned_on) for t in c.tasks]
    assert shown == [("Vũ Thị Hoa", date(2026, 7, 8))] * 2
    # The chair alone changes back: the day stays.
    version = get_meeting(db, mid).version
    update_meeting(db, mid, expected_version=version, now=AFTER, chair_id=head)
    assert _tasks(db, *tasks) == [(date(2026, 7, 8), head)] * 2


def test_a_task_dated_before_the_new_day_refuses_the_save(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    # Task 1's deadline is 30/09/2026: the meeting cannot move after it.
    err = _refused(
        db,
        mid,
        now=datetime(2026, 10, 10, 9, 0),
        starts_at=datetime(2026, 10, 5, 8, 0),
        ends_at=datetime(2026, 10, 5, 11, 0),
    )
    assert "“Kho dữ liệu dùng chung” có thời hạn 30/09/2026" in err.message, err.message
    assert "05/10/2026" in err.message
    # Task 2, done on 07/07/2026, cannot have been given on 08/07.
    complete_task(db, held["task2"], date(2026, 7, 7), expected_version=1, today=AFTER.date())
    err = _refused(
        db, mid, starts_at=datetime(2026, 7, 8, 8, 0), ends_at=datetime(2026, 7, 8, 11, 0)
    )
    assert "“Rà soát thủ tục” đã hoàn thành ngày 07/07/2026" in err.message, err.message
    assert _tasks(db, held["task1"], held["task2"]) == [(date(2026, 7, 6), held["head"])] * 2


def test_check_finds_a_held_meeting_dated_in_the_future(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    assert not [p for p in run_checks(db, date(2026, 7, 10)) if p.code == "meeting_held_future"]
    with db.session() as s:  # the way an older version let it be saved
        m = s.get(Meeting, mid)
        m.starts_at, m.ends_at = datetime(2027, 5, 20, 14, 0), datetime(2027, 5, 20, 16, 0)
    (p,) = [p for p in run_checks(db, date(2026, 7, 10)) if p.code == "meeting_held_future"]
    assert p.record == f"meeting#{mid}" and "14:00 20/05/2027" in p.message
    # On the meeting's day itself it is not (yet) in the future.
    assert not [p for p in run_checks(db, date(2027, 5, 20)) if p.code == "meeting_held_future"]
