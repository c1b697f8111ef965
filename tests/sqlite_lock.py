"""Another program holding a SQLite file with an exclusive lock, for the tests of what a
refusal says: a write transaction in exclusive locking mode, so that in WAL mode no other
connection may even read the file until it is let go."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def held_exclusively(
    path: Path | str, *, readers_too: bool = True
) -> Iterator[sqlite3.Connection]:
    """While inside, ``path`` is held by another connection's exclusive lock (without
    ``readers_too``, its write lock only: in WAL mode readers still read); nothing it holds
    is written (rolled back on the way out)."""
    holder = sqlite3.connect(path, isolation_level=None)
    if readers_too:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()
