"""The engine of one database: where it lives, its URL, and its connections.

The lowest layer of the storage modules: :mod:`.migrate` and :mod:`.backup` build on it, and
:mod:`.db` (which opens a database for the front ends) on them, so imports only point one way.
Sessions are short: one unit of work per operation (``with db.session() as s: ...``), and the
front ends receive plain rows, never live ORM objects.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DisconnectionError,
    IntegrityError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from . import audit  # noqa: F401 - registers the change-log hooks on every session
from .errors import BcdError
from .files import os_error, resolved
from .i18n import tr
from .read_scope import is_reading
from .server_choice import remembered_server
from .server_wait import NO_ANSWER_LIMIT, bound_waits  # noqa: F401 - the lift, used by jobs
from .session_gate import SessionGate
from .sqlite_file import (  # noqa: F401 - where the rest of the core looks for them
    BUSY_TIMEOUT_S,
    DB_FILENAME,
    ENV_URL,
    URL_RE,
    data_dir,
    default_sqlite_path,
    read_only_uri,
)
from .storage_errors import integrity_error, storage_error

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
# How long a PostgreSQL server may take over one statement (and the network over one packet)
# before the wait is given up (see _server_limits; this client waits a second more, for a
# server frozen outright: .server_wait): longer than a lock is waited for (BUSY_TIMEOUT_S,
# 10 s: a save behind another officer's is said to be locked, not the server silent), short
# enough that the window is not frozen for long. A job that may run longer on ten years of
# data lifts it for its own transaction (NO_ANSWER_LIMIT).
SERVER_ANSWER_S = 12.0
# What a read-only database still runs; anything else is refused before it reaches SQLite.
_READ_VERBS = ("SELECT", "PRAGMA", "WITH", "EXPLAIN")


class ReadOnlyError(BcdError):
    """A write was attempted on a database opened read-only."""


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """The URL of a SQLite file, its characters quoted so the path comes back unchanged."""
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def shown_url(url: str) -> str:
    """A database's address as it is shown (the window's status bar, ``bdcq init``): a
    server's password masked (``postgresql+psycopg://bdcq:***@host/bcd``), so it lands in no
    screenshot sent to support, terminal scrollback or set-up script's log."""
    return make_url(url).render_as_string(hide_password=True)


def _checked_url(text: str) -> str:
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise BcdError(tr("Địa chỉ cơ sở dữ liệu không hợp lệ: {url}").format(url=text)) from None
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise BcdError(
            tr(
                "Không hỗ trợ cơ sở dữ liệu {kind}: chỉ dùng được SQLite (tệp) hoặc PostgreSQL."
            ).format(kind=parsed.get_backend_name())
        )
    return text


def resolve_url(db_path: str | os.PathLike[str] | None = None) -> str:
    """``--db PATH`` wins, then ``BDCQ_DATABASE_URL``, then the shared server this computer
    remembers (:mod:`.server_choice`; its URL without the password, which only opening it
    adds), then the default SQLite file.

    A value is a URL only when it starts with a scheme (``postgresql://…``); anything else is
    a file path, taken literally. An empty value is refused rather than silently replaced by
    the default database.
    """
    if db_path is not None:
        text = str(db_path)
        if not text.strip():
            raise BcdError(tr("Đường dẫn cơ sở dữ liệu (--db) trống."))
        if URL_RE.match(text):
            return _checked_url(text)
        return sqlite_url(resolved(text, tr("cơ sở dữ liệu")))
    env = os.environ.get(ENV_URL)
    if env:
        return _checked_url(env)
    server = remembered_server()
    if server is not None:
        return server.url()
    return sqlite_url(default_sqlite_path())


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


