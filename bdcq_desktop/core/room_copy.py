"""The meeting-room laptop's copy of the office database (:mod:`.room_record`'s round trip).

The laptop works on a SQLite file, carried on a USB stick. For a SQLite office that is an
online backup (:func:`.backup.backup_to`). A PostgreSQL office cannot make one in the app
(``pg_dump`` writes what the app cannot open), so :func:`copy_for_room` writes the same kind
of file from it: every table of the schema, row for row, ids kept, the organisation's
``database_uid`` and the change log kept (the room's file finds its fork there), stamped at the
same schema revision. The rows are read in one REPEATABLE READ transaction, so the copy is the
database at one moment even while the office keeps working; it is written to a temporary file
beside the target and renamed into place once checked, never over the database.

Like every output, it is never written over another database (:func:`.files.refuse_output`):
the laptop's earlier copy holds what the room recorded and has not exported yet. An earlier
copy of this same database (its identity) is replaced only when asked (``replace``: the
window's question, the command's ``--replace``), its journal folded in and dropped first, and
never while a program has it open.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, event, text

from .backup import _damaged_source, backup_to, documents_dirs
from .backup_identity import database_identity, file_identity
from .db import Database, output_path
from .engine import NO_ANSWER_LIMIT
from .errors import BcdError
from .files import SQLITE_SIDE_SUFFIXES, DatabaseTargetError, claim_part, os_error, refuse_output
from .i18n import tr
from .migrate import checked_revision, create_current
from .migrations import HEAD
from .sqlite_file import pragma_check

CHUNK = 2000  # rows inserted at a time: a ten-year change log is not held in memory whole


class EarlierRoomCopyError(DatabaseTargetError):
    """``dest`` is an earlier room copy of this database: replaced only when asked."""


def earlier_room_copy(db: Database, dest: str | os.PathLike[str]) -> Path | None:
    """The file at ``dest`` when it is an earlier copy of ``db`` (the same identity), which
    only a confirmed replace writes over; None otherwise: nothing there, an ordinary file, or
    something refused anyway (another database, the open one, a backup)."""
    try:
        output_path(dest, db)
    except DatabaseTargetError as exc:
        if exc.path != exc.database:
            return None  # a side file of it: never an output
        uid = file_identity(exc.database)
        return exc.database if uid and uid == database_identity(db) else None
    except BcdError:
        return None
    return None


def copy_for_room(db: Database, dest: str | os.PathLike[str], *, replace: bool = False) -> Path:
    """Write the laptop's SQLite copy of ``db`` to ``dest`` (see the module doc); returns it.
    An earlier copy of ``db`` there is an :class:`EarlierRoomCopyError` unless ``replace``."""
    earlier = earlier_room_copy(db, dest)
    if earlier is not None and not replace:
        raise EarlierRoomCopyError(
            tr(
                "Không ghi đè {path}: đây là bản sao cho máy phòng họp chép trước đây từ chính "
                "dữ liệu này. Ghi đè sẽ làm mất những gì phòng họp đã ghi vào bản sao đó mà "
                "chưa xuất biên ghi (điểm danh, người đến dự, ghi chép)."
            ).format(path=earlier),
            path=earlier,
            database=earlier,
        )
    if earlier is not None:
        _settle(earlier)
    return _copy(db, dest, earlier)


def _settle(copy: Path) -> None:
    """Fold an earlier copy's write-ahead log into it and drop its side files before it is
    replaced: a log left beside the new copy would be played into it when it is opened. A
    copy a program has open (the app on the laptop) keeps them, and is refused."""
    sides = [copy.with_name(copy.name + s) for s in SQLITE_SIDE_SUFFIXES[1:]]
    if not any(p.exists() for p in sides):
        return
    try:
        con = sqlite3.connect(str(copy), timeout=1)
        try:
            con.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        pass  # locked by the program that has it open: said below
    if any(p.exists() for p in sides):
        raise BcdError(
            tr(
                "Không ghi đè {path}: bản sao này đang được mở ở một chương trình khác (BCĐ "
                "Desktop trên máy phòng họp?). Hãy đóng nó rồi chép lại."
            ).format(path=copy)
        )


def _copy(db: Database, dest: str | os.PathLike[str], earlier: Path | None) -> Path:
    if db.is_sqlite:
        return backup_to(db, output_path(dest, db, replacing=earlier), replacing=earlier)
    target = refuse_output(
        output_path(dest, db, replacing=earlier), document_dirs=documents_dirs(), replacing=earlier
    )
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
    own backups. Never over an existing database, an earlier backup included."""
    return _copy(db, dest, None)


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
