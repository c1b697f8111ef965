"""Reporting regimes, rounds and submissions through the core, on a real SQLite file: the date
rules at their boundaries, opening a round in one transaction, recording a report with its
file, and the refusals (each naming its field, nothing written)."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bdcq_desktop.core import regimes, reports, rounds, stored_files, submissions, units
from bdcq_desktop.core.errors import ConflictError, ValidationError
from bdcq_desktop.core.models import (
    Frequency,
    ReportingRound,
    StoredFile,
    Submission,
    SubmissionStatus,
    submission_status,
)
from bdcq_desktop.core.report_periods import period, schedule

TODAY = date(2027, 4, 10)


def _units(db: Any, *names: str) -> list[int]:
    return [units.create_unit(db, name=n) for n in names]


def _count(db: Any, model: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def setup(db: Any) -> dict[str, Any]:
    ids = _units(db, "Sở Y tế", "Sở Tài chính", "UBND thành phố Vinh")
    rid = regimes.create_regime(
        db,
        name="Báo cáo dịch vụ công trực tuyến",
        frequency="quarterly",
        due_day=20,
        cutoff_day=15,
        unit_ids=ids,
    )
    return {"db": db, "units": ids, "regime": rid}


# -- dates ----------------------------------------------------------------------------------------


def test_quarter_due_date_and_cut_off() -> None:
    sch = schedule(period(Frequency.QUARTERLY, 2027, 1), 20, 0, 15)
    assert (sch.period.start, sch.period.end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert sch.period.label == "Quý I/2027"
    assert (sch.due_date, sch.cutoff_date) == (date(2027, 3, 20), date(2027, 3, 15))


@pytest.mark.parametrize(
    ("year", "due"),
    [(2028, date(2028, 2, 29)), (2027, date(2027, 2, 28)), (2100, date(2100, 2, 28))],
)
def test_a_day_february_lacks_is_its_last_day(year: int, due: date) -> None:
    # Monthly, "the 31st of the month": February of a leap year ends on the 29th (2100 is not
    # a leap year: divisible by 100, not by 400).
    assert schedule(period(Frequency.MONTHLY, year, 2), 31, 0, None).due_date == due


def test_period_ending_in_february_with_an_offset_into_march() -> None:
    # Due "the 30th of the month after the period": January's report, 30 Feb → 29 Feb 2028.
    assert schedule(period(Frequency.MONTHLY, 2028, 1), 30, 1, None).due_date == date(2028, 2, 29)


def test_offset_crosses_the_year() -> None:
    sch = schedule(period(Frequency.SIX_MONTHLY, 2026, 2), 10, 1, 14, 0)
    assert sch.period.label == "6 tháng cuối năm 2026"
    assert sch.due_date == date(2027, 1, 10)
    assert sch.cutoff_date == date(2026, 12, 14)


def test_period_number_out_of_range_names_the_field() -> None:
    with pytest.raises(ValidationError) as e:
        period(Frequency.QUARTERLY, 2027, 5)
    assert e.value.field == "number" and "1 đến 4" in e.value.message


def test_status_at_the_boundaries() -> None:
    due = date(2027, 3, 20)
    assert submission_status(None, due, due) == SubmissionStatus.NOT_DUE  # due today
    assert submission_status(due, due, date(2027, 4, 1)) == SubmissionStatus.ON_TIME
    assert submission_status(date(2027, 3, 21), due, date(2027, 4, 1)) == SubmissionStatus.LATE
    assert submission_status(None, due, date(2027, 3, 21)) == SubmissionStatus.OVERDUE
    assert SubmissionStatus.OVERDUE.value == "overdue"


def test_a_weekend_due_date_does_not_move(setup: dict[str, Any]) -> None:
    """20 March 2027 is a Saturday: a report received on Monday the 22nd is two days late
    (Decree 09/2019 does not move a due date to the next working day)."""
    db = setup["db"]
    assert date(2027, 3, 20).weekday() == 5
    rid = rounds.open_round(
        db, regime_id=setup["regime"], year=2027, number=1, opened_on="01/01/2027", today=TODAY
    )
    row = reports.list_submissions(db, rid, today=TODAY)[0]
    submissions.record_submission(
        db, row.id, expected_version=row.round_version, received_on="22/03/2027", today=TODAY
    )
    got = next(r for r in reports.list_submissions(db, rid, today=TODAY) if r.id == row.id)
    assert (got.status, got.days_late, got.status_text) == ("late", 2, "Nộp muộn 2 ngày")


def test_days_counted_for_each_status(setup: dict[str, Any]) -> None:
    db = setup["db"]
    rid = rounds.open_round(
        db, regime_id=setup["regime"], year=2027, number=1, opened_on="01/01/2027", today=TODAY
    )
    on_due, late, _ = reports.list_submissions(db, rid, today=TODAY)
    for row, day in ((on_due, "20/03/2027"), (late, "21/03/2027")):
        submissions.record_submission(
            db, row.id, expected_version=None, received_on=day, today=TODAY
        )
    by_id = {r.id: r for r in reports.list_submissions(db, rid, today=TODAY)}
    assert (by_id[on_due.id].status, by_id[on_due.id].days_late) == ("on_time", 0)
    assert (by_id[late.id].status, by_id[late.id].days_late) == ("late", 1)
    overdue = [r for r in by_id.values() if r.status == "overdue"]
    assert len(overdue) == 1 and overdue[0].days_late == (TODAY - date(2027, 3, 20)).days
    # On the due date itself the one not received is still "not yet due", and so is the one
    # received the day after: it had not arrived then.
    waiting = reports.list_submissions(db, rid, today=date(2027, 3, 20))
    assert [r.status for r in waiting if r.received_on is None] == ["not_due", "not_due"]
    # The round's counts agree with the rows.
    counts = next(r for r in reports.list_rounds(db, today=TODAY) if r.id == rid)
    assert (counts.units, counts.on_time, counts.late, counts.missing) == (3, 1, 1, 1)


# -- opening rounds -------------------------------------------------------------------------------


def test_opening_a_round_creates_one_submission_per_regime_unit(setup: dict[str, Any]) -> None:
    db = setup["db"]
    rid = rounds.open_round(db, regime_id=setup["regime"], year=2027, number=2, today=TODAY)
    detail = rounds.get_round(db, rid)
    assert detail.title == "Báo cáo dịch vụ công trực tuyến Quý II/2027"
    assert (detail.due_date, detail.cutoff_date) == (date(2027, 6, 20), date(2027, 6, 15))
    assert detail.opened_on == TODAY
    rows = reports.list_submissions(db, rid, today=TODAY)
    assert sorted(r.unit_id for r in rows) == sorted(setup["units"])
    assert {r.status for r in rows} == {"not_due"}
    with pytest.raises(ValidationError) as e:
        rounds.open_round(db, regime_id=setup["regime"], year=2027, number=2, today=TODAY)
    assert e.value.field == "number" and "đã được mở" in e.value.message
    assert _count(db, ReportingRound) == 1


def test_opening_is_one_transaction(setup: dict[str, Any], db_path: Path) -> None:
    """A failure on the last submission leaves no round and no submission: a trigger in the
    database refuses the third unit's row, as a full disk or a lost connection would."""
    db = setup["db"]
    last = setup["units"][-1]
    con = sqlite3.connect(db_path)
    con.execute(
        "CREATE TRIGGER refuse_one BEFORE INSERT ON submission WHEN NEW.unit_id = "
        f"{last} BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    con.commit()
    con.close()
    with pytest.raises(Exception, match="disk full"):
        rounds.open_round(db, regime_id=setup["regime"], year=2027, number=1, today=TODAY)
    assert _count(db, ReportingRound) == 0
    assert _count(db, Submission) == 0


def test_ad_hoc_request_with_its_own_units_and_due_date(setup: dict[str, Any]) -> None:
    db = setup["db"]
    first, second, _ = setup["units"]
    rid = rounds.open_ad_hoc_round(
        db,
        title="Báo cáo kết quả thực hiện nhiệm vụ",
        due_date="30/04/2027",
        unit_ids=[first, second],
        request_reference="Thông báo số 14/TB-BCĐ",
        requested_on="05/04/2027",
        opened_on="05/04/2027",
        today=TODAY,
    )
    detail = rounds.get_round(db, rid)
    assert detail.period_label == "Theo Thông báo số 14/TB-BCĐ"
    assert detail.request_reference == "Thông báo số 14/TB-BCĐ"
    assert sorted(r.unit_id for r in reports.list_submissions(db, rid)) == sorted([first, second])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"due_date": "31/02/2027"}, "due_date"),
        ({"due_date": "01/04/2027"}, "due_date"),  # before the round opened
        ({"unit_ids": []}, "unit_ids"),
        ({"unit_ids": [9999]}, "unit_ids"),
        ({"conclusion_id": 77}, "conclusion_id"),
        ({"opened_on": "11/04/2027"}, "opened_on"),  # tomorrow
    ],
)
def test_ad_hoc_refusals_name_the_field(
    setup: dict[str, Any], change: dict[str, Any], field: str
) -> None:
    values = {
        "title": "Báo cáo đột xuất",
        "due_date": "30/04/2027",
        "unit_ids": setup["units"][:1],
        "opened_on": "05/04/2027",
        **change,
    }
    with pytest.raises(ValidationError) as e:
        rounds.open_ad_hoc_round(setup["db"], today=TODAY, **values)
    assert e.value.field == field
    assert _count(setup["db"], ReportingRound) == 0


