"""The window is on screen before the database layer is even imported: SQLAlchemy, the
database's check and the tabs' queries come after the first paint (issue: a window in front of
the chair at once)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from tests.start_probe import probed_start


def test_first_paint_comes_before_the_database_then_rows_follow(db: Any, db_path: Path) -> None:
    head = mem.create_person(db, full_name="Vũ Duy Tiến")
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    db.dispose()
    lines = probed_start(db_path)
    names = [name for name, _ in lines]
    # The probe quits once a table shows rows: the tabs were filled after that paint.
    assert names == [
        "imported-before-paint", "mapped", "orm-configured-before-rows", "sqlalchemy-before-rows",
        "rows", "ready",
    ], lines  # fmt: skip
    assert lines[0][1] == "-", f"imported before the first paint: {lines[0][1]}"
    # The first screen's rows are read from the tables: the ORM's mappers, a costly set-up
    # the rows do not need, are configured only after them.
    assert lines[2][1] == "no", lines


@pytest.mark.parametrize("view", [2, 3, 4])  # experts, units, the responsibility matrix
def test_a_start_reads_the_members_view_remembered_when_it_has_no_first_screen(
    view: int, demo_template: Path, tmp_path: Path
) -> None:
    """The officer left the members tab on a view that is not a roster: the start has no
    first screen for it and reads it once the database is open. It used to wait for a paint
    of the tab that nothing asked for: the matrix stayed empty until the mouse moved."""
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "BCD"
    config.mkdir(parents=True, exist_ok=True)
    (config / "bdcq-desktop.conf").write_text(f"[values]\nmembers\\view={view}\n")
    try:
        lines = probed_start(path, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"view {view}: the start never read the tab in front")
    names = [name for name, _ in lines]
    assert "rows" in names and "ready" in names, lines
