"""The schema revision of a database, and bringing it to the current one.

The revision is read with one cheap query; Alembic is imported only when an upgrade is due, so a
normal start stays fast. A database written by a newer version of the application is refused
rather than damaged. Taking a backup before an upgrade is the caller's part (:mod:`.db` on
start, :mod:`.backup` for a restored copy): this module knows nothing of backups.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Collection
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from .engine import NO_ANSWER_LIMIT, Database
from .errors import DatabaseVersionError
from .i18n import tr
from .migrations import HEAD, MIGRATIONS_DIR, REVISIONS
from .sqlite_file import connect_read_only
from .storage_errors import server_address


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def newer_version_message(rev: str) -> str:
    return tr(
        "Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của ứng dụng (phiên bản dữ liệu "
        "{rev}). Hãy cập nhật BCĐ Desktop trước khi mở tệp này."
    ).format(rev=rev)


# Tables every database of this application has had since its first revision (0001), and the
# identity every one carries since 0018 (organisation.database_uid). Alembic is common: another
# program's SQLite file may well hold an ``alembic_version`` table, with a revision of its own
# ("0001", a hex id) or even one named like ours ("0001_initial").
OWN_TABLES = frozenset({"organisation", "unit", "person", "meeting", "conclusion", "task"})
IDENTITY_COLUMN = "database_uid"


def own_schema(rev: str, tables: Collection[str], organisation_columns: Collection[str]) -> bool:
    """Whether a database at revision ``rev`` holding ``tables`` (``organisation_columns``:
    the columns of its ``organisation`` table) is one of this application's: our first
    revision's tables, and for a revision this version does not know (a later one of ours)
    the database identity too, which every revision after this version's has."""
    if not OWN_TABLES.issubset(tables):
        return False
    return rev in REVISIONS or IDENTITY_COLUMN in organisation_columns


def foreign_database_message(where: str) -> str:
    """A database that is not one of this application's; ``where`` names it (:func:`_where`)."""
    return tr(
        "{where} không phải cơ sở dữ liệu của BCĐ Desktop (có thể là dữ liệu của một chương "
        "trình khác). Hãy kiểm tra lại tệp hoặc địa chỉ đã chọn."
    ).format(where=where)


def revision_refused(rev: str, tables: Collection[str], organisation_columns: Collection[str],
                     where: str) -> DatabaseVersionError | None:  # fmt: skip
    """The refusal of a database at revision ``rev`` this version cannot open (None: it can):
    a later version's, or another program's that happens to use Alembic too."""
    if not own_schema(rev, tables, organisation_columns):
        return DatabaseVersionError(foreign_database_message(where))
    if rev not in REVISIONS:
        return DatabaseVersionError(newer_version_message(rev))
    return None


def _where(conn: Connection) -> str:
    """``conn``'s database named for the officer: its SQLite file, or a server's database by
    name and address (never its password)."""
    url = conn.engine.url
    if url.get_backend_name() == "sqlite":
        return tr("Tệp {path}").format(path=url.database or "")
    return tr("Cơ sở dữ liệu {database} trên máy chủ {server}").format(
        database=url.database or "", server=server_address(url)
    )


def file_refused(path: Path) -> DatabaseVersionError | None:
    """:func:`checked_revision`'s refusal of the SQLite file ``path``, read with the standard
    library, read-only: the engine's first connection switches a file to WAL, a write into
    another program's file (or a later version's) that is then refused anyway. None when it
    may be opened, and when it cannot be read so (the engine's opening says why)."""
    try:
        con = connect_read_only(path)
        try:
            tables = [
                r[0]
                for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if not r[0].startswith("sqlite_")
            ]
            rev = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                rev = None if row is None else str(row[0])
            columns = [r[1] for r in con.execute("PRAGMA table_info(organisation)")]
        finally:
            con.close()
    except sqlite3.Error:
        return None
    where = tr("Tệp {path}").format(path=path)
    if rev is None:
        return DatabaseVersionError(foreign_database_message(where)) if tables else None
    return revision_refused(rev, tables, columns, where)


def checked_revision(db: Database) -> str | None:
    """The revision of ``db`` (None: an empty database), refusing one this version cannot
    open: written by a newer version, or not a database of this application at all."""
    with db.engine.connect() as conn:
        return _checked(conn)


def _checked(conn: Connection) -> str | None:
    rev = _revision(conn)
    insp = inspect(conn)
    tables = insp.get_table_names()
    if rev is None:
        if tables:  # no revision at all: not ours either
            raise DatabaseVersionError(foreign_database_message(_where(conn)))
        return None
    columns = [c["name"] for c in insp.get_columns("organisation")] if (
        "organisation" in tables) else []  # fmt: skip
    refused = revision_refused(rev, tables, columns, _where(conn))
    if refused is not None:
        raise refused
    return rev


