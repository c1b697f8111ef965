"""A new, empty SQLite file gets the current schema directly (create_all, stamped at head):
that schema must be the one the migration chain builds, and later migrations must apply to it
exactly as they do to a database migrated from the first revision."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.migrate import alembic_config, create_current, current_revision
from bdcq_desktop.core.migrations import HEAD, MIGRATIONS_DIR
from bdcq_desktop.core.models import Base, Unit, UnitKind


def _top_level_items(body: str) -> list[str]:
    """The comma-separated parts of a CREATE TABLE body (commas inside brackets or quotes
    belong to their part), whitespace collapsed."""
    items: list[str] = []
    depth, quote, part = 0, "", []
    for ch in body:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append("".join(part))
            part = []
            continue
        part.append(ch)
    items.append("".join(part))
    return [" ".join(item.split()) for item in items if item.strip()]


def _normalised_sql(sql: str | None) -> object:
    """The stored SQL with what differs only by how it was written taken out: the order of
    column and constraint definitions (a column added by a migration comes last), whitespace,
    the quotes around a table that batch mode recreated."""
    if sql is None:
        return None
    match = re.fullmatch(r'\s*CREATE TABLE\s+"?(\w+)"?\s*\((.*)\)\s*', sql, re.S)
    if match:
        return ("CREATE TABLE", match.group(1), tuple(sorted(_top_level_items(match.group(2)))))
    return " ".join(sql.replace('"', "").split())


def schema(path: Path) -> dict[str, object]:
    """Everything SQLite knows of a database's schema, in a form that compares equal for equal
    schemas: the stored SQL of every table, index and trigger, and per table the columns (type,
    nullability, default, key), indexes (unique, origin, partial, columns) and foreign keys."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
        out: dict[str, object] = {
            f"{kind} {name} on {table}": _normalised_sql(sql) for kind, name, table, sql in rows
        }
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            columns = con.execute(f'PRAGMA table_info("{table}")').fetchall()
            out[f"columns of {table}"] = sorted(
                (name, kind, notnull, default, pk)
                for _cid, name, kind, notnull, default, pk in columns
            )
            indexes = []
            for _seq, name, unique, origin, partial in con.execute(f'PRAGMA index_list("{table}")'):
                info = con.execute(f'PRAGMA index_xinfo("{name}")').fetchall()
                # Autoindexes of UNIQUE / PRIMARY KEY are numbered in definition order.
                label = "autoindex" if name.startswith("sqlite_autoindex_") else name
                # Positions (cid) differ with column order, names do not.
                cols = tuple((r[0], r[2], r[3], r[4], r[5]) for r in info)
                indexes.append((label, unique, origin, partial, cols))
            out[f"indexes of {table}"] = sorted(indexes, key=repr)
            keys: dict[int, list[tuple[object, ...]]] = {}
            for fk_id, _seq, *rest in con.execute(f'PRAGMA foreign_key_list("{table}")'):
                keys.setdefault(fk_id, []).append(tuple(rest))
            out[f"foreign keys of {table}"] = sorted(tuple(k) for k in keys.values())
        out["revision"] = con.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        con.close()
    return out


def _differences(a: dict[str, object], b: dict[str, object]) -> list[str]:
    return [
        f"{k}:\n  {a.get(k)!r}\n  {b.get(k)!r}"
        for k in sorted(set(a) | set(b))
        if a.get(k) != b.get(k)
    ]


@pytest.fixture
def created(db_path: Path) -> Path:
    """A new file opened the way the application opens it: created directly at head."""
    open_database(db_path).dispose()
    return db_path


def test_a_new_database_has_the_schema_the_migrations_build(
    migrated_db: Database, created: Path
) -> None:
    migrated = schema(migrated_db.sqlite_path)
    new = schema(created)
    assert _differences(migrated, new) == []
    # Not two empty files: every model's table, and the revision, are there.
    tables = {k.split()[1] for k in new if k.startswith("table ")}
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert new["revision"] == [(HEAD,)]
    assert any(k.startswith("index ix_") for k in new)
    assert any(v for k, v in new.items() if k.startswith("foreign keys of "))


@pytest.mark.parametrize(
    "change",
    [
        "CREATE INDEX ix_probe ON unit (name)",
        "ALTER TABLE unit ADD COLUMN probe VARCHAR(10) DEFAULT 'x'",
        "CREATE TRIGGER tr_probe AFTER INSERT ON unit BEGIN SELECT 1; END",
    ],
)
def test_the_schema_comparison_sees_a_difference(
    migrated_db: Database, created: Path, change: str
) -> None:
    """The comparison above is not blind: one index, column or trigger more is a difference."""
    con = sqlite3.connect(created)
    con.execute(change)
    con.commit()
    con.close()
    assert _differences(schema(migrated_db.sqlite_path), schema(created)) != []


def test_a_new_database_is_at_head_for_alembic_too(created: Path) -> None:
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    db = open_database(created)
    before = schema(created)
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert ctx.get_current_revision() == ScriptDirectory.from_config(cfg).get_current_head()
        assert compare_metadata(ctx, Base.metadata) == []
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")  # nothing to do
    db.dispose()
    assert schema(created) == before


def test_an_existing_database_is_never_recreated(migrated_db: Database) -> None:
    with migrated_db.session() as s:
        s.add(Unit(name="Sở Y tế", kind=UnitKind.DEPARTMENT))
    before = schema(migrated_db.sqlite_path)
    assert create_current(migrated_db) is False
    assert schema(migrated_db.sqlite_path) == before
    with migrated_db.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM unit")).scalars().all() == ["Sở Y tế"]


# A later revision, as a future version of the application would ship it: batch mode recreates
# every table (copy, drop, rename), which depends on every constraint, key and index reflected.
_NEXT_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9001_probe"
down_revision = "{head}"
branch_labels = None
depends_on = None

TABLES = {tables!r}


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always") as batch_op:
            batch_op.add_column(
                sa.Column("probe", sa.Integer(), nullable=False, server_default="0")
            )
    op.create_index("ix_unit_probe", "unit", ["probe"])


def downgrade() -> None:
    raise NotImplementedError
"""


def _upgrade_with(script_location: Path, db: Database) -> None:
    from alembic import command

    cfg = alembic_config(db)
    cfg.set_main_option("script_location", str(script_location))
    with db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # as the application upgrades
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_a_new_database_takes_a_later_migration_like_a_migrated_one(
    migrated_db: Database, created: Path, tmp_path: Path
) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    tables = sorted(Base.metadata.tables)
    (scripts / "versions" / "9001_probe.py").write_text(
        _NEXT_REVISION.format(head=HEAD, tables=tables), encoding="utf-8"
    )
    new = open_database(created)
    for db in (migrated_db, new):
        _upgrade_with(scripts, db)
        assert current_revision(db) == "9001_probe"
    new.dispose()
    after = schema(created)
    assert _differences(schema(migrated_db.sqlite_path), after) == []
    assert all(
        any(c[0] == "probe" for c in after[f"columns of {t}"])
        for t in tables  # type: ignore[union-attr]
    )
