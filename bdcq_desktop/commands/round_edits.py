"""``bdcq rounds edit|delete``: a round corrected (its title, dates, request, units) and a round
opened by mistake deleted, each the one call the window makes
(:func:`~bdcq_desktop.core.round_edit.update_round`,
:func:`~bdcq_desktop.core.round_edit.delete_round`); the round's version read with it guards
the save (``--expected-version``). What the window asks (reports recorded on time becoming
late, waivers going with the round) a script confirms with ``--yes``."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    date_arg,
    date_or_empty_arg,
    edited_units,
    expected_version_option,
    id_arg,
    open_db,
    version_or_current,
)

# ``rounds edit`` option → the core's field.
EDIT_OPTIONS = {
    "title": "title",
    "opened": "opened_on",
    "due": "due_date",
    "cutoff": "cutoff_date",
    "reference": "request_reference",
    "requested": "requested_on",
    "conclusion": "conclusion_id",
}


def cmd_rounds_edit(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError, RoundStatusWarning
    from ..core.round_edit import update_round
    from ..core.rounds import get_round

    db = open_db(args)
    fields = {
        key: getattr(args, option)
        for option, key in EDIT_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if args.add_unit or args.remove_unit:
        # The units and the version read together: the list sent is the one that version has.
        read = get_round(db, args.id)
        fields["unit_ids"] = edited_units(
            read.unit_ids, args.add_unit or [], args.remove_unit or [], ("đợt", "the round")
        )
        version = args.expected_version if args.expected_version is not None else read.version
    elif not fields:
        raise BcdError(
            "Chưa có gì để sửa: thêm --title, --opened, --due, --cutoff, --reference, "
            "--requested, --conclusion, --add-unit hoặc --remove-unit / nothing to change"
        )
    else:
        version = version_or_current(
            args.expected_version, lambda: get_round(db, args.id).version
        )
    try:
        update_round(
            db, args.id, expected_version=version, confirm_status_change=args.yes, **fields
        )
    except RoundStatusWarning as exc:
        raise BcdError(
            f"{exc.message.removesuffix(' Vẫn lưu?')} Thêm --yes để vẫn lưu / "
            "add --yes to save anyway."
        ) from None
    r = get_round(db, args.id)
    print(
        f"Đã sửa đợt / round changed: {r.id} {r.title} (hạn / due {r.due_date:%d/%m/%Y}, "
        f"{len(r.units)} đơn vị / units)"
    )
    return EXIT_OK


def cmd_rounds_delete(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError, RoundWaiversWarning
    from ..core.round_edit import delete_round
    from ..core.rounds import get_round

    db = open_db(args)
    version = version_or_current(args.expected_version, lambda: get_round(db, args.id).version)
    try:
        delete_round(db, args.id, expected_version=version, confirm_waivers=args.yes)
    except RoundWaiversWarning as exc:
        # Nobody to ask in a script: the waivers to be lost are named, and --yes goes on.
        said = exc.message.removesuffix(" Vẫn xóa?")
        raise BcdError(f"{said} Thêm --yes để vẫn xóa / add --yes to delete anyway.") from None
    print(f"Đã xóa đợt / round deleted: {args.id}")
    return EXIT_OK


def add_round_edit_commands(rounds: Any) -> None:
    """``rounds edit|delete``."""
    p = add_command(
        rounds,
        "edit",
        "sửa đợt: tên, ngày mở, hạn nộp, ngày chốt số liệu, văn bản yêu cầu, đơn vị / correct "
        "a round",
        cmd_rounds_edit,
    )
    p.add_argument("id", type=id_arg, metavar="ROUND_ID", help="mã đợt / round id")
    p.add_argument("--title", metavar="TEXT", help="tên đợt / title")
    p.add_argument(
        "--opened",
        type=date_or_empty_arg,
        metavar="D",
        help='ngày mở ("" để bỏ khi chưa ghi) / opened on ("" clears it)',
    )
    p.add_argument("--due", type=date_arg, metavar="D", help="hạn nộp / due")
    p.add_argument(
        "--cutoff",
        type=date_or_empty_arg,
        metavar="D",
        help='ngày chốt số liệu (đợt theo chế độ; "" để bỏ) / cut-off ("" clears it)',
    )
    p.add_argument(
        "--reference", metavar="TEXT", help="văn bản yêu cầu (đợt đột xuất) / the request"
    )
    p.add_argument(
        "--requested",
        type=date_or_empty_arg,
        metavar="D",
        help='ngày yêu cầu (đợt đột xuất; "" để bỏ) / asked on ("" clears it)',
    )
    p.add_argument(
        "--conclusion", type=id_arg, metavar="ID", help="mã kết luận (đợt đột xuất) / conclusion"
    )
    p.add_argument(
        "--add-unit",
        type=id_arg,
        action="append",
        metavar="ID",
        help="thêm đơn vị phải báo cáo (lặp lại) / ask one more unit (repeat)",
    )
    p.add_argument(
        "--remove-unit",
        type=id_arg,
        action="append",
        metavar="ID",
        help="bỏ đơn vị chưa ghi nhận báo cáo (lặp lại) / drop a unit not yet recorded (repeat)",
    )
    p.add_argument(
        "--yes",
        action="store_true",
        help="vẫn lưu khi hạn mới làm báo cáo đúng hạn thành muộn / save even though reports "
        "recorded on time become late",
    )
    expected_version_option(p)
    p = add_command(
        rounds,
        "delete",
        "xóa đợt mở nhầm, chưa ghi nhận báo cáo nào / delete a round opened by mistake",
        cmd_rounds_delete,
    )
    p.add_argument("id", type=id_arg, metavar="ROUND_ID", help="mã đợt / round id")
    p.add_argument(
        "--yes",
        action="store_true",
        help="vẫn xóa khi đợt có miễn nộp (các quyết định miễn nộp bị xóa theo) / delete even "
        "though the round holds waivers (they go with it)",
    )
    expected_version_option(p)
