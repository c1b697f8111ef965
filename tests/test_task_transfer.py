"""Open tasks of a unit retired with no successor (a district dissolved in the 2025
reorganisation): flagged by the tasks page and ``bdcq check``, then handed to a unit in office
(core.task_transfer), one task or a unit's all at once, in one transaction, version-guarded,
logged; documents dated before the transfer still name the unit of their day. Through the core
on a real SQLite file (the hand-counted dataset of :mod:`tests.report_fixtures`, C retired five
days before T), ``bdcq`` in-process, and PDFs read back (text by pdfium, tests/pdf_text.py;
tables by pdfium too, tests/pdf_tables.py)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import task_tracking
from bdcq_desktop.core.change_log import record_changes
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.errors import BcdError, ConflictError, ValidationError
from bdcq_desktop.core.models import Submission, Task, TaskEvent
from bdcq_desktop.core.task_first_rows import first_rows
from bdcq_desktop.core.task_transfer import transfer_task, transfer_unit_tasks
from bdcq_desktop.core.tasks import OPEN_STATUSES
from bdcq_desktop.core.text import decree_date
from bdcq_desktop.core.units import retire_unit
from tests import report_fixtures as rf
from tests.cli_run import run_bdcq
from tests.conftest import DEMO_TODAY
from tests.pdf_tables import page_tables, table_cells
from tests.pdf_text import flat_text

T = date(2026, 3, 20)
RETIRED_ON = T - timedelta(days=5)
REASON = "Theo Quyết định số 12/QĐ-UBND, Sở Alpha tiếp nhận"
OWN_TASK = "Hoàn thiện hạ tầng một cửa cấp huyện"


def _build(db: Any, today: date = T) -> rf.Ids:
    """The dataset, with C also in charge (and focal unit) of an open task of its own and
    owing the round due after it stopped; then C dissolved, with no successor."""
    ids = rf.build(db, today)
    with db.session() as s:
        s.add(Submission(round_id=ids.rounds["mar"], unit_id=ids.units["C"]))
        s.add(
            Task(
                content=OWN_TASK,
                assignee_unit_id=ids.units["C"],
                focal_unit_id=ids.units["C"],
                assigned_on=today - timedelta(days=30),
                deadline=today + timedelta(days=20),
            )
        )
    retire_unit(db, ids.units["C"], on=today - timedelta(days=5))
    return ids


@pytest.fixture
def data(db: Any) -> rf.Ids:
    return _build(db)


def _own(db: Any) -> int:
    with db.session() as s:
        return next(t.id for t in s.query(Task).filter(Task.content == OWN_TASK))


def _rows(db: Any) -> dict[int, task_tracking.TrackedTask]:
    return {r.id: r for r in task_tracking.track_tasks(db, today=T)}


def test_open_tasks_of_a_dissolved_unit_are_flagged_and_counted(db: Any, data: rf.Ids) -> None:
    rows = _rows(db)
    own, person = rows[_own(db)], rows[data.tasks["c_person"]]
    assert own.no_successor and person.no_successor
    # Done work stays C's, unflagged; the units in office are not flagged either.
    assert not rows[data.tasks["c_on_time"]].no_successor
    assert {r.id for r in rows.values() if r.no_successor} == {own.id, person.id}
    order = ("overdue", "due_soon", "not_due", "done_late", "done_on_time", "cancelled")
    first = first_rows(db, status_order=order, screen=20, head=20, today=T)
    assert first is not None
    assert {r.id for r in first.rows if r.no_successor} == {own.id, person.id}
    # bdcq check: one line for C, its two open tasks and the report due after it stopped
    # (January's, due before, was C's own to send: history, not counted).
    [problem] = [p for p in run_checks(db, T) if p.code == "unanswered_work"]
    assert problem.record == f"unit#{data.units['C']}"
    assert problem.message == (
        f"{rf.UNIT_C}: Đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận; "
        "còn 2 nhiệm vụ đang mở, 1 báo cáo chưa nhận."
    )
    # Before C stopped, its tasks were its own to do: nothing flagged.
    before = task_tracking.track_tasks(db, today=RETIRED_ON - timedelta(days=1))
    assert not any(r.no_successor for r in before)


def test_a_report_excused_is_not_counted_as_awaited(db: Any, data: rf.Ids) -> None:
    """A dissolved unit's report the committee excused (miễn nộp) waits on nobody: check
    counts only its open tasks from the waiver's day on."""
    from bdcq_desktop.core.models import ReportingRound
    from bdcq_desktop.core.waivers import waive_submission

    with db.session() as s:
        sub = s.query(Submission).filter_by(
            round_id=data.rounds["mar"], unit_id=data.units["C"]
        ).one()
        sub_id, version = sub.id, s.get(ReportingRound, data.rounds["mar"]).version
    waive_submission(
        db, sub_id, expected_version=version, reason="Đơn vị giải thể", waived_on=T, today=T
    )
    [problem] = [p for p in run_checks(db, T) if p.code == "unanswered_work"]
    assert problem.message.endswith("còn 2 nhiệm vụ đang mở, 0 báo cáo chưa nhận.")
    # The day before the waiver the report was still awaited.
    earlier = T - timedelta(days=1)
    [problem] = [p for p in run_checks(db, earlier) if p.code == "unanswered_work"]
    assert problem.message.endswith("còn 2 nhiệm vụ đang mở, 1 báo cáo chưa nhận.")


