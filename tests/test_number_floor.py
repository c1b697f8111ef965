"""The last number of a series issued outside the application: a committee that installs the
application on 30/11/2026 has issued 01–07/GM-BCĐ on paper, and its register goes on from 08
(Decree 30/2020, Art. 15: a number once per type and year), not from 01."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, select

from bdcq_desktop.core import audit, register
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.errors import ConflictError, ValidationError
from bdcq_desktop.core.invitees import invite
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.models import ChangeLog, IssuedDocument
from bdcq_desktop.core.number_floor import floor_key, series_numbers, set_floors
from bdcq_desktop.core.settings import get_organisation
from bdcq_desktop.documents import service
from tests.test_issued_convocation_changes import _text
from tests.test_meetings_core import NOW, Roster, convened, roster  # noqa: F401
from tests.test_register import bundled_font, fake_issue  # noqa: F401

INSTALLED = date(2026, 11, 30)  # the day the committee starts using the application


def test_a_floor_of_7_makes_the_next_invitation_08(db: Database) -> None:
    set_floors(db, 2026, {"GM": 7}, today=INSTALLED)
    assert fake_issue(db, on=INSTALLED).symbol == "08/GM-BCĐ"
    assert fake_issue(db, on=INSTALLED).symbol == "09/GM-BCĐ"
    # Another type's series is its own: no floor, 01.
    assert fake_issue(db, type_abbr="BB", on=INSTALLED).symbol == "01/BB-BCĐ"
    rows = {r.type_abbr: r for r in series_numbers(db, 2026, ["GTT", "GM", "BB"])}
    assert [(r.last_issued, r.floor, r.next_number) for r in rows.values()] == [
        (0, 0, 1), (9, 7, 10), (1, 0, 2),
    ]  # fmt: skip


def test_the_registers_own_numbers_above_the_floor_win(db: Database) -> None:
    for _ in range(3):
        fake_issue(db, on=INSTALLED)
    # Each floor below meets numbers issued (asked first: tests/test_floor_duplicates.py),
    # confirmed here.
    sure = {"today": INSTALLED, "confirm_floor": True}
    set_floors(db, 2026, {"GM": 2}, **sure)  # lower than 03: changes nothing
    assert fake_issue(db, on=INSTALLED).symbol == "04/GM-BCĐ"
    set_floors(db, 2026, {"GM": 7}, **sure)
    assert fake_issue(db, on=INSTALLED).number == 8
    # A mistyped floor lowered again: 08 stays taken, the next is 09.
    set_floors(db, 2026, {"GM": 5}, **sure)
    assert fake_issue(db, on=INSTALLED).number == 9
    # Taken off ("" or None): the register alone, still after its own last number.
    set_floors(db, 2026, {"GM": ""}, **sure)
    assert fake_issue(db, on=INSTALLED).number == 10


def test_a_floor_is_taken_off_before_anything_is_issued(db: Database) -> None:
    set_floors(db, 2026, {"GM": 70}, today=INSTALLED)  # typed 70 for 7
    set_floors(db, 2026, {"GM": None}, today=INSTALLED)
    assert fake_issue(db, on=INSTALLED).symbol == "01/GM-BCĐ"


def test_the_floor_of_one_year_does_not_touch_the_next(db: Database) -> None:
    new_year_eve = date(2026, 12, 31)
    set_floors(db, 2026, {"GM": 7}, today=new_year_eve)
    assert fake_issue(db, on=new_year_eve).number == 8
    first = fake_issue(db, on=date(2027, 1, 1))
    assert (first.year, first.symbol) == (2027, "01/GM-BCĐ")
    assert [r.floor for r in series_numbers(db, 2027, ["GM"])] == [0]


def test_a_lower_case_spelling_shares_the_floor(db: Database) -> None:
    """Older versions stored ``gm`` as typed: one series with ``GM``, so one floor."""
    set_floors(db, 2026, {"gm": 7}, today=INSTALLED)
    assert fake_issue(db, type_abbr="GM", on=INSTALLED).symbol == "08/GM-BCĐ"
    # The same setting, changed (over 08, confirmed: tests/test_floor_duplicates.py).
    set_floors(db, 2026, {"GM": 20}, today=INSTALLED, confirm_floor=True)
    assert fake_issue(db, type_abbr="gm", on=INSTALLED).symbol == "21/gm-BCĐ"
    assert floor_key(2026, "gm") == floor_key(2026, "GM")
    assert fake_issue(db, type_abbr="QĐ", on=INSTALLED).number == 1
    set_floors(db, 2026, {"qđ": 4}, today=INSTALLED, confirm_floor=True)  # đ/Đ too
    assert fake_issue(db, type_abbr="QĐ", on=INSTALLED).number == 5
    rows = series_numbers(db, 2026, ["GM"])
    assert [(r.type_abbr, r.last_issued, r.floor, r.next_number) for r in rows] == [
        ("GM", 21, 20, 22), ("QĐ", 5, 4, 6),
    ]  # fmt: skip


def test_a_stale_version_is_refused_and_nothing_is_written(db: Database) -> None:
    version = get_organisation(db).version
    set_floors(db, 2026, {"GM": 7}, expected_version=version, today=INSTALLED)
    with pytest.raises(ConflictError, match="Thiết lập vừa được người khác sửa"):
        # A second officer's window, opened before the first one saved.
        set_floors(db, 2026, {"GM": 3, "BB": 4}, expected_version=version, today=INSTALLED)
    assert [(r.type_abbr, r.floor) for r in series_numbers(db, 2026, ["GM", "BB"])] == [
        ("GM", 7), ("BB", 0),
    ]  # fmt: skip
    set_floors(db, 2026, {"BB": 4}, expected_version=version + 1, today=INSTALLED)


def test_a_change_is_logged_who_when_old_and_new(db: Database) -> None:
    audit.set_current_user("Nguyễn Thị Văn Thư")
    try:
        set_floors(db, 2026, {"GM": 7}, today=INSTALLED)
        set_floors(db, 2026, {"GM": 9}, today=INSTALLED)
    finally:
        audit.set_current_user(None)
    with db.session() as s:
        logged = s.scalars(
            select(ChangeLog).where(ChangeLog.table_name == "setting").order_by(ChangeLog.id)
        ).all()
    changes = [json.loads(r.changes or "{}") for r in logged]
    mine = [c for c in changes if c.get("key", [None, None])[1] == "register.floor.2026.gm"]
    assert [c["value"] for c in mine] == [[None, "7"], ["7", "9"]]
    assert {r.user for r in logged[-2:]} == {"Nguyễn Thị Văn Thư"}
    assert all(r.at is not None for r in logged)


@pytest.mark.parametrize(
    ("year", "floors", "field", "words"),
    [
        (2025, {"GM": 7}, "year", "sổ đăng ký văn bản năm 2025 đã khóa ngày 31/12/2025"),
        (2027, {"GM": 7}, "year", "chưa đến năm 2027"),
        (2026, {"GM": 0}, "floor.GM", "không được nhỏ hơn 1"),
        (2026, {"GM": -3}, "floor.GM", "không được nhỏ hơn 1"),
        (2026, {"GM": 10000}, "floor.GM", "không được lớn hơn 9999"),
        (2026, {"GM": "bảy"}, "floor.GM", "phải là một số nguyên"),
        (2026, {"GM": True}, "floor.GM", "phải là một số nguyên"),
        (2026, {"G M": 7}, "type_abbr", "chỉ gồm chữ cái"),
        (2026, {"": 7}, "type_abbr", "Loại văn bản"),
        (2026, {"GMABCDEFGHIJ": 7}, "type_abbr", "Loại văn bản"),
    ],
)
def test_a_floor_is_checked_first_and_a_refusal_writes_nothing(
    db: Database, year: int, floors: dict[str, object], field: str, words: str
) -> None:
    version = get_organisation(db).version
    with pytest.raises(ValidationError) as refused:
        set_floors(db, year, {"BB": 5, **floors}, today=INSTALLED)
    assert refused.value.field == field
    assert words in refused.value.message
    assert get_organisation(db).version == version
    assert [r.floor for r in series_numbers(db, 2026, ["BB"])] == [0]


def test_on_new_years_eve_the_next_year_may_be_set(db: Database) -> None:
    """A document may be dated the next morning (number_floor.FUTURE_DAYS): on 31 December the
    new year's register is one numbers may be taken in."""
    set_floors(db, 2027, {"GM": 2}, today=date(2026, 12, 31))
    assert fake_issue(db, on=date(2027, 1, 1), today=date(2026, 12, 31)).number == 3


