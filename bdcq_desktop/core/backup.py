"""Backups through SQLite's online backup API, never a file copy during a write.

Automatic backups go to the backup folder (:mod:`.backup_folder`: ``<data dir>/backups`` unless
the machine's setting says otherwise) before risky operations (upgrade, restore, import, demo)
and are thinned by :mod:`.retention` so the folder does not grow without bound. A backup is
only reported done once both the database it was taken from and the copy pass SQLite's checks,
and a restore validates the whole backup (and brings it to the current schema) in a temporary
file before anything touches the live database.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .backup_errors import (
    backup_not_written,
    restore_folder_refused,
    restore_locked,
    restore_storage_error,
)
from .backup_folder import configured_backup_dir
from .backup_identity import damaged_file_tags, file_tag, remember_source, source_id
from .engine import Database, sqlite_url
from .errors import (
    AccessError,
    BcdError,
    DatabaseVersionError,
    RestoreClashWarning,
    RestoreIssuedWarning,
)
from .files import (
    SQLITE_SIDE_SUFFIXES,
    claim_part,
    clean_stale_parts,
    on_disk,
    os_error,
    part_path,
    refuse_output,
    same_file,
)
from .i18n import tr
from .migrate import (
    HEAD,
    REVISIONS,
    missing_schema,
    newer_version_message,
    own_schema,
    upgrade,
)
from .retention import automatic_backups, backup_name, backup_tag, name_source, prune_folder
from .sqlite_file import (
    BUSY_TIMEOUT_S,
    connect_read_only,
    issued_documents_dir,
    pragma_check,
    quick_check,
    refuse_other_format,
)
from .storage_errors import DatabaseLocked, damage_label, storage_problem


def documents_dirs() -> list[Path]:
    """The issued documents' folder, for :func:`.files.refuse_output` (none when the data
    folder cannot even be made: then no document can be stored there either)."""
    try:
        return [issued_documents_dir()]
    except BcdError:
        return []


def backups_dir() -> Path:
    """The backup folder in force, created on demand."""
    path = configured_backup_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, path, tr("thư mục sao lưu")) from None
    return path


def _require_sqlite(db: Database) -> Path:
    path = db.sqlite_path
    if path is None:
        raise BcdError(
            tr(
                "Sao lưu trong ứng dụng chỉ dành cho cơ sở dữ liệu SQLite. Với PostgreSQL, hãy "
                "dùng pg_dump trên máy chủ."
            )
        )
    return path


def require_restorable(db: Database) -> Path:
    """The file a restore would replace: refused for a server's database (shared by every
    officer, restored by its administrator from the server's own backups, never by one
    officer's app) and for a file opened read-only. Checked before a front end asks for the
    backup and asks to confirm: never a question whose yes is refused."""
    path = db.sqlite_path
    if path is None:
        raise BcdError(
            tr(
                "Khôi phục trong ứng dụng chỉ dành cho cơ sở dữ liệu SQLite (một tệp trên máy "
                "này). Dữ liệu dùng chung trên máy chủ PostgreSQL do người quản trị máy chủ "
                "khôi phục, từ bản sao lưu của máy chủ (pg_dump)."
            )
        )
    db.require_writable()
    return path


def database_files(db: Database) -> list[Path]:
    """The database file and the side files SQLite keeps beside it."""
    path = db.sqlite_path
    if path is None:
        return []
    return [path.with_name(path.name + suffix) for suffix in SQLITE_SIDE_SUFFIXES]


def damage(path: Path) -> str | None:
    """What SQLite's quick check finds wrong with the database file ``path``; None if intact."""
    try:
        result = quick_check(path)
    except sqlite3.DatabaseError as exc:
        busy = storage_problem(str(exc))  # locked by another program, a full disk: not damage
        if busy is not None:
            raise busy from None
        return str(exc)
    return None if result == "ok" else result


def _damaged_source(path: Path, detail: str) -> BcdError:
    return BcdError(
        tr(
            "Cơ sở dữ liệu {path} bị hỏng ({detail}); không sao lưu được. Hãy khôi phục từ một "
            "bản sao lưu trước đó."
        ).format(path=path, detail=detail)
    )


