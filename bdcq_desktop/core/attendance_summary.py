"""The counts of an attendance sheet (:func:`.attendance.attendance_rows`): members present out
of members invited, how many of them online, by a substitute, late, absent or not yet marked,
and the guests; those who attended without being invited (walk-ins) apart, never among the
invited; with the line the pane and the live window show
(:attr:`AttendanceSummary.text`), made of the minutes' own counts by group
(:mod:`.attendance_groups`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .attendance import AttendanceRow
from .attendance_groups import SHORT_TITLES, GroupCount, group_counts
from .attendance_marks import ATTENDING
from .i18n import tr
from .models import InviteeCategory
from .text import count_text


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
    # Attending without an invitation (:mod:`.walk_in`), in no count above.
    walk_ins: int = 0

    # The same counts per group, as the minutes write them (:mod:`.attendance_groups`).
    groups: tuple[GroupCount, ...] = ()

    @property
    def text(self) -> str:
        """``Thành viên Ban Chỉ đạo dự họp 12/15 (2 người dự trực tuyến, 1 người dự thay),
        vắng 3; Tổ công tác 3/4, vắng 1; khách mời 4/5 (1 người dự trực tuyến), chưa điểm
        danh 1; ngoài ra 1 người dự không theo giấy mời.``

        Built from :attr:`groups`, the minutes' own counts and group names, so the counter on
        screen cannot say other than the minutes; the first group by its full name, the others
        by their short names to keep the line short (one or two lines at 1366x768); every group
        with its absent and not yet marked.
        """
        parts = []
        # A group of walk-ins only has nobody invited: no "0/0", they are in the last part.
        called = [g for g in self.groups if g.invited]
        for n, g in enumerate(called):
            if n == 0:
                part = tr("{group} dự họp {p}/{n}").format(
                    group=g.title, p=count_text(g.present), n=count_text(g.invited)
                )
            else:
                part = tr("{group} {p}/{n}").format(
                    group=tr(SHORT_TITLES[g.category]),
                    p=count_text(g.present),
                    n=count_text(g.invited),
                )
            if g.among:
                part += f" ({', '.join(g.among)})"
            # Every group's absent and unmarked alike: "Tổ công tác 0/4" alone left the four
            # unaccounted for (absent? not yet marked?) where the members' were said.
            if g.absent:
                part += tr(", vắng {n}").format(n=count_text(g.absent))
            if g.unmarked:
                part += tr(", chưa điểm danh {n}").format(n=count_text(g.unmarked))
            parts.append(part)
        if self.walk_ins:
            parts.append(
                tr("ngoài ra {n} người dự không theo giấy mời").format(n=count_text(self.walk_ins))
            )
        return "; ".join(parts) + "." if parts else ""


def summarise(rows: Sequence[AttendanceRow]) -> AttendanceSummary:
    """The counts of the sheet, as the minutes give them: the secretary serving the meeting is
    neither a member nor a guest."""
    everyone = [r for r in rows if not r.takes_the_minutes]
    # The invited: a walk-in was not called, so is neither "được mời" nor among those present
    # of them (9/10 stays 9/10); counted apart.
    counted = [r for r in everyone if not r.walk_in]
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
        walk_ins=sum(r.walk_in and r.status in ATTENDING for r in everyone),
        groups=tuple(group_counts((r.category, r.status, r.walk_in) for r in everyone)),
    )
