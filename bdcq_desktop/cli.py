"""Command line ``bdcq``: a thin front end over the headless core.

Exit codes: 0 ok, 1 problems found (``check``), 2 bad usage or refused input (one line on
stderr, never a traceback). Never imports Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .core.errors import BcdError, ValidationError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

MEMBER_COLUMNS = [
    "id",
    "full_name",
    "role",
    "role_label",
    "position",
    "unit",
    "field",
    "area",
    "phone",
    "email",
    "decision_number",
    "start_date",
    "end_date",
    "active",
]
MEMBER_HEADERS = {
    "id": "Mã",
    "full_name": "Họ và tên",
    "role": "Vai trò (mã)",
    "role_label": "Vai trò",
    "position": "Chức vụ",
    "unit": "Cơ quan",
    "field": "Lĩnh vực phụ trách",
    "area": "Địa bàn phụ trách",
    "phone": "Điện thoại",
    "email": "Email",
    "decision_number": "Quyết định",
    "start_date": "Từ ngày",
    "end_date": "Đến ngày",
    "active": "Đương nhiệm",
}
MEETING_COLUMNS = [
    "id",
    "title",
    "kind",
    "kind_label",
    "starts_at",
    "ends_at",
    "place",
    "status",
    "status_label",
    "chair",
    "invited",
    "present",
]
MEETING_HEADERS = {
    "id": "Mã",
    "title": "Tên cuộc họp",
    "kind": "Loại (mã)",
    "kind_label": "Loại",
    "starts_at": "Bắt đầu",
    "ends_at": "Kết thúc",
    "place": "Địa điểm",
    "status": "Trạng thái (mã)",
    "status_label": "Trạng thái",
    "chair": "Chủ trì",
    "invited": "Mời",
    "present": "Dự",
}
ROUND_COLUMNS = [
    "id",
    "title",
    "regime",
    "period_label",
    "due_date",
    "units",
    "on_time",
    "late",
    "missing",
    "not_due",
]
ROUND_HEADERS = {
    "id": "Mã",
    "title": "Đợt báo cáo",
    "regime": "Chế độ báo cáo",
    "period_label": "Kỳ",
    "due_date": "Hạn",
    "units": "Số đơn vị",
    "on_time": "Đúng hạn",
    "late": "Muộn",
    "missing": "Chưa nộp",
    "not_due": "Chưa đến hạn",
}
UNIT_COLUMNS = ["id", "name", "short_name", "kind", "kind_label", "head", "people", "active"]
UNIT_HEADERS = {
    "id": "Mã",
    "name": "Tên cơ quan, đơn vị",
    "short_name": "Viết tắt",
    "kind": "Loại (mã)",
    "kind_label": "Loại",
    "head": "Người đứng đầu",
    "people": "Số người",
    "active": "Hoạt động",
}
SESSION_COLUMNS = [
    "id",
    "title",
    "purpose",
    "purpose_label",
    "starts_on",
    "ends_on",
    "place",
    "convened_by",
    "participants",
    "outputs",
]


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage in one line and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"bdcq: lỗi cú pháp / usage error: {message}\n")


def _open(args: argparse.Namespace, *, migrate: bool = True):  # type: ignore[no-untyped-def]
    from .core.db import open_database

    db = open_database(args.db, migrate=migrate)
    for warning in db.warnings:
        print(f"bdcq: cảnh báo / warning: {warning}", file=sys.stderr)
    return db


def _emit(rows: list[Any], columns: list[str], headers: dict[str, str], fmt: str) -> None:
    from .core import tabular

    data = tabular.to_dicts(rows, columns)
    if fmt == "json":
        print(tabular.render_json(data))
    elif fmt == "csv":
        sys.stdout.write(tabular.render_csv(data, headers))
    else:
        print(tabular.render_table(data, headers) if data else "(không có dữ liệu / no rows)")


def cmd_init(args: argparse.Namespace) -> int:
    from .core.migrate import current_revision

    db = _open(args)
    print(f"Cơ sở dữ liệu sẵn sàng / database ready: {db.url} ({current_revision(db)})")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from .core.demo import load_demo

    db = _open(args)
    summary = load_demo(db)
    print(f"Đã nạp dữ liệu mẫu / demo data loaded: {summary}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .core.check import run_checks

    problems = run_checks(_open(args))
    for p in problems:
        print(f"{p.code}\t{p.record}\t{p.message}")
    if problems:
        print(
            f"Phát hiện {len(problems)} vấn đề / {len(problems)} problem(s) found", file=sys.stderr
        )
        return EXIT_PROBLEMS
    print("Không phát hiện vấn đề / no problems found")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from .core.backup import backup_to

    dest = backup_to(_open(args), args.output)
    print(f"Đã sao lưu / backed up to: {dest}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from .core.backup import restore_from

    safety = restore_from(_open(args), args.file)
    print(f"Đã khôi phục / restored from {args.file}; bản trước đó / previous state: {safety}")
    return EXIT_OK


def cmd_members_list(args: argparse.Namespace) -> int:
    from .core.members import list_committee

    rows = list_committee(_open(args), search=args.search, include_former=args.all, sort=args.sort)
    _emit(rows, MEMBER_COLUMNS, MEMBER_HEADERS, args.format)
    return EXIT_OK


def _date_arg(text: str):  # type: ignore[no-untyped-def]
    """argparse type for dates (05/02/2026 or 2026-02-05): a bad one is a usage error."""
    from .core.validation import date_value

    try:
        return date_value(text, "date", "ngày / date", required=True)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def cmd_members_import(args: argparse.Namespace) -> int:
    from datetime import date

    from .core.roster_io import apply_import, preview_import

    db = _open(args)
    preview = preview_import(db, args.file, decision_date=args.decision_date)
    if not preview.ok:
        for row in preview.rows:
            if row.problems:
                name = row.full_name or "?"
                print(f"dòng / line {row.line}: {name}: {'; '.join(row.problems)}", file=sys.stderr)
        print(
            f"bdcq: {preview.errors} dòng lỗi, chưa ghi gì / {preview.errors} bad row(s), "
            "nothing written",
            file=sys.stderr,
        )
        return EXIT_USAGE
    summary = (
        f"{len(preview.rows)} người / people, {preview.memberships} thành viên Ban Chỉ đạo / "
        f"committee members, {len(preview.new_units)} đơn vị mới / new units"
    )
    if args.dry_run:
        for row in preview.rows:
            new = " (đơn vị mới / new unit)" if row.creates_unit else ""
            print(f"{row.line}\t{row.full_name}\t{row.role_label}\t{row.unit}{new}")
        print(f"Kiểm tra xong, chưa ghi gì / dry run, nothing written: {summary}")
        return EXIT_OK
    apply_import(db, preview, start_date=args.start_date or args.decision_date or date.today())
    print(f"Đã nhập / imported: {summary}")
    if preview.new_units:
        print("Đơn vị mới / new units: " + "; ".join(preview.new_units))
    return EXIT_OK


def cmd_members_export(args: argparse.Namespace) -> int:
    from .core.roster_io import export_roster

    n = export_roster(_open(args), args.file, include_former=args.all)
    print(f"Đã xuất {n} thành viên / exported {n} member(s): {args.file}")
    return EXIT_OK


def cmd_members_template(args: argparse.Namespace) -> int:
    from .core.roster_io import save_template

    save_template(args.file)
    print(f"Đã tạo tệp mẫu / template saved: {args.file}")
    return EXIT_OK


def cmd_meetings_list(args: argparse.Namespace) -> int:
    from .core.meetings import list_meetings

    _emit(
        list_meetings(_open(args), search=args.search),
        MEETING_COLUMNS,
        MEETING_HEADERS,
        args.format,
    )
    return EXIT_OK


def cmd_reports_list(args: argparse.Namespace) -> int:
    from .core.reports import list_rounds

    _emit(list_rounds(_open(args), search=args.search), ROUND_COLUMNS, ROUND_HEADERS, args.format)
    return EXIT_OK


def cmd_units_list(args: argparse.Namespace) -> int:
    from .core.units import list_units

    rows = list_units(_open(args), search=args.search, include_retired=args.all)
    _emit(rows, UNIT_COLUMNS, UNIT_HEADERS, args.format)
    return EXIT_OK


def cmd_units_add(args: argparse.Namespace) -> int:
    from .core.units import create_unit

    unit_id = create_unit(_open(args), name=args.name, short_name=args.short_name, kind=args.kind)
    print(f"Đã thêm đơn vị / unit added: {unit_id}")
    return EXIT_OK


def cmd_units_rename(args: argparse.Namespace) -> int:
    from .core.units import rename_unit

    rename_unit(_open(args), args.id, args.name)
    print(f"Đã đổi tên đơn vị / unit renamed: {args.id}")
    return EXIT_OK


def cmd_units_retire(args: argparse.Namespace) -> int:
    from .core.units import retire_unit

    retire_unit(_open(args), args.id, on=args.on)
    print(f"Đơn vị ngừng hoạt động / unit retired: {args.id}")
    return EXIT_OK


def cmd_units_merge(args: argparse.Namespace) -> int:
    from .core.units import merge_units

    merge_units(_open(args), args.source, args.target, on=args.on)
    print(f"Đã sáp nhập / merged: {args.source} → {args.target}")
    return EXIT_OK


def cmd_sessions_list(args: argparse.Namespace) -> int:
    from .core.working_group import list_sessions

    _emit(list_sessions(_open(args), search=args.search), SESSION_COLUMNS, {}, args.format)
    return EXIT_OK


def _list_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--search", metavar="TEXT", help="tìm không phân biệt dấu / diacritic-insensitive search"
    )
    p.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help="định dạng đầu ra / output format (mặc định / default: table)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bdcq",
        description=(
            "BCĐ Desktop — dòng lệnh cho văn phòng Ban Chỉ đạo xây dựng Chính quyền điện tử.\n"
            "Command line of BCĐ Desktop, the steering committee secretariat's tool."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="tệp SQLite hoặc URL SQLAlchemy / SQLite file or SQLAlchemy URL "
        "(mặc định / default: BDCQ_DATABASE_URL or the user data folder)",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def add(
        name: str, help_text: str, func: Callable[[argparse.Namespace], int], parent: Any = sub
    ) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    add("init", "tạo hoặc nâng cấp cơ sở dữ liệu / create or upgrade the database", cmd_init)
    add(
        "demo",
        "nạp dữ liệu mẫu vào cơ sở dữ liệu trống / load demo data into an empty database",
        cmd_demo,
    )
    add(
        "check",
        "kiểm tra toàn vẹn và logic; mã thoát 1 nếu có vấn đề / integrity and logic "
        "checks; exit 1 on problems",
        cmd_check,
    )
    p = add("backup", "sao lưu trực tuyến / online backup", cmd_backup)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp đích / target file")
    p = add(
        "restore",
        "khôi phục từ bản sao lưu (sao lưu trạng thái hiện tại trước) / restore "
        "(the current state is backed up first)",
        cmd_restore,
    )
    p.add_argument("file", metavar="FILE")

    members = sub.add_parser("members", help="thành viên / members").add_subparsers(
        dest="sub", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = add(
        "list", "danh sách thành viên Ban Chỉ đạo / committee roster", cmd_members_list, members
    )
    _list_options(p)
    p.add_argument(
        "--sort",
        choices=["rank", "name"],
        default="rank",
        help="theo thứ bậc hoặc theo tên / by rank or by given name",
    )
    p.add_argument(
        "--all", action="store_true", help="gồm cả thành viên cũ / include former members"
    )
    p = add(
        "import",
        "nhập danh sách từ Excel/CSV; mã thoát 2 và không ghi gì nếu có dòng lỗi / import "
        "people from .xlsx or .csv; exit 2 and nothing written if any row is invalid",
        cmd_members_import,
        members,
    )
    p.add_argument("file", metavar="FILE", help="tệp .xlsx hoặc .csv / .xlsx or .csv file")
    p.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra, không ghi / check only, write nothing"
    )
    p.add_argument(
        "--decision-date",
        type=_date_arg,
        metavar="DATE",
        help="ngày quyết định cho các dòng chỉ có số / decision date for rows with only a number",
    )
    p.add_argument(
        "--start-date",
        type=_date_arg,
        metavar="DATE",
        help="ngày bắt đầu nhiệm kỳ (mặc định: ngày quyết định, hoặc hôm nay) / start of the "
        "memberships (default: the decision date, or today)",
    )
    p = add(
        "export",
        "xuất danh sách thành viên ra .xlsx hoặc .csv / export the roster to .xlsx or .csv",
        cmd_members_export,
        members,
    )
    p.add_argument("file", metavar="FILE", help="tệp .xlsx hoặc .csv / .xlsx or .csv file")
    p.add_argument(
        "--all", action="store_true", help="gồm cả thành viên cũ / include former members"
    )
    p = add(
        "template",
        "tạo tệp mẫu để nhập danh sách / save an import template (.xlsx or .csv)",
        cmd_members_template,
        members,
    )
    p.add_argument("file", metavar="FILE", help="tệp .xlsx hoặc .csv / .xlsx or .csv file")

    meetings = sub.add_parser("meetings", help="cuộc họp / meetings").add_subparsers(
        dest="sub", metavar="ACTION", parser_class=_Parser, required=True
    )
    _list_options(add("list", "danh sách cuộc họp / meetings", cmd_meetings_list, meetings))

    reports = sub.add_parser("reports", help="báo cáo / reports").add_subparsers(
        dest="sub", metavar="ACTION", parser_class=_Parser, required=True
    )
    _list_options(add("list", "các đợt báo cáo / reporting rounds", cmd_reports_list, reports))

    units = sub.add_parser("units", help="cơ quan, đơn vị / units").add_subparsers(
        dest="sub", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = add("list", "danh sách cơ quan, đơn vị / units", cmd_units_list, units)
    _list_options(p)
    p.add_argument("--all", action="store_true", help="gồm đơn vị đã giải thể / include retired")
    p = add("add", "thêm cơ quan, đơn vị / add a unit", cmd_units_add, units)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--short-name", metavar="TEXT", help="tên viết tắt / abbreviation")
    p.add_argument(
        "--kind",
        default="department",
        help="loại / kind: department, sector, central_agency, locality, enterprise, "
        "university, other (mặc định / default: department)",
    )
    p = add("rename", "đổi tên đơn vị / rename a unit", cmd_units_rename, units)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("name", metavar="NAME")
    p = add(
        "retire", "đơn vị ngừng hoạt động (giữ lịch sử) / retire a unit", cmd_units_retire, units
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--on", type=_date_arg, required=True, metavar="DATE")
    p = add(
        "merge",
        "sáp nhập đơn vị SOURCE vào TARGET (giữ lịch sử) / merge SOURCE into TARGET",
        cmd_units_merge,
        units,
    )
    p.add_argument("source", type=int, metavar="SOURCE")
    p.add_argument("target", type=int, metavar="TARGET")
    p.add_argument("--on", type=_date_arg, required=True, metavar="DATE")

    sessions = sub.add_parser(
        "sessions", help="phiên làm việc Tổ công tác / working-group sessions"
    ).add_subparsers(dest="sub", metavar="ACTION", parser_class=_Parser, required=True)
    _list_options(add("list", "danh sách phiên làm việc / sessions", cmd_sessions_list, sessions))
    _add_document_commands(sub, add)
    _add_settings_commands(sub, add)
    return parser


# --- official documents: export and the register --------------------------------------------

DOCUMENT_KINDS = (
    "convocation",
    "invitation",
    "agenda",
    "attendance",
    "minutes",
    "conclusions",
    "wg-convocation",
    "wg-report",
    "roster",
    "reports-summary",
    "tasks",
)
# record type of a kind → the option that names the record
RECORD_OPTIONS = {"meeting": "--meeting", "session": "--session", "round": "--round"}
ISSUED_COLUMNS = [
    "year",
    "number",
    "symbol",
    "kind",
    "issued_on",
    "summary",
    "record_type",
    "record_id",
    "signer",
    "sha256",
    "file_path",
]
ISSUED_HEADERS = {
    "year": "Năm",
    "number": "Số",
    "symbol": "Số, ký hiệu",
    "kind": "Loại",
    "issued_on": "Ngày ban hành",
    "summary": "Trích yếu",
    "record_type": "Bản ghi",
    "record_id": "Mã bản ghi",
    "signer": "Người ký",
    "sha256": "SHA-256",
    "file_path": "Tệp lưu",
}


def _usage(vi: str, en: str) -> int:
    print(f"bdcq: lỗi cú pháp / usage error: {vi} / {en}", file=sys.stderr)
    return EXIT_USAGE


def cmd_export(args: argparse.Namespace) -> int:
    from .documents import service

    kind = service.get_kind(args.kind)
    given = {rt: getattr(args, rt) for rt in RECORD_OPTIONS if getattr(args, rt) is not None}
    need = kind.record_type
    if need is None and given:
        opts = ", ".join(RECORD_OPTIONS[rt] for rt in given)
        return _usage(
            f"văn bản {args.kind} không gắn với bản ghi, bỏ {opts}",
            f"{args.kind} takes no record, drop {opts}",
        )
    if need is not None and (need not in given or len(given) > 1):
        opt = RECORD_OPTIONS.get(need, f"--{need}")
        return _usage(
            f"văn bản {args.kind} cần đúng một tùy chọn {opt} ID",
            f"{args.kind} needs exactly one {opt} ID",
        )
    if args.issue and args.draft:
        return _usage("không dùng --issue cùng --draft", "--issue and --draft exclude each other")
    options = {}
    if args.per_addressee:
        if "per_addressee" not in kind.options:
            return _usage(
                f"văn bản {args.kind} không có tùy chọn --per-addressee",
                f"{args.kind} has no --per-addressee option",
            )
        options["per_addressee"] = True
    db = _open(args)
    result = service.export(
        db,
        args.kind,
        given.get(need) if need else None,
        args.output,
        issue_it=args.issue,
        issued_on=args.date,
        draft_only=args.draft,
        options=options,
    )
    print(f"Đã xuất / exported: {result.path}")
    rec = result.issued
    if rec is None:
        print("Bản dự thảo, chưa có số / draft, number left blank")
    else:
        state = (
            "bản đã ban hành trước đó / stored copy of the issued document"
            if result.from_store
            else "đã ban hành / issued"
        )
        print(f"Số / number: {rec.symbol} ({rec.issued_on.isoformat()}) — {state}")
        print(f"SHA-256: {rec.sha256}")
    return EXIT_OK


def cmd_documents_list(args: argparse.Namespace) -> int:
    from .core.register import list_issued

    rows = list_issued(_open(args), year=args.year)
    if args.kind:
        rows = [r for r in rows if r.kind == args.kind]
    _emit(rows, ISSUED_COLUMNS, ISSUED_HEADERS, args.format)
    return EXIT_OK


def _add_document_commands(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add(
        "export",
        "xuất văn bản ra PDF (dự thảo, hoặc ban hành với --issue) / export a document to PDF "
        "(a draft, or issued with --issue)",
        cmd_export,
    )
    p.add_argument("kind", choices=DOCUMENT_KINDS, metavar="KIND", help=", ".join(DOCUMENT_KINDS))
    p.add_argument("--meeting", type=int, metavar="ID", help="mã cuộc họp / meeting id")
    p.add_argument("--session", type=int, metavar="ID", help="mã phiên làm việc / session id")
    p.add_argument("--round", type=int, metavar="ID", help="mã đợt báo cáo / reporting round id")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="tệp PDF / PDF file")
    p.add_argument(
        "--issue",
        action="store_true",
        help="ban hành: lấy số tiếp theo trong sổ, lưu bản PDF / issue: take the next number "
        "from the register and store the PDF",
    )
    p.add_argument(
        "--draft",
        action="store_true",
        help="luôn xuất bản dự thảo mới, kể cả khi đã ban hành / a fresh draft even if issued",
    )
    p.add_argument(
        "--date",
        type=_date_arg,
        metavar="YYYY-MM-DD",
        help="ngày ban hành (mặc định: hôm nay) / date of issue (default: today)",
    )
    p.add_argument(
        "--per-addressee",
        action="store_true",
        help="giấy mời: mỗi đại biểu một bản / invitation: one copy per addressee",
    )
    documents = sub.add_parser("documents", help="sổ văn bản / document register").add_subparsers(
        dest="sub", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = add("list", "văn bản đã ban hành / issued documents", cmd_documents_list, documents)
    p.add_argument("--year", type=int, metavar="YEAR", help="năm / year")
    p.add_argument("--kind", choices=DOCUMENT_KINDS, metavar="KIND", help="loại / kind")
    p.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help="định dạng đầu ra / output format (mặc định / default: table)",
    )


# --- settings: organisation, document kinds, page -----------------------------------------------


def cmd_settings_show(args: argparse.Namespace) -> int:
    from .core import tabular
    from .documents import settings_keys

    rows = settings_keys.entries(_open(args))
    if args.format == "json":
        print(tabular.render_json({e.key: e.value for e in rows}))  # type: ignore[arg-type]
    else:
        print(settings_keys.render_table(rows))
    return EXIT_OK


def cmd_settings_set(args: argparse.Namespace) -> int:
    from .documents import settings_keys

    entry = settings_keys.set_key(_open(args), args.key, args.value)
    print(f"Đã lưu / saved: {entry.key} = {entry.text}")
    return EXIT_OK


def _add_settings_commands(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    settings = sub.add_parser("settings", help="thiết lập / settings").add_subparsers(
        dest="sub", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = add(
        "show",
        "xem thiết lập: tổ chức, văn bản, trang in / show the settings",
        cmd_settings_show,
        settings,
    )
    p.add_argument(
        "--format",
        choices=["table", "json"],
        default="table",
        help="định dạng đầu ra / output format (mặc định / default: table)",
    )
    p = add(
        "set",
        "đổi một thiết lập; mã thoát 2 nếu giá trị bị từ chối / change one setting; exit 2 "
        "if the value is refused",
        cmd_settings_set,
        settings,
    )
    p.add_argument(
        "key",
        metavar="KEY",
        help="parent_body, committee_name, issuing_body, abbreviation, place_name, address, "
        "phone, email; abbr.KIND, signing.KIND (dòng cách nhau bằng / lines separated by |), "
        "signer.KIND (head, deputy, chair, secretary, none, position:TEXT, person:ID), "
        "recipients.KIND (cách nhau bằng / separated by ;); margins.top|bottom|left|right "
        "(mm); body_size (13, 14)",
    )
    p.add_argument("value", metavar="VALUE")


def _version() -> str:
    from . import __version__

    return f"bdcq {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ValidationError as exc:
        print(f"bdcq: {exc.label}: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except BcdError as exc:
        print(f"bdcq: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"bdcq: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a database or library error: one line, still no traceback
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            detail = str(exc.orig) if getattr(exc, "orig", None) else str(exc).splitlines()[0]
            print(f"bdcq: lỗi cơ sở dữ liệu / database error: {detail}", file=sys.stderr)
            return EXIT_USAGE
        raise


if __name__ == "__main__":
    sys.exit(main())

