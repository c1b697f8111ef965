"""The question asked before a meeting's minutes are issued while invitees are still "chưa
điểm danh" (:class:`~.errors.UnmarkedAttendanceWarning`): the documents ask it (see
:mod:`bdcq_desktop.documents.minutes_docs`), the window and ``bdcq export --allow-unmarked``
answer it."""

from __future__ import annotations

from .attendance import load_sheet, rows_of
from .db import Database
from .errors import UnmarkedAttendanceWarning
from .i18n import tr
from .meeting_secretary import serving_secretary_of
from .models import MeetingStatus

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
    listed = ", ".join(names[:NAMES_LISTED])
    if len(names) > NAMES_LISTED:
        listed += tr(" và {n} người khác").format(n=len(names) - NAMES_LISTED)
    return UnmarkedAttendanceWarning(
        tr(
            "Còn {n} người được mời chưa điểm danh: {names}. Biên bản ban hành lúc này ghi "
            "“chưa điểm danh” trong văn bản chính thức; hãy điểm danh trước (có mặt, vắng "
            "có lý do…), hoặc xác nhận vẫn ban hành."
        ).format(n=len(names), names=listed),
        names,
    )
