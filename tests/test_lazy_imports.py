"""The main window starts without the heavy modules: they are imported when first needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("reportlab", "openpyxl", "alembic", "bdcq_desktop.documents")


def test_main_window_import_leaves_the_document_engine_out() -> None:
    code = (
        "import sys, bdcq_desktop.ui.main_window\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = os.pathsep.join([str(root), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == []
    # The modules exist: the test would pass vacuously if the names were wrong.
    check = subprocess.run(
        [sys.executable, "-c", f"import {', '.join(HEAVY)}"], env=env, check=False
    )
    assert check.returncode == 0


def test_revision_of_a_sqlite_file_read_without_the_engine(tmp_path: Path) -> None:
    from bdcq_desktop.core.db import _sqlite_revision, open_database
    from bdcq_desktop.core.migrations import HEAD

    path = tmp_path / "d.sqlite3"
    assert _sqlite_revision(path) is None  # no file yet
    open_database(path).dispose()
    assert _sqlite_revision(path) == HEAD
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert _sqlite_revision(junk) is None  # left to the full check, which names the problem


def test_the_core_names_every_meeting_document_the_engine_builds() -> None:
    """The meetings tab lists a meeting's documents from the core's vocabulary (so the engine
    is not loaded to draw the tab): that list must be the registry's own."""
    from bdcq_desktop.core.labels import DOCUMENT_KIND_LABELS, MEETING_DOCUMENT_KINDS
    from bdcq_desktop.documents import service

    assert list(MEETING_DOCUMENT_KINDS) == [k.name for k in service.kinds_for("meeting")]
    assert set(DOCUMENT_KIND_LABELS) == {k.name for k in service.KINDS.values()}
