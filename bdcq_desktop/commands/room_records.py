"""``bdcq meetings room-export|room-import``: a meeting's record carried back from the meeting
room's laptop (its copy of the database) to the office database, which kept working meanwhile
(:mod:`..core.room_record`, :mod:`..core.room_merge`). Each command is one core call."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from ..core.errors import BcdError
from .common import (
    EXIT_OK,
    add_command,
    emit,
    expected_version_option,
    format_option,
    meeting_id_option,
    open_db,
    print_json,
    usage,
)

COLUMNS = ["key", "kind", "what", "before", "after", "conflict", "default", "skipped", "doubt"]
# The table says the kind as the window does; CSV and JSON keep its code.
TABLE_COLUMNS = ["key", "kind_label", *COLUMNS[2:]]
HEADERS = {
    "key": "Mã",
    "kind": "Loại",
    "kind_label": "Loại",
    "what": "Nội dung",
    "before": "Văn phòng hiện có",
    "after": "Phòng họp ghi",
    "conflict": "Xung đột",
    # A conflict with a default needs no --resolve: what the office deleted stays deleted.
    "default": "Mặc định",
    "skipped": "Không nhập vì",
    # A time the laptop's clock got wrong: a conflict, applied only as --resolve KEY=room.
    "doubt": "Giờ không hợp lệ (máy phòng họp có thể sai giờ)",
}
SIDES = ("room", "office")
# Someone the office took off the list whom the room checked in: recorded as a walk-in.
CHOICES = (*SIDES, "walk-in")


def cmd_room_export(args: argparse.Namespace) -> int:
    import os

    from ..core.files import names_folder
    from ..core.room_record import export_meeting_record

    db = open_db(args)
    target = args.output
    if names_folder(target):
        # A folder (the USB stick): the record inside it under the window's dated name.
        from ..core.room_file_name import room_file_name

        target = os.path.join(target, room_file_name(db, args.id))
    path = export_meeting_record(db, args.id, target)
    print(f"Đã xuất biên ghi phòng họp / room record written: {path}")
    return EXIT_OK


def _resolve(args: argparse.Namespace) -> dict[str, str] | None:
    out: dict[str, str] = {}
    for text in args.resolve or []:
        key, _, side = text.partition("=")
        if side not in CHOICES or not key:
            return None
        out[key.strip()] = side
    return out


def _preview_out(preview: Any, fmt: str) -> None:
    if fmt == "json":
        print_json(
            {
                "meeting_id": preview.meeting_id,
                "title": preview.title,
                "version": preview.version,
                "newer_import": preview.newer_import.isoformat() if preview.newer_import else None,
                "changes": [
                    {**{c: getattr(ch, c) for c in COLUMNS}, "options": list(ch.options)}
                    for ch in preview.changes
                ],
            }
        )
        return
    print(f"Cuộc họp / meeting {preview.meeting_id}: {preview.title} (phiên bản {preview.version})")
    if preview.newer_import is not None:
        at = f"{preview.newer_import:%H:%M %d/%m/%Y}"
        print(f"Tệp này cũ hơn tệp đã nhập từ máy phòng họp (xuất lúc {at}): mỗi chỗ khác đều cần "
              f"chọn bằng --resolve / an older file than one already imported ({at}): every "
              "difference is a conflict")  # fmt: skip
    from ..core.room_record import change_kind_label

    rows = [{**asdict(c), "kind_label": change_kind_label(c.kind)} for c in preview.changes]
    if not rows:
        print("Biên ghi này không có gì mới so với văn phòng / nothing new in this record")
        return
    emit(rows, COLUMNS, HEADERS, fmt, TABLE_COLUMNS)


def cmd_room_import(args: argparse.Namespace) -> int:
    from ..core.room_merge import apply_meeting_record, preview_meeting_record
    from ..core.room_record import read_meeting_record

    resolve = _resolve(args)
    if resolve is None:
        return usage(
            "--resolve cần dạng MÃ=room, MÃ=office hoặc MÃ=walk-in",
            "--resolve takes KEY=room|office|walk-in",
        )
    record = read_meeting_record(args.file)  # checked whole before the database is opened
    db = open_db(args)
    preview = preview_meeting_record(db, record)
    if args.prefer:
        resolve = {**preview.preferring(args.prefer), **resolve}
        # A time the laptop's clock got wrong is never the room's by --prefer: said as such,
        # rather than as a conflict the officer thought chosen.
        doubts = [c.key for c in preview.conflicts if c.doubt and c.key not in resolve]
        if doubts and not args.dry_run and args.yes:
            raise BcdError(
                "Chưa nhập gì: --prefer không chọn giờ không hợp lệ (máy phòng họp có thể sai "
                "giờ); chọn riêng từng chỗ bằng --resolve MÃ=room hoặc MÃ=office: "
                + ", ".join(doubts)[:300]
                + " / nothing applied: --prefer never takes a doubtful time; choose each with "
                "--resolve KEY=room|office."
            )
    if args.dry_run or not args.yes:
        _preview_out(preview, args.format)
        if args.dry_run:
            return EXIT_OK
        raise BcdError("Chưa nhập gì: thêm --yes để nhập / nothing applied: add --yes to apply.")
    version = preview.version if args.expected_version is None else args.expected_version
    # --yes is the officer's go-ahead for what the preview showed, the conclusions changed
    # after their notice was issued included (the notice is marked superseded).
    done = apply_meeting_record(
        db, record, expected_version=version, resolve=resolve, confirm_after_notice=True
    )
    print(
        f"Đã nhập {done.applied} thay đổi từ phòng họp / {done.applied} changes applied; "
        f"phiên bản cuộc họp / meeting version: {done.version}"
    )
    for line in done.skipped:
        print(f"Không nhập / not applied: {line}")
    if not preview.changes:
        print("Biên ghi này không có gì mới so với văn phòng / nothing new in this record")
    return EXIT_OK


def add_room_commands(g: Any) -> None:
    """``room-export`` and ``room-import`` in the ``meetings`` group ``g``."""
    p = add_command(
        g,
        "room-export",
        "xuất biên ghi phòng họp (trên máy phòng họp) / write the meeting room's record",
        cmd_room_export,
        reads=True,
    )
    meeting_id_option(p)
    p.add_argument(
        "-o",
        "--output",
        default=".",
        metavar="FILE.bcdhop",
        help="tệp biên ghi cần ghi (vd. trên USB), hoặc thư mục: tệp tên theo ngày họp và giờ "
        "xuất, cuoc-hop-ID-YYYY-MM-DD-HHMM.bcdhop (mặc định: thư mục hiện tại) / the record "
        "file to write, or a folder: the file named after the meeting's day and the export's "
        "time (default: the current folder)",
    )

    p = add_command(
        g,
        "room-import",
        "nhập biên ghi từ phòng họp vào cơ sở dữ liệu văn phòng / apply a room record",
        cmd_room_import,
    )
    p.add_argument("file", metavar="FILE.bcdhop", help="tệp biên ghi / the record file")
    p.add_argument(
        "--dry-run", action="store_true", help="chỉ xem trước / show what would change"
    )
    p.add_argument("--yes", action="store_true", help="nhập thật / apply")
    p.add_argument(
        "--resolve",
        action="append",
        metavar="KEY=room|office|walk-in",
        help="giữ bên nào cho một xung đột; walk-in: ghi là người dự thêm người văn phòng đã bỏ "
        "khỏi danh sách mà phòng họp điểm danh có mặt / which side wins one conflict; walk-in: "
        "record as a walk-in someone the office took off the list whom the room checked in",
    )
    p.add_argument(
        "--prefer",
        choices=SIDES,
        help="giữ bên nào cho mọi xung đột còn lại; “room” không áp dụng cho giờ không hợp lệ "
        "và chỗ văn phòng đã xóa (chọn riêng bằng --resolve) / which side wins every other "
        "conflict; “room” never takes a doubtful time nor undoes what the office deleted",
    )
    expected_version_option(p)
    format_option(p, ("table", "json"))
