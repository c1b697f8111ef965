"""The issuing body printed in a document's header, under its parent body: set by the
secretariat, or derived from the committee's name. Moved out of :mod:`.settings`, which
re-exports these names (one module for everything about the settings)."""

from __future__ import annotations

from ..core import validation as v
from ..core.db import Database
from ..core.i18n import tr
from ..core.settings import get_setting, set_setting
from .text import nfc

ISSUING_BODY_KEY = "documents.issuing_body"


def default_issuing_body(committee_name: str) -> str:
    """The issuing body printed when none is set: the committee's name in capitals, without the
    province suffix the parent carries."""
    return nfc(_issuing_header(committee_name))


def _issuing_header(name: str) -> str:
    """The issuing body as printed: capitals, without the province suffix the parent carries
    ("Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An" → "BAN CHỈ ĐẠO XÂY DỰNG CHÍNH QUYỀN
    ĐIỆN TỬ"), as in the decree's samples."""
    text = name.strip()
    lowered = text.lower()
    for marker in (" tỉnh ", " thành phố "):
        cut = lowered.rfind(marker)
        if cut > 0:
            text = text[:cut]
            break
    return text.upper()


def get_issuing_body(db: Database) -> str:
    """The issuing body as set for the header; empty: derived from the committee's name."""
    return str(get_setting(db, ISSUING_BODY_KEY, "") or "")


def set_issuing_body(db: Database, value: object) -> str:
    """Set (empty: derive again from the committee's name) the issuing body of the header."""
    text = check_issuing_body(value)
    set_setting(db, ISSUING_BODY_KEY, text)
    return text


def check_issuing_body(value: object) -> str:
    """The issuing body as it will be stored ("": derived from the committee's name)."""
    label = tr("Tên cơ quan ban hành (in trên văn bản)")
    return v.text(value, "issuing_body", label, max_len=300) or ""