def test_one_task_is_handed_over_logged_with_day_and_reason(db: Any, data: rf.Ids) -> None:
    a = data.units["A"]
    tid = data.tasks["c_person"]
    moved = transfer_task(
        db, tid, to_unit_id=a, reason=REASON, on=T, expected_version=_rows(db)[tid].version, today=T
    )
    assert (moved.task_ids, moved.to_unit, moved.on) == ((tid,), rf.UNIT_A, T)
    row = _rows(db)[tid]
    # A in charge now; the person named as C's official is no longer named.
    assert (row.unit_id, row.unit, row.assignee, row.no_successor) == (a, rf.UNIT_A, "", False)
    [change] = [c for c in record_changes(db, "task", tid) if c.action == "update"]
    fields = {f.field: f for f in change.changes}
    assert (fields["assignee_unit_id"].before, fields["assignee_unit_id"].after) == (None, a)
    assert fields["assignee_person_id"].after is None
    assert fields["transfer_on"].label == "Ngày chuyển giao"
    assert fields["transfer_on"].after_text() == "20/03/2026"
    assert fields["transfer_reason"].after == REASON
    [problem] = [p for p in run_checks(db, T) if p.code == "unanswered_work"]
    assert "còn 1 nhiệm vụ đang mở, 1 báo cáo chưa nhận" in problem.message


def test_refusals_name_the_field_and_change_nothing(db: Any, data: rf.Ids) -> None:
    tid = _own(db)
    version = _rows(db)[tid].version
    units = data.units

    def refused(field: str, text: str, **given: Any) -> None:
        args: dict[str, Any] = {"to_unit_id": units["A"], "reason": REASON, "on": T}
        args.update(given)
        with pytest.raises(ValidationError) as caught:
            transfer_task(db, tid, expected_version=version, today=T, **args)
        assert caught.value.field == field and text in caught.value.message, caught.value.message

    refused("to_unit_id", f"{rf.UNIT_D} đã thôi hoạt động", to_unit_id=units["D"])
    same = f"trùng với đơn vị đang chủ trì nhiệm vụ ({rf.UNIT_C})"
    refused("to_unit_id", same, to_unit_id=units["C"])
    refused("to_unit_id", '"Đơn vị tiếp nhận" không được để trống', to_unit_id=None)
    refused("reason", "Lý do chuyển giao", reason="  ")
    refused("on", "không được sớm hơn ngày giao nhiệm vụ", on=T - timedelta(days=31))
    refused("on", "không được muộn hơn", on=T + timedelta(days=1))
    with pytest.raises(ConflictError, match="vừa được người khác sửa"):
        transfer_task(
            db, tid, to_unit_id=units["A"], reason=REASON, expected_version=version + 1, today=T
        )
    with pytest.raises(BcdError, match="chỉ chuyển được nhiệm vụ đang mở"):
        transfer_task(
            db, data.tasks["c_on_time"], to_unit_id=units["A"], reason=REASON,
            expected_version=None, today=T,
        )
    assert _rows(db)[tid].unit_id == units["C"] and _rows(db)[tid].version == version
    assert not [c for c in record_changes(db, "task", tid) if c.action == "update"]


