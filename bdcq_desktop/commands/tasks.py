"""``bdcq tasks``: the tasks assigned by the chair's conclusions, with their computed status
(:mod:`bdcq_desktop.core.tasks`)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from .common import EXIT_OK, add_command, add_group, date_arg, emit, format_option, open_db

COLUMNS = [
    "id",
    "content",
    "meeting_id",
    "assignee",
    "focal_unit",
    "deadline",
    "status",
    "days_overdue",
]
TABLE_COLUMNS = [c if c != "status" else "status_label" for c in COLUMNS]
HEADERS = {
    "id": "Mã",
    "content": "Nội dung",
    "meeting_id": "Cuộc họp",
    "assignee": "Giao cho",
    "focal_unit": "Đơn vị đầu mối",
    "deadline": "Thời hạn",
    "status": "Tình trạng",
    "status_label": "Tình trạng",
    "days_overdue": "Số ngày quá hạn",
}
STATUSES = "not_due, due_soon, overdue, done_on_time, done_late, cancelled"


def cmd_list(args: argparse.Namespace) -> int:
    from ..core.tasks import list_tasks

    rows = list_tasks(
        open_db(args),
        status=args.status,
        unit=args.unit,
        meeting_id=args.meeting,
        today=args.today or date.today(),
    )
    emit(rows, TABLE_COLUMNS if args.format == "table" else COLUMNS, HEADERS, args.format)
    return EXIT_OK


def add_tasks_commands(sub: Any) -> None:
    """``tasks list``."""
    g = add_group(sub, "tasks", "nhiệm vụ theo kết luận / tasks from conclusions")
    p = add_command(g, "list", "danh sách nhiệm vụ theo thời hạn / tasks by deadline", cmd_list)
    p.add_argument("--status", metavar="STATUS", help=f"tình trạng / status: {STATUSES}")
    p.add_argument("--unit", metavar="TEXT", help="đơn vị chủ trì hoặc đầu mối / unit (search)")
    p.add_argument("--meeting", type=int, metavar="ID", help="của một cuộc họp / of one meeting")
    p.add_argument("--today", type=date_arg, metavar="DATE", help="tính tại ngày / as of")
    format_option(p)
