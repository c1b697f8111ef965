"""Correcting a round ("Sửa đợt") and deleting one opened by mistake, through the core on a real
SQLite file: one call, guarded by the round's version, in the change log; each refusal names
its field and the units whose recorded reports it would contradict; nothing written on one."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from bdcq_desktop.core import change_log, regimes, round_edit, rounds, units
from bdcq_desktop.core.errors import BcdError, ConflictError, RoundStatusWarning, ValidationError
from bdcq_desktop.core.models import ReportingRound, Submission
from tests import round_data
from tests.round_data import TODAY, record, rows


@pytest.fixture
def six_monthly(db: Any) -> dict[str, Any]:
    return round_data.six_monthly(db)


# -- Sửa đợt ---------------------------------------------------------------------------------------


def test_edit_a_round_in_one_call_guarded_and_logged(six_monthly: dict[str, Any]) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    before = rounds.get_round(db, rid)
    assert before.due_date == date(2026, 12, 20)
    round_edit.update_round(
        db,
        rid,
        expected_version=before.version,
        title="Báo cáo 6 tháng cuối năm 2026 (gia hạn)",
        opened_on="01/12/2026",
        due_date="31/12/2026",
        cutoff_date="15/12/2026",
        today=TODAY,
    )
    after = rounds.get_round(db, rid)
    assert (after.title, after.opened_on, after.due_date, after.cutoff_date) == (
        "Báo cáo 6 tháng cuối năm 2026 (gia hạn)",
        date(2026, 12, 1),
        date(2026, 12, 31),
        date(2026, 12, 15),
    )
    assert after.version == before.version + 1
    with pytest.raises(ConflictError):  # a copy read before the change
        round_edit.update_round(db, rid, expected_version=before.version, title="Khác")
    history = change_log.record_changes(db, "reporting_round", rid)
    update = next(c for c in history if c.action == "update")
    changed = {f.field: (f.before, f.after) for f in update.changes}
    assert changed["due_date"] == ("2026-12-20", "2026-12-31")
    assert changed["opened_on"] == ("2026-12-16", "2026-12-01")


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"due_date": ""}, "due_date", "không được để trống"),
        ({"title": "  "}, "title", "không được để trống"),
        ({"opened_on": "17/12/2026"}, "opened_on", "không được muộn hơn"),
        ({"due_date": "30/06/2026"}, "due_date", "Ngày bắt đầu kỳ"),
        ({"cutoff_date": "25/12/2026"}, "due_date", "Ngày chốt số liệu"),
        ({"requested_on": "01/12/2026"}, "requested_on", "không có"),  # not a regime round's
    ],
)
def test_edit_refusals_name_the_field_and_change_nothing(
    six_monthly: dict[str, Any], values: dict[str, Any], field: str, words: str
) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    before = rounds.get_round(db, rid)
    with pytest.raises(ValidationError) as e:
        round_edit.update_round(db, rid, expected_version=before.version, today=TODAY, **values)
    assert e.value.field == field and words in e.value.message
    assert rounds.get_round(db, rid) == before


def test_an_ad_hoc_date_after_a_recorded_report_is_refused_naming_it(db: Any) -> None:
    ids = [units.create_unit(db, name=n) for n in ("Sở Y tế", "Sở Nội vụ")]
    rid = rounds.open_ad_hoc_round(
        db, title="Rà soát", due_date="31/12/2026", unit_ids=ids, requested_on="05/12/2026",
        today=TODAY,
    )  # fmt: skip
    record(db, rid, "Sở Y tế", "08/12/2026")
    version = rounds.get_round(db, rid).version
    with pytest.raises(ValidationError) as e:
        round_edit.update_round(
            db, rid, expected_version=version, requested_on="10/12/2026", today=TODAY
        )
    assert e.value.field == "requested_on"
    assert "Sở Y tế (08/12/2026)" in e.value.message
    assert rounds.get_round(db, rid).requested_on == date(2026, 12, 5)
    # The request's reference renames the round's label, as when it was opened.
    round_edit.update_round(
        db, rid, expected_version=version, request_reference="TB số 14/TB-BCĐ", today=TODAY
    )
    assert rounds.get_round(db, rid).period_label == "Theo TB số 14/TB-BCĐ"


def test_an_earlier_deadline_that_makes_reports_late_asks_first(
    six_monthly: dict[str, Any],
) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    record(db, rid, "Sở Tài chính", "15/12/2026")
    version = rounds.get_round(db, rid).version
    with pytest.raises(RoundStatusWarning) as e:
        round_edit.update_round(db, rid, expected_version=version, due_date="10/12/2026")
    assert "Sở Tài chính (15/12/2026)" in e.value.message and "nộp muộn" in e.value.message
    assert rounds.get_round(db, rid).due_date == date(2026, 12, 20)
    round_edit.update_round(
        db, rid, expected_version=version, due_date="10/12/2026", confirm_status_change=True
    )
    assert rows(db, rid)["Sở Tài chính"].status == "late"


# -- Xóa đợt ---------------------------------------------------------------------------------------


def _count(db: Any, model: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_round_opened_by_mistake_is_deleted_with_its_units(
    six_monthly: dict[str, Any],
) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    version = rounds.get_round(db, rid).version
    with pytest.raises(ConflictError):
        round_edit.delete_round(db, rid, expected_version=version + 1)
    round_edit.delete_round(db, rid, expected_version=version)
    assert (_count(db, ReportingRound), _count(db, Submission)) == (0, 0)
    history = change_log.record_changes(db, "reporting_round", rid)
    assert history[0].action == "delete"


def test_a_round_with_a_recorded_report_is_not_deleted(six_monthly: dict[str, Any]) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    record(db, rid, "Sở Tài chính", "15/12/2026")
    with pytest.raises(BcdError) as e:
        round_edit.delete_round(db, rid, expected_version=None)
    assert "Sở Tài chính (15/12/2026)" in e.value.message
    assert (_count(db, ReportingRound), _count(db, Submission)) == (1, 3)


def test_only_what_changes_is_checked_against_the_other_dates(db: Any) -> None:
    """A regime whose cut-off (the 25th) falls after its deadline (the 20th) made a round like
    that: the form sends every field, and correcting the title alone still saves."""
    ids = [units.create_unit(db, name="Sở Y tế")]
    regime = regimes.create_regime(
        db, name="Báo cáo quý", frequency="quarterly", due_day=20, cutoff_day=25, unit_ids=ids
    )
    rid = rounds.open_round(db, regime_id=regime, year=2026, number=4, today=TODAY)
    r = rounds.get_round(db, rid)
    round_edit.update_round(
        db, rid, expected_version=r.version, title="Báo cáo quý IV/2026 (sửa tên)",
        opened_on=r.opened_on, due_date=r.due_date, cutoff_date=r.cutoff_date, today=TODAY,
    )  # fmt: skip
    assert rounds.get_round(db, rid).title == "Báo cáo quý IV/2026 (sửa tên)"
    with pytest.raises(ValidationError) as e:  # moving the deadline is checked
        round_edit.update_round(db, rid, expected_version=None, due_date="21/12/2026")
    assert e.value.field == "due_date" and "Ngày chốt số liệu" in e.value.message


def test_a_date_left_as_it_was_is_not_checked_against_today(
    six_monthly: dict[str, Any],
) -> None:
    """Opened on 16/12 by a computer whose clock ran ahead; on the right date (30/11) the
    form sends that opening date back unchanged with a corrected title: saved. Changing it to
    another day after today is refused."""
    db, rid = six_monthly["db"], six_monthly["round"]
    earlier = date(2026, 11, 30)
    r = rounds.get_round(db, rid)
    round_edit.update_round(
        db, rid, expected_version=r.version, title="Báo cáo 6 tháng (sửa tên)",
        opened_on=r.opened_on, today=earlier,
    )  # fmt: skip
    assert rounds.get_round(db, rid).title == "Báo cáo 6 tháng (sửa tên)"
    with pytest.raises(ValidationError) as e:
        round_edit.update_round(
            db, rid, expected_version=None, opened_on="01/12/2026", today=earlier
        )
    assert e.value.field == "opened_on"


def _legacy_round(db: Any) -> int:
    """An ad hoc round as an older version or an import left it: its label not "Theo …", its
    opening date not recorded (the app always records both now)."""
    ids = [units.create_unit(db, name="Sở Y tế")]
    rid = rounds.open_ad_hoc_round(
        db, title="Báo cáo tháng 6/2026", due_date=date(2026, 6, 20), unit_ids=ids,
        requested_on=date(2026, 5, 21), opened_on=date(2026, 5, 21), today=TODAY,
    )  # fmt: skip
    with db.session() as s:
        rnd = s.get(ReportingRound, rid)
        rnd.period_label, rnd.opened_on, rnd.request_reference = "Tháng 6/2026", None, ""
    return rid


def test_fields_sent_as_they_were_rewrite_nothing(db: Any) -> None:
    """A caller that sends every field as read (the title alone changed) changes the title
    only: the label stays, the opening date stays unrecorded, the log has the title alone."""
    rid = _legacy_round(db)
    r = rounds.get_round(db, rid)
    assert r.opened_on is None  # as stored, not a day guessed from the request
    round_edit.update_round(
        db, rid, expected_version=r.version, title="Báo cáo tháng 6/2026 (sửa tên)",
        request_reference=r.request_reference, requested_on=r.requested_on,
        opened_on=r.opened_on, due_date=r.due_date, conclusion_id=r.conclusion_id, today=TODAY,
    )  # fmt: skip
    after = rounds.get_round(db, rid)
    assert (after.title, after.period_label, after.opened_on) == (
        "Báo cáo tháng 6/2026 (sửa tên)",
        "Tháng 6/2026",
        None,
    )
    history = change_log.record_changes(db, "reporting_round", rid)
    edits = [c for c in history if any(f.field == "title" for f in c.changes)]
    assert [f.field for f in edits[0].changes] == ["title"]  # newest first
    # A reference really changed relabels the round; a recorded opening date is not emptied.
    round_edit.update_round(db, rid, expected_version=None, request_reference="Công văn 7/BCĐ")
    assert rounds.get_round(db, rid).period_label == "Theo Công văn 7/BCĐ"
    round_edit.update_round(db, rid, expected_version=None, opened_on="22/05/2026", today=TODAY)
    with pytest.raises(ValidationError) as e:
        round_edit.update_round(db, rid, expected_version=None, opened_on="")
    assert e.value.field == "opened_on"
    assert rounds.get_round(db, rid).opened_on == date(2026, 5, 22)
