"""PySide6 6.12.0 on Python 3.11 takes a reference from ``None`` on every call of a ``void``
method, and from ``True`` on every signal emitted or disconnected (``False`` when nothing was
connected); enough of them abort the process ("Fatal Python error: none_dealloc", "bool_dealloc"),
which killed the memory benchmark at exit, the GUI after a reload of the Đôn đốc page on ten years
of data, and a test process after the UI tests. Importing the GUI package guards against it
(bdcq_desktop/ui/binding_guard.py)."""

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


# The same for signals: every row picked, record saved or page read emits some (a test process
# that ran the UI tests aborted at exit). Then disconnects that find nothing, which drop False.
MANY_EMITS = """
import warnings
import bdcq_desktop.ui
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
app = QApplication([])

class Source(QObject):
    changed = Signal(int)

def slot(value):
    pass

def never_connected(value):
    pass

source = Source()
for i in range(100_000):
    source.changed.connect(slot)
    source.changed.emit(i)
    source.changed.disconnect(slot)
warnings.simplefilter("ignore", RuntimeWarning)  # "Failed to disconnect", each time
for i in range(50_000):
    source.changed.disconnect(never_connected)
print("done", flush=True)
"""


def _run(program: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def test_many_void_qt_calls_then_a_normal_exit() -> None:
    out = _run(MANY_VOID_CALLS)
    assert out.returncode == 0, out.stderr[-800:]
    assert out.stdout.strip() == "done"
    assert "none_dealloc" not in out.stderr


def test_many_signals_emitted_and_disconnected_then_a_normal_exit() -> None:
    out = _run(MANY_EMITS)
    assert out.returncode == 0, out.stderr[-800:]
    assert out.stdout.strip() == "done"
    assert "bool_dealloc" not in out.stderr


def test_after_the_import_void_calls_cannot_bring_none_to_zero() -> None:
    import bdcq_desktop.ui  # noqa: F401 - guards on import
    from bdcq_desktop.ui.binding_guard import void_calls_drop_none

    # A sound binding leaves None alone; a defective one has met the guard.
    assert not void_calls_drop_none() or sys.getrefcount(None) > sys.maxsize // 8


def test_after_the_import_emits_cannot_bring_true_or_false_to_zero() -> None:
    import bdcq_desktop.ui  # noqa: F401 - guards on import
    from bdcq_desktop.ui.binding_guard import emits_drop_true, failed_disconnects_drop_false

    assert not emits_drop_true() or sys.getrefcount(True) > sys.maxsize // 8
    assert not failed_disconnects_drop_false() or sys.getrefcount(False) > sys.maxsize // 8


def test_guarding_again_adds_nothing() -> None:
    """Called twice (an import reloaded), the counts would otherwise overflow in a few calls."""
    from bdcq_desktop.ui.binding_guard import guard_singletons

    guard_singletons()
    counts = [sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)]
    guard_singletons()
    again = [sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)]
    assert all(abs(a - b) < 1000 for a, b in zip(counts, again, strict=True))
