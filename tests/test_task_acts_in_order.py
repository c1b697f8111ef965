"""A task's history never runs against the calendar: every dated act on it (a transfer, a
unit's whole transfer, a completion, a stop, an extension, a progress note) is refused when
dated before the latest act already recorded, naming the date field and that act's day; the
same day is accepted. Through the core on a real SQLite file, and ``bdcq`` as a user runs it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.models import Task, TaskEvent
from bdcq_desktop.core.task_actions import extend_task, record_progress, stop_task
from bdcq_desktop.core.task_transfer import transfer_task, transfer_unit_tasks
from bdcq_desktop.core.tasks import complete_task
from bdcq_desktop.core.units import create_unit
from tests.cli_run import bdcq, ok, refused, state

TODAY = date(2026, 12, 1)
GIVEN = date(2026, 11, 19)
FIRST, LATER = date(2026, 11, 22), date(2026, 11, 25)


def _setup(db: Any, today: date = TODAY) -> dict[str, int]:
    ids = {k: create_unit(db, name=n) for k, n in (("a", "Sở Alpha"), ("b", "Sở Beta"),
                                                   ("c", "Sở Gamma"))}  # fmt: skip
    with db.session() as s:
        t = Task(
            content="Kết nối liên thông hồ sơ",
            assignee_unit_id=ids["a"],
            assigned_on=today - (TODAY - GIVEN),
            deadline=today + timedelta(days=60),
        )
        s.add(t)
        s.flush()
        ids["task"] = t.id
    return ids


def _refused(exc: pytest.ExceptionInfo[ValidationError], field: str, label: str, day: date) -> None:
    assert exc.value.field == field
    assert f'"{label}"' in exc.value.message
    assert "ngày diễn biến gần nhất" in exc.value.message
    assert day.strftime("%d/%m/%Y") in exc.value.message


def _unit(db: Any, task_id: int) -> int:
    with db.session() as s:
        return s.get(Task, task_id).assignee_unit_id


def test_a_transfer_is_not_dated_before_an_earlier_transfer_or_extension(db: Any) -> None:
    ids = _setup(db)
    tid = ids["task"]
    transfer_task(db, tid, to_unit_id=ids["b"], reason="lần 1", on=LATER,
                  expected_version=None, today=TODAY)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        transfer_task(db, tid, to_unit_id=ids["c"], reason="lần 2", on=FIRST,
                      expected_version=None, today=TODAY)  # fmt: skip
    _refused(exc, "on", "Ngày chuyển giao", LATER)
    assert _unit(db, tid) == ids["b"]
    # A unit's whole transfer says which task stops it.
    with pytest.raises(ValidationError) as exc:
        transfer_unit_tasks(db, ids["b"], to_unit_id=ids["c"], reason="cả đơn vị", on=FIRST,
                            expected_versions=None, today=TODAY)  # fmt: skip
    _refused(exc, "on", "Ngày chuyển giao", LATER)
    assert f"nhiệm vụ {tid}" in exc.value.message
    assert _unit(db, tid) == ids["b"]
    # An extension granted to the unit that has it is not made the next one's.
    extend_task(db, tid, deadline=TODAY + timedelta(days=90), reason="Chờ",
                approved_by_text="Công văn 1", on=LATER + timedelta(days=3),
                expected_version=None, today=TODAY)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        transfer_task(db, tid, to_unit_id=ids["c"], reason="lần 2", on=LATER,
                      expected_version=None, today=TODAY)  # fmt: skip
    _refused(exc, "on", "Ngày chuyển giao", LATER + timedelta(days=3))
    # The same day as the latest act is accepted.
    transfer_task(db, tid, to_unit_id=ids["c"], reason="lần 2", on=LATER + timedelta(days=3),
                  expected_version=None, today=TODAY)  # fmt: skip
    assert _unit(db, tid) == ids["c"]


def test_done_stop_extension_and_progress_are_not_dated_before_a_transfer(db: Any) -> None:
    ids = _setup(db)
    tid = ids["task"]
    transfer_task(db, tid, to_unit_id=ids["b"], reason="chuyển", on=LATER,
                  expected_version=None, today=TODAY)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        complete_task(db, tid, FIRST, expected_version=None, result_report="xong", today=TODAY)
    _refused(exc, "completed_on", "Ngày hoàn thành", LATER)
    with pytest.raises(ValidationError) as exc:
        stop_task(db, tid, reason="dừng", on=FIRST, expected_version=None, today=TODAY)
    _refused(exc, "on", "Ngày dừng thực hiện", LATER)
    with pytest.raises(ValidationError) as exc:
        extend_task(db, tid, deadline=TODAY + timedelta(days=90), reason="Chờ",
                    approved_by_text="Công văn 1", on=FIRST, expected_version=None,
                    today=TODAY)  # fmt: skip
    _refused(exc, "on", "Ngày gia hạn", LATER)
    with pytest.raises(ValidationError) as exc:
        record_progress(db, tid, text="60%", on=FIRST, expected_version=None, today=TODAY)
    _refused(exc, "on", "Ngày báo cáo", LATER)
    with db.session() as s:
        assert s.query(TaskEvent).count() == 0
        assert s.get(Task, tid).completed_on is None
    # A progress note after the transfer, then a completion dated before it: refused too.
    record_progress(db, tid, text="60%", on=LATER + timedelta(days=2), expected_version=None,
                    today=TODAY)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        complete_task(db, tid, LATER, expected_version=None, today=TODAY)
    _refused(exc, "completed_on", "Ngày hoàn thành", LATER + timedelta(days=2))
    complete_task(db, tid, LATER + timedelta(days=2), expected_version=None, today=TODAY)


def test_the_command_refuses_in_one_line_and_writes_nothing(db: Any, db_path: Path) -> None:
    today = date.today()
    ids = _setup(db, today)
    tid = str(ids["task"])
    later, first = today - timedelta(days=6), today - timedelta(days=9)
    ok(bdcq(db_path, "tasks", "progress", tid, "--text", "Tiến độ 1", "--on",
            later.strftime("%d/%m/%Y")))  # fmt: skip
    tables = ("task", "task_event", "change_log")
    before = state(db_path, tables)
    out = bdcq(db_path, "tasks", "transfer", tid, "--to-unit", str(ids["b"]), "--reason",
               "chuyển", "--on", first.strftime("%d/%m/%Y"))  # fmt: skip
    refused(db_path, before, out, "Ngày chuyển giao", later.strftime("%d/%m/%Y"), tables=tables)
    out = bdcq(db_path, "tasks", "done", tid, "--date", first.strftime("%d/%m/%Y"),
               "--result", "xong")  # fmt: skip
    refused(db_path, before, out, "Ngày hoàn thành", later.strftime("%d/%m/%Y"), tables=tables)


def test_the_window_says_it_under_the_transfer_date(qtbot: Any, db: Any) -> None:
    from bdcq_desktop.core.task_tracking import track_tasks
    from bdcq_desktop.ui.dialogs.task_transfer_dialog import TaskTransferDialog

    today = date.today()
    ids = _setup(db, today)
    tid = ids["task"]
    later = today - timedelta(days=3)
    transfer_task(db, tid, to_unit_id=ids["b"], reason="lần 1", on=later, expected_version=None)
    row = next(r for r in track_tasks(db) if r.id == tid)
    dialog = TaskTransferDialog(db, [row])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.set_values(
        {"to_unit_id": ids["c"], "on": today - timedelta(days=6), "reason": "lần 2"}
    )
    assert not dialog.try_save()
    said = dialog.form.error_label("on").text()
    assert "ngày diễn biến gần nhất" in said and later.strftime("%d/%m/%Y") in said, said
    assert _unit(db, tid) == ids["b"]
