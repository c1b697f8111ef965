"""Backups through SQLite's online backup API, never a file copy during a write.

Automatic backups go to ``<data dir>/backups`` before risky operations (upgrade, restore, import)
and are thinned so the folder does not grow without bound.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from .db import Database, data_dir
from .errors import BcdError
from .i18n import tr

KEEP_AUTOMATIC = 30


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
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


def backup_to(db: Database, dest: str | Path) -> Path:
    """Copy a consistent snapshot of the live database to ``dest`` (overwritten atomically)."""
    src_path = _require_sqlite(db)
    dest = Path(dest).expanduser().resolve()
    if dest == src_path.resolve():
        raise BcdError(tr("Tệp sao lưu không được trùng với tệp dữ liệu đang dùng."))
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(str(src_path), timeout=30)
    try:
        out = sqlite3.connect(str(tmp))
        try:
            src.backup(out)
            # The copy is a standalone file: no WAL side files to carry along.
            out.execute("PRAGMA journal_mode=DELETE")
        finally:
            out.close()
    finally:
        src.close()
    tmp.replace(dest)
    return dest


def backup_before(db: Database, reason: str) -> Path:
    """An automatic backup before a risky operation."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = backups_dir() / f"bcd-{stamp}-{reason}.sqlite3"
    backup_to(db, dest)
    _thin(backups_dir())
    return dest


def _thin(folder: Path) -> None:
    files = sorted(folder.glob("bcd-*.sqlite3"))
    for old in files[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)


def verify_backup_file(path: str | Path) -> None:
    """Refuse anything that is not an intact SQLite database of this application."""
    path = Path(path)
    if not path.is_file():
        raise BcdError(tr("Không tìm thấy tệp sao lưu: {path}").format(path=path))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BcdError(tr("Tệp sao lưu hỏng hoặc không phải SQLite: {e}").format(e=exc)) from exc
    if ok != "ok":
        raise BcdError(tr("Tệp sao lưu không toàn vẹn: {detail}").format(detail=ok))
    if "alembic_version" not in tables or "meeting" not in tables:
        raise BcdError(tr("Tệp này không phải bản sao lưu của BCĐ Desktop."))


def restore_from(db: Database, source: str | Path) -> Path:
    """Replace the live database with ``source``; the current state is backed up first.

    Returns the path of the safety backup. The copy goes through the backup API into the live
    file, so other connections see either the old or the new database, never a torn one.
    """
    dest_path = _require_sqlite(db)
    verify_backup_file(source)
    safety = backup_before(db, reason="before-restore")
    src = sqlite3.connect(f"file:{Path(source)}?mode=ro", uri=True)
    try:
        live = sqlite3.connect(str(dest_path), timeout=30)
        try:
            src.backup(live)
        finally:
            live.close()
    finally:
        src.close()
    db.dispose()
    from .migrate import ensure_current

    ensure_current(db)
    return safety
