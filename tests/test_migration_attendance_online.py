"""0016_attendance_online on a database made at the previous revision, with meetings and a
working session in it: the attendance CHECK of ``invitee`` and of ``session_participant`` (one
vocabulary) takes "online" (SQLite copies the tables in batch mode, PostgreSQL alters the
constraints in place), every row is kept as it was, a word outside the vocabulary is still
refused; downgrading makes the online attendees present again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import current_revision, upgrade
from bdcq_desktop.core.models import (
    Invitee,
    Meeting,
    Person,
    SessionParticipant,
    WorkingSession,
)
from tests.migration_support import inserter, rows_by_id, sqlite_downgraded

BEFORE = "0015_days_off"
AFTER = "0016_attendance_online"  # the revision under test, whatever comes later
MARKS = ("unknown", "present", "absent", "substitute")


def _fill(db: Database) -> dict[str, Any]:
    """A meeting with an invitee of each mark the previous revision knew, and a session with
    two participants; the previous revision's columns only."""
    with db.engine.begin() as conn:
        add = inserter(conn)
        people = [add(Person.__table__, full_name=f"Người {n}") for n in range(4)]
        meeting = add(
            Meeting.__table__, uid="m-1", kind="regular", title="Họp Ban Chỉ đạo",
            starts_at=datetime(2026, 3, 2, 8), status="held",
        )  # fmt: skip
        for n, (person, mark) in enumerate(zip(people, MARKS, strict=True)):
            extra = {"substitute_name": "Lê Thay"} if mark == "substitute" else {}
            add(Invitee.__table__, meeting_id=meeting, person_id=person, position=n,
                category="member", attendance=mark, **extra)  # fmt: skip
        session = add(
            WorkingSession.__table__, purpose="proposal", title="Phiên làm việc",
            starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 2),
        )  # fmt: skip
        for person, mark in zip(people[:2], ("present", "absent"), strict=True):
            add(SessionParticipant.__table__, session_id=session, person_id=person,
                role="member", attendance=mark)  # fmt: skip
    return {"meeting": meeting, "session": session}


def _marks(db: Database, table: str) -> set[str]:
    with db.engine.connect() as conn:
        return {r[0] for r in conn.execute(text(f"SELECT attendance FROM {table}"))}


def _set_online(db: Database, table: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(f"UPDATE {table} SET attendance = 'online' WHERE id = (SELECT min(id)"
                          f" FROM {table} WHERE attendance = 'present')"))  # fmt: skip


def _upgrade_and_check(db: Database) -> None:
    upgrade(db, BEFORE)
    _fill(db)
    before = {t: rows_by_id(db, t) for t in ("invitee", "session_participant")}
    # The previous revision refuses the word: this is what the migration changes.
    for table in before:
        with pytest.raises(IntegrityError):
            _set_online(db, table)

    upgrade(db, AFTER)

    assert current_revision(db) == AFTER
    for table, rows in before.items():
        assert rows_by_id(db, table) == rows  # every row kept, as it was
        _set_online(db, table)  # accepted now
        assert "online" in _marks(db, table)
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(text(f"UPDATE {table} SET attendance = 'remote'"))


def test_a_sqlite_file_of_the_previous_revision_is_upgraded(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_and_check(db)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            indexes = {r[1] for r in conn.exec_driver_sql("PRAGMA index_list(invitee)")}
        assert "ix_invitee_meeting_id_attendance" in indexes  # the list's counts read it
        # And back: whoever joined online was there, present under the old constraint.
        sqlite_downgraded(db, BEFORE)
        for table in ("invitee", "session_participant"):
            marks = _marks(db, table)
            assert "online" not in marks and "present" in marks
    finally:
        db.dispose()


@pytest.fixture
def pg_old(pg_server: str) -> Iterator[Database]:
    from tests.pg import recreate_database

    db = Database(recreate_database(pg_server, "bdcq_online_upgrade"))
    yield db
    db.dispose()


@pytest.mark.postgres
def test_a_postgresql_database_of_the_previous_revision_is_upgraded(pg_old: Database) -> None:
    _upgrade_and_check(pg_old)
