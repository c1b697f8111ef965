"""The line under a check-in box: who Enter will check in, or that nobody on the list has the
name typed. Shared by the live window's box (:mod:`.live_panels`) and the Điểm danh page's
"Điểm danh nhanh" (:mod:`.tabs.meeting_attendance`), so both take the same invitee on Enter
(:func:`..core.check_in_search.name_matches`: the name, never the post or unit alone) and say it
in the same words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from ..core.attendance import AttendanceRow, arrives_late
from ..core.check_in_search import name_matches, rank_matches
from ..core.db import Database


def _tr(text: str) -> str:
    return QCoreApplication.translate("check_in", text)


def check_in_line(
    sheet: Sequence[AttendanceRow],
    typed: str,
    *,
    walk_in_key: str,
    at: int = 0,
    choose: bool = False,
    late_at: datetime | None = None,
) -> tuple[list[AttendanceRow], str]:
    """The invitees Enter may check in for ``typed`` (best first) and the line to show: the
    one at ``at`` with what Enter records, "có mặt", or "đến muộn hh:mm" when ``late_at`` (the
    meeting began a while ago: :func:`..core.attendance.arrives_late`); ``choose``: with ↑↓ to
    the others when there are several. Or nobody of that name, ``walk_in_key`` adding someone
    not invited, and the one matched by post or unit only named as a hint, never picked."""
    matches = name_matches(sheet, typed)
    if matches:
        row = matches[at % len(matches)]
        detail = ", ".join(x for x in (row.position, row.status_label) if x)
        if late_at is not None:
            text = _tr("→ {name} ({detail}) — Enter: đến muộn {at}").format(
                name=row.name, detail=detail, at=f"{late_at:%H:%M}"
            )
        else:
            text = _tr("→ {name} ({detail}) — Enter: có mặt").format(
                name=row.name, detail=detail
            )
        if choose and len(matches) > 1:
            text += _tr(" · {n}/{total}, ↑↓: chọn người khác").format(
                n=at % len(matches) + 1, total=len(matches)
            )
        return matches, text
    text = _tr("Không có ai tên “{typed}” trong danh sách mời; {key}: thêm người dự.").format(
        typed=typed, key=walk_in_key
    )
    near = rank_matches(sheet, typed, limit=1)
    if near:
        text += " " + _tr("({name}: chỉ khớp chức vụ, đơn vị.)").format(name=near[0].name)
    return [], text


def late_now(db: Database, meeting_id: int, *, live: bool) -> datetime | None:
    """Now, when a check-in now would record a late arrival (the core's rule); else None."""
    now = datetime.now().replace(second=0, microsecond=0)
    return now if arrives_late(db, meeting_id, now, live=live) else None
