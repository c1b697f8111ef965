"""``bdcq meetings attend|reopen-minutes|minutes-docx`` (``walk-in|close`` in
:mod:`.meeting_held`) and what ``meetings show`` prints of
a meeting held: attendance, minutes, conclusions and tasks. Each command is one core call."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from .common import (
    EXIT_OK,
    add_command,
    expected_version_option,
    id_arg,
    json_list_file,
    meeting_id_option,
    meeting_version,
    open_db,
    usage,
    version_or_current,
)
from .invitee_args import invitee_arguments, take_invitees
from .meeting_held import (
    add_held_commands,
    arrival_option,
    late_arrival_allowed,
    late_arrival_option,
)
from .room_records import add_room_commands

T = TypeVar("T")


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
                "takes_the_minutes": a.takes_the_minutes,
                # Came without being invited: counted apart from the invited.
                "walk_in": a.walk_in,
                # What meetings attend --invitee-version takes.
                "version": a.version,
            }
            for a in d.attendance
        ],
        "attendance_summary": (
            {
                "members_invited": d.attendance_summary.members_invited,
                "members_present": d.attendance_summary.members_present,
                "members_online": d.attendance_summary.members_online,
                "guests_invited": d.attendance_summary.guests_invited,
                "guests_present": d.attendance_summary.guests_present,
                "guests_online": d.attendance_summary.guests_online,
                "walk_ins": d.attendance_summary.walk_ins,
                "text": d.attendance_summary.text,
            }
            if d.attendance_summary
            else None
        ),
        "minutes": (
            {
                "status": m.status,
                # What meetings start/close/reopen-minutes/minutes --expected-version take.
                "version": m.version,
                "revisions": m.revisions,
                "issued_number": m.issued_number or None,
                "sha256": m.sha256 or None,
                "reopen_reason": m.reopen_reason or None,
                "opened_at": plain(m.opened_at),  # the actual start (meetings start)
                "closed_at": plain(m.closed_at),  # the actual end (meetings close)
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
        "conclusions": [
            {
                "order": c.order,
                "text": c.text,
                "id": c.id,
                "version": c.version,
                "task_ids": [t.id for t in c.tasks],
                "sessions": sessions_list(c.sessions),
            }
            for c in d.conclusions
        ],
        "tasks": [task_dict(t) for t in tasks],
    }


def held_lines(m: Any) -> list[str]:
    """The actual start and end the minutes print, once recorded, and the minutes' state."""
    if m is None:
        return []
    lines = [
        f"{title}: {at:%d/%m/%Y %H:%M}"
        for title, at in (
            ("Bắt đầu thực tế / actual start", m.opened_at),
            ("Kết thúc thực tế / actual end", m.closed_at),
        )
        if at is not None
    ]
    if m.status != "none":
        number = f" {m.issued_number}" if m.issued_number else ""
        lines.append(f"Biên bản / minutes: {m.status_label}{number}")
    return lines


def attendance_said(db: Any, meeting_id: int, invitee_id: int) -> str:
    """The confirmation of a mark: who, and the mark as the attendance sheet labels it
    ("Đã điểm danh cuộc họp 12: #209 Lê Quốc Hòa – Vắng (lý do: ốm)")."""
    from ..core.attendance_marks import MARK_LABELS
    from ..core.i18n import tr
    from ..core.meetings import get_meeting

    a = next(a for a in get_meeting(db, meeting_id).attendance if a.invitee_id == invitee_id)
    mark = tr(MARK_LABELS.get(a.status, a.status))
    if a.arrived_at is not None:
        mark += f" {a.arrived_at:%H:%M}"
    if a.status == "substitute" and a.substitute_name:
        mark += f": {a.substitute_name}"
    if a.reason:
        mark += f" (lý do: {a.reason})"
    return (
        f"Đã điểm danh cuộc họp {meeting_id}: #{invitee_id} {a.name} – {mark} / attendance "
        f"recorded: {a.status}"
    )


def task_dict(t: Any) -> dict[str, Any]:
    from ..core.tabular import plain

    return {
        "id": t.id,
        "content": t.content,
        "meeting_id": t.meeting_id,
        "conclusion_id": t.conclusion_id,
        "assignee": t.assignee,
        # The ids `meetings conclusion-edit --tasks` takes (the names above are for reading).
        "assignee_person_id": t.assignee_person_id,
        "assignee_unit_id": t.assignee_unit_id,
        "focal_unit": t.focal_unit,
        "focal_unit_id": t.focal_unit_id,
        # As the conclusion gave it (what conclusion-edit takes); the one in force after an
        # extension beside it (None when never extended).
        "deadline": plain(t.deadline_as_given),
        "extended_to": plain(t.deadline) if t.given_deadline is not None else None,
        "status": t.status,
        "days_overdue": t.days_overdue,
        "sessions": sessions_list(t.sessions),
    }


