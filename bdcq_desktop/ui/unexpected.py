"""Errors nothing caught (a defect, not a refusal of the core): the officer is told, in
Vietnamese, and the traceback is written to ``errors.log`` in the data folder
(:mod:`bdcq_desktop.core.error_log`) for whoever looks after the install.

Qt prints what a slot or an overridden method raises and goes on. The Windows bundle has no
console, so the officer saw nothing: a button that did nothing, a page half read. One
message is shown at a time; the log has them all.

A refusal of the core (:class:`BcdError`) is no defect, wherever it is met: a tab read when it
is painted or shown, with the server gone or the data file taken away, says the core's
Vietnamese message as a button's refusal does (:func:`.messages.guarded`), and nothing is
logged.
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.error_log import LOG_NAME, ErrorLog, describe
from ..core.errors import BcdError

__all__ = ["LOG_NAME", "UnexpectedErrors"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("unexpected", text)


class UnexpectedErrors:
    """Installed as ``sys.excepthook`` (and ``threading.excepthook``, for the threads of the
    start's file check and the autosave) for the life of the main window (:meth:`install`).
    An error of another thread is logged, not shown: only the GUI thread may open a window."""

    def __init__(self, window: QWidget, log: Path | None = None) -> None:
        self.window = window
        self.log = ErrorLog(log)
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
        self.log.close()

    def report(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        self._previous(kind, value, tb)  # on a console, as before
        if not issubclass(kind, Exception):  # KeyboardInterrupt, SystemExit: not a defect
            return
        if isinstance(value, BcdError):
            self._refused(value)
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        where = self.log.write(text)
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return  # logged; a window may be opened on the GUI thread only
        if self._box is not None:
            return  # one message at a time; the log has them all
        from .messages import show_message

        message = _tr("Lỗi không mong đợi: {error}").format(error=describe(value))
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

    def _refused(self, error: BcdError) -> None:
        """The core's refusal, met in a slot that did not expect one: said, not logged."""
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread() or self._box is not None:
            return
        from .messages import show_error

        box = show_error(self.window, error)
        box.setObjectName("refusedBox")
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
        self.log.write(f"(thread {args.thread.name if args.thread else '?'})\n{text}")

    def log_exception(self, error: BaseException) -> None:
        """Write ``error`` to the log only: after the window has closed (no message then)."""
        self.log.write_exception(error)
