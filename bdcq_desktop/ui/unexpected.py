"""Errors nothing caught (a defect, not a refusal of the core): the officer is told, in
Vietnamese, and the traceback is written to ``errors.log`` in the data folder for whoever
looks after the install.

Qt prints what a slot or an overridden method raises and goes on. The Windows bundle has no
console, so the officer saw nothing: a button that did nothing, a page half read. Each error
is written once a session (one raised on every paint would otherwise fill the disk), the log
is kept under :data:`LOG_BYTES` (the older half moves to ``errors.log.1``), and one message
is shown at a time.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QMessageBox, QWidget

LOG_NAME = "errors.log"
LOG_BYTES = 512 * 1024  # then errors.log.1 takes it; at most twice this on disk


def _tr(text: str) -> str:
    return QCoreApplication.translate("unexpected", text)


class UnexpectedErrors:
    """Installed as ``sys.excepthook`` (and ``threading.excepthook``, for the threads of the
    start's file check and the autosave) for the life of the main window (:meth:`install`).
    An error of another thread is logged, not shown: only the GUI thread may open a window."""

    def __init__(self, window: QWidget, log: Path | None = None) -> None:
        self.window = window
        self._log = log
        self._written: set[str] = set()
        self._logger: logging.Logger | None = None
        self._box: QMessageBox | None = None
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook

    def install(self) -> None:
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook
        sys.excepthook = self.report
        threading.excepthook = self._report_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.report:
            sys.excepthook = self._previous
        if threading.excepthook == self._report_thread:
            threading.excepthook = self._previous_thread
        if self._logger is not None:
            for handler in self._logger.handlers[:]:
                self._logger.removeHandler(handler)
                handler.close()

    def log_path(self) -> Path:
        if self._log is None:
            from ..core.sqlite_file import data_dir

            self._log = data_dir() / LOG_NAME
        return self._log

    def report(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        self._previous(kind, value, tb)  # on a console, as before
        if not issubclass(kind, Exception):  # KeyboardInterrupt, SystemExit: not a defect
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        where = self._write(text)
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return  # logged; a window may be opened on the GUI thread only
        if self._box is not None:
            return  # one message at a time; the log has them all
        from .messages import show_message

        message = _tr("Lỗi không mong đợi: {error}").format(error=str(value) or kind.__name__)
        if where is not None:
            message += "\n\n" + _tr(
                "Thao tác vừa rồi có thể chưa xong. Chi tiết đã được ghi vào tệp {path} "
                "(gửi tệp này cho người hỗ trợ kỹ thuật)."
            ).format(path=where)
        box = show_message(
            self.window, _tr("Lỗi không mong đợi"), message, warning=True, details=text
        )
        box.setObjectName("unexpectedErrorBox")
        box.finished.connect(lambda _result: self._closed(box))
        self._box = box

    def _closed(self, box: QMessageBox) -> None:
        self._box = None
        box.deleteLater()  # boxes closed do not pile up under the window

    def _report_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self._previous_thread(args)  # on a console, as before
        text = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        self._write(f"(thread {args.thread.name if args.thread else '?'})\n{text}")

    def log_exception(self, error: BaseException) -> None:
        """Write ``error`` to the log only: after the window has closed (no message then)."""
        self._write("".join(traceback.format_exception(error)))

    def _write(self, text: str) -> Path | None:
        """Append ``text`` to the log (once a session); where it is, None if it cannot be."""
        try:
            path = self.log_path()
            if self._logger is None:
                # Imported with the first error, not at every start (socket, pickle: 30 ms).
                from logging.handlers import RotatingFileHandler

                handler = RotatingFileHandler(
                    path, maxBytes=LOG_BYTES, backupCount=1, encoding="utf-8"
                )
                handler.setFormatter(logging.Formatter("--- %(asctime)s\n%(message)s"))
                # A logger of this window's own (not a child of the root): nothing else of the
                # process writes to the file, and it writes nowhere else.
                self._logger = logging.Logger(f"bdcq_desktop.unexpected.{id(self)}")
                self._logger.addHandler(handler)
            if text not in self._written:
                self._logger.error(text.rstrip())
                self._written.add(text)
        except Exception:  # (a BcdError: no data folder) the message says what it can
            return None
        return path
