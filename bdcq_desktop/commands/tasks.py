"""``bdcq tasks``: every task with its computed status (:mod:`bdcq_desktop.core.tasks`), ad hoc
tasks given outside a meeting (:mod:`bdcq_desktop.core.adhoc_tasks`), and a task's result. The
list and the per-unit summary, as Báo cáo › Nhiệm vụ shows them: :mod:`.task_lists`."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .common import (
    EXIT_OK,
    add_command,
    add_group,
    date_arg,
    date_or_empty_arg,
    expected_version_option,
    format_option,
    id_arg,
    open_db,
    print_json,
    version_or_current,
)
from .person_args import person_of, who_args
from .task_acts import WHO, add_task_act_commands
from .task_lists import add_list_commands


def cmd_add(args: argparse.Namespace) -> int:
    from ..core.adhoc_tasks import LABELS, create_task

    db = open_db(args)
    person = person_of(db, args.person, "assignee_person_id", LABELS["assignee_person_id"])
    tid = create_task(
        db,
        content=args.content,
        assignee_unit_id=args.unit,
        assignee_person_id=person,
        focal_unit_id=args.focal_unit,
        deadline=args.deadline,
        assigned_by_id=person_of(db, args.assigned_by, "assigned_by_id", LABELS["assigned_by_id"]),
        assigned_on=args.assigned_on,
    )
    print(f"Đã giao nhiệm vụ / task added: {tid}")
    return EXIT_OK


def cmd_done(args: argparse.Namespace) -> int:
    from ..core.tasks import complete_task

    done = complete_task(
        open_db(args),
        args.id,
        args.date,
        expected_version=args.expected_version,
        result_report=args.result,
    )
    late = f" ({done.days_overdue} ngày / days)" if done.days_overdue else ""
    print(f"Đã ghi kết quả nhiệm vụ / result recorded: {done.id}: {done.status_label}{late}")
    return EXIT_OK


@contextmanager
def in_its_conclusion() -> Iterator[None]:
    """A task of a meeting's conclusion, reached by ``tasks edit``/``remove``: refused,
    naming its conclusion and the command that corrects it there."""
    from ..core.errors import BcdError, ConclusionTaskError

    try:
        yield
    except ConclusionTaskError as exc:
        raise BcdError(
            f"{exc.message} Dùng / use: bdcq meetings conclusion-edit {exc.conclusion_id} "
            f'--tasks FILE.json, nhiệm vụ ghi {{"id": {exc.task_id}, …}} chỉ với các trường '
            "cần sửa (các nhiệm vụ khác ghi {\"id\": N}) / give the task by its id with only "
            "the fields to change (the others as {\"id\": N})."
        ) from None


# ``tasks edit`` option → the field of core.adhoc_tasks.update_task.
EDIT_OPTIONS = {
    "content": "content",
    "unit": "assignee_unit_id",
    "person": "assignee_person_id",
    "focal_unit": "focal_unit_id",
    "deadline": "deadline",
    "assigned_by": "assigned_by_id",
    "assigned_on": "assigned_on",
}


def cmd_edit(args: argparse.Namespace) -> int:
    """The task's form as read, with the options given put in, saved in one call (the form
    sends every field: update_task rewrites them all)."""
    from ..core.adhoc_tasks import LABELS, get_task, update_task
    from ..core.errors import BcdError
    from ..core.tabular import plain, shown

    given = {
        key: getattr(args, option)
        for option, key in EDIT_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if not given:
        raise BcdError(
            "Chưa có gì để sửa: thêm --content, --unit, --person, --deadline… / nothing to change"
        )
    db = open_db(args)
    for key in ("assignee_person_id", "assigned_by_id"):  # a name is its person; "" clears
        if isinstance(given.get(key), str) and given[key].strip():
            given[key] = person_of(db, given[key], key, LABELS[key])
    with in_its_conclusion():
        task = get_task(db, args.id)
        version = version_or_current(args.expected_version, lambda: task.version)
        update_task(db, args.id, expected_version=version, **{**task.values(), **given})
    saved = get_task(db, args.id)
    data = {"id": saved.id, **{k: plain(v) for k, v in saved.values().items()}}
    data["version"] = saved.version
    if args.format == "json":
        print_json(data)
    else:
        print(f"Đã sửa nhiệm vụ / task changed: {args.id}")
        for key, label in LABELS.items():
            value = shown(saved.values()[key])
            print(f"{label}: {'' if value is None else value}")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from ..core.adhoc_tasks import remove_task

    with in_its_conclusion():
        remove_task(open_db(args), args.id, expected_version=args.expected_version)
    print(f"Đã xóa nhiệm vụ / task removed: {args.id}")
    return EXIT_OK


def cmd_transfer(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.task_transfer import transfer_task, transfer_unit_tasks

    given = {"to_unit_id": args.to_unit, "reason": args.reason, "on": args.on}
    if args.id is not None:
        db = open_db(args)
        who = who_args(db, args.approved_by, "approved_by_id", "Người cho gia hạn")
        moved = transfer_task(
            db,
            args.id,
            expected_version=args.expected_version,
            deadline=args.deadline,
            approved_by_id=who["id"],
            approved_by_text=who["text"],
            **given,
        )
    else:
        if args.deadline is not None or args.approved_by is not None:
            raise BcdError(
                "--deadline chỉ dùng khi chuyển một nhiệm vụ (ID), không dùng với --from-unit / "
                "a new deadline is given to one task at a time"
            )
        moved = transfer_unit_tasks(open_db(args), args.from_unit, expected_versions=None, **given)
    ids = ", ".join(map(str, moved.task_ids))
    print(
        f"Đã chuyển {len(moved.task_ids)} nhiệm vụ ({ids}) cho {moved.to_unit} từ ngày "
        f"{moved.on:%d/%m/%Y} / {len(moved.task_ids)} task(s) transferred"
    )
    if moved.no_longer_in_charge:  # dropped, as the officer must hear: the new unit names one
        print(moved.dropped_text())
    if moved.extended_to is not None:
        print(f"Gia hạn đến / deadline extended to {moved.extended_to:%d/%m/%Y}")
    return EXIT_OK


def add_tasks_commands(sub: Any) -> None:
    """``tasks list``, ``summary`` (:mod:`.task_lists`), ``add``, ``edit``, ``done``,
    ``remove``, ``transfer``, and the acts on a task and its history (:mod:`.task_acts`:
    ``extend``, ``progress``, ``stop``, ``resume``, ``show``)."""
    g = add_group(sub, "tasks", "nhiệm vụ / tasks (from conclusions or ad hoc)")
    add_list_commands(g)  # list, summary

    p = add_command(g, "add", "giao nhiệm vụ trực tiếp / add an ad hoc task", cmd_add)
    p.add_argument("--content", metavar="TEXT", help="nội dung nhiệm vụ / what is to be done")
    p.add_argument("--unit", type=id_arg, metavar="ID", help="đơn vị chủ trì / unit in charge")
    p.add_argument(
        "--person", metavar="ID|TÊN", help="người được giao (mã hoặc họ tên) / person in charge"
    )
    p.add_argument("--focal-unit", type=id_arg, metavar="ID", help="đơn vị đầu mối / focal unit")
    p.add_argument("--deadline", type=date_arg, metavar="D", help="thời hạn / deadline")
    p.add_argument(
        "--assigned-by",
        metavar="ID|TÊN",
        help="người giao (bắt buộc): mã hoặc họ tên người là Trưởng ban hoặc Phó Trưởng ban tại "
        "ngày giao / assigned by (required): the person id or full name of the Head or a "
        "Deputy Head on that day",
    )
    p.add_argument(
        "--assigned-on",
        type=date_arg,
        metavar="D",
        help="ngày giao (mặc định hôm nay) / assigned on (default today)",
    )
    p = add_command(
        g,
        "edit",
        "sửa nhiệm vụ giao trực tiếp (chỉ các trường đã ghi) / correct an ad hoc task (only "
        "the options given)",
        cmd_edit,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã nhiệm vụ / task id")
    # Ids as plain text, not id_arg: "" clears an optional one, and the core names the field
    # of a bad value (as the form's Save does). Dates are read by the parser ("" kept).
    clear = '("" để bỏ / to clear)'
    p.add_argument("--content", metavar="TEXT", help="nội dung nhiệm vụ / what is to be done")
    p.add_argument("--unit", metavar="ID", help=f"đơn vị chủ trì {clear} / unit in charge")
    p.add_argument(
        "--person", metavar="ID|TÊN", help=f"người được giao {clear} / person in charge"
    )
    p.add_argument("--focal-unit", metavar="ID", help=f"đơn vị đầu mối {clear} / focal unit")
    p.add_argument(
        "--deadline", type=date_or_empty_arg, metavar="D", help=f"thời hạn {clear} / deadline"
    )
    p.add_argument("--assigned-by", metavar="ID|TÊN", help="người giao / assigned by")
    p.add_argument("--assigned-on", type=date_arg, metavar="D", help="ngày giao / assigned on")
    expected_version_option(p)
    format_option(p, ("table", "json"))
    p = add_command(
        g, "done", "ghi kết quả thực hiện / record a task's result (done on DATE)", cmd_done
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã nhiệm vụ / task id")
    p.add_argument(
        "--date", type=date_arg, required=True, metavar="D", help="ngày hoàn thành / done on"
    )
    p.add_argument(
        "--result",
        metavar="TEXT",
        help="báo cáo kết quả của đơn vị (thay bản cũ) / the unit's result report (replaces)",
    )
    expected_version_option(p)
    p = add_command(
        g,
        "remove",
        "xóa nhiệm vụ giao trực tiếp chưa có kết quả / remove an ad hoc task",
        cmd_remove,
    )
    p.add_argument("id", type=id_arg, metavar="ID", help="mã nhiệm vụ / task id")
    expected_version_option(p)
    p = add_command(
        g,
        "transfer",
        "chuyển nhiệm vụ đang mở cho đơn vị khác / hand open tasks to another unit",
        cmd_transfer,
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", type=id_arg, metavar="ID", help="mã nhiệm vụ / task id")
    which.add_argument(
        "--from-unit",
        type=id_arg,
        metavar="ID",
        help="mọi nhiệm vụ đang mở của đơn vị này / every open task of this unit",
    )
    p.add_argument(
        "--to-unit", type=id_arg, metavar="ID", help="đơn vị tiếp nhận / receiving unit"
    )
    p.add_argument("--reason", metavar="TEXT", help="lý do chuyển giao / reason (required)")
    p.add_argument(
        "--on",
        type=date_arg,
        metavar="D",
        help="ngày chuyển giao (mặc định hôm nay) / on (default today)",
    )
    p.add_argument(
        "--deadline",
        type=date_arg,
        metavar="D",
        help="thời hạn mới cho đơn vị tiếp nhận (gia hạn, cần --approved-by) / a new deadline "
        "(an extension, needs --approved-by)",
    )
    p.add_argument(
        "--approved-by", metavar="ID|TEXT", help=f"người cho gia hạn / approved by: {WHO}"
    )
    expected_version_option(p)
    add_task_act_commands(g)
