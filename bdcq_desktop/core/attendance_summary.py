"""The counts of an attendance sheet (:func:`.attendance.attendance_rows`): members present out
of members invited, how many of them online, by a substitute, late, absent or not yet marked,
and the guests; with the line the pane and the live window show
(:attr:`AttendanceSummary.text`). The minutes' own lines by group are
:mod:`.attendance_groups`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .attendance import ATTENDING, AttendanceRow
from .i18n import tr
from .models import InviteeCategory


@dataclass(frozen=True)
class AttendanceSummary:
    members_invited: int
    members_present: int  # present, online, late or represented by a substitute
    members_late: int
    members_substitute: int
    members_absent: int
    members_unmarked: int
    guests_invited: int  # every other category: working group, agency heads, experts, guests
    guests_present: int
    # Within the present above: who joined online.
    members_online: int = 0
    guests_online: int = 0

    @property
    def text(self) -> str:
        """``Thành viên dự họp 12/15 (2 người dự trực tuyến, 1 người dự thay, 2 người đến
        muộn), vắng 3; khách mời dự họp 4/5 (1 người dự trực tuyến)``."""
        out = tr("Thành viên Ban Chỉ đạo dự họp {p}/{n}").format(
            p=self.members_present, n=self.members_invited
        )
        extra = []
        if self.members_online:
            extra.append(tr("{n} người dự trực tuyến").format(n=self.members_online))
        if self.members_substitute:
            extra.append(tr("{n} người dự thay").format(n=self.members_substitute))
        if self.members_late:
            extra.append(tr("{n} người đến muộn").format(n=self.members_late))
        if extra:
            out += f" ({', '.join(extra)})"
        if self.members_absent:
            out += tr(", vắng {n}").format(n=self.members_absent)
        if self.members_unmarked:
            out += tr(", chưa điểm danh {n}").format(n=self.members_unmarked)
        if self.guests_invited:
            out += tr("; đại biểu, khách mời dự họp {p}/{n}").format(
                p=self.guests_present, n=self.guests_invited
            )
            if self.guests_online:
                out += tr(" ({n} người dự trực tuyến)").format(n=self.guests_online)
        return out + "."


def summarise(rows: Sequence[AttendanceRow]) -> AttendanceSummary:
    """The counts of the sheet, as the minutes give them: the secretary serving the meeting is
    neither a member nor a guest."""
    counted = [r for r in rows if not r.takes_the_minutes]
    members = [r for r in counted if r.category == InviteeCategory.MEMBER.value]
    guests = [r for r in counted if r.category != InviteeCategory.MEMBER.value]

    def count(group: list[AttendanceRow], *marks: str) -> int:
        return sum(r.status in marks for r in group)

    return AttendanceSummary(
        members_invited=len(members),
        members_present=count(members, *ATTENDING),
        members_late=count(members, "late"),
        members_substitute=count(members, "substitute"),
        members_absent=count(members, "absent"),
        members_unmarked=count(members, "unknown"),
        guests_invited=len(guests),
        guests_present=count(guests, *ATTENDING),
        members_online=count(members, "online"),
        guests_online=count(guests, "online"),
    )
