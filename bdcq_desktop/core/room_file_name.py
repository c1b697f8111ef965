"""The name a meeting's room record (.bcdhop) is offered under, by the window's "Lưu thành…"
and by ``bdcq meetings room-export`` given a folder or no ``-o``: the meeting's day and the
time of the export, ``cuoc-hop-13-2026-12-01-0930.bcdhop``. A bare ``cuoc-hop-13.bcdhop``
said nothing of which meeting day it was, and the export after a break was offered the
morning's name, replacing on the USB stick the copy the office may not have imported yet."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from .db import Database
from .models import Meeting
from .room_record import SUFFIX


def room_file_name(db: Database, meeting_id: int, now: datetime | None = None) -> str:
    """``cuoc-hop-ID-YYYY-MM-DD-HHMM.bcdhop``: the meeting's day, the export's hour and
    minute (``now``, default the clock's); today's date for a meeting not found (its export
    is refused anyway, saying so)."""
    now = now or datetime.now()
    with db.session() as s:
        starts = s.scalar(select(Meeting.starts_at).where(Meeting.id == meeting_id))
    day = (starts or now).date()
    return f"cuoc-hop-{meeting_id}-{day.isoformat()}-{now:%H%M}{SUFFIX}"
