"""A start whose remembered shared server could not be opened (:class:`.app._Start`): asked
again instead of quitting. A password refused or missing is asked for in a small dialog
(:class:`.dialogs.password_dialog.PasswordDialog`), the rest of the connection kept; a server
out of reach (or refusing for another reason) is said, with: Thử lại, Sửa kết nối… (the whole
form), Xem dữ liệu trên máy này (chỉ xem), Thoát.

The local data is offered to look at only, never to work on: an officer who picked it by
reflex would otherwise save meeting records in a file nobody else sees. Every save is refused
saying why, and the status bar says "Chỉ xem, không lưu được: …" for as long as it is open.
Working on this computer's own file is a choice made in the full form ("Dùng dữ liệu trên máy
này"), which forgets the server.

Like the start's other questions, nothing here waits in a nested event loop: each answer
continues the start (:meth:`.app._Start._opened`) or quits it (exit code 2).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox

from ..core.errors import BcdError
from ..core.server_choice import SharedServer
from . import messages
from .messages import Answer
from .worker import run_in_background


def _tr(text: str) -> str:
    return QCoreApplication.translate("start_server", text)


class ServerStart(QObject):
    """What a start does when its remembered server could not be opened."""

    def __init__(self, start: Any, server: SharedServer) -> None:
        super().__init__(start)
        self.start, self.server = start, server
        self.window = start.window
        self.last: BcdError | None = None  # what the server last said

    @classmethod
    def of(cls, start: Any) -> ServerStart | None:
        """The handler for ``start``, None when it did not open a remembered server."""
        from ..core.server_choice import remembered_for

        try:
            server = remembered_for(start.args.db)
        except BcdError:
            return None  # an unusable setting: refused as any database that cannot be used
        return None if server is None else cls(start, server)

    def failed(self, exc: BcdError) -> None:
        from ..core.storage_errors import ServerLoginRefused

        self.last = exc
        if isinstance(exc, ServerLoginRefused):
            self.ask_password(exc.message)
        else:
            self.ask_what_next(exc.message)

    # -- a password refused or missing -----------------------------------------------------------
    def ask_password(self, refusal: str) -> None:
        from .dialogs.password_dialog import PasswordDialog

        dialog = PasswordDialog(self.window, self.server, _refusal_text(refusal))
        dialog.submitted.connect(lambda password, keep: self._try(dialog, password, keep))
        dialog.edit_wanted.connect(lambda: (dialog.done(2), self.edit(self.ask_password, refusal)))
        dialog.rejected.connect(lambda: self.start.app.exit(2))
        self.start.question = dialog
        dialog.open()

    def _try(self, dialog: Any, password: str, keep: bool) -> None:
        """The password typed, tried as the start opens (off the GUI thread), kept in the
        credential store (or a kept one taken away) once the server took it."""
        from ..core.server_choice import keep_password
        from .app import _open_checked

        server, front = self.server, self.start.front

        def job(_report: object) -> tuple[Any, str | None]:
            opened = _open_checked(None, front, None, password=password)
            try:
                note = keep_password(server, password, keep)
            except BaseException:
                opened[0].dispose()
                raise
            return opened, note

        def failed(exc: Exception) -> None:
            from ..core.storage_errors import ServerLoginRefused

            if isinstance(exc, ServerLoginRefused):
                dialog.refused(_refusal_text(exc.message))
                return
            dialog.waiting(False)
            dialog.done(2)  # not a rejection: the start goes on with the question below
            if isinstance(exc, BcdError):
                self.last = exc
                self.ask_what_next(exc.message)
            else:
                self.start._failed(exc)  # a defect: as loud as any at a start

        def opened(result: tuple[Any, str | None]) -> None:
            opened_db, note = result
            dialog.waiting(False)
            dialog.done(1)
            self._continue(opened_db, note)

        run_in_background(job, on_success=opened, on_failure=failed)

    # -- a server out of reach -------------------------------------------------------------------
    def ask_what_next(self, said: str) -> None:
        from ..core.engine import default_sqlite_path

        role = QMessageBox.ButtonRole
        answers = [
            Answer("retryButton", _tr("Thử lại"), role.AcceptRole),
            Answer("editButton", _tr("Sửa kết nối…"), role.ActionRole),
        ]
        local = default_sqlite_path()
        if local.is_file() and local.stat().st_size:
            view = _tr("Xem dữ liệu trên máy này (chỉ xem)")
            answers.append(Answer("viewLocalButton", view, role.ActionRole))
        answers.append(Answer("quitButton", _tr("Thoát"), role.RejectRole))
        self.start.question = messages.ask(
            self.window,
            _tr("Chưa kết nối được cơ sở dữ liệu dùng chung"),
            said,
            answers,
            default="retryButton",
            escape="quitButton",
            on_answer=self._answered,
            icon=QMessageBox.Icon.Warning,
            informative=_tr(
                "Máy này làm việc trên cơ sở dữ liệu dùng chung ({server}). Dữ liệu trên máy "
                "này chỉ mở để xem: mọi thay đổi phải lưu vào máy chủ."
            ).format(server=self.server.described()),
            name="serverUnreachable",
        )

    def _answered(self, answer: str | None) -> None:
        if answer == "retryButton":
            self.window.statusBar().showMessage(
                _tr("Đang kết nối lại tới {server}…").format(server=self.server.address)
            )
            self.start._open_database()
        elif answer == "editButton":
            self.edit(self.ask_what_next, self.last.message if self.last else "")
        elif answer == "viewLocalButton":
            self._view_local()
        else:
            self.start.app.exit(2)

    def _view_local(self) -> None:
        from ..core.server_connect import open_local_read_only

        server = self.server

        def failed(exc: Exception) -> None:
            if not isinstance(exc, BcdError):
                self.start._failed(exc)
                return
            box = messages.show_error(self.window, exc, _tr("Không mở được dữ liệu trên máy này"))
            box.finished.connect(lambda _result: self.ask_what_next(self.last.message))

        run_in_background(
            lambda _report: (open_local_read_only(server), None),
            on_success=lambda result: self._continue((result[0], False, False), None),
            on_failure=failed,
        )

    # -- the whole form ----------------------------------------------------------------------------
    def edit(self, back: Any, said: str) -> None:
        """Sửa kết nối…: the full form on the remembered server; what it opens continues the
        start (the server it names is then the one remembered), closing it asks again."""
        from .dialogs.connect_dialog import ConnectDialog

        first_line = (_refusal_text(said).splitlines() or [""])[0]
        dialog = ConnectDialog(self.window, server=self.server, note=first_line)
        dialog.opened.connect(lambda result: self._continue(result[:3], result[3]))
        dialog.rejected.connect(lambda: back(said))
        self.start.question = dialog
        dialog.open()

    def _continue(self, opened: tuple[Any, bool, bool], note: str | None) -> None:
        """The start goes on over the database opened; ``note`` (the password could not be
        kept: the dialog said beforehand it would not be) stays in the status bar."""
        self.start._opened(opened)
        if note:
            self.window.statusBar().showMessage(note)


def _refusal_text(message: str) -> str:
    """The server's refusal as the password dialog says it: "no password supplied" is no
    refusal to the officer, only a password to type."""
    if "no password supplied" in message:
        return _tr("Máy này chưa lưu mật khẩu của máy chủ: hãy nhập mật khẩu.")
    return message