def backup_to(db: Database, dest: str | Path, *, replacing: Path | None = None) -> Path:
    """Copy a consistent snapshot of the live database to ``dest`` (replaced atomically).

    The live database is checked first and the copy after: a damaged database gives no
    backup that looks good. An existing database at ``dest`` is refused unless it is
    ``replacing`` (:func:`.files.refuse_output`).
    """
    src_path = _require_sqlite(db)
    # The backup folder itself is where the automatic backups are written (backup_before):
    # the callers that take a path from the officer check it with db.output_path first.
    target = refuse_output(
        dest, protected=database_files(db), document_dirs=documents_dirs(), replacing=replacing
    )
    problem = damage(src_path)
    if problem is not None:
        raise _damaged_source(src_path, problem)
    # What a backup killed there earlier left (its process gone) goes: only the backup folder
    # was tidied, so a `bdcq backup -o` killed with kill -9 left its hidden part for good.
    clean_stale_parts(target.parent)
    # Made here first, so a folder that cannot be written is reported as such (SQLite would
    # only say "unable to open database file").
    tmp = claim_part(target, tr("tệp sao lưu"))
    try:
        _copy_database(src_path, tmp, read_only=db.read_only)
        out = sqlite3.connect(str(tmp))
        try:
            result = pragma_check(out, "integrity_check")
        finally:
            out.close()
        if result != "ok":
            raise _damaged_source(src_path, result)
        os.replace(tmp, target)
    except OSError as exc:
        _drop_part(tmp)
        raise os_error(exc, target, tr("tệp sao lưu")) from None
    except sqlite3.DatabaseError as exc:
        _drop_part(tmp)
        busy = storage_problem(str(exc))  # the copy's disk is full: the source is fine
        if busy is not None and _disk_trouble(str(exc)):
            raise backup_not_written(target.parent, src_path.stat().st_size) from None
        if busy is not None:
            raise busy from None
        raise _damaged_source(src_path, str(exc)) from None
    except BaseException:
        _drop_part(tmp)
        raise
    return target


def _disk_trouble(detail: str) -> bool:
    text = detail.lower()
    return any(f in text for f in ("disk is full", "disk i/o error", "no space left"))


def _drop_part(tmp: Path) -> None:
    """The temporary copy and the journal SQLite made beside it (a copy that failed halfway,
    on a full disk, leaves its ``-journal``)."""
    for suffix in SQLITE_SIDE_SUFFIXES:
        with contextlib.suppress(OSError):
            tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)


def _copy_database(src_path: Path, dest: Path, *, read_only: bool = True) -> None:
    """``src_path`` → a new standalone file ``dest`` through the backup API."""
    if read_only:
        src = connect_read_only(src_path)
    else:
        src = sqlite3.connect(str(src_path), timeout=BUSY_TIMEOUT_S)
    try:
        out = sqlite3.connect(str(dest))
        try:
            src.backup(out)
            # The copy is a standalone file: no WAL side files to carry along.
            out.execute("PRAGMA journal_mode=DELETE")
        finally:
            out.close()
    finally:
        src.close()


def backup_before(db: Database, reason: str) -> Path:
    """An automatic backup (before a risky operation, or a periodic one), named with the
    database's identity (the copy keeps it inside too) and its file's, then the folder
    thinned by the retention rule, never deleting the database open (it may be a backup
    opened as one)."""
    folder = backups_dir()
    source = _require_sqlite(db)
    tag = file_tag(source)
    dest = folder / backup_name(datetime.now(), reason, tag, source_id(source))
    backup_to(db, dest)
    if tag is not None:
        remember_source(folder, tag, source)
    prune_folder(folder, open_files=[source])
    return dest


def safety_backup(db: Database, reason: str) -> Path | None:
    """:func:`backup_before` where there is something to back up: a SQLite file that exists and
    is not empty (PostgreSQL is backed up on its server). A backup that fails refuses the
    operation it was to protect."""
    path = db.sqlite_path
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    return backup_before(db, reason)


