"""Where the database lives and how to talk to it.

SQLite by default (a file in the user data folder), PostgreSQL when several officers share data.
Sessions are short: one unit of work per operation (``with db.session() as s: ...``), and the
front ends receive plain rows, never live ORM objects.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from . import audit  # noqa: F401 - registers the change-log hooks on every session
from .i18n import tr

ENV_URL = "BDCQ_DATABASE_URL"
DB_FILENAME = "bcd.sqlite3"


def data_dir() -> Path:
    """The user data folder (created on demand), overridable by ``BDCQ_DATA_DIR``."""
    override = os.environ.get("BDCQ_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path("bdcq-desktop", "BCD", roaming=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_sqlite_path() -> Path:
    return data_dir() / DB_FILENAME


def resolve_url(db_path: str | os.PathLike[str] | None = None) -> str:
    """``--db PATH`` wins, then ``BDCQ_DATABASE_URL``, then the default SQLite file."""
    if db_path:
        text = str(db_path)
        if "://" in text:
            return text
        return "sqlite:///" + str(Path(text).expanduser().resolve())
    env = os.environ.get(ENV_URL)
    if env:
        return env
    return "sqlite:///" + str(default_sqlite_path())


def is_network_path(path: str) -> bool:
    """True for a UNC path or (on Windows) a mapped network drive: SQLite's locking is not safe
    there, so several officers must share a PostgreSQL server instead."""
    if path.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32" and len(path) >= 2 and path[1] == ":":
        import ctypes

        drive_remote = 4
        root = path[:2] + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(root) == drive_remote)  # type: ignore[attr-defined]
    return False


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    # WAL lets the GUI read while a background job writes; synchronous=FULL keeps the last
    # commits across a power cut (the meeting-room laptop runs on battery).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


@dataclass
class Database:
    """An engine plus a session factory for one database URL."""

    url: str
    engine: Engine = field(init=False)
    warnings: list[str] = field(default_factory=list)
    _factory: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        parsed = make_url(self.url)
        if parsed.get_backend_name() == "sqlite":
            path = parsed.database or ""
            if path and path != ":memory:":
                if is_network_path(path):
                    self.warnings.append(
                        tr(
                            "Tệp dữ liệu nằm trên ổ mạng: SQLite không an toàn khi dùng chung qua "
                            "mạng. Hãy dùng máy chủ PostgreSQL để nhiều người cùng làm việc."
                        )
                    )
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # File databases need no pool: opening a SQLite connection is cheap, and a pooled
            # connection left open would keep the WAL from being checkpointed on exit.
            self.engine = create_engine(self.url, poolclass=NullPool)
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            if parsed.drivername == "postgresql":
                self.url = parsed.set(drivername="postgresql+psycopg").render_as_string(
                    hide_password=False
                )
            self.engine = create_engine(self.url, pool_pre_ping=True)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        name = make_url(self.url).database
        return Path(name) if name and name != ":memory:" else None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any error."""
        s = self._factory()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    db_path: str | os.PathLike[str] | None = None, *, migrate: bool = True
) -> Database:
    """Open (and by default create or upgrade) the database the user asked for."""
    db = Database(resolve_url(db_path))
    if migrate:
        from .migrate import ensure_current

        ensure_current(db)
    return db
