"""Whether a database holds the demo data (:mod:`.demo`). Every start of the application asks
it, so it lives apart from the demo's builder and data lists: the answer costs one query and
imports nothing more."""

from __future__ import annotations

from sqlalchemy import select

from .db import Database
from .models import ChangeLog

# The change-log entry a demo load leaves: how a half-finished demo is recognised.
DEMO_MARK = "demo"


def has_demo(db: Database) -> bool:
    """True when the demo data was loaded into this database."""
    log = ChangeLog.__table__.c  # the table's columns: a start reads it before the ORM is set up
    with db.session() as s:
        return s.scalar(select(log.id).where(log.table_name == DEMO_MARK).limit(1)) is not None
