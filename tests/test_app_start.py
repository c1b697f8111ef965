"""``bdcq-desktop`` on a database it cannot open: a Vietnamese message naming the file and the
newest automatic backup, a clean exit, never a traceback."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, Path]:
    """A database with an automatic backup (taken before a restore), then damaged."""
    path = tmp_path / "bcd.sqlite3"
    backup = tmp_path / "b.sqlite3"
    run = [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(path)]
    subprocess.run([*run, "init"], check=True, capture_output=True)
    subprocess.run([*run, "units", "add", "Sở Y tế"], check=True, capture_output=True)
    subprocess.run([*run, "backup", "-o", str(backup)], check=True, capture_output=True)
    subprocess.run([*run, "restore", str(backup)], check=True, capture_output=True)
    automatic = sorted((Path(os.environ["BDCQ_DATA_DIR"]) / "backups").glob("bcd-*.sqlite3"))
    assert automatic
    path.write_bytes(b"\x00garbage, not SQLite" * 500)
    return path, automatic[-1]


def test_self_test_on_a_damaged_database_says_so_and_exits(damaged: tuple[Path, Path]) -> None:
    path, newest = damaged
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop", "--self-test", "--db", str(path)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert str(path) in out.stderr and "bị hỏng" in out.stderr
    assert str(newest) in out.stderr


def test_start_on_a_damaged_database_shows_a_message_and_exits(
    qtbot, damaged: tuple[Path, Path]  # type: ignore[no-untyped-def]
) -> None:
    from bdcq_desktop.ui import app

    path, newest = damaged
    seen: dict[str, str] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen["name"] = box.objectName()
        seen["text"] = box.text()
        seen["info"] = box.informativeText()
        box.done(0)

    QTimer.singleShot(0, answer)
    assert app.main(["--db", str(path)]) == 2
    assert gc.isenabled()  # off during the start only: a refused start turns it back on
    # With a good backup the message offers to restore it; closed, the app exits.
    assert seen["name"] == "databaseRecovery"
    assert str(path) in seen["text"] and "bị hỏng" in seen["text"]
    assert str(newest) in seen["text"]
    assert newest.name in seen["info"]
