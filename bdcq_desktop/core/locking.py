"""Optimistic locking: the version a user read is the version their save must find.

Every record a user edits carries a ``version`` column (SQLAlchemy's ``version_id_col``). A
save passes the version it read as ``expected_version``: :func:`check_version` refuses a save
based on a stale copy before anything is written, and :func:`flush` turns the race that slips
past it (someone saved between our read and our write) into the same :class:`ConflictError`.

A parent's version guards its children: a service that saves a record's child rows (an agenda,
the invitees, the tasks of a meeting) checks the parent's version and bumps it with
:func:`touch`, so two officers editing the same meeting's agenda cannot both win.

A child with a version of its own (an invitee's attendance, a unit's report) may instead be
guarded by it: a save passing the child's version read accepts a stale parent version when
that child is unchanged (:func:`lock_row` first, so that the parent's bump cannot fail), and
the parent's current state is checked as for any save. Two officers checking in two people,
or recording two units' reports, then both win; the same person or unit still conflicts.

A rule checked by reading other records (one Head at a time, one round per period, nothing
refers to a person about to be deleted) has no version to guard it: :func:`serialize` makes
the saves under one rule take turns.
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from .errors import ConflictError
from .i18n import tr


def conflict(kind: str, current: int | None = None) -> ConflictError:
    """The error shown when ``kind`` (e.g. "Nhiệm kỳ") was saved by someone else first;
    ``current``: its version now, if known."""
    return ConflictError(
        tr("{kind} vừa được người khác sửa. Hãy tải lại rồi sửa lại.").format(kind=kind),
        current,
        happened=tr("{kind} vừa được người khác sửa.").format(kind=kind),
    )


def check_version(obj: Any, expected_version: int | None, kind: str) -> None:
    """Refuse a save based on a copy older than ``obj`` (``None``: the caller read nothing).

    Only the very number read matches: ``True`` equals 1 to Python, but it is no version."""
    if expected_version is None:
        return
    if isinstance(expected_version, bool) or obj.version != expected_version:
        raise conflict(kind, obj.version)


def touch(obj: Any) -> None:
    """Mark ``obj`` changed so its version is bumped on flush even if no column of its own
    changed (a parent whose children were saved)."""
    flag_modified(obj, "updated_at")  # any column marked dirty makes the UPDATE that bumps it


def flush(s: Session, kind: str) -> None:
    """Flush, turning a concurrent save (version changed under us) into a ConflictError."""
    try:
        s.flush()
    except StaleDataError as exc:
        raise conflict(kind) from exc


def serialize(s: Session, rule: str) -> None:
    """Hold, until this transaction ends, the lock of ``rule`` (a name: the register's series,
    the Head of a body…), before reading what the rule checks. Two officers saving at once
    otherwise each read nothing of the other's uncommitted save, and both pass: two Heads,
    one round opened twice (an audit on PostgreSQL: 15 of 20 and 10 of 10 tries). The second
    now reads once the first has committed, and is refused.

    PostgreSQL: an advisory lock of the transaction (names share a key only by a CRC clash,
    which makes two rules take turns, nothing worse). SQLite: its one write lock, taken now:
    its driver begins a transaction only at the first write, so the reads before it would see
    the file as it was, not as the writer before this one left it."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": zlib.crc32(rule.encode())})
    else:
        s.execute(text("UPDATE setting SET key = key WHERE 0"))


def lock_row(s: Session, model: Any, key: int) -> None:
    """Hold ``model``'s row ``key`` until this transaction ends, before it is read: its version
    read is then the one this transaction's bump finds. A save that accepts a stale parent
    version (its child's own version guards it) would otherwise still lose the race it means
    to allow: two officers saving two children at the same moment both read the parent at
    version n, and the second bump (``WHERE version = n``) finds n + 1 and fails. With the
    lock the second waits the few milliseconds of the first and reads n + 1.

    PostgreSQL: ``SELECT … FOR UPDATE`` of the row (read into the session, fresh). SQLite:
    its one write lock, taken now (as :func:`serialize`), so the reads after it see the last
    commit; the caller then reads the row as usual."""
    if s.get_bind().dialect.name == "postgresql":
        s.get(model, key, with_for_update=True, populate_existing=True)
    else:
        s.execute(text("UPDATE setting SET key = key WHERE 0"))
