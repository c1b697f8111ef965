"""The gate between a database's sessions and the replacement of its file (a restore).

Apart from :mod:`.engine` (whose :class:`.engine.Database` holds one) because it is a thing of
its own: threads and a condition, no SQL. Below the engine: it imports only the wait for a
busy file, the error and the translation.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import BcdError
from .i18n import tr
from .sqlite_file import BUSY_TIMEOUT_S


class SessionGate:
    """Sessions pass it together; the replacement of the database's file (a restore, run off
    the GUI thread) passes it alone. A session asked for meanwhile waits for the new file:
    one committed between the restore's copy of the current state and the replacement would
    be in neither. Once the replacement waits, new sessions wait behind it (saves in a loop
    would otherwise keep it waiting for ever), except in a thread that has one open already
    (a core call within another), and in the thread holding it alone (the copy counts the
    records it keeps)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._open: dict[int, int] = {}  # sessions open, by thread
        self._waiting = 0  # replacements waiting
        self._alone: int | None = None  # the thread holding it alone

    @contextmanager
    def shared(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            self._changed.wait_for(
                lambda: (
                    me in self._open
                    or self._alone == me
                    or (self._alone is None and not self._waiting)
                )
            )
            self._open[me] = self._open.get(me, 0) + 1
        try:
            yield
        finally:
            with self._changed:
                self._open[me] -= 1
                if not self._open[me]:
                    del self._open[me]
                self._changed.notify_all()

    @contextmanager
    def alone(self) -> Iterator[None]:
        """Once every session open has ended (never asked from inside one: it would wait
        for itself); refused if they have not within SQLite's own wait for a busy file."""
        with self._changed:
            self._waiting += 1
            try:
                free = self._changed.wait_for(
                    lambda: self._alone is None and not self._open, BUSY_TIMEOUT_S
                )
            finally:
                self._waiting -= 1
            if not free:
                self._changed.notify_all()  # the sessions held back behind it go on
                raise BcdError(
                    tr(
                        "Cơ sở dữ liệu đang bận (một thao tác khác chưa xong): chưa thay được "
                        "dữ liệu. Hãy thử lại sau ít phút."
                    )
                )
            self._alone = threading.get_ident()
        try:
            yield
        finally:
            with self._changed:
                self._alone = None
                self._changed.notify_all()
