"""``bdcq meetings``: list, show, add, similar, cancel, delete, calendar files and the
six-monthly rule. Each command is one call into :mod:`bdcq_desktop.core.meetings`; the
corrections (edit, agenda, invitees) are in :mod:`.meeting_edits`.

Kinds and statuses: the table shows their Vietnamese labels, CSV and JSON their stable codes.
People (``--chair``, ``--called-by``…) are given by id or by full name.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
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
    show_record,
    year_arg,
)
from .meeting_edits import add_meeting_edit_commands
from .meeting_minutes import add_minutes_command
from .meeting_record import add_record_commands, held_lines, record_dict

LIST_CODES = ["id", "title", "kind", "starts_at", "ends_at", "place", "status", "chair"]
LIST_COLUMNS = [*LIST_CODES, "invited", "present"]
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


# --- show ----------------------------------------------------------------------------------------


def _name(ref: Any) -> str | None:
    return ref.name if ref is not None else None


def detail_dict(d: Any) -> dict[str, Any]:
    """The meeting as ``show --format json`` prints it (codes, ISO dates)."""
    from ..core.tabular import plain

    return {
        "id": d.id,
        "uid": d.uid,
        "title": d.title,
        "kind": d.kind,
        "status": d.status,
        "starts_at": plain(d.starts_at),
        "ends_at": plain(d.ends_at),
        "place": d.place,
        "chair": _name(d.chair),
        "chair_delegated_by": _name(d.chair_delegated_by),
        "secretary": _name(d.secretary),
        "called_by": _name(d.called_by),
        "proposed_by": _name(d.proposed_by),
        "notes": d.notes,
        "cancel_reason": d.cancel_reason,
        "version": d.version,
        "agenda": [
            {
                # What meetings agenda (a kept item) and meetings minutes --item-notes name.
                "id": a.id,
                "order": a.order,
                "title": a.title,
                "presenter": a.presenter,
                "presenter_person_id": a.presenter_person_id,
                "presenter_unit_id": a.presenter_unit_id,
                "planned_minutes": a.planned_minutes,
                "starts_at": plain(a.starts_at),
            }
            for a in d.agenda
        ],
        "invitees": [
            {
                # The id that `meetings attend --invitee` takes.
                "id": i.id,
                "order": i.order,
                "name": i.name,
                "position": i.position,
                "unit": i.unit,
                "person_id": i.person_id,
                "unit_id": i.unit_id,
                "category": i.category,
                "role": i.role,
                "presents": i.presents,
                "attendance": i.attendance,
                # The meeting's secretary serving it: listed as recorded, counted nowhere.
                "takes_the_minutes": i.takes_the_minutes,
                # Attended without being invited: not among the invited counts.
                "walk_in": i.walk_in,
            }
            for i in d.invitees
        ],
        "counts": dict(d.counts),
        "documents": [
            {
                "number": doc.symbol,
                "kind": doc.kind,
                "date": plain(doc.issued_on),
                # Stopped being in force (a corrected paper, minutes reopened): when, and the
                # issue that replaced it (None: none yet).
                "superseded_on": plain(doc.superseded_on),
                "replaced_by": doc.replaced_by or None,
            }
            for doc in d.documents
        ],
        "agenda_warning": d.agenda_warning,
        **record_dict(d),
    }


def print_detail(d: Any) -> None:
    from ..core.tabular import render_table, shown

    def when(t: datetime | None) -> str:
        return shown(t) if t else ""

    lines = [
        f"Cuộc họp / meeting {d.id}: {d.title}",
        f"Loại / kind: {d.kind_label}",
        f"Trạng thái / status: {d.status_label}"
        + (f" ({d.cancel_reason})" if d.cancel_reason else ""),
        f"Thời gian / time: {when(d.starts_at)}" + (f" – {when(d.ends_at)}" if d.ends_at else ""),
        f"Địa điểm / place: {d.place}",
        *held_lines(d.minutes),
    ]
    for title, ref in (
        ("Chủ trì / chair", d.chair),
        ("Ủy quyền chủ trì / delegated by", d.chair_delegated_by),
        ("Người triệu tập / called by", d.called_by),
        ("Người đề nghị / proposed by", d.proposed_by),
        ("Thư ký / secretary", d.secretary),
    ):
        if ref is not None:
            lines.append(f"{title}: {ref.name}" + (f", {ref.role_label}" if ref.role_label else ""))
    print("\n".join(lines))
    agenda = [
        {
            "STT": a.order,
            "Mã": a.id,
            "Giờ": f"{a.starts_at:%H:%M}" if a.starts_at else "",
            "Nội dung": a.title,
            "Trình bày": a.presenter,
            "Phút": a.planned_minutes,
        }
        for a in d.agenda
    ]
    if agenda:
        print("\nChương trình / agenda:\n" + render_table(agenda))
    if d.agenda_warning:
        print(f"Cảnh báo / warning: {d.agenda_warning}")
    invitees = [
        {
            "STT": i.order,
            "Mã": i.id,
            "Họ và tên": i.name,
            "Chức vụ": i.position,
            "Cơ quan": i.unit,
            "Thành phần": i.category_label,
            "Vai trò": i.role,
        }
        for i in d.invitees
    ]
    if invitees:
        print("\nThành phần mời / invitees:\n" + render_table(invitees))
    if d.attendance_summary and any(a.status != "unknown" for a in d.attendance):
        print(f"\nĐiểm danh / attendance: {d.attendance_summary.text}")
    # A paper replaced (corrected, minutes reopened) stays listed, marked as documents list does.
    marked = any(x.superseded_on is not None for x in d.documents)
    docs = [
        {"Số, ký hiệu": x.symbol, "Loại": x.kind, "Ngày": shown(x.issued_on)}
        | ({"Hiệu lực": x.standing} if marked else {})
        for x in d.documents
    ]
    if docs:
        print("\nVăn bản / documents:\n" + render_table(docs))


def cmd_show(args: argparse.Namespace) -> int:
    from ..core.meetings import get_meeting

    return show_record(get_meeting(open_db(args), args.id), args.format, detail_dict, print_detail)


# --- add, similar, cancel, delete ----------------------------------------------------------------


def person_of(db: Any, text: str | None, field: str, label: str) -> int | None:
    """A person by id (digits) or by full name (diacritics and case ignored)."""
    if text is None:
        return None
    from ..core.errors import ValidationError
    from ..core.members import list_people
    from ..core.text import fold

    cleaned = text.strip()
    if cleaned.isdigit():
        return int(cleaned)
    found = [p for p in list_people(db, search=cleaned) if fold(p.full_name) == fold(cleaned)]
    if len(found) != 1:
        problem = "không có ai tên" if not found else "có nhiều người cùng tên"
        raise ValidationError(field, f'{problem} "{cleaned}"; hãy ghi mã người.', label=label)
    return found[0].id


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
        g, "list", "danh sách cuộc họp, mới nhất trước / meetings, newest first", cmd_list
    )
    list_options(p)
    p.add_argument("--year", type=year_arg, metavar="Y", help="năm / year")
    p.add_argument("--kind", metavar="KIND", help=f"loại / kind: {KINDS}")
    p.add_argument("--status", metavar="STATUS", help=f"trạng thái / status: {STATUSES}")

    p = add_command(g, "show", "một cuộc họp đầy đủ / one meeting in full", cmd_show)
    meeting_id_option(p)
    format_option(p, ("table", "json"))

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
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.ics")
    p.add_argument("--meeting", type=id_arg, metavar="ID", help="chỉ một cuộc họp / one meeting")

    p = add_command(
        g,
        "next-regular",
        "hạn họp định kỳ 6 tháng; mã thoát 1 nếu quá hạn / due date of the next regular "
        "meeting; exit 1 when overdue",
        cmd_next_regular,
    )
    p.add_argument("--today", type=date_arg, metavar="D", help="tính tại ngày / as of")
    format_option(p, ("table", "json"))
