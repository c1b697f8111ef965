"""``bdcq people list|add|edit|delete``: the rows of the Danh bạ (experts, scientists, guests)
view, the saves of its person dialog and its Xóa, each the one call the window makes into
:mod:`bdcq_desktop.core.members` (:func:`list_experts`, :func:`create_person`,
:func:`update_person`, :func:`delete_person`). Values go to the core as typed: it checks them
and names the field; a person with any history is refused deletion."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    add_group,
    emit,
    expected_version_option,
    format_option,
    id_arg,
    list_options,
    open_db,
    print_json,
    version_or_current,
)

KINDS = "expert, scientist, guest"
# Option → the core's field (core.people.PERSON_LABELS).
FIELD_OPTIONS = {
    "name": "full_name",
    "honorific": "honorific",
    "position": "position",
    "unit": "unit_id",
    "phone": "phone",
    "email": "email",
    "kind": "kind",
    "notes": "notes",
}

# ``people list``: CSV and JSON keep the codes (kind) and the ids; the table shows the view's
# columns with the id the other commands take.
PERSON_COLUMNS = [
    "id",
    "full_name",
    "honorific",
    "kind",
    "kind_label",
    "position",
    "unit",
    "unit_id",
    "phone",
    "email",
    "notes",
    "has_history",
    "version",
    "uid",  # last, where no script's column moves (as members list's person_uid)
]
TABLE_PERSON_COLUMNS = [
    "id",
    "full_name",
    "kind_label",
    "position",
    "unit",
    "phone",
    "email",
    "notes",
]
PERSON_HEADERS = {
    # "Mã người" is the person's uid, as everywhere an officer reads it (the roster export,
    # the change log); the number the commands take is the "ID người".
    "id": "ID người",
    "uid": "Mã người",
    "full_name": "Họ và tên",
    "honorific": "Danh xưng",
    "kind": "Loại (mã)",
    "kind_label": "Loại",
    "position": "Chức vụ, học hàm",
    "unit": "Cơ quan, đơn vị",
    "unit_id": "Mã đơn vị",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "notes": "Ghi chú",
    "has_history": "Có lịch sử",
}


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    return {
        key: getattr(args, option)
        for option, key in FIELD_OPTIONS.items()
        if getattr(args, option) is not None
    }


def _print(db: Any, person_id: int, said: str, fmt: str) -> int:
    from dataclasses import asdict

    from ..core.members import get_person
    from ..core.people import PERSON_LABELS

    row = get_person(db, person_id)
    if fmt == "json":
        print_json(asdict(row))
        return EXIT_OK
    print(f"{said}: ID người {person_id}")
    shown = {**asdict(row), "kind": row.kind_label, "unit_id": row.unit}
    for key, label in PERSON_LABELS.items():
        print(f"{label}: {shown[key] or ''}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from ..core.members import list_experts

    rows = list_experts(open_db(args), search=args.search)
    emit(rows, PERSON_COLUMNS, PERSON_HEADERS, args.format, TABLE_PERSON_COLUMNS)
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from ..core.members import create_person

    db = open_db(args)
    # The dialog's default: a new person of the directory is an expert unless said otherwise.
    person_id = create_person(db, **{"kind": "expert", **_fields(args)})
    return _print(db, person_id, "Đã thêm người / person added", args.format)


def cmd_edit(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.members import get_person, update_person

    fields = _fields(args)
    if not fields:
        raise BcdError(
            "Chưa có gì để sửa: thêm --name, --position, --unit, --phone… / nothing to change"
        )
    db = open_db(args)
    version = version_or_current(args.expected_version, lambda: get_person(db, args.id).version)
    update_person(db, args.id, expected_version=version, **fields)
    return _print(db, args.id, "Đã sửa thông tin / person changed", args.format)


def cmd_delete(args: argparse.Namespace) -> int:
    from ..core.members import delete_person, get_person

    db = open_db(args)
    version = version_or_current(args.expected_version, lambda: get_person(db, args.id).version)
    delete_person(db, args.id, expected_version=version)
    print(f"Đã xóa người / person deleted: ID người {args.id}")
    return EXIT_OK


def _person_options(p: argparse.ArgumentParser, *, new: bool) -> None:
    needed = " (bắt buộc / required)" if new else ""
    clear = "" if new else ' ("" để bỏ / to clear)'
    p.add_argument("--name", required=new, metavar="TEXT", help=f"họ và tên{needed} / full name")
    p.add_argument("--honorific", metavar="X", help="danh xưng / honorific: ông, bà")
    p.add_argument("--position", metavar="TEXT", help=f"chức vụ{clear} / position")
    p.add_argument("--unit", metavar="UNIT_ID", help=f"cơ quan, đơn vị{clear} / unit")
    p.add_argument("--phone", metavar="TEXT", help=f"điện thoại{clear} / phone")
    p.add_argument("--email", metavar="TEXT", help=f"thư điện tử{clear} / email")
    default = " (mặc định / default: expert)" if new else ""
    p.add_argument("--kind", metavar="K", help=f"loại / kind: {KINDS}{default}")
    p.add_argument("--notes", metavar="TEXT", help=f"ghi chú{clear} / notes")


def add_people_commands(sub: Any) -> None:
    """``people list``, ``add``, ``edit``, ``delete``."""
    g = add_group(sub, "people", "chuyên gia, nhà khoa học, khách mời / experts and guests")
    p = add_command(
        g,
        "list",
        "danh sách chuyên gia, nhà khoa học, khách mời (ID người) / experts, scientists and "
        "guests with their ids",
        cmd_list,
        reads=True,
    )
    list_options(p)
    p = add_command(
        g, "add", "thêm chuyên gia, nhà khoa học, khách mời / add an expert or a guest", cmd_add
    )
    _person_options(p, new=True)
    format_option(p, ("table", "json"))

    p = add_command(
        g,
        "edit",
        "sửa thông tin một người (chỉ các trường đã ghi) / correct a person (only the options "
        "given)",
        cmd_edit,
    )
    p.add_argument("id", type=id_arg, metavar="PERSON_ID", help="ID người / person id")
    _person_options(p, new=False)
    expected_version_option(p)
    format_option(p, ("table", "json"))

    p = add_command(
        g,
        "delete",
        "xóa người nhập nhầm (chưa có lịch sử) / delete a person entered by mistake (no history)",
        cmd_delete,
    )
    p.add_argument("id", type=id_arg, metavar="PERSON_ID", help="ID người / person id")
    expected_version_option(p)
