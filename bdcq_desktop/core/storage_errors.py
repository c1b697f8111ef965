"""What the storage itself refused, said in Vietnamese: a database locked by another program
for longer than the busy timeout, a full disk, a read or write error of the disk.

SQLite reports these as ``OperationalError`` with an English text; :func:`storage_error` turns
them into a :class:`StorageError` (a :class:`BcdError`, so every front end shows it as it shows
a refusal: one line, the form keeping what was typed). The transaction was rolled back before,
so nothing of the save is written and the data already there is untouched.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError

from .errors import BcdError, ConflictError
from .i18n import tr


class StorageError(BcdError):
    """The database could not be written (or read) just now; nothing was saved."""


# Fragments of SQLite's and PostgreSQL's messages, and what to tell the officer.
_KNOWN: list[tuple[tuple[str, ...], str]] = [
    (
        ("database is locked", "database table is locked", "lock timeout", "lock not available"),
        "Cơ sở dữ liệu đang bị một chương trình khác khóa (đang ghi hoặc sao lưu) quá lâu: "
        "chưa lưu được gì. Hãy đợi một lát rồi thử lại.",
    ),
    (
        ("database or disk is full", "disk i/o error", "no space left", "disk full"),
        "Ổ đĩa đã đầy hoặc bị lỗi đọc/ghi khi làm việc với cơ sở dữ liệu: chưa lưu được gì, "
        "dữ liệu đã có vẫn nguyên vẹn. Hãy giải phóng dung lượng ổ đĩa rồi thử lại.",
    ),
    (
        ("attempt to write a readonly database", "read-only", "readonly"),
        "Cơ sở dữ liệu chỉ đọc được: không thể lưu thay đổi. Hãy chép tệp sang thư mục ghi "
        "được rồi mở lại.",
    ),
    (
        (
            "server closed the connection",
            "connection refused",
            "could not connect",
            "terminating connection",
            "connection is closed",
        ),
        "Mất kết nối tới máy chủ cơ sở dữ liệu: chưa lưu được gì. Hãy kiểm tra mạng rồi thử lại.",
    ),
]


def storage_problem(detail: str) -> StorageError | None:
    """The :class:`StorageError` a database error text stands for (locked, disk full, I/O
    error, read-only, connection lost); None for anything else. Such a file is not damaged:
    it must never be renamed aside or restored over (:mod:`.db`, :func:`.backup.damage`)."""
    text = detail.lower()
    for fragments, message in _KNOWN:
        if any(f in text for f in fragments):
            return StorageError(tr(message))
    return None


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


def storage_error(exc: DBAPIError) -> BaseException:
    """The :class:`StorageError` for ``exc`` if it is one the officer can act on, else ``exc``
    itself (a programming error must stay visible as what it is)."""
    detail = str(getattr(exc, "orig", None) or exc)
    if "unable to open database file" in detail.lower():
        # The database was open a moment ago (a save runs on an opened database): its folder
        # has turned read-only, or the stick holding it is gone, so SQLite cannot make its
        # log file beside it. Opening a file for the first time says more (see .db).
        return StorageError(
            tr(
                "Không ghi được vào thư mục chứa cơ sở dữ liệu (thư mục hoặc ổ đĩa đã chuyển sang "
                "chỉ đọc, hoặc đã bị tháo ra): chưa lưu được gì. Hãy kiểm tra thư mục rồi thử lại."
            )
        )
    return storage_problem(detail) or exc


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
