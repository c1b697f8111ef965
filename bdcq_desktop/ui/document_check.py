"""The self-test's document check (:mod:`bdcq_desktop.documents.self_check`) run in a second
process, started before the window's checks and awaited after them: it needs neither Qt nor
the database, so the two halves of the self-test use both cores of the machine.

The second process is this same program (the interpreter with ``-m bdcq_desktop``, or the
bundle's executable, which has no ``-m``) with the hidden argument ``--self-test-document``;
a bundle missing the document engine or its fonts fails it exactly as it would fail here.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

# Read by bdcq_desktop/__main__.py before it imports anything else.
FLAG = "--self-test-document"
# The child's verdict when the document was drawn (documents/self_check.py writes it).
DRAWN = "drawn"
# Seconds the check may still take once the window's checks are done (it needs about half a
# second of one core).
TIMEOUT = 120


def child_command() -> list[str]:
    """This program, started again for the document check."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: its executable is the program
        return [sys.executable, FLAG]
    return [sys.executable, "-m", "bdcq_desktop", FLAG]


class DocumentCheck:
    """The document check, running from construction; :meth:`problem` waits for its verdict.
    A process that cannot be started at all runs the same check in this one instead."""

    def __init__(self, folder: Path, command: Sequence[str] | None = None) -> None:
        self.result = folder / "document-check.txt"
        self.log = folder / "document-check.log"
        self.start_error: OSError | None = None
        self.process: subprocess.Popen[bytes] | None = None
        try:
            with open(self.log, "wb") as log:  # the child's traceback, if it has one
                self.process = subprocess.Popen(
                    [*(child_command() if command is None else command), str(self.result)],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    # No console window flashing up from a GUI program on Windows.
                    creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
                )
        except OSError as exc:
            self.start_error = exc

    def problem(self) -> str | None:
        """What is wrong with the document, or with the check's process; None if drawn."""
        if self.process is None:
            from ..documents.self_check import sample_problem

            return sample_problem()
        try:
            code = self.process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.cancel()
            return f"the check process did not finish within {TIMEOUT} s"
        verdict = self._read(self.result)
        if code == 0 and verdict == DRAWN:
            return None
        if code == 1 and verdict:
            return verdict
        last = self._read(self.log).splitlines()[-1:]
        return f"the check process ended with code {code}" + (f": {last[0]}" if last else "")

    def cancel(self) -> None:
        """Stop the check (the self-test ends early); its files can then be removed."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    @staticmethod
    def _read(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""
