"""0022_person_uid on a database made at the previous revision, with people: every person gets
a uid of their own (a UUID, none shared), the rows otherwise as they were; a person made after
the upgrade gets one, and two people can never share one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bdcq_desktop.core import members as m
from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import current_revision, upgrade
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import Person
from tests.migration_support import inserter

BEFORE = "0021_invitee_uid"
PEOPLE = 1500  # more than one batch of the migration's updates


def _rows(db: Database) -> dict[int, tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return {
            r[0]: tuple(r)
            for r in conn.execute(text("SELECT id, full_name, version, updated_at FROM person"))
        }


def _upgrade_and_check(db: Database) -> None:
    upgrade(db, BEFORE)
    with db.engine.begin() as conn:
        add = inserter(conn)
        for n in range(PEOPLE):
            add(Person.__table__, full_name=f"Người {n}", kind="official")
    before = _rows(db)
    upgrade(db)
    assert current_revision(db) == HEAD
    with db.engine.connect() as conn:
        uids = list(conn.execute(text("SELECT uid FROM person ORDER BY id")).scalars())
    assert len(uids) == PEOPLE and len(set(uids)) == PEOPLE
    assert all(uuid.UUID(u).version == 4 for u in uids)
    assert _rows(db) == before  # nothing else of theirs moved, their versions neither
    new = m.create_person(db, full_name="Người mới")
    with db.session() as s:
        made = s.get(Person, new).uid
    assert made and made not in uids
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE person SET uid = :u WHERE id = :id"), {"u": made, "id": 1})


def test_a_sqlite_file_of_the_previous_revision_is_upgraded(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_and_check(db)
    finally:
        db.dispose()


@pytest.fixture
def pg_old(pg_server: str) -> Iterator[Database]:
    from tests.pg import recreate_database

    db = Database(recreate_database(pg_server, "bdcq_person_uid_upgrade"))
    yield db
    db.dispose()


@pytest.mark.postgres
def test_a_postgresql_database_of_the_previous_revision_is_upgraded(pg_old: Database) -> None:
    _upgrade_and_check(pg_old)