def missing_schema(db: Database) -> list[str]:
    """The tables and columns of the current models that ``db`` lacks (``table.column``)."""
    from .models import Base

    missing: list[str] = []
    with db.engine.connect() as conn:
        insp = inspect(conn)
        tables = set(insp.get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in tables:
                missing.append(table.name)
                continue
            have = {c["name"] for c in insp.get_columns(table.name)}
            missing += [f"{table.name}.{c.name}" for c in table.columns if c.name not in have]
    return missing


def alembic_config(db: Database):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def create_current(db: Database) -> bool:
    """Give a new, empty SQLite database the current schema directly and stamp it at head.

    Running the whole migration chain on a file that holds nothing costs far more than the
    schema it ends with (every ``bdcq demo``, every new file); tests keep the two schemas equal.
    One transaction, taken for writing before the file is checked for emptiness again, so a
    process that created the schema meanwhile is not raced and a kill leaves the file empty.
    Returns False (nothing done) for PostgreSQL or a file that is no longer empty: the caller
    then runs the migrations as for any other database.
    """
    from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table

    from .models import Base

    db.require_writable()
    if not db.is_sqlite:
        return False
    # The table Alembic itself creates to hold the revision (same name, column and key).
    version = Table(
        "alembic_version",
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )
    with db.engine.connect() as conn:
        # The driver leaves DDL outside transactions unless one is begun explicitly.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        if conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
            conn.rollback()
            return False
        Base.metadata.create_all(conn)
        # What the 0015 migration adds to an upgraded file, a new one starts with too.
        from .days_off_known import seed_rows

        seed_rows(conn)
        # And the organisation's row with this database's identity (0018): a copy taken
        # before anyone opens the settings must carry the office's identity, not make its own.
        from uuid import uuid4

        from .models import Organisation

        conn.execute(Organisation.__table__.insert().values(id=1, database_uid=str(uuid4())))
        version.create(conn)
        conn.execute(version.insert().values(version_num=HEAD))
        conn.commit()
    return True


# The advisory lock of the schema on a PostgreSQL server (a fixed key): held by a process
# reading the revision and migrating. How long another waits for it: an upgrade of a server
# full of data takes longer than a save (a lock waited for BUSY_TIMEOUT_S, :mod:`.engine`).
SCHEMA_LOCK = zlib.crc32(b"bdcq-schema-migration")
SCHEMA_WAIT = "300s"


def _lock_schema(conn: Connection) -> None:
    """Take the schema's lock in ``conn``'s transaction (released when it ends). Two
    processes migrating one server database at once (two officers starting the application
    for the first time, or a new version of it) each read the revision before the other wrote
    any, and the second failed with the server's error (a duplicate type of a table both were
    creating, an Alembic revision row the first had already moved). The second now waits and
    reads the revision the first left."""
    wait = conn.execute(text("SELECT current_setting('lock_timeout')")).scalar()
    conn.execute(text("SELECT set_config('lock_timeout', :w, true)"), {"w": SCHEMA_WAIT})
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
    conn.execute(text("SELECT set_config('lock_timeout', :w, true)"), {"w": wait})


def upgrade(db: Database, target: str = "head") -> None:
    """Migrate ``db`` to ``target``, in one transaction. The revision is read again under the
    schema's lock (PostgreSQL: :func:`_lock_schema`; SQLite: the file's write lock), and a
    database refused by :func:`checked_revision` or already at the head is left alone."""
    db.require_writable()
    with db.engine.begin() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch mode recreates a table (copy, drop, rename): with foreign keys enforced,
            # dropping the old ``meeting`` would cascade to every invitee, agenda item and
            # minutes. Off before the first statement (SQLite ignores it inside a transaction).
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            # The file's write lock, before the revision is read again (see _lock_schema: two
            # processes upgrading one file at once failed alike, or the second took the file
            # for damaged); the driver leaves DDL outside transactions unless one is begun.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            # A migration rewriting a table of ten years may take longer than a save may wait
            # for the server (engine.SERVER_ANSWER_S); half done, it would be rolled back. So
            # may another's, waited for under the schema's lock: lifted before that wait.
            conn.execute(text(NO_ANSWER_LIMIT))
            _lock_schema(conn)
        if _checked(conn) == HEAD and target in ("head", HEAD):
            return  # migrated by another process while this one waited
        _run_upgrade(db, conn, target)
        if sqlite:
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:  # rolled back: the database stays as it was
                raise DatabaseVersionError(
                    tr(
                        "Nâng cấp cơ sở dữ liệu làm hỏng liên kết dữ liệu ({table}); đã hủy."
                    ).format(table=broken[0][0])
                )


def _run_upgrade(db: Database, conn: Connection, target: str) -> None:
    from alembic import command

    cfg = alembic_config(db)
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


__all__ = [
    "HEAD",
    "REVISIONS",
    "checked_revision",
    "create_current",
    "current_revision",
    "file_refused",
    "foreign_database_message",
    "missing_schema",
    "newer_version_message",
    "revision_refused",
    "upgrade",
]
