"""Ad hoc tasks and task results in the core: validation before anything is written, one
transaction, version checks, removal only while nothing is reported, and the status computed
from the completion date at the deadline's boundaries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bdcq_desktop.core import adhoc_tasks, tasks
from bdcq_desktop.core.errors import BcdError, ConflictError, ValidationError
from bdcq_desktop.core.models import (
    CommitteeMembership,
    CommitteeRole,
    Person,
    Task,
    TaskSource,
    TaskStatus,
    Unit,
    UnitKind,
)
from bdcq_desktop.core.task_tracking import track_tasks

T = date(2026, 3, 16)


@pytest.fixture
def refs(db: Any) -> dict[str, int]:
    with db.session() as s:
        a = Unit(name="Sở Thông tin và Truyền thông", kind=UnitKind.DEPARTMENT, sort_order=1)
        b = Unit(name="Văn phòng UBND tỉnh", kind=UnitKind.DEPARTMENT, sort_order=2)
        s.add_all([a, b])
        s.flush()
        chair = Person(full_name="Lê Văn Chủ", unit_id=b.id)
        officer = Person(full_name="Phạm Thị Cán", unit_id=a.id)
        s.add_all([chair, officer])
        s.flush()
        # The Head assigns ad hoc tasks (rule 7); the officer is a plain member.
        s.add_all(
            [
                CommitteeMembership(
                    person_id=chair.id, role=CommitteeRole.HEAD, start_date=date(2025, 1, 1)
                ),
                CommitteeMembership(
                    person_id=officer.id, role=CommitteeRole.MEMBER, start_date=date(2025, 1, 1)
                ),
            ]
        )
        return {"a": a.id, "b": b.id, "chair": chair.id, "officer": officer.id}


def _count(db: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Task)) or 0)


def test_create_validates_first_and_names_the_field(db: Any, refs: dict[str, int]) -> None:
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"assignee_unit_id": refs["a"]}, "content", "Nội dung nhiệm vụ"),
        ({"content": "  ", "assignee_unit_id": refs["a"]}, "content", "Nội dung nhiệm vụ"),
        ({"content": "Rà soát"}, "assignee_unit_id", "người được giao hoặc đơn vị chủ trì"),
        (
            {"content": "Rà soát", "assignee_unit_id": refs["a"], "deadline": "31/02/2026"},
            "deadline",
            "Thời hạn",
        ),
        (
            {"content": "Rà soát", "assignee_unit_id": refs["a"], "deadline": T - timedelta(1)},
            "deadline",
            "Ngày giao",
        ),
        (
            {"content": "Rà soát", "assignee_unit_id": refs["a"], "assigned_on": T + timedelta(1)},
            "assigned_on",
            "Ngày giao",
        ),
        ({"content": "Rà soát", "assignee_unit_id": 999}, "assignee_unit_id", "không có mã 999"),
        (
            {"content": "Rà soát", "assignee_person_id": refs["officer"], "focal_unit_id": 998},
            "focal_unit_id",
            "Đơn vị đầu mối",
        ),
        (
            {"content": "Rà soát", "assignee_unit_id": refs["a"], "assigned_by_id": 997},
            "assigned_by_id",
            "Người giao",
        ),
        ({"content": "Rà soát", "assignee_unit_id": refs["a"], "colour": 1}, "colour", "colour"),
    ]
    for fields, field, words in cases:
        with pytest.raises(ValidationError) as exc:
            adhoc_tasks.create_task(db, today=T, **fields)
        assert exc.value.field == field, fields
        assert words in exc.value.message, exc.value.message
    assert _count(db) == 0

    tid = adhoc_tasks.create_task(
        db,
        today=T,
        content="Cafe\u0301 số: rà soát thủ tục",  # decomposed: stored NFC
        assignee_unit_id=refs["a"],
        assignee_person_id=str(refs["officer"]),
        focal_unit_id=refs["b"],
        deadline="30/03/2026",
        assigned_by_id=refs["chair"],
    )
    got = adhoc_tasks.get_task(db, tid)
    assert got.content == "Café số: rà soát thủ tục"
    assert (got.assigned_on, got.deadline) == (T, date(2026, 3, 30))  # assigned today by default
    assert (got.assignee_person_id, got.focal_unit_id, got.assigned_by_id) == (
        refs["officer"],
        refs["b"],
        refs["chair"],
    )
    assert not got.reported
    [row] = track_tasks(db, today=T)
    assert row.ad_hoc and row.source == "Giao trực tiếp" and row.status == "not_due"
    # A deadline on the day it is assigned is accepted.
    adhoc_tasks.create_task(
        db,
        today=T,
        content="Trong ngày",
        assignee_unit_id=refs["a"],
        deadline=T,
        assigned_by_id=refs["chair"],
    )
    assert _count(db) == 2


def test_edit_checks_the_version_and_only_ad_hoc_tasks(db: Any, refs: dict[str, int]) -> None:
    tid = adhoc_tasks.create_task(
        db,
        today=T,
        content="Báo cáo số liệu",
        assignee_unit_id=refs["a"],
        deadline=T,
        assigned_by_id=refs["chair"],
    )
    first = adhoc_tasks.get_task(db, tid)
    values = {**first.values(), "content": "Báo cáo số liệu quý I", "deadline": "20/03/2026"}
    assert (
        adhoc_tasks.update_task(db, tid, expected_version=first.version, today=T, **values) == tid
    )
    after = adhoc_tasks.get_task(db, tid)
    assert after.content == "Báo cáo số liệu quý I" and after.version == first.version + 1
    # A second officer's save from the first reading is refused, nothing written.
    with pytest.raises(ConflictError):
        adhoc_tasks.update_task(
            db, tid, expected_version=first.version, today=T, **{**values, "content": "Cũ"}
        )
    # Invalid input is refused before the version is even looked at.
    with pytest.raises(ValidationError) as exc:
        adhoc_tasks.update_task(
            db, tid, expected_version=after.version, today=T, **{**values, "content": ""}
        )
    assert exc.value.field == "content"
    assert adhoc_tasks.get_task(db, tid) == after
    # A conclusion's task is edited with its conclusion, not here.
    with db.session() as s:
        c_task = Task(
            content="Theo kết luận",
            source=TaskSource.CONCLUSION,
            assignee_unit_id=refs["b"],
            assigned_on=T,
        )
        s.add(c_task)
        s.flush()
        cid = c_task.id
    with pytest.raises(BcdError, match="kết luận"):
        adhoc_tasks.update_task(db, cid, expected_version=None, today=T, **values)
    with pytest.raises(BcdError, match="kết luận"):
        adhoc_tasks.remove_task(db, cid, expected_version=None)


def test_result_status_at_the_deadline_and_removal(db: Any, refs: dict[str, int]) -> None:
    deadline = date(2026, 3, 10)
    common = {
        "assignee_unit_id": refs["a"],
        "assigned_on": date(2026, 3, 1),
        "deadline": deadline,
        "assigned_by_id": refs["chair"],
    }
    on_day = adhoc_tasks.create_task(db, today=T, content="Đúng hạn", **common)
    late = adhoc_tasks.create_task(db, today=T, content="Muộn một ngày", **common)
    spare = adhoc_tasks.create_task(db, today=T, content="Chưa làm", **common)

    v1 = adhoc_tasks.get_task(db, on_day).version
    done = tasks.complete_task(
        db, on_day, "10/03/2026", expected_version=v1, result_report="Đã hoàn thành", today=T
    )
    assert (done.status, done.days_overdue, done.status_label) == (
        "done_on_time",
        0,
        "Hoàn thành đúng hạn",
    )
    done_late = tasks.complete_task(
        db, late, deadline + timedelta(1), expected_version=None, today=T
    )
    assert (done_late.status, done_late.days_overdue) == ("done_late", 1)
    # The same version read before cannot record again; the result is then corrected.
    with pytest.raises(ConflictError):
        tasks.complete_task(db, on_day, deadline, expected_version=v1, today=T)
    again = tasks.complete_task(db, late, deadline, expected_version=done_late.version, today=T)
    assert again.status == "done_on_time"
    # Bad dates: named, nothing written.
    for day, words in (
        ("", "Ngày hoàn thành"),
        ("hôm qua", "Ngày hoàn thành"),
        (T + timedelta(1), "không được muộn hơn"),
        (date(2026, 2, 28), "ngày giao"),
    ):
        with pytest.raises(ValidationError) as exc:
            tasks.complete_task(db, spare, day, expected_version=None, today=T)
        assert exc.value.field == "completed_on" and words in exc.value.message
    rows = {r.id: r for r in track_tasks(db, today=T)}
    assert rows[on_day].result_report == "Đã hoàn thành"
    assert rows[late].result_report == ""
    assert rows[spare].status == "overdue" and rows[spare].days_overdue == 6
    # Text given replaces the report, empty text clears it, None keeps it. Read as of today:
    # these edits are logged now, after T, and a list of T says what stood on T.
    tasks.complete_task(db, on_day, deadline, expected_version=None, result_report=None, today=T)
    assert {r.id: r for r in track_tasks(db)}[on_day].result_report == "Đã hoàn thành"
    tasks.complete_task(db, on_day, deadline, expected_version=None, result_report="", today=T)
    assert {r.id: r for r in track_tasks(db)}[on_day].result_report == ""

    # Removal: refused once something is reported, allowed before; the version counts.
    assert adhoc_tasks.get_task(db, late).reported
    with pytest.raises(BcdError, match="không xóa được"):
        adhoc_tasks.remove_task(db, late, expected_version=None)
    stale = adhoc_tasks.get_task(db, spare).version
    adhoc_tasks.update_task(
        db,
        spare,
        expected_version=stale,
        today=T,
        **{**adhoc_tasks.get_task(db, spare).values(), "content": "Chưa làm (sửa)"},
    )
    with pytest.raises(ConflictError):
        adhoc_tasks.remove_task(db, spare, expected_version=stale)
    adhoc_tasks.remove_task(db, spare, expected_version=stale + 1)
    assert _count(db) == 2
    # A stopped task takes no result.
    with db.session() as s:
        s.get(Task, on_day).status = TaskStatus.CANCELLED  # type: ignore[union-attr]
    with pytest.raises(BcdError, match="đã dừng"):
        tasks.complete_task(db, on_day, deadline, expected_version=None, today=T)


def test_only_the_head_or_a_deputy_of_the_assignment_day_assigns(
    db: Any, refs: dict[str, int]
) -> None:
    """Rule 7: ad hoc tasks are those "the Head or a Deputy gave". Who assigned is required and
    is read from the roster of the assignment day; old records naming someone else are kept
    and edited as long as the assigner and the day stay as they were."""
    with db.session() as s:
        deputy = Person(full_name="Trần Phó Ban", unit_id=refs["b"])
        s.add(deputy)
        s.flush()
        # Deputy Head only from 10/03/2026.
        s.add(
            CommitteeMembership(
                person_id=deputy.id, role=CommitteeRole.DEPUTY_HEAD, start_date=date(2026, 3, 10)
            )
        )
        deputy_id = deputy.id
    base = {"content": "Rà soát", "assignee_unit_id": refs["a"]}
    for fields, words in (
        (base, '"Người giao" không được để trống'),
        ({**base, "assigned_by_id": refs["officer"]}, "Trưởng ban hoặc Phó Trưởng ban"),
        ({**base, "assigned_by_id": deputy_id, "assigned_on": date(2026, 3, 9)}, "09/03/2026"),
    ):
        with pytest.raises(ValidationError) as exc:
            adhoc_tasks.create_task(db, today=T, **fields)
        assert exc.value.field == "assigned_by_id" and words in exc.value.message, fields
    assert _count(db) == 0
    by_deputy = adhoc_tasks.create_task(
        db, today=T, assigned_by_id=deputy_id, assigned_on=date(2026, 3, 10), **base
    )
    assert adhoc_tasks.get_task(db, by_deputy).assigned_by_id == deputy_id

    # Old data: a task assigned by a member, and one with no assigner and no day.
    with db.session() as s:
        old = Task(
            content="Cũ",
            source=TaskSource.AD_HOC,
            assignee_unit_id=refs["a"],
            assigned_by_id=refs["officer"],
            assigned_on=date(2026, 1, 5),
        )
        bare = Task(
            content="Không ghi người giao", source=TaskSource.AD_HOC, assignee_unit_id=refs["a"]
        )
        s.add_all([old, bare])
        s.flush()
        old_id, bare_id = old.id, bare.id
    for tid in (old_id, bare_id):
        got = adhoc_tasks.get_task(db, tid)
        adhoc_tasks.update_task(
            db, tid, expected_version=got.version, today=T, **{**got.values(), "content": "Sửa"}
        )
        assert adhoc_tasks.get_task(db, tid).content == "Sửa"
    # Changing the day or the assigner applies the rule.
    got = adhoc_tasks.get_task(db, old_id)
    for change in ({"assigned_on": date(2026, 1, 6)}, {"assigned_by_id": deputy_id}):
        with pytest.raises(ValidationError) as exc:
            adhoc_tasks.update_task(
                db, old_id, expected_version=got.version, today=T, **{**got.values(), **change}
            )
        assert exc.value.field == "assigned_by_id"
    adhoc_tasks.update_task(
        db,
        old_id,
        expected_version=got.version,
        today=T,
        **{**got.values(), "assigned_by_id": refs["chair"]},
    )
    assert adhoc_tasks.get_task(db, old_id).assigned_by_id == refs["chair"]
