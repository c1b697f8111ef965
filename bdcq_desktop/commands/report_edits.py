"""``bdcq reports show|edit|clear``: one unit's report as its form shows it, with its stored
file saved where the officer says (``--save-file``); a recorded report corrected ("Báo cáo của
đơn vị") and a recording made by mistake undone ("Hủy ghi nhận"), each the one call the window
makes
(:func:`~bdcq_desktop.core.submissions.record_submission`,
:func:`~bdcq_desktop.core.submissions.clear_submission`) on the submission the unit names (id,
name, short name or search words, as ``reports receive`` names it); the round's version read
with it guards the save (``--expected-version``), or the report's own version read
(``--report-version``: another unit's report recorded meanwhile is then no conflict)."""

from __future__ import annotations

import argparse
import os
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    date_arg,
    date_or_empty_arg,
    emit,
    expected_version_option,
    format_option,
    id_arg,
    open_db,
    print_json,
    version_or_current,
)

# ``reports edit`` option → the field of the submission dialog (core.submissions.LABELS).
EDIT_OPTIONS = {
    "date": "received_on",
    "number": "document_number",
    "document_date": "document_date",
    "summary": "summary",
    "evaluation": "evaluation",
}


# What UNIT is, said the same in every report command's help.
UNIT_HELP = (
    "đơn vị: mã đơn vị (cột “Mã đơn vị” / unit_id của reports list, không phải cột “Mã”), "
    "tên hoặc tên viết tắt / the unit: its unit id (reports list's unit_id, not the report's "
    "id), name or short name"
)


def report_version_option(p: argparse.ArgumentParser) -> None:
    """``--report-version``: the unit's report's version read (``reports list --format json``:
    version); it then guards the save instead of the round's version."""
    p.add_argument(
        "--report-version",
        type=int,
        metavar="N",
        help="phiên bản báo cáo của đơn vị đã đọc (reports list: version); báo cáo của đơn vị "
        "khác ghi nhận trong lúc đó không còn làm lệnh bị từ chối / the unit's report's version "
        "read (reports list: version): another unit's report recorded meanwhile is no conflict",
    )


def report_done(db: Any, submission_id: int, vi: str, en: str) -> str:
    """The confirmation of a report command, naming the unit and the round it acted on
    ("Đã hủy ghi nhận báo cáo của Sở Nội vụ (mã đơn vị 3) – đợt 1 “…” / recording undone:
    report 5"): a unit mistyped by id shows at once."""
    from ..core.models import Submission
    from ..core.reports import submission_rows

    row = submission_rows(db, Submission.id == submission_id)[0]
    return (
        f"{vi} của {row.unit} (mã đơn vị {row.unit_id}) – đợt {row.round_id} “{row.round}” / "
        f"{en}: report {submission_id}"
    )


