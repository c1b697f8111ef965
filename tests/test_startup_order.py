"""The window is on screen before the database layer is even imported: SQLAlchemy, the
database's check and the tabs' queries come after the first paint (issue: a window in front of
the chair at once)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bdcq_desktop.core import members as mem

ROOT = Path(__file__).resolve().parents[1]


def test_first_paint_comes_before_the_database_then_rows_follow(db: Any, db_path: Path) -> None:
    head = mem.create_person(db, full_name="Vũ Duy Tiến")
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    db.dispose()
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop", "--db", str(db_path)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "BDCQ_EXIT_AFTER_SHOWN": "1",
             "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = [line.split(maxsplit=1) for line in out.stdout.splitlines()]
    names = [name for name, _ in lines]
    # The probe quits once a table shows rows: the tabs were filled after that paint.
    assert names == [
        "imported-before-paint", "mapped", "orm-configured-before-rows", "sqlalchemy-before-rows",
        "rows", "ready",
    ], out.stdout  # fmt: skip
    assert lines[0][1] == "-", f"imported before the first paint: {lines[0][1]}"
    # The first screen's rows are read from the tables: the ORM's mappers, a costly set-up
    # the rows do not need, are configured only after them.
    assert lines[2][1] == "no", out.stdout
