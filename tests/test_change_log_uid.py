"""The change history names each table's uid for what it is: a meeting's is its calendar
event's, a conclusion's and a task's find them again when the meeting room's record is
imported; none borrows another table's label."""

from __future__ import annotations

from typing import Any

from bdcq_desktop.core.change_log import record_changes
from bdcq_desktop.core.models import Base
from tests.test_conclusions_edit import held_meeting

ICAL = "Mã lịch (iCalendar)"


def _uid_label(db: Any, table: str, record_id: int) -> str:
    labels = {
        c.label
        for row in record_changes(db, table, record_id)
        for c in row.changes
        if c.field == "uid"
    }
    assert len(labels) == 1, labels
    return labels.pop()


def test_a_conclusion_and_its_tasks_uid_are_named_for_the_room_import(db: Any) -> None:
    ids = held_meeting(db)
    conclusion = _uid_label(db, "conclusion", ids["conclusion"])
    task = _uid_label(db, "task", ids["task1"])
    assert conclusion == "Mã nhận diện kết luận (dùng khi nhập biên ghi phòng họp)"
    assert task == "Mã nhận diện nhiệm vụ (dùng khi nhập biên ghi phòng họp)"
    assert _uid_label(db, "meeting", ids["meeting"]) == ICAL


def test_every_uid_column_has_a_label_of_its_own_table() -> None:
    from bdcq_desktop.core.change_log import _COMMON_LABELS, _FIELD_LABELS

    seen: dict[str, str] = {}
    for name, table in Base.metadata.tables.items():
        for column in table.columns:
            if column.name.endswith("uid"):
                own = _FIELD_LABELS.get(name, {}).get(column.name)
                assert own, (name, column.name)
                assert own not in seen.values(), (name, own, seen)
                seen[name] = own
    assert "uid" not in _COMMON_LABELS
    assert seen["meeting"] == ICAL and len(seen) >= 5, seen
