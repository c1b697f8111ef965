"""``bdcq sessions …``: the working group's sessions (list, show, summary), the drafts' files
(attach, file)."""

from __future__ import annotations

import argparse
from typing import Any

from .columns import SESSION_COLUMNS
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
    show_record,
    version_or_current,
    year_arg,
)
from .output_edits import add_output_edit_commands
from .session_edits import add_session_edit_commands

SESSION_HEADERS = {
    "id": "Mã",
    "title": "Nội dung",
    "purpose": "Loại (mã)",
    "purpose_label": "Loại",
    "starts_on": "Từ ngày",
    "ends_on": "Đến ngày",
    "status": "Trạng thái (mã)",
    "status_label": "Trạng thái",
    "place": "Địa điểm",
    "convened_by": "Người triệu tập",
    "participants": "Số người",
    "experts": "Chuyên gia",
    "outputs": "Sản phẩm",
}
PURPOSES = "proposal, project, regulation, legal_document, other"
STATUSES = "planned, convened, in_progress, finished"
OUTPUT_STATUSES = "drafting, consulting, submitted, approved, withdrawn"
# What a new output may start as (core.session_outputs.FIRST_STATUSES).
FIRST_OUTPUT_STATUSES = "drafting, consulting, submitted"
# ``version``: what --expected-version of sessions edit, delete, attach… takes (CSV and JSON).
LIST_COLUMNS = [*SESSION_COLUMNS, "status", "status_label", "experts", "version"]
# ``show --format csv``: the session's own fields and its figures in one row (its people,
# outputs and documents are the JSON's), under the list's headers where it has them.
SHOW_CSV_COLUMNS = [
    "id",
    "title",
    "purpose",
    "starts_on",
    "ends_on",
    "place",
    "convened_by",
    "status",
    "serves",
    "serves_text",
    "notes",
    "result_summary",
    "version",
    "summary.working_days",
    "summary.participants",
    "summary.members",
    "summary.experts",
    "summary.person_days",
]
SHOW_CSV_HEADERS = {
    **SESSION_HEADERS,
    "serves": "Phục vụ (mã)",
    "serves_text": "Phục vụ",
    "notes": "Ghi chú",
    "result_summary": "Kết quả, kiến nghị",
    "summary.working_days": "Số ngày làm việc",
    "summary.participants": "Số người",
    "summary.members": "Thành viên Tổ công tác",
    "summary.experts": "Chuyên gia",
    "summary.person_days": "Số ngày công",
}


def cmd_list(args: argparse.Namespace) -> int:
    from ..core.session_list import list_sessions

    rows = list_sessions(
        open_db(args),
        search=args.search,
        year=args.year,
        purpose=args.purpose,
        status=args.status,
        task_id=args.task,
        conclusion_id=args.conclusion,
    )
    emit(rows, LIST_COLUMNS, SESSION_HEADERS, args.format)
    return EXIT_OK


def detail_dict(d: Any) -> dict[str, Any]:
    """The session as ``show --format json`` prints it (codes, ISO dates)."""
    from ..core.tabular import plain

    return {
        "id": d.id,
        "title": d.title,
        "purpose": d.purpose,
        "status": d.status,
        "starts_on": plain(d.starts_on),
        "ends_on": plain(d.ends_on),
        "place": d.place,
        "convened_by": d.convened_by,
        "serves": d.serves,
        "serves_text": d.serves_text,
        "notes": d.notes,
        "result_summary": d.result_summary,
        "version": d.version,
        "participants": [
            {
                "id": p.id,
                "person_id": p.person_id,
                "name": p.name,
                "position": p.position,
                "agency": p.agency,
                "kind": p.kind,
                "role": p.role,
                "role_label": p.role_label,
                "days_present": p.days_present,
                "days": [plain(x) for x in p.days],
                "absence_reason": p.absence_reason,
            }
            for p in d.participants
        ],
        "outputs": [
            {
                "id": o.id,
                "title": o.title,
                "kind": o.kind,
                "version": o.version_label,
                "status": o.status,
                "submitted_meeting_id": o.submitted_meeting_id,
                "file_name": o.file_name,
                "size": o.file_size,
                "sha256": o.sha256,
            }
            for o in d.outputs
        ],
        "documents": [
            {"kind": x.kind, "symbol": x.symbol, "issued_on": plain(x.issued_on)}
            for x in d.documents
        ],
        "summary": {
            "working_days": d.summary.working_days,
            "participants": d.summary.participants,
            "members": d.summary.members,
            "experts": d.summary.experts,
            "person_days": d.summary.person_days,
            "drafts_by_status": dict(d.summary.drafts_by_status),
            "years_not_entered": list(d.summary.years_not_entered),
        },
    }


