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
from bdcq_desktop.core.models import ReportingRound, Submission, Unit
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


# -- Sửa đợt: the round's units ----------------------------------------------------------------


def _units_of(db: Any, rid: int) -> list[str]:
    return [u.name for u in rounds.get_round(db, rid).units]


def _logged(db: Any, rid: int) -> dict[str, tuple[Any, Any]]:
    """The newest change of the round's own line, field → (before, after)."""
    newest = change_log.record_changes(db, "reporting_round", rid)[0]
    assert newest.action == "update"
    return {f.field: (f.before, f.after) for f in newest.changes}


def test_a_forgotten_unit_is_added_as_when_the_round_opened(
    six_monthly: dict[str, Any],
) -> None:
    """Sở Xây dựng was left out: added, it is asked like the others (nothing received, due
    the round's day), shows in the overview and, once past due, in the chase list; one
    version step; the round's history names it."""
    from bdcq_desktop.core import chase, report_overview

    db, rid = six_monthly["db"], six_monthly["round"]
    added = units.create_unit(db, name="Sở Xây dựng")
    before = rounds.get_round(db, rid)
    round_edit.update_round(
        db, rid, expected_version=before.version, unit_ids=[*before.unit_ids, added],
        title="Báo cáo 6 tháng cuối năm 2026", today=TODAY,
    )  # fmt: skip
    after = rounds.get_round(db, rid)
    assert after.version == before.version + 1
    assert _units_of(db, rid) == ["Sở Tài chính", "Sở Y tế", "Sở Nội vụ", "Sở Xây dựng"]
    new = rows(db, rid)["Sở Xây dựng"]
    assert (new.status, new.received_on, new.document_number) == ("not_due", None, "")
    assert new.status == rows(db, rid)["Sở Y tế"].status
    overview = report_overview.load_overview(db, today=TODAY)
    assert overview.cells[(added, rid)].status == "not_due"
    late = date(2026, 12, 21)
    assert any(c.unit_id == added for c in chase.chase_list(db, today=late))
    logged = _logged(db, rid)
    assert logged["units_added"] == (None, "Sở Xây dựng")
    assert "units_removed" not in logged and "title" in logged  # one line for one save
    newest = change_log.record_changes(db, "reporting_round", rid)[0]
    assert {f.field: f.label for f in newest.changes}["units_added"] == "Thêm đơn vị báo cáo"


def test_a_unit_that_does_not_report_is_removed_and_named_in_the_history(
    six_monthly: dict[str, Any],
) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    finance, health, _home = six_monthly["units"]
    before = rounds.get_round(db, rid)
    home_report = rows(db, rid)["Sở Nội vụ"].id
    round_edit.update_round(db, rid, expected_version=before.version, unit_ids=[finance, health])
    assert _units_of(db, rid) == ["Sở Tài chính", "Sở Y tế"]
    assert rounds.get_round(db, rid).version == before.version + 1
    assert _logged(db, rid) == {"units_removed": ("Sở Nội vụ", None)}
    with db.session() as s:  # its expected report went with it, in the log as well
        assert s.scalar(select(func.count()).select_from(Submission)) == 2
    history = change_log.record_changes(db, "submission", home_report)
    assert history[0].action == "delete"  # newest first
    # Units sent as they are change nothing: no version step, no log line.
    version = rounds.get_round(db, rid).version
    round_edit.update_round(db, rid, expected_version=version, unit_ids=[health, finance])
    assert rounds.get_round(db, rid).version == version


