"""Settings: the organisation, the document kinds (abbreviations, signers, recipients) and the
page (``settings show``, ``settings set KEY VALUE``); the days-off calendar
(``settings days-off``, :mod:`.days_off`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    add_group,
    expected_version_option,
    format_option,
    open_db,
    usage,
)


def cmd_settings_show(args: argparse.Namespace) -> int:
    from ..core import tabular
    from ..documents import settings_keys

    rows = settings_keys.entries(open_db(args))
    if args.format == "json":
        print(tabular.render_json({e.key: e.value for e in rows}))  # type: ignore[arg-type]
    elif args.format == "csv":
        # A row per key, its value as `settings set KEY VALUE` takes it back (the lines of
        # signing.KIND joined by |, recipients.KIND by ;), "version" among them.
        data = [{"key": e.key, "label": e.label, "value": _as_typed(e)} for e in rows]
        headers = {"key": "Khóa", "label": "Thiết lập", "value": "Giá trị"}
        sys.stdout.write(tabular.render_csv(data, headers))
    else:
        print(settings_keys.render_table(rows))
    return EXIT_OK


def _as_typed(entry: Any) -> Any:
    if not isinstance(entry.value, list):
        return entry.value
    return (" | " if entry.key.startswith("signing.") else "; ").join(entry.value)


def cmd_settings_set(args: argparse.Namespace) -> int:
    from ..documents import settings_keys

    more = list(args.more or [])
    if len(more) % 2:
        return usage(f"thiếu giá trị cho khóa {more[-1]}", f"{more[-1]} needs a value")
    pairs = [(args.key, args.value), *zip(more[::2], more[1::2], strict=True)]
    saved = settings_keys.set_keys(open_db(args), pairs, expected_version=args.expected_version)
    for entry in saved:
        print(f"Đã lưu / saved: {entry.key} = {entry.text}")
    return EXIT_OK


def add_settings_commands(sub: Any) -> None:
    """``settings show|set|days-off``."""
    settings = add_group(sub, "settings", "thiết lập / settings")
    p = add_command(
        settings,
        "show",
        "xem thiết lập: tổ chức, văn bản, trang in / show the settings",
        cmd_settings_show,
        reads=True,
    )
    format_option(p)
    p = add_command(
        settings,
        "set",
        "đổi một hay nhiều thiết lập (tệp mới: ghi cùng lúc parent_body, committee_name, "
        "place_name); mã thoát 2 nếu giá trị bị từ chối / change one or more settings (a new "
        "file: parent_body, committee_name, place_name together); exit 2 if a value is refused",
        cmd_settings_set,
    )
    p.add_argument(
        "key",
        metavar="KEY",
        help="parent_body, committee_name, issuing_body, abbreviation, place_name, address, "
        "phone, email; standing_agency (mã hoặc tên đơn vị / unit id or name), default_signer, "
        'default_deputy_signer (mã hoặc họ tên / person id or full name; "" để bỏ / clears); '
        "abbr.KIND, signing.KIND (dòng cách nhau bằng / lines separated by |), "
        "signer.KIND (head, deputy, chair, secretary, none, position:TEXT, person:ID), "
        "recipients.KIND (cách nhau bằng / separated by ;); margins.top|bottom|left|right "
        "(mm); body_size (13, 14)",
    )
    p.add_argument("value", metavar="VALUE", help='giá trị mới ("" để bỏ) / the new value')
    p.add_argument(
        "more",
        nargs="*",
        metavar="KEY VALUE",
        help="các cặp khóa giá trị khác, lưu cùng lúc / more key value pairs, saved together",
    )
    # The version is the "version" key of `settings show`: one for all the settings.
    expected_version_option(p)
    from .days_off import add_days_off_commands

    add_days_off_commands(settings)
