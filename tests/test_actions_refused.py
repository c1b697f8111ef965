"""What the officer does while the data cannot be reached (the office server gone, the USB
stick holding the file pulled out): every action that reads the database says the core's
Vietnamese message as a refusal ("Không thực hiện được"), never "Lỗi không mong đợi" with a
traceback in errors.log (which the conftest fails a test for). The data file moved away stands
in for the lost server: every read then raises the core's own BcdError, as a lost connection
raises its StorageError; once it is back, the same actions work."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.unexpected import UnexpectedErrors

GONE = "không còn ở chỗ cũ"  # the core's words for a data file that went (core/engine.py)


@pytest.fixture
def window(qtbot: Any, demo_db: Any) -> Iterator[MainWindow]:
    """The main window on the demo data, its hook for defects installed as the app's is."""
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.tabs.setCurrentWidget(win.meetings_tab)
    win.load_data()
    qtbot.waitUntil(lambda: bool(win.meetings_tab.view.table.visible_rows()))
    hook = UnexpectedErrors(win)
    hook.install()
    yield win
    hook.uninstall()


@pytest.fixture
def file_away(demo_db: Any) -> Iterator[Any]:
    """``away()`` moves the data file aside, ``back()`` puts it back."""
    path: Path = demo_db.sqlite_path
    aside = path.with_name("elsewhere.sqlite3")

    class Move:
        def away(self) -> None:
            os.replace(path, aside)

        def back(self) -> None:
            os.replace(aside, path)

    move = Move()
    yield move
    if aside.exists():
        move.back()


def _boxes(win: QWidget, name: str) -> list[QMessageBox]:
    found = [
        b for b in QApplication.topLevelWidgets() + win.findChildren(QMessageBox)
        if isinstance(b, QMessageBox) and b.isVisible() and b.objectName() == name
    ]  # fmt: skip
    return list(dict.fromkeys(found))


def _refusal(win: QWidget) -> str:
    """The one refusal on screen, closed; its text. No box of the hook for defects."""
    assert _boxes(win, "unexpectedErrorBox") == []
    boxes = [
        b for b in win.findChildren(QMessageBox)
        if b.isVisible() and b.windowTitle() == "Không thực hiện được"
    ]  # fmt: skip
    assert len(boxes) == 1, [b.text() for b in win.findChildren(QMessageBox) if b.isVisible()]
    text = boxes[0].text()
    boxes[0].accept()
    QApplication.processEvents()
    return text


def _upcoming(win: MainWindow) -> Any:
    view = win.meetings_tab.view
    assert view.table.select_where(lambda r: r.status == "planned")
    return view


def test_refresh_with_the_data_gone_is_a_refusal_and_works_when_it_is_back(
    window: MainWindow, file_away: Any
) -> None:
    """The audit: Xem › Làm mới (F5) with the server down said "Lỗi không mong đợi"."""
    file_away.away()
    window.refresh_action.trigger()
    assert GONE in _refusal(window)
    file_away.back()
    window.refresh_action.trigger()
    assert _boxes(window, "messageBox") == []
    assert window.meetings_tab.view.table.visible_rows()


@pytest.mark.parametrize("action", ["editAction", "agendaAction", "inviteAction", "newAction"])
def test_the_meetings_actions_with_the_data_gone_are_refusals(
    window: MainWindow, file_away: Any, action: str
) -> None:
    """The audit: Sửa…, Chương trình…, Mời… and Thêm cuộc họp… with the server down each said
    "Lỗi không mong đợi" and logged a traceback ("Họp trực tiếp" alone said it right)."""
    view = _upcoming(window)
    trigger = next(a for a in view.actions() if a.objectName() == action)
    assert trigger.isEnabled()
    file_away.away()
    trigger.trigger()
    assert GONE in _refusal(window)
    file_away.back()
    trigger.trigger()  # the same action, the data back: its form opens
    assert view.last_dialog is not None and not isinstance(view.last_dialog, QMessageBox)
    view.last_dialog.reject()


@pytest.mark.qt_no_exception_capture  # the app's own hook is under test
def test_a_tab_first_shown_with_the_data_gone_says_so(
    window: MainWindow, file_away: Any
) -> None:
    """A tab is read when first painted: with the data gone that read is refused in a slot no
    action wraps; the window's hook says the refusal as one, logging nothing."""
    file_away.away()
    window.tabs.setCurrentWidget(window.reports_tab)
    for _ in range(5):
        QApplication.processEvents()
    assert _boxes(window, "unexpectedErrorBox") == []
    (box,) = _boxes(window, "refusedBox")
    assert box.windowTitle() == "Không thực hiện được" and GONE in box.text()
    box.accept()
