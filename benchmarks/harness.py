"""What every benchmark shares: result rows, timing, whole-process runs, the machine's details.

Machines are shared and noisy, so every figure is paired with a baseline measured in the same
run, interleaved with it, and reported as a ratio beside both absolute values.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Row:
    """One line of the results table. ``ratio_max`` / ``abs_max`` are the targets (either)."""

    key: str
    what: str
    ours: float | None
    baseline: float | None
    baseline_what: str
    unit: str = "ms"
    ratio_max: float | None = None
    abs_max: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    @property
    def target(self) -> str:
        parts = []
        if self.ratio_max is not None:
            parts.append(f"≤ {self.ratio_max:g}×")
        if self.abs_max is not None:
            parts.append(f"≤ {self.abs_max:g} {self.unit}")
        return ", ".join(parts) or "—"

    @property
    def verdict(self) -> str:
        if self.ours is None:
            return "skipped" if not self.note.startswith("error") else "error"
        misses = []
        if self.ratio_max is not None and self.ratio is not None and self.ratio > self.ratio_max:
            misses.append("ratio")
        if self.abs_max is not None and self.ours > self.abs_max:
            misses.append("absolute")
        if self.ratio_max is None and self.abs_max is None:
            return "—"
        return "over: " + ", ".join(misses) if misses else "ok"


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if unit != "ms":  # a count
        return f"{value:,.0f} {unit}"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def table(rows: Sequence[Row]) -> str:
    """The results as a Markdown table (also readable as plain text)."""
    lines = [
        "| id | measure | ours | baseline | baseline is | ratio | target | result | notes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        note = " ".join(r.note.split()).replace("|", "/")  # one table cell
        lines.append(
            f"| {r.key} | {r.what} | {fmt(r.ours, r.unit)} | {fmt(r.baseline, r.unit)} | "
            f"{r.baseline_what} | {ratio} | {r.target} | {r.verdict} | {note} |"
        )
    return "\n".join(lines)


def median_ms(fn: Callable[[], Any], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def interleaved(fns: Sequence[Callable[[], Any]], runs: int, warmup: int = 1) -> list[float]:
    """Median milliseconds of each function, run in turn (a, b, a, b, ...) so a burst of load
    on the machine hits them alike."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            times[i].append((time.perf_counter() - start) * 1000)
    return [statistics.median(t) for t in times]


@dataclass
class ProcessRun:
    total_ms: float  # from just before the start to the exit
    events: dict[str, float]  # "name" -> ms after the start, from lines "name <epoch seconds>"
    values: dict[str, str]  # other "name value" lines
    stdout: str


def run_process(
    cmd: Sequence[str], env: dict[str, str], *, cwd: Path | None = None, timeout: float = 600
) -> ProcessRun:
    """Run a whole process; lines ``name <epoch seconds>`` it prints become event times."""
    start = time.time()
    proc = subprocess.run(
        list(cmd), env=env, cwd=cwd or ROOT, capture_output=True, text=True, timeout=timeout
    )
    total = (time.time() - start) * 1000
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd[:4])}… exited {proc.returncode}: {proc.stderr.strip()[-400:]}"
        )
    events: dict[str, float] = {}
    values: dict[str, str] = {}
    for line in proc.stdout.splitlines():
        name, _, value = line.partition(" ")
        try:
            stamp = float(value)
        except ValueError:
            continue
        if stamp > 1e9:  # an epoch time
            events[name] = (stamp - start) * 1000
        else:
            values[name] = value
    return ProcessRun(total, events, values, proc.stdout)


Pick = Callable[[ProcessRun], float]


def median_process(
    cmds: Sequence[Sequence[str]],
    env: dict[str, str],
    runs: int,
    pick: Pick | Sequence[Pick],
    *,
    warmup: bool = True,
) -> list[float]:
    """Median of ``pick(run)`` for each command (``pick`` may be one per command), the commands
    run in turn ``runs`` times after one warm-up round (which fills the disk cache for all of
    them alike)."""
    picks = list(pick) if isinstance(pick, Sequence) else [pick] * len(cmds)
    for cmd in cmds if warmup else ():
        run_process(cmd, env)
    results: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            results[i].append(picks[i](run_process(cmd, env)))
    return [statistics.median(r) for r in results]


def child_env(tmp: Path) -> dict[str, str]:
    """The environment of every process the suite starts: this checkout's code, Qt offscreen,
    settings and data folders of its own (so no saved window state or database leaks in).

    The processes run from compiled bytecode, as an installed app does (``pip install``
    compiles a wheel's modules; the bundle carries them compiled): this checkout's modules are
    compiled before anything is timed, into a folder of the run's own, so the checkout is left
    as it was. Without it every start compiled some 60 of our modules from source again."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BDCQ_DATABASE_URL", "BDCQ_EXIT_AFTER_SHOWN", "PYTHONSTARTUP")
    }
    env.update(
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp / "config"),
        BDCQ_DATA_DIR=str(tmp / "data"),
        PYTHONPYCACHEPREFIX=str(tmp / "bytecode"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(ROOT / "bdcq_desktop"), str(ROOT / "benchmarks")],
        env=env,
        check=True,
    )
    return env


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    info = {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": str(os.cpu_count()),
        "cpu": platform.processor() or platform.machine(),
        "ram": "?",
        "os": platform.platform(),
        "python": platform.python_version(),
        "load": "?",
    }
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        info["ram"] = f"{kb / 1024 / 1024:.1f} GiB"
    if hasattr(os, "getloadavg"):
        info["load"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        info["qt"] = f"Qt {qVersion()}, PySide6 {PySide6.__version__}"
    except ImportError:
        info["qt"] = "?"
    import sqlalchemy

    info["sqlalchemy"] = sqlalchemy.__version__
    return info
