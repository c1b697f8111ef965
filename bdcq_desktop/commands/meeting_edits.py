"""``bdcq meetings edit|agenda|invite|uninvite|presenters``: the saves of the Cuộc họp tab's
dialogs and buttons (Sửa cuộc họp, Chương trình, Mời dự họp, Bỏ khỏi danh sách mời, Báo cáo
viên), each the one call the window makes into :mod:`bdcq_desktop.core.meetings`,
:mod:`~bdcq_desktop.core.agenda` or :mod:`~bdcq_desktop.core.invitees`. Values go to the core
as typed: it checks them and names the field; a new time or place after the convocation was
issued is refused unless ``--yes``, as the window asks."""

from __future__ import annotations

import argparse
from collections.abc import Collection, Sequence
from typing import Any

from .common import (
    EXIT_OK,
    Command,
    add_command,
    datetime_arg,
    datetime_or_empty_arg,
    expected_version_option,
    format_option,
    id_arg,
    json_list_file,
    meeting_id_option,
    meeting_version,
    open_db,
    print_json,
    unless_confirmed,
    yes_option,
)
from .invitee_args import invitee_arguments, take_invitees

# Option → the core's field (core.meeting_rules.MEETING_FIELDS), people apart.
FIELD_OPTIONS = {
    "kind": "kind",
    "title": "title",
    "start": "starts_at",
    "end": "ends_at",
    "place": "place",
    "notes": "notes",
}
CATEGORIES = "member, working_group, agency_head, expert, guest"
# What ``invite`` and ``uninvite`` may supersede, said by their ``--yes``.
SUPERSEDES_NAMING_THEM = (
    "giấy triệu tập, giấy mời đã ban hành có tên họ phải thay / even though an issued "
    "convocation or invitation naming them is superseded"
)


def print_meeting(
    db: Any,
    meeting_id: int,
    said: str,
    fmt: str,
    invited_before: Sequence[Any] = (),
    named: Collection[int | None] = (),
) -> int:
    """The meeting as ``meetings show`` prints it, after a line saying what was done and a
    line naming whom of ``named`` (the chair saved, the presenters) the save put on the list
    (core.named_invitees), against ``invited_before``, its invitees read before the save."""
    from ..core.meetings import get_meeting
    from ..core.named_invitees import invited_text, newly_invited
    from .meeting_show import detail_dict, print_detail

    d = get_meeting(db, meeting_id)
    if fmt == "json":
        print_json(detail_dict(d))  # the list says it
    else:
        print(f"{said}: {meeting_id}")
        added = newly_invited(invited_before, d.invitees, named)
        if added:
            print(f"{invited_text(added).rstrip('.')} / {len(added)} invited")
        print_detail(d)
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.meetings import get_meeting, update_meeting
    from .meetings import PEOPLE_OPTIONS
    from .person_args import person_of

    fields: dict[str, Any] = {
        key: getattr(args, option)
        for option, key in FIELD_OPTIONS.items()
        if getattr(args, option) is not None
    }
    given = [(o, k, lb) for o, k, lb in PEOPLE_OPTIONS if getattr(args, o) is not None]
    if not fields and not given:
        raise BcdError(
            "Chưa có gì để sửa: thêm --title, --start, --place, --chair… / nothing to change"
        )
    db = open_db(args)
    for option, key, label in given:
        text = getattr(args, option)
        # "" takes an optional person off (the secretary, who proposed it…), as a cleared box.
        fields[key] = person_of(db, text, key, label) if text.strip() else None
    before = get_meeting(db, args.id)
    version = args.expected_version if args.expected_version is not None else before.version
    unless_confirmed(
        lambda: update_meeting(
            db, args.id, expected_version=version, confirm_after_convocation=args.yes, **fields
        )
    )
    chair = {fields["chair_id"]} if "chair_id" in fields else set()
    return print_meeting(
        db, args.id, "Đã sửa cuộc họp / meeting changed", args.format, before.invitees, chair
    )


