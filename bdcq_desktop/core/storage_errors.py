"""What the storage itself refused, said in Vietnamese: a database locked by another program
for longer than the busy timeout, a full disk, a read or write error of the disk; and of a
PostgreSQL server, a login refused (its password changed), the connection lost, no answer in
time.

SQLite and psycopg report these as ``OperationalError`` with an English text;
:func:`storage_error` turns them into a :class:`StorageError` (a :class:`BcdError`, so every
front end shows it as it shows a refusal: a message, the form keeping what was typed). The
transaction was rolled back before, so nothing of the save is written and the data already
there is untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError

from .errors import BcdError, ConflictError
from .i18n import tr
from .read_scope import is_reading
from .server_wait import NO_ANSWER

if TYPE_CHECKING:  # annotations only
    from pathlib import Path


class StorageError(BcdError):
    """The database could not be written (or read) just now; nothing was saved."""


class DatabaseLocked(StorageError):
    """Another program held the database's lock for longer than the busy timeout. Said as a
    save's refusal; an operation other than a save (a restore) says it in its own words
    (:func:`.backup_errors.restore_locked`)."""


class ServerLoginRefused(BcdError):
    """A PostgreSQL server that cannot be opened refused the login (a wrong or changed
    password, none given, an unknown user): the window asks for the password again."""


class ServerUnreachable(BcdError):
    """A PostgreSQL server that cannot be opened did not answer, refused the connection or
    dropped it: the window offers to try again."""


# What a server says when it refuses a login, and when it cannot be reached or goes away.
_LOGIN = ("password authentication failed", "no password supplied", "authentication failed",
          'role "', "pg_hba.conf")  # fmt: skip
_LOST = ("server closed the connection", "terminating connection", "connection is closed",
         "connection is lost", "consuming input failed", "ssl connection has been closed",
         "connection timed out", "connection reset")  # fmt: skip
# SQLite's busy file and table, PostgreSQL's lock_timeout and NOWAIT.
_LOCKED = ("database is locked", "database table is locked", "lock timeout", "lock not available")
# The server's cancellation of a statement it did not finish in time, and this client's own
# giving up on a server that does not answer at all.
_NO_ANSWER = ("statement timeout", NO_ANSWER)
# A server that is up but takes no new connection: starting, stopping (pg_ctl stop waits for
# its sessions to end), recovering after a crash, or its database closed by the administrator.
# Met by an officer whose pooled connection was ended by the restart: said as a wait, not as
# "Lỗi không mong đợi" with the driver's English.
_RESTARTING = ("the database system is starting up", "the database system is shutting down",
               "the database system is in recovery mode",
               "the database system is not yet accepting connections",
               "the database system is not accepting connections",
               "is not currently accepting connections")  # fmt: skip
# "connection is bad": psycopg's word for a connection that could not even be begun, such as
# a Unix socket with no server behind it (libpq: "No such file or directory", "Is the server
# running locally…"); a server that answers and refuses says "connection failed" instead.
_UNREACHABLE = ("connection refused", "could not connect", "timeout expired", "no route to host",
                "network is unreachable", "could not translate host name",
                "name or service not known", "connection is bad",
                "is the server running")  # fmt: skip


def server_address(url: str | URL) -> str:
    """The server of the PostgreSQL ``url`` as the officer gave it (never its password):
    ``host:port``, the host and port taken from the query when the URL names them there, as
    for a Unix socket (``postgresql+psycopg://user@/office?host=/run/pg&port=55432`` is
    ``/run/pg:55432``); "localhost:5432" only when neither is given anywhere."""
    parsed = make_url(url)

    def given(key: str) -> str:
        value = parsed.query.get(key)
        return ",".join(value) if isinstance(value, tuple) else (value or "")

    host = parsed.host or given("host") or "localhost"
    port = parsed.port or given("port") or 5432
    return f"{host}:{port}"


def outcome(saving: bool, *, sentence: bool = False) -> str:
    """What a refused operation left undone, translated: a save saved nothing, a read
    (:func:`.read_scope.reading`) read nothing; a read's refusal never says "chưa lưu được
    gì". ``sentence``: as the sentence after a server's text ("Chưa lưu được gì."), else as
    the clause a SQLite text has inside it ("chưa lưu được gì")."""
    if sentence:
        return tr("Chưa lưu được gì.") if saving else tr("Chưa đọc được dữ liệu.")
    return tr("chưa lưu được gì") if saving else tr("chưa đọc được dữ liệu")


# Fragments of SQLite's and psycopg's English, and what the officer is told: one table for a
# database being opened (.db: a server that refuses the start) and one in use (a save or a
# read, Database.session), so a server refusing a login, or gone, is said the same way at the
# start and in the middle of a save. An entry naming {server}, {user} or {database} is a
# server's only: those are filled from its address (never its password), and the driver's own
# line follows for whoever administers the server, after what was left undone (:func:`outcome`,
# a sentence). A SQLite text says what was left undone in its own sentence: {outcome}.
_KNOWN: list[tuple[tuple[str, ...], str]] = [
    (
        _LOCKED,
        "Cơ sở dữ liệu đang bị một chương trình khác khóa (đang ghi hoặc sao lưu) quá lâu: "
        "{outcome}. Hãy đợi một lát rồi thử lại.",
    ),
    (
        ("database or disk is full", "disk i/o error", "no space left", "disk full"),
        "Ổ đĩa đã đầy hoặc bị lỗi đọc/ghi khi làm việc với cơ sở dữ liệu: {outcome}, "
        "dữ liệu đã có vẫn nguyên vẹn. Hãy giải phóng dung lượng ổ đĩa rồi thử lại.",
    ),
    (
        ("attempt to write a readonly database", "read-only", "readonly"),
        "Cơ sở dữ liệu chỉ đọc được: không thể lưu thay đổi. Hãy chép tệp sang thư mục ghi "
        "được rồi mở lại.",
    ),
    (
        _LOGIN,
        "Máy chủ cơ sở dữ liệu {server} từ chối đăng nhập của người dùng {user}: sai tên "
        "người dùng hoặc mật khẩu, hoặc máy này chưa được phép kết nối.",
    ),
    (
        # The server's own bound on one statement (engine._server_limits): it is slow or
        # overloaded, which the officer meets as a server that does not answer; and this
        # client's, for a server frozen outright (.server_wait).
        _NO_ANSWER,
        "Máy chủ cơ sở dữ liệu {server} không trả lời kịp. Hãy kiểm tra mạng rồi thử lại; "
        "nếu vẫn vậy, hãy báo người quản trị máy chủ.",
    ),
    (
        _LOST,
        "Mất kết nối tới máy chủ cơ sở dữ liệu {server}. Hãy kiểm tra mạng rồi thử lại.",
    ),
    (
        _RESTARTING,
        "Máy chủ cơ sở dữ liệu {server} đang khởi động, đang tắt hoặc tạm không nhận kết nối. "
        "Hãy đợi một lát rồi thử lại; nếu vẫn vậy, hãy báo người quản trị máy chủ.",
    ),
    (
        _UNREACHABLE,
        "Không kết nối được tới máy chủ cơ sở dữ liệu {server}: máy chủ không trả lời hoặc từ "
        "chối kết nối. Hãy kiểm tra mạng, máy chủ PostgreSQL đã chạy chưa, và địa chỉ máy "
        "chủ trong lệnh hoặc thiết lập.",
    ),
    (
        ("does not exist",),
        "Máy chủ {server} không có cơ sở dữ liệu {database}. Hãy kiểm tra tên cơ sở dữ liệu "
        "trong địa chỉ, hoặc nhờ người quản trị tạo nó.",
    ),
]
_SERVER_FIELDS = ("{server}", "{user}", "{database}")

# A server that stops answering, or whose connection is lost, in the middle of work (Database.
# session): the start's words ("kiểm tra … địa chỉ máy chủ") were wrong there, the address
# having worked a minute before. Said as what happened during the save or the read, what it
# left undone, and what to do. Keyed by the start's entry it replaces, so which refusal a
# text is stays decided by _KNOWN's order; the server's own cancellation of a slow statement
# is told apart from a server that has stopped answering altogether.
_SLOW_IN_USE = (
    "Máy chủ cơ sở dữ liệu {server} không trả lời kịp trong lúc {doing} (máy chủ quá bận "
    "hoặc bị treo). {outcome} Hãy thử lại; nếu vẫn vậy, hãy báo người quản trị máy chủ."
)
_STOPPED_IN_USE = (
    "Máy chủ cơ sở dữ liệu {server} ngừng trả lời trong lúc {doing} (máy chủ bị treo, bị tắt "
    "hoặc mạng bị ngắt). {outcome} Hãy thử lại; nếu vẫn vậy, hãy báo người quản trị máy chủ."
)
_IN_USE: dict[tuple[str, ...], str] = {
    # This client's own giving up on a frozen server, mid-statement; and a new connection,
    # after a pooled one failed its check, not made in time or refused.
    _NO_ANSWER: _STOPPED_IN_USE,
    _UNREACHABLE: _STOPPED_IN_USE,
    _LOST: "Mất kết nối tới máy chủ cơ sở dữ liệu {server} trong lúc {doing} (mạng bị ngắt hoặc "
    "máy chủ bị tắt). {outcome} Hãy thử lại; nếu vẫn vậy, hãy báo người quản trị máy chủ.",
}


def _in_use_words(fragments: tuple[str, ...], text: str, *, saving: bool) -> str | None:
    """The words of a server lost in the middle of a save (``saving``) or a read, what was left
    undone in them; None for a refusal said as at the start (a login, a restart…)."""
    message = _IN_USE.get(fragments)
    if message is None:
        return None
    if fragments is _NO_ANSWER and "statement timeout" in text:
        message = _SLOW_IN_USE
    doing = tr("lưu") if saving else tr("đọc dữ liệu")
    return (
        tr(message).replace("{doing}", doing).replace("{outcome}", outcome(saving, sentence=True))
    )


def _said(
    detail: str, server: str | None, *, saving: bool, in_use: bool = False
) -> tuple[str, bool, bool] | None:
    """The officer's words for ``detail``, whether they are a server's (then filled from
    ``server``, its URL), and whether they say what was left undone already; None for a text
    the table does not know. ``saving``: a SQLite text says a save's refusal saved nothing, a
    read's that it read nothing (:func:`outcome`). ``in_use``: met in the middle of work, not
    at the start (a server lost then is said as lost during the save or the read)."""
    text = detail.lower()
    for fragments, message in _KNOWN:
        of_server = any(f in message for f in _SERVER_FIELDS)
        if of_server and server is None:
            continue
        if any(f in text for f in fragments):
            if not of_server:
                return tr(message).format(outcome=outcome(saving)), False, True
            parsed = make_url(server)
            during = _in_use_words(fragments, text, saving=saving) if in_use else None
            said = tr(message) if during is None else during
            return (
                said.format(
                    server=server_address(parsed),
                    user=parsed.username or "",
                    database=parsed.database or "",
                    outcome=outcome(saving),
                ),
                True,
                during is not None,
            )
    return None


def _technical(detail: str) -> str:
    first_line = detail.strip().splitlines()[0] if detail.strip() else ""
    return tr("Chi tiết kỹ thuật: {detail}").format(detail=first_line)


def storage_problem(
    detail: str, server: str | None = None, *, saving: bool | None = None
) -> StorageError | None:
    """The :class:`StorageError` a database error text stands for (locked, disk full, I/O
    error, read-only; with ``server``, the URL of the PostgreSQL server in use: a login
    refused, the connection lost, no answer in time); None for anything else. Such a file is
    not damaged: it must never be renamed aside or restored over (:mod:`.db`,
    :func:`.backup.damage`). ``saving``: what failed may have been a save (False: only a
    read, :func:`.read_scope.reading`), which the server's refusal then says saved nothing;
    None: whether the caller is outside :func:`.read_scope.reading`. A read's refusal never
    says "chưa lưu được gì": each text is built with what was left undone (:func:`outcome`)."""
    if saving is None:
        saving = not is_reading()
    said = _said(detail, server, saving=saving, in_use=True)
    if said is None:
        return None
    message, of_server, undone_said = said
    if of_server:  # in use: a save refused here saved nothing, which the officer must know
        if not undone_said:
            message += " " + outcome(saving, sentence=True)
        message += "\n" + _technical(detail)
    if any(f in detail.lower() for f in _LOCKED):
        return DatabaseLocked(message)
    return StorageError(message)


def server_refused(url: str, detail: str) -> BcdError:
    """A server database that cannot be opened, said in Vietnamese with its address (never
    its password), in the words of a refusal met in use (:func:`storage_problem`); the
    driver's own line follows for whoever administers the server."""
    said = _said(detail, url, saving=True)  # as ever: the start is not told it only read
    if said is None:
        server = server_address(url)
        message = tr("Không mở được cơ sở dữ liệu trên máy chủ {server}.").format(server=server)
    else:
        message = said[0]  # as at the start: the address is worth checking there
    text = detail.lower()
    kind = BcdError
    if any(f in text for f in _LOGIN):
        kind = ServerLoginRefused
    elif any(f in text for f in (*_LOST, *_RESTARTING, *_UNREACHABLE, *_NO_ANSWER)):
        kind = ServerUnreachable
    return kind(f"{message}\n" + _technical(detail))