def test_a_retired_regime_opens_no_round(setup: dict[str, Any]) -> None:
    db = setup["db"]
    row = regimes.get_regime(db, setup["regime"])
    regimes.retire_regime(db, row.id, expected_version=row.version)
    assert regimes.list_regimes(db) == []
    assert regimes.list_regimes(db, include_retired=True)[0].active is False
    with pytest.raises(ValidationError) as e:
        rounds.open_round(db, regime_id=row.id, year=2027, number=1, today=TODAY)
    assert e.value.field == "regime_id"


# -- the register -----------------------------------------------------------------------------


def test_regime_edit_checks_the_version_and_the_name(setup: dict[str, Any]) -> None:
    db = setup["db"]
    row = regimes.get_regime(db, setup["regime"])
    regimes.update_regime(
        db,
        row.id,
        expected_version=row.version,
        due_day=10,
        due_month_offset=1,
        unit_ids=setup["units"][:1],
    )
    fresh = regimes.get_regime(db, row.id)
    assert fresh.deadline_rule == "ngày 10 tháng thứ 1 sau kỳ" and fresh.units == 1
    with pytest.raises(ConflictError):
        regimes.update_regime(db, row.id, expected_version=row.version, name="Khác")
    other = regimes.create_regime(db, name="Báo cáo khác", frequency="yearly")
    with pytest.raises(ValidationError) as e:  # the same name, typed without diacritics
        regimes.update_regime(
            db, other, expected_version=None, name="bao cao dich vu cong truc tuyen"
        )
    assert e.value.field == "name"
    with pytest.raises(ValidationError) as e:
        regimes.create_regime(db, name="X", frequency="weekly")
    assert e.value.field == "frequency"
    with pytest.raises(ValidationError) as e:
        regimes.create_regime(db, name="Y", frequency="monthly", due_day=32)
    assert e.value.field == "due_day"


