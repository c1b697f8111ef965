"""A later file from the same meeting-room laptop, imported after the office worked on what the
first one brought (core.room_merge, core.room_conclusions, core.room_fork): what the office
deleted since stays deleted unless the officer chooses the room's (a conflict whose default is
the office's), a walk-in the room removed after its first import is removed at the office,
the order of a conclusion's tasks changed in the room alone is carried, and a conclusion made
without a uid (a laptop on an older version) is not added twice."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.backup import backup_to
from bdcq_desktop.core.conclusions import (
    add_conclusion,
    get_conclusion,
    list_conclusions,
    remove_conclusion,
    update_conclusion,
)
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.models import Conclusion, Task
from bdcq_desktop.core.room_merge import apply_meeting_record, preview_meeting_record
from bdcq_desktop.core.room_record import export_meeting_record, read_meeting_record
from bdcq_desktop.core.walk_in import add_walk_in, remove_walk_in
from tests.test_meetings_core import START, roster  # noqa: F401
from tests.test_room_conclusions import DAY, Held, _import, _task, _texts, _v, held  # noqa: F401
from tests.test_room_record import AFTER, Room, _dump, room  # noqa: F401

BUDGET = "Giao Sở Tài chính bố trí kinh phí năm 2027."


def _apply(db: Any, record: Any, **kw: Any) -> Any:
    preview = preview_meeting_record(db, record)
    return apply_meeting_record(db, record, expected_version=preview.version, now=AFTER, **kw)


def _conclusion_id(db: Any, meeting: int, text: str) -> int:
    return next(c.id for c in list_conclusions(db, meeting, today=DAY) if c.text == text)


def _room_made(h: Held) -> Any:
    """A conclusion with two tasks made in the room, brought to the office once."""
    made = add_conclusion(h.laptop, h.meeting, BUDGET,
        [_task("Trình phương án kinh phí", assignee_unit_id=h.r.health),
         _task("Báo cáo Trưởng ban", assignee_unit_id=h.r.police)],
        expected_version=_v(h.laptop, h.meeting), now=START + timedelta(hours=2))  # fmt: skip
    record, preview = _import(h)
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    return made


# --- 1. what the office deleted after the copy --------------------------------------------------


def test_a_room_conclusion_deleted_at_the_office_stays_deleted_unless_chosen(
    held: Held,  # noqa: F811
) -> None:
    h = held
    _room_made(h)
    office_id = _conclusion_id(h.office, h.meeting, BUDGET)
    remove_conclusion(h.office, office_id, expected_version=get_conclusion(h.office,
                                                                           office_id).version)
    record = read_meeting_record(h.path)  # the same file again

    preview = preview_meeting_record(h.office, record)
    [row] = [c for c in preview.changes if c.kind == "conclusion"]
    assert row.conflict and row.default == "office" and not row.skipped, row
    assert row.after == BUDGET and "xóa" in row.before, row
    # Never brought back by a choice for all (--prefer room, the dialog's button).
    assert preview.preferring("room") == {} and preview.preferring("office") == {row.key: "office"}
    assert [c for c in preview.changes if c.kind == "task"] == []  # said by its conclusion
    before = _dump(h.office)
    done = apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert done.applied == 0 and _dump(h.office) == before  # nothing at all
    assert BUDGET not in _texts(h.office, h.meeting)

    # A later file from the same laptop (the room typed notes meanwhile): still deleted.
    from bdcq_desktop.core.live_notes import item_notes, save_item_notes

    notes = item_notes(h.laptop, h.meeting)[0]
    save_item_notes(h.laptop, h.meeting, notes.item_id, "Ghi thêm.", base_version=notes.version)
    record, preview = _import(h)
    assert [c.key for c in preview.changes if c.kind == "conclusion"] == [row.key]
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert BUDGET not in _texts(h.office, h.meeting)

    # The officer chooses the room's: it comes back with its tasks, under the room's uid.
    preview = preview_meeting_record(h.office, record)
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER,
                         resolve={row.key: "room"})  # fmt: skip
    back = list_conclusions(h.office, h.meeting, today=DAY)[-1]
    assert back.text == BUDGET
    assert [t.content for t in back.tasks] == ["Trình phương án kinh phí", "Báo cáo Trưởng ban"]
    with h.office.session() as s, h.laptop.session() as lap:
        room_uid = lap.scalar(select(Conclusion.uid).where(Conclusion.text == BUDGET))
        assert s.get(Conclusion, back.id).uid == room_uid
    again = preview_meeting_record(h.office, record)
    assert [c for c in again.changes if c.kind in ("conclusion", "task")] == []


def test_a_conclusion_and_a_task_on_the_copy_deleted_at_the_office_are_conflicts_kept_deleted(
    held: Held,  # noqa: F811
) -> None:
    h = held
    # The office deletes the second conclusion, and the first's task, after the copy.
    remove_conclusion(h.office, h.second,
                      expected_version=get_conclusion(h.office, h.second).version)  # fmt: skip
    edit = get_conclusion(h.office, h.first)
    update_conclusion(h.office, h.first, edit.text, [], expected_version=edit.version)
    record, preview = _import(h)
    rows = {c.key: c for c in preview.changes}
    assert set(rows) == {f"conclusion:{h.second}", f"task:{edit.tasks[0].id}"}, rows
    assert all(c.conflict and c.default == "office" and not c.skipped for c in rows.values())
    before = _dump(h.office)
    assert apply_meeting_record(h.office, record, expected_version=preview.version,
                                now=AFTER).applied == 0  # fmt: skip
    assert _dump(h.office) == before
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER,
                         resolve={f"task:{edit.tasks[0].id}": "room"})  # fmt: skip
    assert [t.content for t in get_conclusion(h.office, h.first).tasks] == [
        "Hoàn thành bệnh án điện tử"]  # fmt: skip
    assert len(_texts(h.office, h.meeting)) == 1


# --- 2. a walk-in the room removed after its first import ---------------------------------------


def _walk_in(db: Any, meeting: int, name: str) -> Any:
    return next((r for r in attendance_rows(db, meeting) if r.name == name), None)


def test_a_walk_in_removed_in_the_room_after_its_import_is_removed_at_the_office(
    room: Room,  # noqa: F811
) -> None:
    export_meeting_record(room.laptop, room.meeting, room.path)
    _apply(room.office, read_meeting_record(room.path))
    assert _walk_in(room.office, room.meeting, "Lê Văn Khách") is not None
    guest = _walk_in(room.laptop, room.meeting, "Lê Văn Khách").invitee_id
    remove_walk_in(room.laptop, room.meeting, guest,
                   expected_version=get_meeting(room.laptop, room.meeting).version)  # fmt: skip
    # Meanwhile the office adds a walk-in of its own: the room never had it, it stays.
    add_walk_in(room.office, room.meeting, {"guest_name": "Phạm Văn Hai"},
                expected_version=None, now=START + timedelta(minutes=45))  # fmt: skip
    export_meeting_record(room.laptop, room.meeting, room.path)
    record = read_meeting_record(room.path)

    preview = preview_meeting_record(room.office, record)
    assert [(c.kind, c.what, c.conflict) for c in preview.changes] == [
        ("walk_in_removed", "Lê Văn Khách", False)], preview.changes  # fmt: skip
    apply_meeting_record(room.office, record, expected_version=preview.version, now=AFTER)
    assert _walk_in(room.office, room.meeting, "Lê Văn Khách") is None
    assert _walk_in(room.office, room.meeting, "Phạm Văn Hai") is not None
    assert preview_meeting_record(room.office, record).changes == ()


def test_a_walk_in_the_office_marked_after_its_import_is_a_conflict_to_remove(
    room: Room,  # noqa: F811
) -> None:
    export_meeting_record(room.laptop, room.meeting, room.path)
    _apply(room.office, read_meeting_record(room.path))
    came = _walk_in(room.office, room.meeting, "Lê Văn Khách")
    check_in(room.office, room.meeting, came.invitee_id, status="online",
             expected_version=get_meeting(room.office, room.meeting).version,
             now=START + timedelta(minutes=50))  # fmt: skip
    guest = _walk_in(room.laptop, room.meeting, "Lê Văn Khách").invitee_id
    remove_walk_in(room.laptop, room.meeting, guest,
                   expected_version=get_meeting(room.laptop, room.meeting).version)  # fmt: skip
    export_meeting_record(room.laptop, room.meeting, room.path)
    record = read_meeting_record(room.path)

    preview = preview_meeting_record(room.office, record)
    [row] = preview.changes
    assert (row.kind, row.conflict, row.key) == ("walk_in_removed", True,
                                                 f"invitee:{came.invitee_id}")  # fmt: skip
    with pytest.raises(BcdError, match="1 xung đột"):
        apply_meeting_record(room.office, record, expected_version=preview.version, now=AFTER)
    apply_meeting_record(room.office, record, expected_version=preview.version, now=AFTER,
                         resolve={row.key: "office"})  # fmt: skip
    assert _walk_in(room.office, room.meeting, "Lê Văn Khách").status == "online"


def test_a_conclusion_and_a_task_the_room_removed_after_their_import_are_removed(
    held: Held,  # noqa: F811
) -> None:
    h = held
    _room_made(h)
    edit = get_conclusion(h.laptop, h.first)  # a task the room adds to a conclusion on the copy
    update_conclusion(h.laptop, h.first, edit.text, [*edit.tasks, _task("Đào tạo bác sĩ",
        assignee_unit_id=h.r.health)], expected_version=edit.version)  # fmt: skip
    record, preview = _import(h)
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert len(_texts(h.office, h.meeting)) == 3
    # The room removes both again; the office did not touch them since.
    laptop_id = _conclusion_id(h.laptop, h.meeting, BUDGET)
    remove_conclusion(h.laptop, laptop_id,
                      expected_version=get_conclusion(h.laptop, laptop_id).version)  # fmt: skip
    edit = get_conclusion(h.laptop, h.first)
    update_conclusion(h.laptop, h.first, edit.text, edit.tasks[:1], expected_version=edit.version)
    record, preview = _import(h)
    rows = sorted((c.kind, c.after, c.conflict) for c in preview.changes)
    assert rows == [("conclusion", "Xóa", False), ("task", "Xóa", False)], preview.changes
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert BUDGET not in _texts(h.office, h.meeting)
    assert [t.content for t in get_conclusion(h.office, h.first).tasks] == [
        "Hoàn thành bệnh án điện tử"]  # fmt: skip
    assert preview_meeting_record(h.office, record).changes == ()


def test_a_mark_the_room_corrects_after_its_import_is_no_conflict(
    room: Room,  # noqa: F811
) -> None:
    """What the first import wrote is the room's own: the room correcting it in a later file
    is a plain change, the office's own correction since a conflict."""
    export_meeting_record(room.laptop, room.meeting, room.path)
    _apply(room.office, read_meeting_record(room.path))
    check_in(room.laptop, room.meeting, room.member, status="absent", reason="Về sớm",
             expected_version=get_meeting(room.laptop, room.meeting).version,
             now=START + timedelta(minutes=60))  # fmt: skip
    export_meeting_record(room.laptop, room.meeting, room.path)
    preview = preview_meeting_record(room.office, read_meeting_record(room.path))
    [row] = preview.changes
    assert (row.key, row.conflict) == (f"invitee:{room.member}", False), row
    assert "Đến muộn" in row.before and "Vắng (Về sớm)" in row.after, row
    check_in(room.office, room.meeting, room.member, status="online",
             expected_version=get_meeting(room.office, room.meeting).version,
             now=START + timedelta(minutes=61))  # fmt: skip
    [row] = preview_meeting_record(room.office, read_meeting_record(room.path)).changes
    assert row.conflict and row.before == "Dự trực tuyến", row


