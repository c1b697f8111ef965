"""A round to record reports in and to correct: the audit's office, a 6-monthly regime (due the
20th of the period's last month) whose round of the second half of 2026 was opened "today",
16/12/2026, with three units."""

from __future__ import annotations

from datetime import date
from typing import Any

from bdcq_desktop.core import regimes, reports, rounds, submissions, units

TODAY = date(2026, 12, 16)


def six_monthly(db: Any) -> dict[str, Any]:
    ids = [units.create_unit(db, name=n) for n in ("Sở Tài chính", "Sở Y tế", "Sở Nội vụ")]
    regime = regimes.create_regime(
        db, name="Báo cáo 6 tháng", frequency="six_monthly", due_day=20, unit_ids=ids
    )
    rid = rounds.open_round(db, regime_id=regime, year=2026, number=2, today=TODAY)
    return {"db": db, "units": ids, "round": rid}


def rows(db: Any, rid: int) -> dict[str, reports.SubmissionRow]:
    return {r.unit: r for r in reports.list_submissions(db, rid, today=TODAY)}


def record(db: Any, rid: int, unit: str, day: str) -> None:
    row = rows(db, rid)[unit]
    submissions.record_submission(
        db, row.id, expected_version=row.round_version, received_on=day, today=TODAY
    )
