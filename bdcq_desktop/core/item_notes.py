"""An agenda item's live notes as a meeting's record shows them, and how typed notes are
cleaned before they are stored.

Kept apart from :mod:`.live_notes` (the autosave while a meeting is held, its conflicts and
revisions): the meeting's record and its minutes' text need only these, and every start
builds the meetings tab, which reads them, long before anyone takes notes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from .errors import ValidationError
from .i18n import tr

MAX_NOTES = 200_000  # characters in one item's notes (a whole day's verbatim record fits)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class ItemNotes:
    item_id: int
    order: int
    title: str
    text: str
    version: int
    # When the item was last written, local time: after a crash, the notes saved last are the
    # ones whose end may be cut off (what was typed after that save is lost).
    saved_at: datetime | None = None


def clean_notes(text: object) -> str:
    if text is None:
        return ""
    # NUL and lone surrogates (a broken paste) cannot be stored: UTF-8 has no code for a
    # surrogate, so the database driver would fail on it. Dropped before NFC, which a mark
    # that ends up next to its letter needs.
    body = _UNSTORABLE.sub("", str(text))
    body = unicodedata.normalize("NFC", body).replace("\r\n", "\n").replace("\r", "\n")
    if len(body) > MAX_NOTES:
        raise ValidationError(
            "minutes_text",
            tr('"{label}" dài tối đa {n} ký tự.').format(label=tr("Ghi chép"), n=MAX_NOTES),
            label=tr("Ghi chép"),
        )
    return body
