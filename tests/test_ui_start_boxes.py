"""The start's boxes, shown in the callback of the job that opened the database (or failed
to), do not wait in a nested event loop: the demo offer, the recovery offer (and its failure)
and the refusal of a database that cannot be used each return at once, window-modal over the
main window, and the start goes on, or quits, from the answer, given here from the keyboard
(its Alt letter, Enter). A nested loop in a job's callback is how a window was deleted under
its box ("double free or corruption"). Real SQLite files; the application's exit is recorded
instead of quitting the test's process."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from bdcq_desktop.core.backup import backup_before
from bdcq_desktop.core.db import DatabaseDamagedError, open_database
from bdcq_desktop.core.demo_mark import is_empty
from bdcq_desktop.core.units import create_unit, list_units
from bdcq_desktop.ui import app
from bdcq_desktop.ui.auto_backup import wait_for_background_work
from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.mnemonics import mnemonic_of

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot: Any) -> Iterator[MainWindow]:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    QApplication.processEvents()
    # A box still waiting when the code under test blocks (a nested loop) is closed after a
    # while, so that the test fails on what it checks rather than hanging.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(_close_boxes)
    guard.start(4000)
    try:
        yield window
    finally:
        guard.stop()  # not into the next test's boxes
        wait_for_background_work()  # the start-up backup a start began
        QApplication.processEvents()
        gc.enable()
        gc.unfreeze()  # the start froze what it had made


def _close_boxes() -> None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible():
            w.done(0)


def _start(window: MainWindow, *argv: str) -> tuple[Any, list[int]]:
    """The start of ``window``, its application's exit codes recorded."""
    exits: list[int] = []
    start = app._Start(SimpleNamespace(exit=exits.append), window, app._parse(list(argv)))
    return start, exits


def _shown(start: Any, name: str, window: MainWindow) -> QMessageBox:
    """The start's box ``name``: still open when the call returned (a blocking one was closed
    by then, unanswered), over the window."""
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox) and box.objectName() == name, box
    assert box.isVisible() and box.parent() is window and start.question is box
    assert box.windowModality() == Qt.WindowModality.WindowModal
    return box


def _alt(qtbot: Any, box: QMessageBox, answer: str) -> None:
    """``answer`` by its Alt letter, typed on the box once it is the active window."""
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    letter = mnemonic_of(box.findChild(QPushButton, answer).text())
    assert letter and letter.isascii()
    key = getattr(Qt.Key, f"Key_{letter.upper()}")
    QTest.keyClick(box.focusWidget() or box, key, Qt.KeyboardModifier.AltModifier)


def _gone(box: QMessageBox) -> bool:
    return not shiboken6.isValid(box) or not box.isVisible()


def test_the_demo_offer_returns_at_once_and_its_alt_letter_loads_the_demo(
    qtbot: Any, db: Any, window: MainWindow
) -> None:
    start, exits = _start(window)
    start._opened((db, True, False))  # the opening job's callback, on an empty database
    box = _shown(start, "demoOffer", window)
    assert is_empty(db) and not hasattr(window, "auto_backup")  # the start waits for it
    with qtbot.waitSignal(window.front_loaded, timeout=TIMEOUT):
        _alt(qtbot, box, "loadDemoButton")
    assert _gone(box)
    assert not is_empty(db) and list_units(db)  # the demo is in the file
    assert window.auto_backup is not None and exits == []


def test_the_demo_offer_says_the_way_back_to_an_empty_database(
    db: Any, window: MainWindow
) -> None:
    """The demo goes into the office's own file: an officer who tries it is told how to start
    the real work on an empty database afterwards (the backup taken before the load, listed in
    Tệp › Sao lưu… under that reason), not left with another province's data."""
    from bdcq_desktop.core.backups import REASON_LABELS

    start, _exits = _start(window)
    start._opened((db, True, False))
    box = _shown(start, "demoOffer", window)
    said = box.informativeText()
    assert "Tệp › Sao lưu…" in said and f"“{REASON_LABELS['before-demo']}”" in said
    _close_boxes()


def _damaged(db: Any) -> tuple[Path, DatabaseDamagedError]:
    """``db``'s file with a unit in it and an automatic backup, then damaged: what opening it
    raises."""
    create_unit(db, name="Sở Y tế")
    backup_before(db, "auto")
    path = db.sqlite_path
    db.dispose()
    path.write_bytes(b"\x00garbage, not SQLite" * 500)
    with pytest.raises(DatabaseDamagedError) as raised:
        open_database(path, verify=True, refuse_empty=True)
    assert raised.value.backup is not None
    return path, raised.value


def test_the_recovery_offer_returns_at_once_and_its_alt_letter_restores(
    qtbot: Any, db: Any, window: MainWindow
) -> None:
    path, exc = _damaged(db)
    start, exits = _start(window, "--db", str(path))
    start._failed(exc)
    box = _shown(start, "databaseRecovery", window)
    assert not list(path.parent.glob(path.name + ".damaged-*"))  # nothing moved before yes
    with qtbot.waitSignal(window.front_loaded, timeout=TIMEOUT):
        _alt(qtbot, box, "restoreThisBackup")
    assert _gone(box) and exits == []
    assert list(path.parent.glob(path.name + ".damaged-*"))  # kept aside, not deleted
    assert [u.name for u in list_units(window.db)] == ["Sở Y tế"]  # the window on the backup


def test_a_recovery_that_fails_is_told_then_the_start_quits(
    qtbot: Any, db: Any, window: MainWindow
) -> None:
    path, exc = _damaged(db)
    damaged = path.read_bytes()
    start, exits = _start(window, "--db", str(path))
    start._failed(exc)
    box = _shown(start, "databaseRecovery", window)
    exc.backup.write_bytes(b"not a backup any more")  # spoilt while the question was up
    _alt(qtbot, box, "restoreThisBackup")  # the button clicks a moment later, as drawn
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "recoveryFailed") is not None)
    failed = window.findChild(QMessageBox, "recoveryFailed")
    assert failed.isVisible() and failed.windowTitle() == "BCĐ Desktop"
    assert exits == []  # told first, the start still there
    assert path.read_bytes() == damaged  # the damaged file where it was
    QTest.keyClick(failed.focusWidget() or failed, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: exits == [2])


def test_a_database_refused_is_told_and_its_alt_letter_quits(
    qtbot: Any, db: Any, window: MainWindow
) -> None:
    path = db.sqlite_path
    db.dispose()
    path.write_bytes(b"\x00garbage, not SQLite" * 500)  # damaged, and no backup to offer
    with pytest.raises(DatabaseDamagedError) as raised:
        open_database(path, verify=True, refuse_empty=True)
    assert raised.value.backup is None
    start, exits = _start(window, "--db", str(path))
    start._failed(raised.value)
    box = _shown(start, "databaseRefused", window)
    assert str(path) in box.text() and exits == []
    _alt(qtbot, box, "quitButton")
    qtbot.waitUntil(lambda: exits == [2])
    assert _gone(box)