def sessions_list(links: Any) -> list[dict[str, Any]]:
    """The working-group sessions serving a conclusion or a task (``bdcq sessions show``)."""
    return [{"id": s.id, "title": s.title} for s in links]


# --- holding the meeting -------------------------------------------------------------------------


def cmd_attend(args: argparse.Namespace) -> int:
    from ..core.attendance import check_in

    take_invitees(args, many=False)
    db = open_db(args)
    late_arrival_allowed(
        lambda **confirm: check_in(
            db,
            args.id,
            args.invitee,
            status=args.status,
            reason=args.reason,
            substitute_name=args.substitute_name,
            substitute_position=args.substitute_position,
            arrived_at=args.arrived,
            expected_version=meeting_version(db, args.id, args.expected_version),
            invitee_version=args.invitee_version,
            **confirm,
        ),
        args,
    )
    print(attendance_said(db, args.id, args.invitee))
    return EXIT_OK


def cmd_reopen_minutes(args: argparse.Namespace) -> int:
    from ..core.meetings import get_meeting
    from ..core.minutes_text import reopen_minutes

    db = open_db(args)
    expected = version_or_current(  # 0: no minutes yet
        args.expected_version, lambda: getattr(get_meeting(db, args.id).minutes, "version", 0)
    )
    reopen_minutes(db, args.id, args.reason, expected_version=expected)
    print(f"Đã mở lại biên bản / minutes reopened: {args.id}")
    return EXIT_OK


def cmd_minutes_docx(args: argparse.Namespace) -> int:
    from ..documents.minutes_docx import write_minutes_docx

    path = write_minutes_docx(open_db(args), args.id, args.output)
    print(f"Đã ghi / written: {path}")
    return EXIT_OK


# --- conclusions ---------------------------------------------------------------------------------


def _tasks_file(path: str) -> list[Any]:
    """The tasks of ``--tasks FILE.json``: a list of objects (content, assignee_person_id,
    assignee_unit_id, focal_unit_id, deadline; id for a task kept when editing)."""
    return json_list_file(path, "tasks", "Nhiệm vụ", "nhiệm vụ {content, …}")


def _after_notice(call: Callable[..., T], args: argparse.Namespace) -> T:
    """``call(confirm_after_notice=args.yes)``; without ``--yes`` the core's question (the
    conclusions notice is issued) is a refusal that says how to go ahead."""
    from ..core.errors import BcdError, IssuedNoticeWarning

    try:
        return call(confirm_after_notice=args.yes)
    except IssuedNoticeWarning as exc:
        raise BcdError(
            f"{exc.message.removesuffix(' Vẫn lưu?')} Thêm --yes để vẫn lưu / "
            "add --yes to save anyway."
        ) from None


def _yes_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--yes",
        action="store_true",
        help="vẫn lưu khi thông báo kết luận đã ban hành / save even though the conclusions "
        "notice has been issued",
    )


def cmd_conclusion_add(args: argparse.Namespace) -> int:
    from ..core.conclusions import add_conclusion

    tasks = _tasks_file(args.tasks) if args.tasks else []
    db = open_db(args)
    added = _after_notice(
        partial(
            add_conclusion,
            db,
            args.id,
            args.text,
            tasks,
            expected_version=meeting_version(db, args.id, args.expected_version),
        ),
        args,
    )
    print(
        f"Đã thêm kết luận / conclusion added: {added.id} "
        f"({len(added.task_ids)} nhiệm vụ / tasks)"
    )
    return EXIT_OK


def cmd_conclusion_edit(args: argparse.Namespace) -> int:
    from ..core.conclusions import get_conclusion, update_conclusion

    if args.text is None and args.tasks is None:
        return usage("cần --text hoặc --tasks", "give --text or --tasks")
    tasks = _tasks_file(args.tasks) if args.tasks is not None else None
    db = open_db(args)
    current = get_conclusion(db, args.conclusion)
    saved = _after_notice(
        partial(
            update_conclusion,
            db,
            args.conclusion,
            current.text if args.text is None else args.text,
            current.tasks if tasks is None else tasks,
            expected_version=version_or_current(args.expected_version, lambda: current.version),
        ),
        args,
    )
    print(
        f"Đã sửa kết luận / conclusion saved: {saved.id} "
        f"({len(saved.task_ids)} nhiệm vụ / tasks)"
    )
    return EXIT_OK


