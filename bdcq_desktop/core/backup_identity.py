"""Which database a backup is of: its identity (``organisation.database_uid``, migration 0018).

Every database opened on this computer backs up into one folder, so a backup is only of use
together with the database it was taken from: recovery offers, pruning and the Sao lưu list
go by identity. A backup made by this version carries a short tag of it in its name
(:func:`.retention.backup_name`); one made by an older version is read inside, only when
needed. A damaged database whose identity cannot be read through SQLite is known by the
identities written in its bytes, else by the one last backed up from the same path (the
folder's :data:`SOURCES_FILE`, a line per database file: a file overwritten by a text, or left
empty by a full disk, holds no identity at all). Backups of an unknown database are never
offered for another one.

A copy of a database (the meeting-room laptop's, :mod:`.room_copy`) keeps its identity, so a
backup also says which file it was taken from: :func:`source_id`, a short hash of the file's
path, written in its name (a name survives the backup being copied elsewhere; a side file may
not). The folder's :data:`SOURCES_FILE` turns it back into the path where it is at hand.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import sqlite3
from pathlib import Path
from typing import Any

from .sqlite_file import connect_read_only, read_only_uri

TAG_LENGTH = 12
SOURCE_LENGTH = 8
SOURCES_FILE = "databases.tsv"


def tag(uid: str) -> str:
    """The short form of an identity written in a backup's name (48 bits: enough to tell the
    few databases of one office apart)."""
    return uid.replace("-", "").lower()[:TAG_LENGTH]


def file_identity(path: Path) -> str | None:
    """The identity stored in the SQLite file ``path``, read-only; None when it has none
    (older than migration 0018) or cannot be read."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        if path.with_name(path.name + "-wal").exists():
            con = connect_read_only(path)
        else:
            # Everything is in the file: read as it is, without the empty -wal and -shm a
            # read-only look at a WAL database leaves beside somebody's file (a USB stick's).
            uri = read_only_uri(path)
            con = sqlite3.connect(uri if "immutable" in uri else uri + "&immutable=1", uri=True)
        try:
            row = con.execute(
                "SELECT database_uid FROM organisation ORDER BY id LIMIT 1"
            ).fetchone()
        finally:
            con.close()
    except (sqlite3.Error, OSError):
        return None
    return str(row[0]) if row and row[0] else None


def file_tag(path: Path) -> str | None:
    uid = file_identity(path)
    return tag(uid) if uid else None


def _key(path: Path) -> str:
    try:
        return os.path.normcase(str(path.resolve()))
    except (OSError, RuntimeError, ValueError):
        return os.path.normcase(os.path.abspath(path))


def _hashed(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:SOURCE_LENGTH]


def source_id(path: Path) -> str:
    """The short form of the database file ``path`` written in its backups' names: two files
    of one database (the office's and its meeting-room copy) give two."""
    return _hashed(_key(path))


def source_path(folder: Path, source: str) -> str | None:
    """The file whose :func:`source_id` is ``source``, as noted in ``folder`` when it backed
    up there; None when not noted (a backup brought from another folder)."""
    return next((w for _, w in reversed(_read_sources(folder)) if _hashed(w) == source), None)


def _read_sources(folder: Path) -> list[tuple[str, str]]:
    try:
        text = (folder / SOURCES_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    pairs = []
    for line in text.splitlines():
        got, sep, where = line.partition("\t")
        if sep and got:
            pairs.append((got, where))
    return pairs


def remember_source(folder: Path, database_tag: str, path: Path) -> None:
    """Note in ``folder`` that the database file ``path`` is (now) the database
    ``database_tag``: a hint for recovering it when nothing of it can be read. Written only
    when that changed; a folder that cannot take it loses a hint, not the backup."""
    key = _key(path)
    pairs = _read_sources(folder)
    if next((t for t, where in reversed(pairs) if where == key), None) == database_tag:
        return
    kept = [p for p in pairs if p[1] != key] + [(database_tag, key)]
    target = folder / SOURCES_FILE
    tmp = folder / f".{SOURCES_FILE}.{os.getpid()}.part"
    with contextlib.suppress(OSError):
        tmp.write_text("".join(f"{t}\t{w}\n" for t, w in kept), encoding="utf-8")
        os.replace(tmp, target)
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def _written_in(file: Path, needles: dict[str, bytes]) -> set[str]:
    """The keys of ``needles`` whose bytes occur in ``file`` (mapped, not read into memory)."""
    try:
        with file.open("rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                return set()
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return {key for key, needle in needles.items() if data.find(needle) != -1}
    except (OSError, ValueError):
        return set()


def damaged_file_tags(path: Path, folder: Path, candidates: set[str]) -> set[str]:
    """Which of ``candidates`` (the tags of the backups at hand) the damaged database file
    ``path`` may be: its own identity read through SQLite when that still works, else those
    whose identity is written in its bytes (or its write-ahead log's) — a truncated file or
    one with lost pages usually keeps the organisation row —, else the one last backed up
    into ``folder`` from this very path. Empty: unknown."""
    own = file_tag(path)
    if own is not None:
        return {own}
    # A tag is the identity's first 12 hex digits: as stored, "xxxxxxxx-xxxx…".
    needles = {t: f"{t[:8]}-{t[8:12]}".encode("ascii") for t in candidates if len(t) == 12}
    found: set[str] = set()
    for file in (path, path.with_name(path.name + "-wal")):
        found |= _written_in(file, needles)
    if found:
        return found
    key = _key(path)
    return {t for t, where in _read_sources(folder) if where == key}


def database_identity(db: Any) -> str:
    """The identity of the open database ``db`` ("" when it has none: older than 0018): what
    things kept for one database on this computer are keyed by, its file's path being able
    to hold another database after a restore."""
    from sqlalchemy import text  # loaded with the database already

    # Through a session: a server gone meanwhile is then said in Vietnamese (StorageError),
    # not met as a defect ("Lỗi không mong đợi") by the start's offer of kept minutes.
    with db.session() as s:
        row = s.execute(text("SELECT database_uid FROM organisation ORDER BY id LIMIT 1")).first()
    return str(row[0]) if row and row[0] else ""
