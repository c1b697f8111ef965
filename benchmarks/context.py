"""What every suite shares: the commands it starts and the run's context."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .harness import PYTHON, Pick, median_process

APP = [PYTHON, "-m", "bdcq_desktop"]
CLI = [PYTHON, "-m", "bdcq_desktop.cli"]


@dataclass
class Context:
    tmp: Path
    env: dict[str, str]
    runs: int  # repetitions of each timed thing
    ten_year: Path  # the cached ten-year database (never written)
    demo: Path  # a database with the demo data
    quick: bool
    import_people: int
    roster: Path | None = None  # the database left by the import benchmark

    def processes(
        self,
        cmds: list[list[str]],
        pick: Pick | list[Pick],
        env: dict[str, str] | None = None,
    ) -> list[float]:
        """Median figures of whole processes run in turn (a warm-up round unless quick)."""
        return median_process(cmds, env or self.env, self.runs, pick, warmup=not self.quick)

    def copy(self, source: Path, name: str) -> Path:
        """A fresh copy of a database for a run that may write to it."""
        target = self.tmp / name
        for old in self.tmp.glob(name + "*"):
            old.unlink()
        shutil.copyfile(source, target)
        return target


def ms_after(event: str):  # type: ignore[no-untyped-def]
    def pick(run):  # type: ignore[no-untyped-def]
        if event not in run.events:
            raise RuntimeError(f"the process never reported {event!r}: {run.stdout[-300:]}")
        return run.events[event]

    return pick


def total(run) -> float:  # type: ignore[no-untyped-def]
    return run.total_ms
