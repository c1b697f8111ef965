"""Opening a round (bdcq_desktop/core/rounds.py, next_unopened_period; the "Mở đợt theo chế
độ…" dialog): the period offered is the current one or, once that is open, the next one not yet
opened; the audit's Ctrl+N, Enter was refused "đã được mở" because the open period was offered."""

from __future__ import annotations

from datetime import date
from typing import Any

from bdcq_desktop.core import rounds
from bdcq_desktop.core.models import Frequency, ReportingRegime, Unit, UnitKind


def _regime(db: Any, frequency: Frequency) -> int:
    with db.session() as s:
        unit = Unit(name="Sở Thử nghiệm", kind=UnitKind.DEPARTMENT, sort_order=1)
        regime = ReportingRegime(name="Báo cáo thử", frequency=frequency, due_day=20)
        regime.units.append(unit)
        s.add_all([unit, regime])
        s.flush()
        return regime.id


def test_the_period_offered_is_the_next_one_not_yet_opened(db: Any) -> None:
    rid = _regime(db, Frequency.SIX_MONTHLY)
    day = date(2026, 11, 30)
    assert rounds.next_unopened_period(db, rid, day) == (Frequency.SIX_MONTHLY, 2026, 2)
    rounds.open_round(db, regime_id=rid, year=2026, number=2, today=day)
    # The second half of 2026 is open: the first half of 2027, across the year's end.
    assert rounds.next_unopened_period(db, rid, day) == (Frequency.SIX_MONTHLY, 2027, 1)
    rounds.open_round(db, regime_id=rid, year=2027, number=1, today=day)
    assert rounds.next_unopened_period(db, rid, day)[1:] == (2027, 2)
    # An earlier period left unopened is not what is offered: the current one is.
    assert rounds.next_unopened_period(db, rid, date(2027, 8, 1))[1:] == (2027, 2)