# What SQLite says of a file that is not a usable database, and how the officer is told it.
_DAMAGE: list[tuple[tuple[str, ...], str]] = [
    (("file is not a database", "file is encrypted"), "không phải tệp cơ sở dữ liệu SQLite"),
    (("malformed", "corrupt"), "cấu trúc tệp bị hỏng"),
    (("no such table",), "tệp thiếu các bảng dữ liệu"),
]


def damage_label(detail: str) -> str:
    """SQLite's English word on a damaged or foreign file, in Vietnamese; an unknown one is
    kept, marked as SQLite's own (the support desk needs it as it is)."""
    text = detail.lower()
    for fragments, said in _DAMAGE:
        if any(f in text for f in fragments):
            return tr(said)
    return tr("SQLite báo: {detail}").format(detail=detail.strip())


class DatabaseDamagedInUse(StorageError):
    """The SQLite file of a database in use found damaged by a save or a read: nothing was
    saved (or read), and only a backup restores it. Not :class:`.db.DatabaseDamagedError`,
    the start's refusal (a layer above: it names the newest backup)."""


# SQLite's words for a file damaged under a database in use (SQLITE_CORRUPT, SQLITE_NOTADB):
# a disk's bad sector, a sync tool or another program writing over it. "no such table", a
# damage only at the start, is a programming error in use and stays what it is.
_DAMAGED = ("database disk image is malformed", "malformed database schema",
            "file is not a database", "file is encrypted")  # fmt: skip


