"""Miễn nộp (bdcq_desktop/core/waivers.py) on a real SQLite file: a unit excused from one
round's report is no longer overdue nor chased, counted apart in the round's counts, the
overview and the summary report (read back from its PDF, with the reason); refused once the
report is received, and undone while it is not; guarded by the round's version, logged.

The dataset is tests/report_fixtures.py: in round "Tháng 01" (due T-28) UBND huyện Gamma (C) has
sent nothing, 28 days overdue."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bdcq_desktop.core import reports, submissions, waivers
from bdcq_desktop.core.change_log import record_changes
from bdcq_desktop.core.chase import chase_list
from bdcq_desktop.core.errors import ConflictError, ValidationError
from bdcq_desktop.core.models import SubmissionStatus, submission_status
from bdcq_desktop.core.report_overview import load_overview
from bdcq_desktop.documents import service
from tests import report_fixtures as rf
from tests.pdf_tables import table_cells
from tests.pdf_text import flat_text

T = date(2026, 3, 20)
REASON = "Đơn vị đã hợp nhất; nội dung báo cáo do Sở Tài chính tổng hợp tại báo cáo 6 tháng 2025"


@pytest.fixture
def data(db: Any) -> rf.Ids:
    return rf.build(db, T)


def _row(db: Any, data: rf.Ids, round_key: str, unit: str) -> reports.SubmissionRow:
    rows = reports.list_submissions(db, data.rounds[round_key], today=T)
    return next(r for r in rows if r.unit_id == data.units[unit])


def _round(db: Any, data: rf.Ids, key: str) -> reports.RoundRow:
    return next(r for r in reports.list_rounds(db, today=T) if r.id == data.rounds[key])


def _chased(db: Any, day: date = T) -> set[tuple[int, int]]:
    """(unit, round) of every report the Đôn đốc list chases on ``day``."""
    return {(c.unit_id, r.round_id) for c in chase_list(db, today=day) for r in c.reports}


def _waive(db: Any, data: rf.Ids, **kw: Any) -> int:
    row = _row(db, data, "jan", "C")
    return waivers.waive_submission(
        db, row.id, expected_version=row.round_version, reason=REASON, today=T, **kw
    )


def test_status_rule() -> None:
    due = date(2026, 1, 20)
    assert submission_status(None, due, T, T) == SubmissionStatus.WAIVED
    assert submission_status(None, due, T, due) == SubmissionStatus.WAIVED
    # Asked of a day before the waiver: that day's status.
    assert submission_status(None, due, due, T) == SubmissionStatus.NOT_DUE
    assert submission_status(None, due, due + timedelta(1), T) == SubmissionStatus.OVERDUE
    # A report received anyway is what it is.
    assert submission_status(due, due, T, T) == SubmissionStatus.ON_TIME


def test_a_waived_report_is_neither_overdue_nor_chased_and_counted_apart(
    db: Any, data: rf.Ids
) -> None:
    c_jan = (data.units["C"], data.rounds["jan"])
    assert c_jan in _chased(db)
    before = _round(db, data, "jan")
    assert (before.missing, before.waived) == (2, 0)  # C, and D (retired)
    overview = load_overview(db, today=T)
    assert overview.counts.waived == 0

    _waive(db, data, waived_on="10/03/2026")

    row = _row(db, data, "jan", "C")
    assert (row.status, row.status_text, row.days_late) == ("waived", "Miễn nộp", 0)
    assert (row.waived_on, row.waived_reason) == (date(2026, 3, 10), REASON)
    after = _round(db, data, "jan")
    assert (after.missing, after.waived, after.on_time, after.late) == (1, 1, 1, 1)
    assert after.version == before.version + 1  # the round guards its submissions
    assert c_jan not in _chased(db)
    # A list of a day before the waiver still chases it (a reminder dated back).
    assert c_jan in _chased(db, date(2026, 3, 9))
    # The overview: counted apart, outside the on-time rate's base.
    later = load_overview(db, today=T)
    cell = later.cell(*c_jan)
    assert cell is not None and (cell.status, cell.days_late) == ("waived", 0)
    assert cell.waived_reason == REASON
    assert later.counts.waived == 1
    assert later.counts.overdue == overview.counts.overdue - 1
    assert later.counts.due == overview.counts.due - 1
    assert later.counts.total == overview.counts.total
    jan = next(r for r in later.rounds if r.id == data.rounds["jan"])
    assert jan.counts.on_time_rate == pytest.approx(1 / 3)  # A on time of A, B, D
    # Filtered by status, and the status is a valid filter value.
    waived = submissions.list_all_submissions(db, status="waived", today=T)
    assert [(r.unit_id, r.round_id) for r in waived] == [c_jan]
    # Logged, each column labelled.
    (change, *_) = record_changes(db, "submission", row.id)
    labels = {c.field: c.label for c in change.changes}
    assert labels == {"waived_on": "Ngày miễn nộp", "waived_reason": "Lý do miễn nộp"}


def test_waiving_is_refused_once_the_report_is_received(db: Any, data: rf.Ids) -> None:
    row = _row(db, data, "jan", "B")  # received a day late
    with pytest.raises(ValidationError) as exc:
        waivers.waive_submission(
            db, row.id, expected_version=row.round_version, reason=REASON, today=T
        )
    assert exc.value.field == "received_on"
    assert "Ngày nhận" in exc.value.message and rf.UNIT_B in exc.value.message
    assert _row(db, data, "jan", "B").waived_on is None
    assert _round(db, data, "jan").version == row.round_version  # nothing written


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"reason": "   "}, "waived_reason"),
        ({"reason": "x" * 2001}, "waived_reason"),
        ({"reason": REASON, "waived_on": "21/03/2026"}, "waived_on"),  # tomorrow
        ({"reason": REASON, "waived_on": "31/02/2026"}, "waived_on"),
    ],
)
def test_a_waiver_needs_a_reason_and_a_day_not_in_the_future(
    db: Any, data: rf.Ids, kw: dict[str, Any], field: str
) -> None:
    row = _row(db, data, "jan", "C")
    with pytest.raises(ValidationError) as exc:
        waivers.waive_submission(db, row.id, expected_version=row.round_version, today=T, **kw)
    assert exc.value.field == field
    assert _row(db, data, "jan", "C").waived_on is None


def test_a_stale_round_version_is_refused(db: Any, data: rf.Ids) -> None:
    row = _row(db, data, "jan", "C")
    submissions.record_submission(
        db, _row(db, data, "jan", "D").id, expected_version=row.round_version,
        received_on=T, today=T,
    )  # fmt: skip
    with pytest.raises(ConflictError):
        waivers.waive_submission(
            db, row.id, expected_version=row.round_version, reason=REASON, today=T
        )
    assert _row(db, data, "jan", "C").waived_on is None


def test_undo_while_not_received_and_not_after(db: Any, data: rf.Ids) -> None:
    _waive(db, data)
    row = _row(db, data, "jan", "C")
    assert row.waived_on == T  # today when no day is given
    waivers.unwaive_submission(db, row.id, expected_version=row.round_version)
    row = _row(db, data, "jan", "C")
    assert (row.status, row.waived_on, row.waived_reason) == ("overdue", None, "")
    assert (data.units["C"], data.rounds["jan"]) in _chased(db)
    with pytest.raises(ValidationError) as nothing:
        waivers.unwaive_submission(db, row.id, expected_version=row.round_version)
    assert nothing.value.field == "waived_on"

    # Waived, then the unit sends it anyway: the report is what it is, the waiver stays fixed.
    _waive(db, data)
    row = _row(db, data, "jan", "C")
    submissions.record_submission(
        db, row.id, expected_version=row.round_version, received_on=T, today=T
    )
    row = _row(db, data, "jan", "C")
    assert row.status == "late"
    with pytest.raises(ValidationError) as received:
        waivers.unwaive_submission(db, row.id, expected_version=row.round_version)
    assert received.value.field == "received_on"


def test_the_command_lines_unit_naming(db: Any, data: rf.Ids) -> None:
    rid = data.rounds["jan"]
    sid = waivers.waive_unit(db, rid, "gamma", reason=REASON, today=T)
    assert sid == _row(db, data, "jan", "C").id
    with pytest.raises(ValidationError) as exc:
        waivers.waive_unit(db, rid, "Không có", reason=REASON, today=T)
    assert exc.value.field == "unit"
    assert waivers.unwaive_unit(db, rid, str(data.units["C"])) == sid
    assert _row(db, data, "jan", "C").status == "overdue"


def test_the_summary_report_counts_and_lists_the_waiver(db: Any, data: rf.Ids) -> None:
    _waive(db, data, waived_on="10/03/2026")
    pdf = service.draft(db, "reports-summary", data.rounds["jan"], today=T)
    text = flat_text(pdf)
    assert "Số cơ quan, đơn vị phải báo cáo: 3 (không kể đơn vị được miễn nộp);" in text
    assert "Quá hạn chưa gửi báo cáo: 1;" in text
    assert "Miễn nộp: 1." in text
    assert "Miễn nộp báo cáo (1 đơn vị)" in text
    cells = table_cells(pdf)
    assert rf.UNIT_C in cells and "10/3/2026" in cells and REASON in cells  # Decree 30's date
    # Not among the units that have not sent it, nor in the proposal's count.
    assert "Đề nghị 1 cơ quan, đơn vị chưa gửi báo cáo" in text
    # Dated before the waiver, the summary says what stood then.
    earlier = T - timedelta(days=11)
    before = flat_text(service.draft(db, "reports-summary", data.rounds["jan"], today=earlier))
    assert "Miễn nộp" not in before and "Quá hạn chưa gửi báo cáo: 2" in before


def test_the_reminder_leaves_the_waived_report_out(db: Any, data: rf.Ids) -> None:
    unit = data.units["C"]
    before = flat_text(service.draft(db, "reminder", unit, today=T))
    assert rf.JAN_TITLE in before
    _waive(db, data)
    after = flat_text(service.draft(db, "reminder", unit, today=T))
    assert rf.JAN_TITLE not in after
