"""Attaching a user's file and opening a stored one, for every tab that keeps files (a working
group's drafts, the units' reports). The checks and the storage are the core's
(:mod:`..core.stored_files`); this module only asks for a path and hands a path to the viewer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ..core import stored_files
from ..core.db import Database
from ..core.errors import BcdError
from . import messages


def _tr(text: str) -> str:
    return QCoreApplication.translate("stored_file_actions", text)


def choose_upload(
    parent: QWidget | None, title: str = "", db: Database | None = None
) -> stored_files.Upload | None:
    """Ask for a file and read it (checked: size limit, not a folder, not the database ``db``);
    ``None`` when the user cancels or the file is refused (the reason is shown)."""
    from .io_actions import choose_open_path

    # Where the last attachment came from (the units' reports arrive in one mail folder):
    # otherwise the dialog opened in the program's working folder each time.
    path = choose_open_path(parent, title or _tr("Chọn tệp đính kèm"), "", "attachments")
    if not path:
        return None
    try:
        return stored_files.read_upload(path, db)
    except BcdError as exc:
        messages.show_error(parent, exc, _tr("Không đính kèm được tệp"))
        return None


def open_stored_file(parent: QWidget | None, db: Database, file_id: int) -> bool:
    """Open the stored file with the system's viewer, from a checked cached copy."""
    try:
        path = stored_files.cached_copy(db, file_id)
    except BcdError as exc:
        messages.show_error(parent, exc, _tr("Không mở được tệp"))
        return False
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        messages.show_message(
            parent,
            _tr("Không mở được tệp"),
            _tr("Không có chương trình mở được tệp này. Bản sao nằm tại {path}").format(path=path),
            warning=True,
        )
        return False
    return True
