"""``bdcq regimes add|edit|retire``: the saves of the Báo cáo tab's regime dialog and its "Thôi
áp dụng", each the one call the window makes into :mod:`bdcq_desktop.core.regimes`. Numbers
and texts go to the core as typed: it checks them and names the field ("Hạn gửi: ngày")."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    edited_units,
    expected_version_option,
    format_option,
    id_arg,
    open_db,
    print_json,
    version_or_current,
)

FREQUENCIES = "monthly, quarterly, six_monthly, yearly, ad_hoc"
# Option → the core's field (core.regimes.LABELS).
FIELD_OPTIONS = {
    "name": "name",
    "frequency": "frequency",
    "content": "content",
    "due_day": "due_day",
    "due_month_offset": "due_month_offset",
    "cutoff_day": "cutoff_day",
    "cutoff_month_offset": "cutoff_month_offset",
    "receiving_body": "receiving_body",
}


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    return {
        key: getattr(args, option)
        for option, key in FIELD_OPTIONS.items()
        if getattr(args, option) is not None
    }


def _print_regime(db: Any, regime_id: int, said: str, fmt: str) -> int:
    from dataclasses import asdict

    from ..core.regimes import get_regime
    from ..core.tabular import plain, render_table, to_dicts
    from .reports import REGIME_COLUMNS, REGIME_HEADERS, TABLE_REGIME_COLUMNS

    row = get_regime(db, regime_id)
    if fmt == "json":
        print_json({k: plain(v) for k, v in asdict(row).items()})
    else:
        print(f"{said}: {regime_id}")
        data = to_dicts([row], [*REGIME_COLUMNS, "frequency_label"], human=True)
        print(
            render_table([{k: d[k] for k in TABLE_REGIME_COLUMNS} for d in data], REGIME_HEADERS)
        )
        if row.unit_names:
            print(f"Đơn vị báo cáo / units: {row.unit_names}")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from ..core.regimes import create_regime

    db = open_db(args)
    fields = _fields(args)
    fields.setdefault("name", None)  # the core names the field a missing one is
    fields.setdefault("frequency", None)
    regime_id = create_regime(db, unit_ids=args.unit or [], **fields)
    return _print_regime(db, regime_id, "Đã thêm chế độ báo cáo / regime added", args.format)


def cmd_edit(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.regimes import get_regime, update_regime

    db = open_db(args)
    fields = _fields(args)
    if args.add_unit or args.remove_unit:
        # The units and the version read together: the list sent is the one that version has.
        read = get_regime(db, args.id)
        fields["unit_ids"] = edited_units(
            read.unit_ids, args.add_unit or [], args.remove_unit or [], ("chế độ", "the regime")
        )
        version = args.expected_version if args.expected_version is not None else read.version
    elif not fields and args.active is None:
        raise BcdError(
            "Chưa có gì để sửa: thêm --name, --frequency, --due-day, --add-unit… / nothing to "
            "change"
        )
    else:
        version = version_or_current(args.expected_version, lambda: get_regime(db, args.id).version)
    if args.active is not None:
        fields["active"] = args.active  # "Áp dụng lại" of the tab: a retired regime back
    update_regime(db, args.id, expected_version=version, **fields)
    return _print_regime(db, args.id, "Đã sửa chế độ báo cáo / regime changed", args.format)


def cmd_retire(args: argparse.Namespace) -> int:
    from ..core.regimes import get_regime, retire_regime

    db = open_db(args)
    version = version_or_current(args.expected_version, lambda: get_regime(db, args.id).version)
    retire_regime(db, args.id, expected_version=version)
    return _print_regime(
        db, args.id, "Đã thôi áp dụng chế độ báo cáo / regime retired", args.format
    )


def _field_options(p: argparse.ArgumentParser, *, new: bool) -> None:
    needed = " (bắt buộc / required)" if new else ""
    p.add_argument("--name", metavar="TEXT", help=f"tên chế độ báo cáo{needed} / name")
    p.add_argument(
        "--frequency", metavar="F", help=f"tần suất{needed} / frequency: {FREQUENCIES}"
    )
    p.add_argument("--content", metavar="TEXT", help="nội dung, đề cương / content")
    p.add_argument(
        "--due-day",
        metavar="N",
        help="hạn gửi: ngày 1–31" + (" (mặc định / default: 20)" if new else "") + " / due day",
    )
    p.add_argument(
        "--due-month-offset",
        metavar="N",
        help="hạn gửi: số tháng sau tháng cuối kỳ (0: trong tháng cuối kỳ) / months after the "
        "period's last month",
    )
    p.add_argument("--cutoff-day", metavar="N", help="chốt số liệu: ngày 1–31 / cut-off day")
    p.add_argument(
        "--cutoff-month-offset", metavar="N", help="chốt số liệu: số tháng / cut-off months"
    )
    p.add_argument(
        "--receiving-body", metavar="TEXT", help="cơ quan nhận báo cáo / receiving body"
    )


def add_regime_edit_commands(regimes: Any) -> None:
    """``regimes add``, ``edit``, ``retire`` (the group of ``regimes``)."""
    p = add_command(
        regimes,
        "add",
        "thêm chế độ báo cáo (Nghị định 09/2019) / add a reporting regime",
        cmd_add,
    )
    _field_options(p, new=True)
    p.add_argument(
        "--unit",
        type=id_arg,
        action="append",
        metavar="ID",
        help="đơn vị phải báo cáo (lặp lại) / a unit that reports (repeat)",
    )
    format_option(p, ("table", "json"))

    p = add_command(
        regimes,
        "edit",
        "sửa chế độ báo cáo; các đợt đã mở giữ nguyên / correct a regime (rounds already "
        "opened keep their dates and units)",
        cmd_edit,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã chế độ / regime id")
    _field_options(p, new=False)
    p.add_argument(
        "--add-unit",
        type=id_arg,
        action="append",
        metavar="ID",
        help="thêm đơn vị phải báo cáo (lặp lại) / one more unit (repeat)",
    )
    p.add_argument(
        "--remove-unit",
        type=id_arg,
        action="append",
        metavar="ID",
        help="bỏ đơn vị (lặp lại) / drop a unit (repeat)",
    )
    p.add_argument(
        "--active",
        action="store_true",
        default=None,
        help="áp dụng lại chế độ đã thôi / apply a retired regime again",
    )
    expected_version_option(p)
    format_option(p, ("table", "json"))

    p = add_command(
        regimes,
        "retire",
        "thôi áp dụng: không mở đợt mới, các đợt đã mở giữ nguyên / no more rounds of it",
        cmd_retire,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã chế độ / regime id")
    expected_version_option(p)
    format_option(p, ("table", "json"))
