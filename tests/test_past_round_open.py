"""Opening a round of a past period asks the units of its opening day, by the same rule as
Sửa đợt (:class:`bdcq_desktop.core.round_time.RoundTime`): on the demo, a 2024 round opened
in 2026 takes no ward of 1/7/2025, and may take Sở TT&TT (merged 1/3/2025)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import round_edit, rounds
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.models import ReportingRegime, ReportingRound, Unit
from tests.cli_run import run_bdcq

_DVC = "Báo cáo kết quả cung cấp dịch vụ công trực tuyến"


def _ids(db: Any) -> dict[str, int]:
    with db.session() as s:
        named = {
            "regime": s.scalars(select(ReportingRegime.id).where(ReportingRegime.name == _DVC)),
            "sttt": s.scalars(select(Unit.id).where(Unit.name == "Sở Thông tin và Truyền thông")),
            "ward": s.scalars(select(Unit.id).where(Unit.name == "UBND phường Trường Vinh")),
            "finance": s.scalars(select(Unit.id).where(Unit.name == "Sở Tài chính")),
        }
        return {key: rows.one() for key, rows in named.items()}


def _wards(names: Any) -> list[str]:
    return [n for n in names if "phường" in n]


def test_a_2024_round_opened_today_asks_the_units_of_2024(demo_db: Any) -> None:
    db = demo_db
    ids = _ids(db)
    preview = rounds.preview_round(db, ids["regime"], 2024, 3, "01/07/2024")
    assert preview.unit_names and not _wards(preview.unit_names), preview.unit_names
    assert ids["finance"] in preview.unit_ids
    rid = rounds.open_round(
        db, regime_id=ids["regime"], year=2024, number=3, opened_on="01/07/2024"
    )
    asked = rounds.get_round(db, rid)
    assert set(asked.unit_ids) == set(preview.unit_ids)
    # Sửa đợt offers every unit in office on the round's day, Sở TT&TT (merged since) among
    # them: a unit is only left out of what is asked without being chosen.
    listed = round_edit.in_round_time(db, rid)
    assert ids["sttt"] in listed and ids["ward"] in listed
    # Opened on today's date, a 2024 round takes no ward either: entered after 2024 ended.
    assert not _wards(rounds.preview_round(db, ids["regime"], 2024, 3).unit_names)

    # Units chosen by hand: Sở TT&TT was there in 2024; a unit retired before the round's
    # day is refused by name; a unit chosen that was entered late is the officer's choice
    # (the directory does not know when a unit began).
    chosen = [*preview.unit_ids, ids["sttt"]]
    rid = rounds.open_round(
        db, regime_id=ids["regime"], year=2024, number=2, opened_on="01/04/2024", unit_ids=chosen
    )
    assert "Sở Thông tin và Truyền thông" in [u.name for u in rounds.get_round(db, rid).units]
    with pytest.raises(ValidationError) as e:
        rounds.open_ad_hoc_round(
            db,
            title="Báo cáo nhanh sau sáp nhập",
            due_date="20/09/2025",
            opened_on="06/09/2025",
            unit_ids=[ids["finance"], ids["sttt"]],
        )
    assert e.value.field == "unit_ids" and "Sở Thông tin và Truyền thông" in e.value.message
    with db.session() as s:
        found = select(ReportingRound.id).where(ReportingRound.title.like("%sau sáp nhập"))
        assert s.scalar(found) is None


def test_an_ad_hoc_request_of_2024_takes_the_units_of_its_day(demo_db: Any) -> None:
    db = demo_db
    ids = _ids(db)
    rid = rounds.open_ad_hoc_round(
        db,
        title="Báo cáo nhanh tình hình cấp chữ ký số",
        due_date="20/05/2024",
        opened_on="06/05/2024",
        requested_on="06/05/2024",
        unit_ids=[ids["finance"], ids["sttt"]],
    )
    assert [u.name for u in rounds.get_round(db, rid).units] == [
        "Sở Tài chính",
        "Sở Thông tin và Truyền thông",
    ]
    # Today the merged Sở TT&TT is refused by name, as before.
    with pytest.raises(ValidationError) as e:
        rounds.open_ad_hoc_round(
            db, title="Báo cáo nhanh lần ba", due_date="31/12/2099", unit_ids=[ids["sttt"]]
        )
    assert "Sở Thông tin và Truyền thông" in e.value.message


def test_bdcq_rounds_open_of_2024_asks_no_ward(demo_db: Any, tmp_path: Path) -> None:
    db = demo_db
    ids = _ids(db)
    path = tmp_path / "demo.sqlite3"
    out = run_bdcq(
        ["rounds", "open", "--regime", str(ids["regime"]), "--year", "2024", "--period", "3",
         "--opened", "01/07/2024"],
        db=path,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    rid = int(out.stdout.split(":")[1].split()[0])
    names = [u.name for u in rounds.get_round(db, rid).units]
    assert "Sở Tài chính" in names and not _wards(names), names
    out = run_bdcq(
        ["rounds", "request", "--title", "Báo cáo nhanh", "--due", "20/09/2025", "--opened",
         "06/09/2025", "--unit", str(ids["sttt"])],
        db=path,
    )  # fmt: skip
    assert out.returncode == 2 and "Sở Thông tin và Truyền thông" in out.stderr, out
