"""How long this client waits for a PostgreSQL server that cannot say it is stuck.

The server bounds its own work (statement_timeout, lock_timeout: ``engine._server_limits``)
and TCP bounds a network that drops packets (tcp_user_timeout, keepalives). Neither helps
when the server's processes are frozen while its machine still acknowledges every packet
(stopped, swapping, a hung disk under it, a paused virtual machine): the window waited for as
long as the server was frozen (measured: a save still blocked after 60 s, the officer taking
the window for crashed and killing it, the typing lost).

So each wait of a connection for its server is bounded here as well: a pooled connection's
check before it is used (SQLAlchemy's pre-ping, ``SELECT 1``) :data:`PING_S`, anything else
a little longer than the server's own limit on a statement (so a server that is alive always
answers first, with its own refusal). Past it a watchdog thread shuts the connection's socket
down, which ends the wait at once, and the call fails as a server that does not answer: the
save rolled back, the form keeping what was typed. A pooled connection that failed its check
is replaced by a new one (only its backend stuck: the call goes on; the whole server stuck:
the connection's own ``connect_timeout`` ends it), so the officer is told within about
:data:`PING_S` plus that timeout.

A transaction that lifts the server's limit (:data:`NO_ANSWER_LIMIT`: a migration, the
meeting room's copy) lifts this one too, until its connection goes back to the pool.
"""

from __future__ import annotations

import itertools
import socket
import threading
import time
from functools import cache
from typing import Any

from sqlalchemy import Engine, event

# What a transaction runs to lift the server's limit on its statements (engine.SERVER_ANSWER_S).
NO_ANSWER_LIMIT = "SET LOCAL statement_timeout = 0"
# How long a pooled connection's check before use may take: ``SELECT 1`` needs no lock and
# takes a millisecond on an office network; a connection that fails it is only replaced.
PING_S = 3.0
# How much longer than the server's own limit a statement is waited for: the server's
# cancellation ("statement timeout") has time to arrive, said as it is.
GRACE_S = 1.0
# The driver's error text for a wait given up here (storage_errors says it in Vietnamese).
NO_ANSWER = "no answer from the server within"


def _cut(fd: int) -> None:
    """Shut the socket ``fd`` down, so that a wait on it ends (the driver reads the end of
    the connection). The descriptor itself is left open: it is its connection's to close."""
    try:
        sock = socket.socket(fileno=fd)
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.detach()


class _Watchdog:
    """One thread for every connection of the process: it sleeps until the soonest deadline
    armed and cuts the socket of a wait still armed then. A deadline is cut under the same
    lock as it is disarmed, so a socket is never shut down after its wait has ended (its
    descriptor may by then be another file's)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._armed: dict[int, tuple[float, int]] = {}  # token: (deadline, socket)
        self._fired: set[int] = set()
        self._tokens = itertools.count()
        self._wake_at: float | None = None  # when the thread wakes next (None: when told)
        self._thread: threading.Thread | None = None

    def arm(self, fd: int, seconds: float) -> int:
        deadline = time.monotonic() + seconds
        with self._changed:
            token = next(self._tokens)
            self._armed[token] = (deadline, fd)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="bdcq-server-wait", daemon=True
                )
                self._thread.start()
            if self._wake_at is None or deadline < self._wake_at:
                self._changed.notify()
            return token

    def disarm(self, token: int) -> bool:
        """Whether the wait of ``token`` was cut."""
        with self._changed:
            self._armed.pop(token, None)
            if token in self._fired:
                self._fired.discard(token)
                return True
            return False

    def _run(self) -> None:
        with self._changed:
            while True:
                now = time.monotonic()
                for token, (deadline, fd) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[token]
                        self._fired.add(token)
                        _cut(fd)
                self._wake_at = min((d for d, _ in self._armed.values()), default=None)
                self._changed.wait(None if self._wake_at is None else self._wake_at - now)


_WATCHDOG = _Watchdog()


@cache
def _bounded_class() -> type:
    """psycopg's connection whose waits for the server are bounded; made when first needed,
    so that only a start on a server imports psycopg."""
    import psycopg

    class BoundedConnection(psycopg.Connection):  # type: ignore[type-arg]
        answer_s: float | None = None  # a statement's bound; None: not bounded
        limit_s: float | None = None  # the bound of the next wait

        def wait(self, *args: Any, **kwargs: Any) -> Any:
            # Every wait of psycopg for the server on an open connection comes through here
            # (a statement, its results, a commit, a rollback); opening one does not.
            limit = self.limit_s
            if limit is None:
                return super().wait(*args, **kwargs)
            token = _WATCHDOG.arm(self.pgconn.socket, limit)
            try:
                result = super().wait(*args, **kwargs)
            except BaseException as exc:
                if _WATCHDOG.disarm(token) and isinstance(exc, psycopg.Error):
                    self.pgconn.finish()  # closed: the pool replaces it
                    raise psycopg.OperationalError(
                        f"{NO_ANSWER} {limit:g} s: connection closed"
                    ) from exc
                raise
            _WATCHDOG.disarm(token)
            return result

    return BoundedConnection


def bound_waits(engine: Engine, answer_s: float) -> None:
    """Bound every wait of ``engine``'s psycopg connections for their server: a statement
    ``answer_s`` plus :data:`GRACE_S`, a pooled connection's check :data:`PING_S`."""
    statement_s = answer_s + GRACE_S

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        conn = _bounded_class().connect(*cargs, **cparams)
        conn.answer_s = conn.limit_s = statement_s
        return conn

    @event.listens_for(engine, "checkin")
    def _idle(dbapi_conn: Any, _record: Any) -> None:
        if dbapi_conn is not None and hasattr(dbapi_conn, "limit_s"):
            dbapi_conn.limit_s = PING_S  # its next wait: the check before it is used again

    @event.listens_for(engine, "checkout")
    def _in_use(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        dbapi_conn.limit_s = dbapi_conn.answer_s

    @event.listens_for(engine, "before_cursor_execute")
    def _lifted(_conn: Any, cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.strip() == NO_ANSWER_LIMIT:
            cursor.connection.limit_s = None
