"""What the secretariat records on a task after it is given (core.task_actions), headless, on a
real SQLite file: a meeting of 06/07/2026 whose conclusions notice is issued and whose minutes
are final, with two tasks (due 30/09/2026 and 31/12/2026).

- An extension works after the minutes are final, supersedes nothing (the notice, the minutes'
  text and the conclusion keep the deadline given), keeps its history, and counts from its own
  day: a list dated before it still shows the task overdue against the deadline given.
- A progress note keeps the task open; the tasks report prints it, and its annex agrees with
  its section II (never "Chưa thực hiện" beside a count of "Đang thực hiện").
- A stop is counted apart from its day; a resumption takes the task up again.
Each act is one call, checked against the task's version, refused naming the field."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core.change_log import record_changes
from bdcq_desktop.core.conclusions import get_conclusion, list_conclusions, update_conclusion
from bdcq_desktop.core.errors import BcdError, ConflictError, ValidationError
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.minutes import finalise_issued, minutes_state
from bdcq_desktop.core.minutes_text import task_line
from bdcq_desktop.core.models import IssuedDocument, Task, TaskEvent
from bdcq_desktop.core.stored_files import Upload
from bdcq_desktop.core.task_actions import extend_task, record_progress, resume_task, stop_task
from bdcq_desktop.core.task_history import task_history
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.core.tasks import complete_task, list_tasks
from bdcq_desktop.documents import service
from tests.pdf_tables import page_tables
from tests.test_conclusions_edit import _issue_notice, held_meeting
from tests.test_tasks_of_their_date import _flat, _report

OCT_20 = date(2026, 10, 20)  # task 1 (due 30/09) twenty days overdue
REASON = "Chờ Bộ Khoa học và Công nghệ hướng dẫn kết nối"


@pytest.fixture
def final(db: Any) -> dict[str, Any]:
    """The meeting held, its conclusions notice issued, its minutes final."""
    ids: dict[str, Any] = held_meeting(db)
    ids["notice"] = _issue_notice(db, ids["meeting"])
    with db.session() as s:
        finalise_issued(s, minutes_state(db, ids["meeting"]), "a" * 64)
    return ids


def _version(db: Any, task_id: int) -> int:
    with db.session() as s:
        task = s.get(Task, task_id)
        assert task is not None
        return task.version


def _row(db: Any, task_id: int, today: date) -> Any:
    return next(r for r in track_tasks(db, today=today) if r.id == task_id)


def _sources(db: Any, on: date) -> dict[str, str]:
    """The annex's source column of the tasks report dated ``on``, by task content."""
    pdf = service.draft(db, "tasks", None, today=on)
    out: dict[str, str] = {}
    for tables in page_tables(pdf):
        for table in tables:
            for row in table:
                if len(row) == 6 and re.fullmatch(r"\d+\.\d+", _flat(row[0])):
                    out[_flat(row[1])] = _flat(row[2])
    return out


def _printed(db: Any, meeting_id: int) -> list[str]:
    """The tasks as the minutes print them."""
    return [task_line(t) for c in list_conclusions(db, meeting_id) for t in c.tasks]


def test_an_extension_after_the_final_minutes_leaves_them_and_counts_from_its_day(
    db: Any, final: dict[str, Any]
) -> None:
    mid, tid = final["meeting"], final["task1"]
    meeting_version = get_meeting(db, mid).version
    conclusion = get_conclusion(db, final["conclusion"])
    printed = _printed(db, mid)
    assert "thời hạn: 30/9/2026" in printed[0]  # as documents write dates
    assert _row(db, tid, OCT_20).status == "overdue"

    acted = extend_task(
        db,
        tid,
        deadline="15/12/2026",
        approved_by_id=final["head"],
        on=date(2026, 10, 10),
        reason=REASON,
        expected_version=_version(db, tid),
        today=OCT_20,
    )
    assert (acted.deadline, acted.status) == (date(2026, 12, 15), "not_due")
    # The minutes, the conclusion and the issued notice are as they were: nothing superseded.
    assert get_meeting(db, mid).version == meeting_version
    assert get_conclusion(db, final["conclusion"]).version == conclusion.version
    assert _printed(db, mid) == printed
    with db.session() as s:
        notice = s.scalars(select(IssuedDocument).where(IssuedDocument.kind == "conclusions"))
        assert [d.superseded_at for d in notice] == [None]
        assert s.get(Task, tid).deadline == date(2026, 9, 30)  # as given, kept
    # Counted against the new deadline from the extension's day; the deadline given beside it.
    row = _row(db, tid, OCT_20)
    assert (row.status, row.deadline, row.given_deadline) == (
        "not_due", date(2026, 12, 15), date(2026, 9, 30)
    )
    # A day before the extension (recorded later, dated then): overdue against the one given.
    before = _row(db, tid, date(2026, 10, 9))
    assert (before.status, before.deadline, before.days_overdue) == (
        "overdue", date(2026, 9, 30), 9
    )
    assert before.given_deadline is None
    after = _row(db, tid, date(2026, 10, 11))
    assert (after.status, after.deadline) == ("not_due", date(2026, 12, 15))
    [listed] = [r for r in list_tasks(db, today=date(2026, 10, 11)) if r.id == tid]
    assert listed.extension.startswith("Hạn ban đầu 30/09/2026; gia hạn đến 15/12/2026")
    assert "khi đã quá hạn 10 ngày" in listed.extension

    # A second extension, by the words of a document: both kept, oldest first.
    extend_task(
        db,
        tid,
        deadline=date(2027, 1, 31),
        approved_by_text="Công văn số 15/BCĐ-VP ngày 19/10/2026",
        on=OCT_20,
        reason="Bổ sung dữ liệu",
        expected_version=_version(db, tid),
        today=OCT_20,
    )
    history = task_history(db, tid, today=OCT_20)
    assert [line.kind for line in history.lines] == ["given", "extension", "extension"]
    assert "Gia hạn đến 15/12/2026 (thời hạn trước đó 30/09/2026)" in history.lines[1].text
    assert "Vũ Duy Tiến" in history.lines[1].text and REASON in history.lines[1].text
    assert "theo Công văn số 15/BCĐ-VP" in history.lines[2].text
    assert history.task.deadline == date(2027, 1, 31)
    assert history.task.deadline_as_given == date(2026, 9, 30)
    # Logged on the task's own history, in words.
    said = {
        (f.label, f.after)
        for row in record_changes(db, "task", tid, children=True)
        for f in row.changes
    }
    assert ("Lý do gia hạn", REASON) in said and ("Thời hạn sau gia hạn", "2026-12-15") in said
    assert ("Loại", "extension") in said  # the act's own row, under the task