# -- recording --------------------------------------------------------------------------------


def _round(setup: dict[str, Any]) -> tuple[int, list[reports.SubmissionRow]]:
    db = setup["db"]
    rid = rounds.open_round(
        db, regime_id=setup["regime"], year=2027, number=1, opened_on="02/01/2027", today=TODAY
    )
    return rid, reports.list_submissions(db, rid, today=TODAY)


def test_recording_stores_nfc_text_and_bumps_the_round(setup: dict[str, Any]) -> None:
    db = setup["db"]
    rid, rows = _round(setup)
    row = rows[0]
    nfd = unicodedata.normalize("NFD", "Đạt yêu cầu, số liệu đầy đủ")
    submissions.record_submission(
        db,
        row.id,
        expected_version=row.round_version,
        received_on="18/03/2027",
        document_number=" 125/BC-SYT ",
        document_date="15/03/2027",
        summary=unicodedata.normalize("NFD", "Tỷ lệ hồ sơ trực tuyến đạt 85%"),
        evaluation=nfd,
        today=TODAY,
    )
    got = next(r for r in reports.list_submissions(db, rid, today=TODAY) if r.id == row.id)
    assert got.evaluation == unicodedata.normalize("NFC", nfd)
    assert got.document_number == "125/BC-SYT" and got.document_date == date(2027, 3, 15)
    assert got.round_version == row.round_version + 1
    # The round's version guards its submissions: a save from the stale copy is refused.
    with pytest.raises(ConflictError):
        submissions.record_submission(
            db,
            rows[1].id,
            expected_version=row.round_version,
            received_on="18/03/2027",
            today=TODAY,
        )


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"received_on": ""}, "received_on", "không được để trống"),
        # Before the quarter began (the round opened on 02/01: 01/01 is accepted).
        ({"received_on": "31/12/2026"}, "received_on", "ngày bắt đầu kỳ báo cáo"),
        ({"received_on": "11/04/2027"}, "received_on", "không được muộn hơn"),
        ({"received_on": "30/02/2027"}, "received_on", "Ngày nhận"),
        (
            {"received_on": "18/03/2027", "document_date": "19/03/2027"},
            "document_date",
            "Ngày nhận",
        ),
        ({"received_on": "18/03/2027", "document_number": "x" * 101}, "document_number", "100"),
    ],
)
def test_recording_refusals(
    setup: dict[str, Any], values: dict[str, Any], field: str, words: str
) -> None:
    db = setup["db"]
    rid, rows = _round(setup)
    with pytest.raises(ValidationError) as e:
        submissions.record_submission(db, rows[0].id, expected_version=None, today=TODAY, **values)
    assert e.value.field == field and words in e.value.message
    assert all(r.received_on is None for r in reports.list_submissions(db, rid))


