"""Tệp › Sao lưu dữ liệu… and Khôi phục từ bản sao lưu…: the main window's two file actions
on the whole database (the automatic backups have their own window, ``dialogs/backups_dialog``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from ..core.errors import BcdError
from .worker import run_in_background

# ``window`` below is the main window (main_window.MainWindow, not imported: it imports this
# module): its ``db``, ``show_error`` and ``reload_all`` are used.


def backup_to_file(window: QMainWindow) -> None:
    """Tệp › Sao lưu dữ liệu…: a copy of the database where the officer chooses."""
    from ..core.backup import backup_to
    from ..core.db import output_path

    path, _ = QFileDialog.getSaveFileName(
        window,
        window.tr("Sao lưu dữ liệu"),
        "bcd-sao-luu.sqlite3",
        window.tr("Cơ sở dữ liệu SQLite (*.sqlite3 *.db)"),
    )
    if not path:
        return
    window.statusBar().showMessage(window.tr("Đang sao lưu…"))
    run_in_background(
        lambda _report: backup_to(window.db, output_path(path, window.db)),
        on_success=lambda dest: window.statusBar().showMessage(
            window.tr("Đã sao lưu vào {path}").format(path=dest), 8000
        ),
        on_failure=window.show_error,
    )


def restore_from_file(window: QMainWindow) -> None:
    """Tệp › Khôi phục từ bản sao lưu…: the data replaced by a backup the officer picks (the
    state before it backed up first), then every tab read again."""
    from ..core.backup import restore_from

    path, _ = QFileDialog.getOpenFileName(
        window,
        window.tr("Khôi phục từ bản sao lưu"),
        "",
        window.tr("Cơ sở dữ liệu SQLite (*.sqlite3 *.db)"),
    )
    if not path:
        return
    answer = QMessageBox.question(
        window,
        window.tr("Khôi phục dữ liệu"),
        window.tr(
            "Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này? Trạng thái hiện tại sẽ "
            "được sao lưu trước."
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        safety = restore_from(window.db, path)
    except BcdError as exc:
        window.show_error(exc)
        return
    window.reload_all()
    window.statusBar().showMessage(
        window.tr("Đã khôi phục. Bản trước khi khôi phục: {path}").format(path=safety), 10000
    )
