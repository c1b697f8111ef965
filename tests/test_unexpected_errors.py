"""An error nothing caught, raised in a slot: the officer is told in Vietnamese, the traceback
is written to errors.log in the data folder, once; one message at a time."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from bdcq_desktop.ui.unexpected import LOG_NAME, UnexpectedErrors

# pytest-qt fails a test on what a slot raises, through its own sys.excepthook: these tests
# raise on purpose, so the hook under test is the only one.
pytestmark = [pytest.mark.qt_no_exception_capture, pytest.mark.writes_error_log]


def _raise_in_a_slot(error: BaseException) -> None:
    def slot() -> None:
        raise error

    QTimer.singleShot(0, slot)
    QApplication.processEvents()
    QApplication.processEvents()


def _boxes(window: QWidget) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox, "unexpectedErrorBox") if b.isVisible()]


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("BDCQ_DATA_DIR", str(tmp_path / "data"))
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    errors = UnexpectedErrors(widget)
    errors.install()
    yield widget
    errors.uninstall()


def test_the_officer_is_told_and_the_traceback_is_logged(window: QWidget, tmp_path: Path) -> None:
    _raise_in_a_slot(RuntimeError("chỉ số vượt quá"))
    boxes = _boxes(window)
    assert len(boxes) == 1
    log = tmp_path / "data" / LOG_NAME
    assert boxes[0].windowTitle() == "Lỗi không mong đợi"
    assert boxes[0].text().startswith("Lỗi không mong đợi: chỉ số vượt quá")
    assert str(log) in boxes[0].text()
    assert "Traceback" in boxes[0].detailedText()
    written = log.read_text(encoding="utf-8")
    assert "RuntimeError: chỉ số vượt quá" in written and "in slot" in written


def test_a_refusal_of_the_core_is_said_as_one_and_not_logged(
    window: QWidget, tmp_path: Path
) -> None:
    """A BcdError no slot expected (a tab read on its paint with the server gone): the core's
    Vietnamese words as any refusal's, no "Lỗi không mong đợi", nothing for support."""
    from bdcq_desktop.core.storage_errors import StorageError

    _raise_in_a_slot(StorageError("Mất kết nối tới máy chủ cơ sở dữ liệu 10.0.0.5:5432."))
    assert _boxes(window) == []
    (box,) = [b for b in window.findChildren(QMessageBox, "refusedBox") if b.isVisible()]
    assert box.windowTitle() == "Không thực hiện được"
    assert box.text() == "Mất kết nối tới máy chủ cơ sở dữ liệu 10.0.0.5:5432."
    assert not (tmp_path / "data" / LOG_NAME).exists()


def test_one_message_at_a_time_and_each_error_logged_once(
    window: QWidget, tmp_path: Path
) -> None:
    for _ in range(3):  # as an error raised on every paint would be
        _raise_in_a_slot(RuntimeError("lần nào cũng vậy"))
    _raise_in_a_slot(KeyError("khác"))
    assert len(_boxes(window)) == 1
    written = (tmp_path / "data" / LOG_NAME).read_text(encoding="utf-8")
    assert written.count("RuntimeError: lần nào cũng vậy") == 1
    assert written.count("KeyError: 'khác'") == 1
    _boxes(window)[0].accept()
    _raise_in_a_slot(ValueError("sau khi đóng"))
    assert len(_boxes(window)) == 1  # the box closed, the next error is shown


def test_the_log_is_kept_small_across_sessions(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Errors of many sessions: the log moves to errors.log.1 past its size, and no more is
    kept than the two."""
    from bdcq_desktop.core import error_log

    monkeypatch.setattr(error_log, "LOG_BYTES", 4_000)
    data = tmp_path / "data"
    monkeypatch.setenv("BDCQ_DATA_DIR", str(data))
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    for session in range(4):
        errors = UnexpectedErrors(window)
        errors.install()
        try:
            for n in range(10):
                _raise_in_a_slot(RuntimeError(f"phiên {session} lỗi {n}"))
                for box in _boxes(window):
                    box.accept()
        finally:
            errors.uninstall()
    assert sorted(p.name for p in data.glob("errors.log*")) == ["errors.log", "errors.log.1"]
    assert all(p.stat().st_size <= 4_000 + 2_000 for p in data.glob("errors.log*"))
    assert "phiên 3 lỗi 9" in (data / LOG_NAME).read_text(encoding="utf-8")


def test_a_data_folder_that_cannot_be_made_still_gives_the_message(
    window: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("BDCQ_DATA_DIR", str(blocker / "data"))
    _raise_in_a_slot(RuntimeError("không ghi được"))
    (box,) = _boxes(window)
    assert box.text() == "Lỗi không mong đợi: không ghi được"  # no log to name


def test_an_error_without_words_is_named_by_its_kind(window: QWidget) -> None:
    _raise_in_a_slot(AssertionError())
    (box,) = _boxes(window)
    assert box.text().startswith("Lỗi không mong đợi: AssertionError")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_error_of_another_thread_is_logged_not_shown(window: QWidget, tmp_path: Path) -> None:
    """The start's file check and the autosave run in threads of their own: only the GUI
    thread may open a window."""
    import threading

    def work() -> None:
        raise OSError("ổ đĩa rời bị rút ra")

    worker = threading.Thread(target=work, name="kiểm tra tệp")
    worker.start()
    worker.join()
    QApplication.processEvents()
    assert _boxes(window) == []
    written = (tmp_path / "data" / LOG_NAME).read_text(encoding="utf-8")
    assert "(thread kiểm tra tệp)" in written and "OSError: ổ đĩa rời bị rút ra" in written


def test_an_error_logged_after_the_window_has_closed(qtbot: Any, tmp_path: Path) -> None:
    """A defect of the start, raised once the event loop is over: the log keeps it (the bundle
    has no console to print it on)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    errors = UnexpectedErrors(widget, tmp_path / LOG_NAME)
    try:
        raise ValueError("mở cơ sở dữ liệu")
    except ValueError as exc:
        errors.log_exception(exc)
    errors.uninstall()
    assert "ValueError: mở cơ sở dữ liệu" in (tmp_path / LOG_NAME).read_text(encoding="utf-8")


def test_closed_messages_do_not_pile_up(window: QWidget) -> None:
    for n in range(3):
        _raise_in_a_slot(RuntimeError(f"lỗi {n}"))
        _boxes(window)[0].accept()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the box's deletion
    QApplication.processEvents()
    assert window.findChildren(QMessageBox, "unexpectedErrorBox") == []


def test_an_interrupt_is_not_a_defect(window: QWidget) -> None:
    hook = sys.excepthook
    hook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert _boxes(window) == []


def test_uninstall_gives_back_the_former_hook(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.excepthook
    errors = UnexpectedErrors(widget)
    errors.install()
    assert sys.excepthook == errors.report
    errors.uninstall()
    assert sys.excepthook is before


def test_the_start_does_not_pay_for_the_log() -> None:
    """The hook is installed at every start, before the window is painted: the logging handlers
    (socket, pickle; some 30 ms) are imported with the first error only."""
    import subprocess

    probe = "import sys, bdcq_desktop.ui.unexpected; print('logging.handlers' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "False"
