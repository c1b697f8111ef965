"""The automatic backups as the user sees them: a list with what each one holds, a backup only
when the data changed, pruning, and recovering a damaged database from a backup.

"Changed" is decided cheaply and without any state of its own: the change log records every
write (through the session hook of :mod:`.audit`), so its highest id and its row count, with
the schema revision, are a fingerprint of the data. The newest automatic backup carries the
fingerprint of the data it was taken from, so comparing the two says whether a new backup would
hold anything new. (SQLite's ``PRAGMA data_version`` cannot do this: it only counts changes seen
by one connection.)
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .backup import (
    backup_before,
    backups_dir,
    restore_from,
    verify_backup_file,
)
from .backup_identity import file_tag
from .engine import Database, sqlite_url
from .errors import BcdError
from .files import SQLITE_SIDE_SUFFIXES, os_error
from .i18n import tr
from .retention import automatic_backups, backup_tag, parse_name, prune_folder
from .sqlite_file import connect_read_only

REASON_LABELS = {
    "start": "khi khởi động",
    "auto": "định kỳ",
    "manual": "sao lưu ngay",
    "before-restore": "trước khi khôi phục",
    "before-import": "trước khi nhập danh sách",
    "before-demo": "trước khi nạp dữ liệu mẫu",
    "before-room-import": "trước khi nhập biên ghi phòng họp",
}


@dataclass(frozen=True)
class BackupInfo:
    """One automatic backup: when, why, how big, and what it holds (None when unreadable).
    ``database``: the tag of the database it is of (:mod:`.backup_identity`), None when
    unknown (an older version's backup of a database without identity, or unreadable)."""

    path: Path
    taken_at: datetime
    reason: str
    size: int
    people: int | None
    meetings: int | None
    documents: int | None
    problem: str | None = None
    database: str | None = None

    @property
    def reason_label(self) -> str:
        if self.reason.startswith("upgrade-"):
            return tr("trước khi nâng cấp")
        return tr(REASON_LABELS.get(self.reason, self.reason))


def _count(con: sqlite3.Connection, table: str) -> int | None:
    try:
        return int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    except sqlite3.DatabaseError:
        return None


def _fingerprint(con: sqlite3.Connection) -> str:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    rev = ""
    if "alembic_version" in tables:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        rev = str(row[0]) if row else ""
    log = (0, 0)
    if "change_log" in tables:
        row = con.execute("SELECT coalesce(max(id), 0), count(*) FROM change_log").fetchone()
        log = (int(row[0]), int(row[1]))
    return f"{rev}:{log[0]}:{log[1]}"


def fingerprint(path: Path) -> str | None:
    """The data fingerprint of the database file ``path`` (read-only); None if unreadable."""
    try:
        con = connect_read_only(path)
        try:
            return _fingerprint(con)
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None


def describe(path: Path) -> BackupInfo | None:
    """What the automatic backup ``path`` holds, read from it read-only (a few counts)."""
    parsed = parse_name(path.name)
    if parsed is None:
        return None
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise os_error(exc, path, tr("tệp sao lưu")) from None
    counts: list[int | None] = [None, None, None]
    problem = None
    try:
        con = connect_read_only(path)
        try:
            counts = [_count(con, t) for t in ("person", "meeting", "issued_document")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        problem = str(exc)
    if problem is None and None in counts:
        problem = tr("không phải bản sao lưu của BCĐ Desktop")
    tag = None if problem else backup_tag(path)
    return BackupInfo(path, parsed[0], parsed[1], size, *counts, problem=problem, database=tag)


def database_tag(path: Path | None) -> str | None:
    """The identity tag of the database file ``path`` (the open one); None when it has none
    (a server, no file, a database older than identities)."""
    return None if path is None else file_tag(path)


def holds_data(path: Path) -> bool:
    """Whether the database file ``path`` holds anything ever written (its change log)."""
    current = fingerprint(path) if path.is_file() else None
    return current is not None and not current.endswith(":0:0")


def of_another_database(db: Database, source: str | os.PathLike[str]) -> bool:
    """Whether restoring ``source`` over ``db`` would put another database's data in place of
    this one's: both identities known and different, and this one holding data (a new,
    empty database taking an office's backup loses nothing)."""
    live = db.sqlite_path
    if live is None:
        return False
    mine = database_tag(live)
    theirs = file_tag(Path(source))
    return mine is not None and theirs is not None and mine != theirs and holds_data(live)


def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """The automatic backups of the backup folder (of every database: each says which it is
    of, :attr:`BackupInfo.database`), newest first."""
    folder = backups_dir() if folder is None else folder
    infos = []
    for path, _, _ in automatic_backups(folder):
        try:
            info = describe(path)
        except BcdError:
            continue  # removed (or pruned by another process) while the list was read
        if info is not None:
            infos.append(info)
    return infos


def prune(
    folder: Path | None = None, now: datetime | None = None, open_file: Path | None = None
) -> list[Path]:
    """Apply the retention rule to the backup folder, each database's backups on their own,
    never deleting ``open_file`` (the database open); the files deleted."""
    opened = [] if open_file is None else [open_file]
    return prune_folder(backups_dir() if folder is None else folder, now, opened)


def changed_since_last_backup(db: Database) -> bool:
    """True when the data of ``db`` differs from its newest automatic backup (or there is
    none yet and the database holds anything). Another database's backups do not count."""
    live = db.sqlite_path
    if live is None or not live.is_file():
        return False
    current = fingerprint(live)
    if current is None or current.endswith(":0:0"):
        return False  # unreadable (the start-up check reports it) or nothing ever written
    mine = database_tag(live)
    newest = [p for p, _, _ in automatic_backups(backups_dir()) if backup_tag(p) == mine]
    return not newest or fingerprint(newest[0]) != current


def backup_if_changed(db: Database, reason: str = "auto") -> Path | None:
    """An automatic backup of ``db`` if its data changed since the newest one; its path, or
    None when nothing changed (or the database is not a SQLite file, or read-only)."""
    if db.sqlite_path is None or not changed_since_last_backup(db):
        return None
    return backup_before(db, reason)


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def recover_damaged(path: str | os.PathLike[str], backup: str | os.PathLike[str]) -> Path:
    """Put ``backup`` in place of the damaged database ``path``; where the damaged file went.

    The damaged file is never overwritten nor deleted: it (with its journal files) is renamed
    beside itself to ``NAME.damaged-YYYYmmdd-HHMMSS`` first, then the backup is restored to
    ``path`` through the validated restore. If the restore is refused, the damaged file is put
    back where it was.
    """
    live = Path(path)
    source = Path(backup)
    verify_backup_file(source)  # refused before anything moves
    aside = live.with_name(f"{live.name}.damaged-{_stamp()}")
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in SQLITE_SIDE_SUFFIXES:
            side = live.with_name(live.name + suffix)
            if side.exists():
                target = aside.with_name(aside.name + suffix)
                os.replace(side, target)
                moved.append((side, target))
    except OSError as exc:
        for original, target in reversed(moved):
            os.replace(target, original)
        raise os_error(exc, live, tr("tệp dữ liệu")) from None
    db = Database(sqlite_url(live))
    try:
        restore_from(db, source)
    except BaseException:
        db.dispose()
        for suffix in SQLITE_SIDE_SUFFIXES:
            live.with_name(live.name + suffix).unlink(missing_ok=True)
        for original, target in reversed(moved):
            os.replace(target, original)
        raise
    db.dispose()
    return aside
