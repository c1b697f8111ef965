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