def cmd_reports_edit(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.stored_files import read_upload
    from ..core.submissions import find_unit_submission, record_submission

    given = {
        key: getattr(args, option)
        for option, key in EDIT_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if not given and args.file is None and not args.remove_file:
        raise BcdError(
            "Chưa có gì để sửa: thêm --date, --number, --document-date, --summary, "
            "--evaluation, --file hoặc --remove-file / nothing to change"
        )
    # Checked before writing (never the database itself), as reports receive does.
    upload = read_upload(args.file, args.db) if args.file is not None else None
    db = open_db(args)
    row = find_unit_submission(db, args.round_id, args.unit)
    # The submission dialog's save: every field of the form, those not given as recorded.
    kept = {
        "received_on": row.received_on,
        "document_number": row.document_number,
        "document_date": row.document_date,
        "summary": row.summary,
        "evaluation": row.evaluation,
    }
    sid = record_submission(
        db,
        row.id,
        expected_version=version_or_current(args.expected_version, lambda: row.round_version),
        upload=upload,
        remove_file=args.remove_file,
        submission_version=args.report_version,
        **{**kept, **given},
    )
    print(report_done(db, sid, "Đã sửa báo cáo", "submission changed"))
    return EXIT_OK


def cmd_reports_clear(args: argparse.Namespace) -> int:
    from ..core.submissions import clear_submission, find_unit_submission

    db = open_db(args)
    row = find_unit_submission(db, args.round_id, args.unit)
    sid = clear_submission(
        db,
        row.id,
        expected_version=version_or_current(args.expected_version, lambda: row.round_version),
        submission_version=args.report_version,
    )
    print(report_done(db, sid, "Đã hủy ghi nhận báo cáo", "recording undone"))
    return EXIT_OK


def cmd_reports_show(args: argparse.Namespace) -> int:
    from ..core.stored_files import safe_name, save_copy, size_text
    from ..core.submissions import find_unit_submission
    from ..core.tabular import plain, shown
    from .reports import (
        CSV_SUBMISSION_COLUMNS,
        JSON_SUBMISSION_COLUMNS,
        SUBMISSION_HEADERS,
        submission_dicts,
    )

    db = open_db(args)
    row = find_unit_submission(db, args.round_id, args.unit)
    if args.save_file is not None:
        if row.file_id is None:
            from ..core.errors import BcdError

            raise BcdError(
                f"Báo cáo của {row.unit} – đợt {row.round_id} “{row.round}” chưa có tệp đính "
                "kèm / the report has no file."
            )
        from ..core.files import names_folder

        target = args.save_file
        if names_folder(target):
            # A folder: the file goes in it under its own name, as the viewer's copy has it.
            target = os.path.join(target, safe_name(row.file_name))
        path = save_copy(db, row.file_id, target)
        size = size_text(path.stat().st_size)
        print(f"Đã lưu tệp “{row.file_name}” ({size}) / file saved: {path}")
        return EXIT_OK
    data = submission_dicts([row])[0]
    if args.format == "json":
        print_json({key: plain(data[key]) for key in JSON_SUBMISSION_COLUMNS})
    elif args.format == "csv":
        emit([data], CSV_SUBMISSION_COLUMNS, SUBMISSION_HEADERS, "csv")
    else:
        fields = [
            ("Mã báo cáo / report id", row.id),
            ("Cơ quan, đơn vị / unit", f"{row.unit} (mã đơn vị / unit id {row.unit_id})"),
            ("Đợt báo cáo / round", f"{row.round_id} {row.round}"),
            ("Hạn nộp / due", shown(row.due_date)),
            ("Tình trạng / status", row.status_text),
            ("Ngày nhận / received", shown(row.received_on)),
            ("Số văn bản / number", row.document_number),
            ("Ngày văn bản / document date", shown(row.document_date)),
            ("Tóm tắt kết quả / summary", row.summary),
            ("Đánh giá của Văn phòng / evaluation", row.evaluation),
            ("Tệp / file", row.file_name),
        ]
        if row.waived_on is not None:
            fields.append(
                ("Miễn nộp / waived", f"{shown(row.waived_on)}: {row.waived_reason}")
            )
        for label, value in fields:
            print(f"{label}: {'' if value is None else value}")
    return EXIT_OK


def _round_and_unit(p: argparse.ArgumentParser) -> None:
    p.add_argument("round_id", type=id_arg, metavar="ROUND_ID", help="mã đợt / round id")
    p.add_argument("unit", metavar="UNIT", help=UNIT_HELP)


def add_report_edit_commands(reports: Any) -> None:
    p = add_command(
        reports,
        "show",
        "một báo cáo như biểu mẫu của nó; --save-file lưu tệp báo cáo / one report as its form "
        "shows it; --save-file saves its file",
        cmd_reports_show,
        reads=True,
    )
    _round_and_unit(p)
    format_option(p)
    p.add_argument(
        "--save-file",
        metavar="PATH",
        help="lưu tệp báo cáo đơn vị đã gửi vào PATH (một thư mục: giữ tên tệp; không in báo "
        "cáo) / save the report's stored file to PATH (a folder: under its name; the report is "
        "not printed)",
    )
    p = add_command(
        reports,
        "edit",
        "sửa báo cáo đã ghi nhận (chỉ các trường đã ghi) / correct a recorded report (only the "
        "options given)",
        cmd_reports_edit,
    )
    _round_and_unit(p)
    p.add_argument("--date", type=date_arg, metavar="D", help="ngày nhận / received on")
    p.add_argument(
        "--number", metavar="N", help='số văn bản ("" để bỏ) / the unit\'s number ("" clears)'
    )
    p.add_argument(
        "--document-date",
        type=date_or_empty_arg,
        metavar="D",
        help='ngày văn bản ("" để bỏ) / the document\'s date ("" clears)',
    )
    p.add_argument(
        "--summary", metavar="TEXT", help='tóm tắt kết quả ("" để bỏ) / summary ("" clears)'
    )
    p.add_argument(
        "--evaluation",
        metavar="TEXT",
        help='đánh giá của Văn phòng ("" để bỏ) / the secretariat\'s evaluation ("" clears)',
    )
    files = p.add_mutually_exclusive_group()
    files.add_argument(
        "--file", metavar="PATH", help="thay tệp báo cáo (tối đa 50 MB) / replace the file"
    )
    files.add_argument(
        "--remove-file", action="store_true", help="bỏ tệp đã đính kèm / detach the file"
    )
    expected_version_option(p)
    report_version_option(p)
    p = add_command(
        reports,
        "clear",
        "hủy ghi nhận báo cáo ghi nhầm (đơn vị lại chưa nộp) / undo a report recorded by "
        "mistake",
        cmd_reports_clear,
    )
    _round_and_unit(p)
    expected_version_option(p)
    report_version_option(p)
