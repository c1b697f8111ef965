"""The chase's time window (bdcq_desktop/core/chase_window.py and its readers): after ten years
the Đôn đốc page and the reminder chased 1,885 reports back to 2017 (a 219-page reminder). They
now chase what fell due in the window the office chose (12 tháng qua by default, Năm nay, from a
date, or Tất cả), say the window, and count what fell due before it.

On the dataset of tests/report_fixtures.py dated today, with the ad hoc round (A still owes it)
moved 400 days back: out of the default window; round "Tháng 01" (C owes it, 28 days) in it.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import chase, chase_window
from bdcq_desktop.core.errors import NotReadyError, ValidationError
from bdcq_desktop.core.models import ReportingRound
from bdcq_desktop.core.text import short_date
from bdcq_desktop.documents import service
from bdcq_desktop.documents.text import format_date
from bdcq_desktop.ui.tabs.chase_list import ChaseListPage
from tests import report_fixtures as rf
from tests.cli_run import run_bdcq
from tests.pdf_text import flat_text

OLD = 400  # days before today the ad hoc round fell due


def _data(db: Any) -> rf.Ids:
    today = date.today()
    data = rf.build(db, today)
    with db.session() as s:
        s.get(ReportingRound, data.rounds["adhoc"]).due_date = today - timedelta(days=OLD)
    return data


def _a_year_ago(day: date) -> date:
    return chase_window.window_start("12m", day)  # type: ignore[return-value]


def _titles(overview: chase.ChaseOverview) -> set[str]:
    return {r.round_title for u in overview.units for r in u.reports}


def test_window_start_reads_each_choice() -> None:
    day = date(2027, 1, 2)
    assert chase_window.window_start("12m", day) == date(2026, 1, 2)
    assert chase_window.window_start("12m", date(2028, 2, 29)) == date(2027, 2, 28)
    assert chase_window.window_start("year", day) == date(2027, 1, 1)
    assert chase_window.window_start("all", day) is None
    assert chase_window.window_start("2026-12-01", day) == date(2026, 12, 1)
    with pytest.raises(ValidationError) as refused:
        chase_window.check_window("hôm qua")
    assert refused.value.field == "chase_window" and "Hạn từ ngày" in refused.value.message


def test_the_chase_keeps_the_last_twelve_months_by_default(db: Any) -> None:
    _data(db)
    today = date.today()
    window, overview = chase_window.chase_in_window(db)
    assert window == "12m" and overview.since == _a_year_ago(today)
    assert rf.JAN_TITLE in _titles(overview) and rf.AD_HOC_TITLE not in _titles(overview)
    assert (overview.older_reports, overview.older_tasks) == (1, 0)
    everything = chase.chase_overview(db, today=today)
    assert rf.AD_HOC_TITLE in _titles(everything) and everything.older_reports == 0
    # What the window keeps plus what it counts apart is every overdue item.
    kept = sum(len(u.reports) for u in overview.units)
    assert kept + overview.older_reports == sum(len(u.reports) for u in everything.units)

    chase_window.set_window(db, "all")
    assert chase_window.chase_in_window(db)[1].older_reports == 0
    chase_window.set_window(db, today - timedelta(days=20))  # Tháng 01 (T-28) falls out too
    window, overview = chase_window.chase_in_window(db)
    assert window == (today - timedelta(days=20)).isoformat()
    assert not _titles(overview) and overview.older_reports == 3  # D's too (retired)


def test_the_reminder_prints_the_window_and_says_it(db: Any) -> None:
    _data(db)
    today = date.today()
    text = flat_text(service.draft(db, "reminder", None))
    assert (
        f"qua theo dõi các báo cáo, nhiệm vụ có hạn từ {format_date(_a_year_ago(today))} "
        f"đến {format_date(today)}"
    ) in text
    assert rf.JAN_TITLE in text and rf.AD_HOC_TITLE not in text
    # "all": every overdue item, as before the window.
    everything = flat_text(service.draft(db, "reminder", None, options={"since": "all"}))
    assert rf.AD_HOC_TITLE in everything and f"tính đến {format_date(today)}" in everything
    # A unit with nothing due in the window has no reminder: said with the window.
    with pytest.raises(NotReadyError) as refused:
        service.draft(db, "reminder", rf_unit(db, "A"))
    assert f"có hạn từ ngày {short_date(_a_year_ago(today))}" in str(refused.value)


def rf_unit(db: Any, key: str) -> int:
    from sqlalchemy import select

    from bdcq_desktop.core.models import Unit

    name = {"A": rf.UNIT_A, "C": rf.UNIT_C}[key]
    with db.session() as s:
        return int(s.scalar(select(Unit.id).where(Unit.name == name)))


def test_the_cli_takes_the_window(db: Any, db_path: Path, tmp_path: Path) -> None:
    _data(db)
    pdf = tmp_path / "don-doc.pdf"

    def export(*extra: str) -> str:
        out = run_bdcq(["export", "reminder", "--all", "-o", str(pdf), *extra], db=db_path)
        assert out.returncode == 0, out.stderr
        return flat_text(pdf)

    assert rf.AD_HOC_TITLE not in export()  # the stored window: the last 12 months
    assert rf.AD_HOC_TITLE in export("--since", "all")
    old = (date.today() - timedelta(days=OLD)).strftime("%d/%m/%Y")
    assert rf.AD_HOC_TITLE in export("--since", old)
    out = run_bdcq(["export", "tasks", "-o", str(pdf), "--since", "all"], db=db_path)
    assert out.returncode == 2 and "--since" in out.stderr

    def overdue(*extra: str) -> set[str]:
        out = run_bdcq(
            ["reports", "list", "--status", "overdue", "--format", "json", *extra], db=db_path
        )
        assert out.returncode == 0, out.stderr
        return {r["round"] for r in json.loads(out.stdout)}

    assert rf.AD_HOC_TITLE in overdue()
    since = _a_year_ago(date.today()).strftime("%d/%m/%Y")
    assert rf.AD_HOC_TITLE not in overdue("--since", since) and rf.JAN_TITLE in overdue(
        "--since", since
    )


def test_the_page_says_its_window_and_keeps_the_choice(qtbot: Any, db: Any) -> None:
    _data(db)
    today = date.today()
    page = ChaseListPage(db)
    qtbot.addWidget(page)
    page.reload()
    assert page.window_combo.currentData() == "12m"
    summary = page.summary.text()
    assert f"(hạn từ {short_date(_a_year_ago(today))} đến {short_date(today)})" in summary
    assert (
        f"Không đôn đốc 1 báo cáo quá hạn có hạn trước ngày {short_date(_a_year_ago(today))}"
    ) in summary
    assert page.since_field.isHidden()

    page.window_combo.setCurrentIndex(page.window_combo.findData("all"))
    page.window_combo.activated.emit(page.window_combo.currentIndex())
    assert chase_window.get_window(db) == "all"
    assert "hạn từ" not in page.summary.text() and "trước ngày" not in page.summary.text()
    assert rf.UNIT_A in [page.model.index(r, 0).data() for r in range(page.model.rowCount())]

    # "Từ ngày…": a date typed beside it; another page (another machine) opens on it.
    page.window_combo.setCurrentIndex(page.window_combo.findData("date"))
    page.window_combo.activated.emit(page.window_combo.currentIndex())
    page.since_field.set_value(today - timedelta(days=20))
    page.since_field.edit.editingFinished.emit()
    assert chase_window.get_window(db) == (today - timedelta(days=20)).isoformat()
    other = ChaseListPage(db)
    qtbot.addWidget(other)
    other.reload()
    assert other.window_combo.currentData() == "date" and not other.since_field.isHidden()
    assert other.since_field.value() == today - timedelta(days=20)
    cut = short_date(today - timedelta(days=20))
    assert f"Không đôn đốc 3 báo cáo quá hạn có hạn trước ngày {cut}" in other.summary.text()
