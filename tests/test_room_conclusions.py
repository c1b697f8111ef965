"""The chair's conclusions and their tasks, and the walk-ins removed, brought back from the
meeting room (core.room_conclusions, core.room_merge): the room's conclusions come in beside
the office's own, a conclusion both rewrote is a named conflict applied only as resolved, a
removal the core refuses (a task worked on at the office) is skipped with its reason, a
second import (or a later file from the same copy) adds nothing twice, and a file written
before the conclusions were carried still imports."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

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
from bdcq_desktop.core.live_notes import item_notes, save_item_notes
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.models import ChangeLog, MinutesRevision, Task
from bdcq_desktop.core.room_merge import apply_meeting_record, preview_meeting_record
from bdcq_desktop.core.room_record import export_meeting_record, read_meeting_record
from bdcq_desktop.core.tasks import complete_task
from bdcq_desktop.core.walk_in import add_walk_in, remove_walk_in
from tests.test_meetings_core import START, Roster, roster  # noqa: F401
from tests.test_room_record import AFTER, _convened, _dump

DAY = START.date()


@dataclass
class Held:
    office: Any
    laptop: Any
    meeting: int
    path: Path
    first: int  # a conclusion recorded at the office before the copy, one task
    second: int  # another, one task
    walk_in: int  # a walk-in added at the office before the copy
    r: Roster


def _v(db: Any, meeting: int) -> int:
    return get_meeting(db, meeting).version


def _task(content: str, **who: Any) -> dict[str, Any]:
    return {"content": content, "deadline": DAY + timedelta(days=30), **who}


@pytest.fixture
def held(db: Any, roster: Roster, tmp_path: Path) -> Any:  # noqa: F811
    """The meeting under way at the office (two conclusions, a walk-in), then copied to the
    laptop, which goes on recording there."""
    meeting = _convened(db, roster)
    at = START + timedelta(minutes=10)
    first = add_conclusion(db, meeting, "Giao Sở Y tế triển khai bệnh án điện tử.",
        [_task("Hoàn thành bệnh án điện tử", assignee_unit_id=roster.health)],
        expected_version=_v(db, meeting), now=at).id  # fmt: skip
    second = add_conclusion(db, meeting, "Công an tỉnh bảo đảm an toàn thông tin.",
        [_task("Rà soát an toàn thông tin", assignee_unit_id=roster.police)],
        expected_version=_v(db, meeting), now=at).id  # fmt: skip
    guest = {"guest_name": "Trần Thị Nhầm", "position": "Chuyên viên", "unit_name": "Sở Xây dựng"}
    walk = add_walk_in(db, meeting, guest, expected_version=_v(db, meeting), now=at).invitee_id
    copy = backup_to(db, tmp_path / "laptop.sqlite3")
    laptop = open_database(copy)
    yield Held(db, laptop, meeting, tmp_path / "hop.bcdhop", first, second, walk, roster)
    laptop.dispose()


def _import(h: Held) -> Any:
    export_meeting_record(h.laptop, h.meeting, h.path)
    record = read_meeting_record(h.path)
    preview = preview_meeting_record(h.office, record)
    return record, preview


def _texts(db: Any, meeting: int) -> list[str]:
    return [c.text for c in list_conclusions(db, meeting, today=DAY)]


def test_conclusions_added_in_the_room_come_in_beside_the_offices_and_only_once(
    held: Held,
) -> None:
    h, r = held, held.r
    at = START + timedelta(hours=2)
    room_made = add_conclusion(h.laptop, h.meeting, "Giao Sở Tài chính bố trí kinh phí năm 2027.",
        [_task("Trình phương án kinh phí", assignee_unit_id=r.health, focal_unit_id=r.police),
         _task("Báo cáo Trưởng ban", assignee_person_id=r.member)],
        expected_version=_v(h.laptop, h.meeting), now=at)  # fmt: skip
    notes = item_notes(h.laptop, h.meeting)[0]
    save_item_notes(h.laptop, h.meeting, notes.item_id, "Kết luận của Trưởng ban.",
                    base_version=notes.version)  # fmt: skip
    add_conclusion(h.office, h.meeting, "Văn phòng bổ sung: tổng hợp báo cáo.",
                   [_task("Tổng hợp báo cáo", assignee_unit_id=r.health)],
                   expected_version=_v(h.office, h.meeting), now=at)  # fmt: skip

    record, preview = _import(h)
    assert preview.conflicts == ()
    kinds = sorted(c.kind for c in preview.changes if c.kind in ("conclusion", "task"))
    assert kinds == ["conclusion", "task", "task"], preview.changes
    done = apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert done.skipped == ()
    assert _texts(h.office, h.meeting) == [
        "Giao Sở Y tế triển khai bệnh án điện tử.",
        "Công an tỉnh bảo đảm an toàn thông tin.",
        "Văn phòng bổ sung: tổng hợp báo cáo.",
        "Giao Sở Tài chính bố trí kinh phí năm 2027.",
    ]
    came = list_conclusions(h.office, h.meeting, today=DAY)[-1]
    assert [t.content for t in came.tasks] == ["Trình phương án kinh phí", "Báo cáo Trưởng ban"]
    with h.office.session() as s:
        made = [s.get(Task, t.id) for t in came.tasks]
        assert [(t.assignee_unit_id, t.focal_unit_id, t.assignee_person_id) for t in made] == [
            (r.health, r.police, None), (None, None, r.member)]  # fmt: skip
    with h.laptop.session() as s:
        room_uids = [s.get(Task, t).uid for t in room_made.task_ids]
    assert [t.uid for t in made] == room_uids  # the room's identity, kept
    # The minutes' revision is signed as the change log signs the import.
    with h.office.session() as s:
        author = s.query(MinutesRevision).order_by(MinutesRevision.id.desc()).first().author
        users = {u for (u,) in s.query(ChangeLog.user).filter(ChangeLog.table_name == "task")}
    assert "biên ghi phòng họp" in author and author in users, (author, users)

    # The same file again: nothing at all.
    again = preview_meeting_record(h.office, record)
    assert again.changes == ()
    before = _dump(h.office)
    same = apply_meeting_record(h.office, record, expected_version=again.version, now=AFTER)
    assert same.applied == 0 and _dump(h.office) == before

    # The room corrects its conclusion and exports again: an edit, not a fifth conclusion.
    edit = get_conclusion(h.laptop, room_made.id)
    update_conclusion(h.laptop, room_made.id, "Giao Sở Tài chính bố trí kinh phí năm 2027-2028.",
                      edit.tasks, expected_version=edit.version)  # fmt: skip
    record, preview = _import(h)
    assert [(c.kind, c.conflict) for c in preview.changes] == [("conclusion", False)]
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    texts = _texts(h.office, h.meeting)
    assert len(texts) == 4 and texts[-1].endswith("2027-2028.")


def test_a_conclusion_rewritten_on_both_sides_is_a_conflict_applied_only_as_resolved(
    held: Held,
) -> None:
    h = held
    edit = get_conclusion(h.laptop, h.first)
    tasks = [{"id": edit.tasks[0].id, "deadline": DAY + timedelta(days=60)}]
    update_conclusion(h.laptop, h.first, "Giao Sở Y tế hoàn thành bệnh án điện tử trong quý III.",
                      tasks, expected_version=edit.version)  # fmt: skip
    edit = get_conclusion(h.office, h.first)
    update_conclusion(h.office, h.first, "Giao Sở Y tế triển khai bệnh án điện tử toàn tỉnh.",
                      edit.tasks, expected_version=edit.version)  # fmt: skip

    record, preview = _import(h)
    conflicts = {c.key: c for c in preview.conflicts}
    assert list(conflicts) == [f"conclusion:{h.first}"]
    named = conflicts[f"conclusion:{h.first}"]
    assert "toàn tỉnh" in named.before and "quý III" in named.after
    task = next(c for c in preview.changes if c.kind == "task")
    assert not task.conflict and "06/06/2026" in task.after  # the deadline, the room's alone
    before = _dump(h.office)
    with pytest.raises(BcdError, match="1 xung đột") as info:
        apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert named.what in info.value.message
    assert _dump(h.office) == before  # nothing applied, not even the task's deadline

    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER,
                         resolve={named.key: "room"})  # fmt: skip
    after = get_conclusion(h.office, h.first)
    assert after.text.endswith("trong quý III.")
    assert after.tasks[0].deadline == DAY + timedelta(days=60)


def test_a_conclusion_removed_in_the_room_goes_unless_the_office_worked_on_its_task(
    held: Held,
) -> None:
    h = held
    for cid in (h.first, h.second):
        remove_conclusion(h.laptop, cid, expected_version=get_conclusion(h.laptop, cid).version)
    started = get_conclusion(h.office, h.first).tasks[0].id
    with h.office.session() as s:
        version = s.get(Task, started).version
    complete_task(h.office, started, DAY + timedelta(days=5), expected_version=version,
                  today=DAY + timedelta(days=6))  # fmt: skip

    record, preview = _import(h)
    rows = {c.key: c for c in preview.changes if c.kind == "conclusion"}
    kept, gone = rows[f"conclusion:{h.first}"], rows[f"conclusion:{h.second}"]
    assert "đã được thực hiện" in kept.skipped and not kept.conflict
    assert not gone.skipped and not gone.conflict and gone.after == "Xóa"
    done = apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert _texts(h.office, h.meeting) == ["Giao Sở Y tế triển khai bệnh án điện tử."]
    assert any("đã được thực hiện" in line for line in done.skipped), done.skipped


def test_a_walk_in_removed_in_the_room_is_removed_unless_the_office_changed_it(
    held: Held,
) -> None:
    h = held
    other = add_walk_in(h.office, h.meeting, {"guest_name": "Phạm Văn Hai"},
                        expected_version=_v(h.office, h.meeting),
                        now=START + timedelta(minutes=15)).invitee_id  # fmt: skip
    h.laptop.dispose()
    h.laptop = open_database(backup_to(h.office, h.path.with_name("laptop2.sqlite3")))
    for invitee in (h.walk_in, other):
        remove_walk_in(h.laptop, h.meeting, invitee, expected_version=_v(h.laptop, h.meeting))
    # Meanwhile the office corrected the second one's mark (he was online).
    check_in(h.office, h.meeting, other, expected_version=_v(h.office, h.meeting),
             status="online", now=START + timedelta(minutes=20))  # fmt: skip

    record, preview = _import(h)
    rows = {c.key: c for c in preview.changes if c.kind == "walk_in_removed"}
    assert set(rows) == {f"invitee:{h.walk_in}", f"invitee:{other}"}
    assert not rows[f"invitee:{h.walk_in}"].conflict and rows[f"invitee:{other}"].conflict
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER,
                         resolve={f"invitee:{other}": "office"})  # fmt: skip
    names = {row.name for row in attendance_rows(h.office, h.meeting)}
    assert "Trần Thị Nhầm" not in names and "Phạm Văn Hai" in names


def test_a_file_written_before_the_conclusions_were_carried_still_imports(held: Held) -> None:
    h = held
    remove_conclusion(h.laptop, h.second,
                      expected_version=get_conclusion(h.laptop, h.second).version)  # fmt: skip
    member = next(i.id for i in get_meeting(h.laptop, h.meeting).invitees
                  if i.person_id == h.r.member)  # fmt: skip
    check_in(h.laptop, h.meeting, member, expected_version=_v(h.laptop, h.meeting),
             now=START + timedelta(minutes=3))  # fmt: skip
    export_meeting_record(h.laptop, h.meeting, h.path)
    content = json.loads(h.path.read_text(encoding="utf-8"))
    assert content["format_version"] == 4
    del content["conclusions"]
    del content["source"]["copy_uid"], content["source"]["serial"]
    for row in content["invitees"]:
        del row["uid"]  # version 4's
    content["format_version"] = 1
    h.path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")

    record = read_meeting_record(h.path)
    assert record.conclusions is None
    preview = preview_meeting_record(h.office, record)
    assert {c.kind for c in preview.changes} == {"attendance"}  # it says nothing of conclusions
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    assert len(_texts(h.office, h.meeting)) == 2  # none removed
    marks = {row.invitee_id: row.status for row in attendance_rows(h.office, h.meeting)}
    assert marks[member] == "present"


def test_the_minutes_revision_of_an_import_is_signed_as_its_change_log(held: Held) -> None:
    h = held
    notes = item_notes(h.laptop, h.meeting)[0]
    save_item_notes(h.laptop, h.meeting, notes.item_id, "Ghi ở phòng họp.",
                    base_version=notes.version)  # fmt: skip
    record, preview = _import(h)
    apply_meeting_record(h.office, record, expected_version=preview.version, now=AFTER)
    with h.office.session() as s:
        author = s.query(MinutesRevision).order_by(MinutesRevision.id.desc()).first().author
        users = {u for (u,) in s.query(ChangeLog.user).filter(ChangeLog.table_name == "minutes")}
    stamp = f"{record.exported_at:%d/%m/%Y %H:%M}"
    assert author.endswith(f"(biên ghi phòng họp {stamp})") and author in users, (author, users)
