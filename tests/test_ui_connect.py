"""Tệp › Kết nối cơ sở dữ liệu dùng chung…: an officer told to connect to the office's server
does it in the window, from the keyboard. Checked in the background, connected, the window
switched to the server's rows, the server remembered (its password in the credential store)
for the next start, the password asked for when the server refuses the one kept, the local
file offered only to look at when the server is out of reach, and back to this computer's
file. A real PostgreSQL server (tests/pg.py) with a password role; a real keyring backend kept
in memory (tests/memory_keyring.py); the settings in the test's own data folder."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from sqlalchemy.engine import make_url

from bdcq_desktop.core import members
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.engine import ReadOnlyError, default_sqlite_path
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.server_choice import (
    KEYRING_SERVICE,
    SharedServer,
    remember_server,
    remembered_server,
)
from bdcq_desktop.core.units import create_unit
from bdcq_desktop.ui import app
from bdcq_desktop.ui.auto_backup import wait_for_background_work
from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.mnemonics import mnemonic_of
from tests.memory_keyring import credential_store
from tests.pg import PASSWORD_ROLE, _free_port, password_url

PASSWORD = "mật-khẩu phòng 3"
TIMEOUT = 60_000


def _appoint(db: Any, name: str) -> None:
    members.appoint_new(
        db,
        person={"full_name": name, "position": "Chuyên viên"},
        appointment={"role": "member", "start_date": "2026-01-05"},
    )


def _server(url: str) -> SharedServer:
    parsed = make_url(url)
    return SharedServer(parsed.host, parsed.port, parsed.database, PASSWORD_ROLE)


def _names(window: MainWindow) -> list[str]:
    return [r.full_name for r in window.members_tab.committee.table.visible_rows()]


@pytest.fixture
def window(qtbot: Any) -> Iterator[MainWindow]:
    """An empty main window at 1366×768, as a start shows it; its database closed after."""
    made = MainWindow()
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    QApplication.processEvents()
    try:
        yield made
    finally:
        wait_for_background_work()
        QApplication.processEvents()
        if made.db is not None:
            made.db.dispose()
        gc.enable()
        gc.unfreeze()  # a start froze what it had made


def _start(window: MainWindow, qtbot: Any, *argv: str) -> tuple[Any, list[int]]:
    """A start of ``window`` (its exit codes recorded), its database being opened."""
    exits: list[int] = []
    start = app._Start(SimpleNamespace(exit=exits.append), window, app._parse(list(argv)))
    start._open_database()
    return start, exits


def _active(qtbot: Any, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def _alt(widget: QWidget, button: QPushButton) -> None:
    """``button`` pressed by its Alt letter."""
    letter = mnemonic_of(button.text())
    assert letter and letter.isascii(), button.text()
    key = getattr(Qt.Key, f"Key_{letter.upper()}")
    QTest.keyClick(widget.focusWidget() or widget, key, Qt.KeyboardModifier.AltModifier)


def _keys(field: QWidget, text: str) -> None:
    """``text`` typed into ``field`` key by key, Vietnamese letters too (QTest.keyClicks
    takes Latin-1 only: what an input method hands over is a key event with its text)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(field, event)


def _type(widget: QWidget, text: str) -> None:
    """``text`` typed in the field with the cursor (what was there replaced), then Tab."""
    field = QApplication.focusWidget()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _keys(field, text)
    QTest.keyClick(field, Qt.Key.Key_Tab)


def test_the_form_checks_in_the_background_and_connect_switches_the_window(
    qtbot: Any, pg_server: str, pg_db: Any, db: Any, window: MainWindow
) -> None:
    _appoint(pg_db, "Nguyễn Văn Máy Chủ")
    _appoint(db, "Trần Thị Trên Máy")
    url = password_url(pg_server, PASSWORD)
    server = _server(url)
    with credential_store() as store:
        window.attach(db)
        with qtbot.waitSignal(window.front_loaded, timeout=TIMEOUT):
            window.load_data()
        assert _names(window) == ["Trần Thị Trên Máy"]
        window.connect_action.trigger()
        dialog = window.connect_dialog
        assert dialog.isVisible() and dialog.windowModality() != Qt.WindowModality.NonModal
        _active(qtbot, dialog)
        # Enter presses Kết nối only once the form names a server.
        assert QApplication.focusWidget() is dialog.host
        assert not dialog.connect_button.isEnabled() and dialog.connect_button.isDefault()
        QTest.keyClick(dialog.host, Qt.Key.Key_Return)
        assert dialog.isVisible() and window.db is db
        # Keyboard only: the fields in Tab order, each typed.
        for text in (server.host, str(server.port), server.database, server.user, PASSWORD):
            _type(dialog, text)
        assert QApplication.focusWidget() is dialog.remember.check
        qtbot.waitUntil(lambda: dialog.remember.known)
        assert dialog.remember.keep()  # a store there: ticked
        assert dialog.connect_button.isEnabled()

        _alt(dialog, dialog.check_button)  # Kiểm tra kết nối
        qtbot.waitUntil(lambda: "Kết nối được" in dialog.result.text(), timeout=TIMEOUT)
        assert HEAD in dialog.result.text() and window.db is db
        # The check runs off the GUI thread: the click returns at once, the dialog saying it
        # is checking (the window would else freeze for as long as a server takes to fail).
        dialog.check_button.click()
        assert dialog.result.text().startswith("Đang kiểm tra kết nối tới 127.0.0.1:")
        assert not dialog.check_button.isEnabled()  # one check at a time
        qtbot.waitUntil(lambda: "Kết nối được" in dialog.result.text(), timeout=TIMEOUT)

        dialog.password.setFocus()
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)  # Kết nối
        qtbot.waitUntil(lambda: window.db is not db, timeout=TIMEOUT)
        assert not dialog.isVisible()
        assert window.db.sqlite_path is None and make_url(window.db.url).port == server.port
        qtbot.waitUntil(lambda: _names(window) == ["Nguyễn Văn Máy Chủ"], timeout=TIMEOUT)
        label = window.db_label.text()
        assert label.startswith("Máy chủ:") and f":{server.port}/" in label
        assert PASSWORD not in label
        assert "Đã kết nối tới máy chủ" in window.statusBar().currentMessage()
        # Remembered without the password, which the credential store keeps.
        assert remembered_server() == server
        setting = (Path(os.environ["BDCQ_DATA_DIR"]) / "machine.json").read_text("utf-8")
        assert PASSWORD not in setting
        assert store.passwords == {(KEYRING_SERVICE, server.account): PASSWORD}


