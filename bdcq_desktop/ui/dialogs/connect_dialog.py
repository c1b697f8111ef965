"""Tệp › Kết nối cơ sở dữ liệu dùng chung…: the office's PostgreSQL server (máy chủ, cổng, tên
cơ sở dữ liệu, người dùng, mật khẩu), checked and connected to in the background (a server out
of reach takes up to 10 s to say so: the window never waits on it), remembered on this
computer without its password (:mod:`...core.server_choice`); the password goes to the
operating system's credential store when "Ghi nhớ mật khẩu trên máy này" is ticked.
"Dùng dữ liệu trên máy này" goes back to this computer's own file.

The dialog does not switch the window itself: :attr:`ConnectDialog.opened` hands the database
opened (with what a start asks of it) to whoever opened the dialog, the window's menu or a
start that could not reach the server (:mod:`..start_server`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import BcdError, ValidationError
from ...core.server_choice import (
    DEFAULT_PORT,
    SharedServer,
    shared_server,
)
from ..dialog_base import Dialog
from ..worker import run_in_background


def _tr(text: str) -> str:
    return QCoreApplication.translate("connect_dialog", text)


class RememberBox(QObject):
    """"Ghi nhớ mật khẩu trên máy này" (ticked), and a line saying which store keeps it or,
    where the system has none, why it cannot be ticked: two widgets of ``parent``, which lays
    them out (the line under the form, across the dialog). Which store there is is asked in
    the background (keyring finds its backends in some 0.1 s): until it answers the box
    cannot be changed, and a password given meanwhile is kept if a store turns out to be
    there."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.check = QCheckBox(_tr("&Ghi nhớ mật khẩu trên máy này"), parent)
        self.check.setObjectName("rememberPassword")
        self.check.setChecked(True)
        self.check.setEnabled(False)
        self.note = QLabel(_tr("Đang tìm kho mật khẩu của máy này…"), parent)
        self.note.setObjectName("rememberNote")
        self.note.setWordWrap(True)
        self.store: str | None = None
        self.known = False
        from ...core.server_choice import credential_store

        run_in_background(lambda _report: credential_store(), on_success=self._found)

    def _found(self, store: str | None) -> None:
        from ...core.server_choice import no_store_message

        self.known, self.store = True, store
        busy = getattr(self.parent(), "busy", False)  # a password being tried: held
        self.check.setEnabled(store is not None and not busy)
        self.check.setChecked(store is not None)
        if store is None:
            self.note.setText(no_store_message())
        else:
            self.note.setText(_tr("Mật khẩu được lưu trong {store} của máy này, không lưu vào "
                                  "tệp nào.").format(store=store))  # fmt: skip

    def keep(self) -> bool:
        return self.check.isChecked()


