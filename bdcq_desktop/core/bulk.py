"""Batched inserts for bulk writes (a roster import of thousands of rows).

SQLAlchemy's unit of work inserts one row per statement on SQLite when it must learn each new
key, and its per-object bookkeeping costs more than the rows themselves. A bulk write therefore
takes its keys beforehand, inserts plain rows in batches, and writes the change-log rows that
the session's flush hook (:mod:`.audit`) would have written.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import false, func, literal, null, select, text, update
from sqlalchemy.orm import Session

from .audit import current_user
from .models import Base, ChangeAction, ChangeLog
from .models.base import Versioned, utcnow


def new_ids(s: Session, model: type[Base], n: int) -> list[int]:
    """``n`` unused primary keys of ``model``'s table. Rows that arrive with their keys go in as
    one batched INSERT; without them SQLAlchemy inserts one row per statement on SQLite, to
    learn each new id in order."""
    if n == 0:
        return []
    table = model.__table__
    if s.get_bind().dialect.name == "postgresql":
        # Taken from the column's own sequence: safe with other officers inserting meanwhile.
        return list(
            s.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"
                ),
                {"t": table.name, "n": n},
            )
        )
    # SQLite: a write (even one that matches no row) takes the database's write lock until the
    # commit, so no other writer can insert between reading the largest id and using the next.
    s.execute(update(table).where(false()).values(id=table.c.id))
    top = s.scalar(select(func.max(table.c.id))) or 0
    return list(range(top + 1, top + n + 1))


def insert_rows(
    s: Session, model: type[Base], rows: list[dict[str, Any]], at: datetime | None = None
) -> None:
    """Insert ``rows`` (each with its ``id``, see :func:`new_ids`) into ``model``'s table as one
    batched statement, with their change-log rows. The table's own INSERT, not the ORM's: the
    ORM's bulk path still costs per row what the rows themselves cost. The rows share one
    timestamp, ``at`` (they are one action), which also spares a call per row and column."""
    if not rows:
        return
    if issubclass(model, Versioned):
        now = at or utcnow()
        stamps = {"version": 1, "created_at": now, "updated_at": now}
        rows = [{**stamps, **row} for row in rows]
    s.execute(model.__table__.insert(), rows)
    log_inserts(s, model.__tablename__, [row["id"] for row in rows])


def log_inserts(s: Session, table: str, ids: list[int]) -> None:
    """The change log rows the session's flush hook would have written for these rows: one
    INSERT … SELECT per run of consecutive ids (one run on SQLite, a few at most from a
    PostgreSQL sequence), so the database writes them without a parameter set per row."""
    user, now = current_user(), datetime.now()
    source = Base.metadata.tables[table]
    log = ChangeLog.__table__
    ordered = sorted(ids)
    runs: list[tuple[int, int]] = []
    for ident in ordered:
        if runs and ident == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], ident)
        else:
            runs.append((ident, ident))
    columns = ["table_name", "record_id", "action", "changes", "user", "at"]
    for first, last in runs:
        rows = select(
            literal(table, log.c.table_name.type),
            source.c.id,
            literal(ChangeAction.INSERT, log.c.action.type),
            null(),
            literal(user, log.c.user.type),
            literal(now, log.c.at.type),
        ).where(source.c.id.between(first, last))
        s.execute(log.insert().from_select(columns, rows.order_by(source.c.id)))
