"""``bdcq backups list`` and ``bdcq backups prune``: the automatic backups of the backup folder
(``--backup-dir``, ``BDCQ_BACKUP_DIR`` or this machine's setting). Every database opened on the
computer backs up there: ``list`` shows the backups of the ``--db`` database (``--all``: every
one, each saying whose), ``prune`` thins each database's on their own. Restoring one stays
``bdcq restore FILE``."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .common import EXIT_OK, add_command, add_group, emit, format_option

BACKUP_COLUMNS = [
    "taken_at", "reason", "size", "people", "meetings", "documents", "database", "tag",
    "source", "path",
]  # fmt: skip
# The table names each backup by its file name, the folder said once above it: a full path
# cut to the column's width ("…/bcd-20261201-0129…") is no name to give bdcq restore.
TABLE_COLUMNS = [
    "taken_at", "reason", "size", "people", "meetings", "documents", "whose", "name"
]  # fmt: skip
# What "database" says to a script: the --db database's own backup ("this"), one of the same
# database taken from another file, a copy such as the meeting-room laptop's ("copy"),
# another database's ("other"), or not known ("unknown").
WHOSE = {
    "this": "này / this",
    "copy": "bản sao (tệp khác) / copy (other file)",
    "other": "khác / other",
    "unknown": "không rõ / unknown",
}
BACKUP_HEADERS = {
    "taken_at": "Thời điểm",
    "reason": "Lý do",
    "size": "Dung lượng (byte)",
    "people": "Số người",
    "meetings": "Số cuộc họp",
    "documents": "Số văn bản",
    "database": "Của cơ sở dữ liệu",
    "whose": "Của cơ sở dữ liệu",
    "tag": "Mã cơ sở dữ liệu",
    "source": "Lập từ tệp",
    "path": "Tệp",
    "name": "Tệp",
}


@dataclass(frozen=True)
class _Row:
    taken_at: str
    reason: str
    size: int
    people: int | None
    meetings: int | None
    documents: int | None
    database: str
    tag: str | None
    source: str | None
    path: str
    whose: str  # the table's: "database" said in words
    name: str  # the table's: the file's name in the folder said above it


def _open_file(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The SQLite file of ``--db`` (or the default database), not opened: None for a server."""
    from ..core.db import sqlite_file_of

    return sqlite_file_of(getattr(args, "db", None))


def cmd_backups_list(args: argparse.Namespace) -> int:
    from ..core.backup import backups_dir
    from ..core.backups import database_tag, list_backups
    from ..core.retention import copied_from
    from ..core.tabular import shown

    live = _open_file(args)
    own = database_tag(live)

    def whose(tag: str | None, path: Path) -> tuple[str, str | None, str]:
        """``database``, for a copy's backup the file it was taken from, and the words."""
        if tag is None:
            return "unknown", None, WHOSE["unknown"]
        if tag != own:
            return "other", None, f"{WHOSE['other']} ({tag})"
        copied = None if live is None else copied_from(path, live)
        if copied is None:
            return "this", None, WHOSE["this"]
        return "copy", copied or None, WHOSE["copy"]

    def when(taken: datetime) -> str:  # to the second: two backups may fall in one minute
        if args.format == "table":
            return shown(taken, seconds=True)
        return taken.isoformat(timespec="seconds")

    folder = backups_dir()
    rows = []
    for b in list_backups(folder):
        if not args.all and (own is None or b.database != own):
            continue
        database, source, words = whose(b.database, b.path)
        rows.append(
            _Row(
                when(b.taken_at),
                b.reason,
                b.size,
                b.people,
                b.meetings,
                b.documents,
                database,
                b.database,
                source,
                str(b.path),
                words,
                b.path.name,
            )
        )
    if args.format == "table":
        print(f"Thư mục sao lưu / backup folder: {folder}")
    emit(rows, BACKUP_COLUMNS, BACKUP_HEADERS, args.format, TABLE_COLUMNS, whole=["name"])
    return EXIT_OK


def cmd_backups_prune(args: argparse.Namespace) -> int:
    from ..core.backup import backups_dir
    from ..core.backups import prune

    removed = prune(open_file=_open_file(args))
    for path in removed:
        print(path)
    print(
        f"Đã xóa {len(removed)} bản sao lưu cũ trong {backups_dir()} / "
        f"removed {len(removed)} old backup(s)"
    )
    return EXIT_OK


def add_backups_commands(sub: Any) -> None:
    """``backups list``, ``backups prune``."""
    group = add_group(
        sub, "backups", "các bản sao lưu tự động / automatic backups (restore: bdcq restore FILE)"
    )
    p = add_command(
        group,
        "list",
        "bản sao lưu của cơ sở dữ liệu --db: thời điểm, dung lượng, số người, cuộc họp, văn "
        "bản / the --db database's backups with date, size and counts",
        cmd_backups_list,
        reads=True,
    )
    format_option(p)
    p.add_argument(
        "--all",
        action="store_true",
        help="cả bản sao lưu của cơ sở dữ liệu khác trong thư mục / every database's backups",
    )
    add_command(
        group,
        "prune",
        "xóa bản sao lưu cũ theo quy tắc giữ lại, riêng cho từng cơ sở dữ liệu (10 bản gần "
        "nhất, mỗi ngày trong 14 ngày, mỗi tuần trong 8 tuần, mỗi tháng trong 1 năm; bản "
        "trước khi khôi phục giữ 1 năm) / apply the retention rule",
        cmd_backups_prune,
    )