class ConnectDialog(Dialog):
    """Tệp › Kết nối cơ sở dữ liệu dùng chung… (see the module doc)."""

    # (Database, empty, demo to finish, note): the database opened, as a start's job gives it.
    opened = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        *,
        server: SharedServer | None = None,
        in_use: str = "",
        local_in_use: bool = False,
        note: str = "",
        can_switch: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(_tr("Kết nối cơ sở dữ liệu dùng chung"))
        self.can_switch = can_switch
        self._job = 0  # the job whose answer is awaited (an older one's is dropped)
        self.busy = False
        layout = QVBoxLayout(self)
        # Never smaller than its content: a note or a message that wraps onto more lines
        # grows the dialog instead of drawing over the fields.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = QLabel(
            _tr(
                "Kết nối máy này với cơ sở dữ liệu dùng chung của văn phòng (máy chủ "
                "PostgreSQL), để mọi cán bộ làm việc trên cùng dữ liệu. Địa chỉ được nhớ trên "
                "máy này, mật khẩu thì không, trừ khi bạn chọn ghi nhớ nó."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if in_use:
            current = QLabel(in_use, self)
            current.setObjectName("inUse")
            current.setWordWrap(True)
            layout.addWidget(current)
        if note:
            said = QLabel(note, self)
            said.setObjectName("startNote")
            said.setWordWrap(True)
            layout.addWidget(said)

        form = QFormLayout()
        self.host = QLineEdit(self)
        self.host.setObjectName("hostEdit")
        self.host.setPlaceholderText(_tr("ví dụ 192.168.1.10 hoặc maychu.vanphong.local"))
        self.port = QSpinBox(self)
        self.port.setObjectName("portEdit")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.database = QLineEdit(self)
        self.database.setObjectName("databaseEdit")
        self.user = QLineEdit(self)
        self.user.setObjectName("userEdit")
        self.password = QLineEdit(self)
        self.password.setObjectName("passwordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_tr("để trống nếu đã ghi nhớ trên máy này"))
        for text, editor in (
            (_tr("&Máy chủ:"), self.host),
            (_tr("&Cổng:"), self.port),
            (_tr("Tên cơ sở &dữ liệu:"), self.database),
            (_tr("&Người dùng:"), self.user),
            (_tr("Mật khẩ&u:"), self.password),
        ):
            label = QLabel(text, self)
            label.setBuddy(editor)
            form.addRow(label, editor)
        self.remember = RememberBox(self)
        form.addRow("", self.remember.check)
        layout.addLayout(form)
        layout.addWidget(self.remember.note)
        layout.addSpacing(self.fontMetrics().lineSpacing() // 2)

        self.result = QLabel(self)
        self.result.setObjectName("checkResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result, 1)

        buttons = QHBoxLayout()
        self.local_button = QPushButton(_tr("Dùng dữ &liệu trên máy này"), self)
        self.local_button.setObjectName("localButton")
        self.local_button.setAutoDefault(False)
        self.local_usable = not local_in_use
        self.local_button.setEnabled(self.local_usable)
        self.local_button.setToolTip(
            _tr("Quên máy chủ (và mật khẩu đã ghi nhớ), làm việc trên tệp dữ liệu của máy này.")
        )
        self.check_button = QPushButton(_tr("Kiểm &tra kết nối"), self)
        self.check_button.setObjectName("checkButton")
        self.check_button.setAutoDefault(False)
        self.connect_button = QPushButton(_tr("&Kết nối"), self)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.close_button = QPushButton(_tr("Đóng"), self)
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.local_button)
        buttons.addStretch(1)
        for button in (self.check_button, self.connect_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        for first, second in (
            (self.host, self.port), (self.port, self.database), (self.database, self.user),
            (self.user, self.password), (self.password, self.remember.check),
            (self.remember.check, self.check_button), (self.check_button, self.connect_button),
            (self.connect_button, self.close_button), (self.close_button, self.local_button),
        ):  # fmt: skip
            QWidget.setTabOrder(first, second)

        self.check_button.clicked.connect(self.check)
        self.connect_button.clicked.connect(self.connect_to_server)
        self.local_button.clicked.connect(self.use_local)
        self.close_button.clicked.connect(self.reject)
        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(self._edited)
        self.port.valueChanged.connect(self._edited)
        if server is not None:
            self.host.setText(server.host)
            self.port.setValue(server.port)
            self.database.setText(server.database)
            self.user.setText(server.user)
        self._edited()
        self.resize(640, self.sizeHint().height())
        (self.password if server is not None else self.host).setFocus()

    # -- the form ------------------------------------------------------------------------------
    def server(self) -> SharedServer:
        """The server typed, checked by the core (each field refused is named)."""
        return shared_server(
            self.host.text(), self.port.value(), self.database.text(), self.user.text()
        )

    def _edited(self, *_args: object) -> None:
        """A field changed: what a check found was of another server; a field refused is
        said once the required ones are filled."""
        self._job += 1
        try:
            self.server()
        except ValidationError as exc:
            filled = all(e.text().strip() for e in (self.host, self.database, self.user))
            self._say("\n".join(e.message for e in exc.every) if filled else "")
        else:
            self._say("")
        self._update_buttons()

    def _valid(self) -> bool:
        try:
            self.server()
        except ValidationError:
            return False
        return True

    def _update_buttons(self) -> None:
        """Kết nối (the button Enter presses) and Kiểm tra only once the form names a
        server, and not while connecting."""
        valid = self._valid() and not self.busy
        self.connect_button.setEnabled(valid)
        self.check_button.setEnabled(valid)

    def _say(self, text: str) -> None:
        self.result.setText(text)

    def _working(self, busy: bool, text: str = "") -> None:
        """While connecting, the form is held (what is being connected to stays what is
        shown) and the dialog cannot be closed: it hands the database over when done."""
        self.busy = busy
        for widget in (self.host, self.port, self.database, self.user, self.password,
                       self.close_button):  # fmt: skip
            widget.setEnabled(not busy)
        self.remember.check.setEnabled(not busy and self.remember.store is not None)
        self.local_button.setEnabled(self.local_usable and not busy)
        self._update_buttons()
        self._say(text)

    def reject(self) -> None:
        if self.busy:  # Esc while connecting: the connection is not left half handed over
            return
        super().reject()

    # -- the actions ---------------------------------------------------------------------------
    def check(self) -> None:
        """Kiểm tra kết nối: sign in and read the revision, off the GUI thread."""
        from ...core.server_connect import check_server

        try:
            server = self.server()
        except BcdError as exc:
            self._say(exc.message)
            return
        password = self.password.text()
        self._job += 1
        job = self._job
        self._say(_tr("Đang kiểm tra kết nối tới {server}…").format(server=server.address))
        self.check_button.setEnabled(False)  # one check at a time
        run_in_background(
            lambda _report: check_server(server, password),
            on_success=lambda found: self._checked(job, found.message()),
            on_failure=lambda exc: self._checked(job, _error_text(exc)),
        )

    def _checked(self, job: int, text: str) -> None:
        if job != self._job:  # the form changed meanwhile: its own check is for later
            return
        self._say(text)
        self._update_buttons()

    def connect_to_server(self) -> None:
        """Kết nối: open the server's database (made or upgraded as a start does), remember
        it, keep the password if asked; the database goes to :attr:`opened`."""
        from ...core.server_connect import connect_server

        if self.busy or not self._switch_allowed():
            return
        try:
            server = self.server()
        except BcdError as exc:
            self._say(exc.message)
            return
        password, keep = self.password.text(), self.remember.keep()
        self._run(
            lambda: connect_server(server, password, keep=keep),
            _tr("Đang kết nối tới {server}…").format(server=server.described()),
        )

    def use_local(self) -> None:
        """Dùng dữ liệu trên máy này: this computer's file opened, the server forgotten."""
        from ...core.server_connect import use_local_data

        if self.busy or not self._switch_allowed():
            return
        self._run(use_local_data, _tr("Đang mở dữ liệu trên máy này…"))

    def _switch_allowed(self) -> bool:
        refused = self.can_switch()
        if refused:
            self._say(refused)
        return not refused

    def _run(self, open_database: Callable[[], Any], text: str) -> None:
        self._working(True, text)
        run_in_background(
            lambda _report: opened_state(open_database()),
            on_success=self._opened,
            on_failure=self._failed,
        )

    def _opened(self, opened: tuple[Any, bool, bool, str | None]) -> None:
        self._working(False)
        self.opened.emit(opened)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._working(False)
        if not isinstance(exc, BcdError):
            raise exc  # a defect: the window's hook says and logs it
        self._say(exc.message)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, BcdError):
        return exc.message
    raise exc


def opened_state(opened: Any) -> tuple[Any, bool, bool, str | None]:
    """What a start asks of a database just opened, asked in the same background job:
    ``(db, empty, demo to finish, note)``; ``opened`` a Database or a
    :class:`...core.server_connect.Connected`."""
    from ..startup_questions import start_state

    db, note = (opened.db, opened.note) if hasattr(opened, "note") else (opened, None)
    try:
        empty, due = start_state(db)
    except BaseException:
        db.dispose()
        raise
    return db, empty, due, note
