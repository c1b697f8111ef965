"""0017_walk_in on a database made at the previous revision, with a held meeting and its
invitees: the new column ``invitee.walked_in_at`` is added, every row is kept and stays invited
(NULL: nobody was recorded as a walk-in before), the minutes' counts read the same as before;
downgrading drops the column and keeps the rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from bdcq_desktop.core.attendance import attendance_rows
from bdcq_desktop.core.attendance_summary import summarise
from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import alembic_config, current_revision, upgrade
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import Invitee, Meeting, Person
from tests.migration_support import inserter, rows_by_id

BEFORE = "0016_attendance_online"
MARKS = ("present", "present", "online", "absent")


def _fill(db: Database) -> int:
    """A held meeting with four member invitees; the previous revision's columns only."""
    with db.engine.begin() as conn:
        add = inserter(conn)
        people = [add(Person.__table__, full_name=f"Người {n}") for n in range(len(MARKS))]
        meeting = add(
            Meeting.__table__, uid="m-1", kind="regular", title="Họp Ban Chỉ đạo",
            starts_at=datetime(2026, 3, 2, 8), status="held",
        )  # fmt: skip
        for n, (person, mark) in enumerate(zip(people, MARKS, strict=True)):
            add(Invitee.__table__, meeting_id=meeting, person_id=person, position=n,
                category="member", attendance=mark)  # fmt: skip
    return meeting


def test_an_existing_database_with_invitees_is_upgraded_and_everyone_stays_invited(
    tmp_path: Path,
) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        upgrade(db, BEFORE)
        meeting = _fill(db)
        before = rows_by_id(db, "invitee")

        upgrade(db)

        assert current_revision(db) == HEAD
        after = rows_by_id(db, "invitee")
        assert after.keys() == before.keys()
        for key, row in before.items():
            assert after[key][: len(row)] == row  # every row kept, as it was
        with db.engine.connect() as conn:
            flags = conn.execute(text("SELECT walked_in_at FROM invitee")).scalars().all()
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert flags == [None] * len(MARKS)  # old rows: invited
        # The counts are those of the invited, as before: 3 of 4, no walk-in.
        summary = summarise(attendance_rows(db, meeting))
        assert (summary.members_present, summary.members_invited) == (3, 4)
        assert summary.walk_ins == 0
        assert "không theo giấy mời" not in summary.text

        from alembic import command

        command.downgrade(alembic_config(db), BEFORE)
        assert current_revision(db) == BEFORE
        assert rows_by_id(db, "invitee") == before
    finally:
        db.dispose()
