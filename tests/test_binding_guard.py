"""PySide6 6.12.0 on Python 3.11 takes a reference from ``None`` on every call of a ``void``
method; enough of them abort the process ("Fatal Python error: none_dealloc"), which killed the
memory benchmark at exit and the GUI after a reload of the Đôn đốc page on ten years of data.
Importing the GUI package guards against it (bdcq_desktop/ui/binding_guard.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Far more void calls than None has references in a fresh process (a few tens of thousands),
# then an ordinary exit (the interpreter's teardown is where the count used to reach zero).
MANY_VOID_CALLS = """
import bdcq_desktop.ui
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
app = QApplication([])
item = QTreeWidgetItem(["a", "b"])
for i in range(200_000):
    item.setText(0, "x")
    item.setData(0, 256, i)
print("done", flush=True)
"""


def test_many_void_qt_calls_then_a_normal_exit() -> None:
    out = subprocess.run(
        [sys.executable, "-c", MANY_VOID_CALLS],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-800:]
    assert out.stdout.strip() == "done"
    assert "none_dealloc" not in out.stderr


def test_after_the_import_void_calls_cannot_bring_none_to_zero() -> None:
    import bdcq_desktop.ui  # noqa: F401 - guards on import
    from bdcq_desktop.ui.binding_guard import void_calls_drop_none

    # A sound binding leaves None alone; a defective one has met the guard.
    assert not void_calls_drop_none() or sys.getrefcount(None) > sys.maxsize // 8
