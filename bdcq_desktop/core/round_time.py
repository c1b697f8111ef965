"""Which units a round asks: those of the round's own time, not today's.

A round of 2024 asks the units of 2024, whenever it is entered: opened today for a past
period (an office catching up, a request recorded late) or corrected later (Sửa đợt). One rule
for both, :class:`RoundTime`, so opening never asks a unit that Sửa đợt would refuse, and Sửa
đợt offers every unit that opening would have asked (:mod:`.rounds`, :mod:`.round_edit`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from .errors import ValidationError
from .i18n import tr
from .models import ChangeLog, ReportingRound, Unit
from .models.reporting import round_opened
from .succession import Succession, read_succession
from .text import short_date


def round_day(rnd: ReportingRound, today: date | None = None) -> date:
    """The day whose units a round asks: its opening date (opening a round asks the units in
    office then); a round kept from before that date was recorded, its request's day or its
    period's first day (it opened no earlier), else today."""
    return (
        round_opened(rnd.opened_on, rnd.requested_on, rnd.period_start)
        or today
        or date.today()
    )


def round_end(rnd: ReportingRound) -> date:
    """The last day of a round's time: its period's end, an ad hoc request's deadline."""
    return rnd.period_end or rnd.due_date


def _inserted(s: Session, table: str, ids: Iterable[int]) -> dict[int, datetime]:
    """When each record of ``ids`` was entered, by the change log's insert row (none: entered
    before the log, or loaded with the demo)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = s.execute(
        select(ChangeLog.record_id, ChangeLog.at).where(
            ChangeLog.table_name == table,
            ChangeLog.action == "insert",
            ChangeLog.record_id.in_(wanted),
        )
    )
    return {rid: at for rid, at in rows if rid is not None}


def _rounds_kept_since(s: Session) -> datetime:
    """When the office began keeping its rounds here: the first round's insert row; a round
    with none (entered before the log, or by the demo) is older than any unit entered; no round
    yet, the office is still entering its directory (every unit counts as there all along)."""
    table = ReportingRound.__tablename__
    logged = select(ChangeLog.record_id).where(
        ChangeLog.table_name == table, ChangeLog.action == "insert"
    )
    if s.scalar(select(exists().where(ReportingRound.id.not_in(logged)))):
        return datetime.min
    first = s.scalar(
        select(func.min(ChangeLog.at)).where(
            ChangeLog.table_name == table, ChangeLog.action == "insert"
        )
    )
    return first or datetime.max


class RoundTime:
    """Which units were there in a round's time, read once for many units.

    A unit's end is recorded (its retirement or merger day, :class:`.succession.Succession`):
    it must still be in office on the round's opening day. Its start is not: only the day it
    was entered in the directory (the log's insert row), days or weeks after a reorganisation
    created it. So a unit is refused as too new only when it was entered after the office began
    keeping its rounds here and after the round's period ended (an ad hoc request's deadline
    passed): it cannot have been asked then. A unit entered earlier (an office starting with
    the app enters its units, then its past rounds) counts as there all along.

    Not the round's own insert row: a 2024 round opened (or corrected) in 2026 would then take
    the wards entered in 2025, which a 2024 round never asked."""

    def __init__(self, s: Session, day: date, ended: date, units: Iterable[int]) -> None:
        self.day = day
        self.ended = ended
        self.succession: Succession = read_succession(s)
        self.entered = _inserted(s, Unit.__tablename__, units)
        self.since = _rounds_kept_since(s)

    def not_yet(self, unit_id: int) -> date | None:
        """The day ``unit_id`` was entered, when that says it came after the round's time."""
        at = self.entered.get(unit_id)
        if at is None or at <= self.since or at.date() <= self.ended:
            return None
        return at.date()

    def there(self, unit_id: int) -> bool:
        """Asked without being chosen (a regime's units at opening): in office on the round's
        day and not entered after its time."""
        return self.may_ask(unit_id) and self.not_yet(unit_id) is None

    def may_ask(self, unit_id: int) -> bool:
        """May be chosen for the round (the units Sửa đợt offers, those ticked or given by
        hand): in office on its day. Not the "entered too late" rule: the directory does not
        record when a unit began, and a unit the office entered late (forgotten, then added)
        would have no way into an old round it did report in."""
        return self.succession.in_office(unit_id, self.day)

    def refuse(self, units: Sequence[Unit], field: str, label: str, cannot: str) -> None:
        """Refuse, naming them, the chosen ``units`` no longer in office on the round's day
        (nothing written yet); ``cannot`` opens the message (e.g. 'Không thêm được vào "Đơn vị
        báo cáo"'). See :meth:`may_ask`."""
        retired = [
            f"{u.name} ({short_date(u.retired_on)})" if u.retired_on else u.name
            for u in units
            if not self.succession.in_office(u.id, self.day)
        ]
        if retired:
            raise ValidationError(
                field,
                tr("{cannot}: {units} đã ngừng hoạt động khi mở đợt ({day}).").format(
                    cannot=cannot, units="; ".join(retired), day=short_date(self.day)
                ),
                label=label,
            )
