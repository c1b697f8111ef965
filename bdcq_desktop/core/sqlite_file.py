"""A SQLite database file looked at with the standard library alone: where it is, a read-only
connection to it, SQLite's quick check, the schema revision it carries.

Nothing here imports SQLAlchemy, so the GUI can start checking the file (:class:`EarlyCheck`)
at the first line of a start, on the second core, while it imports Qt and the database layer:
the quick check reads the whole file, and on ten years of data it was the longest step between
the window and its first rows. SQLite leaves Python's lock while it reads, so the two overlap.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from pathlib import Path

from .errors import BcdError
from .files import os_error, resolved
from .i18n import tr

ENV_URL = "BDCQ_DATABASE_URL"
DB_FILENAME = "bcd.sqlite3"
# A scheme, then "://": only such a value is a URL; anything else is a path taken literally
# (a file may well be called "p%41.db" or "biên bản #2.db").
URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
# Seconds any connection to a SQLite file waits for another program's lock (a save, a backup
# in another window) before the database is reported locked. One figure everywhere: a start
# on a file held by another program once waited 30 s in its early check and 30 s again in the
# usual one before saying so, with the window empty all the while.
BUSY_TIMEOUT_S = 10.0


def data_dir() -> Path:
    """The user data folder (created on demand), overridable by ``BDCQ_DATA_DIR``."""
    override = os.environ.get("BDCQ_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path("bdcq-desktop", "BCD", roaming=False)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, path, tr("thư mục dữ liệu")) from None
    return path


def default_sqlite_path() -> Path:
    return data_dir() / DB_FILENAME


def issued_documents_dir() -> Path:
    """Where the register keeps the files of issued documents (``<data dir>/documents``, by
    year); named here, not made, so that the output-path check can protect it without the
    storage modules importing the register."""
    return data_dir() / "documents"


# How many hex digits of a database's identity name its folder of issued documents.
OWN_FOLDER_DIGITS = 8


def own_folder_name(database_uid: str | None) -> str | None:
    """The folder, inside :func:`issued_documents_dir`, of one database's issued documents:
    the first hex digits of its identity (``organisation.database_uid``). Two databases on one
    PC (the office's and the demo tried first) then never mix their files, and neither calls
    the other's its own orphans. None for a database without an identity (older than 0018):
    it keeps the shared folder. Hex digits only: the identity is read from the database, and
    a hand-edited one ("../..") must not name a folder anywhere else."""
    digits = re.sub(r"[^0-9a-f]", "", (database_uid or "").lower())[:OWN_FOLDER_DIGITS]
    return digits if len(digits) == OWN_FOLDER_DIGITS else None


def read_only_uri(path: Path) -> str:
    """A ``file:`` URI opening ``path`` read-only (``#``, ``?`` and ``%`` in it quoted).

    In a folder nobody can write, SQLite could not create the shared-memory file a WAL
    database needs even for reading; no one can write the database there either, so it is
    opened as immutable."""
    path = Path(path).resolve()
    immutable = "&immutable=1" if not os.access(path.parent, os.W_OK) else ""
    return path.as_uri() + "?mode=ro" + immutable


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)


def pragma_check(con: sqlite3.Connection, pragma: str) -> str:
    """``ok``, or the first problems SQLite's ``quick_check`` / ``integrity_check`` reports."""
    rows = [r[0] for r in con.execute(f"PRAGMA {pragma}").fetchall()]
    return "ok" if rows == ["ok"] else "; ".join(str(r) for r in rows[:3])


def quick_check(path: Path) -> str:
    """SQLite's quick check of the file ``path`` (read-only): ``ok`` or what is wrong. A file
    SQLite cannot read at all raises :class:`sqlite3.DatabaseError`."""
    con = connect_read_only(path)
    try:
        return pragma_check(con, "quick_check")
    finally:
        con.close()


# The first bytes of the documents most often named by mistake where a database is meant: a
# file starting so is that document, not a damaged database (a damaged SQLite file keeps its
# header, or loses it to zeros or garbage, never to another format's signature).
_OTHER_FORMATS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "Word/Excel (.docx, .xlsx) hoặc ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word/Excel cũ (.doc, .xls)"),
    (b"{\\rtf", "RTF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
)


def other_format(path: Path) -> str | None:
    """The kind of document ``path`` is when its first bytes say it is no database at all
    (a PDF, a Word file…); None for anything else, a SQLite file or a damaged one."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return None
    return next((name for magic, name in _OTHER_FORMATS if head.startswith(magic)), None)


def refuse_other_format(path: Path) -> None:
    """Refuse to write a database over ``path`` when it is another kind of document."""
    kind = other_format(path)
    if kind is not None:
        raise BcdError(
            tr(
                "Không khôi phục vào {path}: đây là tệp {kind}, không phải cơ sở dữ liệu (kể cả "
                "cơ sở dữ liệu bị hỏng). Tệp được giữ nguyên; hãy kiểm tra lại tệp dữ liệu đã "
                "chọn."
            ).format(path=path, kind=kind)
        )


def stored_revision(path: Path | None) -> str | None:
    """The revision stored in an existing SQLite file, read with the standard library alone
    (no engine connection, no reflection); None when it cannot be read that cheaply."""
    if path is None or not path.is_file() or not path.stat().st_size:
        return None
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # no such table, a damaged file…: the full check says what is wrong
    return row[0] if row else None


def start_file(db_arg: str | None) -> Path | None:
    """The SQLite file a start with ``--db db_arg`` opens, when that is known without
    SQLAlchemy (a path, or the default file); None for a URL or when in doubt. The same rule
    as :func:`.engine.resolve_url`, which alone decides what is opened."""
    if db_arg is not None:
        if not db_arg.strip() or URL_RE.match(db_arg):
            return None
        try:
            return resolved(db_arg)
        except BcdError:  # a link loop…: the start itself says what is wrong
            return None
    if os.environ.get(ENV_URL):
        return None
    try:
        return default_sqlite_path()
    except BcdError:
        return None  # the start itself says why the folder cannot be used


def file_identity(path: Path) -> tuple[int, ...] | None:
    """What changes when anything writes to the database (the file or its write-ahead log)."""
    try:
        main = path.stat()
    except OSError:
        return None
    log: tuple[int, ...] = ()
    try:
        wal = os.stat(str(path) + "-wal")
    except OSError:
        pass
    else:
        if wal.st_size:  # an empty log (a reader leaves one) holds nothing: same as none
            log = (wal.st_ino, wal.st_size, wal.st_mtime_ns)
    return (main.st_dev, main.st_ino, main.st_size, main.st_mtime_ns, *log)


class EarlyCheck:
    """The quick check of a database file, begun in a thread of its own at once; a start asks
    for its verdict when it opens the file (:meth:`intact`). Only a clean verdict on the very
    same, unchanged file is ever used: anything else, the start checks again the usual way, so
    a problem is always reported by the one code path that knows how to say it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._result: tuple[tuple[int, ...] | None, str] | None = None
        self._failure: str | None = None  # what SQLite said when it could not check at all
        self._thread = threading.Thread(target=self._run, name="bdcq-early-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            before = file_identity(self.path)
            if before is None or not before[2]:  # no file yet, or an empty one: nothing to check
                return
            verdict = quick_check(self.path)
            if file_identity(self.path) == before:
                self._result = (before, verdict)
        except sqlite3.Error as exc:  # the start says what it is (see failure)
            self._failure = str(exc)
        except Exception:  # any other trouble: the start checks again, and says what it is
            return

    def finished(self) -> bool:
        """True once the check is over (its verdict is then ready without waiting)."""
        return not self._thread.is_alive()

    def intact(self, path: Path) -> bool:
        """True only if ``path`` is the file checked, it passed, and nothing changed it since."""
        self._thread.join()
        if self._result is None or Path(path) != self.path:
            return False
        identity, verdict = self._result
        return verdict == "ok" and file_identity(self.path) == identity

    def failure(self, path: Path) -> str | None:
        """What SQLite said when it could not check ``path`` at all (a lock held past the busy
        timeout, a read error), None if it could. A start that finds the file locked here
        says so at once: checking again would only wait out the busy timeout a second time."""
        self._thread.join()
        return self._failure if Path(path) == self.path else None
