"""The question asked before a meeting's minutes are issued while invitees are still "chưa
điểm danh" (:class:`~.errors.UnmarkedAttendanceWarning`): the documents ask it (see
:mod:`bdcq_desktop.documents.minutes_docs`), the window and ``bdcq export --allow-unmarked``
answer it. The same question before a working-group session's results report is issued while
participants are not marked (:func:`session_unmarked_warning`, asked by
:mod:`bdcq_desktop.documents.wg_docs`): both are the official record of who attended."""

from __future__ import annotations

from .attendance import load_sheet, rows_of
from .db import Database
from .errors import UnmarkedAttendanceWarning
from .i18n import tr
from .meeting_secretary import serving_secretary_of
from .models import AttendanceStatus, MeetingStatus
from .working_group import PARTICIPANT_ORDER, load_session

# How many names the question lists before "và N người khác" (it stays a readable box).
NAMES_LISTED = 8


def unmarked_warning(db: Database, meeting_id: int) -> UnmarkedAttendanceWarning | None:
    """The question to ask before an official record of the meeting (its minutes) is issued
    while invitees are still "chưa điểm danh"; None when everyone is marked, or when the
    meeting is not (or no longer: minutes issued) simply held."""
    with db.session() as s:
        m = load_sheet(s, meeting_id)
        # A meeting not held has no attendance yet: its minutes are refused for that.
        if m.status != MeetingStatus.HELD:
            return None
        rows = rows_of(m, serving_secretary_of(s, m))
        # The secretary serving the meeting is not on the minutes' list: nobody to mark.
        names = tuple(r.name for r in rows if r.status == "unknown" and not r.takes_the_minutes)
    if not names:
        return None
    return UnmarkedAttendanceWarning(
        tr(
            "Còn {n} người được mời chưa điểm danh: {names}. Biên bản ban hành lúc này ghi "
            "“chưa điểm danh” trong văn bản chính thức; hãy điểm danh trước (có mặt, vắng "
            "có lý do…), hoặc xác nhận vẫn ban hành."
        ).format(n=len(names), names=_listed(names)),
        names,
    )


def _listed(names: tuple[str, ...]) -> str:
    listed = ", ".join(names[:NAMES_LISTED])
    if len(names) > NAMES_LISTED:
        listed += tr(" và {n} người khác").format(n=len(names) - NAMES_LISTED)
    return listed


def is_unmarked(attendance: AttendanceStatus, days_present: int | None) -> bool:
    """A session's participant whose attendance is not recorded: neither a day present nor
    absent. The report counts them apart ("chưa điểm danh"), never among those present."""
    return attendance == AttendanceStatus.UNKNOWN and days_present is None


def session_unmarked_warning(
    db: Database, session_id: int
) -> UnmarkedAttendanceWarning | None:
    """The question to ask before a session's results report is issued while participants
    are still "chưa điểm danh" (the minutes' rule: an official record says who was present and
    who was absent); None when everyone is marked. Asked, not refused: a sheet may be lost and
    the report still due."""
    with db.session() as s:
        w = load_session(s, session_id)
        # In the report's order: by role in the session, then as added.
        people = sorted(w.participants, key=lambda p: PARTICIPANT_ORDER[p.role])
        names = tuple(
            p.name_snapshot or p.person.full_name
            for p in people
            if is_unmarked(p.attendance, p.days_present)
        )
    if not names:
        return None
    return UnmarkedAttendanceWarning(
        tr(
            "Còn {n} người tham gia chưa điểm danh: {names}. Báo cáo kết quả ban hành lúc "
            "này ghi “chưa điểm danh” trong văn bản chính thức; hãy điểm danh trước (Điểm danh "
            "theo ngày), hoặc xác nhận vẫn ban hành."
        ).format(n=len(names), names=_listed(names)),
        names,
    )
