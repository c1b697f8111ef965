"""Which of two room records (:mod:`.room_record`) from one laptop is the later, told without
any clock.

Two files exported within the same minute (export, fix a mark, export again) carry the same
minute, and the laptop's clock may be anything: an older file imported after a newer one must
still be known as older, or it silently takes back what the newer one brought. So the laptop's
copy numbers its exports: the copy gets an identity of its own at its first export (a copy of
the office database is the office's until then, and two rooms may take copies of it at the same
moment) and a counter, one more at every export, both kept in its ``setting`` table; the file
carries both (format version 3), beside the database's identity and the digests of the copy's
change log (:func:`database_uid`, :func:`log_digest`). The office remembers, per copy and
meeting, the highest number it imported; a file numbered at or below it is one brought in
already, or older.

A file written before the numbering (version 1 or 2) carries none: it is judged, as before, by
the minute the laptop wrote it (:attr:`.room_fork.Fork.last_import`).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from .models import ChangeLog, Organisation, Setting

# The laptop copy's identity and its last export's number.
_COPY_KEY = "room_record.copy"
# The office's highest number imported, per copy and meeting.
_IMPORTED_KEY = "room_import.{copy}.{meeting}"


@dataclass(frozen=True)
class Imported:
    serial: int
    exported_at: datetime  # as the laptop wrote it: what the officer is told


def database_uid(s: Session) -> str:
    """This database's identity (0018 sets it; a database that lost its organisation row gets
    one now, in the caller's transaction)."""
    org = s.get(Organisation, 1)
    if org is None:
        org = Organisation(id=1)
        s.add(org)
    if not org.database_uid:
        org.database_uid = str(uuid.uuid4())
    s.flush()
    assert org.database_uid is not None
    return org.database_uid


def log_digest(row: ChangeLog | Any) -> str:
    """A change-log row's digest: equal on the office and on its copy for a row they share."""
    action = getattr(row.action, "value", row.action)
    at = row.at.isoformat() if row.at is not None else None
    body = json.dumps([at, row.user, row.table_name, row.record_id, action, row.changes])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]


def _read(s: Session, key: str) -> Any:
    row = s.get(Setting, key)
    try:
        return json.loads(row.value) if row is not None else None
    except ValueError:
        return None  # a damaged value: as if never written (the guard falls back to the minute)


def _write(s: Session, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=text))
    else:
        row.value = text


def next_export(s: Session) -> tuple[str, int]:
    """The laptop copy's identity and the number of the export being written (in the
    export's transaction: one number per file)."""
    held = _read(s, _COPY_KEY)
    if not (isinstance(held, dict) and isinstance(held.get("uid"), str)
            and isinstance(held.get("serial"), int)):  # fmt: skip
        held = {"uid": str(uuid.uuid4()), "serial": 0}
    held = {"uid": held["uid"], "serial": held["serial"] + 1}
    _write(s, _COPY_KEY, held)
    s.flush()
    return held["uid"], held["serial"]


def last_imported(s: Session, copy_uid: str, meeting_id: int) -> Imported | None:
    """The office's latest file imported from that copy for that meeting (None: none with a
    number)."""
    held = _read(s, _IMPORTED_KEY.format(copy=copy_uid, meeting=meeting_id))
    try:
        return Imported(int(held["serial"]), datetime.fromisoformat(held["exported_at"]))
    except (TypeError, KeyError, ValueError):
        return None


def remember_import(
    s: Session, copy_uid: str, meeting_id: int, serial: int, exported_at: datetime
) -> None:
    """Remember the file being applied as the latest from its copy (never going back)."""
    last = last_imported(s, copy_uid, meeting_id)
    if last is not None and last.serial >= serial:
        return
    _write(s, _IMPORTED_KEY.format(copy=copy_uid, meeting=meeting_id),
           {"serial": serial, "exported_at": exported_at.isoformat()})  # fmt: skip
