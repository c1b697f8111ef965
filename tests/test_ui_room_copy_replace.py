"""Tệp → Chép dữ liệu sang máy phòng họp… onto the laptop's earlier copy of this database asks
first, default "Không" (what the room recorded there and did not export is lost): Enter or Esc
leaves the copy byte for byte; "Vẫn ghi đè" replaces it. Onto another database it only refuses."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(path: Path, sql: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute(sql)
    con.close()


def _box(qtbot: Any, window: Any, name: str) -> QMessageBox:
    qtbot.waitUntil(
        lambda: any(b.objectName() == name and b.isVisible()
                    for b in window.findChildren(QMessageBox)), timeout=20_000,
    )  # fmt: skip
    return next(b for b in window.findChildren(QMessageBox) if b.objectName() == name
                and b.isVisible())  # fmt: skip


def test_the_window_asks_before_replacing_the_laptop_s_copy(
    qtbot: Any, demo_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from bdcq_desktop.core.room_copy import copy_for_room
    from bdcq_desktop.ui.main_window import MainWindow

    copy = copy_for_room(demo_db, tmp_path / "laptop.sqlite3")
    _write(copy, "update organisation set committee_name = 'Ghi trên máy phòng họp'")
    before = _digest(copy)
    chosen = [copy]
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(chosen[0]), "(*.sqlite3)"))  # fmt: skip
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()

    window.room_copy_action.trigger()
    box = _box(qtbot, window, "confirmBox")
    assert str(copy) in box.text() and "chưa xuất" in box.text()
    assert box.defaultButton().objectName() == "noButton"
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter is "Không"
    qtbot.waitUntil(lambda: not box.isVisible())
    qtbot.wait(200)
    assert _digest(copy) == before

    window.room_copy_action.trigger()
    box = _box(qtbot, window, "confirmBox")
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()
    done = _box(qtbot, window, "roomCopyDone")
    done.accept()
    assert _digest(copy) != before

    other = tmp_path / "khac.sqlite3"  # another database: no question, a refusal naming it
    shutil.copyfile(copy, other)
    _write(other, "update organisation set database_uid = 'aaaaaaaa-0000-4000-8000-0000000000ff'")
    before = _digest(other)
    chosen[0] = other
    window.room_copy_action.trigger()
    refusal = _box(qtbot, window, "messageBox")
    assert f"{other} là một tệp cơ sở dữ liệu; không ghi đè" in refusal.text()
    assert not any(b.objectName() == "confirmBox" and b.isVisible()
                   for b in window.findChildren(QMessageBox))  # fmt: skip
    assert _digest(other) == before
