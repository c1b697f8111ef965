"""Notes the room typed under an agenda item the office replaced or removed meanwhile
(core.room_merge): never dropped. They are added at the end of the item now in the same place
on the agenda (else the last item, else the minutes' closing), under the old item's title; the
preview says where, and offers no choice that would do nothing: the room's is the only side,
and the office's text stays whole before it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bdcq_desktop.core.agenda import set_agenda
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.live_notes import item_notes, save_item_notes
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.core.room_merge import apply_meeting_record, preview_meeting_record
from bdcq_desktop.core.room_record import export_meeting_record, read_meeting_record
from tests.cli_run import bdcq
from tests.test_meetings_core import roster  # noqa: F401
from tests.test_room_record import AFTER, Room, _dump, room  # noqa: F401

TYPED = "Thảo luận sôi nổi: 5 ý kiến.\nSở Tài chính đề nghị bổ sung kinh phí."
MERGED = "Kế hoạch và kinh phí năm 2027"


def _typed_then_replaced(r: Room, agenda: list[dict[str, Any]] | None = None) -> int:
    """The room types notes under the second item; the office meanwhile replaces it (the
    first item kept). Returns the replaced item's id."""
    second = item_notes(r.laptop, r.meeting)[1]
    save_item_notes(r.laptop, r.meeting, second.item_id, TYPED, base_version=second.version)
    first = item_notes(r.office, r.meeting)[0]
    lines = agenda if agenda is not None else [
        {"id": first.item_id, "title": first.title}, {"title": MERGED}]  # fmt: skip
    set_agenda(r.office, r.meeting, lines, confirm_after_convocation=True,
               expected_version=get_meeting(r.office, r.meeting).version)  # fmt: skip
    export_meeting_record(r.laptop, r.meeting, r.path)
    return second.item_id


def test_notes_under_a_replaced_item_go_under_the_item_now_in_its_place(
    room: Room,  # noqa: F811
) -> None:
    gone = _typed_then_replaced(room)
    record = read_meeting_record(room.path)
    preview = preview_meeting_record(room.office, record)
    [row] = [c for c in preview.changes if c.key == f"item:{gone}"]
    assert not row.skipped and not row.conflict and row.options == ("room",), row
    assert MERGED in row.before and row.after == TYPED, row  # says where it goes

    before = _dump(room.office)
    with pytest.raises(BcdError, match="chỉ nhận: room"):  # no choice that drops it
        apply_meeting_record(room.office, record, expected_version=preview.version,
                             resolve={row.key: "office"}, now=AFTER)  # fmt: skip
    assert _dump(room.office) == before
    done = apply_meeting_record(room.office, record, expected_version=preview.version,
                                resolve={row.key: "room"}, now=AFTER)  # fmt: skip
    assert done.skipped == ()
    items = {i.title: i.text for i in item_notes(room.office, room.meeting)}
    assert items[MERGED].endswith(TYPED) and "Kế hoạch năm 2027" in items[MERGED], items
    assert "Đồng chí Trưởng ban phát biểu khai mạc." in items["Báo cáo 6 tháng"]
    draft = minutes_draft(room.office, room.meeting)
    assert any(TYPED in i.notes for i in draft.items)  # the minutes print it

    again = preview_meeting_record(room.office, record)  # the same file: nothing added twice
    assert again.changes == (), again.changes


def test_the_offices_own_notes_stay_first_and_with_no_item_left_the_closing_takes_them(
    room: Room,  # noqa: F811
) -> None:
    gone = _typed_then_replaced(room, agenda=[])
    record = read_meeting_record(room.path)
    preview = preview_meeting_record(room.office, record)
    [row] = [c for c in preview.changes if c.key == f"item:{gone}"]
    assert "phần kết thúc" in row.before and not row.skipped, row
    apply_meeting_record(room.office, record, expected_version=preview.version, now=AFTER)
    closing = minutes_draft(room.office, room.meeting).closing
    assert "Kế hoạch năm 2027" in closing and closing.endswith(TYPED), closing


def test_room_import_resolve_room_keeps_the_notes_of_a_replaced_item(
    room: Room,  # noqa: F811
) -> None:
    """The audit's command: the preview offers only the room's side, and
    ``--resolve item:N=room`` brings the text in."""
    gone = _typed_then_replaced(room)
    office = room.office.sqlite_path
    dry = bdcq(office, "meetings", "room-import", str(room.path), "--dry-run", "--format", "json")
    [row] = [c for c in json.loads(dry.stdout)["changes"] if c["key"] == f"item:{gone}"]
    assert row["options"] == ["room"] and not row["skipped"], row
    out = bdcq(office, "meetings", "room-import", str(room.path), "--yes",
               "--resolve", f"item:{gone}=room")  # fmt: skip
    assert out.returncode == 0 and "Không nhập" not in out.stdout, out
    shown = bdcq(office, "meetings", "minutes", str(room.meeting)).stdout
    assert "Sở Tài chính đề nghị bổ sung kinh phí." in shown, shown