def cmd_agenda(args: argparse.Namespace) -> int:
    from ..core.agenda import set_agenda
    from ..core.errors import BcdError
    from ..core.meetings import get_meeting

    chosen = sum((bool(args.item), args.agenda is not None, args.clear))
    if chosen != 1:
        raise BcdError(
            "Ghi --item (lặp lại), --agenda FILE.json hoặc --clear (chỉ một) / give --item "
            "(repeat), --agenda FILE.json or --clear (one of them)"
        )
    if args.agenda is not None:
        lines: list[Any] = json_list_file(args.agenda, "agenda", "Chương trình", "mục {title, …}")
    else:
        lines = [{"title": title} for title in args.item or []]
    db = open_db(args)
    before = get_meeting(db, args.id)
    version = args.expected_version if args.expected_version is not None else before.version
    unless_confirmed(
        lambda: set_agenda(
            db, args.id, lines, expected_version=version, confirm_after_convocation=args.yes
        )
    )
    # The presenters the file names ("71" as 71, as the core reads it); --item names none.
    named = {
        int(str(line["presenter_person_id"]))
        for line in lines
        if isinstance(line, dict) and str(line.get("presenter_person_id", "")).isdigit()
    }
    return print_meeting(
        db, args.id, "Đã lưu chương trình / agenda saved", args.format, before.invitees, named
    )


