"""``bdcq reports``, ``bdcq rounds``, ``bdcq regimes``: the reporting regimes, their rounds and
each unit's submission (:mod:`bdcq_desktop.core.regimes`, :mod:`~bdcq_desktop.core.rounds`,
:mod:`~bdcq_desktop.core.submissions`, :mod:`~bdcq_desktop.core.waivers`). A status is computed
from the dates and the waiver, never typed: ``not_due``, ``on_time`` (the due date itself
counts), ``late``, ``overdue``, ``waived`` (miễn nộp)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from .columns import ROUND_COLUMNS, ROUND_HEADERS
from .common import (
    EXIT_OK,
    add_command,
    add_group,
    date_arg,
    emit,
    expected_version_option,
    id_arg,
    list_options,
    open_db,
    year_arg,
)
from .regime_edits import add_regime_edit_commands
from .report_edits import (
    UNIT_HELP,
    add_report_edit_commands,
    report_done,
    report_version_option,
)
from .report_waivers import add_waiver_commands
from .round_edits import add_round_edit_commands

SUBMISSION_COLUMNS = [
    "id",
    "unit",
    "round",
    "round_id",
    "due_date",
    "received_date",
    "status",
    "days_late",
    "document_number",
    "waived_on",
    "waived_reason",
    # After the columns above, which keep their places in a CSV:
    "unit_id",  # what UNIT of reports receive/edit/clear/waive/unwaive takes, not "id"
    "version",  # the submission's
    "round_version",  # what --expected-version of reports edit/clear/waive/unwaive takes
]
# What the window's list shows besides, after the columns above in a CSV.
SHOWN_COLUMNS = ["document_date", "summary", "evaluation", "file_name"]
# JSON keeps the status's code (``status``) and gives its words too; CSV has the words in the
# status's place, as the window says them ("Nộp muộn 11 ngày"); a script reads the JSON.
JSON_SUBMISSION_COLUMNS = [*SUBMISSION_COLUMNS, "status_text", *SHOWN_COLUMNS, "has_file"]
CSV_SUBMISSION_COLUMNS = [
    *("status_text" if c == "status" else c for c in SUBMISSION_COLUMNS),
    *SHOWN_COLUMNS,
]
SUBMISSION_HEADERS = {
    "id": "Mã báo cáo",
    "unit_id": "Mã đơn vị",
    "version": "Phiên bản",
    "round_version": "Phiên bản đợt",
    "unit": "Cơ quan, đơn vị",
    "round": "Đợt báo cáo",
    "round_id": "Mã đợt",
    "due_date": "Hạn nộp",
    "received_date": "Ngày nhận",
    "status": "Tình trạng",
    "status_text": "Tình trạng",
    "days_late": "Số ngày muộn",
    "document_number": "Số văn bản",
    "waived_on": "Ngày miễn nộp",
    "waived_reason": "Lý do miễn nộp",
    "document_date": "Ngày văn bản",
    "summary": "Tóm tắt kết quả",
    "evaluation": "Đánh giá của Văn phòng",
    "file_name": "Tệp",
    "has_file": "Có tệp",
}
TABLE_SUBMISSION_COLUMNS = [
    "id",
    "round_id",
    "unit_id",
    "unit",
    "due_date",
    "received_date",
    "status_text",
    "document_number",
    "document_date",
    "file_name",
    "summary",
]
REGIME_COLUMNS = [
    "id",
    "name",
    "frequency",
    "deadline_rule",
    "cutoff_rule",
    "receiving_body",
    "units",
    "rounds",
    "active",
]
TABLE_REGIME_COLUMNS = [c if c != "frequency" else "frequency_label" for c in REGIME_COLUMNS]
REGIME_HEADERS = {
    "id": "Mã",
    "name": "Chế độ báo cáo",
    "frequency": "Tần suất",
    "frequency_label": "Tần suất",
    "deadline_rule": "Hạn gửi",
    "cutoff_rule": "Chốt số liệu",
    "receiving_body": "Cơ quan nhận",
    "units": "Số đơn vị",
    "rounds": "Số đợt",
    "active": "Đang áp dụng",
}
STATUSES = "not_due, on_time, late, overdue, waived"


def submission_dicts(rows: list[Any]) -> list[dict[str, Any]]:
    # JSON names the received day ``received_date``; the row calls it ``received_on``.
    from dataclasses import asdict

    return [
        {**asdict(r), "received_date": r.received_on, "has_file": r.file_id is not None}
        for r in rows
    ]


def cmd_reports_list(args: argparse.Namespace) -> int:
    from ..core.submissions import list_all_submissions
    from ..core.text import SearchQuery

    rows = list_all_submissions(
        open_db(args),
        status=args.status,
        round_id=args.round,
        unit=args.unit,
        today=args.today or date.today(),
    )
    if args.search:
        query = SearchQuery(args.search)
        # What the window's search box reads: every column it shows.
        rows = [
            r
            for r in rows
            if query.finds(
                r.unit, r.round, r.document_number, r.status_text, r.summary, r.file_name
            )
        ]
    if args.since is not None:
        # The chase's window (--status overdue --since D: what the Đôn đốc page lists).
        rows = [r for r in rows if r.due_date >= args.since]
    columns = CSV_SUBMISSION_COLUMNS if args.format == "csv" else JSON_SUBMISSION_COLUMNS
    emit(
        submission_dicts(rows),
        columns,
        SUBMISSION_HEADERS,
        args.format,
        TABLE_SUBMISSION_COLUMNS,
    )
    return EXIT_OK


def cmd_reports_receive(args: argparse.Namespace) -> int:
    from ..core.stored_files import read_upload
    from ..core.submissions import receive

    # Checked before writing (never the database itself).
    upload = read_upload(args.file, args.db) if args.file is not None else None
    db = open_db(args)
    sid = receive(
        db,
        args.round_id,
        args.unit,
        received_on=args.date,
        document_number=args.number,
        document_date=args.document_date,
        summary=args.summary,
        upload=upload,
        expected_version=args.expected_version,  # the round's (reports list: round_version)
        submission_version=args.report_version,  # the unit's report's (reports list: version)
    )
    print(report_done(db, sid, "Đã ghi nhận báo cáo", "submission recorded"))
    return EXIT_OK


def cmd_rounds_list(args: argparse.Namespace) -> int:
    from ..core.reports import list_rounds

    rows = list_rounds(open_db(args), search=args.search, today=args.today or date.today())
    emit(
        rows,
        [*ROUND_COLUMNS, "opened_on", "version"],  # version: what reports/rounds commands expect
        {**ROUND_HEADERS, "opened_on": "Ngày mở"},
        args.format,
    )
    return EXIT_OK


def cmd_rounds_open(args: argparse.Namespace) -> int:
    from ..core.rounds import get_round, open_round

    db = open_db(args)
    rid = open_round(
        db,
        regime_id=args.regime,
        year=args.year,
        number=args.period,
        opened_on=args.opened,
        unit_ids=args.unit or None,
    )
    r = get_round(db, rid)
    print(f"Đã mở đợt / round opened: {rid} {r.title} (hạn / due {r.due_date:%d/%m/%Y})")
    return EXIT_OK


def cmd_rounds_request(args: argparse.Namespace) -> int:
    import sys

    from ..core.days_off import day_off_name_in, due_day_text, years_not_entered_in
    from ..core.rounds import get_round, open_ad_hoc_round

    db = open_db(args)
    rid = open_ad_hoc_round(
        db,
        title=args.title,
        due_date=args.due,
        unit_ids=args.unit,
        request_reference=args.reference,
        requested_on=args.requested,
        conclusion_id=args.conclusion,
        regime_id=args.regime,
        opened_on=args.opened,
    )
    print(f"Đã mở đợt / round opened: {rid}")
    # Saved as typed (a script has nobody to ask, and a deadline is never moved by itself);
    # a due date on a day off is said, as the window asks about it.
    due = get_round(db, rid).due_date
    if day_off_name_in(db, due) is not None:
        print(
            f"bdcq: lưu ý: hạn gửi {due:%d/%m/%Y} rơi vào ngày nghỉ ({due_day_text(db, due)}) "
            "/ note: the due date falls on a day off",
            file=sys.stderr,
        )
    elif years_not_entered_in(db, due, due):  # whether it is a day off cannot be told
        print(
            f"bdcq: lưu ý: hạn gửi {due:%d/%m/%Y}, {due_day_text(db, due)}; nhập lịch tại "
            "bdcq settings days-off add / note: that year's days off are not entered",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_regimes_list(args: argparse.Namespace) -> int:
    from ..core.regimes import list_regimes

    rows = list_regimes(open_db(args), search=args.search, include_retired=args.all)
    emit(rows, [*REGIME_COLUMNS, "version"], REGIME_HEADERS, args.format, TABLE_REGIME_COLUMNS)
    return EXIT_OK


def _today_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--today", type=date_arg, metavar="D", help="tính tại ngày / as of")


def add_reports_commands(sub: Any) -> None:
    """``reports list|receive|edit|clear|waive|unwaive``, ``rounds list|open|request|edit|delete``,
    ``regimes list|add|edit|retire``."""
    reports = add_group(sub, "reports", "báo cáo của các đơn vị / the units' reports")
    p = add_command(
        reports,
        "list",
        "báo cáo theo đơn vị và đợt / submissions, one per unit and round",
        cmd_reports_list,
        reads=True,
    )
    p.add_argument("--status", metavar="STATUS", help=f"tình trạng / status: {STATUSES}")
    p.add_argument("--round", type=id_arg, metavar="ID", help="của một đợt / of one round")
    p.add_argument("--unit", metavar="TEXT", help="đơn vị (tìm kiếm) / unit (search)")
    p.add_argument(
        "--since",
        type=date_arg,
        metavar="D",
        help="hạn từ ngày, chỉ các đợt có hạn từ ngày D / due on or after, only rounds due "
        "on or after D",
    )
    _today_option(p)
    list_options(p)
    p = add_command(
        reports,
        "receive",
        "ghi nhận báo cáo đơn vị đã gửi / record a unit's report",
        cmd_reports_receive,
    )
    p.add_argument("round_id", type=id_arg, metavar="ROUND_ID", help="mã đợt / round id")
    p.add_argument("unit", metavar="UNIT", help=UNIT_HELP)
    p.add_argument(
        "--date", type=date_arg, required=True, metavar="D", help="ngày nhận / received on"
    )
    p.add_argument("--number", metavar="N", help="số văn bản của đơn vị / the unit's number")
    p.add_argument(
        "--document-date", type=date_arg, metavar="D", help="ngày văn bản / the document's date"
    )
    p.add_argument("--summary", metavar="TEXT", help="tóm tắt kết quả / summary")
    p.add_argument("--file", metavar="PATH", help="tệp báo cáo (tối đa 50 MB) / the file")
    expected_version_option(p)
    report_version_option(p)
    add_report_edit_commands(reports)
    add_waiver_commands(reports)

    rounds = add_group(sub, "rounds", "đợt báo cáo / reporting rounds")
    p = add_command(
        rounds,
        "list",
        "các đợt báo cáo và số đơn vị theo tình trạng / rounds with counts",
        cmd_rounds_list,
        reads=True,
    )
    _today_option(p)
    list_options(p)
    p = add_command(
        rounds, "open", "mở đợt theo chế độ báo cáo / open a regime's round", cmd_rounds_open
    )
    p.add_argument(
        "--regime", type=id_arg, required=True, metavar="ID", help="mã chế độ báo cáo / regime id"
    )
    p.add_argument("--year", type=year_arg, required=True, metavar="Y", help="năm / year")
    p.add_argument(
        "--period",
        type=int,
        default=1,
        metavar="N",
        help="tháng 1–12, quý 1–4, nửa năm 1–2 / month, quarter or half",
    )
    p.add_argument("--opened", type=date_arg, metavar="D", help="ngày mở / opened on")
    p.add_argument(
        "--unit",
        type=id_arg,
        action="append",
        metavar="ID",
        help="thay danh sách đơn vị của chế độ / instead of the regime's units",
    )
    p = add_command(
        rounds, "request", "mở đợt báo cáo đột xuất / open an ad hoc request", cmd_rounds_request
    )
    p.add_argument("--title", required=True, metavar="TEXT", help="tên đợt / title")
    p.add_argument("--due", type=date_arg, required=True, metavar="D", help="hạn nộp / due")
    p.add_argument(
        "--unit",
        type=id_arg,
        action="append",
        required=True,
        metavar="ID",
        help="đơn vị phải báo cáo (lặp lại) / unit asked (repeat)",
    )
    p.add_argument(
        "--reference",
        metavar="TEXT",
        help="văn bản yêu cầu, ví dụ TB số 14/TB-BCĐ / the request's reference",
    )
    p.add_argument("--requested", type=date_arg, metavar="D", help="ngày yêu cầu / asked on")
    p.add_argument("--conclusion", type=id_arg, metavar="ID", help="mã kết luận / conclusion")
    p.add_argument("--regime", type=id_arg, metavar="ID", help="chế độ báo cáo / regime")
    p.add_argument("--opened", type=date_arg, metavar="D", help="ngày mở / opened on")
    add_round_edit_commands(rounds)

    regimes = add_group(sub, "regimes", "chế độ báo cáo / reporting regimes")
    p = add_command(
        regimes, "list", "các chế độ báo cáo / reporting regimes", cmd_regimes_list, reads=True
    )
    p.add_argument("--all", action="store_true", help="cả chế độ đã thôi / retired too")
    list_options(p)
    add_regime_edit_commands(regimes)
