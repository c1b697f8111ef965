"""What ties a person to the record, and deleting a person who has nothing (headless).

A person with a membership, an invitation, a task or a working session is part of the record:
old meetings must keep their people, so such a person is never deleted (leaving the committee
is :func:`.memberships.end_membership`). A member typed in by mistake, memberships and all, is
:mod:`.member_removal`, whose rule is narrower.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select, union
from sqlalchemy.orm import Session

from .db import Database
from .errors import BcdError
from .i18n import tr
from .locking import check_version, flush
from .models import (
    AgendaItem,
    CommitteeMembership,
    GroupMembership,
    Invitee,
    Meeting,
    SessionParticipant,
    Task,
    WorkingSession,
)
from .people import load_person

# What ties a person to the record: (table, its columns naming the person, the reason).
_LINKS: list[tuple[Any, tuple[Any, ...], str]] = [
    (CommitteeMembership, (CommitteeMembership.person_id,), "nhiệm kỳ Ban Chỉ đạo"),
    (GroupMembership, (GroupMembership.person_id,), "nhiệm kỳ Tổ công tác"),
    (Invitee, (Invitee.person_id,), "được mời họp"),
    (
        Meeting,
        (Meeting.called_by_id, Meeting.proposed_by_id, Meeting.chair_id, Meeting.secretary_id),
        "triệu tập, đề nghị, chủ trì hoặc làm thư ký cuộc họp",
    ),
    (AgendaItem, (AgendaItem.presenter_person_id,), "trình bày tại cuộc họp"),
    (Task, (Task.assignee_person_id, Task.assigned_by_id), "nhiệm vụ được giao"),
    (SessionParticipant, (SessionParticipant.person_id,), "tham gia phiên làm việc Tổ công tác"),
    (WorkingSession, (WorkingSession.convened_by_id,), "triệu tập phiên làm việc Tổ công tác"),
]


def history_reasons(s: Session, person_id: int) -> list[str]:
    """What ties a person to the record (each reason a Vietnamese phrase)."""
    return [
        tr(reason)
        for model, columns, reason in _LINKS
        if s.scalar(select(model.id).where(or_(*(c == person_id for c in columns))).limit(1))
        is not None
    ]


def people_with_history(s: Session) -> set[int]:
    """Everyone with any history, in one query (a list's rows carry the flag with them)."""
    parts = [
        select(c.label("person_id")).where(c.is_not(None)) for _m, cs, _r in _LINKS for c in cs
    ]
    return set(s.scalars(union(*parts)))


def has_history(db: Database, person_id: int) -> bool:
    """True if the person has memberships, invitations, tasks or session participation."""
    with db.session() as s:
        load_person(s, person_id)
        return bool(history_reasons(s, person_id))


def delete_person(db: Database, person_id: int, *, expected_version: int | None = None) -> None:
    """Delete a person entered by mistake. Refused once there is any history: leaving the
    committee is :func:`.memberships.end_membership`, and old meetings must keep their
    people. ``expected_version`` is the person's version as the caller read it: a person
    another officer corrected meanwhile (a name, a note saying to keep them) is not deleted
    from a stale list, as no other record is."""
    with db.session() as s:
        p = load_person(s, person_id)
        check_version(p, expected_version, tr("Hồ sơ người này"))
        reasons = history_reasons(s, person_id)
        if reasons:
            raise BcdError(
                tr("Không thể xóa: người này đã có lịch sử ({reasons}).").format(
                    reasons=", ".join(reasons)
                )
            )
        s.delete(p)
        # Saved by another session between the check and here: refused the same way.
        flush(s, tr("Hồ sơ người này"))
