"""``bdcq sessions output-edit|output-status``: the saves of the Tổ công tác tab's output
dialogs (Sửa sản phẩm, Đổi tình trạng), each the one call the window makes into
:mod:`bdcq_desktop.core.session_outputs`. Values go to the core as typed: it checks them and
names the field (a status the output cannot move to names the ones it can)."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    expected_version_option,
    format_option,
    id_arg,
    open_db,
    print_json,
    version_or_current,
)

# Option → the core's field (core.session_outputs.OUTPUT_LABELS).
FIELD_OPTIONS = {
    "title": "title",
    "kind": "kind",
    "version_label": "version_label",
    "status": "status",
    "meeting": "submitted_meeting_id",
}


def _session_and_version(db: Any, args: argparse.Namespace) -> tuple[int, int]:
    """The output's session and the version the save checks (the session's, as the window
    reads it)."""
    from ..core.session_detail import get_session
    from ..core.session_outputs import get_output

    session_id = get_output(db, args.output_id).session_id
    version = version_or_current(
        args.expected_version, lambda: get_session(db, session_id).version
    )
    return session_id, version


def _print(db: Any, session_id: int, said: str, fmt: str) -> int:
    """The output's session as ``sessions show`` prints it, after a line saying what was
    done."""
    from ..core.session_detail import get_session
    from .sessions import detail_dict, print_detail

    d = get_session(db, session_id)
    if fmt == "json":
        print_json(detail_dict(d))
    else:
        print(said)
        print_detail(d)
    return EXIT_OK


def cmd_output_edit(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.session_outputs import update_output
    from ..core.stored_files import read_upload

    fields = {
        key: getattr(args, option)
        for option, key in FIELD_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if not fields and args.file is None:
        raise BcdError(
            "Chưa có gì để sửa: thêm --title, --kind, --version, --status, --meeting, --file… / "
            "nothing to change"
        )
    # The file is read and checked (size, name) before the database is opened.
    upload = read_upload(args.file, args.db) if args.file is not None else None
    db = open_db(args)
    session_id, version = _session_and_version(db, args)
    update_output(db, args.output_id, expected_version=version, upload=upload, **fields)
    said = f"Đã sửa sản phẩm / output changed: {args.output_id}"
    return _print(db, session_id, said, args.format)


def cmd_output_status(args: argparse.Namespace) -> int:
    from ..core.session_outputs import set_output_status

    db = open_db(args)
    session_id, version = _session_and_version(db, args)
    set_output_status(
        db,
        args.output_id,
        args.status,
        expected_version=version,
        submitted_meeting_id=args.meeting,
    )
    said = f"Đã đổi tình trạng sản phẩm / output status changed: {args.output_id}"
    return _print(db, session_id, said, args.format)


def _output_id(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "output_id",
        type=id_arg,
        metavar="OUTPUT_ID",
        help='mã sản phẩm ("Mã" của sản phẩm trong sessions show) / output id',
    )


def add_output_edit_commands(sessions: Any) -> None:
    """``sessions output-edit``, ``output-status``."""
    from .sessions import OUTPUT_STATUSES, PURPOSES

    p = add_command(
        sessions,
        "output-edit",
        "sửa một sản phẩm (chỉ các trường đã ghi; --file thay tệp) / correct an output (only "
        "the options given; --file replaces its file)",
        cmd_output_edit,
    )
    _output_id(p)
    p.add_argument("--title", metavar="TEXT", help="tên sản phẩm / title")
    p.add_argument("--kind", metavar="K", help=f"loại sản phẩm / kind: {PURPOSES}")
    p.add_argument("--version", dest="version_label", metavar="V", help="phiên bản / version")
    p.add_argument("--status", metavar="S", help=f"tình trạng / status: {OUTPUT_STATUSES}")
    p.add_argument(
        "--meeting",
        metavar="MEETING_ID",
        help='trình tại cuộc họp ("" để bỏ) / the meeting it was submitted to ("" to clear)',
    )
    p.add_argument("--file", metavar="FILE", help="tệp mới (tối đa 50 MB) / a new file")
    expected_version_option(p)
    format_option(p, ("table", "json"))

    p = add_command(
        sessions,
        "output-status",
        "đổi tình trạng một sản phẩm (dự thảo → lấy ý kiến → đã trình → được thông qua, hoặc "
        "dừng) / move an output on",
        cmd_output_status,
    )
    _output_id(p)
    p.add_argument(
        "status", metavar="STATUS", help=f"tình trạng mới / new status: {OUTPUT_STATUSES}"
    )
    p.add_argument(
        "--meeting",
        metavar="MEETING_ID",
        help="trình tại cuộc họp (khi đã trình) / the meeting it was submitted to",
    )
    expected_version_option(p)
    format_option(p, ("table", "json"))
