"""A later file from the same meeting-room laptop, imported after the office worked on what the
first one brought (core.room_merge, core.room_conclusions, core.room_fork): what the office
deleted since stays deleted unless the officer chooses the room's (a conflict whose default is
the office's), a walk-in the room removed after its first import is removed at the office,
the order of a conclusion's tasks changed in the room alone is carried, and a conclusion made
without a uid (a laptop on an older version) is not added twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core.conclusions import (
    add_conclusion,
    get_conclusion,
    list_conclusions,
    remove_conclusion,
    update_conclusion,
)
from bdcq_desktop.core.models import Conclusion
from bdcq_desktop.core.room_merge import apply_meeting_record, preview_meeting_record
from bdcq_desktop.core.room_record import read_meeting_record
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