def is_read_only(path: Path) -> bool:
    """True when SQLite could read ``path`` but not write it: the file, or the folder where its
    journal files (-wal, -shm) go, cannot be written (permissions, a read-only disk, the
    immutable attribute)."""
    if not path.is_file():
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _file_id(path: Path) -> tuple[int, int]:
    """What tells one file from another at the same path: a file put in its place (a copy
    from a stick, a restore by another program) has another inode, or file index on Windows."""
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    # The wait for another program's lock first: switching to WAL needs the lock too, and
    # before it the driver's own 5 s applied, so a locked file kept a command waiting the
    # driver's wait and then ours.
    cur.execute(f"PRAGMA busy_timeout={round(BUSY_TIMEOUT_S * 1000)}")
    # WAL lets the GUI read while a background job writes; synchronous=FULL keeps the last
    # commits across a power cut (the meeting-room laptop runs on battery).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _read_only_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={round(BUSY_TIMEOUT_S * 1000)}")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def _weakly(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method``, a bound method of a :class:`Database`, as an engine listener that does not
    keep the Database alive (see the finalizer in ``Database.__post_init__``). Its engine used
    after the Database has gone is refused: the listeners' checks (the file still there, still
    the same, still writable) could no longer run, and a connection would create an empty file
    in place of a missing one."""
    ref = weakref.WeakMethod(method)  # type: ignore[arg-type]

    def listener(*args: Any) -> Any:
        bound = ref()
        if bound is None:
            raise RuntimeError("the engine of a Database that has been freed was used")
        return bound(*args)

    return listener


def _server_limits(url: str) -> dict[str, Any]:
    """How long a client of a PostgreSQL server waits, so one officer's frozen PC (asleep, or
    off the network, in the middle of a save or an issue) does not hold the others: without
    these, a save of the same record or a number of the same series waited for the server to
    give up on it, about two hours, the window frozen, nothing said (an audit: still waiting
    after 20 s, 30 s). A lock waited for as long as SQLite waits for a busy file, then the
    save refused as locked; a transaction left idle by a client ended after a minute, its
    locks freed; a new connection to a server that does not answer given up in seconds.

    And how long this client waits for the server, the GUI thread's saves and reads frozen
    meanwhile (an audit: a stalled server froze the window for as long as it stalled): a
    statement the server has not finished in :data:`SERVER_ANSWER_S` is cancelled by it, and
    a connection whose packets go unacknowledged that long (the network gone) is dropped, each
    said as a server that does not answer, the form keeping what was typed. A server whose
    processes are frozen outright (its machine still acknowledging) is bounded by the client
    itself (:func:`.server_wait.bound_waits`): a pooled connection's check, then a new
    connection given ``connect_timeout``, about ten seconds in all."""
    parsed = make_url(url)
    if parsed.get_driver_name() != "psycopg":
        return {}
    wait_ms = int(BUSY_TIMEOUT_S * 1000)
    answer_ms = int(SERVER_ANSWER_S * 1000)
    limits = (
        f"-c lock_timeout={wait_ms} -c statement_timeout={answer_ms}"
        " -c idle_in_transaction_session_timeout=60000"
    )
    # These arguments replace the URL's own: its options (a schema chosen with
    # ``?options=-csearch_path=…``) are kept before ours, and a limit it sets wins.
    given = parsed.query
    own = given.get("options")
    own = " ".join(own) if isinstance(own, tuple) else own
    args: dict[str, Any] = {"options": f"{own} {limits}" if own else limits}
    defaults = {
        # Also what a save waits, after a pooled connection's check (server_wait.PING_S, 3 s)
        # failed, for a server frozen outright: 10 s in all.
        "connect_timeout": 7,
        # A pooled connection idle for 10 s is probed, and dropped once 15 s of probes (or of
        # a save's packets) go unanswered: an officer's next Lưu after a cable was pulled or
        # the Wi-Fi lost learns it then, not after the system's quarter of an hour.
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": answer_ms,
    }
    args.update({k: v for k, v in defaults.items() if k not in given})
    return args


@dataclass
class Database:
    """An engine plus a session factory for one database URL."""

    url: str
    engine: Engine = field(init=False)
    warnings: list[str] = field(default_factory=list)
    read_only: bool = False
    # Why it was opened read-only when its file could be written (the office's server out of
    # reach, its local data opened to look at): said instead of the file's permissions.
    read_only_reason: str | None = None
    _factory: sessionmaker[Session] = field(init=False)
    _file: Path | None = field(init=False, default=None)
    _opened: bool = field(init=False, default=False)
    _gate: SessionGate = field(init=False, default_factory=SessionGate)

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
                self._prepare_sqlite_file(Path(path))
            # Connections are pooled: opening one and running its pragmas costs a millisecond,
            # up to ten on a busy PC, on every core call (every list). A pooled connection is
            # idle between calls (rolled back when returned, so it holds no snapshot and
            # checkpoints proceed); the GUI's worker thread and its main thread take turns
            # with them (check_same_thread off). dispose() closes them, which checkpoints the
            # WAL: the storage code calls it before a file is replaced, and the finalizer
            # below at exit or when the Database is dropped.
            if self.read_only:
                uri = read_only_uri(Path(path))
                self.engine = create_engine(
                    "sqlite://",
                    poolclass=QueuePool,
                    creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
                )
                event.listen(self.engine, "connect", _read_only_pragmas)
                event.listen(self.engine, "before_cursor_execute", _weakly(self._refuse_writes))
            else:
                self.engine = create_engine(
                    self.url,
                    poolclass=QueuePool,
                    connect_args={"check_same_thread": False},
                )
                event.listen(self.engine, "connect", _sqlite_pragmas)
                if path and path != ":memory:":
                    self._file = Path(path)
                    event.listen(self.engine, "do_connect", _weakly(self._no_new_empty_file))
                    event.listen(self.engine, "connect", _weakly(self._note_file))
                    event.listen(self.engine, "checkout", _weakly(self._same_writable_file))
            # The finalizer holds the engine; the listeners above hold this Database only
            # weakly (_weakly), or it could never be dropped: every Database opened in a
            # session (a restore's staging copy, the file it replaced) stayed in memory.
            weakref.finalize(self, self.engine.dispose)
        else:
            if parsed.drivername == "postgresql":
                self.url = parsed.set(drivername="postgresql+psycopg").render_as_string(
                    hide_password=False
                )
            self.engine = create_engine(
                self.url, pool_pre_ping=True, connect_args=_server_limits(self.url)
            )
            if make_url(self.url).get_driver_name() == "psycopg":
                bound_waits(self.engine, SERVER_ANSWER_S)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    def _prepare_sqlite_file(self, path: Path) -> None:
        """Create the folder of a new database; notice a file that can only be read."""
        if path.exists() and not path.is_file():
            raise BcdError(
                tr("Không mở được cơ sở dữ liệu {path}: đây không phải một tệp.").format(path=path)
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(exc, path, tr("cơ sở dữ liệu")) from None
        if is_read_only(path):
            self.read_only = True
            self.warnings.append(
                tr(
                    "Tệp dữ liệu {path} chỉ đọc được (tệp hoặc thư mục chứa nó không ghi được): "
                    "mở ở chế độ chỉ xem, mọi thay đổi sẽ bị từ chối."
                ).format(path=path)
            )

    def _note_file(self, dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
        assert self._file is not None
        writable = record.info["writable"] = not is_read_only(self._file)
        record.info["file_id"] = _file_id(self._file)
        self._opened = True
        record.info["new"] = True
        if not writable:
            # Read-only now (a write-protected stick, a share turned read-only): SQLite could
            # still write the log files already there, so this connection writes nothing.
            dbapi_conn.execute("PRAGMA query_only=ON")

    def _same_writable_file(self, dbapi_conn, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        """A kept connection serves a call only while it is still on the file at the path and
        the file is as writable as when it was opened; otherwise the pool opens a new one,
        which meets the file as it is now (turned read-only: saves refused as read-only;
        writable again: saves go through; replaced by another program: the new file is
        used). A kept connection's open handle outlives a rename or a deletion, so without
        this check saves would go on into a file nobody can see any more. Three system calls
        per call."""
        if record.info.pop("new", False):
            return
        assert self._file is not None
        try:
            now = _file_id(self._file)
        except FileNotFoundError:
            raise self._missing_file() from None
        if record.info.get("file_id") != now:
            # The log (-wal) beside the path still holds the old file's last pages, and SQLite
            # leaves it there when it closes a file that was moved: a connection to the new
            # file would read those pages as its own. So this connection, still on the old
            # file, folds the log into it and empties it; then every kept connection, all on
            # the old file, is closed, and the pool opens one on the new file.
            # If it is busy, a connection on the new file meets the log as SQLite left it.
            with suppress(sqlite3.Error):
                dbapi_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.engine.pool.dispose()
            raise DisconnectionError
        if record.info.get("writable") != (not is_read_only(self._file)):
            raise DisconnectionError

    def _missing_file(self) -> BcdError:
        return BcdError(
            tr(
                "Tệp dữ liệu {path} không còn ở chỗ cũ (đã bị xóa, đổi tên hoặc di chuyển bởi "
                "chương trình khác): không đọc, ghi được. Hãy đặt lại tệp rồi làm lại, hoặc mở "
                "tệp khác."
            ).format(path=self._file)
        )

    def _no_new_empty_file(self, _dialect, record, _cargs, _cparams) -> None:  # type: ignore[no-untyped-def]
        """Once the database has been opened, a new connection must find its file: SQLite
        would otherwise create an empty one in its place, and the next call would meet a
        database without tables (or, worse, a save would start a new one)."""
        assert self._file is not None
        if self._opened and not self._file.exists():
            raise self._missing_file()

    def read_only_message(self) -> str:
        if self.read_only_reason:
            return self.read_only_reason
        return tr(
            "Cơ sở dữ liệu {path} đang mở ở chế độ chỉ đọc (tệp hoặc thư mục chứa nó không ghi "
            "được): không thể lưu thay đổi. Hãy chép tệp sang thư mục ghi được rồi mở lại."
        ).format(path=self.sqlite_path)

    def _refuse_writes(self, _conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if verb not in _READ_VERBS:
            raise ReadOnlyError(self.read_only_message())

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if make_url(self.url).get_backend_name() != "sqlite":
            return None
        name = make_url(self.url).database
        return Path(name) if name and name != ":memory:" else None

    def require_writable(self) -> None:
        """Refuse an operation that would write, on a database opened read-only."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_message())

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any error. It waits while
        the file is being replaced (:meth:`replacing`)."""
        with self._gate.shared():
            s = self._factory()
            try:
                yield s
                s.commit()
            except OperationalError as exc:  # locked, disk full, server gone: said in Vietnamese
                s.rollback()
                server = None if self.is_sqlite else self.url
                saving = not is_reading()
                raise storage_error(exc, server, saving=saving, path=self.sqlite_path) from exc
            except IntegrityError as exc:  # another officer's delete or save got in first
                s.rollback()
                raise integrity_error(exc) from exc
            except DatabaseError as exc:  # a SQLite file damaged while open: said, no traceback
                s.rollback()
                if not self.is_sqlite:
                    raise
                saving = not is_reading()
                raise storage_error(exc, saving=saving, path=self.sqlite_path) from exc
            except BaseException:
                s.rollback()
                raise
            finally:
                s.close()

    @contextmanager
    def replacing(self) -> Iterator[None]:
        """While the database's file is replaced: no session of this Database is open, and
        those asked for wait until it is done."""
        with self._gate.alone():
            yield

    def dispose(self) -> None:
        self.engine.dispose()