# --- 3. the order of a conclusion's tasks --------------------------------------------------------


def _reorder(db: Any, conclusion: int) -> None:
    edit = get_conclusion(db, conclusion)
    update_conclusion(db, conclusion, edit.text, list(reversed(edit.tasks)),
                      expected_version=edit.version)  # fmt: skip


def _contents(db: Any, conclusion: int) -> list[str]:
    return [t.content for t in get_conclusion(db, conclusion).tasks]


def test_the_order_of_tasks_changed_in_the_room_alone_is_carried(
    held: Held,  # noqa: F811
) -> None:
    h = held
    _room_made(h)
    office_id = _conclusion_id(h.office, h.meeting, BUDGET)
    laptop_id = _conclusion_id(h.laptop, h.meeting, BUDGET)
    _reorder(h.laptop, laptop_id)
    record, preview = _import(h)
    [row] = preview.changes
    assert (row.kind, row.conflict) == ("task_order", False), row
    assert row.before.index("Trình phương án") < row.before.index("Báo cáo Trưởng ban")
    assert row.after.index("Báo cáo Trưởng ban") < row.after.index("Trình phương án")
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert _contents(h.office, office_id) == ["Báo cáo Trưởng ban", "Trình phương án kinh phí"]
    assert preview_meeting_record(h.office, record).changes == ()


