"""What kind of file a path holds, by its content (its first bytes), not its name.

An export is written over an existing file only when that file is of the same kind: the name
a user types may be last month's spreadsheet or the room's record (.bcdhop), and a PDF put in
its place destroys it. The SQLite databases are refused earlier, by :mod:`.files`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .errors import BcdError
from .i18n import tr

# How far into a file its kind is looked for (the room record names its format first).
KIND_HEAD_BYTES = 4096
SQLITE_HEADER = b"SQLite format 3\x00"
ROOM_RECORD_MARK = re.compile(rb'"format"\s*:\s*"bdcq-room-record"')


def _zip_kind(path: Path) -> str:
    """Which Office file a zip is (by the folder its parts are in), or a plain zip."""
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return "zip"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    return "zip"


def content_kind(path: Path) -> str | None:
    """The kind of file ``path`` holds, by its content, not its name: ``pdf``, ``xlsx``,
    ``docx``, ``zip``, ``ics``, ``bcdhop`` (the room's record), ``sqlite``; None when it is none
    of these (a text file, say) or cannot be read."""
    try:
        with open(path, "rb") as f:
            head = f.read(KIND_HEAD_BYTES)
    except OSError:
        return None
    if head.startswith(SQLITE_HEADER):
        return "sqlite"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.upper().startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if text.startswith(b"{") and ROOM_RECORD_MARK.search(text):
        return "bcdhop"
    return None


def _kind_label(kind: str) -> str:
    return {
        "pdf": "PDF",
        "xlsx": "Excel (.xlsx)",
        "docx": "Word (.docx)",
        "zip": tr("nén (.zip)"),
        "ics": tr("lịch (.ics)"),
        "bcdhop": tr("hồ sơ phòng họp (.bcdhop)"),
        "sqlite": tr("cơ sở dữ liệu"),
    }[kind]


def refuse_other_kind(new: Path, target: Path) -> None:
    """Refuse replacing ``target`` with ``new`` when ``target`` holds a file of a known kind
    other than ``new``'s: a PDF typed over the name of last month's spreadsheet or of the
    room's record would destroy it unasked. Same kind over same kind (a report made again),
    or a file of no known kind, is replaced as before."""
    refuse_replacing(target, content_kind(new))


def refuse_replacing(target: Path, kind: str | None) -> None:
    """:func:`refuse_other_kind` before the new file is made, its ``kind`` known: asked
    before a document is issued, so that no number is taken for a copy that could not be
    written where asked."""
    old = content_kind(target)
    if old is None or kind == old:
        return
    raise BcdError(
        tr(
            "Không ghi vào {path}: {path} là một tệp {kind} khác; không ghi đè. Hãy chọn tên "
            "tệp khác."
        ).format(path=target, kind=_kind_label(old))
    )
