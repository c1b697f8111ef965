"""Official documents: ``export`` (a draft, or issued through the register) and the register
itself (``documents list``, ``repair-files``, ``numbering``). ``export`` is built in its
companion :mod:`.document_export` and added here, so both commands load together as before."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .columns import ISSUED_COLUMNS, ISSUED_HEADERS
from .common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Parser,
    add_command,
    add_group,
    emit,
    expected_version_option,
    format_option,
    open_db,
    print_json,
    year_arg,
    yes_option,
)
from .document_export import DOCUMENT_KINDS, add_export_command, say_restored


def cmd_documents_list(args: argparse.Namespace) -> int:
    from ..core.register import list_issued

    rows = list_issued(open_db(args), year=args.year)
    if args.kind:
        rows = [r for r in rows if r.kind == args.kind]
    emit(rows, ISSUED_COLUMNS, ISSUED_HEADERS, args.format)
    return EXIT_OK


NUMBERING_COLUMNS = ["type_abbr", "type_name", "last_issued", "floor", "next_symbol", "kinds"]
NUMBERING_HEADERS = {
    "type_abbr": "Viết tắt",
    "type_name": "Loại văn bản",
    "last_issued": "Số cuối trong sổ",
    "floor": "Số cuối đã cấp ngoài phần mềm",
    "next_symbol": "Số tiếp theo",
    "kinds": "Dùng cho",
}


def cmd_documents_numbering(args: argparse.Namespace) -> int:
    """The year's series: the register's last number, the floor, the next number."""
    from ..documents.numbering import numbering

    data = numbering(open_db(args), args.year)
    if args.format == "json":
        rows = [{k: getattr(r, k) for k in (*NUMBERING_COLUMNS, "next_number")} for r in data.rows]
        print_json({"year": data.year, "version": data.version, "series": rows})
        return EXIT_OK
    # 0 is "none" to a reader: a blank cell, not a number the register holds.
    shown = [
        {**{k: getattr(r, k) for k in NUMBERING_COLUMNS},
         "last_issued": r.last_issued or "", "floor": r.floor or ""}
        for r in data.rows
    ]  # fmt: skip
    if args.format == "table":
        print(f"Năm / year {data.year} — phiên bản thiết lập / settings version {data.version}")
    emit(shown, NUMBERING_COLUMNS, NUMBERING_HEADERS, args.format)
    return EXIT_OK


def cmd_documents_numbering_set(args: argparse.Namespace) -> int:
    from datetime import date

    from ..core.errors import BcdError, NumberFloorWarning
    from ..documents.numbering import numbering, save_floors, series_of

    db = open_db(args)
    year = args.year or date.today().year
    value = None if args.last.strip() in ("", "-") else args.last
    try:
        save_floors(
            db,
            year,
            {args.series: value},
            expected_version=args.expected_version,
            confirm_floor=args.yes,
        )
    except NumberFloorWarning as exc:
        # Nobody to ask in a script: the numbers concerned are named, and --yes goes on.
        said = exc.message.rpartition("\n")[0]
        raise BcdError(f"{said}\nThêm --yes để vẫn lưu / add --yes to save anyway.") from None
    series = series_of(db, args.series)
    rows = numbering(db, year).rows
    row = next((r for r in rows if r.type_abbr.casefold() == series.casefold()), None)
    floor = f"{row.floor:02d}" if row is not None and row.floor else "(không có / none)"
    after = f"; số tiếp theo / next {row.next_symbol}" if row is not None else ""
    print(
        f"Đã lưu / saved: {series} năm {year}: số cuối đã cấp ngoài phần mềm / last number "
        f"issued outside the application {floor}{after}"
    )
    return EXIT_OK



def cmd_documents_repair_files(args: argparse.Namespace) -> int:
    """The issued documents' files put back from the register's copies (what ``check`` finds
    missing or altered); exit 1 when some could not be (no right copy in the register)."""
    from ..core.issued_files import fault_message, put_back

    written, left = put_back(open_db(args))
    for w in written:
        say_restored(w.fault.symbol, w.fault.path, w.kept)
    for fault in left:
        print(f"bdcq: {fault_message(fault)}", file=sys.stderr)
    if left:
        return EXIT_PROBLEMS
    if not written:
        print("Mọi tệp văn bản đã ban hành đều đúng / every issued document's file is intact")
    return EXIT_OK


def add_document_commands(sub: Any) -> None:
    """``export KIND``, ``documents list`` and ``documents repair-files``."""
    add_export_command(sub)
    documents = add_group(sub, "documents", "sổ văn bản / document register")
    p = add_command(
        documents, "list", "văn bản đã ban hành / issued documents", cmd_documents_list, reads=True
    )
    p.add_argument("--year", type=year_arg, metavar="YEAR", help="năm / year")
    p.add_argument("--kind", choices=DOCUMENT_KINDS, metavar="KIND", help="loại / kind")
    add_command(
        documents,
        "repair-files",
        "ghi lại tệp văn bản đã ban hành bị thiếu hoặc bị thay đổi, từ bản lưu trong sổ (đã "
        "kiểm tra SHA-256) / put back the files of issued documents that are missing or "
        "altered, from the register's copies (SHA-256 checked)",
        cmd_documents_repair_files,
    )
    format_option(p)
    _add_numbering_commands(documents)


def _add_numbering_commands(documents: Any) -> None:
    """``documents numbering [--year Y]`` shows the series; ``documents numbering set``."""
    p = add_command(
        documents,
        "numbering",
        "dãy số văn bản của năm: số cuối trong sổ, số cuối đã cấp ngoài phần mềm (văn bản "
        "giấy trước khi dùng phần mềm), số tiếp theo / the year's number series: the "
        "register's last number, the last one issued outside the application, the next one",
        cmd_documents_numbering,
        reads=True,
    )
    p.add_argument("--year", type=year_arg, metavar="YEAR", help="năm (mặc định: năm nay) / year")
    format_option(p)
    sub = p.add_subparsers(dest="numbering_action", metavar="ACTION", parser_class=Parser)
    p = add_command(
        sub,
        "set",
        "ghi số cuối đã cấp ngoài phần mềm của một loại văn bản; văn bản tiếp theo lấy số sau "
        "số đó; mã thoát 2 nếu bị từ chối / record the last number of a type issued outside "
        "the application; the next document is numbered after it; exit 2 if refused",
        cmd_documents_numbering_set,
    )
    p.add_argument(
        "series",
        metavar="TYPE",
        help="chữ viết tắt (GM, GTT, BB, TB…) hoặc loại văn bản (invitation…) / the type "
        "abbreviation or a KIND of export",
    )
    p.add_argument(
        "last",
        metavar="LAST",
        help='số cuối đã cấp (1–9999); "" hoặc - để bỏ / the last number issued (1–9999); '
        '"" or - takes it off',
    )
    # SUPPRESS: not given here, the --year given before "set" (if any) is kept.
    p.add_argument(
        "--year",
        type=year_arg,
        metavar="YEAR",
        default=argparse.SUPPRESS,
        help="năm (mặc định: năm nay; chỉ năm đang cấp số) / year (default: this year; only "
        "the year numbers are issued in)",
    )
    yes_option(
        p,
        "số này trùng với số phần mềm đã cấp, hoặc thôi ghi nhận số đã cấp trên giấy / save "
        "even when it meets numbers the application issued",
    )
    expected_version_option(p)
