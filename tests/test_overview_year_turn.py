"""Báo cáo › Tổng hợp in January: it opened on the newest year with rounds, so on 06/01/2027,
2027's first rounds just opened, it read "Quá hạn, chưa nộp: 0" while the units still owed
2026's Q4 and second-half reports (the audit of the turn of the year). It now opens on the
year of the round last due by today; the newest year once one of its rounds is due."""

from __future__ import annotations

from datetime import date
from typing import Any

from bdcq_desktop.core import report_overview as ro
from bdcq_desktop.core.models import SubmissionStatus
from bdcq_desktop.ui.tabs.report_overview import OverviewPage
from tests import report_fixtures as rf

TODAY = date(2027, 1, 6)  # February's round (period to 27/12/2026) due today, March's to come


def test_january_opens_on_last_year_s_arrears(qtbot: Any, db: Any) -> None:
    rf.build(db, TODAY)
    assert ro.filter_choices(db, TODAY).years == (2027, 2026)
    assert ro.filter_choices(db, TODAY).current_year == 2026
    # March's round (its period ends 26/01/2027) once due, 06/02/2027: 2027's page.
    assert ro.filter_choices(db, date(2027, 2, 6)).current_year == 2027
    page = OverviewPage(db)
    qtbot.addWidget(page)
    page.today = TODAY
    page.resize(1300, 650)
    page.show()
    page.reload()
    assert page.year_combo.currentData() == 2026
    overdue = page.count_labels[SubmissionStatus.OVERDUE].text()
    assert not overdue.endswith(": 0"), overdue
