"""``bdcq sessions add|edit|delete|participant-add|participant-remove|attend``: the saves of
the Tổ công tác tab's dialogs (the session's form, Xóa, Thêm người…, Bỏ người đã chọn…, Điểm
danh), each the one call the window makes into :mod:`bdcq_desktop.core.working_group` or
:mod:`~bdcq_desktop.core.session_people`. Values go to the core as typed: it checks them and
names the field; a question the window asks (an issued convocation superseded, a namesake, a
person present in two sessions on one day, or on a day off) is refused unless ``--yes``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    date_arg,
    expected_version_option,
    format_option,
    id_arg,
    json_list_file,
    open_db,
    print_json,
    unless_confirmed,
    version_or_current,
    yes_option,
)

PURPOSES = "proposal, project, regulation, legal_document, other"
# Option → the core's field (core.working_group.SESSION_FIELDS).
FIELD_OPTIONS = {
    "purpose": "purpose",
    "title": "title",
    "start": "starts_on",
    "end": "ends_on",
    "place": "place",
    "convener": "convened_by_id",
    "serves": "serves",
    "notes": "notes",
    "result": "result_summary",
}
CONVOCATION = (
    "giấy triệu tập đã ban hành phải thay / even though the issued convocation is superseded"
)
DAYS_OFF = (
    "thời gian phiên không có ngày làm việc nào (cuối tuần, ngày nghỉ) / even though its dates "
    "hold no working day"
)


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    return {
        key: getattr(args, option)
        for option, key in FIELD_OPTIONS.items()
        if getattr(args, option) is not None
    }


def _version(db: Any, args: argparse.Namespace) -> int:
    from ..core.session_detail import get_session

    return version_or_current(args.expected_version, lambda: get_session(db, args.id).version)


def print_session(
    db: Any, session_id: int, said: str, fmt: str, line: Callable[[Any], str] | None = None
) -> int:
    """The session as ``sessions show`` prints it, after a line saying what was done (``line``:
    that line made from the session read, else ``said`` and the session's id)."""
    from ..core.session_detail import get_session
    from .sessions import detail_dict, print_detail

    d = get_session(db, session_id)
    if fmt == "json":
        print_json(detail_dict(d))
    else:
        print(line(d) if line else f"{said}: {session_id}")
        print_detail(d)
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from ..core.working_group import create_session

    db = open_db(args)
    # Dates with no working day (a weekend, Tết), as the window asks: refused without --yes.
    session_id = unless_confirmed(
        lambda: create_session(db, confirm_days_off=args.yes, **_fields(args))
    )
    return print_session(db, session_id, "Đã thêm phiên làm việc / session added", args.format)


def cmd_edit(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.working_group import update_session

    fields = _fields(args)
    if not fields:
        raise BcdError(
            "Chưa có gì để sửa: thêm --title, --start, --end, --place, --convener… / nothing "
            "to change"
        )
    db = open_db(args)
    version = _version(db, args)
    unless_confirmed(
        lambda: update_session(
            db,
            args.id,
            expected_version=version,
            confirm_after_convocation=args.yes,
            confirm_days_off=args.yes,
            **fields,
        )
    )
    return print_session(db, args.id, "Đã sửa phiên làm việc / session changed", args.format)


def cmd_delete(args: argparse.Namespace) -> int:
    from ..core.working_group import delete_session

    db = open_db(args)
    delete_session(db, args.id, expected_version=_version(db, args))
    print(f"Đã xóa phiên làm việc / session deleted: {args.id}")
    return EXIT_OK


def cmd_participant_add(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.session_people import add_participants

    experts = (
        json_list_file(
            args.experts, "participants", "Thành phần", "chuyên gia {full_name, agency, …}"
        )
        if args.experts is not None
        else []
    )
    if not args.person and not experts:
        raise BcdError("Chưa chọn ai: thêm --person hoặc --experts / nobody to add")
    db = open_db(args)
    version = _version(db, args)
    added = unless_confirmed(
        lambda: add_participants(
            db,
            args.id,
            person_ids=args.person or [],
            new_experts=experts,
            expected_version=version,
            confirm_namesake=args.yes,
            confirm_after_convocation=args.yes,
        )
    )
    return print_session(
        db, args.id, f"Đã thêm {added} người / {added} added to session", args.format
    )


def cmd_participant_remove(args: argparse.Namespace) -> int:
    from ..core.session_people import remove_participants

    db = open_db(args)
    version = _version(db, args)
    gone = unless_confirmed(
        lambda: remove_participants(
            db,
            args.id,
            args.participant,
            expected_version=version,
            confirm_after_convocation=args.yes,
        )
    )
    return print_session(
        db, args.id, f"Đã bỏ {gone} người / {gone} removed from session", args.format
    )


def cmd_attend(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.session_attendance import Attendance, set_attendance
    from ..core.validation import date_value

    if args.absent == bool(args.day):
        raise BcdError(
            "Ghi --day (lặp lại cho từng ngày có mặt) hoặc --absent / give --day (repeat) or "
            "--absent"
        )
    days = tuple(
        date_value(day, "attendance", "Điểm danh: ngày có mặt", required=True)
        for day in args.day or []
    )
    db = open_db(args)
    version = _version(db, args)
    unless_confirmed(
        lambda: set_attendance(
            db,
            args.id,
            [Attendance(args.participant, days, args.reason)],  # type: ignore[arg-type]
            expected_version=version,
            confirm_double_attendance=args.yes,
            # A day off (weekend, holiday) as the window asks about it: refused without --yes,
            # as a session may work on a Saturday but a script cannot be asked.
            confirm_day_off_attendance=args.yes,
        )
    )
    return print_session(
        db, args.id, "", args.format, lambda d: _attended(d, args.participant)
    )


def _attended(d: Any, participant_id: int) -> str:
    """ "Đã điểm danh Nguyễn Văn An: có mặt 13/04/2026, 14/04/2026 (phiên 7)": who, which days
    (or absent and why), as recorded."""
    from ..core.text import short_date

    row = next(p for p in d.participants if p.id == participant_id)
    if row.days:
        what = "có mặt " + ", ".join(short_date(day) for day in row.days)
        if row.absence_reason:  # absent the other days: why, as the window's grid has it
            what += f" (lý do vắng các ngày khác: {row.absence_reason})"
    else:
        what = row.attendance_label.lower() + (
            f" (lý do: {row.absence_reason})" if row.absence_reason else ""
        )
    return f"Đã điểm danh {row.name}: {what} (phiên {d.id}) / attendance recorded"


def _session_id(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=id_arg, metavar="ID", help="mã phiên / session id")


def _field_options(p: argparse.ArgumentParser, *, new: bool) -> None:
    needed = " (bắt buộc / required)" if new else ""
    p.add_argument("--purpose", metavar="K", help=f"loại nhiệm vụ{needed} / purpose: {PURPOSES}")
    p.add_argument("--title", metavar="TEXT", help=f"nội dung{needed} / title")
    p.add_argument("--start", type=date_arg, metavar="D", help=f"từ ngày{needed} / first day")
    p.add_argument("--end", type=date_arg, metavar="D", help=f"đến ngày{needed} / last day")
    p.add_argument(
        "--place",
        metavar="TEXT",
        help="địa điểm (trống: trụ sở cơ quan thường trực) / place (empty: the standing "
        "agency's office)",
    )
    p.add_argument(
        "--convener",
        metavar="PERSON_ID",
        help="ID người triệu tập: Tổ trưởng ngày bắt đầu (mặc định), hoặc Tổ phó khi chưa có "
        "Tổ trưởng / the convener (default: the group's leader on the first day)",
    )
    p.add_argument(
        "--serves",
        metavar="task:ID|conclusion:ID",
        help='phục vụ nhiệm vụ hoặc kết luận ("" để bỏ) / the task or conclusion served',
    )
    p.add_argument("--notes", metavar="TEXT", help="ghi chú / notes")
    p.add_argument("--result", metavar="TEXT", help="kết quả, kiến nghị / result summary")


def add_session_edit_commands(sessions: Any) -> None:
    """``sessions add``, ``edit``, ``delete``, ``participant-add``, ``participant-remove``,
    ``attend``."""
    p = add_command(
        sessions,
        "add",
        "thêm phiên làm việc của Tổ công tác / add a working-group session",
        cmd_add,
    )
    _field_options(p, new=True)
    yes_option(p, DAYS_OFF)
    format_option(p, ("table", "json"))

    p = add_command(
        sessions,
        "edit",
        "sửa phiên làm việc (chỉ các trường đã ghi) / correct a session (only the options given)",
        cmd_edit,
    )
    _session_id(p)
    _field_options(p, new=False)
    yes_option(p, f"{CONVOCATION}; {DAYS_OFF}")
    expected_version_option(p)
    format_option(p, ("table", "json"))

    p = add_command(
        sessions,
        "delete",
        "xóa phiên nhập nhầm (chưa có sản phẩm, chưa có văn bản ban hành) / delete a session "
        "entered by mistake (no outputs, no issued documents)",
        cmd_delete,
    )
    _session_id(p)
    expected_version_option(p)

    p = add_command(
        sessions,
        "participant-add",
        "thêm người tham gia: người đã có (--person) hoặc chuyên gia mới (--experts) / add "
        "participants: people on record or new experts",
        cmd_participant_add,
    )
    _session_id(p)
    p.add_argument(
        "--person",
        type=id_arg,
        action="append",
        metavar="PERSON_ID",
        help="ID người (lặp lại) / a person on record (repeat)",
    )
    p.add_argument(
        "--experts",
        metavar="FILE.json",
        help="chuyên gia mới / new experts: [{full_name, position, agency, phone, email, kind}]",
    )
    yes_option(
        p,
        "có người trùng tên trong dữ liệu, hoặc giấy triệu tập đã ban hành / despite a "
        "namesake on record or an issued convocation",
    )
    expected_version_option(p)
    format_option(p, ("table", "json"))

    p = add_command(
        sessions,
        "participant-remove",
        "bỏ người khỏi phiên (cùng điểm danh của họ) / take participants off a session",
        cmd_participant_remove,
    )
    _session_id(p)
    p.add_argument(
        "participant",
        type=id_arg,
        nargs="+",
        metavar="PARTICIPANT_ID",
        help='mã tham gia ("Mã tham gia" của sessions show) / participation id',
    )
    yes_option(p, CONVOCATION)
    expected_version_option(p)
    format_option(p, ("table", "json"))

    p = add_command(
        sessions,
        "attend",
        "điểm danh một người: các ngày có mặt, hoặc vắng; kèm lý do vắng / one participant's "
        "attendance: the days present, or absent; with the reason for the absence",
        cmd_attend,
    )
    _session_id(p)
    p.add_argument(
        "participant", type=id_arg, metavar="PARTICIPANT_ID", help="mã tham gia / participation"
    )
    p.add_argument(
        "--day",
        action="append",
        type=date_arg,
        metavar="D",
        help="một ngày có mặt (lặp lại; thay các ngày đã ghi) / a day present (repeat; "
        "replaces the days recorded)",
    )
    p.add_argument("--absent", action="store_true", help="vắng mặt cả phiên / absent")
    p.add_argument(
        "--reason",
        metavar="TEXT",
        help="lý do vắng (cả phiên với --absent, hoặc các ngày không có mặt với --day) / why "
        "absent (the whole session with --absent, or the days missed with --day)",
    )
    yes_option(
        p,
        "người này có mặt ở phiên khác cùng ngày, hoặc ngày có mặt là ngày nghỉ (thứ Bảy, Chủ "
        "nhật, ngày lễ) / despite another session that day or a day off",
    )
    expected_version_option(p)
    format_option(p, ("table", "json"))
