"""Opening the database the user asked for: the front ends' one way in.

SQLite by default (a file in the user data folder), PostgreSQL when several officers share data.
The engine itself lives in :mod:`.engine`; this module sits on top of :mod:`.migrate` and
:mod:`.backup` (a database holding data is backed up before it is upgraded), so the storage
modules import one another in one direction only.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from .backup import (
    backup_before,
    backups_dir,
    damage,
    database_files,
    documents_dirs,
    newest_automatic_backup,
)
from .backup_identity import file_tag, remember_source, source_id
from .engine import (
    DB_FILENAME,
    ENV_URL,
    Database,
    ReadOnlyError,
    data_dir,
    default_sqlite_path,
    is_network_path,
    resolve_url,
)
from .errors import BcdError
from .files import SQLITE_SIDE_SUFFIXES, clean_stale_parts, refuse_output
from .i18n import tr
from .migrate import (
    HEAD,
    checked_revision,
    create_current,
    current_revision,
    file_refused,
    upgrade,
)
from .retention import backup_name, backup_time_text, copied_from, name_tag, parse_name
from .server_choice import remembered_for, stored_password
from .sqlite_file import EarlyCheck, stored_revision
from .storage_errors import damage_label, server_refused, storage_problem

__all__ = [
    "DB_FILENAME",
    "ENV_URL",
    "Database",
    "DatabaseDamagedError",
    "ReadOnlyError",
    "data_dir",
    "database_paths",
    "default_sqlite_path",
    "ensure_current",
    "is_network_path",
    "open_database",
    "output_path",
    "resolve_url",
    "sqlite_file_of",
]


class DatabaseDamagedError(BcdError):
    """The database file cannot be used: not a SQLite file, or damaged. ``path`` is the file,
    ``backup`` the newest automatic backup that would restore (if any); ``copied_from``:
    when that backup was taken from another file of the same database (a copy, such as the
    meeting-room laptop's), that file ("" when its path is not known), else None."""

    def __init__(
        self, message: str, path: Path, backup: Path | None, copied_from: str | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup
        self.copied_from = copied_from


def other_file_text(copied_from: str) -> str:
    """How a backup taken from a copy of the database is said: plainly another file."""
    return tr(
        "lập từ tệp khác: {path} (bản sao của cùng cơ sở dữ liệu, ví dụ máy phòng họp)"
    ).format(path=copied_from or tr("không rõ đường dẫn"))


def damaged_error(path: Path, detail: str) -> DatabaseDamagedError:
    """What the damaged database file ``path`` is told as, at its opening or by the check,
    naming the newest backup of this very database; ``detail``: what is wrong, in Vietnamese
    (:func:`.storage_errors.damage_label`)."""
    backup = newest_automatic_backup(path)
    copied = None if backup is None else copied_from(backup, path)
    message = tr("Tệp dữ liệu {path} bị hỏng hoặc không phải cơ sở dữ liệu ({detail}).").format(
        path=path, detail=detail
    )
    if copied is not None:  # the only candidates: a copy's, whose state is not this file's
        message += " " + tr(
            "Không có bản sao lưu tự động nào lập từ chính tệp này. Bản mới nhất của cùng cơ "
            "sở dữ liệu lúc {when} ({backup}) được {source}: khôi phục nó sẽ đưa trạng thái "
            "của tệp đó vào thay."
        ).format(when=backup_time_text(backup), backup=backup, source=other_file_text(copied))
    elif backup is not None:
        message += " " + tr(
            "Bản sao lưu tự động mới nhất của chính cơ sở dữ liệu này: lúc {when} ({backup})."
        ).format(when=backup_time_text(backup), backup=backup)
    else:
        message += " " + tr(
            "Không tìm thấy bản sao lưu tự động nào của chính cơ sở dữ liệu này để khôi phục "
            "(bản sao lưu của cơ sở dữ liệu khác không được dùng thay)."
        )
    return DatabaseDamagedError(message, path, backup, copied)



def ensure_current(db: Database) -> str | None:
    """Upgrade ``db`` to the head revision. Returns the path of the backup taken, if any."""
    if stored_revision(db.sqlite_path) == HEAD:
        return None  # the common start: nothing to check further, Alembic stays unimported
    if not db.is_sqlite:
        # A server: checked and migrated under the schema's lock (see migrate.upgrade), so
        # two officers starting at once take turns and the second finds it current.
        if current_revision(db) != HEAD:
            upgrade(db)
        return None
    path = db.sqlite_path
    if path is not None and path.is_file() and path.stat().st_size:
        refused = file_refused(path)  # before the engine writes to a file it then refuses
        if refused is not None:
            raise refused
    rev = checked_revision(db)
    if rev == HEAD:
        return None
    if rev is None and create_current(db):
        return None  # a new, empty database: the current schema at once, no migrations
    backup_path = None
    if rev is not None and db.is_sqlite and db.sqlite_path is not None:
        backup_path = str(backup_before(db, reason=f"upgrade-{rev}"))
    upgrade(db)
    if backup_path is not None and path is not None:
        backup_path = str(_tied_to_database(Path(backup_path), path))
    if backup_path is not None:
        # Said where the officer looks (stderr of every command, the window's status bar): the
        # copy of the data as the older version left it is the way back if the upgrade is
        # doubted, and it is named by no other message. Its name before its folder: a status
        # bar at 1366 pixels cuts a long line's end, and the folder is the Sao lưu window's.
        taken = Path(backup_path)
        db.warnings.append(
            tr(
                "Đã nâng cấp dữ liệu từ phiên bản {rev}; bản sao lưu trước khi nâng cấp: "
                "{name} (thư mục {folder})"
            ).format(rev=rev, name=taken.name, folder=taken.parent)
        )
    return backup_path


def _tied_to_database(backup: Path, path: Path) -> Path:
    """The backup taken before upgrading ``path`` from a revision older than the database's
    identity (0018), renamed to carry the identity the upgrade just gave it. Untagged, it was
    of no known database: missing from the database's own backups (Sao lưu, ``backups
    list``) and never offered when the upgraded file is found damaged, though it is the only
    copy of the data as the older version left it. Left as it is when anything fails: it is
    still there, only not named."""
    parsed = parse_name(backup.name)
    new_tag = file_tag(path)
    if parsed is None or name_tag(backup.name) is not None or new_tag is None:
        return backup
    tagged = backup.with_name(backup_name(parsed[0], parsed[1], new_tag, source_id(path)))
    try:
        if tagged.exists():
            return backup
        os.replace(backup, tagged)
        remember_source(backup.parent, new_tag, path)
    except OSError:
        return backup if backup.exists() else tagged
    return tagged


def open_database(
    db_path: str | os.PathLike[str] | None = None,
    *,
    migrate: bool = True,
    verify: bool = False,
    checked: EarlyCheck | None = None,
    refuse_empty: bool = False,
    password: str | None = None,
    read_only: bool = False,
) -> Database:
    """Open (and by default create or upgrade) the database the user asked for.

    With no ``db_path`` and no ``BDCQ_DATABASE_URL``, that is the shared server this computer
    remembers, if any (:mod:`.server_choice`), signed in with ``password``, else with the one
    kept in the credential store, else with none: a refused login is a
    :class:`.storage_errors.ServerLoginRefused`, a server out of reach a
    :class:`.storage_errors.ServerUnreachable`, for a front end to ask again or offer a retry.
    ``read_only``: a SQLite file opened to look at only (every write refused).

    ``verify`` also runs SQLite's quick check first (the GUI's start): a damaged file is
    refused with a :class:`DatabaseDamagedError` naming it and the backup to restore from.
    ``checked`` is that check begun earlier (:class:`.sqlite_file.EarlyCheck`); its verdict
    stands in for it only when it passed the same, unchanged file. The temporary files of a
    backup or restore killed earlier are removed.

    ``refuse_empty``: an existing empty (0-byte) file is refused as damaged, with the backup
    to restore from, instead of becoming a new database. For a file the user named: a failed
    copy, a full disk or "New › File" leaves one, and a check would report a new database as
    healthy. Only creating a database (``init``) or restoring over one takes such a file.
    """
    server = remembered_for(db_path)
    if server is None:
        db = Database(resolve_url(db_path), read_only=read_only)
    else:
        db = Database(server.url(password if password is not None else stored_password(server)))
    path = db.sqlite_path
    if refuse_empty and path is not None and _empty_file(path):
        db.dispose()
        raise damaged_error(
            path, tr("tệp rỗng, 0 byte: có thể bị cắt cụt khi chép, khi đồng bộ hoặc khi ổ đĩa đầy")
        )
    if path is not None:
        # No data folder to tidy is no reason to refuse the database.
        with contextlib.suppress(BcdError):
            clean_stale_parts(backups_dir())
    try:
        if (
            verify
            and path is not None
            and path.exists()
            and path.stat().st_size
            and not (checked is not None and checked.intact(path))
        ):
            # Locked by another program past the busy timeout (or a disk that cannot be read)
            # when the early check ran: said now, not after waiting the timeout out again.
            busy = storage_problem(checked.failure(path) or "") if checked is not None else None
            if busy is not None:
                raise busy
            problem = damage(path)
            if problem is not None:
                raise damaged_error(path, damage_label(problem))
        if migrate:
            ensure_current(db)
    except DatabaseError as exc:
        db.dispose()
        detail = str(exc.orig) if getattr(exc, "orig", None) else str(exc).splitlines()[0]
        if path is None:
            raise server_refused(db.url, detail) from None
        busy = storage_problem(detail)  # locked by another program, a full disk: not damage
        if busy is not None:
            raise busy from None
        if isinstance(exc, OperationalError) and "unable to open" in detail:
            raise _cannot_open(path) from None
        raise damaged_error(path, damage_label(detail)) from None
    except BaseException:
        db.dispose()
        raise
    return db


def _cannot_open(path: Path) -> BcdError:
    """SQLite could not open ``path``. A name the disk took but too long for the files SQLite
    makes beside it (its "-wal" log: 255 in all) is said as such: "không tạo hoặc đọc
    được tệp" left the officer looking at a file that was there and readable."""
    wal = f"{path.name}-wal"
    # 255 UTF-8 bytes on Linux and macOS, 255 UTF-16 units on Windows.
    if (len(wal.encode("utf-16-le")) // 2 if os.name == "nt" else len(wal.encode())) > 255:
        return BcdError(
            tr(
                "Không mở được tệp dữ liệu {path}: tên tệp quá dài để tạo các tệp đi kèm "
                "(…-wal, …-journal) bên cạnh nó. Hãy đổi tên tệp cho ngắn hơn."
            ).format(path=path)
        )
    return BcdError(
        tr("Không mở được tệp dữ liệu {path}: không tạo hoặc đọc được tệp.").format(path=path)
    )


def _empty_file(path: Path) -> bool:
    """An existing database file of 0 bytes with no write-ahead log holding its pages."""
    try:
        if not path.is_file() or path.stat().st_size:
            return False
        wal = path.with_name(path.name + "-wal")
        return not (wal.exists() and wal.stat().st_size)
    except OSError:
        return False  # opening it says what is wrong


def sqlite_file_of(value: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file a ``--db`` value (a path or a ``sqlite:///`` URL) names; None for a
    server, an in-memory database, or a value that is no database at all (opening it says
    why)."""
    files = _database_path(value)
    if not files or str(files[0]) in ("", ":memory:"):
        return None
    return files[0]


def _database_path(database: Database | str | os.PathLike[str] | None) -> list[Path]:
    if isinstance(database, Database):
        return database_files(database)
    try:
        url = make_url(resolve_url(database))
    except BcdError:
        return []
    if url.get_backend_name() != "sqlite" or not url.database:
        return []
    main = Path(url.database)
    return [main.with_name(main.name + suffix) for suffix in SQLITE_SIDE_SUFFIXES]


def database_paths(database: Database | str | os.PathLike[str] | None) -> list[Path]:
    """The files of the SQLite database ``database`` (an open one, or a ``--db`` value; None
    is the default database): the main file and the side files SQLite keeps beside it. Empty
    for a server database."""
    return _database_path(database)


def output_path(
    path: str | os.PathLike[str] | None,
    database: Database | str | os.PathLike[str] | None = None,
    *,
    replacing: Path | None = None,
) -> Path:
    """The target of a file the user exports, checked: never the database (or its side files),
    never the automatic backups, never the issued documents' folder (a file there would stand
    in for a numbered document), never a folder or a device, never any other SQLite database
    (but ``replacing``, one the user confirmed). ``database`` is the open database, or the
    ``--db`` value when none is open."""
    try:
        backups = [backups_dir()]
    except BcdError:
        backups = []
    return refuse_output(
        path,
        protected=_database_path(database),
        protected_dirs=backups,
        document_dirs=documents_dirs(),
        replacing=replacing,
    )