def test_a_unit_whose_report_is_recorded_is_not_removed(six_monthly: dict[str, Any]) -> None:
    """Its recorded report would go with it: refused, naming the field and the unit (and
    the day it was received); nothing changes, not even the unit removed beside it."""
    db, rid = six_monthly["db"], six_monthly["round"]
    _finance, health, home = six_monthly["units"]
    record(db, rid, "Sở Tài chính", "15/12/2026")
    before = rounds.get_round(db, rid)
    assert [u.recorded for u in before.units] == [True, False, False]
    with pytest.raises(ValidationError) as e:
        round_edit.update_round(db, rid, expected_version=before.version, unit_ids=[health])
    assert e.value.field == "unit_ids"
    assert "Đơn vị báo cáo" in e.value.message and "Sở Tài chính (15/12/2026)" in e.value.message
    assert "Sở Nội vụ" not in e.value.message
    assert rounds.get_round(db, rid) == before
    # Undone by mistake first, it can go.
    row = rows(db, rid)["Sở Tài chính"]
    from bdcq_desktop.core import submissions

    submissions.clear_submission(db, row.id, expected_version=row.round_version)
    version = rounds.get_round(db, rid).version
    round_edit.update_round(db, rid, expected_version=version, unit_ids=[health, home])
    assert _units_of(db, rid) == ["Sở Y tế", "Sở Nội vụ"]


def test_a_retired_unit_is_not_added_but_one_already_asked_stays(
    six_monthly: dict[str, Any],
) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    _finance, health, home = six_monthly["units"]
    gone = units.create_unit(db, name="Sở Bưu chính")
    units.retire_unit(db, gone, on="01/07/2026")
    before = rounds.get_round(db, rid)
    with pytest.raises(ValidationError) as e:
        round_edit.update_round(
            db, rid, expected_version=before.version, unit_ids=[*before.unit_ids, gone]
        )
    assert e.value.field == "unit_ids"
    assert "Sở Bưu chính" in e.value.message and "ngừng hoạt động" in e.value.message
    assert rounds.get_round(db, rid) == before
    with pytest.raises(ValidationError) as e:  # no such unit
        round_edit.update_round(db, rid, expected_version=None, unit_ids=[*before.unit_ids, 999])
    assert e.value.field == "unit_ids" and "999" in e.value.message
    # Sở Nội vụ retired after the round opened: it stays asked while another unit is removed.
    units.retire_unit(db, home, on="10/12/2026")
    round_edit.update_round(db, rid, expected_version=None, unit_ids=[health, home])
    assert [(u.name, u.active) for u in rounds.get_round(db, rid).units] == [
        ("Sở Y tế", True),
        ("Sở Nội vụ", False),
    ]


def test_removing_every_unit_is_refused(six_monthly: dict[str, Any]) -> None:
    db, rid = six_monthly["db"], six_monthly["round"]
    before = rounds.get_round(db, rid)
    for empty in ([], None, ""):
        with pytest.raises(ValidationError) as e:
            round_edit.update_round(db, rid, expected_version=before.version, unit_ids=empty)
        assert e.value.field == "unit_ids" and "Đơn vị báo cáo" in e.value.message
    assert rounds.get_round(db, rid) == before


def test_units_changed_on_a_stale_copy_are_refused(six_monthly: dict[str, Any]) -> None:
    """Two officers correct the units of the same round: the second, who read it before the
    first saved, is refused; the first's units stand."""
    db, rid = six_monthly["db"], six_monthly["round"]
    finance, health, _home = six_monthly["units"]
    read = rounds.get_round(db, rid)
    round_edit.update_round(db, rid, expected_version=read.version, unit_ids=[finance, health])
    with pytest.raises(ConflictError):
        round_edit.update_round(db, rid, expected_version=read.version, unit_ids=[finance])
    assert _units_of(db, rid) == ["Sở Tài chính", "Sở Y tế"]