def cmd_invite(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.invitees import Invitation, invite, invite_committee

    guest_details = (args.position, args.unit_name, args.category)
    if args.guest is None and any(x is not None for x in guest_details):
        raise BcdError(
            "--position, --unit-name, --category đi với --guest / they go with --guest"
        )
    others = bool(args.person or args.unit or args.guest is not None)
    if args.committee == others:
        raise BcdError(
            "Ghi --person, --unit, --guest hoặc --committee (chỉ --committee riêng) / give "
            "--person, --unit, --guest, or --committee alone"
        )
    db = open_db(args)
    version = meeting_version(db, args.id, args.expected_version)
    if args.committee:  # the tab's "Mời toàn bộ Ban Chỉ đạo": its own call
        added = unless_confirmed(
            lambda: invite_committee(
                db, args.id, expected_version=version, confirm_after_convocation=args.yes
            )
        )
    else:
        presents = args.presents
        items = [Invitation(unit_id=u, presents=presents) for u in args.unit or []]
        items += [Invitation(person_id=p, presents=presents) for p in args.person or []]
        if args.guest is not None:
            items.append(
                Invitation(
                    guest_name=args.guest,
                    position=args.position,
                    unit_name=args.unit_name,
                    category=args.category,
                    presents=presents,
                )
            )
        added = unless_confirmed(
            lambda: invite(
                db, args.id, items, expected_version=version, confirm_after_convocation=args.yes
            )
        )
    return print_meeting(db, args.id, f"Đã mời thêm {added} người / {added} invited", args.format)


def cmd_uninvite(args: argparse.Namespace) -> int:
    from ..core.invitees import remove_invitees

    take_invitees(args, many=True)
    db = open_db(args)
    version = meeting_version(db, args.id, args.expected_version)
    unless_confirmed(
        lambda: remove_invitees(
            db, args.id, args.invitee, expected_version=version, confirm_after_convocation=args.yes
        )
    )
    n = len(args.invitee)
    return print_meeting(
        db, args.id, f"Đã bỏ {n} người khỏi danh sách mời / {n} taken off", args.format
    )


def cmd_presenters(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.invitees import mark_presenters

    take_invitees(args, many=True, required=False)
    if args.none == bool(args.invitee):
        raise BcdError(
            "Ghi mã người được mời trình bày, hoặc --none / give the presenters' invitee ids, "
            "or --none"
        )
    db = open_db(args)
    version = meeting_version(db, args.id, args.expected_version)
    mark_presenters(db, args.id, args.invitee, expected_version=version)
    return print_meeting(db, args.id, "Đã ghi báo cáo viên / presenters marked", args.format)


def meeting_command(g: Any, name: str, help_text: str, handler: Command) -> argparse.ArgumentParser:
    """A ``meetings`` command acting on one meeting: its positional ``id`` first."""
    p = add_command(g, name, help_text, handler)
    meeting_id_option(p)
    return p


def save_options(p: argparse.ArgumentParser, supersedes: str | None = None) -> None:
    """The options every save here ends with: ``--yes`` where the save may supersede an issued
    paper (``supersedes`` says which), ``--expected-version`` and ``--format`` table|json."""
    if supersedes is not None:
        yes_option(p, supersedes)
    expected_version_option(p)
    format_option(p, ("table", "json"))


def add_meeting_edit_commands(g: Any) -> None:
    """``meetings edit``, ``agenda``, ``invite``, ``uninvite``, ``presenters``."""
    from .meetings import END, KINDS, START, people_options

    p = meeting_command(
        g,
        "edit",
        "sửa cuộc họp (chỉ các trường đã ghi) / correct a meeting (only the options given)",
        cmd_edit,
    )
    p.add_argument("--kind", metavar="KIND", help=f"loại / kind: {KINDS}")
    p.add_argument("--title", help="tên cuộc họp / title")
    p.add_argument("--start", type=datetime_arg, metavar="DATETIME", help=START)
    cleared = END.replace(" / ", ' ("" để bỏ / to clear) / ', 1)
    p.add_argument("--end", type=datetime_or_empty_arg, metavar="DATETIME", help=cleared)
    p.add_argument("--place", help="địa điểm / place")
    p.add_argument("--notes", help="ghi chú / notes")
    people_options(p, clearable=True)
    save_options(
        p, "giấy triệu tập, giấy mời đã ban hành phải thay / even though the issued "
        "convocation or invitation is superseded",
    )

    p = meeting_command(
        g,
        "agenda",
        "đặt lại toàn bộ chương trình họp / set the whole agenda",
        cmd_agenda,
    )
    p.add_argument(
        "--item",
        action="append",
        metavar="TEXT",
        help="một mục, theo thứ tự (lặp lại; thay các mục đã có) / an item, in order (repeat; "
        "replaces the items)",
    )
    p.add_argument(
        "--agenda",
        metavar="FILE.json",
        help="chương trình như meetings add --agenda / the agenda as meetings add reads it: "
        "[{title, planned_minutes, presenter_person_id|presenter_unit_id|presenter_name, id}] "
        "(id giữ mục đã có / keeps an item)",
    )
    p.add_argument("--clear", action="store_true", help="bỏ mọi mục / no items")
    save_options(
        p, "giấy triệu tập, giấy mời, chương trình đã ban hành phải thay / even though the "
        "issued convocation, invitation or agenda is superseded",
    )

    p = meeting_command(
        g,
        "invite",
        "mời thêm người, đơn vị (thủ trưởng), khách mời, hoặc toàn bộ Ban Chỉ đạo / invite "
        "people, units (their heads), a guest, or the whole committee",
        cmd_invite,
    )
    p.add_argument(
        "--person",
        type=id_arg,
        action="append",
        metavar="PERSON_ID",
        help="mời người (ID người, lặp lại)",
    )
    p.add_argument(
        "--unit", type=id_arg, action="append", metavar="UNIT_ID", help="mời thủ trưởng đơn vị"
    )
    p.add_argument("--guest", metavar="NAME", help="họ tên khách mời mới / a new guest's name")
    p.add_argument("--position", metavar="TEXT", help="chức vụ của khách mời / guest's position")
    p.add_argument(
        "--agency",
        "--unit-name",
        dest="unit_name",
        metavar="TEXT",
        help="cơ quan của khách mời (--unit-name cũng được) / guest's agency",
    )
    p.add_argument("--category", metavar="C", help=f"thành phần / category: {CATEGORIES}")
    p.add_argument(
        "--presents", action="store_true", help="những người này là báo cáo viên / they present"
    )
    p.add_argument(
        "--committee",
        action="store_true",
        help="mời toàn bộ thành viên Ban Chỉ đạo / invite the whole committee",
    )
    save_options(p, SUPERSEDES_NAMING_THEM)

    p = meeting_command(
        g,
        "uninvite",
        "bỏ người khỏi danh sách mời (cuộc họp chưa diễn ra) / take invitees off the list",
        cmd_uninvite,
    )
    invitee_arguments(p, many=True)
    save_options(p, SUPERSEDES_NAMING_THEM)

    p = meeting_command(
        g,
        "presenters",
        "báo cáo viên: đúng những người được mời đã ghi / the presenters: exactly the invitees "
        "given",
        cmd_presenters,
    )
    invitee_arguments(p, many=True)
    p.add_argument("--none", action="store_true", help="không ai trình bày / nobody presents")
    save_options(p)