def test_the_order_of_tasks_changed_on_both_sides_is_a_conflict(
    held: Held,  # noqa: F811
) -> None:
    h = held
    # A conclusion with three tasks on the copy.
    edit = get_conclusion(h.office, h.first)
    update_conclusion(h.office, h.first, edit.text, [*edit.tasks,
        _task("Đào tạo bác sĩ", assignee_unit_id=h.r.health),
        _task("Báo cáo kết quả", assignee_unit_id=h.r.police)],
        expected_version=edit.version)  # fmt: skip
    h.laptop.dispose()
    h.laptop = open_database(backup_to(h.office, h.path.with_name("laptop2.sqlite3")))
    _reorder(h.laptop, h.first)  # the room: 3, 2, 1
    edit = get_conclusion(h.office, h.first)
    first, second, third = edit.tasks
    update_conclusion(h.office, h.first, edit.text, [second, first, third],
                      expected_version=edit.version)  # the office: 2, 1, 3
    record, preview = _import(h)
    [row] = preview.changes
    assert (row.kind, row.conflict, row.key) == ("task_order", True, f"task_order:{h.first}")
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER,
                         resolve={row.key: "office"})  # fmt: skip
    assert _contents(h.office, h.first) == [
        "Đào tạo bác sĩ", "Hoàn thành bệnh án điện tử", "Báo cáo kết quả"]  # fmt: skip
    _apply(h.office, record, resolve={row.key: "room"})  # the same file again, the room's
    assert _contents(h.office, h.first) == [
        "Báo cáo kết quả", "Đào tạo bác sĩ", "Hoàn thành bệnh án điện tử"]  # fmt: skip