def print_detail(d: Any) -> None:
    from ..core.days_off import not_entered_note
    from ..core.session_summary import session_summary_text
    from ..core.tabular import render_table, shown

    lines = [
        f"Phiên làm việc / session {d.id}: {d.title}",
        f"Loại / purpose: {d.purpose_label}",
        f"Trạng thái / status: {d.status_label}",
        f"Thời gian / dates: {shown(d.starts_on)} – {shown(d.ends_on)}",
        f"Địa điểm / place: {d.place}",
        f"Người triệu tập / convened by: {d.convened_by}",
    ]
    if d.serves_text:
        lines.append(f"Phục vụ / serves: {d.serves_text}")
    lines.append(f"Tổng hợp / summary: {session_summary_text(d.summary)}")
    if d.summary.years_not_entered:  # a count taking Tết as worked is said, never silent
        note = not_entered_note(d.summary.years_not_entered, command=True)
        lines.append(f"Lưu ý / note: {note}")
    print("\n".join(lines))
    people = [
        {
            # The participation's id, then the person's: what --signer of the group's
            # documents asks for (the two were easy to mix up under one "Mã").
            "Mã tham gia": p.id,
            "ID người": "" if p.person_id is None else p.person_id,
            "Họ và tên": p.name,
            "Cơ quan": p.agency,
            "Loại": "thành viên / member" if p.kind == "member" else "chuyên gia / expert",
            "Vai trò": p.role_label,
            # Out of the session's days, as the pane and the report print them ("4/5").
            "Ngày có mặt": (
                "" if p.days_present is None else f"{p.days_present}/{d.summary.working_days}"
            ),
            "Lý do vắng": p.absence_reason or "",  # as the JSON's absence_reason
        }
        for p in d.participants
    ]
    if people:
        print("\nThành phần / participants:\n" + render_table(people))
    outputs = [
        {
            "Mã": o.id,
            "Tên sản phẩm": o.title,
            "Loại": o.kind_label,
            "Phiên bản": o.version_label,
            "Tình trạng": o.status_label,
            # The meeting's id as well (what `meetings show` takes, the JSON's field), in a
            # column of its own: a long title is cut short in the table.
            "Mã cuộc họp": "" if o.submitted_meeting_id is None else o.submitted_meeting_id,
            "Trình tại cuộc họp": o.submitted_meeting,
            "SHA-256": o.sha256,
        }
        for o in d.outputs
    ]
    if outputs:
        print("\nSản phẩm / outputs:\n" + render_table(outputs))


def cmd_show(args: argparse.Namespace) -> int:
    from ..core.session_detail import get_session

    detail = get_session(open_db(args), args.id)
    csv = (SHOW_CSV_COLUMNS, SHOW_CSV_HEADERS)
    return show_record(detail, args.format, detail_dict, print_detail, csv)


def cmd_attach(args: argparse.Namespace) -> int:
    """A new output of the session with the file (checked before anything is written)."""
    from ..core.session_detail import get_session
    from ..core.session_outputs import add_output, get_output
    from ..core.stored_files import read_upload

    upload = read_upload(args.file, args.db)
    db = open_db(args)
    output_id = add_output(
        db,
        args.id,
        expected_version=version_or_current(
            args.expected_version, lambda: get_session(db, args.id).version
        ),
        upload=upload,
        title=args.title,
        kind=args.kind,
        version_label=args.version_label,
        status=args.status,
        # As the window's "Thêm sản phẩm": a draft recorded as submitted names its meeting.
        **({"submitted_meeting_id": args.meeting} if args.meeting is not None else {}),
    )
    row = get_output(db, output_id)
    print(
        f"Đã đính kèm / attached: sản phẩm / output {row.id} “{row.title}”, tệp / file "
        f"{row.file_name} ({row.file_size} byte), SHA-256 {row.sha256}"
    )
    return EXIT_OK


