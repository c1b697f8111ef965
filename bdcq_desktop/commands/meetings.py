"""``bdcq meetings``: list, show, add, similar, cancel, delete, calendar files and the
six-monthly rule. Each command is one call into :mod:`bdcq_desktop.core.meetings`; the
corrections (edit, agenda, invitees) are in :mod:`.meeting_edits`.

Kinds and statuses: the table shows their Vietnamese labels, CSV and JSON their stable codes.
People (``--chair``, ``--called-by``…) are given by id or by full name.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from .common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    add_command,
    add_group,
    date_arg,
    datetime_arg,
    emit,
    expected_version_option,
    format_option,
    id_arg,
    json_list_file,
    list_options,
    meeting_id_option,
    meeting_version,
    open_db,
    print_json,
    year_arg,
)
from .meeting_edits import add_meeting_edit_commands
from .meeting_minutes import add_minutes_command
from .meeting_record import add_record_commands
from .meeting_show import cmd_show, detail_dict
from .person_args import person_of

LIST_CODES = ["id", "title", "kind", "starts_at", "ends_at", "place", "status", "chair"]
# ``version``: what --expected-version of meetings edit, cancel, delete… takes (CSV and JSON).
LIST_COLUMNS = [*LIST_CODES, "invited", "present", "version"]
TABLE_COLUMNS = [
    "id",
    "title",
    "kind_label",
    "starts_at",
    "ends_at",
    "place",
    "status_label",
    "chair",
    "invited",
    "present",
]
HEADERS = {
    "id": "Mã",
    "title": "Tên cuộc họp",
    "kind": "Loại",
    "kind_label": "Loại",
    "starts_at": "Bắt đầu",
    "ends_at": "Kết thúc",
    "place": "Địa điểm",
    "status": "Trạng thái",
    "status_label": "Trạng thái",
    "chair": "Chủ trì",
    "invited": "Mời",
    "present": "Dự",
}
KINDS = "regular, extraordinary, expanded, briefing"
STATUSES = "planned, convened, held, minutes_final, cancelled"
START = "thời gian bắt đầu / start: 05/02/2027 08:00"
END = "thời gian kết thúc / end: 05/02/2027 11:30"


def cmd_list(args: argparse.Namespace) -> int:
    from ..core.meetings import list_meetings

    rows = list_meetings(
        open_db(args), search=args.search, kind=args.kind, status=args.status, year=args.year
    )
    emit(rows, LIST_COLUMNS, HEADERS, args.format, TABLE_COLUMNS)
    return EXIT_OK


# --- add, similar, cancel, delete ----------------------------------------------------------------


PEOPLE_OPTIONS = (
    ("chair", "chair_id", "Chủ trì"),
    ("delegated_by", "chair_delegated_by_id", "Người ủy quyền chủ trì"),
    ("secretary", "secretary_id", "Thư ký"),
    ("called_by", "called_by_id", "Người triệu tập"),
    ("proposed_by", "proposed_by_id", "Người đề nghị"),
)


def _agenda_file(path: str | None) -> list[Any]:
    if path is None:
        return []
    return json_list_file(path, "agenda", "Chương trình", "mục {title, …}")


def cmd_add(args: argparse.Namespace) -> int:
    from ..core.meetings import Invitation, create_meeting

    db = open_db(args)
    fields: dict[str, Any] = {
        "kind": args.kind,
        "title": args.title,
        "starts_at": args.start,
        "ends_at": args.end,
        "place": args.place,
        "notes": args.notes,
    }
    for option, key, label in PEOPLE_OPTIONS:
        fields[key] = person_of(db, getattr(args, option), key, label)
    invitations = [Invitation(person_id=p) for p in args.invite_person or []]
    invitations += [Invitation(unit_id=u) for u in args.invite_unit or []]
    meeting_id = create_meeting(
        db,
        agenda=_agenda_file(args.agenda),
        invitations=invitations,
        invite_committee=args.invite_committee,
        held=args.held,
        **fields,
    )
    return _report(db, meeting_id, args.format, "Đã thêm cuộc họp / meeting added")


def _report(db: Any, meeting_id: int, fmt: str, said: str) -> int:
    """The new meeting: in full as JSON (machines), else "Đã thêm …: ID" as the other adds."""
    from ..core.meetings import get_meeting

    if fmt == "json":
        print_json(detail_dict(get_meeting(db, meeting_id)))
    else:
        print(f"{said}: {meeting_id}")
    return EXIT_OK


def cmd_similar(args: argparse.Namespace) -> int:
    from ..core.meetings import create_similar

    db = open_db(args)
    new_id = create_similar(db, args.id, starts_at=args.start, ends_at=args.end)
    return _report(
        db, new_id, args.format, "Đã thêm cuộc họp tương tự / similar meeting added"
    )


def cmd_cancel(args: argparse.Namespace) -> int:
    from ..core.meetings import cancel_meeting

    db = open_db(args)
    version = meeting_version(db, args.id, args.expected_version)
    cancel_meeting(db, args.id, args.reason, expected_version=version)
    print(f"Đã hủy cuộc họp / meeting cancelled: {args.id}")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    from ..core.meetings import delete_meeting

    db = open_db(args)
    version = meeting_version(db, args.id, args.expected_version)
    delete_meeting(db, args.id, expected_version=version)
    print(f"Đã xóa cuộc họp / meeting deleted: {args.id}")
    return EXIT_OK


# --- calendar, regular meetings ------------------------------------------------------------------


def cmd_ics(args: argparse.Namespace) -> int:
    from ..core.calendar_ics import write_ics

    path, n = write_ics(open_db(args), args.output, meeting_id=args.meeting)
    print(f"Đã ghi {n} cuộc họp / {n} meeting(s) written: {path}")
    return EXIT_OK


def cmd_next_regular(args: argparse.Namespace) -> int:
    from ..core.meetings import late_plan_note, regular_status

    st = regular_status(open_db(args), args.today or date.today())
    late = late_plan_note(st)
    if args.format == "json":
        from ..core.tabular import plain

        out = {
            "due": plain(st.due),
            "last_held": plain(st.last_held),
            "overdue": st.overdue,
            "days_left": st.days_left,
            "planned_id": st.planned_id,
            "planned_at": plain(st.planned_at),
            "planned_late": st.planned_late,
        }
        print_json(out)
    elif st.due is None:
        print("Chưa có cuộc họp định kỳ nào đã họp / no regular meeting held yet")
    else:
        from ..core.tabular import shown

        line = shown(st.due)
        if st.overdue:
            line += f"\tquá hạn {-(st.days_left or 0)} ngày / overdue"
        if st.planned_at is not None:
            line += f"\tđã lên lịch / planned: {shown(st.planned_at)} (#{st.planned_id})"
            if late is not None:  # planned, yet after the due date: not the rule met
                line += f"\t{late} / planned after the due date"
        else:
            line += "\tchưa lên lịch / not planned"
        print(line)
    if st.overdue:
        print(
            f"bdcq: quá hạn họp định kỳ 6 tháng (hạn {st.due:%d/%m/%Y}) / regular meeting overdue",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return EXIT_OK


# --- the group -----------------------------------------------------------------------------------


def people_options(p: argparse.ArgumentParser, *, clearable: bool = False) -> None:
    """``--chair``, ``--secretary``…: a person by id or full name (``clearable``: "" takes
    the person off, as ``meetings edit`` does)."""
    how = '"" để bỏ / id or full name; "" to clear' if clearable else "id or full name"
    for option, _key, label in PEOPLE_OPTIONS:
        p.add_argument(
            "--" + option.replace("_", "-"),
            dest=option,
            metavar="PERSON",
            help=f"{label} (mã hoặc họ tên" + ("; " if clearable else " / ") + how + ")",
        )


def add_meetings_commands(sub: Any) -> None:
    """``meetings list|show|add|similar|cancel|delete|edit|agenda|invite|uninvite|presenters|
    attend|walk-in|remove-walk-in|start|close|minutes|reopen-minutes|minutes-docx|conclusion-add|
    conclusion-edit|conclusion-remove|ics|next-regular``."""
    g = add_group(sub, "meetings", "cuộc họp / meetings")
    p = add_command(
        g,
        "list",
        "danh sách cuộc họp, mới nhất trước / meetings, newest first",
        cmd_list,
        reads=True,
    )
    list_options(p)
    p.add_argument("--year", type=year_arg, metavar="Y", help="năm / year")
    p.add_argument("--kind", metavar="KIND", help=f"loại / kind: {KINDS}")
    p.add_argument("--status", metavar="STATUS", help=f"trạng thái / status: {STATUSES}")

    p = add_command(g, "show", "một cuộc họp đầy đủ / one meeting in full", cmd_show, reads=True)
    meeting_id_option(p)
    format_option(p)

    p = add_command(g, "add", "lên kế hoạch một cuộc họp / plan a meeting", cmd_add)
    p.add_argument("--kind", required=True, metavar="KIND", help=f"loại / kind: {KINDS}")
    p.add_argument("--title", required=True, help="tên cuộc họp / title")
    p.add_argument("--start", required=True, type=datetime_arg, metavar="DATETIME", help=START)
    p.add_argument("--end", type=datetime_arg, metavar="DATETIME", help=END)
    p.add_argument("--place", help="địa điểm / place")
    p.add_argument("--notes", help="ghi chú / notes")
    people_options(p)
    p.add_argument(
        "--agenda", metavar="FILE.json", help="chương trình / agenda: [{title, planned_minutes…}]"
    )
    p.add_argument(
        "--invite-committee",
        action="store_true",
        help="mời toàn bộ thành viên Ban Chỉ đạo / invite the whole committee",
    )
    p.add_argument("--invite-person", type=id_arg, action="append", metavar="ID", help="mời người")
    p.add_argument(
        "--invite-unit", type=id_arg, action="append", metavar="ID", help="mời thủ trưởng đơn vị"
    )
    p.add_argument(
        "--held",
        action="store_true",
        help="cuộc họp đã diễn ra, ghi lại sau (không triệu tập) / a meeting already held, "
        "recorded afterwards",
    )
    format_option(p, ("table", "json"))

    p = add_command(
        g,
        "similar",
        "họp tương tự: bản sao sang ngày mới / a like meeting on a new date",
        cmd_similar,
        reads=True,
    )
    meeting_id_option(p)
    p.add_argument("--start", required=True, type=datetime_arg, metavar="DATETIME", help=START)
    p.add_argument("--end", type=datetime_arg, metavar="DATETIME", help=END)
    format_option(p, ("table", "json"))

    p = add_command(g, "cancel", "hủy cuộc họp (ghi lý do) / cancel with a reason", cmd_cancel)
    meeting_id_option(p)
    p.add_argument("--reason", required=True, help="lý do hủy / reason")
    expected_version_option(p)

    p = add_command(
        g,
        "delete",
        "xóa cuộc họp dự kiến chưa có văn bản / delete a planned meeting without documents",
        cmd_delete,
    )
    meeting_id_option(p)
    expected_version_option(p)
    add_meeting_edit_commands(g)

    add_record_commands(g)
    add_minutes_command(g)

    p = add_command(
        g,
        "ics",
        "xuất lịch .ics (mặc định: từ hôm nay) / calendar file (default: from today on)",
        cmd_ics,
        reads=True,
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE.ics", help="tệp lịch / calendar file"
    )
    p.add_argument("--meeting", type=id_arg, metavar="ID", help="chỉ một cuộc họp / one meeting")

    p = add_command(
        g,
        "next-regular",
        "hạn họp định kỳ 6 tháng; mã thoát 1 nếu quá hạn / due date of the next regular "
        "meeting; exit 1 when overdue",
        cmd_next_regular,
        reads=True,
    )
    p.add_argument("--today", type=date_arg, metavar="D", help="tính tại ngày / as of")
    format_option(p, ("table", "json"))
