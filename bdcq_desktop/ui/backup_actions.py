"""Tệp › Sao lưu dữ liệu… and Khôi phục từ bản sao lưu…: the main window's two file actions
on the whole database (the automatic backups have their own window, ``dialogs/backups_dialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from . import messages
from .io_actions import choose_open_path, choose_save_path, run_job
from .worker import run_in_background

if TYPE_CHECKING:
    from ..core.engine import Database

# The folder the officer last backed up to (a USB stick, OneDrive), offered again by both the
# backup and the restore: otherwise the dialog opened in the program's working folder.
FOLDER_KEY = "backup-file"


def backup_file_name(now: datetime) -> str:
    """``bcd-sao-luu-2026-12-01-0930.sqlite3``: the default name of the officer's own backup,
    dated to the minute, so this week's backup to the same stick is not offered under last
    week's name (which a backup never overwrites: the officer was refused after confirming).
    No ':' in the time, which Windows and USB sticks refuse in a file name."""
    return f"bcd-sao-luu-{now:%Y-%m-%d-%H%M}.sqlite3"


# ``window`` below is the main window (main_window.MainWindow, not imported: it imports this
# module): its ``db``, ``show_error`` and ``reload_all`` are used.


def backup_to_file(window: QMainWindow) -> None:
    """Tệp › Sao lưu dữ liệu…: a copy of the database where the officer chooses; of a
    PostgreSQL server, its whole data in a SQLite file (:func:`.core.room_copy.backup_copy`),
    said to be the officer's own copy, not the server's backup."""
    from ..core.db import output_path
    from ..core.room_copy import backup_copy

    server = window.db.sqlite_path is None
    path = choose_save_path(
        window,
        window.tr("Chép dữ liệu của máy chủ ra tệp") if server else window.tr("Sao lưu dữ liệu"),
        backup_file_name(datetime.now()),
        window.tr("Cơ sở dữ liệu SQLite (*.sqlite3 *.db)"),
        FOLDER_KEY,
    )
    if not path:
        return
    window.statusBar().showMessage(window.tr("Đang sao lưu…"))

    def done(dest: Path) -> None:
        if server:
            text = window.tr(
                "Đã chép toàn bộ dữ liệu của máy chủ vào {path} (tệp SQLite, mở được bằng ứng "
                "dụng; không khôi phục ngược lên máy chủ được)."
            )
        else:
            text = window.tr("Đã sao lưu vào {path}")
        window.statusBar().showMessage(text.format(path=dest), 15000 if server else 8000)

    run_in_background(
        lambda _report: backup_copy(window.db, output_path(path, window.db)),
        on_success=done,
        on_failure=lambda exc: _backup_failed(window, exc),
    )


def _backup_failed(window: QMainWindow, exc: Exception) -> None:
    window.statusBar().clearMessage()  # no "Đang sao lưu…" left standing over the refusal
    window.show_error(exc)


def restore_from_file(window: QMainWindow) -> None:
    """Tệp › Khôi phục từ bản sao lưu…: the data replaced by a backup the officer picks (the
    state before it backed up first), then every tab read again. A database that cannot be
    restored here (a server's, a file opened read-only) is said at once: no file to choose,
    no question whose yes would be refused."""
    from ..core.backup import require_restorable
    from ..core.errors import BcdError

    try:
        require_restorable(window.db)
    except BcdError as exc:
        window.show_error(exc)
        return
    path = choose_open_path(
        window,
        window.tr("Khôi phục từ bản sao lưu"),
        window.tr("Cơ sở dữ liệu SQLite (*.sqlite3 *.db)"),
        FOLDER_KEY,
    )
    if not path:
        return
    role = QMessageBox.ButtonRole
    # Waits: the menu's own slot, over the main window (which outlives it), and the answer
    # decides whether this very call restores.
    answer = messages.ask_now(
        window,
        window.tr("Khôi phục dữ liệu"),
        window.tr(
            "Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này? Trạng thái hiện tại sẽ "
            "được sao lưu trước."
        ),
        [
            messages.Answer("yesButton", window.tr("Có"), role.YesRole),
            messages.Answer("noButton", window.tr("Không"), role.NoRole),
        ],
        # Enter keeps the data: a restore replaces the whole database (Có by its Alt letter).
        default="noButton",
        escape="noButton",
        informative=issued_since_note(window.db, path),
        name="confirmRestore",
    )
    if answer != "yesButton":
        return
    if not confirm_clashing(window, window.db, path):
        return
    if not confirm_other_database(window, window.db, Path(path), Path(path).name):
        return

    def restored(safety: object) -> None:
        window.reload_all()
        window.statusBar().showMessage(
            window.tr("Đã khôi phục. Bản trước khi khôi phục: {path}").format(path=safety), 10000
        )

    run_restore(window, window.db, path, on_done=restored, on_error=window.show_error)


def confirm_other_database(parent: QWidget, db: Database, path: Path, what: str) -> bool:
    """Asked, default No, before a backup of another database (a different dataset) replaces
    the open one's data; True at once for a backup of this database, or when the open one
    holds nothing yet (nothing of it is lost). ``what`` names the backup in the question."""
    from ..core.backups import of_another_database

    if not of_another_database(db, path):
        return True
    tr = QCoreApplication.translate
    return _restore_anyway(
        parent,
        tr("backups", "Bản sao lưu của cơ sở dữ liệu khác"),
        tr(
            "backups",
            "Bản sao lưu {what} KHÔNG phải của cơ sở dữ liệu đang mở ({path}) mà của một cơ sở "
            "dữ liệu khác. Khôi phục nó sẽ thay toàn bộ dữ liệu đang dùng bằng một bộ dữ liệu "
            "khác. Vẫn khôi phục?",
        ).format(what=what, path=db.sqlite_path),
        "confirmOtherDatabase",
    )


def _restore_anyway(parent: QWidget, title: str, text: str, name: str) -> bool:
    """A warning asked before a restore that loses something: "Vẫn khôi phục" or "Không",
    the default and Esc; True for the first."""
    role = QMessageBox.ButtonRole
    tr = QCoreApplication.translate
    answer = messages.ask_now(
        parent,
        title,
        text,
        [
            messages.Answer("yesButton", tr("backups", "Vẫn khôi phục"), role.YesRole),
            messages.Answer("noButton", tr("backups", "Không"), role.NoRole),
        ],
        default="noButton",
        escape="noButton",
        icon=QMessageBox.Icon.Warning,
        name=name,
    )
    return answer == "yesButton"


def issued_since_note(db: Database, path: str | Path) -> str:
    """What restoring ``path`` does to the documents issued since that backup (kept in the
    register under their numbers, marked superseded), for the restore's question: the officer
    hears it before "Có". Empty when there are none (read from both registers, no PDF)."""
    from ..core.restore_register import issued_since, what_happens

    live = db.sqlite_path
    return what_happens(issued_since(live, Path(path))) if live is not None else ""


def confirm_clashing(parent: QWidget, db: Database, path: str | Path) -> bool:
    """Asked again, default No, when restoring ``path`` cannot keep some issued documents (the
    backup gave their numbers to other documents): the first "Có" keeps documents, this one
    lets numbers leave the register, so it is its own answer. True at once when none."""
    from ..core.restore_register import issued_since

    live = db.sqlite_path
    clashing = issued_since(live, Path(path)).clashing if live is not None else []
    if not clashing:
        return True
    tr = QCoreApplication.translate
    return _restore_anyway(
        parent,
        tr("backups", "Văn bản không giữ được trong sổ"),
        tr(
            "backups",
            "Bản sao lưu đã cấp số của {n} văn bản đã ban hành cho văn bản khác: {which}. Khôi "
            "phục sẽ đưa các văn bản này ra khỏi sổ đăng ký văn bản (mỗi số chỉ ghi một văn "
            "bản); chỉ còn tệp PDF của chúng trong thư mục văn bản đã ban hành. Vẫn khôi phục?",
        ).format(n=len(clashing), which=", ".join(clashing)),
        "confirmDropClashing",
    )


def run_restore(
    parent: QWidget,
    db: Database,
    path: str | Path,
    *,
    on_done: Callable[[Path | None], None],
    on_error: Callable[[Exception], None],
) -> None:
    """The database replaced by the backup ``path`` off the GUI thread (on ten years of data
    it checks, copies and writes some 120 MB three times: seconds on an office PC), behind a
    progress dialog that holds every window until it is done; the core keeps this process's
    other sessions waiting meanwhile. ``on_done(safety)``: the copy of the state before. The
    caller has asked, saying what happens to documents issued since the backup
    (:func:`issued_since_note`) and, apart, about those it cannot keep
    (:func:`confirm_clashing`)."""
    from ..core.backup import restore_from

    run_job(
        parent,
        QCoreApplication.translate(
            "backups",
            "Đang khôi phục dữ liệu…\nKiểm tra bản sao lưu, sao lưu trạng thái hiện tại, rồi "
            "thay dữ liệu.",
        ),
        lambda _report: restore_from(db, path, confirm_issued=True, drop_clashing=True),
        on_done=on_done,
        on_error=on_error,
        title=QCoreApplication.translate("backups", "Khôi phục dữ liệu"),
        modality=Qt.WindowModality.ApplicationModal,
    )