def test_the_offices_order_stays_when_the_room_changed_something_else_of_the_conclusion(
    held: Held,  # noqa: F811
) -> None:
    h = held
    edit = get_conclusion(h.office, h.first)
    update_conclusion(h.office, h.first, edit.text, [*edit.tasks,
        _task("Đào tạo bác sĩ", assignee_unit_id=h.r.health)],
        expected_version=edit.version)  # fmt: skip
    h.laptop.dispose()
    h.laptop = open_database(backup_to(h.office, h.path.with_name("laptop2.sqlite3")))
    _reorder(h.office, h.first)
    edit = get_conclusion(h.laptop, h.first)
    update_conclusion(h.laptop, h.first, "Giao Sở Y tế hoàn thành bệnh án điện tử.", edit.tasks,
                      expected_version=edit.version)  # fmt: skip
    record, preview = _import(h)
    assert [(c.kind, c.conflict) for c in preview.changes] == [("conclusion", False)]
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert get_conclusion(h.office, h.first).text == "Giao Sở Y tế hoàn thành bệnh án điện tử."
    assert _contents(h.office, h.first) == ["Đào tạo bác sĩ", "Hoàn thành bệnh án điện tử"]


# --- 5. a mark for someone the office took off the list --------------------------------------


def test_someone_the_office_took_off_the_list_may_be_recorded_as_a_walk_in(
    room: Room,  # noqa: F811
) -> None:
    from bdcq_desktop.core.invitees import remove_invitees

    office, meeting = room.office, room.meeting
    check_in(room.laptop, meeting, room.standing, status="absent", reason="Ốm",
             expected_version=get_meeting(room.laptop, meeting).version,
             now=START + timedelta(minutes=50))  # fmt: skip
    names = {r.invitee_id: r.name for r in attendance_rows(office, meeting)}
    remove_invitees(office, meeting, [room.member, room.standing],
                    expected_version=get_meeting(office, meeting).version,
                    confirm_after_convocation=True)  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    record = read_meeting_record(room.path)

    preview = preview_meeting_record(office, record)
    rows = {c.what: c for c in preview.changes if c.kind == "attendance"}
    came, away = rows[names[room.member]], rows[names[room.standing]]
    assert came.conflict and not came.skipped and came.default == "office", came
    assert came.options == ("office", "walk-in") and came.key == f"walk_in:{room.member}"
    assert "Đến muộn lúc 08:25" in came.after and "bỏ khỏi danh sách" in came.before
    assert away.skipped and not away.conflict  # absent: nobody to record as attending
    assert came.key not in preview.preferring("room")  # off unless chosen on its own

    # As it is: not recorded (the office's list stands).
    apply_meeting_record(office, record, expected_version=preview.version, now=AFTER)
    assert names[room.member] not in {r.name for r in attendance_rows(office, meeting)}
    # Chosen: recorded as a walk-in with the room's mark.
    with pytest.raises(BcdError, match="chỉ nhận"):
        _apply(office, record, resolve={came.key: "room"})
    _apply(office, record, resolve={came.key: "walk-in"})
    row = next(r for r in attendance_rows(office, meeting) if r.name == names[room.member])
    assert row.walk_in and (row.status, row.arrived_at) == ("late",
                                                             START + timedelta(minutes=25))
    assert [c for c in preview_meeting_record(office, record).changes
            if c.what == names[room.member]] == []  # fmt: skip