def damaged_in_use(detail: str, path: Path | None, *, saving: bool) -> StorageError | None:
    """The :class:`DatabaseDamagedInUse` SQLite's ``detail`` stands for, of the file
    ``path``, met by a save (``saving``) or a read; None for any other text. Before, it reached
    the officer as SQLite's English or a traceback."""
    if not any(f in detail.lower() for f in _DAMAGED):
        return None
    return DatabaseDamagedInUse(
        tr(
            "Tệp dữ liệu {path} bị hỏng ({label}): {outcome}. Hãy khôi phục từ bản sao lưu "
            "gần nhất: Tệp › Khôi phục từ bản sao lưu…, hoặc lệnh bdcq restore (lệnh bdcq "
            "backups liệt kê các bản sao lưu)."
        ).format(
            path=path or tr("(không rõ đường dẫn)"),
            label=damage_label(detail),
            outcome=outcome(saving),
        )
    )


def storage_error(
    exc: DBAPIError,
    server: str | None = None,
    *,
    saving: bool | None = None,
    path: Path | None = None,
) -> BaseException:
    """The :class:`StorageError` for ``exc`` if it is one the officer can act on, else ``exc``
    itself (a programming error must stay visible as what it is). ``server``: the URL of the
    PostgreSQL database in use; ``saving``: whether it may have been a save (see
    :func:`storage_problem`); ``path``: the SQLite file in use, named if it is damaged."""
    detail = str(getattr(exc, "orig", None) or exc)
    if saving is None:
        saving = not is_reading()
    if server is None:
        damaged = damaged_in_use(detail, path, saving=saving)
        if damaged is not None:
            return damaged
    if "unable to open database file" in detail.lower():
        # The database was open a moment ago (a save runs on an opened database): its folder
        # has turned read-only, or the stick holding it is gone, so SQLite cannot make its
        # log file beside it. Opening a file for the first time says more (see .db).
        if saving:  # a save's words, as they were
            return StorageError(
                tr(
                    "Không ghi được vào thư mục chứa cơ sở dữ liệu (thư mục hoặc ổ đĩa đã chuyển "
                    "sang chỉ đọc, hoặc đã bị tháo ra): chưa lưu được gì. Hãy kiểm tra thư mục "
                    "rồi thử lại."
                )
            )
        # A read needs the same log file (SQLite's shared memory beside the database).
        return StorageError(
            tr(
                "Không mở được thư mục chứa cơ sở dữ liệu để đọc (thư mục hoặc ổ đĩa đã chuyển "
                "sang chỉ đọc, hoặc đã bị tháo ra): chưa đọc được dữ liệu. Hãy kiểm tra thư mục "
                "rồi thử lại."
            )
        )
    return storage_problem(detail, server, saving=saving) or exc


