"""Deleting a round that holds waivers (bdcq_desktop/core/round_edit.py delete_round, ``bdcq
rounds delete``, the Xóa đợt question): a waiver is the committee's decision, with its reason,
and went with the round without a word. Now the core asks first, naming the waivers; the CLI
needs --yes; the window's question counts them. On the dataset of tests/report_fixtures.py:
round "Tháng 03" (not due, nothing received) with Sở Alpha excused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from bdcq_desktop.core import reports, round_edit, rounds
from bdcq_desktop.core.errors import RoundWaiversWarning
from bdcq_desktop.core.waivers import waive_unit
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab
from tests import report_fixtures as rf
from tests.cli_run import run_bdcq

REASON = "Đơn vị đã sáp nhập, không còn nội dung báo cáo"


def _march(db: Any) -> int:
    data = rf.build(db, date.today())
    rid = data.rounds["mar"]
    waive_unit(db, rid, rf.UNIT_A, reason=REASON)
    return rid


def _ids(db: Any) -> set[int]:
    return {r.id for r in reports.list_rounds(db)}


def test_the_core_asks_before_deleting_waivers(db: Any) -> None:
    rid = _march(db)
    version = rounds.get_round(db, rid).version
    with pytest.raises(RoundWaiversWarning) as asked:
        round_edit.delete_round(db, rid, expected_version=version)
    assert "1 miễn nộp" in asked.value.message and f"{rf.UNIT_A}: {REASON}" in asked.value.message
    assert rid in _ids(db)  # nothing deleted
    round_edit.delete_round(db, rid, expected_version=version, confirm_waivers=True)
    assert rid not in _ids(db)


def test_the_cli_needs_yes_and_names_what_is_lost(db: Any, db_path: Path) -> None:
    rid = _march(db)
    out = run_bdcq(["rounds", "delete", str(rid)], db=db_path)
    assert out.returncode != 0 and "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert "1 miễn nộp" in line and REASON in line and "--yes" in line
    assert rid in _ids(db)
    out = run_bdcq(["rounds", "delete", str(rid), "--yes"], db=db_path)
    assert out.returncode == 0, out.stderr
    assert rid not in _ids(db)


def test_the_window_says_the_waivers_go_with_the_round(qtbot: Any, db: Any) -> None:
    rid = _march(db)
    tab = ReportsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    tab.reload()
    view = tab.rounds_view
    qtbot.waitUntil(lambda: tab.rounds.model.rowCount() == 4)
    tab.rounds.select_where(lambda r: r.id == rid)
    assert view.delete_action.isEnabled()
    view.delete_action.trigger()
    box = view.last_dialog
    assert isinstance(box, QMessageBox)
    assert "Cùng đợt sẽ xóa 1 miễn nộp của Ban Chỉ đạo (kèm lý do)" in box.text()
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()
    qtbot.waitUntil(lambda: rid not in _ids(db))
