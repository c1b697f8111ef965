"""The organisation settings as they stood on a past day, read from the change log backwards
(headless, plain SQL).

A document prints the settings of its own date: a convocation of February 2025 the address
the office had then, not the one it moved to (or was renamed into) since. Every edit of the
settings goes through the core and is logged (``{field: [old, new]}``, stamped in local time):
today's row with every change logged after the day undone is the row of that day, as
:mod:`.records_on` reads people and units.

Two things are not undone:

* a value older than the log (typed before it existed, loaded by the demo) reads as today's:
  nothing better is known;
* an empty earlier value: filling in a field (a new file set up, a phone added) says what the
  office had, not that it had nothing before, and a document of an earlier day printed without
  its place name or its committee's name would be refused. A value cleared later still reads as
  it was before it was cleared.

The standing agency itself follows the units' mergers (:mod:`.standing_agency`); this reader
gives the settings' own fields only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from .records_on import when


@dataclass(frozen=True)
class SettingsOn:
    """The organisation row (id 1) as it stood on a day; texts "" when not set."""

    parent_body: str = ""
    committee_name: str = ""
    abbreviation: str = ""
    place_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    standing_agency_id: int | None = None
    default_signer_id: int | None = None
    default_deputy_signer_id: int | None = None


_FIELDS = tuple(f.name for f in fields(SettingsOn))
_IDS = frozenset({"standing_agency_id", "default_signer_id", "default_deputy_signer_id"})


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def settings_on(conn: sa.Connection | Session, day: date) -> SettingsOn:
    """The settings on ``day`` (at its end: an edit of that morning counts); see the module
    doc. No row yet: every field empty."""
    if isinstance(conn, Session):
        conn = conn.connection()
    row = (
        conn.execute(
            sa.text(f"SELECT {', '.join(_FIELDS)} FROM organisation WHERE id = 1")
        ).mappings().first()
    )  # fmt: skip
    if row is None:
        return SettingsOn()
    values: dict[str, Any] = dict(row)
    moment = datetime.combine(day, time.max)
    if moment < datetime.now():  # a day still to come: nothing logged after it yet
        _undo_after(conn, moment, values)
    return SettingsOn(
        **{k: values[k] if k in _IDS else (values[k] or "") for k in _FIELDS}
    )  # fmt: skip


def _undo_after(conn: sa.Connection, moment: datetime, values: dict[str, Any]) -> None:
    """Undo in ``values`` each logged change of the row made after ``moment``, newest first."""
    rows = conn.execute(
        sa.text(
            "SELECT at, changes FROM change_log WHERE table_name = 'organisation'"
            " AND record_id = 1 AND action = 'update' ORDER BY at DESC, id DESC"
        )
    ).all()
    for at, text in rows:
        # Stamped in the office's local time, as records_on reads it (see records_on._local).
        if when(at) <= moment:
            break
        try:
            changes = json.loads(text or "{}")
        except ValueError:
            continue  # a hand-edited row: not evidence of anything
        if not isinstance(changes, dict):
            continue
        for key, change in changes.items():
            if key not in values or not isinstance(change, list) or len(change) != 2:
                continue
            if not _empty(change[0]):
                values[key] = change[0]


# --- the key/value settings (documents' signing, recipients, page, typed issuing body) ------


@dataclass(frozen=True)
class StoredOn:
    """The ``setting`` rows as they stood on a day: ``values`` key → stored JSON text (a key
    absent: not set then, its default applied); ``changed`` the keys a change logged after
    that day touched (empty: the day's values are today's)."""

    values: dict[str, str]
    changed: frozenset[str]


def stored_on(conn: sa.Connection | Session, day: date, prefix: str = "") -> StoredOn:
    """The key/value settings whose key starts with ``prefix`` as they stood at the end of
    ``day``: today's rows with every logged change made after it undone, newest first (an
    update gives back its old value, an insert takes the key away, a delete puts it back).

    A key without logged history has always had its present value: nothing better is known
    (set before the log existed, or loaded by the demo). An update logged before the log
    named its setting (``{"value": [old, new]}`` only, see :func:`.audit._named_by_key`) is
    taken as the change of the one key whose value it left, its new value being that key's
    value at that point; none or several: it is passed over, as an unreadable row is."""
    if isinstance(conn, Session):
        conn = conn.connection()
    values: dict[str, str] = dict(conn.execute(sa.text("SELECT key, value FROM setting")).all())
    changed: set[str] = set()
    moment = datetime.combine(day, time.max)
    if moment < datetime.now():  # a day still to come: nothing logged after it yet
        rows = conn.execute(
            sa.text(
                "SELECT at, action, changes FROM change_log WHERE table_name = 'setting'"
                " ORDER BY at DESC, id DESC"
            )
        ).all()
        for at, action, text in rows:
            if when(at) <= moment:
                break
            key = _undo_setting(values, str(action).lower(), text)
            if key is not None:
                changed.add(key)
    return StoredOn(
        {k: v for k, v in values.items() if k.startswith(prefix)},
        frozenset(k for k in changed if k.startswith(prefix)),
    )


def _undo_setting(values: dict[str, str], action: str, text: str | None) -> str | None:
    """Undo one logged change of a setting in ``values``; the key undone (None: unreadable)."""
    try:
        changes = json.loads(text or "{}")
    except ValueError:
        return None  # a hand-edited row: not evidence of anything
    if not isinstance(changes, dict):
        return None
    value = changes.get("value")
    if not isinstance(value, list) or len(value) != 2:
        return None
    old, new = value
    named = changes.get("key")
    if isinstance(named, list) and len(named) == 2 and isinstance(named[0] or named[1], str):
        key = str(named[0] or named[1])
    else:
        left = [k for k, v in values.items() if v == new]  # logged before keys were named
        if action != "update" or len(left) != 1:
            return None
        key = left[0]
    if action == "insert" or old is None:
        values.pop(key, None)
    else:
        values[key] = str(old)
    return key
