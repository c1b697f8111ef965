"""What the application remembers of an open live meeting window (:mod:`.live_meeting`): the
meeting is written to the settings when the window opens and cleared when it closes, so a start
after a crash reopens it (:func:`meeting_to_reopen`). The time spent on each agenda item is
written there too (:func:`remember_timers`, when the item changes and every few seconds), since
the database keeps only the notes: a reopened window goes on counting from it.

Kept apart from the live window's panels (:mod:`.live_panels` and :mod:`.live_conclusions`,
which import the attendance, conclusion and autosave parts of the core): every start asks
:func:`meeting_to_reopen`, and when nothing is remembered, the usual case, it answers from the
settings alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from . import view_state

if TYPE_CHECKING:
    from ..core.db import Database
    from ..core.item_notes import ItemNotes

LIVE_KEY = "live/meeting"
TIMERS_KEY = "live/timers"


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
    s.remove(f"values/{TIMERS_KEY}")
    s.sync()


@dataclass(frozen=True)
class LiveTimers:
    """The time spent on each agenda item (seconds, by item id) as last written, and when
    (local time): about when the application stopped."""

    elapsed: dict[int, float]
    written_at: datetime


def remember_timers(db: Database, meeting_id: int, elapsed: dict[int, float]) -> None:
    raw = json.dumps(
        {
            "meeting": meeting_id,
            "db": database_key(db),
            "at": datetime.now().isoformat(timespec="seconds"),
            "elapsed": {str(k): round(v, 1) for k, v in elapsed.items()},
        }
    )
    s = view_state.settings()
    s.setValue(f"values/{TIMERS_KEY}", raw)
    s.sync()  # as the meeting itself: the process may be killed before a later write


def remembered_timers(db: Database, meeting_id: int) -> LiveTimers | None:
    """What :func:`remember_timers` last wrote for this meeting on this database, if any."""
    try:
        data = json.loads(str(view_state.value(TIMERS_KEY, "") or ""))
        if data["meeting"] != meeting_id or data["db"] != database_key(db):
            return None
        elapsed = {int(k): max(0.0, float(v)) for k, v in data["elapsed"].items()}
        return LiveTimers(elapsed, datetime.fromisoformat(data["at"]))
    except (ValueError, KeyError, TypeError):  # nothing written, or written by hand
        return None


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


def _tr(text: str) -> str:
    return QCoreApplication.translate("live_meeting", text)


def when(at: datetime) -> str:
    """``09:41:07``; with the date when it was not today (a meeting reopened the next day)."""
    return f"{at:%H:%M:%S}" if at.date() == datetime.now().date() else f"{at:%H:%M:%S %d/%m/%Y}"


def recovery_notice(last: ItemNotes | None, timers: LiveTimers | None) -> str:
    """What a live window reopened after a crash tells the officer: about when the application
    stopped, when the notes were saved last, and the item to check (``last``, the one typed in
    last: what was typed after its last save is lost, so its last sentence may be cut short)."""
    ended = max(
        (t for t in (timers and timers.written_at, last and last.saved_at) if t), default=None
    )
    text = _tr("Ứng dụng đã đóng bất thường")
    if ended is not None:
        text += _tr(" (khoảng {at})").format(at=f"{ended:%H:%M}")
    if last is None or last.saved_at is None:
        text += _tr(": chưa có ghi chép nào được lưu cho cuộc họp này.")
    else:
        body = last.text.rstrip()
        text += _tr(
            ". Đã khôi phục ghi chép lưu đến {at}. Hãy kiểm tra đoạn cuối mục {n} “{title}”: "
            "những chữ gõ sau lần lưu đó không còn (đoạn cuối hiện là «{tail}»)."
        ).format(
            at=when(last.saved_at),
            n=last.order,
            title=last.title,
            tail=("…" + body[-80:]) if len(body) > 80 else body,
        )
    if timers is not None:
        text += " " + _tr("Thời gian từng mục được tính tiếp từ lúc đóng.")
    else:
        text += " " + _tr("Không có bản ghi thời gian từng mục: tính lại từ 00:00.")
    return text
