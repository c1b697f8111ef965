"""The command line's own stdout and stderr, made safe for Vietnamese wherever they go.

On Windows, Python writes a console in UTF-16 (every letter shows), but a redirected stream
(``bdcq reports list --format csv > ds.csv``, a pipe into another program) in the ANSI code
page: cp1258 or cp1252 on an office PC, where "ơ", "ư", "ế" do not exist, so the first row
with one ended the command with exit 70 and an empty file. A stream that is not a console is
therefore written in UTF-8 whatever the code page (``PYTHONIOENCODING`` included: it is how the
ANSI default is simulated elsewhere); a console keeps its encoding, a character it cannot show
printed as "?" rather than stopping the command.

A CSV written to a new file (``> ds.csv``) starts with a byte-order mark, so that Excel, which
reads a CSV without one in the ANSI code page, opens the Vietnamese right; ``roster_files``
writes its own CSV files the same way. A pipe gets none: the program reading it (a script,
``csv`` in Python, ``findstr``) would take the mark for part of the first header. Appended to
a file that has content (``>>``), a mark would land in the middle: none either.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from typing import Any


def _is_console(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _is_utf(encoding: str | None) -> bool:
    return (encoding or "").lower().replace("_", "-").startswith("utf")


def _reconfigure(stream: Any, **kwargs: str) -> None:
    # Only a real text stream of the process: an object put in its place (a test's StringIO,
    # an IDE's console) is left as it is.
    if isinstance(stream, io.TextIOWrapper):
        with contextlib.suppress(ValueError, OSError, LookupError):
            stream.reconfigure(**kwargs)


def prepare_streams() -> None:
    """Before anything is printed: UTF-8 on stdout and stderr unless they are a console."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if stream is None:  # no console at all (a windowed start)
            continue
        if _is_console(stream):
            if not _is_utf(stream.encoding):
                _reconfigure(stream, errors="replace")
        else:
            _reconfigure(stream, encoding="utf-8", errors=errors)


def _new_file(stream: Any) -> bool:
    """Whether ``stream`` is an empty regular file (``> out.csv``), not a pipe or a console."""
    try:
        st = os.fstat(stream.fileno())
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == 0


def csv_to_new_file(fmt: object) -> None:
    """Once the command line is read: a CSV going into a new file gets the byte-order mark,
    written with the first text (a refusal before any row leaves the file empty)."""
    if fmt != "csv" or sys.stdout is None or _is_console(sys.stdout):
        return
    if _new_file(sys.stdout):
        _reconfigure(sys.stdout, encoding="utf-8-sig", errors="replace")
