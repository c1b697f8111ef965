"""Which documents of a record can be made now, and which one the user most likely wants.

The document dialog shows a kind that cannot be made yet (the minutes of a meeting not held,
an invitation with no guest) disabled, with the reason as its tooltip; Ctrl+P opens on the
kind that fits the record's stage (a planned meeting's convocation).

Deciding must be cheap (the dialog asks on every open): a meeting's kinds are judged from the
meeting read once, by the same tests and messages their builders start with (a test compares
the answers with full builds); the whole-database kinds (roster, tasks) have nothing to wait
for; any other kind is built (not rendered) exactly as a draft would be.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..core.db import Database
from ..core.errors import BcdError, NotReadyError
from ..core.i18n import tr
from ..core.models import Meeting, MeetingStatus
from . import fonts
from .kind_index import kinds_for
from .kinds import BuildContext, DocumentKind
from .meeting_data import MeetingData, load_meeting
from .meeting_docs import refuse_cancelled
from .service import find_issued
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


def _convocation(db: Database, m: MeetingData) -> None:
    refuse_cancelled(m, "giấy triệu tập")
    if not [p for p in m.members(db) if not m.chairs(p)]:
        raise NotReadyError(tr("Cuộc họp chưa có thành viên Ban Chỉ đạo được triệu tập."))


def _invitation(_db: Database, m: MeetingData) -> None:
    refuse_cancelled(m, "giấy mời")
    if not m.invited:
        raise NotReadyError(
            tr("Cuộc họp chưa có đại biểu mời (lãnh đạo cơ quan, chuyên gia, khách mời).")
        )


def _agenda(_db: Database, m: MeetingData) -> None:
    refuse_cancelled(m, "chương trình")
    if not m.agenda:
        raise NotReadyError(tr("Cuộc họp chưa có chương trình (nội dung)."))


def _attendance(db: Database, m: MeetingData) -> None:
    refuse_cancelled(m, "danh sách đại biểu")
    if not (m.delegates or m.members(db)):
        raise NotReadyError(tr("Cuộc họp chưa có danh sách đại biểu."))


def _minutes(_db: Database, m: MeetingData) -> None:
    if not m.held:
        raise NotReadyError(tr("Chưa thể lập biên bản: cuộc họp chưa diễn ra."))


def _conclusions(_db: Database, m: MeetingData) -> None:
    if not m.held:
        raise NotReadyError(tr("Chưa thể thông báo kết luận: cuộc họp chưa diễn ra."))
    if not m.conclusions:
        raise NotReadyError(tr("Cuộc họp chưa có kết luận."))


# The checks each meeting builder makes before it lays anything out (keep them in step).
_MEETING_CHECKS = {
    "convocation": _convocation,
    "invitation": _invitation,
    "agenda": _agenda,
    "attendance": _attendance,
    "minutes": _minutes,
    "conclusions": _conclusions,
}


def unavailable_kinds(
    db: Database, record_type: str | None, record_id: int | None, *, today: date | None = None
) -> dict[str, str]:
    """Kind name → why it cannot be made now, for the record's kinds and the database's.

    An issued document is always available (its stored copy is shown), whatever its record
    has become since.
    """
    reasons: dict[str, str] = {}
    meeting: list[MeetingData] = []  # read once, for all the meeting's kinds
    for kind in kinds_for(record_type) if record_type else []:
        if find_issued(db, kind.name, record_id, on=today) is not None:
            continue
        try:
            _check(db, kind, record_id, today, meeting)
        except BcdError as exc:
            reasons[kind.name] = exc.message
    # The whole-database kinds (roster, tasks) can always be made: no build needed to know.
    return reasons


def _check(
    db: Database,
    kind: DocumentKind,
    record_id: int | None,
    today: date | None,
    meeting: list[MeetingData],
) -> None:
    check = _MEETING_CHECKS.get(kind.name) if kind.record_type == "meeting" else None
    if check is not None:
        if not meeting:
            meeting.append(load_meeting(db, record_id))
        check(db, meeting[0])
        return
    fonts.ensure_fonts()  # builders measure text
    kind.build(db, record_id, BuildContext(load(db), kind.name, None, today))


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
