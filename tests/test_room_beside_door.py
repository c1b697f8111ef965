"""The secretary in the meeting room and an officer checking people in at the door, each
through a Database of their own on one real SQLite file (and on a real PostgreSQL server).
Every check-in bumps the meeting's version; what the secretary does next from the meeting as
read before it is still accepted when it only adds (a conclusion with its task, a walk-in) or
is guarded by a version of its own (a conclusion's edit, a walk-in's removal). Refused is only
what the change depends on: the same conclusion edited elsewhere (named), the minutes final."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.conclusions import (
    add_conclusion,
    get_conclusion,
    list_conclusions,
    update_conclusion,
)
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.errors import BcdError, ConflictError
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.minutes import finalise_issued, minutes_state
from bdcq_desktop.core.walk_in import add_walk_in, remove_walk_in
from tests.test_meeting_record import DURING, _meeting


@pytest.fixture
def other(db_path: Path, db: Any) -> Iterator[Database]:
    """The second PC: another Database on the same file."""
    database = open_database(db_path)
    yield database
    database.dispose()


def _door_checks_in(door: Any, mid: int, invitee: int) -> int:
    row = next(r for r in attendance_rows(door, mid) if r.invitee_id == invitee)
    return check_in(
        door, mid, invitee, expected_version=get_meeting(door, mid).version,
        invitee_version=row.version, now=DURING,
    )  # fmt: skip


def _room_beside_door(door: Any, room: Any) -> None:
    ids = _meeting(door)
    mid = ids["meeting"]
    seen = get_meeting(room, mid)  # the secretary's window, opened before the door's marks
    _door_checks_in(door, mid, ids["inv_an"])
    # A conclusion with its task, from the meeting read before the check-in: saved.
    added = add_conclusion(
        room,
        mid,
        "Giao Sở Khoa học và Công nghệ đẩy nhanh chuyển đổi số.",
        [{"content": "Báo cáo tiến độ", "assignee_unit_id": ids["unit"],
          "deadline": "30/09/2026"}],
        expected_version=seen.version,
        now=DURING,
    )  # fmt: skip
    assert len(added.task_ids) == 1
    assert added.meeting_version == get_meeting(door, mid).version == seen.version + 2
    # A walk-in, from the same old reading, after another check-in: saved and checked in.
    _door_checks_in(door, mid, ids["inv_binh"])
    walked = add_walk_in(
        room, mid, {"guest_name": "Lê Văn Khách", "position": "Chuyên viên"},
        expected_version=seen.version, now=DURING,
    )  # fmt: skip
    marks = {r.invitee_id: r for r in attendance_rows(door, mid)}
    assert marks[walked.invitee_id].walk_in and marks[walked.invitee_id].status == "late"
    assert (marks[ids["inv_an"]].status, marks[ids["inv_binh"]].status) == ("late", "late")
    # The same name added again from the old reading: the list as it is now refuses it.
    with pytest.raises(BcdError, match="đã có trong danh sách mời"):
        add_walk_in(room, mid, {"guest_name": "Lê Văn Khách"}, expected_version=seen.version,
                    now=DURING)
    # The walk-in removed by its own version, after a check-in of someone else: accepted.
    _door_checks_in(door, mid, ids["inv_head"])
    remove_walk_in(room, mid, walked.invitee_id, expected_version=seen.version,
                   invitee_version=marks[walked.invitee_id].version)
    assert walked.invitee_id not in {r.invitee_id for r in attendance_rows(door, mid)}
    # The same conclusion, edited at the door's PC after the secretary read it: a conflict
    # that names it, nothing of the secretary's written.
    read = get_conclusion(room, added.id)
    update_conclusion(door, added.id, "Giao các sở đẩy nhanh chuyển đổi số.", read.tasks,
                      expected_version=read.version)
    with pytest.raises(ConflictError) as exc:
        update_conclusion(room, added.id, "Bản của thư ký", read.tasks,
                          expected_version=read.version)
    assert "Kết luận 1 “Giao các sở đẩy nhanh" in exc.value.message  # as it is now
    assert list_conclusions(door, mid)[0].text == "Giao các sở đẩy nhanh chuyển đổi số."
    # Edited from its version now, after yet another check-in: saved.
    _door_checks_in(door, mid, ids["inv_guest"])
    update_conclusion(room, added.id, "Bản của thư ký", read.tasks,
                      expected_version=get_conclusion(room, added.id).version)
    assert list_conclusions(door, mid)[0].text == "Bản của thư ký"
    # The minutes final: adding is refused for that reason, not as a conflict.
    with door.session() as s:
        finalise_issued(s, minutes_state(door, mid), "a" * 64)
    final = get_meeting(door, mid).version
    for add in (
        lambda: add_conclusion(room, mid, "Muộn", expected_version=seen.version, now=DURING),
        lambda: add_walk_in(room, mid, {"guest_name": "Người Muộn"},
                            expected_version=seen.version, now=DURING),
    ):
        with pytest.raises(BcdError) as refused:
            add()
        assert not isinstance(refused.value, ConflictError)
        assert "không" in refused.value.message and "được nữa" in refused.value.message
    assert len(list_conclusions(door, mid)) == 1 and get_meeting(door, mid).version == final


def test_the_room_is_not_refused_after_a_check_in_at_the_door(db: Any, other: Database) -> None:
    _room_beside_door(db, other)


def test_the_room_is_not_refused_after_a_check_in_on_postgresql(pg_db: Any) -> None:
    second = Database(pg_db.url)
    try:
        _room_beside_door(pg_db, second)
    finally:
        second.dispose()


def _two_at_once(a: Any, b: Any) -> None:
    """Two conclusions typed on two PCs at the same instant, from the same reading, while the
    door checks someone in: all saved, the conclusions numbered one after the other."""
    ids = _meeting(a)
    mid = ids["meeting"]
    read = get_meeting(a, mid).version
    start = threading.Barrier(3)
    refused: list[BaseException] = []

    def typed(db: Any, text: str) -> None:
        start.wait()
        try:
            add_conclusion(db, mid, text, expected_version=read, now=DURING)
        except BcdError as exc:
            refused.append(exc)

    def door() -> None:
        start.wait()
        try:
            _door_checks_in(b, mid, ids["inv_an"])
        except BcdError as exc:
            refused.append(exc)

    threads = [
        threading.Thread(target=typed, args=(a, "Kết luận thứ nhất")),
        threading.Thread(target=typed, args=(b, "Kết luận thứ hai")),
        threading.Thread(target=door),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert refused == []
    rows = list_conclusions(a, mid, today=date(2026, 7, 6))
    assert sorted(r.text for r in rows) == ["Kết luận thứ hai", "Kết luận thứ nhất"]
    with a.session() as s:
        from sqlalchemy import select

        from bdcq_desktop.core.models import Conclusion

        positions = s.scalars(select(Conclusion.position).where(Conclusion.meeting_id == mid))
        assert sorted(positions) == [1, 2]
    assert get_meeting(a, mid).version == read + 3


def test_two_conclusions_at_the_same_instant_are_both_saved(db: Any, other: Database) -> None:
    _two_at_once(db, other)


def test_two_conclusions_at_the_same_instant_on_postgresql(pg_db: Any) -> None:
    second = Database(pg_db.url)
    try:
        _two_at_once(pg_db, second)
    finally:
        second.dispose()