def test_a_units_open_tasks_move_together_or_not_at_all(db: Any, data: rf.Ids) -> None:
    a, c = data.units["A"], data.units["C"]
    own, person = _own(db), data.tasks["c_person"]
    rows = _rows(db)
    versions = {own: rows[own].version, person: rows[person].version}
    # Another officer edits one of them meanwhile (its version moves on).
    with db.session() as s:
        s.get(Task, own).deadline = T + timedelta(days=25)
    with pytest.raises(ConflictError, match=r"Nhiệm vụ \d+ vừa được người khác sửa"):
        transfer_unit_tasks(
            db, c, to_unit_id=a, reason=REASON, expected_versions=versions, today=T
        )
    assert {r.unit_id for r in _rows(db).values() if r.id in versions} == {c}  # none moved
    # A list missing a task given to C since: refused as well.
    versions[own] = _rows(db)[own].version
    with pytest.raises(ConflictError, match="Danh sách nhiệm vụ đang mở của"):
        transfer_unit_tasks(
            db, c, to_unit_id=a, reason=REASON, expected_versions={own: versions[own]}, today=T
        )
    moved = transfer_unit_tasks(
        db, c, to_unit_id=a, reason=REASON, on=T, expected_versions=versions, today=T
    )
    assert sorted(moved.task_ids) == sorted(versions)
    after = _rows(db)
    assert {after[t].unit_id for t in versions} == {a}
    with db.session() as s:
        assert s.get(Task, own).focal_unit_id == a  # C was its focal unit too
    # Done work stays C's; nothing of C's is flagged now but the report (reports move apart).
    assert after[data.tasks["c_on_time"]].unit_id == c
    assert not any(r.no_successor for r in after.values())
    with pytest.raises(BcdError, match="không còn nhiệm vụ đang mở nào"):
        transfer_unit_tasks(db, c, to_unit_id=a, reason=REASON, expected_versions=None, today=T)
    with pytest.raises(ValidationError, match='"Đơn vị tiếp nhận" phải khác'):
        transfer_unit_tasks(db, a, to_unit_id=a, reason=REASON, expected_versions=None, today=T)


def _cells(pdf: bytes) -> list[str]:
    """Every table cell of ``pdf``, its lines joined."""
    return table_cells(pdf)


def _annex_unit_of(pdf: bytes, content: str) -> str:
    """The unit group a task is listed under in the tasks report's annex."""
    group = ""
    for tables in page_tables(pdf):
        for table in tables:
            for row in table:
                cells = [re.sub(r"\s+", " ", c or "").strip() for c in row]
                if len(cells) > 1 and ":" in cells[1] and " nhiệm vụ;" in cells[1]:
                    group = cells[1].split(":", 1)[0]
                elif len(cells) > 1 and cells[1] == content:
                    return group
    raise AssertionError(content)


def test_a_report_dated_before_the_transfer_lists_the_task_under_the_old_unit(
    db: Any, data: rf.Ids
) -> None:
    from bdcq_desktop.documents import service

    own = _own(db)
    transfer_task(
        db, own, to_unit_id=data.units["A"], reason=REASON, on=T, expected_version=None, today=T
    )
    before = service.draft(db, "tasks", None, today=T - timedelta(days=1))
    after = service.draft(db, "tasks", None, today=T)
    assert _annex_unit_of(before, OWN_TASK) == rf.UNIT_C
    assert _annex_unit_of(after, OWN_TASK) == rf.UNIT_A


