"""The reports tab's lists: counts made by the database agree with the rule per submission."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bdcq_desktop.core import reports
from bdcq_desktop.core.models import ReportingRound, SubmissionStatus, submission_status


def _expected(db: Any, today: date) -> dict[int, Counter[SubmissionStatus]]:
    """Per round opened by ``today``, its statuses on that day by the rule per submission."""
    with db.session() as s:
        rounds = s.scalars(
            select(ReportingRound).options(selectinload(ReportingRound.submissions))
        ).all()
        return {
            r.id: Counter(
                submission_status(x.received_on, r.due_date, today, x.waived_on)
                for x in r.submissions
            )
            for r in rounds
            if (r.opened_on or r.requested_on or r.period_start or today) <= today
        }


# A day in the demo's past (reports received after it, rounds opened after it), today, and a
# day long after.
DAYS = (date(2025, 6, 30), None, date.today() + timedelta(days=4000))


@pytest.mark.parametrize("day", DAYS)
def test_round_counts_match_each_submission(demo_db: Any, day: date | None) -> None:
    _assert_round_counts(demo_db, day or date.today())


@pytest.mark.postgres
def test_round_counts_match_each_submission_on_postgres(pg_db: Any) -> None:
    from bdcq_desktop.core.demo import load_demo
    from tests.conftest import DEMO_TODAY

    load_demo(pg_db, today=DEMO_TODAY)
    for day in DAYS:
        _assert_round_counts(pg_db, day or date.today())


def _assert_round_counts(db: Any, today: date) -> None:
    expected = _expected(db, today)
    rows = reports.list_rounds(db, today=today)
    assert len(rows) == len(expected) > 0
    assert any(r.units for r in rows)
    for row in rows:
        counts = expected[row.id]
        assert row.units == sum(counts.values())
        assert (row.on_time, row.late, row.missing, row.not_due) == (
            counts[SubmissionStatus.ON_TIME],
            counts[SubmissionStatus.LATE],
            counts[SubmissionStatus.MISSING],
            counts[SubmissionStatus.NOT_DUE],
        )
    assert [r.due_date for r in rows] == sorted((r.due_date for r in rows), reverse=True)


def test_submission_rows_follow_the_rule(demo_db: Any) -> None:
    today = date.today()
    with demo_db.session() as s:
        rounds = s.scalars(
            select(ReportingRound).options(selectinload(ReportingRound.submissions))
        ).all()
        wanted = {
            x.id: (x.unit.name, x.status_on(today).value, x.days_late(today), x.version)
            for r in rounds
            for x in r.submissions
        }
        round_ids = [r.id for r in rounds]
    got = {}
    for rid in round_ids:
        for row in reports.list_submissions(demo_db, rid, today=today):
            got[row.id] = (row.unit, row.status, row.days_late, row.version)
            assert row.status_label
    assert got == wanted and got
