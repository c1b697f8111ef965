"""Removing a member entered by mistake (xóa người nhập nhầm), memberships and all.

A real departure is :func:`~.memberships.end_membership`: the record keeps who was a member.
But a person typed in by mistake has a membership nobody has relied on yet, and keeping it
would only keep the mistake. So a person can be deleted together with their memberships as
long as nothing refers to them: no meeting (invited, chairing, presenting...), no task, no
working-group session, no issued document that may list them (one issued on or after a
membership's start, after the membership was entered), and no later decision (a membership
already ended by a decision is history). The change log records every deleted row.

:func:`referenced` is one SQL expression, so a list query can carry the flag for every row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, literal, not_, or_, select, union_all
from sqlalchemy.sql.elements import ColumnElement

from .db import Database
from .errors import BcdError, NotFoundError
from .i18n import tr
from .locking import check_version, flush, serialize
from .memberships import membership_model
from .models import (
    AgendaItem,
    CommitteeMembership,
    GroupMembership,
    Invitee,
    IssuedDocument,
    Meeting,
    Organisation,
    Person,
    SessionParticipant,
    Task,
    Unit,
    WorkingSession,
)


def _among(pid: Any, *columns: Any, where: Any = None) -> ColumnElement[bool]:
    """SQL: ``pid`` is one of the (non-null) values of ``columns``. A subquery that does not
    depend on the row: SQLite reads it once per query into a temporary index, where a
    correlated EXISTS would scan the table again for every row of a list (no index on these
    columns, and thousands of invitees and tasks after ten years)."""
    queries = [
        select(c).where(c.is_not(None), *(() if where is None else (where,))) for c in columns
    ]
    return pid.in_(union_all(*queries) if len(queries) > 1 else queries[0])


def _checks(pid: Any) -> list[tuple[ColumnElement[bool], str]]:
    """(SQL condition, Vietnamese reason) for each thing that ties person ``pid`` to the
    record; ``pid`` is a column (for a list query) or a value. Built on the tables' columns,
    not the mapped classes: the list that carries it is read at start-up, before the ORM is
    set up (the SQL is the same)."""
    pid = literal(pid) if isinstance(pid, int) else pid  # a value: bound, so it has .in_()
    meeting, task, doc = Meeting.__table__.c, Task.__table__.c, IssuedDocument.__table__.c
    org = Organisation.__table__.c
    out: list[tuple[ColumnElement[bool], str]] = [
        (_among(pid, Invitee.__table__.c.person_id), "được mời họp"),
        (
            _among(pid, meeting.called_by_id, meeting.proposed_by_id, meeting.chair_id,
                   meeting.secretary_id),
            "triệu tập, đề nghị, chủ trì hoặc làm thư ký cuộc họp",
        ),
        (_among(pid, AgendaItem.__table__.c.presenter_person_id), "trình bày tại cuộc họp"),
        (_among(pid, task.assignee_person_id, task.assigned_by_id), "nhiệm vụ được giao"),
        (
            _among(pid, SessionParticipant.__table__.c.person_id),
            "tham gia phiên làm việc Tổ công tác",
        ),
        (
            _among(pid, WorkingSession.__table__.c.convened_by_id),
            "triệu tập phiên làm việc Tổ công tác",
        ),
        (_among(pid, Unit.__table__.c.head_id), "là thủ trưởng cơ quan, đơn vị"),
        (
            _among(pid, org.default_signer_id, org.default_deputy_signer_id),
            "là người ký mặc định",
        ),
    ]  # fmt: skip
    for cls, body in ((CommitteeMembership, "Ban Chỉ đạo"), (GroupMembership, "Tổ công tác")):
        # An alias, so a list query over the same table does not correlate it with its row.
        model = cls.__table__.alias()
        out.append(
            (
                _among(pid, model.c.person_id, where=model.c.end_date.is_not(None)),
                f"nhiệm kỳ {body} đã kết thúc theo quyết định",
            )
        )
        # Per membership, whether any document came after it: one probe of the register's
        # (issued_on, created_at) index each. Joined instead, every membership met every
        # document, each read from the table: with 1,500 issued PDFs (a decade's register)
        # the roster took 4.7 s instead of 10 ms.
        issued_since = exists().where(
            doc.issued_on >= model.c.start_date, doc.created_at >= model.c.created_at
        )
        out.append(
            (
                pid.in_(select(model.c.person_id).where(issued_since)),
                f"văn bản đã ban hành trong nhiệm kỳ {body}",
            )
        )
    return out


def referenced(person_id: Any) -> ColumnElement[bool]:
    """SQL: something refers to the person, so they cannot be removed (see the module)."""
    return or_(*(cond for cond, _reason in _checks(person_id)))


def deletable(person_id: Any) -> ColumnElement[bool]:
    """SQL: the person and their memberships may be removed as a mistake."""
    return not_(referenced(person_id))


def removal_blockers(db: Database, person_id: int) -> list[str]:
    """Why the person cannot be removed (Vietnamese phrases); empty if they can."""
    with db.session() as s:
        if s.get(Person, person_id) is None:
            raise NotFoundError(tr("Không tìm thấy ID người {id}.").format(id=person_id))
        return [tr(reason) for cond, reason in _checks(person_id) if s.scalar(select(cond))]


def delete_mistaken_member(
    db: Database,
    membership_id: int,
    *,
    body: str = "committee",
    expected_version: int | None = None,
    person_version: int | None = None,
) -> int:
    """Delete the person of membership ``membership_id`` with all their memberships, in one
    transaction; returns the person's id. ``expected_version`` is the membership's version and
    ``person_version`` the person's, as the caller read them (a roster row carries both): a
    correction of either made meanwhile (a decision number, a phone) refuses the delete, so
    nobody's edit is thrown away unseen. Refused (nothing written) if anything refers to the
    person."""
    model = membership_model(body)
    with db.session() as s:
        m = s.get(model, membership_id)
        if m is None:
            raise NotFoundError(tr("Không tìm thấy nhiệm kỳ có mã {id}.").format(id=membership_id))
        check_version(m, expected_version, tr("Nhiệm kỳ"))
        person = m.person
        check_version(person, person_version, tr("Hồ sơ người này"))
        # Nothing may come to refer to the person between these checks and the delete: an
        # officer assigning them a task meanwhile had it blanked by the database (its
        # foreign keys set NULL), silently. PostgreSQL: the row locked, which a new reference
        # waits for; SQLite: its one write lock.
        if s.get_bind().dialect.name == "postgresql":
            s.execute(select(Person.id).where(Person.id == person.id).with_for_update())
        else:
            serialize(s, "rule:person-delete")
        reasons = [tr(r) for cond, r in _checks(person.id) if s.scalar(select(cond))]
        if reasons:
            raise BcdError(
                tr(
                    'Không thể xóa "{name}": đã có lịch sử ({reasons}). Người đã thôi làm '
                    "thành viên thì dùng chức năng thôi làm thành viên."
                ).format(name=person.full_name, reasons=", ".join(reasons))
            )
        # ORM deletes (not bulk ones), so the change log sees every row.
        for other in (CommitteeMembership, GroupMembership):
            for row in s.scalars(select(other).where(other.person_id == person.id)):
                s.delete(row)
        flush(s, tr("Nhiệm kỳ"))
        s.delete(person)
        # Saved by another session between the checks and here: refused the same way.
        flush(s, tr("Hồ sơ người này"))
        return person.id


__all__ = ["deletable", "delete_mistaken_member", "referenced", "removal_blockers"]
