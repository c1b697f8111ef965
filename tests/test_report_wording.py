"""The reports' wording the audit of the department reports found wrong (Đôn đốc page, round
summary, ``bdcq rounds list``, ``bdcq reports receive``), on the dataset of
tests/report_fixtures.py dated today: in round "Tháng 01" UBND huyện Gamma has sent nothing (28
days overdue), Sở Alpha owes the ad hoc round (95 days)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bdcq_desktop.core.waivers import waive_unit
from bdcq_desktop.documents import service
from bdcq_desktop.ui.tabs.chase_list import ChaseListPage
from tests import report_fixtures as rf
from tests.cli_run import run_bdcq
from tests.pdf_text import flat_text

REASON = "Đơn vị không có nội dung phát sinh trong kỳ"


def test_the_chase_page_says_nothing_of_reports_once_all_are_waived(qtbot: Any, db: Any) -> None:
    data = rf.build(db, date.today())
    waive_unit(db, data.rounds["adhoc"], rf.UNIT_A, reason=REASON)
    waive_unit(db, data.rounds["jan"], rf.UNIT_C, reason=REASON)
    page = ChaseListPage(db)
    qtbot.addWidget(page)
    page.reload()
    summary = page.summary.text()
    assert "cần đôn đốc: 2 nhiệm vụ quá hạn chưa hoàn thành" in summary  # Bêta, Gamma
    assert "0 báo cáo" not in summary and "báo cáo quá hạn chưa gửi" not in summary


def test_the_round_summary_counts_the_overdue_in_one_pair_of_brackets(db: Any) -> None:
    data = rf.build(db, date.today())
    text = flat_text(service.draft(db, "reports-summary", data.rounds["jan"]))
    assert "Quá hạn, chưa gửi báo cáo (2 đơn vị)" in text  # Gamma, and Delta (retired)
    assert "(quá hạn) (" not in text


def test_the_cli_says_quá_hạn_and_points_a_second_receipt_to_edit(db: Any, db_path: Path) -> None:
    data = rf.build(db, date.today())
    rid = data.rounds["jan"]
    out = run_bdcq(["rounds", "list"], db=db_path)
    assert out.returncode == 0, out.stderr
    header = out.stdout.splitlines()[0]
    assert "Quá hạn" in header and "Chưa nộp" not in header  # the GUI's word

    out = run_bdcq(
        ["reports", "receive", str(rid), rf.UNIT_A, "--date", date.today().isoformat()],
        db=db_path,
    )
    assert out.returncode == 2
    [line] = out.stderr.strip().splitlines()
    assert f"bdcq reports edit {rid} {data.units['A']}" in line
