"""The database as a whole: init, demo, check, backup, restore (meetings: :mod:`.meetings`,
reports: :mod:`.reports`, sessions: :mod:`.sessions`)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from .common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    add_command,
    open_db,
)


def cmd_init(args: argparse.Namespace) -> int:
    from ..core.engine import shown_url
    from ..core.migrate import current_revision

    db = open_db(args, create=True, empty_ok=True)
    print(
        f"Cơ sở dữ liệu sẵn sàng / database ready: {shown_url(db.url)} ({current_revision(db)})"
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from ..documents.demo import load_demo_with_documents

    result = load_demo_with_documents(open_db(args, create=True))
    if result.summary is None:
        print(
            "Đã hoàn tất lần nạp dữ liệu mẫu bị gián đoạn / finished an interrupted demo load: "
            f"{result.issued} văn bản / document(s) issued"
        )
    else:
        print(f"Đã nạp dữ liệu mẫu / demo data loaded: {result.summary}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from ..core.check import run_checks
    from ..core.check_storage import Problem
    from ..core.db import DatabaseDamagedError

    try:
        db = open_db(args)
    except DatabaseDamagedError as exc:
        # Damage found at the opening (a lost header, many pages gone, an empty file) is the
        # check's finding as much as damage its integrity check finds: exit 1 either way.
        problems = [Problem("integrity", exc.message)]
    else:
        problems = run_checks(db)
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
    from ..core.room_copy import backup_copy

    db = open_db(args)
    dest = backup_copy(db, args.output)
    if db.is_sqlite:
        print(f"Đã sao lưu / backed up to: {dest}")
    else:
        print(
            f"Đã chép toàn bộ dữ liệu của máy chủ vào tệp SQLite / the server's data copied to "
            f"a SQLite file: {dest} (không khôi phục ngược lên máy chủ được; sao lưu máy chủ: "
            "pg_dump / it cannot be restored onto the server; back the server up with pg_dump)"
        )
    return EXIT_OK


def cmd_copy_for_room(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.i18n import tr
    from ..core.room_copy import EarlierRoomCopyError, copy_for_room

    try:
        dest = copy_for_room(open_db(args), args.output, replace=args.replace)
    except EarlierRoomCopyError as exc:
        raise BcdError(
            exc.message + " " + tr("Thêm --replace để vẫn ghi đè / add --replace to replace it.")
        ) from None
    print(f"Đã chép dữ liệu sang tệp cho máy phòng họp / laptop copy written: {dest}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from ..core.backup import restore_from
    from ..core.backups import of_another_database
    from ..core.errors import BcdError, RestoreClashWarning, RestoreIssuedWarning
    from ..core.i18n import tr

    # Not upgraded on open: a database that cannot be opened (damaged, or written by a newer
    # version) is exactly the one a user restores over.
    db = open_db(args, migrate=False, create=True, empty_ok=True)
    if not args.other_database and of_another_database(db, args.file):
        raise BcdError(
            tr(
                "Tệp {file} là bản sao lưu của một cơ sở dữ liệu khác, không phải của {path}: "
                "khôi phục sẽ thay toàn bộ dữ liệu đang dùng bằng một bộ dữ liệu khác. Nếu "
                "đúng là muốn vậy, chạy lại với --other-database."
            ).format(file=args.file, path=db.sqlite_path)
        )
    try:
        safety = restore_from(
            db, args.file, confirm_issued=args.yes, drop_clashing=args.drop_clashing
        )
    except RestoreIssuedWarning as exc:
        # The window's question is the flag's to answer: a script has no one to ask.
        said = re.sub(r"\s*Vẫn [^.?!]*\?\s*$", "", exc.message)
        if isinstance(exc, RestoreClashWarning):
            # --yes keeps documents; letting an issued number leave the register is its own
            # flag, so a script written for the first never does the second.
            hint = (
                "Thêm --yes --drop-clashing nếu chấp nhận để các văn bản không giữ được rời khỏi "
                "sổ / add --yes --drop-clashing to restore anyway: the documents that cannot be "
                "kept leave the register, only their PDFs remain"
            )
        else:
            hint = (
                "Thêm --yes để vẫn khôi phục / add --yes to restore anyway (the documents named "
                "above stay in the register, marked superseded)"
            )
        raise BcdError(f"{said}\n{hint}.") from None
    if safety is None:  # nothing there before (a new or empty file): nothing to keep aside
        print(
            f"Đã khôi phục / restored from {args.file}; không có dữ liệu cũ cần giữ lại / there "
            "was no previous data to keep"
        )
    else:
        print(f"Đã khôi phục / restored from {args.file}; bản trước đó / previous state: {safety}")
    return EXIT_OK


def add_database_commands(sub: Any) -> None:
    """``init``, ``demo``, ``check``, ``backup``, ``copy-for-room``, ``restore``."""
    add_command(
        sub, "init", "tạo hoặc nâng cấp cơ sở dữ liệu / create or upgrade the database", cmd_init
    )
    add_command(
        sub,
        "demo",
        "nạp dữ liệu mẫu vào cơ sở dữ liệu trống / load demo data into an empty database",
        cmd_demo,
    )
    add_command(
        sub,
        "check",
        "kiểm tra toàn vẹn và logic; mã thoát 1 nếu có vấn đề / integrity and logic "
        "checks; exit 1 on problems",
        cmd_check,
        reads=True,
    )
    p = add_command(
        sub,
        "backup",
        "sao lưu trực tuyến ra tệp SQLite (PostgreSQL: bản chép toàn bộ dữ liệu, không khôi "
        "phục lên máy chủ được) / online backup to a SQLite file",
        cmd_backup,
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp đích / target file")
    p = add_command(
        sub,
        "copy-for-room",
        "chép dữ liệu sang máy phòng họp (tệp SQLite, cả từ PostgreSQL) / copy for the "
        "meeting-room laptop",
        cmd_copy_for_room,
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE.sqlite3",
        help="tệp SQLite cần ghi (vd. trên USB) / the SQLite file to write",
    )  # fmt: skip
    p.add_argument(
        "--replace", action="store_true",
        help="ghi đè bản sao trước đây của chính dữ liệu này (mất những gì phòng họp đã ghi mà "
        "chưa xuất) / replace an earlier copy of this database (its unexported work is lost)",
    )  # fmt: skip
    p = add_command(
        sub,
        "restore",
        "khôi phục từ bản sao lưu, chỉ cơ sở dữ liệu SQLite (sao lưu trạng thái hiện tại "
        "trước) / restore a SQLite database (the current state is backed up first)",
        cmd_restore,
    )
    p.add_argument("file", metavar="FILE", help="tệp sao lưu / the backup file")
    p.add_argument(
        "--other-database",
        action="store_true",
        help="khôi phục cả bản sao lưu của một cơ sở dữ liệu khác / restore even a backup of "
        "another database",
    )
    p.add_argument(
        "--yes",
        action="store_true",
        help="vẫn khôi phục khi đã ban hành văn bản sau thời điểm sao lưu (các văn bản đó được "
        "giữ trong sổ, đánh dấu bị thay thế) / restore even though documents were issued "
        "after the backup",
    )
    p.add_argument(
        "--drop-clashing",
        action="store_true",
        help="vẫn khôi phục khi bản sao lưu đã cấp số của một văn bản đã ban hành cho văn bản "
        "khác (văn bản đó rời khỏi sổ, chỉ còn tệp PDF) / restore even though the backup gave "
        "the number of an issued document to another one (that document leaves the register)",
    )
