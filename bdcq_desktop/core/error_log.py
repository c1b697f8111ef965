"""``errors.log`` in the data folder: the tracebacks of errors nothing caught (a defect, not a
refusal of the core), for whoever looks after the install. The window (ui/unexpected.py) and
the command line (cli.py) write to it and tell the officer, in Vietnamese, where it is.

Each error is written once per program run (one raised on every paint would otherwise fill the
disk), and the file is kept under :data:`LOG_BYTES`: past it, the file moves to
``errors.log.1`` (the one before is dropped), so the two never hold much more than twice it.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from pathlib import Path

LOG_NAME = "errors.log"
LOG_BYTES = 512 * 1024  # then errors.log.1 takes it; at most twice this on disk


def describe(error: BaseException) -> str:
    """The error for the officer: its words, or its kind when it has none (or when saying
    them fails: a defect may be in the error itself)."""
    try:
        return str(error) or type(error).__name__
    except Exception:
        return type(error).__name__


class ErrorLog:
    """The log of one program run; the file is opened with the first error written."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._written: set[str] = set()
        self._logger: logging.Logger | None = None

    def path(self) -> Path:
        """Where the log is (the data folder is made if it is missing)."""
        if self._path is None:
            from .sqlite_file import data_dir

            self._path = data_dir() / LOG_NAME
        return self._path

    def write_exception(self, error: BaseException) -> Path | None:
        return self.write("".join(traceback.format_exception(error)))

    def write(self, text: str) -> Path | None:
        """Append ``text`` (once a run); where the log is, None if it cannot be written (no
        data folder, a full disk): the caller then says what it can without it."""
        try:
            path = self.path()
            if self._logger is None:
                handler = _handler(path)
                handler.setFormatter(logging.Formatter("--- %(asctime)s\n%(message)s"))
                # A logger of its own (not a child of the root): nothing else of the process
                # writes to the file, and it writes nowhere else.
                self._logger = logging.Logger(f"bdcq_desktop.errors.{id(self)}")
                self._logger.addHandler(handler)
            if text not in self._written:
                self._logger.error(text.rstrip())
                self._written.add(text)
        except Exception:
            self.close()  # a full disk, a rotation refused: the next error tries afresh
            return None
        return path

    def close(self) -> None:
        if self._logger is not None:
            for handler in self._logger.handlers[:]:
                self._logger.removeHandler(handler)
                with contextlib.suppress(OSError):  # it flushes: fails again on a full disk
                    handler.close()
            self._logger = None


def _handler(path: Path) -> logging.Handler:
    # Imported with the first error, not at every start (socket, pickle: 30 ms).
    from logging.handlers import RotatingFileHandler

    class Handler(RotatingFileHandler):
        def handleError(self, record: logging.LogRecord) -> None:
            # logging would print its own traceback to stderr (on the officer's screen) and
            # go on as if written: the caller is told instead, and says it was not.
            raise  # called from emit's except clause: the error in hand

    return Handler(path, maxBytes=LOG_BYTES, backupCount=1, encoding="utf-8")
