"""What the storage refused during a backup or a restore, said in Vietnamese: a lock another
program kept, a full disk, a folder that took no copy, a file too large for the disk's format.

Apart from :mod:`.storage_errors` (what a save or a read met) since only :mod:`.backup` says
these; built on it for what the two share (:func:`.storage_errors.storage_problem`).
"""

from __future__ import annotations

import errno
import shutil
from typing import TYPE_CHECKING

from .i18n import tr
from .storage_errors import StorageError, storage_problem

if TYPE_CHECKING:  # annotations only
    import sqlite3
    from pathlib import Path


def restore_locked(held: Path, live: Path) -> StorageError:
    """A restore given up because another program kept ``held`` locked (the database file
    ``live``, or the backup being read): nothing was restored (the copy into ``live`` is one
    transaction, abandoned before a page is written), which the save's "chưa lưu được gì"
    would not say."""
    if held == live:
        message = tr(
            "Chưa khôi phục: tệp cơ sở dữ liệu {path} đang bị một chương trình khác giữ (đang "
            "ghi hoặc sao lưu) quá lâu; tệp đang dùng giữ nguyên. Hãy đóng chương trình đó "
            "hoặc đợi một lát rồi thử lại."
        )
    else:
        message = tr(
            "Chưa khôi phục: tệp sao lưu {path} đang bị một chương trình khác giữ quá lâu; tệp "
            "đang dùng giữ nguyên. Hãy đóng chương trình đó hoặc đợi một lát rồi thử lại."
        )
    return StorageError(message.format(path=held))


# SQLite's words for a disk that took no more (SQLITE_FULL), and for a write the disk refused
# (SQLITE_IOERR: also what a file grown past the system's size limit gets).
_FULL = ("database or disk is full", "no space left", "disk full")
_WRITE_FAILED = ("disk i/o error",)


def _disk_full(folder: Path, *, certain: bool = True) -> StorageError:
    """A restore stopped by the disk holding ``folder``: said as such, naming the folder (the
    live database and the backup are both as they were)."""
    said = tr("Ổ đĩa đầy") if certain else tr("Ổ đĩa đầy hoặc bị lỗi ghi")
    return StorageError(
        tr(
            "{said}: không ghi được vào thư mục {folder} khi khôi phục. Dữ liệu đang dùng và "
            "tệp sao lưu vẫn nguyên vẹn; hãy giải phóng dung lượng ổ đĩa đó rồi thử lại."
        ).format(said=said, folder=folder)
    )


def restore_storage_error(
    exc: sqlite3.DatabaseError | OSError, folder: Path
) -> StorageError | None:
    """What the storage refused during a restore (a full disk where ``folder`` is, a lock held
    by another program), or None for anything else (a damaged file says so itself)."""
    if isinstance(exc, OSError):
        full = exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1))
        return _disk_full(folder) if full else None
    text = str(exc).lower()
    if any(f in text for f in _FULL):
        return _disk_full(folder)
    if any(f in text for f in _WRITE_FAILED):
        name = getattr(exc, "sqlite_errorname", None) or ""
        if "READ" in name:  # the backup could not be read: the caller says it as such
            return None
        return _disk_full(folder, certain=False)
    return storage_problem(str(exc))


def restore_folder_refused(folder: Path, reason: str) -> StorageError:
    """A restore stopped before it began: the backup is copied into the backup ``folder`` and
    checked there before it replaces anything, and that folder refused the copy."""
    return StorageError(
        tr(
            "Không khôi phục được: không ghi được vào thư mục sao lưu {folder} ({reason}); bản "
            "sao lưu được chép vào đó và kiểm tra trước khi thay dữ liệu. Dữ liệu đang dùng "
            "không thay đổi. Hãy chọn thư mục sao lưu ghi được."
        ).format(folder=folder, reason=reason)
    )


def backup_not_written(folder: Path, size: int) -> StorageError:
    """A backup (or the meeting room's copy) of ``size`` bytes the disk holding ``folder``
    refused. Said as a full disk only when it is one: a USB stick formatted FAT32 refuses any
    file from 4 GB with room to spare, and the officer told "ổ đĩa đã đầy" looked at 28 GB
    free and had nothing to try."""
    try:
        room = shutil.disk_usage(folder).free
    except OSError:
        room = 0
    if room > size:
        return StorageError(
            tr(
                "Không ghi được bản sao lưu vào thư mục {folder}: ổ đĩa ở đó còn chỗ nhưng "
                "không nhận tệp lớn như vậy (ổ USB định dạng FAT32 chỉ nhận tệp dưới 4 GB), "
                "hoặc bị lỗi ghi. Dữ liệu đang dùng vẫn nguyên vẹn. Hãy chọn thư mục trên ổ "
                "khác (định dạng exFAT hoặc NTFS)."
            ).format(folder=folder)
        )
    return StorageError(
        tr(
            "Không ghi được bản sao lưu vào thư mục {folder}: ổ đĩa ở đó đã đầy hoặc bị lỗi "
            "đọc/ghi. Dữ liệu đang dùng vẫn nguyên vẹn. Hãy giải phóng dung lượng ở đó hoặc "
            "chọn thư mục khác."
        ).format(folder=folder)
    )
