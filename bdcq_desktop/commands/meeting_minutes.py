"""``bdcq meetings minutes``: the minutes' text (opening, notes under each agenda item, closing)
as the Biên bản section's "Lưu bản sửa" saves it (:func:`~bdcq_desktop.core.minutes_text.
save_minutes`: the parts given in one transaction, one revision), and, with nothing to change,
the draft as it stands with the agenda item ids its notes are written under."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..core.errors import ValidationError
from .common import (
    EXIT_OK,
    add_command,
    expected_version_option,
    format_option,
    id_arg,
    meeting_id_option,
    open_db,
    print_json,
    version_or_current,
)

OPENING, CLOSING, NOTES = "Phần mở đầu", "Phần kết thúc", "Nội dung theo mục chương trình"


def _read_text(path: str, field: str, label: str) -> str:
    """The UTF-8 text of file ``path``; one that cannot be read is refused naming ``label``."""
    from ..core.files import os_reason
    from ..core.text import clean

    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        why = os_reason(exc)
    except UnicodeDecodeError:
        why = "tệp không phải văn bản UTF-8"
    except ValueError:  # a NUL character in the name
        why = "đường dẫn không hợp lệ"
    raise ValidationError(field, f"không đọc được tệp {clean(path)}: {why}.", label=label)


def _part(text: str | None, path: str | None, field: str, label: str) -> str | None:
    return _read_text(path, field, label) if path is not None else text


def _notes(args: argparse.Namespace) -> dict[int, str]:
    """The notes by agenda item id: ``--notes-file`` ({"item id": text}), then each
    ``--item-notes ITEM_ID TEXT`` over it."""
    notes: dict[int, str] = {}
    if args.notes_file is not None:
        try:
            data = json.loads(_read_text(args.notes_file, "items", NOTES))
        except json.JSONDecodeError as exc:
            raise ValidationError(
                "items",
                f"tệp {args.notes_file} không phải JSON hợp lệ (dòng {exc.lineno}, cột "
                f"{exc.colno}).",
                label=NOTES,
            ) from None
        if not isinstance(data, dict) or not all(isinstance(t, str) for t in data.values()):
            raise ValidationError(
                "items",
                'tệp phải là một đối tượng JSON {"mã mục chương trình": "nội dung", …}.',
                label=NOTES,
            )
        notes.update({_item_id(k): t for k, t in data.items()})
    for item, text in args.item_notes or []:
        notes[_item_id(item)] = text
    return notes


def _item_id(text: str) -> int:
    try:
        return id_arg(str(text))
    except argparse.ArgumentTypeError:
        raise ValidationError(
            "items",
            f"mã mục chương trình phải là số nguyên dương (xem cột “Mã” của chương trình trong "
            f"bdcq meetings show): “{str(text)[:40]}”.",
            label=NOTES,
        ) from None


def _print_draft(draft: Any, fmt: str) -> None:
    if fmt == "json":
        print_json(
            {
                "meeting_id": draft.meeting_id,
                "version": draft.version,  # what --expected-version takes
                "is_final": draft.is_final,
                "opening": draft.opening,
                "items": [
                    {"id": i.item_id, "order": i.order, "title": i.title, "notes": i.notes}
                    for i in draft.items
                ],
                "closing": draft.closing,
            }
        )
        return
    print(f"Biên bản cuộc họp / minutes of meeting {draft.meeting_id}: {draft.title}")
    print(f"Phiên bản / version: {draft.version}" + (" (đã ban hành)" if draft.is_final else ""))
    print(f"\n{OPENING}:\n{draft.opening}")
    for i in draft.items:
        print(f"\n{i.order}. {i.title} (mã mục / item id {i.item_id})")
        if i.notes:
            print(i.notes)
    print(f"\n{CLOSING}:\n{draft.closing}")


def cmd_minutes(args: argparse.Namespace) -> int:
    from ..core.minutes_text import minutes_draft, save_minutes

    db = open_db(args)
    opening = _part(args.opening, args.opening_file, "opening", OPENING)
    closing = _part(args.closing, args.closing_file, "closing", CLOSING)
    notes = _notes(args)
    if opening is None and closing is None and not notes:
        _print_draft(minutes_draft(db, args.id), args.format)
        return EXIT_OK
    expected = version_or_current(args.expected_version, lambda: minutes_draft(db, args.id).version)
    version = save_minutes(
        db, args.id, expected_version=expected, opening=opening, closing=closing, items=notes
    )
    if version == expected:
        print(f"Biên bản không thay đổi / minutes unchanged: phiên bản / version {version}")
    else:
        print(f"Đã lưu biên bản cuộc họp {args.id} / minutes saved: phiên bản / version {version}")
    return EXIT_OK


def add_minutes_command(g: Any) -> None:
    p = add_command(
        g,
        "minutes",
        "viết biên bản: phần mở đầu, nội dung theo từng mục chương trình, phần kết thúc (như "
        "nút “Lưu bản sửa” của phần Biên bản); không có tùy chọn sửa: in dự thảo hiện tại; "
        "--expected-version là phiên bản biên bản / write the minutes' text; with nothing to "
        "change, print the draft; --expected-version is the minutes' version",
        cmd_minutes,
    )
    meeting_id_option(p)
    opening = p.add_mutually_exclusive_group()
    opening.add_argument("--opening", metavar="TEXT", help=f"{OPENING.lower()} / opening")
    opening.add_argument("--opening-file", metavar="FILE", help="phần mở đầu từ tệp UTF-8")
    closing = p.add_mutually_exclusive_group()
    closing.add_argument("--closing", metavar="TEXT", help=f"{CLOSING.lower()} / closing")
    closing.add_argument("--closing-file", metavar="FILE", help="phần kết thúc từ tệp UTF-8")
    p.add_argument(
        "--item-notes",
        nargs=2,
        action="append",
        metavar=("ITEM_ID", "TEXT"),
        help="nội dung dưới một mục chương trình (mã mục: cột “Mã” của chương trình trong "
        'meetings show; "" để xóa; lặp lại) / notes under one agenda item (repeat)',
    )
    p.add_argument(
        "--notes-file",
        metavar="FILE.json",
        help='nội dung theo mục từ tệp JSON {"mã mục": "nội dung", …} / notes by item id',
    )
    expected_version_option(p)  # the minutes' version (meetings minutes ID --format json)
    format_option(p, ("table", "json"))