def test_an_extension_is_refused_naming_the_field(db: Any, final: dict[str, Any]) -> None:
    tid = final["task1"]
    version = _version(db, tid)
    given = {"reason": REASON, "on": date(2026, 10, 10), "today": OCT_20}
    refusals = [
        ({"deadline": "30/09/2026", "approved_by_id": final["head"]}, "deadline"),
        ({"deadline": "15/12/2026"}, "approved_by_id"),
        ({"deadline": "15/12/2026", "approved_by_id": final["binh"]}, "approved_by_id"),
        ({"deadline": "15/12/2026", "approved_by_id": final["head"], "reason": " "}, "reason"),
        ({"deadline": "05/10/2026", "approved_by_id": final["head"]}, "deadline"),
    ]
    for fields, field in refusals:
        with pytest.raises(ValidationError) as refused:
            extend_task(db, tid, expected_version=version, **{**given, **fields})
        assert refused.value.field == field, (fields, refused.value.message)
    binh = {"deadline": "15/12/2026", "approved_by_id": final["binh"]}
    with pytest.raises(ValidationError) as refused:
        extend_task(db, tid, expected_version=version, **{**given, **binh})
    assert "Trưởng ban hoặc Phó Trưởng ban" in refused.value.message
    with pytest.raises(ConflictError):
        extend_task(db, tid, deadline="15/12/2026", approved_by_id=final["head"],
                    expected_version=version - 1 or 99, **given)  # fmt: skip
    with db.session() as s:
        assert s.scalars(select(TaskEvent)).all() == []
        assert s.get(Task, tid).version == version
    # A done task is not extended.
    complete_task(db, tid, date(2026, 10, 1), expected_version=version, today=OCT_20)
    with pytest.raises(BcdError) as refused:
        extend_task(db, tid, deadline="15/12/2026", approved_by_id=final["head"],
                    expected_version=None, **given)  # fmt: skip
    assert "đã hoàn thành" in refused.value.message


def test_a_reopened_conclusion_keeps_the_deadline_given_of_an_extended_task(
    db: Any, final: dict[str, Any]
) -> None:
    """Reopening the minutes to correct the conclusion's text sends every task's deadline as
    given, which is kept; changing the given deadline of an extended task is refused."""
    from bdcq_desktop.core.minutes_history import minutes_info
    from bdcq_desktop.core.minutes_text import reopen_minutes

    tid = final["task1"]
    extend_task(db, tid, deadline="15/12/2026", approved_by_id=final["head"], reason=REASON,
                on=OCT_20, expected_version=_version(db, tid), today=OCT_20)  # fmt: skip
    with db.session() as s:
        info = minutes_info(s, final["meeting"])
    assert info is not None
    reopen_minutes(db, final["meeting"], "Sửa lỗi chính tả", expected_version=info.version)
    edit = get_conclusion(db, final["conclusion"])
    assert edit.tasks[0].deadline == date(2026, 9, 30)
    update_conclusion(db, edit.id, "Giao các sở đẩy nhanh chuyển đổi số (sửa).", edit.tasks,
                      expected_version=edit.version, confirm_after_notice=True)  # fmt: skip
    assert _row(db, tid, OCT_20).deadline == date(2026, 12, 15)
    edit = get_conclusion(db, final["conclusion"])
    moved = [{"id": t.id} for t in edit.tasks]
    moved[0]["deadline"] = "31/10/2026"
    with pytest.raises(ValidationError) as refused:
        update_conclusion(db, edit.id, edit.text, moved, expected_version=edit.version,
                          confirm_after_notice=True)  # fmt: skip
    assert "đã được gia hạn đến 15/12/2026" in refused.value.message


