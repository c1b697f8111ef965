"""``export KIND``: an official document to PDF (a draft, or issued through the register) and
the chair's running script. A companion of :mod:`.documents`, which adds it beside the register's
own commands: kept apart because the export's checks of its options, its messages and its long
option list are a whole of their own, which ``documents list`` never needs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.collector import imports_without_gc
from ..core.errors import (
    DaysOffNotEnteredWarning,
    LateRegistrationWarning,
    UnmarkedAttendanceWarning,
)
from .common import (
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    date_arg,
    id_arg,
    open_db,
    since_arg,
    usage,
)
from .date_args import add_period_options, given_period_options, read_period

# The register's kinds: what can be issued (``documents list --kind`` offers these too).
DOCUMENT_KINDS = (
    "convocation",
    "invitation",
    "agenda",
    "attendance",
    "minutes",
    "conclusions",
    "wg-convocation",
    "wg-report",
    "roster",
    "reports-summary",
    "tasks",
    "reminder",
)
# The chair's running script (Kịch bản điều hành): exported beside the agenda, never issued, so
# no kind of the register (``documents list --kind`` does not offer it).
SCRIPT = "script"
EXPORT_KINDS = (*DOCUMENT_KINDS[:3], SCRIPT, *DOCUMENT_KINDS[3:])
# record type of a kind → the option that names the record
RECORD_OPTIONS = {
    "meeting": "--meeting",
    "session": "--session",
    "round": "--round",
    "unit": "--unit",
}


def cmd_export(args: argparse.Namespace) -> int:
    if args.kind == SCRIPT:
        return _export_script(args)
    with imports_without_gc():  # the document engine, reportlab and the kind's module
        from ..core.files import names_folder
        from ..documents import service
        from ..documents.export_folder import export_into_folder
        from ..documents.signers import SignerRefused

        kind = service.get_kind(args.kind)
    given = {rt: getattr(args, rt) for rt in RECORD_OPTIONS if getattr(args, rt) is not None}
    need = kind.record_type
    if args.all and not kind.all_records:
        return usage(
            f"văn bản {args.kind} không có tùy chọn --all", f"{args.kind} has no --all option"
        )
    if args.all and given:
        opts = ", ".join(RECORD_OPTIONS[rt] for rt in given)
        return usage(f"không dùng --all cùng {opts}", f"--all excludes {opts}")
    if need is None and given:
        opts = ", ".join(RECORD_OPTIONS[rt] for rt in given)
        return usage(
            f"văn bản {args.kind} không gắn với bản ghi, bỏ {opts}",
            f"{args.kind} takes no record, drop {opts}",
        )
    if need is not None and not args.all and (need not in given or len(given) > 1):
        opt = RECORD_OPTIONS.get(need, f"--{need}")
        if kind.all_records:
            return usage(
                f"văn bản {args.kind} cần {opt} ID hoặc --all",
                f"{args.kind} needs {opt} ID or --all",
            )
        return usage(
            f"văn bản {args.kind} cần đúng một tùy chọn {opt} ID",
            f"{args.kind} needs exactly one {opt} ID",
        )
    if args.issue and args.draft:
        return usage("không dùng --issue cùng --draft", "--issue and --draft exclude each other")
    options = {}
    if args.per_addressee:
        if "per_addressee" not in kind.options:
            return usage(
                f"văn bản {args.kind} không có tùy chọn --per-addressee",
                f"{args.kind} has no --per-addressee option",
            )
        options["per_addressee"] = True
    if args.since is not None:
        if "since" not in kind.options:
            return usage(
                f"văn bản {args.kind} không có tùy chọn --since",
                f"{args.kind} has no --since option",
            )
        options["since"] = args.since
    periods = given_period_options(args)
    if periods and "period" not in kind.options:
        return usage(
            f"văn bản {args.kind} không có kỳ báo cáo, bỏ {', '.join(periods)}",
            f"{args.kind} has no period, drop {', '.join(periods)}",
        )
    period = read_period(args)
    if isinstance(period, int):
        return period
    if period is not None:
        options["period"] = period
    from ..core.db import output_path

    db = open_db(args)
    into_folder = names_folder(args.output)  # the file goes in it, named as the window names it
    # Checked before anything is issued: never the database, a folder or a device.
    target = None if into_folder else output_path(args.output, db)
    # Read before the issue: minutes issued without their actual end print the planned one.
    end_note = (
        _planned_end_note(db, given["meeting"])
        if args.kind == "minutes" and args.issue and "meeting" in given
        else None
    )
    try:
        result = (export_into_folder if target is None else service.export)(
            db,
            args.kind,
            given.get(need) if need else None,
            args.output if target is None else target,
            issue_it=args.issue,
            issued_on=args.date,
            draft_only=args.draft,
            options=options,
            confirm_unmarked=args.allow_unmarked,
            signer_id=args.signer,
            confirm_late=args.yes,
            confirm_days_off=args.yes,
        )
    except LateRegistrationWarning as exc:
        print(f"bdcq: {exc.message}", file=sys.stderr)
        print(
            f"bdcq: chưa ban hành; nếu văn bản đã được ký ngày {exc.on:%d/%m/%Y}, thêm --yes để "
            f"vào sổ muộn / not issued: the date is {exc.days} days back; if the document was "
            "signed that day, add --yes to register it late",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except DaysOffNotEnteredWarning as exc:
        # Nobody to ask in a script: the years are named, with where to enter them.
        said = exc.message.removesuffix(".")
        print(f"bdcq: {said} (bdcq settings days-off add).", file=sys.stderr)
        print(
            "bdcq: chưa ban hành; nhập lịch ngày nghỉ trước, hoặc thêm --yes để vẫn ban hành / "
            f"not issued: the days off of {', '.join(map(str, exc.years))} are not entered, "
            "the count of working days takes the holidays as worked; enter them first, or add "
            "--yes to issue anyway",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except UnmarkedAttendanceWarning as exc:
        print(f"bdcq: {exc.message}", file=sys.stderr)
        # Where the attendance is recorded: a meeting's sheet, or a session's days.
        attend = "sessions attend" if need == "session" else "meetings attend"
        print(
            f"bdcq: chưa ban hành; điểm danh trước (bdcq {attend} …), hoặc thêm "
            "--allow-unmarked để vẫn ban hành / not issued: record the attendance first, or add "
            "--allow-unmarked to issue anyway",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except SignerRefused as exc:
        print(f"bdcq: {exc.message}", file=sys.stderr)
        print(f"bdcq: {_another_signer(db, exc, group=need == 'session')}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Đã xuất / exported: {result.path}")
    rec = result.issued
    if rec is None:
        print("Bản dự thảo, chưa có số / draft, number left blank")
        if args.signer is None and not args.all:
            _warn_nameless(db, args.kind, given.get(need) if need else None)
    else:
        state = (
            "bản đã ban hành trước đó / stored copy of the issued document"
            if result.from_store
            else "đã ban hành / issued"
        )
        if end_note and not result.from_store:
            print(f"bdcq: {end_note}", file=sys.stderr)
        print(f"Số / number: {rec.symbol} ({rec.issued_on:%d/%m/%Y}) — {state}")
        print(f"SHA-256: {rec.sha256}")
    if result.restored is not None:  # reading the stored copy put its file back: said
        say_restored(result.restored.symbol, result.restored.path, result.restored.kept)
    return EXIT_OK


# What the running script cannot take: it is a working paper of one meeting, never issued.
_NOT_FOR_SCRIPT = ("issue", "date", "signer", "allow_unmarked", "per_addressee", "since", "all",
                   "session", "round", "unit", "yes", "start", "end", "year", "quarter",
                   "half")  # fmt: skip


def _export_script(args: argparse.Namespace) -> int:
    """``export script --meeting ID -o FILE.pdf``: the chair's running script, written as the
    other exports are (the database and the protected folders refused, a temporary file
    renamed into place); ``--draft`` is what it always is."""
    given = [d for d in _NOT_FOR_SCRIPT if getattr(args, d) not in (None, False)]
    if given:
        opts = ", ".join(f"--{d.replace('_', '-')}" for d in given)
        return usage(
            f"kịch bản điều hành là giấy tờ làm việc của một cuộc họp, không ban hành: bỏ {opts}",
            f"the running script is a working paper of one meeting, never issued: drop {opts}",
        )
    if args.meeting is None:
        return usage(
            "kịch bản điều hành (script) cần đúng một tùy chọn --meeting ID",
            "script needs exactly one --meeting ID",
        )
    with imports_without_gc():  # the document engine, reportlab
        from ..core.files import names_folder
        from ..documents.script_docs import export_script, script_file_name

    db = open_db(args)
    target = args.output
    if names_folder(target):  # inside it, under the name the window offers
        from ..core.meetings import get_meeting

        starts = get_meeting(db, args.meeting).starts_at
        target = str(Path(target) / script_file_name(args.meeting, starts))
    path = export_script(db, args.meeting, target)
    print(f"Đã xuất / exported: {path}")
    print(
        "Kịch bản điều hành: giấy tờ làm việc, không ban hành, không có số / running script: a "
        "working paper, never issued, no number"
    )
    return EXIT_OK


def _planned_end_note(db: Any, meeting_id: int) -> str | None:
    """What a script is told (not stopped by) when it issues minutes with no actual end
    recorded: the planned end is printed, and how to record the actual one."""
    from ..core.meetings import get_meeting

    d = get_meeting(db, meeting_id)
    info = d.minutes
    if info is not None and (info.closed_at is not None or info.status == "final"):
        return None  # recorded, or already issued (the stored copy is written again)
    planned = (
        f"giờ kết thúc theo kế hoạch ({d.ends_at:%H:%M %d/%m/%Y})"
        if d.ends_at is not None
        else "chỗ trống (cuộc họp không có giờ kết thúc theo kế hoạch)"
    )
    return (
        f"Ghi chú: chưa ghi giờ kết thúc thực tế của cuộc họp {meeting_id}; biên bản in "
        f"{planned}. Để ghi giờ thực tế: bdcq meetings close {meeting_id} --at HH:MM trước khi "
        "ban hành (biên bản đã ban hành thì mở lại trước: bdcq meetings reopen-minutes) / "
        "note: no actual end recorded, the minutes print the planned end; record it with "
        "bdcq meetings close."
    )


def _warn_nameless(db: Any, kind: str, record_id: int | None) -> None:
    """A draft whose signer the settings' rule finds nobody for (no "Chánh Văn phòng" on the
    roster, a meeting with no secretary) is printed with the name blank: said, with where to
    choose the signer, since issuing it will be refused."""
    from ..documents import service

    choices = service.signer_choices(db, kind, record_id)
    if choices is None or not choices.refused:
        return
    print(f"bdcq: cảnh báo: {choices.refused}", file=sys.stderr)
    print(
        "bdcq: bản dự thảo để trống tên người ký; chưa ban hành được cho đến khi chọn người ký "
        f"(bdcq settings set signer.{kind} person:ID, hoặc --signer PERSON_ID) / warning: the "
        "draft's signer name is blank; it cannot be issued until a signer is chosen",
        file=sys.stderr,
    )


def _another_signer(db: Any, exc: Any, *, group: bool) -> str:
    """What to do when the settings' signer cannot sign: the settings key to change, or
    ``--signer`` for this one document, with who may sign on the document's date (their
    person ids, as ``--signer`` takes them)."""
    from ..documents.signer_choice import eligible

    key = exc.field  # signer.KIND, the key of `bdcq settings set`
    who = ", ".join(
        f"{c.name} (ID người {c.person_id}, {c.title})" for c in eligible(db, exc.on, group=group)
    )
    may = f"; ngày {exc.on.strftime('%d/%m/%Y')} ký được: {who}" if who else ""
    return (
        f"chưa xuất văn bản; sửa người ký theo thiết lập (bdcq settings set {key} person:ID) "
        f"hoặc thêm --signer PERSON_ID để chọn người ký cho riêng văn bản này{may} / nothing "
        f"exported: change {key}, or add --signer PERSON_ID to choose the signer of this "
        "document alone"
    )


def say_restored(symbol: str, path: Path, kept: Path | None) -> None:
    """A file of the issued-documents folder put back from the register, and where the file
    found in its place was kept: said alike by repair-files and by an export that did it."""
    print(f"Đã ghi lại / restored: {symbol}\t{path}")
    if kept is not None:
        print(
            f"  Tệp bị thay đổi đã được giữ lại với tên mới / the altered file was kept as: "
            f"{kept}"
        )


def add_export_command(sub: Any) -> None:
    """``export KIND`` with its options."""
    p = add_command(
        sub,
        "export",
        "xuất văn bản ra PDF (dự thảo, hoặc ban hành với --issue) / export a document to PDF "
        "(a draft, or issued with --issue)",
        cmd_export,
        reads=lambda args: not args.issue,  # a draft only reads; --issue numbers and registers
    )
    p.add_argument(
        "kind",
        choices=EXPORT_KINDS,
        metavar="KIND",
        help=", ".join(EXPORT_KINDS) + " (script: kịch bản điều hành cuộc họp, giấy tờ làm "
        "việc của chủ trì, không ban hành / the chair's running script of a meeting, a "
        "working paper, never issued)",
    )
    p.add_argument("--meeting", type=id_arg, metavar="ID", help="mã cuộc họp / meeting id")
    p.add_argument("--session", type=id_arg, metavar="ID", help="mã phiên làm việc / session id")
    p.add_argument("--round", type=id_arg, metavar="ID", help="mã đợt báo cáo / reporting round id")
    p.add_argument("--unit", type=id_arg, metavar="ID", help="mã đơn vị / unit id (reminder)")
    p.add_argument(
        "--all",
        action="store_true",
        help="văn bản đôn đốc gửi mọi đơn vị có việc quá hạn / reminder to every unit in arrears",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.pdf",
        help="tệp PDF, hoặc thư mục: tệp đặt tên theo văn bản, số và ngày / PDF file, or a "
        "folder: the file named after the document, its number and day",
    )
    p.add_argument(
        "--issue",
        action="store_true",
        help="ban hành: lấy số tiếp theo trong sổ, lưu bản PDF / issue: take the next number "
        "from the register and store the PDF",
    )
    p.add_argument(
        "--draft",
        action="store_true",
        help="luôn xuất bản dự thảo mới, kể cả khi đã ban hành / a fresh draft even if issued",
    )
    p.add_argument(
        "--date",
        type=date_arg,
        metavar="D",
        help="ngày ban hành (mặc định: hôm nay) / date of issue (default: today)",
    )
    p.add_argument(
        "--yes",
        action="store_true",
        help="vẫn ban hành khi ngày ban hành sớm hơn hôm nay quá 7 ngày (vào sổ muộn văn bản đã "
        "ký ngày đó), hoặc khi văn bản đếm ngày làm việc trong năm chưa nhập lịch ngày nghỉ / "
        "issue even when the date of issue is more than 7 days back (a document signed that "
        "day, registered late), or when the document counts working days in a year whose days "
        "off are not entered",
    )
    p.add_argument(
        "--allow-unmarked",
        action="store_true",
        help="biên bản, báo cáo kết quả phiên làm việc: vẫn ban hành khi còn người chưa điểm "
        "danh / minutes, a session's report: issue even with people whose attendance is not "
        "recorded",
    )
    p.add_argument(
        "--per-addressee",
        action="store_true",
        help="giấy mời: mỗi đại biểu một bản / invitation: one copy per addressee",
    )
    p.add_argument(
        "--since",
        type=since_arg,
        metavar="D|all",
        help="văn bản đôn đốc: chỉ đôn đốc báo cáo, nhiệm vụ có hạn từ ngày D; all: mọi việc quá "
        "hạn (mặc định: phạm vi đã chọn ở trang Đôn đốc, ban đầu là 12 tháng qua) / reminder: "
        "chase only reports and tasks due on or after D; all: everything overdue (default: the "
        "window chosen on the Đôn đốc page, at first the last 12 months)",
    )
    add_period_options(p)
    p.add_argument(
        "--signer",
        type=id_arg,
        metavar="PERSON_ID",
        help="người ký văn bản này thay người ký theo thiết lập (Trưởng ban, Phó Trưởng ban; "
        "văn bản Tổ công tác: Tổ trưởng, Tổ phó); số ở cột \"ID người\" của `bdcq "
        "members list`, `bdcq sessions show ID` / who signs this document instead of the "
        "settings' signer (the Head or a Deputy Head; the working group's: its leader or "
        "deputy); the person id is the \"ID người\" column of `bdcq members list`, "
        "`bdcq sessions show ID`",
    )
