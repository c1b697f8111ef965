"""What the tests of a migration on a database of the previous revision share
(tests/test_migration_*.py): rows written straight into that revision's tables (its columns
only, as an older install left them), change-log entries written as the core wrote them then, a
table's rows read whole to compare before and after, and the database disposed of afterwards.

Each test module brings its own rows and the revision before its migration."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, MetaData, Table, insert, inspect, text

from bdcq_desktop.core.engine import Database
from bdcq_desktop.core.migrate import upgrade
from bdcq_desktop.core.models import ChangeLog

T = datetime(2024, 12, 1)
STAMP = {"version": 1, "created_at": T, "updated_at": T}


def inserter(conn: Connection) -> Callable[..., int]:
    """``add(table, **values)``: one row inserted with ``STAMP``, its id returned. Only the
    columns the database has at its revision: a column a later migration adds (``person.uid``,
    0022) has a default the model would otherwise put in the INSERT."""
    tables: dict[str, Table] = {}

    def add(table: Any, **values: Any) -> int:
        if table.name not in tables:
            there = {c["name"] for c in inspect(conn).get_columns(table.name)}
            tables[table.name] = Table(
                table.name, MetaData(), *(c._copy() for c in table.columns if c.name in there)
            )
        row = conn.execute(insert(tables[table.name]).values(**values, **STAMP))
        return int(row.inserted_primary_key[0])

    return add


def rows_by_id(db: Database, table: str) -> dict[int, tuple[Any, ...]]:
    """Every row of ``table``, whole, by its id: equal before and after an upgrade means the
    migration kept each row as it was."""
    with db.engine.connect() as conn:
        return {r[0]: tuple(r) for r in conn.execute(text(f"SELECT * FROM {table}"))}


def log_changes(
    conn: Connection, entries: Iterable[tuple[datetime, str, int, dict[str, Any]]]
) -> None:
    """Change-log updates (at, table, record id, {field: [old, new]})."""
    for at, table, record, changes in entries:
        conn.execute(insert(ChangeLog.__table__).values(
            at=at, table_name=table, record_id=record, action="update",
            changes=json.dumps(changes, ensure_ascii=False)))  # fmt: skip


def upgraded_from(
    db: Database, before: str, fill: Callable[[Database], dict[str, int]]
) -> dict[str, int]:
    """``db`` brought to ``before``, filled there by ``fill``, then upgraded to the head: the
    ids ``fill`` gave its rows."""
    upgrade(db, before)
    ids = fill(db)
    upgrade(db)
    return ids


@contextmanager
def old_database(url: str) -> Iterator[Database]:
    """The database at ``url`` to be filled at the previous revision, disposed of afterwards."""
    db = Database(url)
    try:
        yield db
    finally:
        db.dispose()


def sqlite_downgraded(db: Database, revision: str) -> None:
    """The SQLite database ``db`` taken back down to ``revision``, its foreign keys off while
    SQLite copies the tables back."""
    from alembic import command

    from bdcq_desktop.core.migrate import alembic_config, current_revision

    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    assert current_revision(db) == revision
