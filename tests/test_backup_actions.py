"""Tệp › Sao lưu dữ liệu… and Khôi phục từ bản sao lưu… in the main window: a copy where the
officer chooses, and that copy put back (the state before it kept as a backup)."""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog

from bdcq_desktop.core import members as mem
from bdcq_desktop.ui import messages
from bdcq_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any, db: Any) -> MainWindow:
    """The main window over a committee of one."""
    mem.appoint(db, mem.create_person(db, full_name="Vũ Duy Tiến"), role="head",
                start_date=date(2024, 1, 1))  # fmt: skip
    window = MainWindow(db)
    qtbot.addWidget(window)
    return window


def test_backup_then_restore_from_the_file_menu(
    qtbot: Any, window: MainWindow, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    target = tmp_path / "sao-luu.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.backup()
    qtbot.waitUntil(lambda: "Đã sao lưu vào" in window.statusBar().currentMessage(), timeout=30_000)
    assert target.stat().st_size > 0

    mem.appoint(db, mem.create_person(db, full_name="Đỗ Minh Châu"), role="member",
                start_date=date(2024, 2, 1))  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    window.restore()
    qtbot.waitUntil(lambda: "Đã khôi phục" in window.statusBar().currentMessage(), timeout=30_000)
    names = [r.full_name for r in mem.list_committee(db, include_former=True)]
    assert names == ["Vũ Duy Tiến"]


def test_a_restore_runs_behind_a_progress_that_holds_every_window(
    qtbot: Any, window: MainWindow, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """The restore runs off the GUI thread: the window keeps painting, a progress holds every
    window (Esc does not close it) until it ends. Here it waits, as the core makes it, for a
    session another thread has open (the GUI's saves wait for it the same way)."""
    from bdcq_desktop.core.backup import backup_to

    target = backup_to(db, tmp_path / "sao-luu.sqlite3")
    mem.appoint(db, mem.create_person(db, full_name="Đỗ Minh Châu"), role="member",
                start_date=date(2024, 2, 1))  # fmt: skip
    window.show()
    # The window's own start reads first (the tab in front, its record read after the paint):
    # a session the GUI thread asks for once the restore waits queues behind the restore, which
    # waits for the thread below, which waits for this test; on a loaded machine such a read
    # came late and the restore gave up after SQLite's busy time.
    window.read_every_tab()
    qtbot.wait(200)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda exc: errors.append(str(exc)))
    opened, release = threading.Event(), threading.Event()

    def hold_a_session() -> None:
        with db.session():
            opened.set()
            release.wait(20)

    holder = threading.Thread(target=hold_a_session)
    holder.start()
    opened.wait()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    try:
        window.restore()  # returns at once: the restore waits in the background
        progress = window.findChild(QProgressDialog, "jobProgress")
        qtbot.waitUntil(progress.isVisible, timeout=5000)
        assert progress.windowModality() == Qt.WindowModality.ApplicationModal
        assert progress.windowTitle() == "Khôi phục dữ liệu"
        QTest.keyClick(progress, Qt.Key.Key_Escape)
        qtbot.wait(100)
        assert errors == []
        assert progress.isVisible() and QApplication.activeModalWidget() is progress
        assert "Đã khôi phục" not in window.statusBar().currentMessage()
    finally:
        release.set()
        holder.join()
    qtbot.waitUntil(lambda: "Đã khôi phục" in window.statusBar().currentMessage(), timeout=30_000)
    assert QApplication.activeModalWidget() is None  # the window free again
    assert [r.full_name for r in mem.list_committee(db)] == ["Vũ Duy Tiến"]


def test_a_refused_restore_changes_nothing(
    qtbot: Any, window: MainWindow, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    not_a_backup = tmp_path / "khong-phai.sqlite3"
    not_a_backup.write_bytes(b"not a database" * 64)
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda exc: shown.append(exc.message))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(not_a_backup), ""))
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    window.restore()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=30_000)
    assert str(not_a_backup) in shown[0] and "không phải tệp cơ sở dữ liệu SQLite" in shown[0]
    assert [r.full_name for r in mem.list_committee(db)] == ["Vũ Duy Tiến"]


