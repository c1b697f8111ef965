"""``bdcq settings days-off list|add|remove``: the days-off calendar every working-day count
reads (:mod:`bdcq_desktop.core.days_off`): the year's days off and weekend days worked, as the
government's announcement gives them."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    add_group,
    date_arg,
    emit,
    format_option,
    open_db,
    year_arg,
)

DAY_OFF_COLUMNS = ["day", "weekday", "name", "kind", "kind_label"]
DAY_OFF_TABLE = ["day", "weekday", "name", "kind_label"]
DAY_OFF_HEADERS = {
    "day": "Ngày",
    "weekday": "Thứ",
    "name": "Tên ngày nghỉ",
    "kind": "Loại (mã)",
    "kind_label": "Loại",
}


def _said(row: Any) -> str:
    return f"{row.day:%d/%m/%Y} ({row.weekday}) — {row.name} — {row.kind_label}"


def cmd_days_off_list(args: argparse.Namespace) -> int:
    from ..core.days_off import list_days_off

    rows = list_days_off(open_db(args), args.year)
    emit(rows, DAY_OFF_COLUMNS, DAY_OFF_HEADERS, args.format, DAY_OFF_TABLE)
    return EXIT_OK


def cmd_days_off_add(args: argparse.Namespace) -> int:
    from ..core.days_off import add_day_off

    row = add_day_off(open_db(args), args.day, args.name, args.kind)
    print(f"Đã thêm / added: {_said(row)}")
    return EXIT_OK


def cmd_days_off_remove(args: argparse.Namespace) -> int:
    from ..core.days_off import remove_day_off

    row = remove_day_off(open_db(args), args.day)
    print(f"Đã xóa / removed: {_said(row)}")
    return EXIT_OK


def add_days_off_commands(settings: Any) -> None:
    """``settings days-off list|add|remove``."""
    group = add_group(
        settings,
        "days-off",
        "lịch ngày nghỉ, ngày làm bù (tính ngày làm việc) / the days-off calendar",
    )
    p = add_command(
        group,
        "list",
        "danh sách ngày nghỉ, ngày làm bù / list the calendar",
        cmd_days_off_list,
        reads=True,
    )
    p.add_argument("--year", type=year_arg, metavar="YEAR", help="chỉ một năm / one year only")
    format_option(p)
    p = add_command(
        group,
        "add",
        "thêm một ngày theo thông báo nghỉ lễ, Tết của năm; mã thoát 2 nếu bị từ chối / add a "
        "day from the year's announcement; exit 2 if refused",
        cmd_days_off_add,
    )
    p.add_argument("day", type=date_arg, metavar="DATE", help="ngày / date (30/04/2028)")
    p.add_argument("name", metavar="NAME", help="tên ngày nghỉ / name (Ngày Chiến thắng)")
    p.add_argument(
        "--kind",
        choices=["off", "work"],
        default="off",
        help="off: ngày nghỉ (mặc định); work: thứ Bảy, Chủ nhật đi làm bù / off: a day off "
        "(default); work: a weekend day worked in exchange",
    )
    p = add_command(
        group, "remove", "xóa một ngày khỏi lịch / take a day off the calendar",
        cmd_days_off_remove,
    )
    p.add_argument("day", type=date_arg, metavar="DATE", help="ngày / date")
