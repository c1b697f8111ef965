"""The attendance of a meeting as the minutes write it: one line of counts per group.

One function for the minutes on screen (:mod:`.minutes_text`) and the issued minutes
(:mod:`bdcq_desktop.documents.minutes_docs`), so the paper and the screen name the groups alike
and count alike: ``Thành viên Ban Chỉ đạo: dự họp 5/5 (trong đó 1 người dự thay, 1 người đến
muộn)``. Someone who attended without being invited (a walk-in, :mod:`.walk_in`) is counted
apart, after the invited of their group: ``…; ngoài ra có 1 người dự không theo giấy mời``, so
"dự họp 9/10" stays the invited who came out of those called. A late arrival is written as
Vietnamese minutes write it: ``đến muộn lúc 08 giờ 20 phút`` (the day too when it is not the
meeting's, for a sitting that ran past midnight).

Headless and free of the database: the documents give their own rows (category, mark).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .i18n import tr
from .models import InviteeCategory
from .text import count_text, short_date, time_text

# The order the groups are listed in, and their names: the minutes', the sheet's and the
# convocation's (the documents' tables use the same names).
CATEGORY_ORDER = (
    InviteeCategory.MEMBER,
    InviteeCategory.WORKING_GROUP,
    InviteeCategory.AGENCY_HEAD,
    InviteeCategory.EXPERT,
    InviteeCategory.GUEST,
)
GROUP_TITLES = {
    InviteeCategory.MEMBER: "Thành viên Ban Chỉ đạo",
    InviteeCategory.WORKING_GROUP: "Thành viên Tổ công tác",
    InviteeCategory.AGENCY_HEAD: "Lãnh đạo các cơ quan, đơn vị",
    InviteeCategory.EXPERT: "Chuyên gia, nhà khoa học",
    InviteeCategory.GUEST: "Khách mời",
}
# The same groups as a live counter names them after the first: short enough for the one or
# two lines the Điểm danh pane and the live window give it ("…; Tổ công tác 3/4; khách mời
# 0/1"), still recognisably the minutes' group.
SHORT_TITLES = {
    InviteeCategory.MEMBER: "Thành viên Ban Chỉ đạo",
    InviteeCategory.WORKING_GROUP: "Tổ công tác",
    InviteeCategory.AGENCY_HEAD: "lãnh đạo cơ quan, đơn vị",
    InviteeCategory.EXPERT: "chuyên gia, nhà khoa học",
    InviteeCategory.GUEST: "khách mời",
}


@dataclass(frozen=True)
class GroupCount:
    category: InviteeCategory
    invited: int
    present: int  # present, late, online or represented by a substitute
    online: int  # joined online (dự trực tuyến), among the present
    substitute: int
    late: int
    absent: int
    unmarked: int
    # Attending without an invitation: none of the counts above, which are the invited's.
    walk_ins: int = 0

    @property
    def title(self) -> str:
        return tr(GROUP_TITLES[self.category])

    @property
    def among(self) -> list[str]:
        """``1 người dự trực tuyến``, ``1 người dự thay``, ``1 người đến muộn``: who of the
        present came online, by a substitute or late."""
        out = []
        if self.online:
            out.append(tr("{n} người dự trực tuyến").format(n=count_text(self.online)))
        if self.substitute:
            out.append(tr("{n} người dự thay").format(n=count_text(self.substitute)))
        if self.late:
            out.append(tr("{n} người đến muộn").format(n=count_text(self.late)))
        return out

    @property
    def line(self) -> str:
        """``Thành viên Ban Chỉ đạo: dự họp 5/6 (trong đó 1 người dự trực tuyến, 1 người dự thay,
        1 người đến muộn); vắng 1; ngoài ra có 1 người dự không theo giấy mời`` (no final full
        stop: the minutes add theirs). A group of walk-ins only: ``Khách mời: 1 người dự không
        theo giấy mời``, not "dự họp 0/0"."""
        if not self.invited:
            return tr("{group}: {n} người dự không theo giấy mời").format(
                group=self.title, n=count_text(self.walk_ins)
            )
        text = tr("{group}: dự họp {came}/{called}").format(
            group=self.title, came=count_text(self.present), called=count_text(self.invited)
        )
        among = self.among
        if among:
            text += tr(" (trong đó {what})").format(what=", ".join(among))
        if self.absent:
            text += tr("; vắng {n}").format(n=count_text(self.absent))
        if self.unmarked:
            text += tr("; chưa điểm danh {n}").format(n=count_text(self.unmarked))
        if self.walk_ins:
            text += tr("; ngoài ra có {n} người dự không theo giấy mời").format(
                n=count_text(self.walk_ins)
            )
        return text


# The marks of someone attending: present, online, late, or by a substitute.
_CAME = ("present", "late", "online", "substitute")


def group_counts(
    marks: Iterable[tuple[InviteeCategory | str, str] | tuple[InviteeCategory | str, str, bool]],
) -> list[GroupCount]:
    """The counts per group, in :data:`CATEGORY_ORDER`, of ``(category, mark)`` pairs, or
    ``(category, mark, walk_in)``; a mark is one of :data:`.attendance_marks.MARKS` (``late`` is
    present with the time of arrival). A walk-in is counted in ``walk_ins`` only (when they
    attended), not among the invited. The serving secretary is left out by the caller (neither
    a member nor a guest)."""
    by: dict[InviteeCategory, list[str]] = {}
    walked: dict[InviteeCategory, int] = {}
    for category, mark, *walk_in in marks:
        key = InviteeCategory(category)
        if walk_in and walk_in[0]:
            walked[key] = walked.get(key, 0) + (mark in _CAME)
            by.setdefault(key, [])
        else:
            by.setdefault(key, []).append(mark)
    out = []
    for category in CATEGORY_ORDER:
        group = by.get(category)
        if group is None or not (group or walked.get(category)):
            continue
        out.append(
            GroupCount(
                category=category,
                invited=len(group),
                present=sum(m in _CAME for m in group),
                online=group.count("online"),
                substitute=group.count("substitute"),
                late=group.count("late"),
                absent=group.count("absent"),
                unmarked=group.count("unknown"),
                walk_ins=walked.get(category, 0),
            )
        )
    return out


def late_text(arrived_at: datetime, meeting_day: date) -> str:
    """``đến muộn lúc 08 giờ 20 phút``; ``…, ngày 08/12/2026`` after the meeting's day."""
    text = tr("đến muộn lúc {at}").format(at=time_text(arrived_at.time()))
    if arrived_at.date() != meeting_day:
        text += tr(", ngày {day}").format(day=short_date(arrived_at.date()))
    return text


# The minutes' line of those who attended without an invitation (:mod:`.walk_in`), after the
# group's counts: "Dự không theo giấy mời: Nguyễn Văn A, Phó Giám đốc Sở Y tế."
WALK_IN_LABEL = "Dự không theo giấy mời"


def walk_in_text(who: str, mark: str, arrived_at: datetime | None, meeting_day: date) -> str:
    """One walk-in as the minutes name them (``who``: the name, position and agency), with how
    they took part: ``…, Phó Giám đốc Sở Y tế (dự trực tuyến)``, ``… (đến muộn lúc 08 giờ 40
    phút)``; present needs no word."""
    if mark == "online":
        return who + tr(" (dự trực tuyến)")
    if arrived_at is not None:
        return f"{who} ({late_text(arrived_at, meeting_day)})"
    return who
