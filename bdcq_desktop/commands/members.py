"""Committee members (list, import, export, template) and the units they belong to."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .columns import (
    MEMBER_COLUMNS,
    MEMBER_HEADERS,
    MEMBER_TABLE_COLUMNS,
    UNIT_COLUMNS,
    UNIT_HEADERS,
)
from .common import (
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    add_group,
    date_arg,
    emit,
    expected_version_option,
    id_arg,
    list_options,
    open_db,
    version_or_current,
)
from .member_edits import BODIES, BODY_HELP, add_member_edit_commands

TABULAR_FILE = "tệp .xlsx hoặc .csv / .xlsx or .csv file"
# The end date is the last day of membership (core.membership_rules): the header says so in the
# short form of the dialogs' label (members.END_DATE_LABEL). JSON keys stay the field names.
MEMBER_LIST_HEADERS = {**MEMBER_HEADERS, "end_date": "Đến hết ngày"}
INCLUDE_FORMER = "gồm cả thành viên cũ / include former members"
# The roster of a past day, as the dated PDF roster (export roster --date) lists it.
ON_DAY = (
    "tính đến ngày (mặc định hôm nay; với --all: cả người đã thôi trước ngày đó) / as of this "
    "day (default today; with --all, also those who had left by then)"
)


# --- members -----------------------------------------------------------------------------------


def cmd_members_list(args: argparse.Namespace) -> int:
    from ..core.members import list_committee, list_group

    listing = list_committee if args.body == "committee" else list_group
    db = open_db(args)
    rows = listing(db, search=args.search, include_former=args.all, sort=args.sort, on=args.on)
    emit(rows, MEMBER_COLUMNS, MEMBER_LIST_HEADERS, args.format, MEMBER_TABLE_COLUMNS)
    return EXIT_OK


def cmd_members_import(args: argparse.Namespace) -> int:
    from ..core.roster_io import apply_import, preview_import, undated_message
    from ..core.text import short_date

    db = open_db(args)
    preview = preview_import(db, args.file, decision_date=args.decision_date)
    if preview.column_warning:
        # Said before anything else, in the dry run and the real run alike: the import goes on
        # without these columns, and the officer must know before trusting it.
        print(f"bdcq: {preview.column_warning}", file=sys.stderr)
    if not preview.ok:
        for row in preview.rows:
            if row.problems:
                name = row.full_name or "?"
                # Each problem is a sentence (its own full stop), as the window's preview shows it.
                said = " ".join(row.problems)
                print(f"dòng / line {row.line}: {name}: {said}", file=sys.stderr)
        print(
            f"bdcq: {preview.errors} dòng lỗi, chưa ghi gì / {preview.errors} bad row(s), "
            "nothing written",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not _duplicate_positions_confirmed(preview, args):
        return EXIT_USAGE
    if preview.undated and args.start_date is None:
        # Refused in the dry run too, as the real run would be: nobody chose these starts.
        print(
            f"bdcq: {undated_message(preview.undated)} (--start-date D)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    summary = (
        f"{preview.people} người / people ({preview.new_people} mới / new), "
        f"{preview.memberships} thành viên Ban Chỉ đạo / "
        f"committee members, {len(preview.new_units)} đơn vị mới / new units"
    )
    if preview.renamed:  # a key given under another name: said, never done silently
        summary += f", {preview.renamed} người đổi họ tên / person(s) renamed"
    if preview.unchanged:
        summary += (
            f", {preview.unchanged} dòng đã có, giữ nguyên / row(s) already recorded, left as"
            " they are"
        )
    if args.dry_run:
        for row in preview.rows:
            new = " (đơn vị mới / new unit)" if row.creates_unit else ""
            start = row.start_date or (args.start_date if row.role else None)
            since = f"\t{short_date(start)}" if start else ""
            print(
                f"{row.line}\t{row.full_name}\t{row.person_label}\t{row.role_label}\t"
                f"{row.unit}{new}{since}"
            )
        print(f"Kiểm tra xong, chưa ghi gì / dry run, nothing written: {summary}")
        return EXIT_OK
    apply_import(db, preview, default_start=args.start_date)
    print(f"Đã nhập / imported: {summary}")
    if preview.new_units:
        print("Đơn vị mới / new units: " + "; ".join(preview.new_units))
    return EXIT_OK


def _duplicate_positions_confirmed(preview: Any, args: argparse.Namespace) -> bool:
    """Warnings (a second holder of one position in one unit) go to stderr, one a line; a real
    import with warnings needs ``--yes``."""
    for line, warning in preview.warnings:
        print(f"dòng / line {line}: {warning}", file=sys.stderr)
    if preview.warnings and not (args.yes or args.dry_run):
        print(
            "bdcq: có cảnh báo, chưa ghi gì; kiểm tra rồi thêm --yes để vẫn nhập / warnings, "
            "nothing written; add --yes to import anyway",
            file=sys.stderr,
        )
        return False
    return True


def cmd_members_export(args: argparse.Namespace) -> int:
    from ..core.db import output_path
    from ..core.roster_io import export_roster

    db = open_db(args)
    n = export_roster(db, output_path(args.file, db), include_former=args.all, on=args.on)
    print(f"Đã xuất {n} thành viên / exported {n} member(s): {args.file}")
    return EXIT_OK


def cmd_members_template(args: argparse.Namespace) -> int:
    from ..core.db import output_path
    from ..core.roster_io import save_template

    save_template(output_path(args.file, args.db))
    print(f"Đã tạo tệp mẫu / template saved: {args.file}")
    return EXIT_OK


def add_members_commands(sub: Any) -> None:
    """``members list|add|edit|end|import|export|template``."""
    members = add_group(sub, "members", "thành viên / members")
    p = add_command(
        members,
        "list",
        "danh sách thành viên Ban Chỉ đạo hoặc Tổ công tác / committee or working-group roster",
        cmd_members_list,
        reads=True,
    )
    p.add_argument("--body", choices=BODIES, default="committee", help=BODY_HELP)
    list_options(p)
    p.add_argument(
        "--sort",
        choices=["rank", "name"],
        default="rank",
        help="theo thứ bậc hoặc theo tên / by rank or by given name",
    )
    p.add_argument("--all", action="store_true", help=INCLUDE_FORMER)
    p.add_argument("--on", type=date_arg, metavar="D", help=ON_DAY)
    add_member_edit_commands(members)
    p = add_command(
        members,
        "import",
        "nhập danh sách từ Excel/CSV; mã thoát 2 và không ghi gì nếu có dòng lỗi / import "
        "people from .xlsx or .csv; exit 2 and nothing written if any row is invalid",
        cmd_members_import,
    )
    p.add_argument("file", metavar="FILE", help=TABULAR_FILE)
    p.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra, không ghi / check only, write nothing"
    )
    p.add_argument(
        "--yes",
        "--confirm",
        action="store_true",
        help="vẫn nhập khi có cảnh báo (trùng chức vụ) / import despite warnings",
    )
    p.add_argument(
        "--decision-date",
        type=date_arg,
        metavar="D",
        help="ngày quyết định cho các dòng chỉ có số / decision date for rows with only a number",
    )
    p.add_argument(
        "--start-date",
        type=date_arg,
        metavar="D",
        help='ngày bắt đầu cho các dòng không ghi "Từ ngày" và quyết định không ghi ngày (các '
        "dòng khác bắt đầu từ ngày của dòng) / start of the rows that give neither a start nor "
        "a decision date (the other rows start on their own date)",
    )
    p = add_command(
        members,
        "export",
        "xuất danh sách thành viên ra .xlsx hoặc .csv / export the roster to .xlsx or .csv",
        cmd_members_export,
        reads=True,
    )
    p.add_argument("file", metavar="FILE", help=TABULAR_FILE)
    p.add_argument("--all", action="store_true", help=INCLUDE_FORMER)
    p.add_argument("--on", type=date_arg, metavar="D", help=ON_DAY)
    p = add_command(
        members,
        "template",
        "tạo tệp mẫu để nhập danh sách / save an import template (.xlsx or .csv)",
        cmd_members_template,
    )
    p.add_argument("file", metavar="FILE", help=TABULAR_FILE)


# --- units -------------------------------------------------------------------------------------


def cmd_units_list(args: argparse.Namespace) -> int:
    from ..core.units import list_units

    rows = list_units(open_db(args), search=args.search, include_retired=args.all)
    emit(rows, UNIT_COLUMNS, UNIT_HEADERS, args.format)
    return EXIT_OK


def cmd_units_add(args: argparse.Namespace) -> int:
    from ..core.units import create_unit

    unit_id = create_unit(open_db(args), name=args.name, short_name=args.short_name, kind=args.kind)
    print(f"Đã thêm đơn vị / unit added: {unit_id}")
    return EXIT_OK


def cmd_units_rename(args: argparse.Namespace) -> int:
    from ..core.units import rename_unit

    rename_unit(open_db(args), args.id, args.name, expected_version=args.expected_version)
    print(f"Đã đổi tên đơn vị / unit renamed: {args.id}")
    return EXIT_OK


# ``units edit`` option → the field of the unit dialog (core.units.UNIT_LABELS).
UNIT_EDIT_OPTIONS = {
    "name": "name",
    "short_name": "short_name",
    "kind": "kind",
    "head": "head_id",
    "address": "address",
    "phone": "phone",
    "email": "email",
}
UNIT_KINDS = "department, sector, central_agency, locality, enterprise, university, other"


def cmd_units_edit(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.units import get_unit, update_unit

    fields = {
        key: getattr(args, option)
        for option, key in UNIT_EDIT_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if not fields:
        raise BcdError(
            "Chưa có gì để sửa: thêm --name, --short-name, --kind, --head, --address, --phone "
            "hoặc --email / nothing to change"
        )
    db = open_db(args)
    version = version_or_current(args.expected_version, lambda: get_unit(db, args.id).version)
    # The unit dialog's save: only the fields changed, as typed; the core checks and names them.
    update_unit(db, args.id, expected_version=version, **fields)
    u = get_unit(db, args.id)
    short = f" ({u.short_name})" if u.short_name else ""
    print(f"Đã sửa đơn vị / unit changed: {u.id} {u.name}{short}, {u.kind_label}")
    return EXIT_OK


def cmd_units_retire(args: argparse.Namespace) -> int:
    from ..core.units import retire_unit

    retire_unit(open_db(args), args.id, on=args.on, expected_version=args.expected_version)
    print(f"Đơn vị ngừng hoạt động / unit retired: {args.id}")
    return EXIT_OK


def cmd_units_merge(args: argparse.Namespace) -> int:
    from ..core.units import get_unit, merge_units

    db = open_db(args)
    # The version read (--expected-version, else now) is the version the merge must find.
    seen = version_or_current(args.expected_version, lambda: get_unit(db, args.source).version)
    merge_units(db, args.source, args.target, on=args.on, expected_version=seen)
    print(f"Đã sáp nhập / merged: {args.source} → {args.target}")
    print(
        "Nhiệm vụ chưa hoàn thành, báo cáo chưa gửi của đơn vị nay do đơn vị tiếp nhận thực hiện"
        " / its open tasks and unsent reports now count for the receiving unit"
    )
    return EXIT_OK


def add_units_commands(sub: Any) -> None:
    """``units list|add|edit|rename|retire|merge``."""
    units = add_group(sub, "units", "cơ quan, đơn vị / units")
    p = add_command(units, "list", "danh sách cơ quan, đơn vị / units", cmd_units_list, reads=True)
    list_options(p)
    p.add_argument("--all", action="store_true", help="gồm đơn vị đã giải thể / include retired")
    p = add_command(units, "add", "thêm cơ quan, đơn vị / add a unit", cmd_units_add)
    p.add_argument("name", metavar="NAME", help="tên cơ quan, đơn vị / name")
    p.add_argument("--short-name", metavar="TEXT", help="tên viết tắt / abbreviation")
    p.add_argument(
        "--kind",
        default="department",
        metavar="K",
        help=f"loại / kind: {UNIT_KINDS} (mặc định / default: department)",
    )
    p = add_command(
        units,
        "edit",
        "sửa cơ quan, đơn vị (chỉ các trường đã ghi) / correct a unit (only the options given)",
        cmd_units_edit,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã đơn vị / unit id")
    p.add_argument("--name", metavar="TEXT", help="tên cơ quan, đơn vị / name")
    p.add_argument(
        "--short-name", metavar="TEXT", help='tên viết tắt ("" để bỏ) / abbreviation ("" clears)'
    )
    p.add_argument("--kind", metavar="K", help=f"loại / kind: {UNIT_KINDS}")
    p.add_argument(
        "--head",
        metavar="PERSON_ID",
        help='ID người đứng đầu ("" để bỏ) / head\'s person id ("" clears)',
    )
    p.add_argument("--address", metavar="TEXT", help='địa chỉ ("" để bỏ) / address ("" clears)')
    p.add_argument("--phone", metavar="TEXT", help='điện thoại ("" để bỏ) / phone ("" clears)')
    p.add_argument("--email", metavar="TEXT", help='thư điện tử ("" để bỏ) / email ("" clears)')
    expected_version_option(p)
    p = add_command(units, "rename", "đổi tên đơn vị / rename a unit", cmd_units_rename)
    p.add_argument("id", type=id_arg, metavar="ID", help="mã đơn vị / unit id")
    p.add_argument("name", metavar="NAME", help="tên mới / new name")
    expected_version_option(p)
    p = add_command(
        units, "retire", "đơn vị ngừng hoạt động (giữ lịch sử) / retire a unit", cmd_units_retire
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã đơn vị / unit id")
    p.add_argument(
        "--on",
        type=date_arg,
        required=True,
        metavar="D",
        help="ngừng hoạt động từ ngày (bắt buộc) / retired from (required)",
    )
    expected_version_option(p)
    p = add_command(
        units,
        "merge",
        "sáp nhập đơn vị SOURCE vào TARGET (giữ lịch sử) / merge SOURCE into TARGET",
        cmd_units_merge,
    )
    p.add_argument("source", type=id_arg, metavar="SOURCE", help="mã đơn vị bị sáp nhập / unit id")
    p.add_argument("target", type=id_arg, metavar="TARGET", help="mã đơn vị tiếp nhận / unit id")
    p.add_argument(
        "--on",
        type=date_arg,
        required=True,
        metavar="D",
        help="sáp nhập từ ngày (bắt buộc) / merged from (required)",
    )
    expected_version_option(p)
