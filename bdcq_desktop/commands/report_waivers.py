"""``bdcq reports waive|unwaive``: a unit excused from a round's report (miễn nộp), and the
waiver taken off (:mod:`bdcq_desktop.core.waivers`); the unit named as ``reports receive`` names
it (id, name, short name or search words)."""

from __future__ import annotations

import argparse
from typing import Any

from .common import EXIT_OK, add_command, date_arg, expected_version_option, id_arg, open_db
from .report_edits import UNIT_HELP, report_done, report_version_option


def cmd_reports_waive(args: argparse.Namespace) -> int:
    from ..core.waivers import waive_unit

    db = open_db(args)
    sid = waive_unit(
        db,
        args.round_id,
        args.unit,
        reason=args.reason,
        waived_on=args.on,
        expected_version=args.expected_version,
        submission_version=args.report_version,
    )
    print(report_done(db, sid, "Đã ghi miễn nộp báo cáo", "report waived"))
    return EXIT_OK


def cmd_reports_unwaive(args: argparse.Namespace) -> int:
    from ..core.waivers import unwaive_unit

    db = open_db(args)
    sid = unwaive_unit(
        db,
        args.round_id,
        args.unit,
        expected_version=args.expected_version,
        submission_version=args.report_version,
    )
    print(report_done(db, sid, "Đã bỏ miễn nộp báo cáo", "waiver removed"))
    return EXIT_OK


def add_waiver_commands(reports: Any) -> None:
    p = add_command(
        reports,
        "waive",
        "miễn nộp: đơn vị không phải gửi báo cáo của đợt (không đôn đốc) / excuse a unit from "
        "a round's report",
        cmd_reports_waive,
    )
    p.add_argument("round_id", type=id_arg, metavar="ROUND_ID", help="mã đợt / round id")
    p.add_argument("unit", metavar="UNIT", help=UNIT_HELP)
    p.add_argument(
        "--reason", required=True, metavar="TEXT", help="lý do miễn nộp / why it is waived"
    )
    p.add_argument(
        "--on", type=date_arg, metavar="D", help="ngày miễn nộp (mặc định hôm nay) / waived on"
    )
    expected_version_option(p)
    report_version_option(p)
    p = add_command(
        reports,
        "unwaive",
        "bỏ miễn nộp (khi chưa nhận báo cáo) / take a waiver off",
        cmd_reports_unwaive,
    )
    p.add_argument("round_id", type=id_arg, metavar="ROUND_ID", help="mã đợt / round id")
    p.add_argument("unit", metavar="UNIT", help=UNIT_HELP)
    expected_version_option(p)
    report_version_option(p)
