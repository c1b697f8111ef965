"""The meeting-room laptop's copy (core.room_copy, ``bdcq copy-for-room``): a PostgreSQL office
writes a SQLite file the laptop opens, every table with its ids, its identity and change log,
at the same schema revision; the room's record made on it goes back into the PostgreSQL office.
A SQLite office gets its online backup."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.live_notes import item_notes, save_item_notes
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.core.models import Base
from bdcq_desktop.core.room_copy import copy_for_room
from bdcq_desktop.core.room_merge import apply_meeting_record, preview_meeting_record
from bdcq_desktop.core.room_record import database_uid, export_meeting_record, read_meeting_record
from tests.test_meeting_record import DURING, START, _meeting


def _counts(db: Any) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) or 0
                for t in Base.metadata.sorted_tables}  # fmt: skip


def _round_trip(office: Any, tmp_path: Path) -> None:
    ids = _meeting(office)
    meeting = ids["meeting"]
    path = copy_for_room(office, tmp_path / "usb" / "laptop.sqlite3")
    con = sqlite3.connect(path)
    try:
        assert con.execute("select version_num from alembic_version").fetchall() == [(HEAD,)]
    finally:
        con.close()
    laptop = open_database(path)
    try:
        assert _counts(laptop) == _counts(office)
        with laptop.session() as s, office.session() as o:
            assert database_uid(s) == database_uid(o)
        # Held on the laptop: a check-in, notes under the first item.
        someone = attendance_rows(laptop, meeting)[0].invitee_id
        check_in(laptop, meeting, someone, expected_version=get_meeting(laptop, meeting).version,
                 now=START + timedelta(minutes=2))  # fmt: skip
        first = item_notes(laptop, meeting)[0]
        save_item_notes(laptop, meeting, first.item_id, "Ghi trên máy phòng họp.",
                        base_version=first.version)  # fmt: skip
        record_path = export_meeting_record(laptop, meeting, tmp_path / "hop.bcdhop")
    finally:
        laptop.dispose()
    record = read_meeting_record(record_path)
    preview = preview_meeting_record(office, record, now=DURING + timedelta(hours=4))
    assert preview.conflicts == () and {c.kind for c in preview.changes} == {"attendance",
                                                                           "notes"}, preview
    apply_meeting_record(office, record, expected_version=preview.version,
                         now=DURING + timedelta(hours=4))  # fmt: skip
    marks = {r.invitee_id: r.status for r in attendance_rows(office, meeting)}
    assert marks[someone] == "present"
    assert minutes_draft(office, meeting).items[0].notes == "Ghi trên máy phòng họp."


def test_a_postgresql_office_copies_for_the_room_and_takes_its_record_back(
    pg_db: Any, tmp_path: Path
) -> None:
    _round_trip(pg_db, tmp_path)


def test_a_sqlite_office_copies_for_the_room_too(db: Any, tmp_path: Path) -> None:
    _round_trip(db, tmp_path)


def _second_file(office: Any, tmp_path: Path) -> None:
    """A later file from the same laptop after the office worked on what the first brought:
    the walk-in the room removed since goes, the conclusion the office deleted stays deleted
    (the change log's deletions and the first import's rows read on this office's server)."""
    from bdcq_desktop.core.conclusions import add_conclusion, list_conclusions, remove_conclusion
    from bdcq_desktop.core.walk_in import add_walk_in, remove_walk_in

    ids = _meeting(office)
    meeting = ids["meeting"]
    laptop = open_database(copy_for_room(office, tmp_path / "usb" / "laptop.sqlite3"))
    later = DURING + timedelta(hours=4)
    text = "Giao Sở Khoa học và Công nghệ đẩy nhanh chuyển đổi số."

    def round_trip() -> Any:
        record = read_meeting_record(export_meeting_record(laptop, meeting, tmp_path / "h.bcdhop"))
        preview = preview_meeting_record(office, record, now=later)
        apply_meeting_record(office, record, expected_version=preview.version, now=later)
        return preview

    try:
        walked = add_walk_in(laptop, meeting, {"guest_name": "Lê Văn Khách"},
                             expected_version=None, now=DURING).invitee_id  # fmt: skip
        add_conclusion(laptop, meeting, text, [{"content": "Báo cáo tiến độ",
                       "assignee_unit_id": ids["unit"], "deadline": "30/09/2026"}],
                       expected_version=None, now=DURING)  # fmt: skip
        first = round_trip()
        assert sorted(c.kind for c in first.changes) == ["conclusion", "task", "walk_in"]
        made = next(c for c in list_conclusions(office, meeting) if c.text == text)
        remove_conclusion(office, made.id, expected_version=made.version)
        remove_walk_in(laptop, meeting, walked, expected_version=None)
        second = round_trip()
        assert sorted((c.kind, c.conflict, c.default) for c in second.changes) == [
            ("conclusion", True, "office"), ("walk_in_removed", False, "")], second  # fmt: skip
        names = {r.name for r in attendance_rows(office, meeting)}
        assert "Lê Văn Khách" not in names
        assert text not in [c.text for c in list_conclusions(office, meeting)]
    finally:
        laptop.dispose()


def test_a_later_file_on_postgresql_keeps_the_offices_deletion_and_the_rooms(
    pg_db: Any, tmp_path: Path
) -> None:
    _second_file(pg_db, tmp_path)


def test_a_later_file_on_sqlite_keeps_the_offices_deletion_and_the_rooms(
    db: Any, tmp_path: Path
) -> None:
    _second_file(db, tmp_path)
