"""Which documents of a record can be made now, and which one the user most likely wants.

The document dialog shows a kind that cannot be made yet (the minutes of a meeting not held,
an invitation with no guest) disabled, with the reason as its tooltip; Ctrl+P opens on the
kind that fits the record's stage (a planned meeting's convocation). The reason is the
builder's own message: each kind is built (not rendered) exactly as a draft would be, so the
answer cannot drift from what "Xem trước" would say.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..core.db import Database
from ..core.errors import BcdError
from ..core.models import Meeting, MeetingStatus
from . import fonts
from .kinds import BuildContext
from .service import find_issued, kinds_for
from .settings import load

# A meeting's documents in the order its stages need them.
_MEETING_STAGE_KINDS = {
    MeetingStatus.PLANNED: ("convocation", "invitation", "agenda"),
    MeetingStatus.CONVENED: ("agenda", "attendance", "convocation"),
    MeetingStatus.HELD: ("minutes", "conclusions"),
    MeetingStatus.MINUTES_FINAL: ("conclusions", "minutes"),
}
# With no record selected: the whole-database document people ask for most.
DEFAULT_DATABASE_KIND = "roster"


def unavailable_kinds(
    db: Database, record_type: str | None, record_id: int | None, *, today: date | None = None
) -> dict[str, str]:
    """Kind name → why it cannot be made now, for the record's kinds and the database's.

    An issued document is always available (its stored copy is shown), whatever its record
    has become since.
    """
    fonts.ensure_fonts()  # builders measure text
    settings = load(db)
    kinds = (kinds_for(record_type) if record_type else []) + kinds_for(None)
    reasons: dict[str, str] = {}
    for kind in kinds:
        rid = record_id if kind.record_type is not None else None
        if find_issued(db, kind.name, rid, on=today) is not None:
            continue
        try:
            kind.build(db, rid, BuildContext(settings, kind.name, None, today))
        except BcdError as exc:
            reasons[kind.name] = exc.message
    return reasons


def suggested_kind(
    db: Database,
    record_type: str | None,
    record_id: int | None,
    unavailable: dict[str, str] | None = None,
) -> str | None:
    """The kind to open on: the one the record's stage calls for, if it can be made."""
    blocked = unavailable or {}
    if record_type is None or record_id is None:
        return DEFAULT_DATABASE_KIND
    wanted: tuple[str, ...] = ()
    if record_type == "meeting":
        with db.session() as s:
            status = s.scalar(select(Meeting.status).where(Meeting.id == record_id))
        wanted = _MEETING_STAGE_KINDS.get(status, ()) if status is not None else ()
    names = [k.name for k in kinds_for(record_type)]
    for name in (*wanted, *names):
        if name in names and name not in blocked:
            return name
    return names[0] if names else None
