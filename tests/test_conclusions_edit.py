"""Editing and removing a conclusion with its tasks, headless, on a real SQLite file: one call
each, the conclusion's version checked, the meeting's bumped, validation before anything is
written, closed once the minutes are final, tasks worked on kept; and the check-in rules the
attendance section relies on (lateness only while the meeting goes on, matching a sheet read)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.check_in_search import match_invitees, rank_matches
from bdcq_desktop.core.conclusions import (
    TaskInput,
    add_conclusion,
    get_conclusion,
    list_conclusions,
    remove_conclusion,
    update_conclusion,
)
from bdcq_desktop.core.errors import BcdError, ConflictError, NotFoundError, ValidationError
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.minutes import finalise_issued, minutes_state
from bdcq_desktop.core.minutes_history import minutes_info
from bdcq_desktop.core.minutes_text import reopen_minutes
from bdcq_desktop.core.models import Conclusion, Task
from bdcq_desktop.core.tasks import complete_task
from tests.test_meeting_record import DURING, START, _meeting
from tests.test_settings_kept_on_date import settings_made_on


@pytest.fixture
def held(db: Any) -> dict[str, int]:
    return held_meeting(db)


def held_meeting(db: Any) -> dict[str, int]:
    """The regular meeting of 06/07/2026 08:00, chaired by the Head, held, with one conclusion
    and its two tasks (deadlines 30/09/2026 and 31/12/2026)."""
    ids = _meeting(db)
    added = add_conclusion(
        db,
        ids["meeting"],
        "Giao các sở đẩy nhanh chuyển đổi số.",
        [
            TaskInput("Kho dữ liệu dùng chung", assignee_unit_id=ids["unit"],
                      deadline=date(2026, 9, 30)),
            TaskInput("Rà soát thủ tục", assignee_person_id=ids["binh"],
                      focal_unit_id=ids["focal"], deadline=date(2026, 12, 31)),
        ],
        expected_version=get_meeting(db, ids["meeting"]).version,
        now=DURING,
    )
    ids["conclusion"] = added.id
    ids["task1"], ids["task2"] = added.task_ids
    return ids


def _snapshot(db: Any, meeting_id: int) -> tuple[Any, ...]:
    d = get_meeting(db, meeting_id)
    with db.session() as s:
        tasks = s.scalar(select(func.count()).select_from(Task))
    return d.version, d.conclusions, tasks


def test_edit_text_and_tasks_in_one_call(db: Any, held: dict[str, int]) -> None:
    mid, cid = held["meeting"], held["conclusion"]
    before = get_meeting(db, mid).version
    edit = get_conclusion(db, cid)
    assert edit.meeting_id == mid and [t.id for t in edit.tasks] == [held["task1"], held["task2"]]
    assert edit.tasks[1].focal_unit_id == held["focal"] and edit.worked_on == frozenset()
    saved = update_conclusion(
        db,
        cid,
        "Giao các sở, ngành đẩy nhanh chuyển đổi số.",
        [
            # Given by its id, a task keeps what is left out: its focal unit is cleared by null.
            {"id": held["task2"], "content": "Rà soát thủ tục hành chính",
             "assignee_person_id": held["binh"], "deadline": "15/11/2026",
             "focal_unit_id": None},
            TaskInput("Báo cáo kết quả", assignee_unit_id=held["focal"],
                      deadline=date(2026, 10, 15)),
        ],
        expected_version=edit.version,
    )
    assert saved.id == cid and saved.version > edit.version and saved.meeting_version > before
    assert saved.task_ids[0] == held["task2"] and saved.task_ids[1] not in (held["task1"],)
    (c,) = get_meeting(db, mid).conclusions
    assert c.text == "Giao các sở, ngành đẩy nhanh chuyển đổi số." and c.version == saved.version
    assert [(t.id, t.content, t.deadline, t.focal_unit) for t in c.tasks] == [
        (held["task2"], "Rà soát thủ tục hành chính", date(2026, 11, 15), ""),
        (saved.task_ids[1], "Báo cáo kết quả", date(2026, 10, 15), ""),
    ]
    assert c.tasks[1].assigned_by == "Vũ Duy Tiến" and c.tasks[1].assigned_on == START.date()
    with db.session() as s:  # the task left out is gone, not orphaned
        assert s.get(Task, held["task1"]) is None
    # The version read before the save is stale now: refused, nothing written.
    state = _snapshot(db, mid)
    with pytest.raises(ConflictError) as exc:
        update_conclusion(db, cid, "Cũ", [], expected_version=edit.version)
    assert "Kết luận" in exc.value.message
    assert _snapshot(db, mid) == state


def test_reordering_tasks_keeps_them_and_their_ids(db: Any, held: dict[str, int]) -> None:
    cid = held["conclusion"]
    edit = get_conclusion(db, cid)
    first, second = edit.tasks
    saved = update_conclusion(db, cid, edit.text, [second, first], expected_version=edit.version)
    assert saved.task_ids == (held["task2"], held["task1"])
    (c,) = list_conclusions(db, held["meeting"])
    assert [t.id for t in c.tasks] == [held["task2"], held["task1"]]
    # Moving back with a new task in between: positions stay unique at every step.
    edit = get_conclusion(db, cid)
    new = TaskInput("Việc mới", assignee_unit_id=held["unit"])
    saved = update_conclusion(
        db, cid, edit.text, [edit.tasks[1], new, edit.tasks[0]], expected_version=edit.version
    )
    (c,) = list_conclusions(db, held["meeting"])
    assert [t.content for t in c.tasks] == ["Kho dữ liệu dùng chung", "Việc mới", "Rà soát thủ tục"]


def test_bad_input_is_refused_before_anything_is_written(db: Any, held: dict[str, int]) -> None:
    mid, cid = held["meeting"], held["conclusion"]
    edit = get_conclusion(db, cid)
    state = _snapshot(db, mid)
    cases: list[tuple[Any, list[Any], str]] = [
        ("  ", list(edit.tasks), "text"),
        ("Kết luận", [{"content": "Việc"}], "assignee"),
        ("Kết luận", [{"content": "Việc", "assignee_unit_id": held["unit"],
                       "deadline": "01/07/2026"}], "deadline"),  # before the meeting's day
        ("Kết luận", [{"content": "Việc", "assignee_unit_id": 999_999}], "assignee_unit_id"),
        ("Kết luận", [{"id": 999_999, "content": "Việc", "assignee_unit_id": held["unit"]}], "id"),
        ("Kết luận", [edit.tasks[0], edit.tasks[0]], "id"),
        ("Kết luận", [{"content": "Việc", "owner": "x"}], "tasks"),
    ]
    for text, tasks, field in cases:
        with pytest.raises(ValidationError) as exc:
            update_conclusion(db, cid, text, tasks, expected_version=edit.version)
        assert exc.value.field == field, (field, exc.value.message)
    with pytest.raises(NotFoundError):
        update_conclusion(db, 999_999, "Kết luận", [], expected_version=None)
    assert _snapshot(db, mid) == state
    # A task of another conclusion is not this one's to edit.
    other = add_conclusion(
        db, mid, "Khác", [TaskInput("Việc khác", assignee_unit_id=held["unit"])],
        expected_version=get_meeting(db, mid).version, now=DURING,
    )
    with pytest.raises(ValidationError) as exc:
        update_conclusion(
            db, cid, "Kết luận",
            [TaskInput("Việc khác", assignee_unit_id=held["unit"], id=other.task_ids[0])],
            expected_version=edit.version,
        )
    assert exc.value.field == "id" and "Nhiệm vụ 1" in exc.value.message
    # A new conclusion has no tasks to edit yet.
    with pytest.raises(ValidationError):
        add_conclusion(
            db, mid, "Mới", [TaskInput("Việc", assignee_unit_id=held["unit"], id=held["task1"])],
            expected_version=get_meeting(db, mid).version, now=DURING,
        )


def test_remove_a_conclusion_with_its_tasks(db: Any, held: dict[str, int]) -> None:
    mid, cid = held["meeting"], held["conclusion"]
    before = get_meeting(db, mid).version
    version = get_conclusion(db, cid).version
    update_conclusion(db, cid, "Sửa", list(get_conclusion(db, cid).tasks),
                      expected_version=version)
    state = _snapshot(db, mid)
    with pytest.raises(ConflictError):  # read before the edit above
        remove_conclusion(db, cid, expected_version=version)
    assert _snapshot(db, mid) == state
    meeting_version = remove_conclusion(
        db, cid, expected_version=get_conclusion(db, cid).version
    )
    assert meeting_version > before and get_meeting(db, mid).version == meeting_version
    assert list_conclusions(db, mid) == ()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Task)) == 0
        assert s.get(Conclusion, cid) is None
    with pytest.raises(NotFoundError):
        remove_conclusion(db, cid, expected_version=None)


def test_a_task_worked_on_is_never_removed(db: Any, held: dict[str, int]) -> None:
    mid, cid = held["meeting"], held["conclusion"]
    with db.session() as s:
        task_version = s.get(Task, held["task1"]).version
    complete_task(db, held["task1"], date(2026, 8, 1), expected_version=task_version,
                  today=date(2026, 8, 2))
    edit = get_conclusion(db, cid)
    assert edit.worked_on == frozenset({held["task1"]})
    state = _snapshot(db, mid)
    with pytest.raises(BcdError) as exc:
        update_conclusion(db, cid, edit.text, [edit.tasks[1]], expected_version=edit.version)
    assert "Kho dữ liệu dùng chung" in exc.value.message
    with pytest.raises(BcdError):
        remove_conclusion(db, cid, expected_version=edit.version)
    assert _snapshot(db, mid) == state
    # Edited, it keeps its completion.
    first = TaskInput("Kho dữ liệu dùng chung của tỉnh", assignee_unit_id=held["unit"],
                      deadline=date(2026, 9, 30), id=held["task1"])
    update_conclusion(db, cid, edit.text, [first, edit.tasks[1]], expected_version=edit.version)
    (c,) = list_conclusions(db, mid, today=date(2026, 8, 2))
    assert (c.tasks[0].content, c.tasks[0].status) == (
        "Kho dữ liệu dùng chung của tỉnh", "done_on_time"
    )


def test_final_minutes_close_the_conclusions_until_reopened(db: Any, held: dict[str, int]) -> None:
    mid, cid = held["meeting"], held["conclusion"]
    with db.session() as s:
        finalise_issued(s, minutes_state(db, mid), "a" * 64)
    edit = get_conclusion(db, cid)
    state = _snapshot(db, mid)
    with pytest.raises(BcdError) as exc:
        remove_conclusion(db, cid, expected_version=edit.version)
    assert "Biên bản đã hoàn thành" in exc.value.message
    with pytest.raises(BcdError):
        update_conclusion(db, cid, "Sửa", list(edit.tasks), expected_version=edit.version)
    assert _snapshot(db, mid) == state
    with db.session() as s:
        info = minutes_info(s, mid)
    assert info is not None
    reopen_minutes(db, mid, "Sửa kết luận theo ý kiến Trưởng ban", expected_version=info.version)
    update_conclusion(db, cid, "Sửa", list(edit.tasks), expected_version=edit.version)
    assert remove_conclusion(db, cid, expected_version=get_conclusion(db, cid).version)


def test_an_edit_refuses_minutes_issued_from_the_older_reading(
    db: Any, held: dict[str, int]
) -> None:
    mid, cid = held["meeting"], held["conclusion"]
    state = minutes_state(db, mid)  # the PDF is built from this reading…
    edit = get_conclusion(db, cid)
    update_conclusion(db, cid, "Sửa trong lúc ban hành", list(edit.tasks),
                      expected_version=edit.version)
    with pytest.raises(ConflictError), db.session() as s:  # …and no longer matches
        finalise_issued(s, state, "b" * 64)


def test_check_in_after_the_end_is_present_not_late(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    version = get_meeting(db, mid).version
    # START + 3 h is the end: the sheet filled in at 15:00 is no arrival at 15:00.
    version = check_in(db, mid, held["inv_an"], expected_version=version,
                       now=START + timedelta(hours=5))
    version = check_in(db, mid, held["inv_binh"], expected_version=version,
                       now=datetime.combine(START.date() + timedelta(days=1), START.time()))
    check_in(db, mid, held["inv_guest"], expected_version=version, now=DURING)
    rows = {r.name: r for r in attendance_rows(db, mid)}
    assert rows["Nguyễn Văn An"].status == "present" and rows["Nguyễn Văn An"].arrived_at is None
    assert rows["Trần Thị Bình"].status == "present"
    assert (rows["Lê Khách"].status, rows["Lê Khách"].arrived_at) == ("late", DURING)


def test_matching_a_sheet_read_is_matching_the_database(db: Any, held: dict[str, int]) -> None:
    mid = held["meeting"]
    sheet = attendance_rows(db, mid)
    for typed in ("ng v an", "an", "tran", "Trần", "tràn", "sở", "", "zzz"):
        assert rank_matches(sheet, typed) == match_invitees(db, mid, typed), typed
    assert [r.name for r in rank_matches(sheet, "ng v an")][:1] == ["Nguyễn Văn An"]
    assert rank_matches(sheet, "tràn") == []  # diacritics typed must match


def _issue_notice(db: Any, meeting_id: int) -> Any:
    from bdcq_desktop.core.settings import update_organisation
    from bdcq_desktop.documents import service, settings_keys

    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    # The dataset has no member titled Chánh Văn phòng (the notice's default signer): a name
    # typed in Thiết lập, since a notice signed by no one is refused.
    settings_keys.set_key(db, "signer.conclusions", "name:Nguyễn Văn Hùng")
    settings_made_on(db, date(2026, 7, 7))  # typed before the notice's day
    return service.issue(db, "conclusions", meeting_id, issued_on=date(2026, 7, 7),
                         today=date(2026, 7, 7))


def test_changes_after_the_notice_is_issued_are_asked_first(db: Any, held: dict[str, int]) -> None:
    """Once the conclusions notice is issued, adding, editing or removing a conclusion raises
    IssuedNoticeWarning naming the notice, and writes nothing; confirmed, it goes through."""
    from bdcq_desktop.core.errors import IssuedNoticeWarning

    mid, cid = held["meeting"], held["conclusion"]
    notice = _issue_notice(db, mid)
    before = _snapshot(db, mid)
    edit = get_conclusion(db, cid)
    version = get_meeting(db, mid).version
    asked = [
        lambda **k: add_conclusion(db, mid, "Kết luận bổ sung", expected_version=version,
                                   now=DURING, **k),
        lambda **k: update_conclusion(db, cid, "Sửa", edit.tasks,
                                      expected_version=edit.version, **k),
        lambda **k: remove_conclusion(db, cid, expected_version=edit.version, **k),
    ]
    for call in asked:
        with pytest.raises(IssuedNoticeWarning) as warned:
            call()
        assert warned.value.parameter == "confirm_after_notice"
        assert notice.symbol in warned.value.message and "07/07/2026" in warned.value.message
    assert _snapshot(db, mid) == before

    saved = update_conclusion(db, cid, "Sửa sau thông báo", edit.tasks,
                              expected_version=edit.version, confirm_after_notice=True)
    assert get_conclusion(db, cid).text == "Sửa sau thông báo"
    remove_conclusion(db, cid, expected_version=saved.version, confirm_after_notice=True)
    assert list_conclusions(db, mid) == ()


def test_a_superseded_notice_asks_nothing(db: Any, held: dict[str, int]) -> None:
    """Only a notice in force counts: one marked superseded in the register does not."""
    from bdcq_desktop.core.models import IssuedDocument

    mid, cid = held["meeting"], held["conclusion"]
    _issue_notice(db, mid)
    with db.session() as s:
        for d in s.scalars(select(IssuedDocument)):
            d.superseded_at = datetime(2026, 7, 8, 9, 0)
    edit = get_conclusion(db, cid)
    update_conclusion(db, cid, "Sửa", edit.tasks, expected_version=edit.version)
    assert get_conclusion(db, cid).text == "Sửa"
