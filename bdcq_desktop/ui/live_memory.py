"""What the application remembers of an open live meeting window (:mod:`.live_meeting`): the
meeting is written to the settings when the window opens and cleared when it closes, so a start
after a crash reopens it (:func:`meeting_to_reopen`).

Kept apart from the live window's panels (:mod:`.live_panels`, which import the attendance,
conclusion and autosave parts of the core): every start asks :func:`meeting_to_reopen`, and
when nothing is remembered, the usual case, it answers from the settings alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import view_state

if TYPE_CHECKING:
    from ..core.db import Database

LIVE_KEY = "live/meeting"


def database_key(db: Database) -> str:
    """Which database a remembered meeting belongs to (the same PC may open several)."""
    if db.sqlite_path is not None:
        return str(db.sqlite_path.resolve())
    return db.engine.url.render_as_string(hide_password=True)


def remember_live(db: Database, meeting_id: int) -> None:
    s = view_state.settings()
    s.setValue(f"values/{LIVE_KEY}", f"{meeting_id}|{database_key(db)}")
    s.sync()  # on disk now: the process may be killed at any moment from here on


def forget_live() -> None:
    s = view_state.settings()
    s.remove(f"values/{LIVE_KEY}")
    s.sync()


def remembered_live(db: Database) -> int | None:
    """The meeting whose live window was open on this database when the application ended
    without closing it (killed, power cut), if any."""
    raw = str(view_state.value(LIVE_KEY, "") or "")
    meeting, _, key = raw.partition("|")
    if not meeting.isdigit() or key != database_key(db):
        return None
    return int(meeting)


def meeting_to_reopen(db: Database) -> int | None:
    """:func:`remembered_live`, if that meeting can still be held (not cancelled, minutes not
    issued, not deleted); otherwise the memory is cleared."""
    meeting_id = remembered_live(db)
    if meeting_id is None:
        return None
    from ..core.enums import MeetingStatus
    from ..core.errors import BcdError
    from ..core.meetings import get_meeting

    closed = (MeetingStatus.CANCELLED.value, MeetingStatus.MINUTES_FINAL.value)
    try:
        status = get_meeting(db, meeting_id).status
    except BcdError:
        status = None
    if status is None or status in closed:
        forget_live()
        return None
    return meeting_id
