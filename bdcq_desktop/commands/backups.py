"""``bdcq backups list`` and ``bdcq backups prune``: the automatic backups of the backup folder
(``--backup-dir``, ``BDCQ_BACKUP_DIR`` or this machine's setting). Every database opened on the
computer backs up there: ``list`` shows the backups of the ``--db`` database (``--all``: every
one, each saying whose), ``prune`` thins each database's on their own. Restoring one stays
``bdcq restore FILE``."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .common import EXIT_OK, add_command, add_group, emit, format_option

BACKUP_COLUMNS = [
    "taken_at", "reason", "size", "people", "meetings", "documents", "database", "path"
]  # fmt: skip
BACKUP_HEADERS = {
    "taken_at": "Thời điểm",
    "reason": "Lý do",
    "size": "Dung lượng (byte)",
    "people": "Số người",
    "meetings": "Số cuộc họp",
    "documents": "Số văn bản",
    "database": "Của cơ sở dữ liệu",
    "path": "Tệp",
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
    path: str


def _open_file(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The SQLite file of ``--db`` (or the default database), not opened: None for a server."""
    from ..core.db import sqlite_file_of

    return sqlite_file_of(getattr(args, "db", None))


def cmd_backups_list(args: argparse.Namespace) -> int:
    from ..core.backups import database_tag, list_backups
    from ..core.tabular import shown

    own = database_tag(_open_file(args))

    def whose(tag: str | None) -> str:
        if tag is None:
            return "không rõ / unknown"
        return "này / this" if tag == own else f"khác / other ({tag})"

    def when(taken: datetime) -> str:  # to the second: two backups may fall in one minute
        if args.format == "table":
            return shown(taken, seconds=True)
        return taken.isoformat(timespec="seconds")

    rows = [
        _Row(
            when(b.taken_at),
            b.reason,
            b.size,
            b.people,
            b.meetings,
            b.documents,
            whose(b.database),
            str(b.path),
        )
        for b in list_backups()
        if args.all or (own is not None and b.database == own)
    ]
    emit(rows, BACKUP_COLUMNS, BACKUP_HEADERS, args.format)
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
