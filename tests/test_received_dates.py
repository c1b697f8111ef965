"""Which received dates a round accepts, through the core on a real SQLite file: the audit's
case (the 6-monthly round opened on 16/12, a report received on 15/12), a report sent early in
the period, an ad hoc request from the day it was made, and the refusals naming the field."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bdcq_desktop.core import rounds, submissions, units
from bdcq_desktop.core.errors import ValidationError
from tests import round_data
from tests.round_data import TODAY, record, rows


@pytest.fixture
def six_monthly(db: Any) -> dict[str, Any]:
    return round_data.six_monthly(db)


# -- which received dates are legitimate ---------------------------------------------------------


def test_a_report_received_before_the_round_was_opened_is_recorded(
    six_monthly: dict[str, Any],
) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    assert rounds.get_round(db, rid).opened_on == TODAY
    record(db, rid, "Sở Tài chính", "15/12/2026")  # the day before the round was opened
    row = rows(db, rid)["Sở Tài chính"]
    assert (row.received_on, row.status) == (date(2026, 12, 15), "on_time")
    # Sent early, from the first day of the period: accepted as well.
    record(db, rid, "Sở Y tế", "01/07/2026")
    assert rows(db, rid)["Sở Y tế"].received_on == date(2026, 7, 1)
    assert rows(db, rid)["Sở Nội vụ"].received_from == date(2026, 7, 1)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("30/06/2026", "ngày bắt đầu kỳ báo cáo (01/07/2026)"),  # another period's report
        ("17/12/2026", "không được muộn hơn 16/12/2026"),  # tomorrow
    ],
)
def test_outside_the_period_or_in_the_future_is_refused(
    six_monthly: dict[str, Any], day: str, words: str
) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    with pytest.raises(ValidationError) as e:
        record(db, rid, "Sở Tài chính", day)
    assert e.value.field == "received_on" and words in e.value.message
    assert rows(db, rid)["Sở Tài chính"].received_on is None


def test_the_command_line_receive_follows_the_same_rule(six_monthly: dict[str, Any]) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    submissions.receive(db, rid, "tai chinh", received_on="15/12/2026", today=TODAY)
    assert rows(db, rid)["Sở Tài chính"].received_on == date(2026, 12, 15)
    with pytest.raises(ValidationError) as e:
        submissions.receive(db, rid, "y te", received_on="30/06/2026", today=TODAY)
    assert e.value.field == "received_on"


def test_an_ad_hoc_request_takes_reports_from_the_day_it_was_made(db: Any) -> None:
    ids = [units.create_unit(db, name=n) for n in ("Sở Y tế", "Sở Nội vụ")]
    rid = rounds.open_ad_hoc_round(
        db,
        title="Rà soát theo Thông báo 14",
        due_date="31/12/2026",
        unit_ids=ids,
        requested_on="05/12/2026",
        today=TODAY,  # opened today, eleven days after the request
    )
    record(db, rid, "Sở Y tế", "08/12/2026")
    with pytest.raises(ValidationError) as e:
        record(db, rid, "Sở Nội vụ", "04/12/2026")
    assert "ngày yêu cầu báo cáo (05/12/2026)" in e.value.message