def test_progress_keeps_the_task_open_and_the_report_prints_it(
    db: Any, final: dict[str, Any]
) -> None:
    tid = final["task2"]
    upload = Upload("bao-cao-tien-do.pdf", b"%PDF-1.4 tien do", "0" * 64)
    acted = record_progress(
        db,
        tid,
        text="Đã kết nối 60% thủ tục",
        on=date(2026, 10, 15),
        upload=upload,
        expected_version=_version(db, tid),
        today=OCT_20,
    )
    assert acted.status == "not_due"
    row = _row(db, tid, OCT_20)
    assert row.completed_on is None
    assert row.progress == "Đang thực hiện (báo cáo ngày 15/10/2026): Đã kết nối 60% thủ tục"
    [line] = [x for x in task_history(db, tid, today=OCT_20).lines if x.kind == "progress"]
    assert (line.file_name, line.file_id is not None) == ("bao-cao-tien-do.pdf", True)

    text, rows = _report(db, OCT_20)
    # Section II counts both open tasks under way; the annex says the same of each, and
    # prints the progress reported.
    assert "Chưa thực hiện" not in text
    deadline, status, result = rows["Rà soát thủ tục"]
    assert status == "Đang thực hiện (trong hạn)"
    assert result == "Đang thực hiện (báo cáo ngày 15/10/2026): Đã kết nối 60% thủ tục"
    # A report dated before the unit's report does not print it.
    _text, earlier = _report(db, date(2026, 10, 14))
    assert earlier["Rà soát thủ tục"][2] == ""

    # An extension is printed with the deadline given and who approved it.
    extend_task(db, final["task1"], deadline="15/12/2026", approved_by_id=final["head"],
                reason=REASON, on=date(2026, 10, 10), expected_version=_version(db, final["task1"]),
                today=OCT_20)  # fmt: skip
    text, rows = _report(db, OCT_20)
    deadline, status, _result = rows["Kho dữ liệu dùng chung"]
    assert deadline == "15/12/2026 (gia hạn; hạn ban đầu 30/9/2026)"
    assert status == "Đang thực hiện (trong hạn, đã gia hạn)"
    source = _sources(db, OCT_20)["Kho dữ liệu dùng chung"]
    # The notice of the meeting is still the one cited, the extension beside it.
    assert source.startswith(f"Thông báo số {final['notice'].symbol}")
    assert "gia hạn đến 15/12/2026 theo ý kiến đồng chí Vũ Duy Tiến (ngày 10/10/2026" in source

    # Ghi kết quả completes it; a completion dated before the extension is refused.
    with pytest.raises(ValidationError) as refused:
        complete_task(db, final["task1"], date(2026, 10, 5), expected_version=None, today=OCT_20)
    assert refused.value.field == "completed_on" and "gia hạn" in refused.value.message
    complete_task(db, tid, OCT_20, expected_version=None, result_report="Xong", today=OCT_20)
    assert _row(db, tid, OCT_20).status == "done_on_time"
    with pytest.raises(BcdError):
        record_progress(db, tid, text="Thêm", expected_version=None, today=OCT_20)


def test_a_stopped_task_is_counted_apart_from_its_day_until_resumed(
    db: Any, final: dict[str, Any]
) -> None:
    tid = final["task2"]
    with pytest.raises(ValidationError) as refused:
        stop_task(db, tid, reason="", expected_version=None, today=OCT_20)
    assert refused.value.field == "reason"
    stop_task(
        db,
        tid,
        reason="Nội dung đã lồng ghép vào Kế hoạch năm 2027",
        on=date(2026, 10, 12),
        decided_by_id=final["head"],
        expected_version=_version(db, tid),
        today=OCT_20,
    )
    assert _row(db, tid, OCT_20).status == "cancelled"
    assert _row(db, tid, date(2026, 10, 11)).status == "not_due"  # before its day
    text, rows = _report(db, OCT_20)
    assert "Rà soát thủ tục" not in rows
    assert "Nhiệm vụ đã dừng thực hiện, không tính vào tổng số: 1." in text
    with pytest.raises(BcdError):
        complete_task(db, tid, OCT_20, expected_version=None, today=OCT_20)
    with pytest.raises(ValidationError) as refused:
        resume_task(db, tid, reason="Tiếp tục", on=date(2026, 10, 11), expected_version=None,
                    today=OCT_20)  # fmt: skip
    assert refused.value.field == "on"
    resume_task(db, tid, reason="Ban Chỉ đạo yêu cầu tiếp tục", on=date(2026, 10, 18),
                expected_version=_version(db, tid), today=OCT_20)  # fmt: skip
    assert _row(db, tid, OCT_20).status == "not_due"
    assert _row(db, tid, date(2026, 10, 15)).status == "cancelled"  # stopped on that day
    kinds = [line.kind for line in task_history(db, tid, today=OCT_20).lines]
    assert kinds == ["given", "stop", "resume"]
    with pytest.raises(BcdError):
        resume_task(db, tid, reason="Lần nữa", expected_version=None, today=OCT_20)
