"""Meetings not yet held that invite, as a member of the committee or the working group,
someone who is no member on the meeting's day: their term was ended (thôi làm thành viên, a
kiện toàn) after they were invited.

An invitee's category is fixed when they are invited (:mod:`.invitees`): ending the term
changes neither the list nor the convocation already issued, which still calls them as
"Thành viên Ban Chỉ đạo". Nothing is taken off here: a substitute may come in their place, or
the officer may keep them as a guest, and an issued paper changes only when the officer
decides (:mod:`.invitee_papers`). So the end says which meetings still invite them and which
issued paper names them (:func:`still_invited`, returned by :func:`.memberships.end_membership`
and :func:`.memberships.reorganise`), and ``bdcq check`` lists the same for the meetings to
come (:func:`problems`), until the list is put right.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import Database
from .i18n import tr
from .invitee_papers import CONVENING_KINDS, naming
from .issued_changes import in_force, named
from .meeting_rules import OPEN_STATUSES
from .meeting_secretary import MEMBER_ROLES, serving_secretary_of
from .membership_rules import is_current
from .models import (
    CommitteeMembership,
    GroupMembership,
    Invitee,
    InviteeCategory,
    IssuedDocument,
    Meeting,
)

# The category a body's members are invited under (the committee's Secretary is staff serving
# it, no member: :mod:`.invitees`), and how a message names it.
CATEGORY = {"committee": InviteeCategory.MEMBER, "group": InviteeCategory.WORKING_GROUP}
_AS = {"committee": "Thành viên Ban Chỉ đạo", "group": "thành viên Tổ công tác"}


@dataclass(frozen=True)
class StillInvited:
    """One invitation of someone no member of ``body`` on the meeting's day."""

    meeting_id: int
    title: str
    starts_at: datetime
    person_id: int
    name: str
    body: str  # committee, group
    papers: str = ""  # the issued papers in force naming them ("Giấy triệu tập số …"), or ""

    def meeting_text(self) -> str:
        """``“Title”, 08:00 ngày 07/12/2026 (đã có Giấy triệu tập số 07/GTT-BCĐ ngày …)``."""
        text = tr("“{title}”, {time} ngày {day}").format(
            title=self.title, time=f"{self.starts_at:%H:%M}", day=f"{self.starts_at:%d/%m/%Y}"
        )
        return text + (tr(" (đã có {papers})").format(papers=self.papers) if self.papers else "")


def _serving(s: Session, body: str, people: set[int]) -> dict[int, list[tuple[date, date | None]]]:
    """Each person's terms that make them a member of ``body``."""
    model = CommitteeMembership if body == "committee" else GroupMembership
    stmt = select(model.person_id, model.start_date, model.end_date).where(
        model.person_id.in_(people)
    )
    if body == "committee":
        stmt = stmt.where(model.role.in_(MEMBER_ROLES))
    terms: dict[int, list[tuple[date, date | None]]] = {}
    for pid, start, end in s.execute(stmt):
        terms.setdefault(pid, []).append((start, end))
    return terms


def still_invited(
    s: Session, body: str, *, people: Collection[int] | None = None, since: date | None = None
) -> list[StillInvited]:
    """The invitations, in meetings not yet held (planned or convened), under ``body``'s
    category, of people who hold no term of ``body`` on the meeting's day; only of ``people``
    when given, only meetings from ``since`` on when given. By meeting, as the invitation lists
    order them. Read in the caller's session: an end just flushed counts."""
    stmt = (
        select(Invitee, Meeting)
        .join(Meeting, Meeting.id == Invitee.meeting_id)
        .where(
            Meeting.status.in_(OPEN_STATUSES),
            Invitee.category == CATEGORY[body],
            Invitee.person_id.is_not(None),
        )
        .order_by(Meeting.starts_at, Meeting.id, Invitee.position, Invitee.id)
    )
    if people is not None:
        if not people:
            return []
        stmt = stmt.where(Invitee.person_id.in_(people))
    if since is not None:
        stmt = stmt.where(Meeting.starts_at >= datetime.combine(since, time.min))
    rows = s.execute(stmt).all()
    terms = _serving(s, body, {inv.person_id for inv, _m in rows if inv.person_id is not None})
    out: list[StillInvited] = []
    # Each meeting's papers in force and serving secretary, read once for all its invitees.
    papers: dict[int, tuple[list[IssuedDocument], int | None]] = {}
    for inv, m in rows:
        assert inv.person_id is not None
        day = m.starts_at.date()
        if any(is_current(start, end, day) for start, end in terms.get(inv.person_id, [])):
            continue
        if m.id not in papers:
            issued = in_force(s, "meeting", m.id, CONVENING_KINDS)
            papers[m.id] = (issued, serving_secretary_of(s, m))
        issued, serving = papers[m.id]
        out.append(
            StillInvited(
                meeting_id=m.id,
                title=m.title,
                starts_at=m.starts_at,
                person_id=inv.person_id,
                name=inv.name_snapshot or "",
                body=body,
                papers=named(naming(issued, inv, m.chair_id, serving)),
            )
        )
    return out


def notice(items: Sequence[StillInvited]) -> str:
    """What saving an end says of ``items`` (empty: nothing): each person and the meetings that
    still invite them, and that the list was left as it is."""
    if not items:
        return ""
    category = tr(_AS[items[0].body])
    lines = [
        tr("Vẫn đang được mời họp với tư cách {category} sau ngày thôi làm thành viên:").format(
            category=category
        )
    ]
    lines += [f"• {i.name}: {i.meeting_text()}" for i in items]
    advice = tr(
        "Danh sách mời không tự thay đổi (có thể có người dự thay). Hãy xem lại danh sách "
        "mời của cuộc họp; giấy đã ban hành thì cần ban hành lại nếu sửa danh sách."
    )
    return "\n".join(lines) + "\n\n" + advice


def problems(db: Database, today: date) -> list[tuple[str, str]]:
    """``bdcq check``: each meeting from ``today`` on, not yet held, that invites as a member
    of the committee or the working group someone no member of it on its day (an end saved
    after they were invited): the meeting (``meeting#id``) and what is wrong, naming them and
    the issued paper that calls them. One problem per meeting."""
    by_meeting: dict[int, list[StillInvited]] = {}
    with db.session() as s:
        for body in CATEGORY:
            for item in still_invited(s, body, since=today):
                by_meeting.setdefault(item.meeting_id, []).append(item)
    out = []
    for mid, items in sorted(by_meeting.items(), key=lambda kv: (kv[1][0].starts_at, kv[0])):
        who = "; ".join(
            tr("{name} (mời với tư cách {category}{papers})").format(
                name=i.name,
                category=tr(_AS[i.body]),
                papers=tr(", có tên trong {papers}").format(papers=i.papers) if i.papers else "",
            )
            for i in items
        )
        text = tr("Cuộc họp “{title}” ({start}): ngày họp không còn là thành viên: {who}.")
        start = f"{items[0].starts_at:%H:%M %d/%m/%Y}"
        out.append((f"meeting#{mid}", text.format(title=items[0].title, start=start, who=who)))
    return out
