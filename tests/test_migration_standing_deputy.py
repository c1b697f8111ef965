"""0023_standing_deputy on a database made at the previous revision, with a roster in it: the
committee role takes "standing_deputy_head" (SQLite copies the table in batch mode, PostgreSQL
alters the constraint in place), no membership is lost or changed, and the way down gives a
standing deputy back as a Deputy Head."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import current_revision, upgrade
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import CommitteeMembership, Person
from tests.migration_support import inserter, old_database, sqlite_downgraded

BEFORE = "0022_person_uid"


def _fill(db: Database) -> dict[str, int]:
    with db.session() as s:
        add = inserter(s.connection())
        out = {}
        for name, role in (
            ("Nguyễn Văn Trưởng", "head"),
            ("Trần Thị Phó", "deputy_head"),
            ("Lê Văn Thường", "standing_member"),
            ("Phạm Thị Thư", "secretary"),
        ):
            pid = add(Person.__table__, full_name=name)
            out[role] = add(
                CommitteeMembership.__table__, person_id=pid, role=role,
                start_date=date(2025, 1, 1), field=f"Lĩnh vực {name}",
            )  # fmt: skip
        return out


def _rows(db: Database) -> dict[int, tuple[object, ...]]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, person_id, role, field, start_date, version FROM committee_membership")
        )
        return {r[0]: tuple(r[1:]) for r in rows}


def _upgrade_and_check(db: Database) -> None:
    upgrade(db, BEFORE)
    ids = _fill(db)
    before = _rows(db)
    set_standing = text(
        "UPDATE committee_membership SET role = 'standing_deputy_head' WHERE id = :m"
    )
    # The previous revision refuses the role: this is what the migration changes.
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(set_standing, {"m": ids["deputy_head"]})

    upgrade(db)

    assert current_revision(db) == HEAD
    assert _rows(db) == before  # every membership kept as it was
    with db.engine.begin() as conn:
        conn.execute(set_standing, {"m": ids["deputy_head"]})
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE committee_membership SET role = 'chief'"))


def test_a_sqlite_file_of_the_previous_revision_is_upgraded(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_and_check(db)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        # And back: the standing deputy is a Deputy Head again, under the old constraint.
        sqlite_downgraded(db, BEFORE)
        roles = sorted(str(r[1]) for r in _rows(db).values())
        assert roles == ["deputy_head", "head", "secretary", "standing_member"]
    finally:
        db.dispose()


@pytest.fixture
def pg_old(pg_server: str) -> Iterator[Database]:
    from tests.pg import recreate_database

    with old_database(recreate_database(pg_server, "bdcq_standing_deputy_upgrade")) as db:
        yield db


@pytest.mark.postgres
def test_a_postgresql_database_of_the_previous_revision_is_upgraded(pg_old: Database) -> None:
    _upgrade_and_check(pg_old)
