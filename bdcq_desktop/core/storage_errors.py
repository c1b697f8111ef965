"""What the storage itself refused, said in Vietnamese: a database locked by another program
for longer than the busy timeout, a full disk, a read or write error of the disk.

SQLite reports these as ``OperationalError`` with an English text; :func:`storage_error` turns
them into a :class:`StorageError` (a :class:`BcdError`, so every front end shows it as it shows
a refusal: one line, the form keeping what was typed). The transaction was rolled back before,
so nothing of the save is written and the data already there is untouched.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from .errors import BcdError
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
