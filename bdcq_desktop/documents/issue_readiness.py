"""Whether a document can be issued today for its record, asked before "Ban hành…" is offered.

The document dialog shows a draft it can build; issuing it may still be refused by the record's
own rules, which the issue runs only when pressed: the minutes or conclusions of a meeting not
held yet (:func:`..core.meeting_rules.not_held_yet`), a date of issue that makes no sense for
the record (:mod:`.issue_dates`: minutes dated before a meeting moved to a later day, a
convocation once the meeting was held). One question, the same rules the issue runs, so the
dialog offers "Ban hành…" only when pressing it would not be refused for these reasons.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..core.db import Database
from ..core.errors import BcdError
from ..core.i18n import tr
from ..core.meeting_rules import not_held_yet
from ..core.models import Meeting
from ..core.read_scope import reading
from .kind_index import get_kind

# The meeting's documents that record it: none before it is held.
_RECORDING_KINDS = frozenset({"minutes", "conclusions"})


# Only reads (asked as a draft is shown, before anything is issued): a storage refusal met
# here says the data was not read, never "chưa lưu được gì" beside a button not yet pressed.
@reading()
def issue_refusal(
    db: Database, kind_name: str, record_id: int | None, on: date | None = None
) -> str | None:
    """Why a document of ``kind_name`` for ``record_id`` cannot be issued dated ``on`` (today),
    in the words the issue itself refuses with; None when these rules let it."""
    kind = get_kind(kind_name)
    on = on or date.today()
    if kind.record_type == "meeting" and kind.name in _RECORDING_KINDS and record_id is not None:
        with db.session() as s:
            row = s.execute(
                select(Meeting.status, Meeting.starts_at).where(Meeting.id == record_id)
            ).first()
        if row is not None and not_held_yet(row.status, row.starts_at):
            return tr("Cuộc họp chưa diễn ra (bắt đầu {at}): chưa ban hành {kind} được.").format(
                at=f"{row.starts_at:%H:%M %d/%m/%Y}", kind=kind.label.lower()
            )
    if kind.check_date is None:
        return None
    try:
        kind.check_date(db, record_id, on, kind.label)
    except BcdError as exc:
        return exc.message
    return None