def verify_backup_file(path: str | Path) -> str:
    """Refuse anything that is not an intact SQLite database this version can open; its
    revision."""
    path = on_disk(path)
    if not path.is_file():
        raise BcdError(tr("Không tìm thấy tệp sao lưu: {path}").format(path=path))
    try:
        con = connect_read_only(path)
        try:
            ok = pragma_check(con, "integrity_check")
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            rev = None
            if "alembic_version" in tables:
                rev = con.execute("SELECT version_num FROM alembic_version").fetchone()
            columns = [r[1] for r in con.execute("PRAGMA table_info(organisation)")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BcdError(
            tr("Tệp sao lưu {path} bị hỏng hoặc không phải cơ sở dữ liệu ({e}).").format(
                path=path, e=damage_label(str(exc))
            )
        ) from None
    if ok != "ok":
        raise BcdError(tr("Tệp sao lưu {path} không toàn vẹn ({detail}).").format(
            path=path, detail=damage_label(ok)
        ))
    # Another program's file may carry an Alembic revision too: not ours, never "newer".
    if rev is None or not own_schema(str(rev[0]), tables, columns):
        raise BcdError(tr("Tệp {path} không phải bản sao lưu của BCĐ Desktop.").format(path=path))
    if rev[0] not in REVISIONS:
        raise DatabaseVersionError(newer_version_message(str(rev[0])))
    return str(rev[0])


def newest_automatic_backup(database: Path) -> Path | None:
    """The newest automatic backup of the (damaged) database file ``database`` that would
    restore, if any: only a backup of the same database (by identity), never the newest of
    the folder, which may be of another database opened on this computer; one taken from
    this very file before one of a copy of it (:func:`.retention.copied_from`). None when
    the file's identity cannot be told (:func:`.backup_identity.damaged_file_tags`)."""
    try:
        folder = backups_dir()
    except BcdError:
        return None
    candidates = [(path, backup_tag(path)) for path, _, _ in automatic_backups(folder)]
    tags = damaged_file_tags(database, folder, {t for _, t in candidates if t is not None})
    if not tags:
        return None
    own = source_id(database)  # a stable sort: the newest first within each
    candidates.sort(key=lambda c: name_source(c[0].name) not in (None, own))
    for path, tag in candidates:
        if tag not in tags:
            continue
        try:
            verify_backup_file(path)
        except BcdError:
            continue
        return path
    return None


def _stage(source: Path, staged: Path) -> None:
    """Copy ``source`` to ``staged`` and make it a complete database of the current schema,
    or refuse it: nothing of a bad backup can reach the live database. A full disk where
    ``staged`` is written is said as such, never taken for a damaged backup."""
    rev = verify_backup_file(source)
    try:
        _copy_database(source, staged)
    except sqlite3.DatabaseError as exc:
        raise restore_storage_error(exc, staged.parent) or BcdError(
            tr("Tệp sao lưu {path} bị hỏng hoặc không phải cơ sở dữ liệu ({e}).").format(
                path=source, e=damage_label(str(exc))
            )
        ) from None
    verify_backup_file(staged)
    copy = Database(sqlite_url(staged))
    try:
        if rev != HEAD:
            try:
                upgrade(copy)
            except Exception as exc:  # a foreign file with borrowed table names
                detail = getattr(exc, "orig", None) or exc
                if isinstance(detail, sqlite3.DatabaseError):
                    said = restore_storage_error(detail, staged.parent)
                    if said is not None:
                        raise said from None
                raise BcdError(
                    tr("Tệp {path} không phải bản sao lưu hợp lệ của BCĐ Desktop ({e}).").format(
                        path=source, e=str(detail).splitlines()[0]
                    )
                ) from None
        missing = missing_schema(copy)
    finally:
        copy.dispose()
    if missing:
        raise BcdError(
            tr("Tệp {path} không phải bản sao lưu của BCĐ Desktop (thiếu {what}).").format(
                path=source, what=", ".join(missing[:5])
            )
        )
    try:
        con = sqlite3.connect(str(staged))
        try:
            con.execute("PRAGMA journal_mode=DELETE")
            ok = pragma_check(con, "integrity_check")
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise restore_storage_error(exc, staged.parent) or exc from None
    if ok != "ok":  # pragma: no cover - the upgrade of an intact file stays intact
        raise BcdError(tr("Tệp sao lưu {path} không toàn vẹn: {detail}").format(
            path=source, detail=ok
        ))


def _safety_copy(db: Database, live: Path) -> Path | None:
    """The current state, kept before a restore replaces it: a checked backup when the live
    database is intact, else a plain copy of its files (they may still help an expert)."""
    if not live.exists() or live.stat().st_size == 0:
        return None
    if damage(live) is None:
        return backup_before(db, reason="before-restore")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = backups_dir() / f"damaged-{stamp}.sqlite3"
    for suffix in SQLITE_SIDE_SUFFIXES:
        side = live.with_name(live.name + suffix)
        if side.exists():
            shutil.copyfile(side, dest.with_name(dest.name + suffix))
    return dest


def restore_from(
    db: Database,
    source: str | Path,
    *,
    confirm_issued: bool = False,
    drop_clashing: bool = False,
) -> Path | None:
    """Replace the live database with ``source``; the current state is kept first.

    The backup is validated completely and upgraded in a temporary file; only then is the
    current state backed up and the live file replaced, through the backup API, so other
    connections see either the old or the new database, never a torn one. Documents the live
    register issued that the backup does not hold are carried into it, marked superseded
    (:mod:`.restore_register`): a number once issued is never given again. Unless
    ``confirm_issued``, a restore that would do so is refused first with
    :class:`.errors.RestoreIssuedWarning` saying which. A document whose number the backup
    gives another document cannot be kept (one document per number): unless
    ``drop_clashing``, refused with :class:`.errors.RestoreClashWarning` even when
    ``confirm_issued``, so no issued number leaves the register on a plain "yes". Returns the
    path of the copy of the previous state (None when there was nothing to keep).
    """
    from .restore_register import carry_issued, issued_since, restore_question

    live = require_restorable(db)
    refuse_other_format(live)  # a wrong path: a damaged database is restored over, not it
    source = on_disk(Path(source).expanduser())
    if not source.is_file():
        raise BcdError(tr("Không tìm thấy tệp sao lưu: {path}").format(path=source))
    if live.exists() and same_file(source, live):
        raise BcdError(tr("Tệp sao lưu không được trùng với tệp dữ liệu đang dùng."))
    if not (confirm_issued and drop_clashing):
        since = issued_since(live, source)
        if since.clashing and not drop_clashing:
            raise RestoreClashWarning(restore_question(since))
        if since.issued and not confirm_issued:
            raise RestoreIssuedWarning(restore_question(since))
    folder = backups_dir()
    try:  # claimed first: a folder it cannot write is said as the folder, not a hidden file
        staged = claim_part(folder / "restore.sqlite3")
    except AccessError as exc:
        raise restore_folder_refused(folder, exc.reason) from None
    step = staged.parent  # where the restore writes when the disk gives out
    held = source  # the file another program's lock stops the restore at
    try:
        _stage(source, staged)
        held = live
        # The GUI runs this off its thread: from the copy of the current state to the new
        # file in place, nothing else of this process may write.
        with db.replacing():
            db.dispose()
            safety = _safety_copy(db, live)
            carry_issued(live, staged)
            step = live.parent
            _replace_live(staged, live)
            db.dispose()
    except DatabaseLocked:  # a restore saved nothing: said as a restore, not as a save
        raise restore_locked(held, live) from None
    except OSError as exc:
        said = restore_storage_error(exc, step)
        if said is not None:
            raise said from None
        raise os_error(exc, exc.filename or live) from None
    except sqlite3.DatabaseError as exc:
        said = restore_storage_error(exc, step)
        if said is None:
            raise
        if isinstance(said, DatabaseLocked):
            said = restore_locked(held, live)
        raise said from None
    finally:
        with contextlib.suppress(OSError):  # never in place of what stopped the restore
            staged.unlink(missing_ok=True)
    return safety


def _give_up_when_locked() -> Callable[[int, int, int], None]:
    """The backup API's progress hook that ends a copy another program keeps locked out for
    longer than a save waits (:data:`.sqlite_file.BUSY_TIMEOUT_S`): Python's backup otherwise
    retries "busy" without end, the window held behind its progress all the while."""
    start = time.monotonic()

    def progress(status: int, _remaining: int, _total: int) -> None:
        busy = status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        if busy and time.monotonic() - start >= BUSY_TIMEOUT_S:
            # Raised from the hook, the copy is abandoned before a page of it is written.
            raise sqlite3.OperationalError("database is locked")

    return progress


def _replace_live(staged: Path, live: Path) -> None:
    if live.exists() and live.stat().st_size and damage(live) is not None:
        # A damaged file cannot take pages through the backup API: swap the file itself.
        swap = part_path(live)
        try:
            shutil.copyfile(staged, swap)
        except BaseException:
            swap.unlink(missing_ok=True)
            raise
        for suffix in SQLITE_SIDE_SUFFIXES[1:]:
            live.with_name(live.name + suffix).unlink(missing_ok=True)
        os.replace(swap, live)
        return
    src = connect_read_only(staged)
    try:
        dest = sqlite3.connect(str(live), timeout=BUSY_TIMEOUT_S)
        try:
            src.backup(dest, progress=_give_up_when_locked())
        finally:
            dest.close()
    finally:
        src.close()
