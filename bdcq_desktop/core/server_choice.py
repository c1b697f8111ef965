"""The office's shared database server this computer connects to (Tệp › Kết nối cơ sở dữ liệu
dùng chung…, ``bdcq connect``), and where its password is kept.

The server's address (host, port, database, user) is one of this computer's settings
(:mod:`.machine_settings`), never its password: that goes, when the officer asks for it to be
remembered, to the operating system's credential store (Windows Credential Manager on the
office PCs, the macOS keychain, the Secret Service of a Linux desktop) through the ``keyring``
library. Where there is none (keyring's "fail" backend: a Linux without a desktop session),
nothing is written anywhere and the password is asked at each start. A password typed in a
shortcut's ``--db postgresql://user:password@…`` or in ``BDCQ_DATABASE_URL`` sat in clear in
the shortcut, the environment and the process list; these are what an office needs instead.

Which database a front end opens: ``--db``, then ``BDCQ_DATABASE_URL``, then the server
remembered here, then the local SQLite file (:func:`.engine.resolve_url` applies it).

The standard library only at import: the start reads the choice before SQLAlchemy is imported,
and ``keyring`` (some 0.1 s of entry-point discovery) is imported only to look a password up
or store one, so a start without a remembered server never loads it.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import validation as v
from .errors import BcdError, ValidationError
from .i18n import tr
from .machine_settings import machine_file, machine_setting, set_machine_setting
from .sqlite_file import ENV_URL
from .sqlite_file import start_file as _file_start
from .text import excerpt

SERVER_KEY = "shared_server"
DEFAULT_PORT = 5432
# The credential store's entry: this service, one account per server and user (an officer
# may keep a second login, such as a test server's, apart).
KEYRING_SERVICE = "bdcq-desktop"
# A host name (letters, digits, dots, hyphens) or an IPv4 address; an IPv6 one is checked
# apart. Anything else (a space, "/", "@", ":") would change what the URL means.
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.\-_]*[A-Za-z0-9])?")

# What keyring's backends are called in the officer's words.
_STORE_NAMES = {
    "WinVaultKeyring": "Windows Credential Manager",
    "macOS": "macOS Keychain",
    "SecretService": "Secret Service",
    "libsecret": "Secret Service (libsecret)",
    "KWallet": "KWallet",
}


def host_label() -> str:
    return tr("Máy chủ")


def port_label() -> str:
    return tr("Cổng")


def database_label() -> str:
    return tr("Tên cơ sở dữ liệu")


def user_label() -> str:
    return tr("Người dùng")


@dataclass(frozen=True)
class SharedServer:
    """Where the office's PostgreSQL database is, and who signs in to it (no password)."""

    host: str
    port: int
    database: str
    user: str

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def account(self) -> str:
        """Its entry in the credential store."""
        return f"{self.user}@{self.address}/{self.database}"

    def described(self) -> str:
        return tr("máy chủ {address}, cơ sở dữ liệu {database}, người dùng {user}").format(
            address=self.address, database=self.database, user=self.user
        )

    def url(self, password: str | None = None) -> str:
        """Its SQLAlchemy URL, ``password`` in it when given (for the engine only: never
        shown, written or passed on a command line)."""
        from sqlalchemy.engine import URL

        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
        ).render_as_string(hide_password=False)

    def as_setting(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "database": self.database,
                "user": self.user}  # fmt: skip


