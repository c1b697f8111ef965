"""What the office changed since its copy was taken to the meeting room (:mod:`.room_merge`).

The room's file carries the tail of the copy's change log (:mod:`.room_record`); the rows the
office shares with it (same id, same digest) were written before the copy was taken, the last
of them is the fork. The office's own rows after it are what it changed meanwhile: the value a
field had at the fork is the old value of its first change after it, else the value now; a row
created after it did not exist on the copy; a row deleted after it did. A place the room
changed is a conflict when the office changed it too, differently.

The rows an earlier import of the room's record wrote (a first file from the laptop, then a
later one) are the room's own, not the office's: their change-log user says so
(:func:`import_user`, as the import signs them). They do not make a place the office changed
(the value a place had before the office's first change of its own is the room's as last
brought in), and a row such an import made (:attr:`Fork.imported`: a walk-in, a conclusion or
task the room added) is the room's, so one the room's later file no longer has was removed in
the room.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import BcdError
from .i18n import tr
from .models import ChangeAction, ChangeLog
from .room_record import LOG_TAIL, RoomRecord, log_digest

ROOM = "room"
OFFICE = "office"
# Someone the office took off the list, whom the room checked in: recorded as a walk-in.
WALK_IN = "walk-in"
SIDES = (ROOM, OFFICE)  # what a conflict offers, unless its row says otherwise
CHOICES = (ROOM, OFFICE, WALK_IN)


@dataclass(frozen=True)
class RoomChange:
    """One place the room's record changes. ``key`` names it for ``resolve``; ``conflict``:
    the office changed it too since the copy, differently (``before`` is the office's now),
    or its time is doubtful (``doubt``); ``skipped``: why it cannot be applied (said, not
    applied)."""

    key: str
    kind: str  # a key of room_record.CHANGE_KINDS
    what: str
    before: str
    after: str
    conflict: bool = False
    skipped: str = ""
    # Why a time the room recorded cannot be right (the laptop's clock, :mod:`.room_times`):
    # the row is then a conflict (``conflict`` True), applied only when the room's is chosen.
    doubt: str = ""
    # A conflict with a default needs no choice: the office deleted what the room still has,
    # and its deletion stands unless the officer chooses the room's (``options``: the sides
    # ``resolve`` may name for it).
    default: str = ""
    options: tuple[str, ...] = SIDES

    def side(self, resolve: Mapping[str, str]) -> str:
        """The side applied: the room's for a plain change, else as chosen, else the default
        ("" for a conflict still to choose)."""
        if not self.conflict:
            return ROOM
        return resolve.get(self.key) or self.default


def deleted_here() -> str:
    """What the office has of a row it deleted since the copy while the room still has it."""
    return tr("Đã xóa ở văn phòng (sau khi chép sang máy phòng họp)")


def plain(value: Any) -> Any:
    """A value as the change log holds it (dates in ISO, enums by their value)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return getattr(value, "value", value)


def shown(value: Any) -> str:
    return f"{value:%H:%M %d/%m/%Y}" if isinstance(value, datetime) else str(value or "")


# The change log's user of what an import writes: the officer, and the room's file by the time
# the laptop wrote it (what the history shows); :func:`by_import` reads it back.
_IMPORT_USER = "{user} (biên ghi phòng họp {at})"
_STAMP = r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"


def import_user(user: str, exported_at: datetime) -> str:
    return tr(_IMPORT_USER).format(user=user[:40], at=f"{exported_at:%d/%m/%Y %H:%M}")


@functools.cache
def _signed(template: str) -> re.Pattern[str]:
    head, _, tail = template.partition("{user}")
    stamp = f"(?P<at>{_STAMP})"
    pattern = re.escape(head) + ".*" + re.escape(tail).replace(re.escape("{at}"), stamp)
    return re.compile(pattern, re.DOTALL)


def imported_at(user: str | None) -> datetime | None:
    """When the laptop wrote the file whose import wrote a change-log row (None: a row the
    office wrote itself)."""
    for template in {_IMPORT_USER, tr(_IMPORT_USER)}:
        found = _signed(template).fullmatch(user or "")
        if found:
            return datetime.strptime(found["at"], "%d/%m/%Y %H:%M")
    return None


def by_import(user: str | None) -> bool:
    """Whether a change-log row was written by an import of a room's record."""
    return imported_at(user) is not None


# An update of these fields alone is no change of the row by the office: the list renumbered
# when another walk-in was removed moves everyone below.
_ORDER_ONLY = {"invitee": {"position"}}


@dataclass
class Fork:
    log_id: int
    at_utc: datetime | None  # the fork's time (UTC), None: nothing shared
    # The value of a field before the office's first change of it since the fork (the value at
    # the fork, or the room's as an earlier import brought it in).
    first_old: dict[tuple[str, int, str], Any]
    inserted: set[tuple[str, int]]  # rows created since (by the office or an import)
    by_office: set[tuple[str, int]]  # rows the office itself changed since (not an import)
    imported: set[tuple[str, int]] = field(default_factory=set)  # rows an import made since
    # The latest file (by the time the laptop wrote it) whose import changed the rows asked.
    last_import: datetime | None = None
    # The rows of the tables asked for (find_fork's ``deletes``) deleted since, any id: each
    # with the values it had (a conclusion the room made, imported, then deleted at the office
    # has an id the room's file does not know; its uid or its text says it is the room's).
    removed: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)

    def three_way(
        self, table: str, row_id: int | None, fields: Sequence[str], office: Sequence[Any]
    ) -> tuple[Any, ...]:
        """The values of ``fields`` at the fork (``office``: their plain values now)."""
        if row_id is None or (table, row_id) in self.inserted:
            return tuple(None for _ in fields)
        pairs = zip(fields, office, strict=True)
        return tuple(self.first_old.get((table, row_id, f), value) for f, value in pairs)

    def since_made(
        self, table: str, row_id: int, fields: Sequence[str], office: Sequence[Any]
    ) -> tuple[Any, ...]:
        """The values of ``fields`` before the office's first change of the row (as made, for
        one made since the fork: a record imported before); ``office``: their values now."""
        pairs = zip(fields, office, strict=True)
        return tuple(self.first_old.get((table, row_id, f), value) for f, value in pairs)

    def shared(self, table: str, row_id: int) -> bool:
        """Whether row ``row_id`` of the office is the copy's row of that id (it was there
        when the copy was taken)."""
        return (table, row_id) not in self.inserted


