"""The standing agency (cơ quan thường trực) on a date (headless).

The settings name one unit, today's. A document prints the agency of its own date, and in 2025
the agency itself was merged (Sở Thông tin và Truyền thông into Sở Khoa học và Công nghệ on
1/3/2025). Nothing new is stored for it; two records the application already keeps say it:

* the change log of the settings, which holds every unit the setting named before;
* the units' merge history (``merged_into_id``, ``retired_on``: the first day the unit no
  longer exists), which dates each handover.

An earlier value of the setting is the agency before the current one only when it was merged
(directly or through other units) into it: the handover is then on the merger's date, whatever
day the officer changed the setting. Any other earlier value is taken as a correction (a unit
picked by mistake, or typed in when the file was set up) and never printed. A setting never
changed is today's agency on every date; the earlier agency of a file set up after the merger
is recorded by changing the setting from it to its successor (what the demo does).

And the other way: a setting still naming a unit merged away by the date reads as the unit it
was merged into (the office may not have updated it yet).
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import Database
from .models import ChangeAction, ChangeLog, Organisation, Unit
from .settings_on import settings_on

_FIELD = "standing_agency_id"


def _earlier_values(s: Session) -> list[int]:
    """The units the setting named before, newest change first (each once)."""
    rows = s.scalars(
        select(ChangeLog.changes)
        .where(
            ChangeLog.table_name == Organisation.__tablename__,
            ChangeLog.record_id == 1,
            ChangeLog.action == ChangeAction.UPDATE,
            ChangeLog.changes.like(f"%{_FIELD}%"),
        )
        .order_by(ChangeLog.id.desc())
    )
    out: list[int] = []
    for text in rows:
        try:
            old = json.loads(text or "{}").get(_FIELD, [None])[0]
        except (ValueError, AttributeError, IndexError):
            continue  # a hand-edited row: not evidence of anything
        if isinstance(old, int) and old not in out:
            out.append(old)
    return out


def _handover(s: Session, earlier: Unit, later: Unit) -> date | None:
    """The day ``later`` took over from ``earlier`` by merger: the first day without the last
    unit of the chain ``earlier`` → … → ``later``. None: ``earlier`` was not merged into it."""
    unit, seen = earlier, set()
    while unit.merged_into_id is not None and unit.id not in seen:
        seen.add(unit.id)
        if unit.merged_into_id == later.id:
            return unit.retired_on
        nxt = s.get(Unit, unit.merged_into_id)
        if nxt is None:
            return None
        unit = nxt
    return None


def _successor_on(s: Session, unit: Unit, day: date) -> Unit:
    """``unit``, or the unit it had been merged into by ``day``."""
    seen = set()
    while (
        unit.merged_into_id is not None
        and unit.retired_on is not None
        and unit.retired_on <= day
        and unit.id not in seen
    ):
        seen.add(unit.id)
        nxt = s.get(Unit, unit.merged_into_id)
        if nxt is None:
            break
        unit = nxt
    return unit


def standing_agency_on(s: Session, day: date) -> Unit | None:
    """The standing agency on ``day`` (None: the settings name none); see the module doc."""
    org = s.get(Organisation, 1)
    if org is None or org.standing_agency_id is None:
        return None
    unit = s.get(Unit, org.standing_agency_id)
    if unit is None:
        return None
    for earlier_id in _earlier_values(s):
        earlier = s.get(Unit, earlier_id)
        if earlier is None or earlier.id == unit.id:
            continue
        handover = _handover(s, earlier, unit)
        if handover is None:
            continue  # a correction, not a predecessor
        if day >= handover:
            break
        unit = earlier
    return _successor_on(s, unit, day)


def agency_and_address(s: Session, day: date) -> tuple[str, str]:
    """The standing agency's name on ``day`` and its address: while it is today's agency, the
    settings' address as it stood on ``day`` (:func:`.settings_on.settings_on`: the office may
    have moved, or its ward been renamed, since); an earlier agency's own address (the
    settings' of the day when it has none)."""
    org = s.get(Organisation, 1)
    then = settings_on(s, day)
    unit = standing_agency_on(s, day)
    if org is None or unit is None:
        return "", then.address
    if unit.id == org.standing_agency_id:
        return unit.name, then.address or unit.address or ""
    return unit.name, unit.address or then.address


def standing_agency_of(db: Database, day: date) -> tuple[str, str]:
    """:func:`agency_and_address` in a session of its own (what the documents print)."""
    with db.session() as s:
        return agency_and_address(s, day)