def test_a_hostile_file_name_is_made_safe_and_the_file_checked(
    setup: dict[str, Any], tmp_path: Path
) -> None:
    db = setup["db"]
    rid, rows = _round(setup)
    upload = stored_files.check_upload("..\\..\\CON.pdf\u202egpj.exe", b"%PDF-1.4 report")
    submissions.record_submission(
        db,
        rows[0].id,
        expected_version=None,
        received_on="18/03/2027",
        upload=upload,
        today=TODAY,
    )
    got = next(r for r in reports.list_submissions(db, rid, today=TODAY) if r.id == rows[0].id)
    assert got.file_name == "_CON.pdfgpj.exe" and "\u202e" not in got.file_name
    info, content = stored_files.file_bytes(db, got.file_id)  # type: ignore[arg-type]
    assert content == b"%PDF-1.4 report" and info.sha256 == upload.sha256
    copy = stored_files.cached_copy(db, got.file_id)  # type: ignore[arg-type]
    # Its own folder, named by the app; the name shown (made safe) is the copy's name.
    assert copy.parent.parent == stored_files.files_dir() and copy.name == got.file_name


def test_oversize_and_empty_files_are_refused_before_anything_is_written(
    setup: dict[str, Any], tmp_path: Path
) -> None:
    big = tmp_path / "big.pdf"
    with open(big, "wb") as f:  # sparse: 50 MB and one byte, nothing really written
        f.truncate(stored_files.MAX_BYTES + 1)
    with pytest.raises(ValidationError) as e:
        stored_files.read_upload(big)
    assert e.value.field == "file" and "50 MB" in e.value.message
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError):
        stored_files.read_upload(empty)
    with pytest.raises(ValidationError):
        stored_files.read_upload(tmp_path)  # a folder
    # A refused save with a good file stores neither the file nor the submission.
    db = setup["db"]
    _rid, rows = _round(setup)
    good = stored_files.check_upload("bao-cao.pdf", b"%PDF")
    with pytest.raises(ValidationError):
        submissions.record_submission(
            db,
            rows[0].id,
            expected_version=None,
            received_on="31/12/2026",  # before the quarter began
            upload=good,
            today=TODAY,
        )
    assert _count(db, StoredFile) == 0


def test_receive_finds_the_unit_and_refuses_a_duplicate(setup: dict[str, Any]) -> None:
    db = setup["db"]
    rid, _rows = _round(setup)
    sid = submissions.receive(
        db, rid, "so y te", received_on="18/03/2027", document_number="1/BC", today=TODAY
    )
    assert next(r for r in reports.list_submissions(db, rid) if r.id == sid).unit == "Sở Y tế"
    with pytest.raises(ValidationError) as e:
        submissions.receive(db, rid, "Sở Y tế", received_on="18/03/2027", today=TODAY)
    assert e.value.field == "unit" and "đã được ghi nhận" in e.value.message
    with pytest.raises(ValidationError) as e:
        submissions.receive(db, rid, "Sở", received_on="18/03/2027", today=TODAY)
    assert "khớp 2 đơn vị" in e.value.message
    with pytest.raises(ValidationError):
        submissions.receive(db, rid, "Sở Xây dựng", received_on="18/03/2027", today=TODAY)
    submissions.clear_submission(db, sid, expected_version=None)
    assert all(r.received_on is None for r in reports.list_submissions(db, rid))


def test_list_filters_by_status_round_and_unit(setup: dict[str, Any]) -> None:
    db = setup["db"]
    rid, _rows = _round(setup)
    submissions.receive(db, rid, "Sở Y tế", received_on="25/03/2027", today=TODAY)
    late = submissions.list_all_submissions(db, status="late", today=TODAY)
    assert [r.unit for r in late] == ["Sở Y tế"]
    assert len(submissions.list_all_submissions(db, status="overdue", today=TODAY)) == 2
    assert len(submissions.list_all_submissions(db, status="missing", today=TODAY)) == 2
    # The search boxes' rule: "vinh" finds Vinh; "Vính" (a diacritic typed) does not.
    assert [r.unit for r in submissions.list_all_submissions(db, unit="vinh", today=TODAY)] == [
        "UBND thành phố Vinh"
    ]
    assert submissions.list_all_submissions(db, unit="Vính", today=TODAY) == []
    assert submissions.list_all_submissions(db, round_id=rid + 1, today=TODAY) == []
    with pytest.raises(ValidationError) as e:
        submissions.list_all_submissions(db, status="soon")
    assert e.value.field == "status"