class IntegrityConflict(ConflictError):
    """A save the database refused because a record it names was just deleted, or one it
    duplicates just saved: the core checks both first, so only another officer's save
    between the check and the write gets here (or a check missing, which the message does not
    hide: it says what the database refused)."""


# SQLSTATE (PostgreSQL) and message fragments (SQLite) of those two refusals; a CHECK or NOT
# NULL refusal is a programming error and stays what it is.
_MISSING_REFERENCE = ("23503", "foreign key constraint failed")
_DUPLICATE = ("23505", "unique constraint failed")


def integrity_error(exc: IntegrityError) -> BaseException:
    """The :class:`IntegrityConflict` for a refused reference or duplicate, else ``exc``."""
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlstate", None) or ""
    text = str(orig or exc).lower()
    if code == _MISSING_REFERENCE[0] or _MISSING_REFERENCE[1] in text:
        return IntegrityConflict(
            tr(
                "Không lưu được: một bản ghi mà thay đổi này nhắc tới (người, cơ quan, cuộc "
                "họp…) vừa bị xóa, có thể bởi người khác. Chưa lưu được gì; hãy tải lại rồi "
                "làm lại."
            )
        )
    if code == _DUPLICATE[0] or _DUPLICATE[1] in text:
        return IntegrityConflict(
            tr(
                "Không lưu được: trùng với một bản ghi đã có, có thể vừa được người khác lưu. "
                "Chưa lưu được gì; hãy tải lại rồi kiểm tra."
            )
        )
    return exc
