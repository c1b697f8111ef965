"""``bdcq members add|edit|end|delete-mistaken``: the saves of the Thành viên tab's dialogs
(Thêm thành viên, Sửa thông tin, Thôi làm thành viên, Xóa người nhập nhầm), each one call
into :mod:`bdcq_desktop.core.members`, the very call the dialog makes. The core validates; a
refusal names the field, exits 2 and writes nothing."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .columns import MEMBER_COLUMNS, MEMBER_TABLE_COLUMNS
from .common import (
    EXIT_OK,
    VERSION_KEYS,
    add_command,
    date_arg,
    date_or_empty_arg,
    expected_version_option,
    format_option,
    id_arg,
    open_db,
    print_json,
    unless_confirmed,
    yes_option,
)

BODIES = ("committee", "group")
BODY_HELP = "committee: Ban Chỉ đạo, group: Tổ công tác (mặc định / default: committee)"
COMMITTEE_ROLES = "head, standing_deputy_head, deputy_head, standing_member, member, secretary"
GROUP_ROLES = "leader, deputy_leader, member"
# Option → the core's key, in the dialogs' order (member_dialogs.PERSON_KEYS, APPOINTMENT_KEYS).
PERSON_OPTIONS = {
    "name": "full_name",
    "honorific": "honorific",
    "position": "position",
    "unit": "unit_id",
    "phone": "phone",
    "email": "email",
}
APPOINTMENT_OPTIONS = {
    "role": "role",
    "field": "field",
    "area": "area",
    "decision_number": "decision_number",
    "decision_date": "decision_date",
    "start": "start_date",
}
END_OPTIONS = {
    "end": "end_date",
    "end_decision_number": "end_decision_number",
    "end_decision_date": "end_decision_date",
}
DUPLICATE = "người khác cùng chức vụ, cùng đơn vị / despite another holder of the position"


def _given(args: argparse.Namespace, options: dict[str, str]) -> dict[str, Any]:
    """The core's fields for the options typed (an option left out changes nothing)."""
    return {
        key: getattr(args, option)
        for option, key in options.items()
        if getattr(args, option) is not None
    }


def membership_row(db: Any, body: str, membership_id: int) -> Any:
    """The membership ``membership_id`` of ``body`` as the roster lists it (former ones too)."""
    from ..core.errors import NotFoundError
    from ..core.members import list_committee, list_group

    rows = (list_committee if body == "committee" else list_group)(db, include_former=True)
    for row in rows:
        if row.id == membership_id:
            return row
    what = "Ban Chỉ đạo" if body == "committee" else "Tổ công tác"
    raise NotFoundError(f"Không có nhiệm kỳ {what} mã {membership_id}.")


def _print_member(
    db: Any, body: str, membership_id: int, said: str, fmt: str, **extra: Any
) -> int:
    from ..core.tabular import render_table, to_dicts
    from .members import MEMBER_LIST_HEADERS

    row = membership_row(db, body, membership_id)
    data = to_dicts([row], MEMBER_COLUMNS, human=fmt != "json")[0]
    if fmt == "json":
        print_json({**data, "body": body, "version": row.version, **extra})
    else:
        print(f"{said}: {membership_id}")
        # As the list's table: its columns, without the versions.
        shown = {k: data[k] for k in MEMBER_TABLE_COLUMNS if k not in VERSION_KEYS}
        print(render_table([shown], MEMBER_LIST_HEADERS))
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from ..core.members import appoint_new, get_person

    db = open_db(args)
    person = _given(args, PERSON_OPTIONS)
    version = None
    if args.person is not None:
        # The details typed correct the person's, guarded by the version read now (the dialog
        # reads it when the person is picked).
        version = get_person(db, args.person).version
    membership_id = unless_confirmed(
        lambda: appoint_new(
            db,
            body=args.body,
            person=person,
            appointment=_given(args, APPOINTMENT_OPTIONS),
            person_id=args.person,
            person_version=version,
            confirm_duplicate_position=args.yes,
        )
    )
    return _print_member(
        db, args.body, membership_id, "Đã thêm thành viên / member added", args.format
    )


