"""``bdcq tasks list`` and ``bdcq tasks summary``: the tasks and the per-unit table of Báo cáo ›
Nhiệm vụ (:mod:`bdcq_desktop.core.task_list`), each task with the unit it counts for, its
dates, source and result report, so that a script reproduces the window's figures."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from .common import EXIT_OK, add_command, date_arg, emit, format_option, id_arg, open_db
from .date_args import add_period_options, read_period

COLUMNS = [
    "id",
    "content",
    "source",
    "meeting_id",
    "unit_id",
    "unit",  # the unit the task counts for, as the window's units table names it
    "assignee",
    "focal_unit",
    "assigned_on",
    "deadline",
    "given_deadline",  # the deadline given, when an extension replaced it
    "status",
    "days_overdue",
    "completed_on",
    "result_report",
    "progress",  # an open task's last progress report
    "version",  # what --expected-version of tasks edit/done/transfer takes
]
# The table: what the window's tasks table shows first, the rest in CSV and JSON.
TABLE_COLUMNS = [
    "id",
    "content",
    "meeting_id",
    "assignee",
    "focal_unit",
    "deadline",
    "status_label",
    "days_overdue",
    "completed_on",
    "result",  # as the window's column: an open task's last progress, else the report
]
HEADERS = {
    "id": "Mã",
    "content": "Nội dung",
    "source": "Nguồn giao",
    "meeting_id": "Cuộc họp",
    "unit_id": "Mã đơn vị",
    "unit": "Đơn vị (tính cho)",
    "assignee": "Giao cho",
    "focal_unit": "Đơn vị đầu mối",
    "assigned_on": "Ngày giao",
    "deadline": "Thời hạn",
    "status": "Tình trạng",
    "status_label": "Tình trạng",
    "days_overdue": "Số ngày quá hạn",
    "given_deadline": "Hạn ban đầu",
    "completed_on": "Ngày hoàn thành",
    "result_report": "Kết quả thực hiện",
    "progress": "Tiến độ",
    "result": "Kết quả thực hiện",
}
STATUSES = "not_due, due_soon, overdue, done_on_time, done_late, cancelled"

SUMMARY_COLUMNS = [
    "unit_id",
    "unit",
    "total",
    "done",
    "done_on_time",
    "done_late",
    "overdue",
    "due_soon",
    "not_due",
    "cancelled",
    "rate",
    "rate_text",
]
SUMMARY_TABLE = ["unit", "rate_text", "total", "done", "overdue", "due_soon", "cancelled"]
SUMMARY_HEADERS = {
    "unit_id": "Mã đơn vị",
    "unit": "Cơ quan, đơn vị",
    "total": "Tổng",
    "done": "Xong",
    "done_on_time": "Xong đúng hạn",
    "done_late": "Xong quá hạn",
    "overdue": "Quá hạn",
    "due_soon": "Sắp đến hạn",
    "not_due": "Chưa đến hạn",
    "cancelled": "Đã dừng",
    "rate": "Tỷ lệ (0..1)",
    "rate_text": "Tỷ lệ",
}


def _not_begun(period: Any, day: date, *, on_stdout: bool = False) -> str:
    """Say what the window's list says of a period not begun by ``day`` (nothing for any
    other): on stdout in place of the table, else on stderr, where a script's CSV or JSON
    (empty) stays alone on stdout. Returns it ("" when not said)."""
    if period is None:
        return ""
    from ..core.task_period import not_begun

    note = not_begun(period, day)
    if note:
        if on_stdout:
            print(note)
        else:
            print(f"bdcq: {note}", file=sys.stderr)
    return note


def cmd_list(args: argparse.Namespace) -> int:
    from ..core.task_list import listed_tasks

    period = read_period(args)
    if isinstance(period, int):
        return period
    today = args.today or date.today()
    rows = listed_tasks(
        open_db(args),
        status=args.status,
        unit=args.unit,
        unit_id=args.unit_id,
        meeting_id=args.meeting,
        today=today,
        period=period,
    )
    # Said as the window's list says it, where the table would say "no rows".
    table = args.format == "table"
    if _not_begun(period, today, on_stdout=table) and table:
        return EXIT_OK
    if args.format == "json":  # with the sessions serving each task, which no table column shows
        from ..core.tabular import render_json, to_dicts
        from .meeting_record import sessions_list

        data = to_dicts(rows, COLUMNS)
        for row, d in zip(rows, data, strict=True):
            d["sessions"] = sessions_list(row.sessions)
        print(render_json(data))
        return EXIT_OK
    emit(rows, COLUMNS, HEADERS, args.format, TABLE_COLUMNS)
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from ..core.task_list import task_summary

    period = read_period(args)
    if isinstance(period, int):
        return period
    summary = task_summary(open_db(args), args.on, period)
    _not_begun(period, args.on or date.today())
    if args.format == "json":
        from ..core.tabular import render_json, to_dicts

        [total] = to_dicts([summary.total], SUMMARY_COLUMNS)
        data = {"on": summary.on.isoformat(), "total": total}
        data["units"] = to_dicts(summary.units, SUMMARY_COLUMNS)
        print(render_json(data))  # type: ignore[arg-type]
        return EXIT_OK
    # Every unit's row first, as the window lists it.
    rows = [summary.total, *summary.units]
    emit(rows, SUMMARY_COLUMNS, SUMMARY_HEADERS, args.format, SUMMARY_TABLE)
    return EXIT_OK


def add_list_commands(g: Any) -> None:
    """``tasks list`` and ``tasks summary`` under the ``tasks`` group ``g``."""
    p = add_command(
        g, "list", "danh sách nhiệm vụ theo thời hạn / tasks by deadline", cmd_list, reads=True
    )
    p.add_argument("--status", metavar="STATUS", help=f"tình trạng / status: {STATUSES}")
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--unit",
        metavar="TEXT",
        help="đơn vị được tính nhiệm vụ (tên, không cần dấu), như bảng đơn vị của trang Nhiệm vụ; "
        "không tính đơn vị đầu mối / the unit the task counts for (name), as the window's "
        "units table; not the focal unit",
    )
    which.add_argument(
        "--unit-id",
        type=id_arg,
        metavar="ID",
        help="mã đơn vị được tính nhiệm vụ / the id of the unit the task counts for",
    )
    p.add_argument("--meeting", type=id_arg, metavar="ID", help="của một cuộc họp / of one meeting")
    p.add_argument("--today", type=date_arg, metavar="D", help="tính tại ngày / as of")
    add_period_options(p)  # the tasks of a period, as its tasks report lists them
    format_option(p)
    p = add_command(
        g,
        "summary",
        "số nhiệm vụ và tỷ lệ hoàn thành theo đơn vị, như trang Báo cáo › Nhiệm vụ / tasks and "
        "completion rate per unit, as the window's units table",
        cmd_summary,
        reads=True,
    )
    p.add_argument(
        "--on",
        type=date_arg,
        metavar="D",
        help="tính tại ngày (mặc định hôm nay) / as of (default today)",
    )
    add_period_options(p)  # the tasks of a period, as its tasks report counts them
    format_option(p)
