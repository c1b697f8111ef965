"""Connecting this computer to the office's shared server, and back to its own file: what
Tệp › Kết nối cơ sở dữ liệu dùng chung… and ``bdcq connect`` call, one core call per action.

:func:`check_server` signs in and reads the schema's revision without changing anything
("Kiểm tra kết nối"); :func:`connect_server` opens the server's database as a start would
(its tables made or upgraded), then remembers it on this computer and keeps its password in
the credential store (:mod:`.server_choice`); :func:`use_local_data` opens this computer's own
file and forgets the server; :func:`open_local_read_only` opens that file to look at while the
server is out of reach, every save refused, so nobody works on it unawares.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

from .db import open_database
from .engine import Database, default_sqlite_path
from .errors import BcdError
from .i18n import tr
from .migrations import HEAD, REVISIONS
from .server_choice import (
    SharedServer,
    forget_server,
    keep_password,
    remember_server,
    stored_password,
)
from .sqlite_file import stored_revision
from .storage_errors import server_refused

# The states of a server's database as the check finds it; the first three can be connected to.
CURRENT, OLDER, EMPTY, NEWER, FOREIGN = "current", "older", "empty", "newer", "foreign"


@dataclass(frozen=True)
class ServerCheck:
    """What "Kiểm tra kết nối" found: the server reached, the login taken, and the state of
    its database (``revision``: the schema revision it carries, None when it has none)."""

    server: SharedServer
    state: str
    revision: str | None

    @property
    def usable(self) -> bool:
        return self.state in (CURRENT, OLDER, EMPTY)

    def message(self) -> str:
        reached = tr("Kết nối được tới {server}.").format(server=self.server.described())
        if self.state == CURRENT:
            said = tr(
                "Cơ sở dữ liệu ở phiên bản dữ liệu {revision}, đúng phiên bản của ứng dụng này."
            )
        elif self.state == OLDER:
            said = tr(
                "Cơ sở dữ liệu ở phiên bản dữ liệu {revision}, cũ hơn ứng dụng này ({head}): "
                "khi kết nối, ứng dụng sẽ nâng cấp nó, và máy nào còn dùng bản ứng dụng cũ sẽ "
                "phải cập nhật."
            )
        elif self.state == EMPTY:
            said = tr("Cơ sở dữ liệu còn trống: khi kết nối, ứng dụng sẽ tạo các bảng dữ liệu.")
        elif self.state == NEWER:
            said = tr(
                "Nhưng cơ sở dữ liệu do bản mới hơn của ứng dụng ghi (phiên bản dữ liệu "
                "{revision}): hãy cập nhật BCĐ Desktop trên máy này trước khi kết nối."
            )
        else:
            said = tr(
                "Nhưng cơ sở dữ liệu này đã có bảng của chương trình khác, không phải dữ liệu "
                "của BCĐ Desktop: hãy kiểm tra tên cơ sở dữ liệu."
            )
        return f"{reached} {said.format(revision=self.revision, head=HEAD)}"


@dataclass
class Connected:
    """The server's database, open; ``note``: what the officer must be told about the
    password (not kept: no credential store, or it refused), else None."""

    db: Database
    note: str | None


def _engine_of(url: str) -> Database:
    try:
        return Database(url)
    except ImportError:  # a pip install without the [postgres] extra
        raise BcdError(
            tr(
                "Bản cài đặt này thiếu thư viện kết nối PostgreSQL (psycopg): hãy cài lại với "
                "pip install \"bdcq-desktop[postgres]\"."
            )
        ) from None


def check_server(server: SharedServer, password: str | None) -> ServerCheck:
    """Sign in to ``server`` (``password``, else the one kept) and read its database's
    revision, changing nothing. A server out of reach, a login refused or a database missing
    is raised as the start would say it (:func:`.storage_errors.server_refused`)."""
    if not password:
        password = stored_password(server)
    url = server.url(password)
    db = _engine_of(url)
    try:
        with db.engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DatabaseError as exc:
        detail = str(exc.orig) if getattr(exc, "orig", None) else str(exc).splitlines()[0]
        raise server_refused(url, detail) from None
    finally:
        db.dispose()
    if revision is None:
        state = FOREIGN if tables else EMPTY
    elif revision == HEAD:
        state = CURRENT
    else:
        state = OLDER if revision in REVISIONS else NEWER
    return ServerCheck(server, state, revision)


def connect_server(server: SharedServer, password: str | None, *, keep: bool) -> Connected:
    """Tệp › Kết nối…: open ``server``'s database as a start does (a new one gets its tables,
    an older one is upgraded), then remember the server on this computer (never the password)
    and, if ``keep``, keep the password in the credential store (else take away one kept).
    Nothing is remembered unless the database opens."""
    if not password:
        password = stored_password(server)
    check = check_server(server, password)
    if not check.usable:
        raise BcdError(check.message())
    db = open_database(server.url(password))
    try:
        remember_server(server)
        note = keep_password(server, password, keep)
    except BaseException:
        db.dispose()
        raise
    return Connected(db, note)


def use_local_data() -> Database:
    """"Dùng dữ liệu trên máy này": this computer's own file opened (made on first use, as a
    start makes it), then the server forgotten with its kept password. A file that cannot be
    opened leaves the server remembered."""
    db = open_database(default_sqlite_path(), verify=True)
    try:
        forget_server()
    except BaseException:
        db.dispose()
        raise
    return db


def open_local_read_only(server: SharedServer) -> Database:
    """This computer's own file, to look at while ``server`` is out of reach: every save is
    refused, saying why, so that no one works on it believing it is the office's data."""
    path = default_sqlite_path()
    if not path.is_file() or not path.stat().st_size:
        raise BcdError(
            tr(
                "Máy này chưa có dữ liệu riêng ({path}): không có gì để xem khi chưa kết nối "
                "được máy chủ."
            ).format(path=path)
        )
    if stored_revision(path) != HEAD:
        raise BcdError(
            tr(
                "Dữ liệu trên máy này ({path}) ở phiên bản cũ: chỉ xem được sau khi nâng cấp, "
                "khi mở nó để làm việc (Dùng dữ liệu trên máy này)."
            ).format(path=path)
        )
    db = open_database(path, verify=True, migrate=False, read_only=True)
    db.read_only_reason = tr(
        "Đang chỉ xem dữ liệu trên máy này ({path}) vì chưa kết nối được máy chủ dùng chung "
        "{address}: không lưu được thay đổi. Hãy kết nối lại: Tệp › Kết nối cơ sở dữ liệu "
        "dùng chung…"
    ).format(path=path, address=server.address)
    db.warnings.append(db.read_only_reason)  # the status bar says it as the window opens
    return db
