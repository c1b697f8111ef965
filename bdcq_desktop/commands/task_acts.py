"""``bdcq tasks extend|progress|stop|resume|show``: the acts recorded on a task after it was
given (:mod:`bdcq_desktop.core.task_actions`) and its history
(:mod:`bdcq_desktop.core.task_history`). Built with the ``tasks`` group."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    date_arg,
    expected_version_option,
    format_option,
    id_arg,
    open_db,
    show_record,
)
from .person_args import who_args


def _said(what: str, english: str, acted: Any) -> None:
    deadline = f", thời hạn / deadline {acted.deadline:%d/%m/%Y}" if acted.deadline else ""
    print(f"{what} / {english}: {acted.id}: {acted.status_label}{deadline}")


def cmd_extend(args: argparse.Namespace) -> int:
    from ..core.task_actions import extend_task

    db = open_db(args)
    who = who_args(db, args.approved_by, "approved_by_id", "Người cho gia hạn")
    acted = extend_task(
        db,
        args.id,
        deadline=args.deadline,
        approved_by_id=who["id"],
        approved_by_text=who["text"],
        on=args.on,
        reason=args.reason,
        expected_version=args.expected_version,
    )
    _said("Đã gia hạn nhiệm vụ", "deadline extended", acted)
    return EXIT_OK


def cmd_progress(args: argparse.Namespace) -> int:
    from ..core.stored_files import read_upload
    from ..core.task_actions import record_progress

    # Checked before writing (never the database itself).
    upload = read_upload(args.file, args.db) if args.file is not None else None
    acted = record_progress(
        open_db(args),
        args.id,
        text=args.text,
        on=args.on,
        upload=upload,
        expected_version=args.expected_version,
    )
    _said("Đã ghi tiến độ nhiệm vụ", "progress recorded", acted)
    return EXIT_OK


def cmd_stop(args: argparse.Namespace) -> int:
    from ..core.task_actions import stop_task

    db = open_db(args)
    who = who_args(db, args.by, "decided_by_id", "Người quyết định dừng")
    acted = stop_task(
        db,
        args.id,
        reason=args.reason,
        on=args.on,
        decided_by_id=who["id"],
        decided_by_text=who["text"],
        expected_version=args.expected_version,
    )
    _said("Đã dừng thực hiện nhiệm vụ", "task stopped", acted)
    return EXIT_OK


def cmd_resume(args: argparse.Namespace) -> int:
    from ..core.task_actions import resume_task

    acted = resume_task(
        open_db(args),
        args.id,
        reason=args.reason,
        on=args.on,
        expected_version=args.expected_version,
    )
    _said("Đã cho thực hiện tiếp nhiệm vụ", "task resumed", acted)
    return EXIT_OK


# ``show --format csv``: the task's own fields in one row (its history is the JSON's), under
# the headers ``tasks list`` gives them; codes and ISO dates as in the JSON.
SHOW_CSV_COLUMNS = [
    "id",
    "content",
    "meeting_id",
    "assignee",
    "focal_unit",
    "deadline_in_force",
    "deadline",
    "status",
    "days_overdue",
    "completed_on",
    "version",
]
SHOW_CSV_HEADERS = {
    "id": "Mã",
    "content": "Nội dung",
    "meeting_id": "Cuộc họp",
    "assignee": "Giao cho",
    "focal_unit": "Đơn vị đầu mối",
    "deadline_in_force": "Thời hạn",  # the list's "Thời hạn": the one in force
    # Not the list's "Hạn ban đầu", which stays empty unless an extension replaced it.
    "deadline": "Thời hạn được giao",
    "status": "Tình trạng",
    "days_overdue": "Số ngày quá hạn",
    "completed_on": "Ngày hoàn thành",
}


def _history_dict(history: Any) -> dict[str, Any]:
    from ..core.tabular import plain

    t = history.task
    return {
        "id": t.id,
        "content": t.content,
        "meeting_id": t.meeting_id,
        "assignee": t.assignee,
        "focal_unit": t.focal_unit,
        "deadline": plain(t.deadline_as_given),
        "deadline_in_force": plain(t.deadline),
        "status": t.status,
        "status_label": t.status_label,
        "days_overdue": t.days_overdue,
        "completed_on": plain(t.completed_on),
        "version": t.version,
        "history": [
            {
                "day": plain(line.day),
                "kind": line.kind,
                "text": line.text,
                "file_id": line.file_id,
                "file_name": line.file_name or None,
            }
            for line in history.lines
        ],
    }


def _print_history(history: Any) -> None:
    t = history.task
    print(f"Nhiệm vụ {t.id}: {t.content}")
    print(f"Giao cho: {t.assignee}")
    if t.focal_unit:
        print(f"Đơn vị đầu mối: {t.focal_unit}")
    if t.deadline is not None:
        print(f"Thời hạn: {t.extension or f'{t.deadline:%d/%m/%Y}'}")
    late = f" ({t.days_overdue} ngày)" if t.days_overdue else ""
    print(f"Tình trạng: {t.status_label}{late}")
    if t.progress:
        print(t.progress)
    print(f"Phiên bản: {t.version}")
    print("Lịch sử / history:")
    for line in history.lines:
        day = f"{line.day:%d/%m/%Y}" if line.day else "—"
        attached = f" [tệp / file {line.file_id}: {line.file_name}]" if line.file_id else ""
        print(f"  {day}  {line.text}{attached}")


def cmd_show(args: argparse.Namespace) -> int:
    from ..core.task_history import task_history

    history = task_history(open_db(args), args.id)
    csv = (SHOW_CSV_COLUMNS, SHOW_CSV_HEADERS)
    return show_record(history, args.format, _history_dict, _print_history, csv)


WHO = (
    "mã hoặc họ tên người (Trưởng ban, Phó Trưởng ban tại ngày đó) hoặc văn bản, ví dụ "
    '"Công văn số 15/BCĐ-VP ngày 04/01/2027" / a person id or full name (the Head or a Deputy '
    "Head on that day) or the approving document's words"
)


def add_task_act_commands(g: Any) -> None:
    """``tasks extend``, ``progress``, ``stop``, ``resume``, ``show`` in the group ``g``."""
    p = add_command(
        g,
        "extend",
        "gia hạn nhiệm vụ (không sửa kết luận, biên bản, thông báo) / extend a task's deadline",
        cmd_extend,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã nhiệm vụ / task id")
    p.add_argument(
        "--deadline", type=date_arg, metavar="D", help="thời hạn mới (bắt buộc) / new deadline"
    )
    p.add_argument(
        "--approved-by", metavar="ID|TEXT", help=f"người cho gia hạn / approved by: {WHO}"
    )
    p.add_argument(
        "--on",
        type=date_arg,
        metavar="D",
        help="ngày gia hạn (mặc định hôm nay) / on (default today)",
    )
    p.add_argument("--reason", metavar="TEXT", help="lý do gia hạn (bắt buộc) / reason (required)")
    expected_version_option(p)
    p = add_command(
        g,
        "progress",
        "ghi tiến độ (nhiệm vụ vẫn đang thực hiện) / record progress, the task stays open",
        cmd_progress,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã nhiệm vụ / task id")
    p.add_argument(
        "--text", metavar="TEXT", help="tiến độ theo báo cáo của đơn vị (bắt buộc) / progress"
    )
    p.add_argument(
        "--on",
        type=date_arg,
        metavar="D",
        help="ngày báo cáo (mặc định hôm nay) / reported on (default today)",
    )
    p.add_argument("--file", metavar="FILE", help="tệp báo cáo của đơn vị / the unit's report")
    expected_version_option(p)
    p = add_command(g, "stop", "dừng thực hiện nhiệm vụ / stop a task", cmd_stop)
    p.add_argument("id", type=id_arg, metavar="ID", help="mã nhiệm vụ / task id")
    p.add_argument("--reason", metavar="TEXT", help="lý do dừng (bắt buộc) / reason (required)")
    p.add_argument(
        "--on", type=date_arg, metavar="D", help="ngày dừng (mặc định hôm nay) / on (default today)"
    )
    p.add_argument("--by", metavar="ID|TEXT", help=f"người, văn bản quyết định / decided by: {WHO}")
    expected_version_option(p)
    p = add_command(
        g, "resume", "cho thực hiện tiếp nhiệm vụ đã dừng / resume a stopped task", cmd_resume
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã nhiệm vụ / task id")
    p.add_argument("--reason", metavar="TEXT", help="lý do (bắt buộc) / reason (required)")
    p.add_argument(
        "--on",
        type=date_arg,
        metavar="D",
        help="ngày thực hiện tiếp (mặc định hôm nay) / on (default today)",
    )
    expected_version_option(p)
    p = add_command(
        g, "show", "một nhiệm vụ và lịch sử của nó / one task and its history", cmd_show, reads=True
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã nhiệm vụ / task id")
    format_option(p)