def test_a_unit_is_not_removed_once_a_document_about_the_round_is_issued(
    six_monthly: dict[str, Any],
) -> None:
    from bdcq_desktop.core.models import IssuedDocument

    db, rid = six_monthly["db"], six_monthly["round"]
    finance, health, home = six_monthly["units"]
    with db.session() as s:  # the register's row of a summary issued about the round
        s.add(
            IssuedDocument(
                type_abbr="BC", kind="reports-summary", year=2026, number=7,
                symbol="07/BC-BCĐ", issued_on=TODAY, summary="Tổng hợp báo cáo",
                record_type="round", record_id=rid, file_path="x.pdf", sha256="0" * 64,
            )
        )
    before = rounds.get_round(db, rid)
    with pytest.raises(ValidationError) as refused:
        round_edit.update_round(db, rid, expected_version=before.version, unit_ids=[finance])
    assert refused.value.field == "unit_ids"
    assert "07/BC-BCĐ" in refused.value.message and "Sở Y tế" in refused.value.message
    assert sorted(_units_of(db, rid)) == ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế"]
    assert rounds.get_round(db, rid).version == before.version
    # A unit forgotten may still be asked after the summary.
    other = units.create_unit(db, name="Sở Tư pháp", kind="department")
    round_edit.update_round(
        db, rid, expected_version=before.version, unit_ids=[finance, health, home, other]
    )
    assert "Sở Tư pháp" in _units_of(db, rid)


_E_GOV = "Báo cáo tình hình triển khai Chính quyền điện tử"


def _round_titled(s: Any, title: str) -> ReportingRound:
    return s.scalars(select(ReportingRound).where(ReportingRound.title == title)).one()


def _unit_named(s: Any, name: str) -> int:
    return s.scalars(select(Unit.id).where(Unit.name == name)).one()


def test_an_old_round_takes_the_units_of_its_own_day_not_todays(demo_db: Any) -> None:
    """The 2024 round is corrected in 2026: Sở TT&TT (merged 1/3/2025) was there and may be
    added; a unit retired before a round's opening day is refused by name with nothing
    written. Sửa đợt lists the units in office on each round's opening day."""
    db = demo_db
    with db.session() as s:
        old = _round_titled(s, f"{_E_GOV} 6 tháng cuối năm 2024").id
        late = _round_titled(s, f"{_E_GOV} 6 tháng cuối năm 2025").id
        sttt = _unit_named(s, "Sở Thông tin và Truyền thông")
        district = _unit_named(s, "UBND huyện Đô Lương")
    before = rounds.get_round(db, old)
    assert sttt not in before.unit_ids
    round_edit.update_round(
        db, old, expected_version=before.version, unit_ids=[*before.unit_ids, sttt]
    )
    assert "Sở Thông tin và Truyền thông" in _units_of(db, old)
    listed = round_edit.in_round_time(db, old)
    assert sttt in listed and district in listed
    listed = round_edit.in_round_time(db, late)  # opened 1/7/2025: no districts, no Sở TT&TT
    assert district not in listed and sttt not in listed
    asked = rounds.get_round(db, late)
    with pytest.raises(ValidationError) as e:
        round_edit.update_round(
            db, late, expected_version=None, unit_ids=[*asked.unit_ids, district]
        )
    assert "UBND huyện Đô Lương" in e.value.message and "ngừng hoạt động" in e.value.message
    assert rounds.get_round(db, late) == asked


def test_a_unit_entered_late_is_not_asked_unchosen_but_may_be_chosen(db: Any) -> None:
    """Outside the demo a unit's start is only the day it was entered: a regime's round of a
    past period opened later does not ask, unchosen, a unit entered after that period; the
    officer may still choose it (a unit forgotten, then entered, that did report then)."""
    ids = [units.create_unit(db, name=n) for n in ("Sở Tài chính", "Sở Y tế")]
    regime = regimes.create_regime(
        db, name="Báo cáo 6 tháng", frequency="six_monthly", due_day=20, unit_ids=ids
    )
    first = rounds.open_round(db, regime_id=regime, year=2024, number=1, opened_on="01/01/2024")
    new = units.create_unit(db, name="UBND phường Trường Vinh")
    regimes.update_regime(db, regime, unit_ids=[*ids, new], expected_version=None)
    rid = rounds.open_round(db, regime_id=regime, year=2024, number=2, opened_on="01/07/2024")
    assert "UBND phường Trường Vinh" not in _units_of(db, rid)
    assert new in round_edit.in_round_time(db, rid)
    round_edit.update_round(db, rid, expected_version=None, unit_ids=[*ids, new])
    assert "UBND phường Trường Vinh" in _units_of(db, rid)
    assert "UBND phường Trường Vinh" not in _units_of(db, first)
