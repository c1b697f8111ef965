"""Who a meeting counts: the committee's members proper, not the secretary serving it.

The regulation's committee (Ban Chỉ đạo) is its Head, Deputy Heads, Standing Member and
members (:data:`MEMBER_ROLES`). The secretary of a meeting (thư ký cuộc họp,
``Meeting.secretary_id``) is usually staff of the standing agency, on the roster as the
committee's Secretary (Thư ký) or not on it at all, who serves the meeting: the contact its
letters name, the THƯ KÝ who signs the attendance sheet and the minutes. Such a secretary is
neither convened, invited, signed in nor counted, as a member or as a guest, wherever a
meeting's people are listed or counted: its documents (``documents.meeting_data``), the
attendance sheet and its summary (:mod:`.attendance`), the invitees' counts
(:mod:`.meeting_detail`), the meetings list (:mod:`.meetings`). A member of the committee in
their own right who keeps the minutes stays a member.

"Invite the whole committee" therefore invites the members proper only
(:func:`.invitees.committee_invitations`). The rule decides how an invitee counts and changes
no row: a meeting whose list has its secretary on it (the committee invited whole before the
rule) keeps them as recorded, and reads the same in the application, the CLI and the minutes.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, exists, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from .membership_rules import current_on
from .models import CommitteeMembership, CommitteeRole, Invitee, Meeting

MEMBER_ROLES: frozenset[CommitteeRole] = frozenset(
    {
        CommitteeRole.HEAD,
        CommitteeRole.STANDING_DEPUTY_HEAD,
        CommitteeRole.DEPUTY_HEAD,
        CommitteeRole.STANDING_MEMBER,
        CommitteeRole.MEMBER,
    }
)
# The label the screens give an invitee who serves the meeting as its secretary.
SECRETARY_LABEL = "Thư ký cuộc họp"


def role_on(s: Session, person_id: int, day: date) -> CommitteeRole | None:
    """``person_id``'s committee role on ``day``: the highest, should there be two (the rule of
    :func:`.meeting_rules.roles_on`); None when not on the roster that day."""
    roles = s.scalars(
        select(CommitteeMembership.role).where(
            CommitteeMembership.person_id == person_id, current_on(CommitteeMembership, day)
        )
    ).all()
    rank = {role: i for i, role in enumerate(CommitteeRole)}
    return min(roles, key=rank.__getitem__, default=None)


def serving_id(secretary_id: int | None, role: CommitteeRole | str | None) -> int | None:
    """The meeting's secretary when they serve it, holding ``role`` (no member role) on its
    day; None when there is no secretary or the secretary is a member in their own right."""
    if secretary_id is None or role in MEMBER_ROLES:  # a StrEnum: its value matches too
        return None
    return secretary_id


def serving_secretary(s: Session, secretary_id: int | None, day: date) -> int | None:
    """:func:`serving_id` of a meeting on ``day`` whose secretary is ``secretary_id``."""
    if secretary_id is None:
        return None
    return serving_id(secretary_id, role_on(s, secretary_id, day))


def serving_secretary_of(s: Session, m: Meeting) -> int | None:
    return serving_secretary(s, m.secretary_id, m.starts_at.date())


def takes_the_minutes(person_id: int | None, serving: int | None) -> bool:
    """True for the invitee (``person_id``) who is the meeting's serving secretary
    (``serving``, from :func:`serving_secretary`): listed as recorded, counted nowhere."""
    return person_id is not None and person_id == serving


def counted_invitee() -> ColumnElement[bool]:
    """SQL twin of ``not takes_the_minutes(...)`` for a query joining :class:`Invitee` to its
    :class:`Meeting`: the invitee counts unless they are the meeting's secretary holding no
    member role on the meeting's day. Written so that a guest (no person) or a meeting without
    a secretary (NULL comparisons) counts."""
    day = func.date(Meeting.starts_at, type_=Date)
    member = exists().where(
        CommitteeMembership.person_id == Meeting.secretary_id,
        CommitteeMembership.role.in_(MEMBER_ROLES),
        current_on(CommitteeMembership, day),  # type: ignore[arg-type]
    )
    return or_(
        Invitee.person_id.is_(None),
        Meeting.secretary_id.is_(None),
        Invitee.person_id != Meeting.secretary_id,
        member,
    )