def cmd_conclusion_remove(args: argparse.Namespace) -> int:
    from ..core.conclusions import get_conclusion, remove_conclusion

    db = open_db(args)
    expected = version_or_current(
        args.expected_version, lambda: get_conclusion(db, args.conclusion).version
    )
    _after_notice(partial(remove_conclusion, db, args.conclusion, expected_version=expected), args)
    print(f"Đã bỏ kết luận / conclusion removed: {args.conclusion}")
    return EXIT_OK


def _conclusion_id_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "conclusion",
        type=id_arg,
        metavar="CONCLUSION_ID",
        help="mã kết luận (meetings show --format json) / conclusion id",
    )


def add_conclusion_commands(g: Any) -> None:
    """``conclusion-add``, ``conclusion-edit``, ``conclusion-remove`` in the group ``g``."""
    tasks_help = (
        "nhiệm vụ / tasks: [{content, assignee_person_id, assignee_unit_id, focal_unit_id, "
        "deadline, id}]"
    )
    p = add_command(
        g,
        "conclusion-add",
        "thêm một kết luận với các nhiệm vụ của nó / add a conclusion with its tasks",
        cmd_conclusion_add,
    )
    meeting_id_option(p)
    p.add_argument("--text", required=True, help="nội dung kết luận / the conclusion")
    p.add_argument("--tasks", metavar="FILE.json", help=tasks_help)
    expected_version_option(p)
    _yes_option(p)

    p = add_command(
        g,
        "conclusion-edit",
        "sửa một kết luận và các nhiệm vụ của nó / edit a conclusion and its tasks",
        cmd_conclusion_edit,
    )
    _conclusion_id_option(p)
    p.add_argument("--text", help="nội dung mới (bỏ trống: giữ) / new text (default: kept)")
    p.add_argument(
        "--tasks",
        metavar="FILE.json",
        help=tasks_help + "; nhiệm vụ có id được giữ, chỉ sửa các trường ghi ({\"id\": 3} "
        "giữ nguyên), không ghi thì bỏ / with id: kept, only the fields given change "
        "({\"id\": 3}: unchanged), left out: removed (default: all kept)",
    )
    expected_version_option(p)
    _yes_option(p)

    p = add_command(
        g,
        "conclusion-remove",
        "bỏ một kết luận cùng các nhiệm vụ của nó / remove a conclusion with its tasks",
        cmd_conclusion_remove,
    )
    _conclusion_id_option(p)
    expected_version_option(p)
    _yes_option(p)


def add_record_commands(g: Any) -> None:
    """``attend``, ``walk-in``, ``close``, ``reopen-minutes``, ``minutes-docx`` in the
    ``meetings`` group ``g``."""
    p = add_command(
        g,
        "attend",
        "điểm danh một người được mời / mark one invitee's attendance",
        cmd_attend,
    )
    meeting_id_option(p)
    invitee_arguments(p, many=False)
    p.add_argument(
        "--status",
        required=True,
        choices=["present", "online", "absent", "substitute", "late", "unknown"],
        help=(
            "có mặt, dự trực tuyến, vắng, dự thay, đến muộn / "
            "present, online, absent, substitute, late"
        ),
    )
    p.add_argument("--reason", help="lý do vắng / reason of absence")
    p.add_argument("--substitute-name", metavar="NAME", help="người dự thay / substitute")
    p.add_argument("--substitute-position", metavar="TEXT", help="chức vụ người dự thay")
    arrival_option(p, "với --status late / with --status late")
    late_arrival_option(p)
    expected_version_option(p)
    p.add_argument(
        "--invitee-version",
        type=int,
        metavar="N",
        help="phiên bản điểm danh của người này đã đọc (meetings show --format json: "
        "attendance[].version); người khác được điểm danh trong lúc đó không còn làm lệnh bị "
        "từ chối / this invitee's version read (meetings show: attendance[].version): someone "
        "else checked in meanwhile is no conflict",
    )
    add_held_commands(g)

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
        reads=True,
    )
    meeting_id_option(p)
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE.docx", help="tệp Word / Word file"
    )
    add_conclusion_commands(g)
    add_room_commands(g)
