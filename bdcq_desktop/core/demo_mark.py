"""Whether a database is empty, and whether it holds the demo data (:mod:`.demo`). Every start
of the application asks both, so they live apart from the demo's builder and data lists: each
answer costs a query or a few and imports nothing more."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .engine import Database
from .models import ChangeLog, Meeting, Person, ReportingRegime, Unit, WorkingSession

# The change-log entry a demo load leaves: how a half-finished demo is recognised.
DEMO_MARK = "demo"

# What an officer enters first. A database with none of these holds nothing of theirs: the
# organisation's row and the settings are written by a first read, and every other record
# hangs off one of these (a task off a meeting, a round off a regime...).
_OWN_DATA = (Person, Unit, Meeting, WorkingSession, ReportingRegime)


def holds_data(s: Session) -> bool:
    """True when the database of ``s`` holds anything an officer entered (see :func:`is_empty`);
    in the caller's session, so a load can ask it in the transaction that fills the file."""
    # The tables' columns, not the mapped classes: a start asks this before the ORM is set up.
    return any(
        s.scalar(select(model.__table__.c.id).limit(1)) is not None for model in _OWN_DATA
    )


def is_empty(db: Database) -> bool:
    """True when nothing was entered in ``db`` yet: what the GUI's first start offers the demo
    on, and the one rule the demo load (:func:`.demo.load_demo`) refuses a database by."""
    with db.session() as s:
        return not holds_data(s)


def has_demo(db: Database) -> bool:
    """True when the demo data was loaded into this database."""
    log = ChangeLog.__table__.c  # the table's columns: a start reads it before the ORM is set up
    with db.session() as s:
        return s.scalar(select(log.id).where(log.table_name == DEMO_MARK).limit(1)) is not None


# Who the demo load's own entries are by: the change log's user and the register's "Người ban
# hành" of the papers it issues (:func:`..documents.demo.issue_due_documents`). Here, not in the
# register's modules, so that a start can ask :func:`demo_unfinished` importing nothing more.
DEMO_ISSUER = "Dữ liệu mẫu"


def demo_unfinished(db: Database) -> bool:
    """True when a demo load here stopped before its register was complete, so a start (or
    ``bdcq demo``) is to finish it: the demo's mark, then nothing in the change log but the
    load's own entries (by :data:`DEMO_ISSUER`). A database anyone has worked in since (a
    meeting planned or held, a record edited, minutes saved, a paper of the office's own) is
    never "finished" for the demo: the demo of a newer version issues more papers than an
    older one did, and issuing them would give numbers of the office's register to papers
    nobody sent, dated before the office's own (and convene the office's meetings). What was
    done matters less than who did it: an officer's reminder is an ``issued_document`` insert
    too, their saved minutes a ``minutes`` update, like the load's own."""
    log = ChangeLog.__table__.c
    with db.session() as s:
        mark = s.scalar(select(log.id).where(log.table_name == DEMO_MARK).order_by(log.id).limit(1))
        if mark is None:
            return False
        # A user left empty (none in practice) is not the load: it always names itself.
        others = select(log.id).where(
            log.id > mark, or_(log.user.is_(None), log.user != DEMO_ISSUER)
        ).limit(1)
        return s.scalar(others) is None