def cmd_file(args: argparse.Namespace) -> int:
    from ..core.session_outputs import save_output_file

    target = save_output_file(open_db(args), args.output_id, args.output)
    print(f"Đã ghi / written (SHA-256 đã kiểm tra / checked): {target}")
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from datetime import date

    from ..core.days_off import not_entered_note
    from ..core.session_summary import year_summary, year_summary_text

    x = year_summary(open_db(args), args.year or date.today().year)
    if args.format == "json":
        data = {k: getattr(x, k) for k in x.__dataclass_fields__}
        data["drafts_by_status"] = dict(x.drafts_by_status)
        data["years_not_entered"] = list(x.years_not_entered)
        print_json(data)
    else:
        print(year_summary_text(x))
        if x.years_not_entered:
            print(f"Lưu ý / note: {not_entered_note(x.years_not_entered, command=True)}")
    return EXIT_OK


def add_sessions_commands(sub: Any) -> None:
    """``sessions list``, ``show``, ``summary``, ``add``, ``edit``, ``delete``,
    ``participant-add``, ``participant-remove``, ``attend``, ``attach``, ``file``,
    ``output-edit``, ``output-status``."""
    # The vocabularies are checked by the core (a Vietnamese message naming the field): no
    # choices here, so building the parser does not load the database layer.
    sessions = add_group(sub, "sessions", "phiên làm việc Tổ công tác / working-group sessions")
    p = add_command(sessions, "list", "danh sách phiên làm việc / sessions", cmd_list, reads=True)
    # Every session with a day in the year (core.session_list.in_year), not only those
    # starting in it: one from 28/12 to 05/01 is listed under both years.
    p.add_argument(
        "--year",
        type=year_arg,
        metavar="Y",
        help="phiên có ngày làm việc trong năm Y (phiên qua 31/12: cả hai năm) / sessions with "
        "a day in year Y (across 31/12: both years)",
    )
    p.add_argument("--purpose", metavar="K", help=f"loại / purpose: {PURPOSES}")
    p.add_argument("--status", metavar="S", help=f"trạng thái / status: {STATUSES}")
    p.add_argument("--task", type=id_arg, metavar="ID", help="phục vụ nhiệm vụ / serving a task")
    p.add_argument(
        "--conclusion", type=id_arg, metavar="ID", help="phục vụ kết luận / serving a conclusion"
    )
    list_options(p)

    p = add_command(
        sessions,
        "show",
        "một phiên: thành phần, ngày có mặt, sản phẩm / one session with participants and outputs",
        cmd_show,
        reads=True,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã phiên / session id")
    format_option(p)

    p = add_command(
        sessions,
        "summary",
        "tổng hợp một năm: ngày làm việc, chuyên gia, sản phẩm / a year's figures",
        cmd_summary,
        reads=True,
    )
    p.add_argument("--year", type=year_arg, metavar="Y", help="năm (mặc định: năm nay) / year")
    format_option(p, ("table", "json"))
    add_session_edit_commands(sessions)

    p = add_command(
        sessions,
        "attach",
        "thêm một sản phẩm kèm tệp (tối đa 50 MB) / add an output with its file (50 MB at most)",
        cmd_attach,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã phiên / session id")
    p.add_argument("file", metavar="FILE", help="tệp dự thảo / the draft's file")
    p.add_argument("--title", required=True, metavar="TEXT", help="tên sản phẩm / title")
    p.add_argument(
        "--kind",
        default="other",
        metavar="K",
        help=f"loại sản phẩm / kind: {PURPOSES} (mặc định / default: other)",
    )
    p.add_argument("--version", dest="version_label", metavar="V", help="phiên bản / version")
    p.add_argument(
        "--status",
        default="drafting",
        metavar="S",
        help=f"tình trạng / status: {FIRST_OUTPUT_STATUSES} (mặc định / default: drafting; "
        "đã phê duyệt: đổi sau bằng output-status / approved: later, with output-status)",
    )
    p.add_argument(
        "--meeting",
        metavar="MEETING_ID",
        help="trình tại cuộc họp (khi đã trình; cuộc họp đã diễn ra) / the meeting it was "
        "submitted to (held)",
    )
    expected_version_option(p)

    p = add_command(
        sessions,
        "file",
        "ghi tệp của một sản phẩm sau khi kiểm tra SHA-256 / write an output's file, checked",
        cmd_file,
        reads=True,
    )
    p.add_argument("output_id", type=id_arg, metavar="OUTPUT_ID", help="mã sản phẩm / output id")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="tệp đích / target")
    add_output_edit_commands(sessions)