# A demo task still open on DEMO_TODAY: given by meeting 11 to Sở Xây dựng.
OPEN_TASK = 63


def test_the_conclusion_notice_still_names_the_unit_the_meeting_gave_the_task_to(
    demo_db: Any,
) -> None:
    """Demo meeting 11 gave task 63 to Sở Xây dựng (still open: the demo's older overdue
    tasks are settled); handed to Sở Nội vụ today, the notice of the meeting's conclusions
    reads exactly as before."""
    from bdcq_desktop.core.units import find_unit
    from bdcq_desktop.documents import service

    with demo_db.session() as s:
        task = s.get(Task, OPEN_TASK)
        meeting_id = task.conclusion.meeting_id
        assert task.assignee_unit.name == "Sở Xây dựng"
        target = find_unit(s, "Sở Nội vụ")
        assert target is not None
        target_id = target.id
    notice = flat_text(service.draft(demo_db, "conclusions", meeting_id, today=DEMO_TODAY))
    assert "Sở Xây dựng" in notice
    transfer_task(
        demo_db,
        OPEN_TASK,
        to_unit_id=target_id,
        reason=REASON,
        expected_version=None,
        today=DEMO_TODAY,
    )
    assert task_tracking.track_tasks(demo_db, today=DEMO_TODAY)  # read once more: no cache
    again = flat_text(service.draft(demo_db, "conclusions", meeting_id, today=DEMO_TODAY))
    assert again == notice


def test_an_issued_notice_is_not_superseded_and_its_day_still_prints_the_meetings_unit(
    demo_db: Any,
) -> None:
    """Demo meeting 11 (23/07/2026) gave task 63 to Sở Xây dựng; its notice issued, the task is
    handed to Sở Nội vụ dated its latest act's day (not before it: the demo extended it). A
    transfer is a later fact, not a correction: the notice stays in force, unasked, its stored
    copy as issued, and a draft of it (of the notice's date or of today) names Sở Xây dựng as
    the meeting did; the tasks report of today names Sở Nội vụ, "tiếp nhận từ Sở Xây dựng
    ngày …" of that day."""
    from bdcq_desktop.core import register
    from bdcq_desktop.core.units import find_unit
    from bdcq_desktop.documents import service

    given = (
        "Cập nhật dữ liệu quy hoạch, cấp phép xây dựng lên Cổng thông tin điện tử của tỉnh (đơn "
        "vị chủ trì: Sở Xây dựng; đơn vị đầu mối: Sở Khoa học và Công nghệ"
    )
    with demo_db.session() as s:
        task = s.get(Task, OPEN_TASK)
        meeting_id, held = task.conclusion.meeting_id, task.conclusion.meeting.starts_at.date()
        target = find_unit(s, "Sở Nội vụ")
        assert target is not None
        target_id = target.id
        # Not before the task's latest act (an extension in the demo): the history runs forward.
        moved = max(
            (e.day for e in s.query(TaskEvent).filter(TaskEvent.task_id == OPEN_TASK)),
            default=held,
        )
    notice = service.issue(demo_db, "conclusions", meeting_id)
    issued = flat_text(register.stored_copy(notice, demo_db))
    assert given in issued
    transfer_task(
        demo_db, OPEN_TASK, to_unit_id=target_id, reason=REASON, on=moved, expected_version=None
    )
    again = service.find_issued(demo_db, "conclusions", meeting_id)
    assert again is not None and again.id == notice.id and again.superseded_on is None
    assert flat_text(register.stored_copy(again, demo_db)) == issued
    for day in (notice.issued_on, date.today()):
        drafted = flat_text(service.draft(demo_db, "conclusions", meeting_id, today=day))
        assert given in drafted, day
    # Read cell by cell: the source cell (extended too, in the demo) wraps beside the others.
    report = _cells(service.draft(demo_db, "tasks", None))
    assert any(f"tiếp nhận từ Sở Xây dựng ngày {decree_date(moved)}" in c for c in report)