def test_enter_on_the_restore_question_keeps_the_data(
    qtbot: Any, window: MainWindow, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Tệp › Khôi phục từ bản sao lưu… replaces the whole database: Enter on its question is
    "Không" (the data kept, nothing backed up for it); "Có" takes its Alt letter."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from bdcq_desktop.core.backup import backup_to
    from bdcq_desktop.core.backups import list_backups
    from bdcq_desktop.ui.mnemonics import mnemonic_of

    target = backup_to(db, tmp_path / "sao-luu.sqlite3")
    mem.appoint(db, mem.create_person(db, full_name="Đỗ Minh Châu"), role="member",
                start_date=date(2024, 2, 1))  # fmt: skip
    window.show()
    window.read_every_tab()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    seen: list[str] = []

    def answer(yes: bool) -> None:
        """Enter, or (``yes``) the Alt letter of "Có", once the question is in front."""
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isActiveWindow():
            if isinstance(box, QMessageBox):
                box.activateWindow()
            QTimer.singleShot(10, lambda: answer(yes))
            return
        seen.append(box.objectName())
        key, modifier = Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier
        if yes:
            letter = mnemonic_of(box.findChild(QPushButton, "yesButton").text())
            key = getattr(Qt.Key, f"Key_{letter.upper()}")
            modifier = Qt.KeyboardModifier.AltModifier
        QTest.keyClick(box.focusWidget() or box, key, modifier)

    QTimer.singleShot(0, lambda: answer(False))
    window.restore()
    assert seen == ["confirmRestore"]
    qtbot.wait(300)  # a restore, had Enter started one, would be under way by now
    assert window.findChild(QProgressDialog, "jobProgress") is None
    names = [r.full_name for r in mem.list_committee(db)]
    assert names == ["Vũ Duy Tiến", "Đỗ Minh Châu"]
    assert not [b for b in list_backups() if b.reason == "before-restore"]

    QTimer.singleShot(0, lambda: answer(True))
    window.restore()
    qtbot.waitUntil(lambda: "Đã khôi phục" in window.statusBar().currentMessage(), timeout=30_000)
    assert [r.full_name for r in mem.list_committee(db)] == ["Vũ Duy Tiến"]


def test_a_second_backup_to_the_same_folder_is_offered_a_new_name_there(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    """This week's backup to the stick is offered under a dated name in the folder the last one
    went to: before, the dialog opened in the program's working folder under last week's
    name, which a backup never overwrites (refused after the officer confirmed replacing)."""
    from bdcq_desktop.ui import backup_actions

    stick = tmp_path / "USB E" / "Sao lưu BCĐ 2026 #1 & 50%"
    stick.mkdir(parents=True)
    offered: list[str] = []

    def save_as(_parent: Any, _title: str, start: str, *_a: Any, **_k: Any) -> tuple[str, str]:
        offered.append(start)
        return str(stick / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.backup()
    qtbot.waitUntil(lambda: "Đã sao lưu vào" in window.statusBar().currentMessage(), timeout=30_000)
    window.statusBar().clearMessage()
    first = {p.name for p in stick.iterdir()}

    class NextWeek(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> NextWeek:
            return cls(2026, 12, 8, 9, 30)

    monkeypatch.setattr(backup_actions, "datetime", NextWeek, raising=False)
    window.backup()
    qtbot.waitUntil(lambda: "Đã sao lưu vào" in window.statusBar().currentMessage(), timeout=30_000)
    assert Path(offered[1]) == stick / "bcd-sao-luu-2026-12-08-0930.sqlite3"
    assert len({p.name for p in stick.iterdir()} - first) == 1

    picked: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda _p, _t, start, *a, **k: (picked.append(start), ("", ""))[1],
    )
    window.restore()
    assert Path(picked[0]) == stick  # the restore looks where the backups went


def test_the_backup_file_name_is_dated_and_valid_on_windows() -> None:
    from bdcq_desktop.ui.backup_actions import backup_file_name
    from bdcq_desktop.ui.io_actions import filter_suffix

    name = backup_file_name(datetime(2026, 1, 5, 7, 3))
    assert name == "bcd-sao-luu-2026-01-05-0703.sqlite3"
    assert not set(name) & set('<>:"/\\|?*')
    # A name typed without an extension gets the filter's first one, not "… *.db".
    assert filter_suffix("Cơ sở dữ liệu SQLite (*.sqlite3 *.db)") == ".sqlite3"
    assert filter_suffix("Excel (*.xlsx)") == ".xlsx"
    assert filter_suffix("") == ""
