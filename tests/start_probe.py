"""A whole start of ``bdcq-desktop`` in a process of its own, timed by the start-up probe
(``BDCQ_EXIT_AFTER_SHOWN``, :mod:`bdcq_desktop.ui.startup_probe`): what it printed, line by
line, as (name, value) pairs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def probed_start(db_path: Path, timeout: float = 300) -> list[tuple[str, str]]:
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop", "--db", str(db_path)],
        capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "BDCQ_EXIT_AFTER_SHOWN": "1",
             "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return [tuple(line.split(maxsplit=1)) for line in out.stdout.splitlines()]  # type: ignore[misc]