def cmd_edit(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.members import update_member

    db = open_db(args)
    person = _given(args, PERSON_OPTIONS)
    membership = _given(args, {**APPOINTMENT_OPTIONS, **END_OPTIONS})
    if not person and not membership:
        raise BcdError(
            "Chưa có gì để sửa: thêm --name, --position, --unit, --role, --start… / nothing "
            "to change"
        )
    read = membership_row(db, args.body, args.id)
    unless_confirmed(
        lambda: update_member(
            db,
            args.id,
            body=args.body,
            person_version=(
                args.person_version if args.person_version is not None else read.person_version
            ),
            membership_version=(
                args.expected_version if args.expected_version is not None else read.version
            ),
            person=person,
            membership=membership,
            confirm_duplicate_position=args.yes,
        )
    )
    return _print_member(db, args.body, args.id, "Đã sửa / member changed", args.format)


def cmd_end(args: argparse.Namespace) -> int:
    from ..core.members import end_membership, still_invited_notice

    db = open_db(args)
    version = args.expected_version
    if version is None:
        version = membership_row(db, args.body, args.id).version
    invited = end_membership(
        db,
        args.id,
        body=args.body,
        end_date=args.on,
        decision_number=args.decision_number,
        decision_date=args.decision_date,
        expected_version=version,
    )
    # The meetings still inviting them: said (the end is saved, the exit code stays 0), and
    # in the JSON for a script, which the officer's list of invitees is left to.
    meetings = [
        {"meeting_id": i.meeting_id, "title": i.title, "starts_at": i.starts_at.isoformat(),
         "papers": i.papers}
        for i in invited
    ]  # fmt: skip
    said = "Đã kết thúc nhiệm kỳ / membership ended"
    done = _print_member(db, args.body, args.id, said, args.format, still_invited=meetings)
    if invited:
        print(f"bdcq: {still_invited_notice(invited)}", file=sys.stderr)
    return done


def cmd_delete_mistaken(args: argparse.Namespace) -> int:
    from ..core.members import delete_mistaken_member

    db = open_db(args)
    read = None
    if args.expected_version is None or args.person_version is None:
        read = membership_row(db, args.body, args.id)
    person_id = delete_mistaken_member(
        db,
        args.id,
        body=args.body,
        expected_version=read.version if args.expected_version is None else args.expected_version,
        person_version=read.person_version if args.person_version is None else args.person_version,
    )
    print(f"Đã xóa người nhập nhầm / member entered by mistake deleted: ID người {person_id}")
    return EXIT_OK


def _body_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--body", choices=BODIES, default="committee", help=BODY_HELP)


def _person_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", metavar="TEXT", help="họ và tên / full name")
    p.add_argument("--honorific", metavar="X", help="danh xưng: Ông, Bà / honorific")
    p.add_argument("--position", metavar="TEXT", help="chức vụ / position")
    p.add_argument("--unit", type=id_arg, metavar="ID", help="mã cơ quan, đơn vị / unit id")
    p.add_argument("--phone", metavar="TEXT", help="điện thoại / phone")
    p.add_argument("--email", metavar="TEXT", help="thư điện tử / e-mail")


def _appointment_options(p: argparse.ArgumentParser, *, new: bool) -> None:
    # Not required here: the core refuses a missing one, naming the field as the dialog shows.
    needed = " (bắt buộc / required)" if new else ""
    p.add_argument(
        "--role",
        metavar="ROLE",
        help=f"vai trò{needed} / role: {COMMITTEE_ROLES} (Ban Chỉ đạo); {GROUP_ROLES} (Tổ "
        "công tác); or the Vietnamese name (Phó Trưởng ban)",
    )
    p.add_argument("--field", metavar="TEXT", help="lĩnh vực phụ trách / field in charge")
    p.add_argument("--area", metavar="TEXT", help="địa bàn phụ trách / area in charge")
    p.add_argument("--decision-number", metavar="N", help="số quyết định / decision number")
    p.add_argument(
        "--decision-date",
        type=date_or_empty_arg,
        metavar="D",
        help='ngày quyết định ("" để bỏ) / decision date ("" clears it)',
    )
    p.add_argument("--start", type=date_arg, metavar="D", help=f"ngày bắt đầu{needed} / start date")


def add_member_edit_commands(members: Any) -> None:
    """``members add``, ``edit``, ``end``, ``delete-mistaken`` (the group of ``members``)."""
    p = add_command(
        members,
        "add",
        "thêm thành viên Ban Chỉ đạo hoặc Tổ công tác (người mới hoặc đã có) / appoint a new "
        "or known person to the committee or the working group",
        cmd_add,
    )
    _body_option(p)
    p.add_argument(
        "--person",
        type=id_arg,
        metavar="PERSON_ID",
        help="người đã có (ID người); không có: thêm người mới với --name / someone on record",
    )
    _person_options(p)
    _appointment_options(p, new=True)
    yes_option(p, DUPLICATE)
    format_option(p, ("table", "json"))

    p = add_command(
        members,
        "edit",
        "sửa thông tin thành viên và nhiệm kỳ (chỉ các trường đã ghi) / correct a member and "
        "the membership (only the options given)",
        cmd_edit,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã bổ nhiệm / membership id")
    _body_option(p)
    _person_options(p)
    _appointment_options(p, new=False)
    p.add_argument(
        "--end", type=date_arg, metavar="D", help="đến hết ngày (nhiệm kỳ đã kết thúc) / last day"
    )
    p.add_argument("--end-decision-number", metavar="N", help="số quyết định thôi / its number")
    p.add_argument(
        "--end-decision-date",
        type=date_or_empty_arg,
        metavar="D",
        help='ngày quyết định thôi ("" để bỏ) / its date ("" clears it)',
    )
    yes_option(p, DUPLICATE)
    expected_version_option(p)
    p.add_argument(
        "--person-version",
        type=int,
        metavar="N",
        help="phiên bản hồ sơ người đã đọc / the person's version read",
    )
    format_option(p, ("table", "json"))

    p = add_command(
        members,
        "end",
        "thôi làm thành viên theo quyết định (giữ lịch sử) / end a membership by a decision",
        cmd_end,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã bổ nhiệm / membership id")
    _body_option(p)
    p.add_argument(
        "--on",
        type=date_arg,
        metavar="D",
        help="là thành viên đến hết ngày (bắt buộc) / the last day as a member",
    )
    p.add_argument(
        "--decision-number", metavar="N", help="số quyết định thôi (bắt buộc) / its number"
    )
    p.add_argument("--decision-date", type=date_arg, metavar="D", help="ngày quyết định / its date")
    expected_version_option(p)
    format_option(p, ("table", "json"))

    p = add_command(
        members,
        "delete-mistaken",
        "xóa hẳn người nhập nhầm cùng các nhiệm kỳ (chưa có lịch sử) / delete a member entered "
        "by mistake with their memberships (no history)",
        cmd_delete_mistaken,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã bổ nhiệm / membership id")
    _body_option(p)
    expected_version_option(p)
    p.add_argument(
        "--person-version",
        type=int,
        metavar="N",
        help="phiên bản hồ sơ người đã đọc / the person's version read",
    )
