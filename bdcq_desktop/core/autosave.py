"""A debounced autosave queue with one worker thread (no Qt: the GUI and tests use it alike).

``submit(key, text)`` is called on every keystroke and returns at once with a sequence number;
the worker saves the latest text of each key once typing pauses for ``delay`` seconds, and at
the latest ``max_delay`` seconds after the first unsaved keystroke (someone typing without a
pause is saved too). ``save_soon()`` makes everything pending due at once without waiting
for it (a focus change). Texts of one key coalesce: only the last one submitted is saved (the
last writer per key wins), and saves of one key never overtake each other. ``flush()`` saves
everything pending now and waits for it (call it when the focus leaves the editor or the
agenda item changes, and before closing).

``on_saved(key, seq, result)`` runs on the worker thread *after* the save function returned,
that is after its transaction committed: a text reported saved is on disk. A GUI hands it on to
its own thread (a queued signal). ``on_error(key, seq, exc)`` reports a failed save: a refusal
(:class:`.errors.BcdError`: minutes issued, meeting cancelled) drops that text, since saving it
again cannot succeed and the editor still shows it; any other error (the database busy or
unreachable) keeps it pending and tries again after ``retry_delay``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from .errors import BcdError

SaveFunction = Callable[[Hashable, str], Any]
SavedCallback = Callable[[Hashable, int, Any], None]
ErrorCallback = Callable[[Hashable, int, BaseException], None]


@dataclass
class _Pending:
    text: str
    seq: int
    first_at: float  # the first keystroke not saved yet
    last_at: float  # the latest keystroke
    not_before: float = 0.0  # a retry waits until then


class Autosaver:
    def __init__(
        self,
        save: SaveFunction,
        *,
        delay: float = 0.6,
        max_delay: float = 1.5,
        retry_delay: float = 1.0,
        on_saved: SavedCallback | None = None,
        on_error: ErrorCallback | None = None,
        name: str = "autosave",
    ) -> None:
        self._save = save
        self.delay = delay
        self.max_delay = max_delay
        self.retry_delay = retry_delay
        self._on_saved = on_saved
        self._on_error = on_error
        self._cond = threading.Condition()
        self._pending: dict[Hashable, _Pending] = {}
        self._busy: Hashable | None = None  # the key being saved right now
        self._busy_any = False
        self._seq = 0
        self._flushing = 0
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    # --- the GUI thread's side ----------------------------------------------------------------

    def submit(self, key: Hashable, text: str) -> int:
        """Queue ``text`` as the latest of ``key``; returns its sequence number."""
        now = time.monotonic()
        with self._cond:
            if self._closed:
                raise RuntimeError("autosave queue closed")
            self._seq += 1
            old = self._pending.get(key)
            first = old.first_at if old is not None else now
            self._pending[key] = _Pending(text, self._seq, first, now)
            self._cond.notify_all()
            return self._seq

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Save everything pending now and wait until it is saved (or failed); False if
        ``timeout`` passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            self._flushing += 1
            self._cond.notify_all()
            try:
                while self._pending or self._busy_any:
                    left = None if deadline is None else deadline - time.monotonic()
                    if left is not None and left <= 0:
                        return False
                    self._cond.wait(left)
                return True
            finally:
                self._flushing -= 1

    def save_soon(self) -> None:
        """Save everything pending now, without waiting for it (the focus left the editor, the
        agenda item changed): returns at once, so the GUI thread never waits for a save."""
        now = time.monotonic()
        with self._cond:
            for p in self._pending.values():
                p.first_at = min(p.first_at, now - self.max_delay)
            self._cond.notify_all()

    def pending(self) -> int:
        """How many keys have text not saved yet (a status bar's "đang lưu…")."""
        with self._cond:
            return len(self._pending) + (1 if self._busy_any else 0)

    def close(self, timeout: float | None = 10.0) -> bool:
        """Flush, then stop the worker; True when everything was saved."""
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return done and not self._pending

    # --- the worker ---------------------------------------------------------------------------

    def _due(self, now: float) -> tuple[Hashable | None, float | None]:
        """The key to save now, or how long to wait for the next one."""
        wait: float | None = None
        for key, p in self._pending.items():
            if p.not_before > now:
                at = p.not_before
            elif self._flushing or self._closed:
                return key, None
            else:
                at = min(p.last_at + self.delay, p.first_at + self.max_delay)
            if at <= now:
                return key, None
            wait = at - now if wait is None else min(wait, at - now)
        return None, wait

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    if self._closed and not self._pending:
                        return
                    key, wait = self._due(time.monotonic())
                    if key is not None:
                        break
                    if self._closed:  # only retries left, and nobody waits for them
                        return
                    self._cond.wait(wait)
                item = self._pending.pop(key)
                self._busy, self._busy_any = key, True
            try:
                result = self._save(key, item.text)
            except BaseException as exc:  # reported, never lost silently
                self._failed(key, item, exc)
            else:
                if self._on_saved is not None:
                    self._call(self._on_saved, key, item.seq, result)
            finally:
                with self._cond:
                    self._busy, self._busy_any = None, False
                    self._cond.notify_all()

    def _failed(self, key: Hashable, item: _Pending, exc: BaseException) -> None:
        if self._on_error is not None:
            self._call(self._on_error, key, item.seq, exc)
        if isinstance(exc, BcdError):
            return
        with self._cond:
            if key not in self._pending:  # nothing newer typed meanwhile: try this one again
                item.not_before = time.monotonic() + self.retry_delay
                self._pending[key] = item

    @staticmethod
    def _call(callback: Callable[..., None], *args: Any) -> None:
        # A broken callback must not stop the saving.
        with contextlib.suppress(Exception):
            callback(*args)
