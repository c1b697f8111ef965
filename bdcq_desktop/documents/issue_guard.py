"""What a document prints is what its record holds when its number is taken.

Issuing builds the document from the record, then takes the next number in the register's
transaction. Another officer's save in between (a conclusion corrected while its notice was
being built, an agenda item added to a convocation's meeting) would otherwise be missing from
the issued PDF, with the register and the record disagreeing and nobody told (an audit on
PostgreSQL: notice 06/TB issued without the correction committed meanwhile). The minutes have
their own, finer check (:mod:`..core.minutes`); every other document of a versioned record
(a meeting, whose version its agenda, invitees and conclusions bump; a working-group session;
a reporting round) gets this one: the record's version read before the build, and found
unchanged, the row held, once the number is taken.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.db import Database
from ..core.errors import ConflictError
from ..core.i18n import tr
from ..core.models import IssuedDocument, Meeting, ReportingRound, WorkingSession
from .kinds import AfterIssue, DocumentKind

_RECORDS: dict[str, tuple[type[Meeting] | type[WorkingSession] | type[ReportingRound], str]] = {
    "meeting": (Meeting, "Cuộc họp"),
    "session": (WorkingSession, "Phiên làm việc"),
    "round": (ReportingRound, "Đợt báo cáo"),
}


def guarded(k: DocumentKind) -> bool:
    """Whether this check applies to ``k`` (a versioned record, no check of its own)."""
    return k.record_type in _RECORDS and k.before_issue is None


def version_before(db: Database, k: DocumentKind, record_id: int | None) -> int | None:
    """The record's version as the build is about to read it (None: no such record, which
    the build then says)."""
    model, _what = _RECORDS[k.record_type or ""]
    with db.session() as s:
        return s.scalar(select(model.version).where(model.id == record_id))


def unchanged_then(
    k: DocumentKind, record_id: int | None, read: int | None, then: AfterIssue | None
) -> Callable[[Session, IssuedDocument], None]:
    """In the register's transaction: refuse the number if the record changed since ``read``
    (PostgreSQL: its row held until the commit, so no save slips in after the check; SQLite's
    write lock is the register's already), then the kind's own hook."""
    model, what = _RECORDS[k.record_type or ""]

    def check(s: Session, row: IssuedDocument) -> None:
        now = s.scalar(select(model.version).where(model.id == record_id).with_for_update())
        if now != read:
            raise ConflictError(
                tr(
                    "{what} vừa được sửa trong lúc ban hành văn bản; chưa cấp số. Hãy xem lại "
                    "bản xem trước rồi ban hành lại."
                ).format(what=tr(what))
            )
        if then is not None:
            then(s, record_id, row, None)

    return check