def find_fork(
    s: Session,
    record: RoomRecord,
    ids: Mapping[str, Sequence[int]],
    deletes: Sequence[str] = (),
) -> Fork:
    """The copy's fork in the office's change log, and what the office changed since of the
    rows ``ids`` (table → record ids) and of every row of the tables ``deletes`` deleted
    since (:attr:`Fork.removed`)."""
    tail = record.log_tail
    fork_id, fork_at = 0, None
    if tail:
        rows = s.scalars(
            select(ChangeLog).where(ChangeLog.id.between(tail[0][0], tail[-1][0]))
        ).all()
        office = {r.id: r for r in rows}
        for log_id, digest in tail:
            row = office.get(log_id)
            if row is None or log_digest(row) != digest:
                break
            fork_id, fork_at = log_id, row.at
        if fork_id == 0 and len(tail) >= LOG_TAIL:
            raise BcdError(
                tr(
                    "Không xác định được lúc lấy bản sao trên máy phòng họp (bản sao đã ghi quá "
                    "{n} thay đổi, hoặc văn phòng đã khôi phục một bản sao lưu cũ hơn): không "
                    "nhập được biên ghi này."
                ).format(n=LOG_TAIL)
            )
    at_utc = fork_at.astimezone(UTC).replace(tzinfo=None) if fork_at is not None else None
    fork = Fork(fork_id, at_utc, {}, set(), set())
    asked = {table: set(keys) for table, keys in ids.items()}
    wanted = {table: set(keys) for table, keys in asked.items()}
    for table in deletes:
        gone = s.execute(
            select(ChangeLog.record_id, ChangeLog.changes).where(
                ChangeLog.id > fork_id,
                ChangeLog.table_name == table,
                ChangeLog.action == ChangeAction.DELETE,
            )
        ).all()
        for record_id, changes in gone:
            values = json.loads(changes) if changes else {}
            fork.removed[(table, record_id)] = {k: pair[0] for k, pair in values.items()}
            wanted.setdefault(table, set()).add(record_id)  # made since the fork, or not
    for table, keys in wanted.items():
        if not keys:
            continue
        rows = s.execute(
            select(ChangeLog.record_id, ChangeLog.action, ChangeLog.changes, ChangeLog.user)
            .where(
                ChangeLog.id > fork_id,
                ChangeLog.table_name == table,
                ChangeLog.record_id.in_(keys),
            )
            .order_by(ChangeLog.id)
        ).all()
        for record_id, action, changes, user in rows:
            action = getattr(action, "value", action)
            stamp = imported_at(user)
            row, office = (table, record_id), stamp is None
            # Of the rows asked for only: a deleted row may be another meeting's.
            if stamp is not None and record_id in asked.get(table, ()):
                fork.last_import = max(stamp, fork.last_import or stamp)
            values = json.loads(changes) if changes else {}
            if office and (action != "update" or set(values) - _ORDER_ONLY.get(table, set())):
                fork.by_office.add(row)
            if action == "insert":
                fork.inserted.add(row)
                # The last insert says whose the row is (SQLite may give a deleted row's id
                # to the next one made).
                (fork.imported.discard if office else fork.imported.add)(row)
                for key in [k for k in fork.first_old if k[:2] == row]:
                    del fork.first_old[key]  # a deleted row's, whose id it took
                continue  # a row made since: its values at the fork are none (three_way)
            if office:  # an import's change is the room's own, brought in before
                for name, pair in values.items():
                    fork.first_old.setdefault((table, record_id, name), pair[0])
    return fork
