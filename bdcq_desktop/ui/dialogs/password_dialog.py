"""The shared server's password, asked at a start whose remembered server refused the one kept
(changed by its administrator) or had none (no credential store on this computer, or not
remembered): the rest of the connection is kept, only the password is typed. The start tries
it in the background (:mod:`..start_server`); a refusal is said here, the dialog open."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ...core.server_choice import SharedServer
from ..dialog_base import Dialog
from .connect_dialog import RememberBox


def _tr(text: str) -> str:
    return QCoreApplication.translate("password_dialog", text)


class PasswordDialog(Dialog):
    """Mật khẩu of the remembered server: Kết nối (Enter, once something is typed), Sửa kết
    nối… (the whole form, :class:`.connect_dialog.ConnectDialog`), Thoát (Esc)."""

    submitted = Signal(str, bool)  # the password, whether to keep it
    edit_wanted = Signal()

    def __init__(self, parent, server: SharedServer, refusal: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(_tr("Mật khẩu cơ sở dữ liệu dùng chung"))
        self.busy = False
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # see ConnectDialog
        intro = QLabel(
            _tr("Máy này kết nối tới cơ sở dữ liệu dùng chung: {server}.").format(
                server=server.described()
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.refusal = QLabel(self)
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.refusal)
        self.say(refusal)

        form = QFormLayout()
        self.password = QLineEdit(self)
        self.password.setObjectName("passwordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        label = QLabel(_tr("Mật khẩ&u:"), self)
        label.setBuddy(self.password)
        form.addRow(label, self.password)
        self.remember = RememberBox(self)
        form.addRow("", self.remember.check)
        layout.addLayout(form)
        layout.addWidget(self.remember.note)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(_tr("&Sửa kết nối…"), self)
        self.edit_button.setObjectName("editButton")
        self.edit_button.setAutoDefault(False)
        self.connect_button = QPushButton(_tr("&Kết nối"), self)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.quit_button = QPushButton(_tr("Thoát"), self)
        self.quit_button.setObjectName("quitButton")
        self.quit_button.setAutoDefault(False)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.quit_button)
        layout.addLayout(buttons)
        for first, second in (
            (self.password, self.remember.check), (self.remember.check, self.connect_button),
            (self.connect_button, self.quit_button), (self.quit_button, self.edit_button),
        ):  # fmt: skip
            self.setTabOrder(first, second)

        self.password.textChanged.connect(self._update)
        self.connect_button.clicked.connect(self._submit)
        self.edit_button.clicked.connect(self.edit_wanted)
        self.quit_button.clicked.connect(self.reject)
        self._update()
        self.resize(600, self.sizeHint().height())
        self.password.setFocus()

    def say(self, text: str) -> None:
        self.refusal.setText(text)

    def _update(self) -> None:
        self.connect_button.setEnabled(bool(self.password.text()) and not self.busy)

    def _submit(self) -> None:
        if self.busy or not self.password.text():
            return
        keep = self.remember.keep()
        self.waiting(True)
        self.say(_tr("Đang kết nối…"))
        self.submitted.emit(self.password.text(), keep)

    def waiting(self, busy: bool) -> None:
        """While the password is tried: nothing to press twice, nothing to close."""
        self.busy = busy
        for widget in (self.password, self.edit_button, self.quit_button):
            widget.setEnabled(not busy)
        self.remember.check.setEnabled(not busy and self.remember.store is not None)
        self._update()

    def refused(self, message: str) -> None:
        """The server refused this password too: said, the password selected to type again."""
        self.waiting(False)
        self.say(message)
        self.password.selectAll()
        self.password.setFocus()

    def reject(self) -> None:
        if not self.busy:
            super().reject()
