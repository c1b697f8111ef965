"""``bdcq meetings walk-in|remove-walk-in|start|close``: what the room records of a meeting
being held, the command line's "Thêm người dự…", "Xóa người dự thêm nhầm", "Bắt đầu cuộc họp"
and "Giờ kết thúc…". Each command is one core call. An arrival far past the planned end (no
actual end recorded) is the core's question (:class:`..core.errors.LateArrivalWarning`): refused
here with how to go ahead, ``--allow-late-arrival`` (also taken by ``meetings attend``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

from ..core.enums import InviteeCategory
from ..core.errors import BcdError, LateArrivalWarning
from .common import (
    EXIT_OK,
    add_command,
    expected_version_option,
    id_arg,
    meeting_id_option,
    meeting_version,
    open_db,
    time_or_datetime_arg,
    usage,
    version_or_current,
)
from .invitee_args import invitee_arguments, take_invitees

CATEGORIES = [c.value for c in InviteeCategory]
T = TypeVar("T")


def late_arrival_allowed(call: Callable[..., T], args: argparse.Namespace) -> T:
    """``call(confirm_late_arrival=args.allow_late_arrival)``; without the option the core's
    question (an arrival far past the planned end) is a refusal saying how to go ahead."""
    try:
        return call(confirm_late_arrival=args.allow_late_arrival)
    except LateArrivalWarning as exc:
        asked = exc.message.rsplit(" Vẫn ghi", 1)[0]
        raise BcdError(
            f"{asked} Chưa ghi; giờ đến đúng là vậy thì thêm --allow-late-arrival, cuộc họp "
            "kéo dài thì ghi giờ kết thúc trước (bdcq meetings close) / not recorded: add "
            "--allow-late-arrival if the time is right, or record the actual end first."
        ) from None


def late_arrival_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-late-arrival",
        action="store_true",
        help="vẫn ghi giờ đến muộn hơn giờ kết thúc theo kế hoạch quá 1 giờ / record an "
        "arrival more than an hour past the planned end",
    )


def arrival_option(p: argparse.ArgumentParser, note: str) -> None:
    """``--arrived`` (also ``--at``, the name ``walk-in`` had) with the same forms and help in
    ``meetings attend`` and ``meetings walk-in``; ``note`` says when it applies."""
    p.add_argument(
        "--arrived",
        "--at",
        dest="arrived",
        type=time_or_datetime_arg,
        metavar="TIME",
        help='giờ đến: "08:40" (ngày họp) hoặc "05/02/2027 08:40" / arrival time: "08:40" '
        f'(the meeting\'s day) or "05/02/2027 08:40"; {note}',
    )


def cmd_walk_in(args: argparse.Namespace) -> int:
    from ..core.invitees import Invitation
    from ..core.walk_in import add_walk_in

    typed = (args.position, args.agency, args.category)
    if args.name is None and any(x is not None for x in typed):
        # A person or a unit on record brings their own position, agency and category (the
        # window greys these out): silently dropping what was typed would mislead.
        return usage(
            "--position, --agency, --category chỉ dùng với --name",
            "--position, --agency, --category go with --name only",
        )
    invitation = Invitation(
        person_id=args.person,
        unit_id=args.unit,
        guest_name=args.name,
        position=args.position,
        unit_name=args.agency,
        category=args.category,
    )
    db = open_db(args)
    added = late_arrival_allowed(
        lambda **confirm: add_walk_in(
            db,
            args.id,
            invitation,
            expected_version=meeting_version(db, args.id, args.expected_version),
            arrived_at=args.arrived,
            status=args.status,
            **confirm,
        ),
        args,
    )
    from ..core.attendance_marks import MARK_LABELS

    mark = MARK_LABELS.get(added.status, added.status)
    if added.arrived_at:
        mark = f"{MARK_LABELS['late']} {added.arrived_at:%H:%M}"
    print(
        f"Đã thêm người dự và điểm danh / walk-in added: {args.id} "
        f"#{added.invitee_id} {added.name} – {mark}"
    )
    return EXIT_OK


def cmd_remove_walk_in(args: argparse.Namespace) -> int:
    from ..core.walk_in import remove_walk_in

    take_invitees(args, many=False)
    db = open_db(args)
    remove_walk_in(
        db,
        args.id,
        args.invitee,
        expected_version=meeting_version(db, args.id, args.expected_version),
        invitee_version=args.invitee_version,
    )
    print(
        "Đã xóa người dự không theo giấy mời / walk-in removed: "
        f"{args.id} #{args.invitee}"
    )
    return EXIT_OK


def cmd_start(args: argparse.Namespace) -> int:
    from ..core.meeting_close import record_start
    from ..core.meetings import get_meeting

    db = open_db(args)
    expected = version_or_current(  # 0: no minutes yet; the start is stored on them
        args.expected_version, lambda: getattr(get_meeting(db, args.id).minutes, "version", 0)
    )
    done = record_start(db, args.id, args.at, expected_version=expected)
    print(
        f"Đã ghi giờ bắt đầu / start time recorded: {args.id} {done.opened_at:%d/%m/%Y %H:%M}"
    )
    if done.present_text:
        # Said as the window says it: how the start reads the arrivals is not changed silently
        # (no arrival time is: a start corrected back reads them late again).
        english = []
        if done.made_present:
            english.append(f"{done.made_present} arrived at or before it: present (time kept)")
        if done.made_late:
            english.append(f"{done.made_late} arrived after it: late again")
        print(f"{done.present_text} / {'; '.join(english)}")
    return EXIT_OK


def cmd_close(args: argparse.Namespace) -> int:
    from ..core.meeting_close import record_close
    from ..core.meetings import get_meeting

    db = open_db(args)
    expected = version_or_current(  # 0: no minutes yet; the end is stored on them
        args.expected_version, lambda: getattr(get_meeting(db, args.id).minutes, "version", 0)
    )
    record_close(db, args.id, args.at, expected_version=expected)
    # Read back: a time typed alone may have been put on the next day (past midnight).
    closed = getattr(get_meeting(db, args.id).minutes, "closed_at", None)
    print(f"Đã ghi giờ kết thúc / end time recorded: {args.id} {closed:%d/%m/%Y %H:%M}")
    return EXIT_OK


def add_held_commands(g: Any) -> None:
    """``walk-in``, ``start`` and ``close`` in the ``meetings`` group ``g``."""
    p = add_command(
        g,
        "walk-in",
        "thêm người dự không có trong danh sách mời và điểm danh / add and check in someone "
        "attending without an invitation",
        cmd_walk_in,
    )
    meeting_id_option(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", type=id_arg, metavar="ID", help="người trong danh bạ / person")
    who.add_argument(
        "--unit", type=id_arg, metavar="ID", help="thủ trưởng cơ quan, đơn vị / a unit's head"
    )
    who.add_argument("--name", metavar="TEXT", help="họ và tên người mới / a new person's name")
    p.add_argument("--position", metavar="TEXT", help="chức vụ (với --name) / position")
    p.add_argument(
        "--agency",
        "--unit-name",
        dest="agency",
        metavar="TEXT",
        help="cơ quan, đơn vị (với --name; --unit-name cũng được) / agency",
    )
    p.add_argument(
        "--category",
        choices=CATEGORIES,
        help="thành phần (với --name; mặc định: khách mời) / category (default: guest)",
    )
    arrival_option(p, "mặc định: bây giờ / default: now")
    p.add_argument(
        "--status",
        choices=["present", "late", "online"],
        help="có mặt, đến muộn (lúc --arrived), dự trực tuyến (mặc định: có mặt, hoặc đến muộn nếu "
        "cuộc họp đã bắt đầu một lúc) / present, late, online (default: by the time)",
    )
    late_arrival_option(p)
    expected_version_option(p)

    p = add_command(
        g,
        "remove-walk-in",
        "xóa người dự không theo giấy mời đã thêm nhầm (trước khi biên bản hoàn thành) / "
        "remove a walk-in added by mistake",
        cmd_remove_walk_in,
    )
    meeting_id_option(p)
    invitee_arguments(p, many=False)
    expected_version_option(p)
    p.add_argument(
        "--invitee-version",
        type=int,
        metavar="N",
        help="phiên bản điểm danh của người dự thêm này đã đọc (meetings show --format json: "
        "attendance[].version): người khác được điểm danh trong lúc đó không còn làm lệnh bị "
        "từ chối, người này được sửa ở nơi khác thì vẫn bị từ chối / this walk-in's version "
        "read (meetings show: attendance[].version): someone else checked in meanwhile is no "
        "conflict, this walk-in changed elsewhere is",
    )

    p = add_command(
        g,
        "start",
        "ghi giờ bắt đầu thực tế (in trong biên bản) / record the actual start time",
        cmd_start,
    )
    meeting_id_option(p)
    p.add_argument(
        "--at",
        required=True,
        # Never "": a start once recorded is corrected, not erased (the parser refuses it).
        type=time_or_datetime_arg,
        metavar="DATETIME",
        help='giờ bắt đầu thực tế: "08:15" (ngày họp) hoặc "05/02/2027 08:15" / the actual '
        'start: "08:15" (the meeting\'s day) or "05/02/2027 08:15"',
    )
    expected_version_option(p)

    p = add_command(
        g,
        "close",
        "ghi giờ kết thúc thực tế (in trong biên bản) / record the actual end time",
        cmd_close,
    )
    meeting_id_option(p)
    p.add_argument(
        "--at",
        required=True,
        # Never "", as the window's field: an end once recorded is corrected, not erased.
        type=time_or_datetime_arg,
        metavar="DATETIME",
        help='giờ kết thúc thực tế: "11:35" (ngày họp) hoặc "05/02/2027 11:35" / the actual '
        'end: "11:35" (the meeting\'s day) or "05/02/2027 11:35"',
    )
    expected_version_option(p)