# --- 6. conclusions without a uid (a laptop on an older version) --------------------------------


def test_a_conclusion_without_a_uid_is_not_added_twice(
    held: Held,  # noqa: F811
) -> None:
    h = held
    add_conclusion(h.laptop, h.meeting, BUDGET,
                   [_task("Trình phương án kinh phí", assignee_unit_id=h.r.health)],
                   expected_version=_v(h.laptop, h.meeting),
                   now=START + timedelta(hours=2))  # fmt: skip
    export_meeting_record(h.laptop, h.meeting, h.path)
    content = json.loads(h.path.read_text(encoding="utf-8"))
    for c in content["conclusions"]:
        if c["text"] == BUDGET:  # as an older laptop writes it: no uid, none for its task
            c["uid"] = None
            for t in c["tasks"]:
                t["uid"] = None
            c["text"] = f"{BUDGET} \n"  # the spaces its box kept, which the office's drops
    h.path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    record = read_meeting_record(h.path)
    first = preview_meeting_record(h.office, record)
    assert [c.kind for c in first.changes] == ["conclusion", "task"]
    apply_meeting_record(h.office, record, expected_version=first.version, now=AFTER)
    assert len(_texts(h.office, h.meeting)) == 3

    again = preview_meeting_record(h.office, record)
    assert [c for c in again.changes if c.kind in ("conclusion", "task")] == [], again.changes
    before = _dump(h.office)
    assert apply_meeting_record(h.office, record, expected_version=again.version,
                                now=AFTER).applied == 0  # fmt: skip
    assert _dump(h.office) == before
    with h.office.session() as s:
        assert s.query(Task).filter(Task.content == "Trình phương án kinh phí").count() == 1
    # Deleted at the office since: the same file shows it as such, and leaves it deleted.
    office_id = _conclusion_id(h.office, h.meeting, BUDGET)
    remove_conclusion(h.office, office_id,
                      expected_version=get_conclusion(h.office, office_id).version)  # fmt: skip
    gone = preview_meeting_record(h.office, record)
    [row] = [c for c in gone.changes if c.kind == "conclusion"]
    assert (row.key, row.default) == (f"conclusion:{office_id}", "office"), row
    apply_meeting_record(h.office, record, expected_version=gone.version, now=AFTER)
    assert BUDGET not in _texts(h.office, h.meeting)


