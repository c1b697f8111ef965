"""0018_database_uid: every database gets its identity, kept by its copies: an existing one
with its organisation row keeps the row and gets a UUID; one without the row (settings never
opened) gets the row, so the office and a copy taken before anyone opens the settings share it;
a new database is created with it."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import upgrade
from bdcq_desktop.core.room_record import database_uid

BEFORE = "0017_walk_in"


def _uid(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT database_uid FROM organisation WHERE id = 1")).scalar()


def test_upgrade_gives_an_existing_database_its_identity(tmp_path: Path) -> None:
    _upgrade_both(Database(sqlite_url(tmp_path / "a.sqlite3")),
                  Database(sqlite_url(tmp_path / "b.sqlite3")))  # fmt: skip


@pytest.mark.postgres
def test_upgrade_gives_a_postgresql_database_its_identity(pg_server: str) -> None:
    from tests.pg import recreate_database

    _upgrade_both(Database(recreate_database(pg_server, "bdcq_uid_with_row")),
                  Database(recreate_database(pg_server, "bdcq_uid_without_row")))  # fmt: skip


def _upgrade_both(with_row: Database, without: Database) -> None:
    """0017 to head: one database with its organisation row (its settings kept), one without
    (the row made); each gets its own identity."""
    try:
        upgrade(with_row, BEFORE)
        with with_row.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO organisation (id, parent_body, committee_name, abbreviation, "
                "place_name, version, created_at, updated_at) VALUES (1, 'UBND', 'Ban', 'BCĐ', "
                "'Nghệ An', 3, '2026-01-01', '2026-01-01')"
            ))  # fmt: skip
        upgrade(without, BEFORE)
        upgrade(with_row)
        upgrade(without)
        a, b = _uid(with_row), _uid(without)
        assert a and b and a != b
        uuid.UUID(a), uuid.UUID(b)
        with with_row.engine.connect() as conn:
            row = conn.execute(text("SELECT committee_name, version FROM organisation")).one()
        assert tuple(row) == ("Ban", 3)
    finally:
        with_row.dispose()
        without.dispose()


def test_a_new_database_has_its_identity_and_a_copy_shares_it(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite3")
    try:
        uid = _uid(db)
        assert uid
        with db.session() as s:
            assert database_uid(s) == uid
    finally:
        db.dispose()
    shutil.copyfile(tmp_path / "new.sqlite3", tmp_path / "copy.sqlite3")
    copy = open_database(tmp_path / "copy.sqlite3")
    try:
        assert _uid(copy) == uid
    finally:
        copy.dispose()
