"""The file name a document is offered under ("Lưu thành…", the viewer's temporary copy, and a
default for the command line): the document's Vietnamese name without diacritics, then the
number and the day of issue when issued, or ``du-thao`` and the day for a draft.

``giay-trieu-tap-05-GTT-BCD-2026-11-28.pdf``, ``danh-sach-thanh-vien-du-thao-2026-11-28.pdf``.
The day because numbers start again each year: next year's 05/GTT-BCĐ saved into the same
folder would otherwise be offered this year's name, and replace its copy there. Plain ASCII
on purpose: the file travels by e-mail and USB stick to machines whose archivers and mail
gateways still mangle Vietnamese file names.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..core import register
from ..core.text import fold
from .kind_index import get_kind

# A kind whose full name is too long for a file name goes by its everyday short name.
_SHORT_NAMES = {
    "roster": "Danh sách thành viên",
    "tasks": "Báo cáo nhiệm vụ",
    "reports-summary": "Báo cáo chế độ báo cáo",
    "reminder": "Đôn đốc",
    "wg-report": "Báo cáo kết quả Tổ công tác",
}
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


def _ascii(text: str) -> str:
    """``text`` without diacritics, case kept (``BCĐ`` → ``BCD``)."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )
    return bare.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")


def slug(text: str) -> str:
    """``Giấy triệu tập`` → ``giay-trieu-tap``."""
    return _NOT_WORD.sub("-", fold(text)).strip("-")


def kind_name(kind: str) -> str:
    """The Vietnamese name the file is called after (a short one for long titles)."""
    if kind in _SHORT_NAMES:
        return _SHORT_NAMES[kind]
    return get_kind(kind).label


def document_file_name(
    kind: str, issued: register.IssuedRecord | None = None, *, on: date | None = None,
    scope: str = "",
) -> str:
    """The file name for document ``kind``: its number when ``issued``, else a dated draft;
    ``scope``, the period or list a report is of ("quý III năm 2026"), after its name, so that
    two periods' drafts of one day are not offered the same name."""
    stem = _stem(kind, scope)
    if issued is not None:
        return _numbered(stem, issued.symbol, issued.issued_on)
    return f"{stem}-du-thao-{(on or date.today()).isoformat()}.pdf"


def _stem(kind: str, scope: str) -> str:
    stem = "-".join(p for p in (slug(kind_name(kind)), slug(scope)[:40].strip("-")) if p)
    return stem or "van-ban"


def _numbered(stem: str, symbol: str, on: date) -> str:
    number = _NOT_WORD.sub("-", _ascii(symbol)).strip("-")
    return f"{stem}-{number}-{on.isoformat()}.pdf"


def numbered_file_name(kind: str, symbol: str, on: date, *, scope: str = "") -> str:
    """The name :func:`document_file_name` gives once issued as ``symbol`` on ``on``: asked
    before the number is taken, with the number the register is about to give."""
    return _numbered(_stem(kind, scope), symbol, on)