def test_check_counts_the_gap_after_the_floor_only(db: Database) -> None:
    set_floors(db, 2026, {"GM": 7}, today=INSTALLED)
    for _ in range(3):
        fake_issue(db, on=INSTALLED)  # 08, 09, 10
    problems = [p for p in run_checks(db, INSTALLED) if p.code.startswith("register")]
    assert problems == []  # 01–07 are on paper, not missing
    with db.session() as s:
        s.execute(delete(IssuedDocument).where(IssuedDocument.number == 9))
    problems = [p for p in run_checks(db, INSTALLED) if p.code == "register_gap"]
    assert len(problems) == 1
    assert "sau số 7 đã cấp ngoài phần mềm có 2 văn bản, số lớn nhất 10" in problems[0].message


def test_the_invitation_issued_after_the_floor_prints_08(
    db: Database,
    roster: Roster,  # noqa: F811
    tmp_path: Any,
) -> None:
    day = NOW.date()
    meeting = convened(db, roster)  # its convocation: 01/GTT-BCĐ
    d = get_meeting(db, meeting)
    invite(db, meeting, [{"unit_id": roster.health}], expected_version=d.version)
    # GTT 3 over the convocation's 01/GTT: confirmed (tests/test_floor_duplicates.py).
    set_floors(db, day.year, {"GM": 7, "GTT": 3}, today=day, confirm_floor=True)
    rec = service.issue(db, "invitation", meeting, issued_on=day, today=day)
    assert rec.symbol == "08/GM-BCĐ"
    pdf = register.stored_copy(rec)
    (tmp_path / "invitation-08.pdf").write_bytes(pdf)
    text = _text(pdf)
    assert "Số: 08/GM-BCĐ" in text
    assert "01/GM" not in text


@pytest.mark.postgres
def test_officers_issuing_at_once_after_a_floor_get_distinct_numbers_on_postgres(
    pg_db: Database,
) -> None:
    from tests.test_register import issue_at_once

    set_floors(pg_db, 2026, {"GM": 7}, today=date(2026, 3, 2))
    workers, each = 6, 3
    assert issue_at_once(pg_db.url, workers, each) == list(range(8, 8 + workers * each))


def test_an_unknown_series_in_the_register_is_listed(db: Database) -> None:
    """A series not among those asked for (an abbreviation changed since) is still listed."""
    fake_issue(db, type_abbr="KH", on=INSTALLED)
    assert [r.type_abbr for r in series_numbers(db, 2026, ["GM"])] == ["GM", "KH"]