def test_the_command_hands_over_one_task_or_a_units_all(
    db: Any, db_path: Path
) -> None:
    # The command reads today's date: the dataset is built around it.
    today = date.today()
    ids = _build(db, today)
    a, c, d = ids.units["A"], ids.units["C"], ids.units["D"]
    db.dispose()
    checked = run_bdcq(["check"], db=db_path)
    assert "Đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận" in checked.stdout
    refused = run_bdcq(
        ["tasks", "transfer", "--from-unit", c, "--to-unit", d, "--reason", REASON], db=db_path
    )
    assert refused.returncode != 0
    assert f"{rf.UNIT_D} đã thôi hoạt động" in refused.stderr
    one = run_bdcq(
        ["tasks", "transfer", ids.tasks["c_person"], "--to-unit", a, "--reason", REASON,
         "--on", f"{today:%d/%m/%Y}"],
        db=db_path,
    )
    assert one.returncode == 0, one.stderr
    assert f"Đã chuyển 1 nhiệm vụ ({ids.tasks['c_person']}) cho {rf.UNIT_A}" in one.stdout
    rest = run_bdcq(
        ["tasks", "transfer", "--from-unit", c, "--to-unit", a, "--reason", REASON], db=db_path
    )
    assert rest.returncode == 0, rest.stderr
    assert f"Đã chuyển 1 nhiệm vụ ({_own(db)}) cho {rf.UNIT_A} từ ngày {today:%d/%m/%Y}" in (
        rest.stdout
    )
    both = run_bdcq(["tasks", "transfer", "5", "--from-unit", c, "--to-unit", a], db=db_path)
    assert both.returncode != 0  # a task or a unit, not both
    still_open = [r for r in task_tracking.track_tasks(db) if r.status in OPEN_STATUSES]
    assert c not in {r.unit_id for r in still_open}


def test_the_person_no_longer_in_charge_is_said_before_after_and_in_the_history(
    db: Any, db_path: Path
) -> None:
    """C's task named Trần Văn Thử, C's official, in charge: a transfer drops him (the new
    unit names its own) and says so before (what the dialog reads), after (the command's
    output) and in the task's history; a person of no unit stays in charge, unsaid."""
    from bdcq_desktop.core.task_transfer import no_longer_in_charge

    today = date.today()
    ids = rf.build_with_gaps(db, today)
    tid, c, a = ids.tasks["c_person"], ids.units["C"], ids.units["A"]
    said = "Đồng chí Trần Văn Thử thôi phụ trách do chuyển đơn vị."
    assert no_longer_in_charge(db, task_id=tid) == ("Trần Văn Thử",)
    assert no_longer_in_charge(db, from_unit_id=c) == ("Trần Văn Thử",)
    with db.session() as s:
        of_no_unit = s.query(Task).filter(Task.content == rf.PERSON_TASK).one().id
    assert no_longer_in_charge(db, task_id=of_no_unit) == ()
    db.dispose()
    out = run_bdcq(["tasks", "transfer", tid, "--to-unit", a, "--reason", REASON], db=db_path)
    assert out.returncode == 0, out.stderr
    assert said in out.stdout.splitlines()
    [change] = [ch for ch in record_changes(db, "task", tid) if ch.action == "update"]
    fields = {f.field: f for f in change.changes}
    assert (fields["transfer_note"].label, fields["transfer_note"].after) == (
        "Thôi phụ trách",
        said,
    )
    kept = transfer_task(
        db, of_no_unit, to_unit_id=a, reason=REASON, expected_version=None, today=today
    )
    assert kept.no_longer_in_charge == () and kept.dropped_text() == ""
    [change] = [ch for ch in record_changes(db, "task", of_no_unit) if ch.action == "update"]
    assert "transfer_note" not in {f.field for f in change.changes}