def test_a_walk_in_the_office_removed_after_its_import_stays_removed_unless_chosen(
    room: Room,  # noqa: F811
) -> None:
    """The first import brought the room's walk-in; the office took it off as added by
    mistake; the same file again shows it as deleted at the office, left so by default."""
    export_meeting_record(room.laptop, room.meeting, room.path)
    record = read_meeting_record(room.path)
    _apply(room.office, record)
    came = _walk_in(room.office, room.meeting, "Lê Văn Khách").invitee_id
    remove_walk_in(room.office, room.meeting, came,
                   expected_version=get_meeting(room.office, room.meeting).version)  # fmt: skip
    preview = preview_meeting_record(room.office, record)
    [row] = preview.changes
    assert (row.kind, row.conflict) == ("walk_in", True), row  # not added back as it was
    assert row.default == "office" and row.before.startswith("Đã xóa ở văn phòng"), row
    before = _dump(room.office)
    assert apply_meeting_record(room.office, record, expected_version=preview.version,
                                now=AFTER).applied == 0  # fmt: skip
    assert _dump(room.office) == before
    _apply(room.office, record, resolve={row.key: "room"})
    assert _walk_in(room.office, room.meeting, "Lê Văn Khách").status == "late"


def test_an_older_file_after_a_newer_one_undoes_nothing_unless_chosen(
    room: Room,  # noqa: F811
) -> None:
    """The first file imported again after the second: what the second changed is not taken
    back as a plain change of the room's; each difference is to be chosen, and it says why."""
    first = room.path.with_name("hop1.bcdhop")
    export_meeting_record(room.laptop, room.meeting, first)
    older = read_meeting_record(first)
    _apply(room.office, older)
    check_in(room.laptop, room.meeting, room.member, status="absent", reason="Về sớm",
             expected_version=get_meeting(room.laptop, room.meeting).version,
             now=START + timedelta(minutes=60))  # fmt: skip
    export_meeting_record(room.laptop, room.meeting, room.path)
    newer = read_meeting_record(room.path)
    newer = replace(newer, exported_at=older.exported_at + timedelta(minutes=30))
    _apply(room.office, newer)

    preview = preview_meeting_record(room.office, older)
    assert preview.newer_import == newer.exported_at  # as the laptop wrote it
    [row] = preview.changes
    assert (row.key, row.conflict, row.default) == (f"invitee:{room.member}", True, ""), row
    with pytest.raises(BcdError, match="1 xung đột"):
        apply_meeting_record(room.office, older, expected_version=preview.version, now=AFTER)
    assert preview_meeting_record(room.office, newer).changes == ()