def shared_server(host: object, port: object, database: object, user: object) -> SharedServer:
    """The server the officer typed, checked: each field refused is named (all at once)."""
    refused: list[ValidationError] = []

    def read(reader: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return reader(*args, **kwargs)
        except ValidationError as exc:
            refused.append(exc)
            return None

    host_text = read(_host, host)
    number = read(v.positive_int, port if port not in (None, "") else DEFAULT_PORT, "port",
                  port_label(), minimum=1, maximum=65535)  # fmt: skip
    name = read(v.text, database, "database", database_label(), required=True, max_len=63)
    login = read(v.text, user, "user", user_label(), required=True, max_len=63)
    if refused:
        first, *others = refused
        raise ValidationError(first.field, first.message, label=first.label, also=tuple(others))
    return SharedServer(host_text, number, name, login)


def _host(value: object) -> str:
    text = v.text(value, "host", host_label(), required=True, max_len=253) or ""
    if _HOST.fullmatch(text):
        return text
    try:
        return str(ipaddress.IPv6Address(text.strip("[]")))
    except ValueError:
        pass
    raise ValidationError(
        "host",
        tr(
            '"{label}" là tên máy chủ hoặc địa chỉ IP (ví dụ 192.168.1.10 hoặc '
            "maychu.vanphong.local), không có khoảng trắng, \"/\", \"@\" hay \":\": \"{value}\"."
        ).format(label=host_label(), value=excerpt(text, 80)),
        label=host_label(),
    )


# -- the choice kept on this computer ------------------------------------------------------------
def remembered_server() -> SharedServer | None:
    """The server this computer connects to, None when it uses its own file. A setting edited
    by hand into something unusable is refused, naming the file: falling back to the local
    file would have the officer work, unawares, on another database."""
    stored = machine_setting(SERVER_KEY)
    if stored is None:
        return None
    try:
        if not isinstance(stored, dict):
            raise ValidationError("host", tr("không phải một máy chủ"), label=host_label())
        return shared_server(
            stored.get("host"), stored.get("port"), stored.get("database"), stored.get("user")
        )
    except ValidationError as exc:
        raise BcdError(
            tr(
                "Máy chủ dùng chung ghi trong {path} không dùng được ({problem}). Hãy kết nối "
                "lại (Tệp › Kết nối cơ sở dữ liệu dùng chung…, bdcq connect) hoặc dùng dữ liệu "
                "trên máy này (bdcq connect --local)."
            ).format(path=machine_file(), problem=exc.message)
        ) from None


def remembered_for(db_arg: str | os.PathLike[str] | None) -> SharedServer | None:
    """The remembered server when it is what a front end opens for ``--db db_arg``: no
    ``--db``, no ``BDCQ_DATABASE_URL``."""
    if db_arg is not None or os.environ.get(ENV_URL):
        return None
    return remembered_server()


def remember_server(server: SharedServer) -> None:
    set_machine_setting(SERVER_KEY, server.as_setting())


def start_file(db_arg: str | None) -> Path | None:
    """The SQLite file a start with ``--db db_arg`` opens, when that is known without
    SQLAlchemy (:func:`.sqlite_file.start_file`); None when it opens the remembered server."""
    try:
        if remembered_for(db_arg) is not None:
            return None
    except BcdError:
        return None  # the start itself says what is wrong with the setting
    return _file_start(db_arg)


# -- the password, in the operating system's credential store ------------------------------------
def credential_store() -> str | None:
    """The name of the credential store passwords go to; None when the system has none
    (keyring's fail or null backend), or it cannot be reached."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception:  # a backend that breaks while it is discovered: none to use
        return None
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    kind = type(backend)
    return _STORE_NAMES.get(kind.__name__) or _STORE_NAMES.get(
        kind.__module__.rsplit(".", 1)[-1], str(getattr(backend, "name", kind.__name__))
    )


def no_store_message() -> str:
    return tr(
        "Máy này không có kho mật khẩu của hệ điều hành (Windows Credential Manager, macOS "
        "Keychain, Secret Service): mật khẩu không được lưu, ứng dụng sẽ hỏi mật khẩu mỗi lần "
        "khởi động."
    )


def stored_password(server: SharedServer) -> str | None:
    """The password kept for ``server``; None when none is kept or the store cannot be read
    (the server then refuses the login, and the officer is asked)."""
    if credential_store() is None:
        return None
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, server.account)
    except Exception:  # a locked or broken store: asked, as with none
        return None


def keep_password(server: SharedServer, password: str | None, keep: bool) -> str | None:
    """Keep ``password`` for ``server`` in the credential store (``keep``), or take away the
    one kept. Returns what the officer must be told when it could not be kept (no store, the
    store refused), else None; the connection itself stands either way."""
    if not keep:
        forget_password(server)
        return None
    if credential_store() is None:
        return no_store_message()
    if not password:
        return None
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, server.account, password)
    except Exception as exc:
        return tr(
            "Không lưu được mật khẩu vào kho mật khẩu của hệ điều hành ({detail}): ứng dụng "
            "sẽ hỏi mật khẩu mỗi lần khởi động."
        ).format(detail=str(exc) or type(exc).__name__)
    return None


def forget_password(server: SharedServer) -> None:
    """Take the password kept for ``server`` out of the credential store, if one is."""
    if credential_store() is None:
        return
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        if keyring.get_password(KEYRING_SERVICE, server.account) is not None:
            keyring.delete_password(KEYRING_SERVICE, server.account)
    except PasswordDeleteError:
        pass  # gone meanwhile
    except Exception as exc:  # a locked or broken store: the officer must know it stays
        raise BcdError(
            tr(
                "Không xóa được mật khẩu đã lưu của {account} khỏi kho mật khẩu của hệ điều "
                "hành ({detail}). Hãy xóa nó trong kho mật khẩu (Windows Credential Manager: "
                "mục {service})."
            ).format(
                account=server.account,
                detail=str(exc) or type(exc).__name__,
                service=KEYRING_SERVICE,
            )
        ) from None


def forget_server() -> SharedServer | None:
    """Back to this computer's own file: the server no longer remembered, its password taken
    out of the credential store. Returns the server forgotten (None: there was none)."""
    try:
        server = remembered_server()
    except BcdError:
        server = None  # a setting that was unusable: removed all the same
    set_machine_setting(SERVER_KEY, None)
    if server is not None:
        forget_password(server)
    return server
