"""``bdcq backups list`` and ``bdcq backups prune``: the automatic backups of the backup folder
(``--backup-dir``, ``BDCQ_BACKUP_DIR`` or this machine's setting). Restoring one stays
``bdcq restore FILE``."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .common import EXIT_OK, add_command, add_group, emit, format_option

BACKUP_COLUMNS = ["taken_at", "reason", "size", "people", "meetings", "documents", "path"]
BACKUP_HEADERS = {
    "taken_at": "Thời điểm",
    "reason": "Lý do",
    "size": "Dung lượng (byte)",
    "people": "Số người",
    "meetings": "Số cuộc họp",
    "documents": "Số văn bản",
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
    path: str


def cmd_backups_list(args: argparse.Namespace) -> int:
    from ..core.backups import list_backups
    from ..core.tabular import shown

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
            str(b.path),
        )
        for b in list_backups()
    ]
    emit(rows, BACKUP_COLUMNS, BACKUP_HEADERS, args.format)
    return EXIT_OK


def cmd_backups_prune(_args: argparse.Namespace) -> int:
    from ..core.backup import backups_dir
    from ..core.backups import prune

    removed = prune()
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
    format_option(
        add_command(
            group,
            "list",
            "bản sao lưu: thời điểm, dung lượng, số người, cuộc họp, văn bản / backups with "
            "date, size and counts",
            cmd_backups_list,
        )
    )
    add_command(
        group,
        "prune",
        "xóa bản sao lưu cũ theo quy tắc giữ lại (10 bản gần nhất, mỗi ngày trong 14 ngày, "
        "mỗi tuần trong 8 tuần, mỗi tháng trong 1 năm) / apply the retention rule",
        cmd_backups_prune,
    )
