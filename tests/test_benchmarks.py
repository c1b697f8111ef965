"""The benchmark suite works: ``python -m benchmarks --quick`` (tiny data, one repetition) runs
every benchmark as a real subprocess and writes a results table with every row.

Proves the instrument only; no figure is asserted (timings on a shared machine mean nothing).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.suites import ROW_KEYS

pytestmark = [pytest.mark.benchmark, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent


def test_quick_mode_writes_every_row(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--output", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert "QUICK MODE" in text
    assert "CPUs" in text and "Python" in text and "Qt " in text  # the machine is named
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| id | measure | ours | baseline |")
    rows = {line.split("|")[1].strip(): line for line in table[1:]}
    assert list(rows) == ROW_KEYS
    for key, line in rows.items():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        ours, baseline, ratio = cells[2], cells[3], cells[5]
        assert ours.endswith(("ms", "MiB", "KiB", "objects")), (key, line)
        # Every row has its baseline and ratio, except a comparison whose tool is missing.
        if not cells[8].startswith("skipped"):
            assert baseline.endswith(("ms", "MiB", "KiB", "objects")), (key, line)
            assert ratio.endswith("×"), (key, line)
        assert cells[7] != "error", (key, line)
