"""The change log: who changed which record, when, and what.

A ``after_flush`` hook on every session writes one row per inserted, updated or deleted record,
through the same connection and transaction, so the log can never disagree with the data.
``changes`` is JSON ``{field: [old, new]}``: the changed fields of an update, for an insert
the fields it was created with (``[null, value]``), and for a delete every field the record
still had (``[value, null]``), so the log says what was removed (a person's name, a
membership's role and dates) after the row itself is gone. ``record_id`` is the row's primary
key in every case, so :mod:`.change_log` can list one record's whole history.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, object_session

from .models import Base, ChangeAction, ChangeLog, MinutesRevision

_current_user: str | None = None
_SKIP = {ChangeLog, MinutesRevision}
_IGNORED_FIELDS = {"version", "created_at", "updated_at"}


def set_current_user(name: str | None) -> None:
    global _current_user
    _current_user = name


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    """Everything logged and issued meanwhile is ``name``'s (the demo's documents are the demo
    load's, not the officer's), the previous user put back after."""
    global _current_user
    before = _current_user
    _current_user = name
    try:
        yield
    finally:
        _current_user = before


def current_user() -> str:
    if _current_user:
        return _current_user
    try:
        return getpass.getuser()
    except Exception:  # getuser raises on some locked-down Windows accounts
        return "?"


def log_also(session: Session, obj: Base, changes: dict[str, list[Any]]) -> None:
    """Record ``changes`` (``{field: [old, new]}``) in ``obj``'s next update row, beside its
    changed columns: what its columns do not hold (a round's units are rows of another table,
    named here by the units' names) still reads as a change of ``obj`` in its history. The
    caller marks ``obj`` changed (:func:`.locking.touch`) so that an update is written."""
    session.info.setdefault("audit_notes", []).append((obj, changes))


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _changes(obj: Base) -> dict[str, list[Any]]:
    state = inspect(obj)
    out: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _IGNORED_FIELDS:
            continue
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                out[attr.key] = [_plain(old), _plain(new)]
    return out


def _values(obj: Base, *, deleted: bool) -> dict[str, list[Any]]:
    """The filled-in fields of a record as ``[value, None]`` (deleted) or ``[None, value]``
    (inserted), from what the session holds: a deleted row is gone and an inserted one's
    server-side defaults are not loaded, so nothing may be read from the database here."""
    state = inspect(obj)
    loaded = state.dict
    out: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        value = loaded.get(attr.key)
        if attr.key in _IGNORED_FIELDS or value is None or (not deleted and attr.key == "id"):
            continue  # an insert's own key is the log row's record_id already
        if isinstance(value, bytes | bytearray | memoryview):  # a stored PDF: its size only
            value = f"<{len(value)} bytes>"
        out[attr.key] = [_plain(value), None] if deleted else [None, _plain(value)]
    return out


def _pk(obj: Base) -> int | None:
    # Not the identity key: during after_flush a just-inserted object has none yet (it is
    # assigned when the flush finishes), but its primary key attribute is already filled in.
    state = inspect(obj)
    ident = state.identity
    if ident is None:
        columns = state.mapper.primary_key
        if len(columns) != 1:
            return None
        ident = (state.dict.get(state.mapper.get_property_by_column(columns[0]).key),)
    if len(ident) == 1 and isinstance(ident[0], int):
        return ident[0]
    return None


def _named_by_key(obj: Base) -> dict[str, list[Any]]:
    """The key of a record whose key is not a number (a setting, keyed by its name), as
    ``{column: [key, key]}``: ``record_id`` holds numbers only, and an update logging only
    ``value`` would not say which record it changed, so the settings as they stood on a day
    (:func:`.settings_on.stored_on`) could not be read back. Inserts and deletes log every
    column, the key among them."""
    state = inspect(obj)
    out: dict[str, list[Any]] = {}
    for column in state.mapper.primary_key:
        key = state.mapper.get_property_by_column(column).key
        value = _plain(state.dict.get(key))
        out[key] = [value, value]
    return out


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _ctx: Any, _instances: Any) -> None:
    session.info["audit_deleted"] = []  # none left over from a flush that failed
    if session.info.get("audit_disabled"):
        return
    # Dirty values must be read before the flush clears their history.
    pending = session.info.setdefault("audit_updates", [])
    notes = session.info.get("audit_notes", [])
    for obj in session.dirty:
        if type(obj) in _SKIP or not isinstance(obj, Base):
            continue
        if session.is_modified(obj, include_collections=False):
            changes = _changes(obj)
            for note in [n for n in notes if n[0] is obj]:  # kept until obj is written
                notes.remove(note)
                changes.update(note[1])
            if changes:
                pending.append((obj, changes))


@event.listens_for(Base, "after_delete", propagate=True)
def _deleted(_mapper: Any, _conn: Any, obj: Base) -> None:
    # Not ``session.deleted``: a child taken off its parent's list (an invitee, an agenda item,
    # a participant: cascade delete-orphan) is deleted by the flush without ever being in it,
    # and its removal went unlogged. Every row the flush deletes passes here, orphan or not.
    session = object_session(obj)
    if session is not None and not session.info.get("audit_disabled"):
        session.info.setdefault("audit_deleted", []).append(obj)


@event.listens_for(Session, "after_flush")
def _write(session: Session, _ctx: Any) -> None:
    # Bulk loads (demo data) write one summary row of their own instead of one per record.
    if session.info.get("audit_disabled"):
        return
    rows: list[dict[str, Any]] = []
    # A call may name where its changes came from (a record brought back from the meeting
    # room: :mod:`.room_merge`), for this session only: other threads keep their user.
    user = session.info.get("audit_user") or current_user()
    now = datetime.now()
    for obj in session.new:
        if type(obj) in _SKIP or not isinstance(obj, Base):
            continue
        created = _values(obj, deleted=False)
        rows.append(
            {
                "table_name": obj.__tablename__,
                "record_id": _pk(obj),
                "action": ChangeAction.INSERT,
                "changes": json.dumps(created, ensure_ascii=False) if created else None,
            }
        )
    for obj, changes in session.info.pop("audit_updates", []):
        if _pk(obj) is None:
            changes = {**_named_by_key(obj), **changes}
        rows.append(
            {
                "table_name": obj.__tablename__,
                "record_id": _pk(obj),
                "action": ChangeAction.UPDATE,
                "changes": json.dumps(changes, ensure_ascii=False),
            }
        )
    for obj in session.info.pop("audit_deleted", []):
        if type(obj) in _SKIP:
            continue
        values = _values(obj, deleted=True)
        rows.append(
            {
                "table_name": obj.__tablename__,
                "record_id": _pk(obj),
                "action": ChangeAction.DELETE,
                "changes": json.dumps(values, ensure_ascii=False) if values else None,
            }
        )
    if rows:
        for r in rows:
            r["user"] = user
            r["at"] = now
        session.connection().execute(insert(ChangeLog), rows)