def test_the_remembered_server_opens_at_the_next_start(
    qtbot: Any, pg_server: str, pg_db: Any, window: MainWindow
) -> None:
    """A start as the application makes it (the early check, the first screen): the local
    file, with rows of its own, is neither checked nor shown as the first screen while the
    server opens."""
    _appoint(pg_db, "Nguyễn Văn Máy Chủ")
    local = open_database(default_sqlite_path())
    _appoint(local, "Trần Thị Trên Máy")
    local.dispose()
    server = _server(password_url(pg_server, PASSWORD))
    remember_server(server)
    with credential_store() as store:
        store.set_password(KEYRING_SERVICE, server.account, PASSWORD)
        checked = app._begin_check(None)
        assert checked is None
        exits: list[int] = []
        start = app._Start(SimpleNamespace(exit=exits.append), window, app._parse([]), checked)
        with qtbot.waitSignal(window.front_loaded, timeout=TIMEOUT):
            start._open()
        assert start.question is None and exits == [] and start.first_screen is None
        assert _names(window) == ["Nguyễn Văn Máy Chủ"]
        assert window.db_label.text().startswith("Máy chủ:")


def test_a_password_refused_at_the_start_is_asked_for_and_kept(
    qtbot: Any, pg_server: str, pg_db: Any, window: MainWindow
) -> None:
    """The administrator changed it: the start asks for the new one (the rest of the
    connection kept) instead of quitting, and keeps it in the credential store."""
    _appoint(pg_db, "Nguyễn Văn Máy Chủ")
    server = _server(password_url(pg_server, PASSWORD))
    remember_server(server)
    with credential_store() as store:
        store.set_password(KEYRING_SERVICE, server.account, "mật khẩu cũ")
        start, exits = _start(window, qtbot)
        qtbot.waitUntil(lambda: start.question is not None, timeout=TIMEOUT)
        dialog = start.question
        assert dialog.objectName() == "passwordDialog" and dialog.isVisible()
        assert "từ chối đăng nhập" in dialog.refusal.text()
        assert server.address in dialog.findChild(QWidget, "refusal").text()
        _active(qtbot, dialog)
        assert QApplication.focusWidget() is dialog.password
        assert not dialog.connect_button.isEnabled()  # nothing typed: Enter does nothing
        _keys(dialog.password, "vẫn sai")
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)
        assert dialog.isVisible() and "từ chối đăng nhập" in dialog.refusal.text()
        assert exits == [] and window.db is None
        qtbot.waitUntil(lambda: dialog.remember.known)
        _keys(dialog.password, PASSWORD)  # the wrong one was selected: replaced
        with qtbot.waitSignal(window.front_loaded, timeout=TIMEOUT):
            QTest.keyClick(dialog.password, Qt.Key.Key_Return)
        assert not dialog.isVisible() and exits == []
        assert _names(window) == ["Nguyễn Văn Máy Chủ"]
        assert store.passwords == {(KEYRING_SERVICE, server.account): PASSWORD}


