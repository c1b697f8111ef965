"""``bdcq meetings attend|reopen-minutes|minutes-docx`` and what ``meetings show`` prints of
a meeting held: attendance, minutes, conclusions and tasks. Each command is one core call."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    expected_version_option,
    meeting_id_option,
    meeting_version,
    open_db,
)


def record_dict(d: Any) -> dict[str, Any]:
    """What holding the meeting recorded: attendance, minutes, conclusions and tasks."""
    from ..core.tabular import plain

    m = d.minutes
    tasks = [t for c in d.conclusions for t in c.tasks]
    return {
        "attendance": [
            {
                "invitee_id": a.invitee_id,
                "name": a.name,
                "category": a.category,
                "status": a.status,
                "reason": a.reason,
                "substitute": (
                    {"name": a.substitute_name, "position": a.substitute_position}
                    if a.status == "substitute"
                    else None
                ),
                "arrived_at": plain(a.arrived_at),
            }
            for a in d.attendance
        ],
        "attendance_summary": (
            {
                "members_invited": d.attendance_summary.members_invited,
                "members_present": d.attendance_summary.members_present,
                "guests_invited": d.attendance_summary.guests_invited,
                "guests_present": d.attendance_summary.guests_present,
            }
            if d.attendance_summary
            else None
        ),
        "minutes": (
            {
                "status": m.status,
                "revisions": m.revisions,
                "issued_number": m.issued_number or None,
                "sha256": m.sha256 or None,
                "reopen_reason": m.reopen_reason or None,
                "issues": [
                    {
                        "number": i.symbol,
                        "sha256": i.sha256,
                        "superseded": i.superseded_at is not None,
                    }
                    for i in m.issues
                ],
            }
            if m
            else None
        ),
        "conclusions": [{"order": c.order, "text": c.text} for c in d.conclusions],
        "tasks": [task_dict(t) for t in tasks],
    }


def task_dict(t: Any) -> dict[str, Any]:
    from ..core.tabular import plain

    return {
        "id": t.id,
        "content": t.content,
        "meeting_id": t.meeting_id,
        "assignee": t.assignee,
        "focal_unit": t.focal_unit,
        "deadline": plain(t.deadline),
        "status": t.status,
        "days_overdue": t.days_overdue,
    }


# --- holding the meeting -------------------------------------------------------------------------


def cmd_attend(args: argparse.Namespace) -> int:
    from ..core.attendance import check_in

    db = open_db(args)
    check_in(
        db,
        args.id,
        args.invitee,
        status=args.status,
        reason=args.reason,
        substitute_name=args.substitute_name,
        substitute_position=args.substitute_position,
        arrived_at=args.arrived,
        expected_version=meeting_version(db, args.id, args.expected_version),
    )
    print(f"Đã điểm danh / attendance recorded: {args.id} #{args.invitee} {args.status}")
    return EXIT_OK


def cmd_reopen_minutes(args: argparse.Namespace) -> int:
    from ..core.meetings import get_meeting
    from ..core.minutes_text import reopen_minutes

    db = open_db(args)
    expected = args.expected_version
    if expected is None:
        info = get_meeting(db, args.id).minutes
        expected = info.version if info else 0
    reopen_minutes(db, args.id, args.reason, expected_version=expected)
    print(f"Đã mở lại biên bản / minutes reopened: {args.id}")
    return EXIT_OK


def cmd_minutes_docx(args: argparse.Namespace) -> int:
    from ..documents.minutes_docx import write_minutes_docx

    path = write_minutes_docx(open_db(args), args.id, args.output)
    print(f"Đã ghi / written: {path}")
    return EXIT_OK


def add_record_commands(g: Any) -> None:
    """``attend``, ``reopen-minutes``, ``minutes-docx`` in the ``meetings`` group ``g``."""
    p = add_command(
        g,
        "attend",
        "điểm danh một người được mời / mark one invitee's attendance",
        cmd_attend,
    )
    meeting_id_option(p)
    p.add_argument("--invitee", type=int, required=True, metavar="N", help="mã người được mời")
    p.add_argument(
        "--status",
        required=True,
        choices=["present", "absent", "substitute", "late", "unknown"],
        help="có mặt, vắng, dự thay, đến muộn / present, absent, substitute, late",
    )
    p.add_argument("--reason", help="lý do vắng / reason of absence")
    p.add_argument("--substitute-name", metavar="NAME", help="người dự thay / substitute")
    p.add_argument("--substitute-position", metavar="TEXT", help="chức vụ người dự thay")
    p.add_argument("--arrived", metavar="HH:MM", help="giờ đến (đến muộn) / arrival time")
    expected_version_option(p)

    p = add_command(
        g,
        "reopen-minutes",
        "mở lại biên bản đã ban hành để sửa (ghi lý do) / reopen issued minutes with a reason",
        cmd_reopen_minutes,
    )
    meeting_id_option(p)
    p.add_argument("--reason", required=True, help="lý do mở lại / reason")
    expected_version_option(p)

    p = add_command(
        g,
        "minutes-docx",
        "dự thảo biên bản dạng Word (.docx) / draft minutes as a Word file",
        cmd_minutes_docx,
    )
    meeting_id_option(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.docx")
