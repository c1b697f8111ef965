"""The meeting-room laptop's copy of the office database (:mod:`.room_record`'s round trip).

The laptop works on a SQLite file, carried on a USB stick. For a SQLite office that is an
online backup (:func:`.backup.backup_to`). A PostgreSQL office cannot make one in the app
(``pg_dump`` writes what the app cannot open), so :func:`copy_for_room` writes the same kind
of file from it: every table of the schema, row for row, ids kept, the organisation's
``database_uid`` and the change log kept (the room's file finds its fork there), stamped at the
same schema revision. The rows are read in one REPEATABLE READ transaction, so the copy is the
database at one moment even while the office keeps working; it is written to a temporary file
beside the target and renamed into place once checked, never over the database.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, event, text

from .backup import _damaged_source, backup_to, documents_dirs
from .db import Database, output_path
from .engine import NO_ANSWER_LIMIT
from .errors import BcdError
from .files import claim_part, os_error, refuse_output
from .i18n import tr
from .migrate import checked_revision, create_current
from .migrations import HEAD
from .sqlite_file import pragma_check

CHUNK = 2000  # rows inserted at a time: a ten-year change log is not held in memory whole


def copy_for_room(db: Database, dest: str | os.PathLike[str]) -> Path:
    """Write the laptop's SQLite copy of ``db`` to ``dest`` (see the module doc); returns it."""
    if db.is_sqlite:
        return backup_to(db, output_path(dest, db))
    target = refuse_output(output_path(dest, db), document_dirs=documents_dirs())
    rev = checked_revision(db)
    if rev != HEAD:
        raise BcdError(
            tr("Cơ sở dữ liệu chưa ở phiên bản dữ liệu hiện tại ({rev}): hãy mở nó bằng ứng "
               "dụng (bdcq init) rồi chép lại.").format(rev=rev or "—")
        )  # fmt: skip
    tmp = claim_part(target, tr("tệp bản sao cho máy phòng họp"))
    try:
        _write_copy(db, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise os_error(exc, target, tr("tệp bản sao cho máy phòng họp")) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def backup_copy(db: Database, dest: str | os.PathLike[str]) -> Path:
    """Tệp › Sao lưu dữ liệu… and ``bdcq backup``: the whole database in one SQLite file, as
    it was at one moment. A SQLite database's online backup; a PostgreSQL server's, the room's
    copy above, its officer's own copy of the shared data (the app cannot write one that
    pg_restore takes). The file opens in the app (``--db``); restoring the server from it is
    refused (:func:`.backup.require_restorable`): that stays its administrator's, from its
    own backups."""
    return copy_for_room(db, dest)


def _write_copy(db: Database, tmp: Path) -> None:
    from .models import Base

    copy = Database(f"sqlite:///{tmp}")
    try:
        create_current(copy)  # the current schema, stamped at HEAD as a new file is
    finally:
        copy.dispose()
    engine = create_engine(f"sqlite:///{tmp}")

    @event.listens_for(engine, "connect")
    def _no_foreign_keys(con: sqlite3.Connection, _record: object) -> None:
        # Rows go in table by table; a table pointing at one copied later is whole at the end.
        con.execute("PRAGMA foreign_keys=OFF")

    tables = Base.metadata.sorted_tables
    try:
        with engine.begin() as out:
            for table in reversed(tables):  # a new file's own rows (its identity, days off)
                out.execute(table.delete())
            source = db.engine.connect().execution_options(isolation_level="REPEATABLE READ")
            with source, source.begin():
                # Ten years of change log over an office network can take longer than a
                # save may wait for the server (engine.SERVER_ANSWER_S): this copy waits.
                source.execute(text(NO_ANSWER_LIMIT))
                for table in tables:
                    rows = source.execute(table.select().order_by(*table.primary_key.columns))
                    while batch := rows.mappings().fetchmany(CHUNK):
                        out.execute(table.insert(), [dict(r) for r in batch])
        with engine.connect() as out:
            out.exec_driver_sql("PRAGMA journal_mode=DELETE")
            result = pragma_check(out.connection.dbapi_connection, "integrity_check")
            problems = out.execute(text("PRAGMA foreign_key_check")).fetchall()
    finally:
        engine.dispose()
    if result != "ok" or problems:
        raise _damaged_source(Path(tmp.name), result if result != "ok" else str(problems[:3]))
