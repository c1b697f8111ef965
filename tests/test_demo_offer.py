"""The first start's demo offer: one rule for "empty" (the core's), asked by the GUI's start,
the self-test and the demo load alike; a load the core refuses is told in a message and the
start goes on (its backup, the tabs' rows)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.demo import load_demo
from bdcq_desktop.core.demo_mark import is_empty
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.regimes import create_regime
from bdcq_desktop.core.units import create_unit


def test_a_database_with_one_unit_is_not_empty(db: Any) -> None:
    assert is_empty(db)
    create_unit(db, name="Sở Y tế")
    assert not is_empty(db)
    with pytest.raises(BcdError, match="đã có dữ liệu"):
        load_demo(db)


def test_a_regime_alone_is_data_too(db: Any) -> None:
    create_regime(db, name="Báo cáo tháng", frequency="monthly")
    assert not is_empty(db)
    with pytest.raises(BcdError, match="đã có dữ liệu"):
        load_demo(db)


# A real start in its own process (a second ``app.main`` in one process inherits the first
# one's quit): every box the start shows is recorded; the demo offer is answered "Nạp dữ liệu
# mẫu", after argv[3] ("unit") has had a unit added to the file, as another officer sharing
# it would; any other box is closed. The window's screenshot ends the start.
DRIVER = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from bdcq_desktop.ui import app

qapp = QApplication([])
seen = []

def look():
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox) and not box.property("answered"):
        box.setProperty("answered", True)
        seen.append([box.objectName(), box.text()])
        if box.objectName() == "demoOffer":
            if sys.argv[3] == "unit":
                from bdcq_desktop.core.db import open_database
                from bdcq_desktop.core.units import create_unit
                other = open_database(sys.argv[1])
                create_unit(other, name="Sở Tài chính")
                other.dispose()
            next(b for b in box.buttons() if b.text().replace("&", "") == "Nạp dữ liệu mẫu").click()
        else:
            box.done(0)
    QTimer.singleShot(20, look)

QTimer.singleShot(0, look)
QTimer.singleShot(90_000, lambda: qapp.exit(3))  # a start that never shows its rows
code = app.main(["--db", sys.argv[1], "--screenshot", sys.argv[2]])
print(json.dumps(seen))
sys.exit(code)
"""


def _start(path: Path, shot: Path, before_load: str = "") -> tuple[int, list[list[str]], str]:
    out = subprocess.run(
        [sys.executable, "-c", DRIVER, str(path), str(shot), before_load],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    lines = out.stdout.strip().splitlines()
    return out.returncode, json.loads(lines[-1]) if lines else [], out.stderr


def test_a_start_on_a_file_with_one_unit_offers_no_demo(db: Any, tmp_path: Path) -> None:
    create_unit(db, name="Sở Y tế")
    path = db.sqlite_path
    db.dispose()
    shot = tmp_path / "window.png"
    code, seen, err = _start(path, shot)
    assert code == 0, err[-2000:]
    assert seen == []  # no offer, no error
    assert shot.is_file()  # the start went on to the tabs' rows


def test_a_demo_load_refused_is_told_and_the_start_goes_on(db: Any, tmp_path: Path) -> None:
    path = db.sqlite_path
    db.dispose()
    shot = tmp_path / "window.png"
    code, seen, err = _start(path, shot, "unit")
    assert code == 0, err[-2000:]
    assert "Traceback" not in err
    assert [name for name, _ in seen] == ["demoOffer", "demoRefused"]
    assert "chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống" in seen[1][1]
    # The rest of the start ran: the screenshot is taken once the tabs' rows are read, which
    # the start asks for after it has set up the automatic backups.
    assert shot.is_file()
