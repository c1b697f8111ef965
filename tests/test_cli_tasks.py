"""``bdcq tasks add``, ``done`` and ``remove`` as a user runs them: real subprocesses on a real
SQLite file, exit 2 and one Vietnamese line for bad input, nothing written then. Each
subprocess is slow here, so one test walks the whole story."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bdcq_desktop.core import units
from bdcq_desktop.core.models import CommitteeMembership, CommitteeRole, Person, PersonKind
from bdcq_desktop.core.task_tracking import track_tasks
from tests.cli_run import run_bdcq


def bdcq(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return run_bdcq(args, db=db)


def _one_line(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, out
    assert "Traceback" not in out.stderr and out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


def test_add_then_record_the_result(db: Any, db_path: Path) -> None:
    unit = units.create_unit(db, name="Sở Thông tin và Truyền thông")
    focal = units.create_unit(db, name="Văn phòng UBND tỉnh")
    today = date.today()
    day = lambda n: (today + timedelta(days=n)).strftime("%d/%m/%Y")  # noqa: E731

    # Neither a unit nor a person: refused in one line naming them, nothing written.
    line = _one_line(bdcq("tasks", "add", "--content", "Rà soát", "--deadline", day(3), db=db_path))
    assert "đơn vị chủ trì" in line
    assert track_tasks(db) == []
    with db.session() as s:
        head = Person(full_name="Lê Văn Trưởng")
        scientist = Person(full_name="Ngô Khoa Học", kind=PersonKind.SCIENTIST)
        s.add_all([head, scientist])
        s.flush()
        s.add(
            CommitteeMembership(
                person_id=head.id, role=CommitteeRole.HEAD, start_date=today - timedelta(365)
            )
        )
        head_id, scientist_id = head.id, scientist.id
    # Rule 7: no assigner, or a scientist off the committee, is refused naming "Người giao".
    for extra in ((), ("--assigned-by", str(scientist_id))):
        line = _one_line(
            bdcq("tasks", "add", "--content", "Rà soát", "--unit", str(unit), *extra, db=db_path)
        )
        assert "Người giao" in line and "Trưởng ban hoặc Phó Trưởng ban" in line, line
    assert track_tasks(db) == []

    out = bdcq(
        "tasks",
        "add",
        "--content",
        "Báo cáo kết quả số hóa hồ sơ",
        "--unit",
        str(unit),
        "--focal-unit",
        str(focal),
        "--assigned-on",
        day(-10),
        "--deadline",
        day(-5),
        "--assigned-by",
        str(head_id),
        db=db_path,
    )
    assert out.returncode == 0, out.stderr
    [task] = track_tasks(db)
    assert task.id == int(out.stdout.strip().rsplit(" ", 1)[-1])
    assert (task.unit, task.focal_unit, task.ad_hoc) == (
        "Sở Thông tin và Truyền thông",
        "Văn phòng UBND tỉnh",
        True,
    )
    assert (task.status, task.days_overdue) == ("overdue", 5)

    # Done a day after the deadline: done late, by one day.
    out = bdcq(
        "tasks", "done", str(task.id), "--date", day(-4), "--result", "Đã số hóa 90%", db=db_path
    )
    assert out.returncode == 0, out.stderr
    assert "Hoàn thành quá hạn (1 ngày" in out.stdout
    [task] = track_tasks(db)
    assert (task.status, task.completed_on, task.result_report) == (
        "done_late",
        today - timedelta(days=4),
        "Đã số hóa 90%",
    )

    # Done tomorrow is refused, and a task with a result is not removed.
    line = _one_line(bdcq("tasks", "done", str(task.id), "--date", day(1), db=db_path))
    assert "Ngày hoàn thành" in line
    line = _one_line(bdcq("tasks", "remove", str(task.id), db=db_path))
    assert "không xóa được" in line
    assert track_tasks(db) == [task]
