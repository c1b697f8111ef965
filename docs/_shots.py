"""What the ``docs/*_screenshots.py`` scripts share: an offscreen Qt application with a fixed
font and a throwaway profile, the database to draw (given, or a fresh demo one), and ``save``
that writes one widget to ``OUT_DIR/PREFIX-NAME.png``.

Usage of a script: ``python docs/X_screenshots.py [DB] [OUT_DIR]``; DB defaults to a fresh demo
database in a temporary folder, OUT_DIR to docs/screenshots.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass(frozen=True)
class Shots:
    app: Any  # the QApplication
    db: Any  # the open Database
    out: Path
    tmp: str  # the throwaway folder (profile, demo database)
    save: Callable[[Any, str], None]


def start(prefix: str) -> Shots:
    """Set up the application and the database before any bdcq_desktop GUI module is imported
    (the data folder and the profile are read from the environment)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QWidget

    tmp = tempfile.mkdtemp(prefix="bdcq-shots-")
    os.environ.setdefault("BDCQ_DATA_DIR", tmp)
    os.environ["XDG_CONFIG_HOME"] = tmp  # no remembered column widths from a real profile
    QCoreApplication.setOrganizationName("BCD")
    QCoreApplication.setApplicationName("bdcq-desktop")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setFont(QFont("DejaVu Sans", 9))

    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.demo import load_demo

    db_arg = sys.argv[1] if len(sys.argv) > 1 else ""
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    if db_arg:
        db = open_database(db_arg)
    else:
        db = open_database(Path(tmp) / "demo.sqlite3")
        load_demo(db, today=date(2026, 11, 20))

    def save(widget: QWidget, name: str) -> None:
        # A few passes, as the running event loop would make: a record pane filled after the
        # rows are painted lays itself out on the pass after.
        for _ in range(3):
            app.processEvents()
        path = out / f"{prefix}-{name}.png"
        widget.grab().save(str(path), "PNG", 9)
        print(f"{path} {path.stat().st_size // 1024} KB")

    return Shots(app, db, out, tmp, save)