def test_a_server_out_of_reach_offers_the_local_data_to_look_at_only(
    qtbot: Any, window: MainWindow
) -> None:
    """No server on the port: said, with Thử lại, Sửa kết nối…, Xem (chỉ xem), Thoát. The
    local data opens read-only, the status bar saying so, every save refused saying why."""
    local = open_database(default_sqlite_path())
    create_unit(local, name="Sở Y tế")
    local.dispose()
    server = SharedServer("127.0.0.1", _free_port(), "bcd", "bdcq")
    remember_server(server)
    start, exits = _start(window, qtbot)
    qtbot.waitUntil(lambda: start.question is not None, timeout=TIMEOUT)
    box = start.question
    assert isinstance(box, QMessageBox) and box.objectName() == "serverUnreachable"
    assert "Không kết nối được tới máy chủ cơ sở dữ liệu" in box.text()
    answers = [b.objectName() for b in box.findChildren(QPushButton)]
    assert {"retryButton", "editButton", "viewLocalButton", "quitButton"} <= set(answers)
    assert box.defaultButton().objectName() == "retryButton"
    _active(qtbot, box)
    with qtbot.waitSignal(window.front_loaded, timeout=TIMEOUT):
        _alt(box, box.findChild(QPushButton, "viewLocalButton"))
    assert exits == [] and window.db.read_only
    assert window.db_label.text() == f"Chỉ xem, không lưu được: {default_sqlite_path()}"
    with pytest.raises(ReadOnlyError) as refused:
        create_unit(window.db, name="Sở Tư pháp")
    assert "chưa kết nối được máy chủ dùng chung" in refused.value.message
    assert remembered_server() == server  # still the office's database at the next start


def test_use_the_local_data_forgets_the_server_and_its_password(
    qtbot: Any, pg_server: str, pg_db: Any, window: MainWindow
) -> None:
    _appoint(pg_db, "Nguyễn Văn Máy Chủ")
    server = _server(password_url(pg_server, PASSWORD))
    remember_server(server)
    with credential_store() as store:
        store.set_password(KEYRING_SERVICE, server.account, PASSWORD)
        with qtbot.waitSignal(window.front_loaded, timeout=TIMEOUT):
            _start(window, qtbot)
        window.connect_action.trigger()
        dialog = window.connect_dialog
        assert dialog.host.text() == server.host and dialog.port.value() == server.port
        _active(qtbot, dialog)
        with qtbot.waitSignal(window.front_loaded, timeout=TIMEOUT):
            _alt(dialog, dialog.local_button)
        assert window.db.sqlite_path == default_sqlite_path()
        assert window.db_label.text() == f"Dữ liệu: {default_sqlite_path()}"
        assert remembered_server() is None and store.passwords == {}
        demo = window.findChild(QMessageBox, "demoOffer")  # an empty file: as a first start
        assert demo is not None and demo.isVisible()
        demo.done(0)


def test_a_server_moved_is_corrected_from_the_start(
    qtbot: Any, pg_server: str, pg_db: Any, window: MainWindow
) -> None:
    """The server answers on another port now: Sửa kết nối… at the start's question opens the
    form on the remembered server; corrected, it connects, the start goes on, and the
    corrected server is the one remembered."""
    _appoint(pg_db, "Nguyễn Văn Máy Chủ")
    server = _server(password_url(pg_server, PASSWORD))
    remember_server(SharedServer(server.host, _free_port(), server.database, server.user))
    with credential_store():
        start, exits = _start(window, qtbot)
        qtbot.waitUntil(lambda: start.question is not None, timeout=TIMEOUT)
        box = start.question
        assert box.objectName() == "serverUnreachable"
        assert box.findChild(QPushButton, "viewLocalButton") is None  # nothing here to view
        _active(qtbot, box)
        _alt(box, box.findChild(QPushButton, "editButton"))
        qtbot.waitUntil(lambda: start.question is not box and start.question.isVisible())
        form = start.question
        assert form.objectName() == "connectDialog" and form.host.text() == server.host
        assert "Không kết nối được" in form.findChild(QWidget, "startNote").text()
        _active(qtbot, form)
        form.port.setFocus()
        _type(form, str(server.port))
        _type(form, server.database)  # unchanged, typed again: Tab walks on
        _type(form, server.user)
        _type(form, PASSWORD)
        with qtbot.waitSignal(window.front_loaded, timeout=TIMEOUT):
            QTest.keyClick(form.remember.check, Qt.Key.Key_Return)  # Enter: Kết nối
        assert exits == [] and _names(window) == ["Nguyễn Văn Máy Chủ"]
        assert remembered_server() == server


def test_the_window_is_not_switched_under_another_of_its_windows(
    qtbot: Any, db: Any, window: MainWindow
) -> None:
    """A document being prepared (or a live meeting) holds the database it was opened on,
    and what was typed in it: the switch waits until it is closed, and says so."""
    from PySide6.QtWidgets import QDialog

    window.attach(db)
    other = QDialog(window)
    other.setWindowTitle("Văn bản")
    other.show()
    window.connect_action.trigger()
    dialog = window.connect_dialog
    dialog.host.setText("127.0.0.1")
    dialog.database.setText("bcd")
    dialog.user.setText("bdcq")
    dialog.connect_button.click()
    assert "Hãy đóng các cửa sổ đang mở (“Văn bản”)" in dialog.result.text()
    assert dialog.isVisible() and not dialog.busy and window.db is db
    assert remembered_server() is None
    other.close()
    dialog.reject()
