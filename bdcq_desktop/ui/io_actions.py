"""File dialogs and background jobs for import and export actions.

An action is split in two so that tests (and the command palette, later) can skip the file
dialog: ``choose_*_path`` asks for a path (remembering the folder per action), and
:func:`run_job` runs the work off the GUI thread behind a progress dialog, then reports the
result or the error. Nothing here blocks the event loop except the native file dialog itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from . import messages, view_state
from .worker import Job, run_in_background

SPREADSHEET_FILTERS = "Excel (*.xlsx);;CSV (*.csv)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("io_actions", text)


def _folder(key: str) -> str:
    folder = view_state.value(f"folders/{key}", "")
    return str(folder) if folder and Path(str(folder)).is_dir() else str(Path.home())


def _remember(key: str, path: str) -> None:
    view_state.save_value(f"folders/{key}", str(Path(path).parent))


def choose_open_path(parent: QWidget | None, title: str, filters: str, key: str) -> str | None:
    """Ask for a file to read; ``None`` if the user cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, title, _folder(key), filters)
    if not path:
        return None
    _remember(key, path)
    return path


def choose_save_path(
    parent: QWidget | None, title: str, default_name: str, filters: str, key: str
) -> str | None:
    """Ask where to write; adds the extension of the chosen filter when none was typed."""
    start = str(Path(_folder(key)) / default_name)
    path, chosen = QFileDialog.getSaveFileName(parent, title, start, filters)
    if not path:
        return None
    if not Path(path).suffix:
        path += filter_suffix(chosen)
    _remember(key, path)
    return path


def filter_suffix(chosen: str) -> str:
    """The extension a name typed without one gets from the filter chosen: its first pattern's
    (``Cơ sở dữ liệu SQLite (*.sqlite3 *.db)`` → ``.sqlite3``, not ``.sqlite3 *.db``)."""
    match = re.search(r"\*(\.[^\s;)*]+)", chosen)
    return match.group(1) if match else ""


class _JobProgress(QProgressDialog):
    """A job's progress, there until the job ends: Esc and the close button do not hide it
    (the job would go on behind a window the officer could use meanwhile)."""

    running = True

    def reject(self) -> None:
        if not self.running:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            event.ignore()
        else:
            super().closeEvent(event)


def run_job(
    parent: QWidget | None,
    label: str,
    fn: Callable[[Callable[[int, str], None]], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
    title: str = "",
    modality: Qt.WindowModality = Qt.WindowModality.WindowModal,
) -> Job:
    """Run ``fn(report)`` in the background behind a progress dialog.

    ``report(percent, text)`` moves the bar; a job that never reports shows a busy bar. The
    dialog appears only if the job takes longer than half a second, and holds ``parent``'s
    window (``modality``: every window) until it ends. ``on_done(result)`` runs on the GUI
    thread; an error goes to ``on_error`` or, by default, to a warning box.
    """
    progress = _JobProgress(label, "", 0, 0, parent)
    progress.setObjectName("jobProgress")
    progress.setWindowTitle(title or _tr("Đang xử lý"))
    progress.setWindowModality(modality)
    progress.setCancelButton(None)  # the core's operations are atomic; there is nothing to undo
    progress.setMinimumDuration(500)
    # Starts the half second: without it the dialog kept Qt's own default, four seconds, for
    # a job that never reports (an import's reading, a restore), and the window stayed free.
    progress.setValue(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setMinimumWidth(360)

    def on_progress(percent: int, text: str) -> None:
        progress.setMaximum(100)
        progress.setValue(max(0, min(100, percent)))
        if text:
            progress.setLabelText(text)

    def finish() -> None:
        if shiboken6.isValid(progress):  # deleted with its parent, by code, meanwhile
            progress.running = False
            progress.close()
            progress.deleteLater()

    def succeeded(result: Any) -> None:
        finish()
        on_done(result)

    def failed(exc: Exception) -> None:
        finish()
        if on_error is not None:
            on_error(exc)
        else:
            messages.show_error(parent, exc)

    return run_in_background(fn, on_success=succeeded, on_failure=failed, on_progress=on_progress)
