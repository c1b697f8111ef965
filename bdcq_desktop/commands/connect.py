"""``bdcq connect``: the office's shared server this computer uses, as the window's Tệp › Kết
nối cơ sở dữ liệu dùng chung… sets it (the same setting, the same credential store): remember
one (its password asked, or read from stdin, never taken as an argument: it would sit in the
shell's history and the process list), show it, or go back to this computer's own file."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import EXIT_OK, add_command

HELP = (
    "kết nối máy này với cơ sở dữ liệu dùng chung (máy chủ PostgreSQL) / connect this "
    "computer to the office's shared PostgreSQL database"
)
EPILOG = (
    "Cơ sở dữ liệu được mở theo thứ tự / which database a command opens: --db, rồi / then "
    "BDCQ_DATABASE_URL, rồi máy chủ nhớ bằng lệnh này (hoặc Tệp › Kết nối cơ sở dữ liệu dùng "
    "chung… trong cửa sổ) / then the server remembered here (or in the window), rồi tệp "
    "bcd.sqlite3 trong thư mục dữ liệu / then the local file. Mật khẩu lưu trong kho mật khẩu "
    "của hệ điều hành (Windows Credential Manager), không bao giờ trong tệp / the password "
    "goes to the OS credential store, never to a file."
)


def add_connect_command(sub: Any) -> None:
    p = add_command(sub, "connect", HELP, cmd_connect)
    p.epilog = EPILOG
    what = p.add_mutually_exclusive_group()
    what.add_argument("--host", metavar="HOST",
                      help="máy chủ: tên hoặc địa chỉ IP / the server's name or IP address")
    what.add_argument("--show", action="store_true",
                      help="xem máy chủ đang nhớ / show the remembered server")
    what.add_argument("--local", action="store_true",
                      help="quên máy chủ (và mật khẩu đã lưu), dùng dữ liệu trên máy này / "
                      "forget the server and its stored password, use the local file")
    p.add_argument("--port", metavar="N", default="5432",
                   help="cổng / port (mặc định / default: 5432)")
    p.add_argument("--database", metavar="NAME", help="tên cơ sở dữ liệu / database name")
    p.add_argument("--user", metavar="USER", help="người dùng / user name")
    p.add_argument("--password-stdin", action="store_true",
                   help="đọc mật khẩu từ dòng đầu của stdin (không hỏi) / read the password "
                   "from the first line of stdin")
    p.add_argument("--no-save-password", action="store_true",
                   help="không lưu mật khẩu: hỏi mỗi lần / do not store the password: asked "
                   "each time")  # fmt: skip


def cmd_connect(args: argparse.Namespace) -> int:
    if args.show:
        return _show(args)
    if args.local:
        return _local()
    if not args.host:
        from .common import usage

        return usage(
            "cần --host (kết nối), --show hoặc --local",
            "one of --host (connect), --show or --local is required",
        )
    return _connect(args)


def _connect(args: argparse.Namespace) -> int:
    from ..core.server_choice import shared_server
    from ..core.server_connect import connect_server

    server = shared_server(args.host, args.port, args.database, args.user)  # refused first
    password = _password(args, server)
    connected = connect_server(server, password, keep=not args.no_save_password)
    args.__dict__.setdefault("_databases_opened", []).append(connected.db)
    from ..core.migrate import current_revision

    print(
        f"Đã kết nối / connected: {server.described()} (phiên bản dữ liệu / schema "
        f"{current_revision(connected.db)}). Các lệnh bdcq và cửa sổ dùng máy chủ này khi "
        "không có --db và BDCQ_DATABASE_URL / bdcq and the window now use this server."
    )
    if connected.note:
        print(f"bdcq: cảnh báo / warning: {connected.note}", file=sys.stderr)
    elif not args.no_save_password and password:
        from ..core.server_choice import credential_store

        print(f"Mật khẩu đã lưu trong / password stored in: {credential_store()}")
    return EXIT_OK


def _password(args: argparse.Namespace, server: Any) -> str:
    from ..core.errors import BcdError

    if args.password_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
    elif sys.stdin is not None and sys.stdin.isatty():
        from getpass import getpass

        password = getpass(f"Mật khẩu của / password of {server.account}: ")
    else:
        raise BcdError(
            "Không có cửa sổ dòng lệnh để hỏi mật khẩu: hãy dùng --password-stdin / no terminal "
            "to ask the password: use --password-stdin"
        )
    return password


def _show(args: argparse.Namespace) -> int:
    import os

    from ..core.server_choice import credential_store, remembered_server, stored_password
    from ..core.sqlite_file import ENV_URL, default_sqlite_path

    server = remembered_server()
    store = credential_store()
    if server is None:
        print(f"Máy chủ dùng chung / shared server: (không có / none): dữ liệu trên máy này / "
              f"local file {default_sqlite_path()}")  # fmt: skip
    else:
        kept = stored_password(server) is not None
        print(f"Máy chủ dùng chung / shared server: {server.described()}")
        print(f"Tài khoản trong kho mật khẩu / credential entry: {server.account}")
        print(
            "Mật khẩu / password: "
            + ("đã lưu / stored" if kept else "chưa lưu: hỏi khi mở / not stored: asked")
        )
    print(f"Kho mật khẩu / credential store: {store or 'không có / none'}")
    if getattr(args, "db", None):
        print("--db được đưa ra: lệnh dùng nó trước máy chủ nhớ / --db wins over the server")
    elif os.environ.get(ENV_URL):
        print(
            f"{ENV_URL} đang đặt: các lệnh dùng địa chỉ đó trước máy chủ nhớ / is set: it wins "
            "over the remembered server"
        )
    return EXIT_OK


def _local() -> int:
    from ..core.server_choice import forget_server
    from ..core.sqlite_file import default_sqlite_path

    forgotten = forget_server()
    if forgotten is None:
        print(f"Máy này đã dùng dữ liệu trên máy / already on the local file: "
              f"{default_sqlite_path()}")  # fmt: skip
        return EXIT_OK
    print(
        f"Đã quên máy chủ / forgot the server: {forgotten.described()} (mật khẩu đã lưu cũng "
        f"đã xóa / its stored password removed). Dữ liệu trên máy này / local file: "
        f"{default_sqlite_path()}"
    )
    return EXIT_OK

