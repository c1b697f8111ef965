"""A start with ``--db postgresql://…`` whose server is out of reach (a real port with no
server listening): the audit found only "Thoát" offered, while a server remembered through
Tệp › Kết nối… gets "Thử lại". Now "Thử lại" is offered too (Enter), tries the same URL
again, and Esc still quits with exit code 2. (A SQLite file that cannot be used still offers
only "Thoát": tests/test_ui_start_boxes.py.)"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton

from bdcq_desktop.ui.main_window import MainWindow
from tests.pg import _free_port
from tests.test_ui_connect import TIMEOUT, _active, _start, window  # noqa: F401


def _buttons(box: QMessageBox) -> list[str]:
    return sorted(b.objectName() for b in box.findChildren(QPushButton))


def test_a_url_out_of_reach_offers_to_try_again(qtbot: Any, window: MainWindow) -> None:  # noqa: F811
    url = f"postgresql+psycopg://bdcq@127.0.0.1:{_free_port()}/bcd"
    start, exits = _start(window, qtbot, "--db", url)
    qtbot.waitUntil(lambda: start.question is not None, timeout=TIMEOUT)
    box = start.question
    assert isinstance(box, QMessageBox) and box.objectName() == "databaseRefused"
    assert "Không kết nối được tới máy chủ cơ sở dữ liệu" in box.text()
    assert _buttons(box) == ["quitButton", "retryButton"]
    assert box.defaultButton().objectName() == "retryButton"
    assert box.findChild(QPushButton, "retryButton").text().replace("&", "") == "Thử lại"
    # Where to correct the address: the shortcut (the form would remember another server).
    assert "được ghi trong lệnh hoặc lối tắt mở ứng dụng (--db)" in box.informativeText()
    # Thử lại (Enter): the same URL tried again; still out of reach, asked again.
    _active(qtbot, box)
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: start.question is not box and start.question is not None,
                    timeout=TIMEOUT)  # fmt: skip
    again = start.question
    assert again.objectName() == "databaseRefused" and exits == [] and window.db is None
    _active(qtbot, again)
    QTest.keyClick(again, Qt.Key.Key_Escape)  # Thoát
    qtbot.waitUntil(lambda: exits == [2])



def test_a_unix_socket_url_out_of_reach_offers_to_try_again_and_names_the_socket(
    qtbot: Any,
    window: MainWindow,  # noqa: F811
    tmp_path: Any,
) -> None:
    """A server reached through a Unix socket (``?host=/folder&port=N``), down: a real socket
    folder with no server in it. Before, only "Thoát" was offered (psycopg's "connection is
    bad … No such file or directory" was not known as a server out of reach) and the box
    named "localhost:5432", neither the folder nor the port given."""
    folder = tmp_path / "pg-socket"
    folder.mkdir()
    url = f"postgresql+psycopg://bdcq@/bcd?host={folder}&port=55439"
    start, exits = _start(window, qtbot, "--db", url)
    qtbot.waitUntil(lambda: start.question is not None, timeout=TIMEOUT)
    box = start.question
    assert isinstance(box, QMessageBox) and box.objectName() == "databaseRefused"
    assert "Không kết nối được tới máy chủ cơ sở dữ liệu" in box.text()
    assert f"{folder}:55439" in box.text() and "localhost:5432" not in box.text()
    assert _buttons(box) == ["quitButton", "retryButton"]
    assert box.defaultButton().objectName() == "retryButton"
    _active(qtbot, box)
    QTest.keyClick(box, Qt.Key.Key_Escape)  # Thoát
    qtbot.waitUntil(lambda: exits == [2])
