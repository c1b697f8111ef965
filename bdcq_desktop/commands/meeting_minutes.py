"""``bdcq meetings minutes``: the minutes' text (opening, notes under each agenda item, closing)
as the Biên bản section's "Lưu bản sửa" saves it (:func:`~bdcq_desktop.core.minutes_text.
save_minutes`: the parts given in one transaction, one revision), and, with nothing to change,
the draft as it stands with the agenda item ids its notes are written under. ``bdcq meetings
minutes-history``: the revisions the section's history lists, and the text of one of them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..core.errors import ValidationError
from .common import (
    EXIT_OK,
    add_command,
    emit,
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


# The revisions as the Biên bản section's history lists them: its columns, in its order.
HISTORY_COLUMNS = ["number", "saved_at", "author", "event", "event_label", "reason", "symbol"]
HISTORY_TABLE = ["number", "saved_at", "author", "event_label", "note"]
HISTORY_HEADERS = {
    "number": "Lần",
    "saved_at": "Thời gian",
    "author": "Người lưu",
    "event": "Việc (mã)",
    "event_label": "Việc",
    "reason": "Lý do mở lại",
    "symbol": "Số văn bản",
    "note": "Ghi chú",
    "text": "Nội dung",
}


def _history_rows(rows: list[Any]) -> list[dict[str, Any]]:
    # The properties the window's columns read (label, note) are not dataclass fields.
    return [
        {
            "number": r.number,
            "saved_at": r.saved_at,
            "author": r.author,
            "event": r.event,
            "event_label": r.event_label,
            "reason": r.reason,
            "symbol": r.symbol,
            "note": r.note,
        }
        for r in rows
    ]


def cmd_minutes_history(args: argparse.Namespace) -> int:
    from ..core.errors import BcdError
    from ..core.minutes_history import minutes_revisions, revision_text

    db = open_db(args)
    # The section's two calls: the history, then the text of the revision opened from it.
    rows = minutes_revisions(db, args.id)
    if args.revision is None:
        emit(_history_rows(rows), HISTORY_COLUMNS, HISTORY_HEADERS, args.format, HISTORY_TABLE)
        return EXIT_OK
    row = next((r for r in rows if r.number == args.revision), None)
    if row is None:
        raise BcdError(
            f"Biên bản cuộc họp {args.id} không có bản sửa lần {args.revision} (có "
            f"{len(rows)} bản sửa) / no such revision: see the column “Lần” of "
            f"bdcq meetings minutes-history {args.id}."
        )
    text = revision_text(db, row.id)
    if args.format == "table":
        # The title of the window's revision dialog, then the text it shows.
        who = row.author or "?"
        print(f"Biên bản — bản sửa lần {row.number} ({row.saved_at:%d/%m/%Y %H:%M}, {who})")
        print(text)
        return EXIT_OK
    [data] = _history_rows([row])
    data = {**{k: data[k] for k in HISTORY_COLUMNS}, "text": text}
    if args.format == "json":
        from ..core.tabular import to_dicts

        print_json(to_dicts([data])[0])  # one revision: an object, as the show commands print
    else:
        emit([data], list(data), HISTORY_HEADERS, args.format)
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

    p = add_command(
        g,
        "minutes-history",
        "các bản sửa đã lưu của biên bản, như mục Lịch sử của phần Biên bản; --revision N: "
        "nội dung bản sửa lần N / the minutes' saved revisions; --revision N: that one's text",
        cmd_minutes_history,
        reads=True,
    )
    meeting_id_option(p)
    p.add_argument(
        "--revision",
        type=int,
        metavar="N",
        help="in nội dung bản sửa lần N (cột “Lần”) / print revision N's text",
    )
    format_option(p)
