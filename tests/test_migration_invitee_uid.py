"""0021_invitee_uid on a database made at the previous revision, with a held meeting, an
invited member and a walk-in: the new column ``invitee.uid`` is added NULL for every row kept
(an older walk-in is told by its name, position and agency), a walk-in added afterwards gets
one, two walk-ins cannot share one; downgrading drops the column and keeps the rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import alembic_config, current_revision, upgrade
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import Invitee, Meeting, Person
from tests.migration_support import inserter, rows_by_id

BEFORE = "0020_task_events"
START = datetime(2026, 3, 2, 8)


def _fill(db: Database) -> int:
    """A held meeting with a member invited and a guest who walked in; that revision's columns."""
    with db.engine.begin() as conn:
        add = inserter(conn)
        person = add(Person.__table__, full_name="Người Được Mời")
        meeting = add(Meeting.__table__, uid="m-1", kind="regular", title="Họp Ban Chỉ đạo",
                      starts_at=START, status="held")  # fmt: skip
        add(Invitee.__table__, meeting_id=meeting,
            person_id=person, position=1, category="member", attendance="present")  # fmt: skip
        add(Invitee.__table__, meeting_id=meeting, guest_name="Lê Văn Khách",
            name_snapshot="Lê Văn Khách", unit_snapshot="VNPT Nghệ An", position=2,
            category="guest", attendance="present", walked_in_at=START)  # fmt: skip
    return meeting


def test_an_existing_database_is_upgraded_and_its_walk_ins_have_no_uid_yet(
    tmp_path: Path,
) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        upgrade(db, BEFORE)
        _fill(db)
        before = rows_by_id(db, "invitee")

        upgrade(db)

        assert current_revision(db) == HEAD
        after = rows_by_id(db, "invitee")
        assert {k: v[: len(before[k])] for k, v in after.items()} == before  # rows kept
        with db.engine.begin() as conn:
            assert conn.execute(text("SELECT uid FROM invitee")).scalars().all() == [None, None]
            conn.execute(text("UPDATE invitee SET uid = 'u-1' WHERE position = 2"))
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(text("UPDATE invitee SET uid = 'u-1' WHERE position = 1"))

        from alembic import command

        command.downgrade(alembic_config(db), BEFORE)
        assert current_revision(db) == BEFORE
        assert rows_by_id(db, "invitee") == before
    finally:
        db.dispose()
