"""The tasks report's period in the document dialog (ui/dialogs/document_period.py), and the
report of exactly what Báo cáo › Nhiệm vụ shows ("Báo cáo PDF…", ui/tabs/task_export.py): the
previews built by the real dialog on a real SQLite file, read back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog
from bdcq_desktop.ui.dialogs.document_period import default_period
from bdcq_desktop.ui.tabs import task_export
from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage
from tests.pdf_text import flat_text
from tests.test_tasks_report_period import T, data  # noqa: F401  (the fixture)

TIMEOUT = 30_000


def _shown(qtbot: Any, dialog: DocumentDialog) -> str:
    qtbot.waitUntil(lambda: not dialog._busy and dialog._pdf is not None, timeout=TIMEOUT)
    assert dialog._pdf is not None
    return flat_text(dialog._pdf)


def _choose(qtbot: Any, dialog: DocumentDialog, index: int) -> str:
    dialog._pdf = None
    dialog.period_combo.setCurrentIndex(index)
    return _shown(qtbot, dialog)


def test_the_dialog_offers_the_period_of_the_tasks_report(
    qtbot: Any, db: Any, data: None  # noqa: F811
) -> None:
    dialog = DocumentDialog(db, kind="tasks", today=T)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.period_combo
    assert combo.isVisible()
    # 20 November: the fourth quarter, under way, is chosen first.
    assert combo.currentText() == "Quý IV năm 2026 (đến nay)"
    text = _shown(qtbot, dialog)
    assert "quý IV năm 2026 (tính đến ngày 20 tháng 11 năm 2026)" in text
    q3 = combo.findText("Quý III năm 2026")
    text = _choose(qtbot, dialog, q3)
    assert "Giao quý III năm 2026" in text.replace("giao quý", "Giao quý")
    assert "Tổng số nhiệm vụ: 5, giao cho 1 cơ quan, đơn vị;" in text
    text = _choose(qtbot, dialog, combo.count() - 1)  # every task
    assert "(tính đến ngày 20 tháng 11 năm 2026)" in text
    assert "Tổng số nhiệm vụ: 8," in text
    # A kind without a period: no such row.
    dialog.select_kind("roster")
    assert not combo.isVisible()


def test_the_kind_list_does_not_call_a_report_of_a_period_the_whole_data(
    qtbot: Any, db: Any, data: None  # noqa: F811
) -> None:
    """The tasks report read "(toàn bộ dữ liệu)" in "Loại văn bản" with a quarter chosen just
    below it: its label alone now; the roster, the whole of it, keeps the words."""
    dialog = DocumentDialog(db, kind="tasks", today=T)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.period_combo.currentText() == "Quý IV năm 2026 (đến nay)"
    kinds = dialog.kind_combo
    assert kinds.currentText() == "Báo cáo tình hình thực hiện nhiệm vụ"
    assert dialog.findChild(QLabel, "recordLabel").text() == "Văn bản tổng hợp"
    assert kinds.itemText(kinds.findData("roster")) == (
        "Danh sách thành viên Ban Chỉ đạo (toàn bộ dữ liệu)"
    )


def test_a_quarters_first_month_reports_the_quarter_before() -> None:
    assert default_period(date(2026, 10, 5)).label == "quý III năm 2026"
    assert default_period(date(2026, 1, 31)).label == "quý IV năm 2025"
    assert default_period(date(2026, 8, 1)).label == "quý III năm 2026"


def test_the_report_of_what_the_list_shows(qtbot: Any, db: Any, data: None) -> None:  # noqa: F811
    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.resize(1346, 600)
    page.show()
    page.reload()
    page.tasks.search.setText("xong")
    qtbot.waitUntil(lambda: len(page.tasks.visible_rows()) == 5, timeout=TIMEOUT)  # "…xong…"
    rows = page.tasks.visible_rows()
    dialog = task_export.report_listed(page)
    assert isinstance(dialog, DocumentDialog)
    # Not given to qtbot: a child of the page that deletes itself on close; qtbot closing it
    # again at teardown met the deleted object now and then (CI).
    assert dialog.period_combo.currentText() == "Như danh sách đang hiện: tìm “xong”"
    text = _shown(qtbot, dialog)
    assert "(tìm “xong”; tính đến ngày" in text
    # The list's figures: the tasks it shows, done as it counts them.
    done = sum(r.status.startswith("done") for r in rows)
    assert f"Tổng số nhiệm vụ: {len(rows)}, giao cho 1 cơ quan, đơn vị;" in text
    assert f"Đã hoàn thành: {done} (" in text
    assert "Nhiệm vụ giao trong quý" not in text and "Nhiệm vụ quá hạn từ trước" not in text
    dialog.close()


def test_an_empty_list_is_said_as_such(qtbot: Any, db: Any, data: None) -> None:  # noqa: F811
    page = TaskTrackingPage(db)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    page.tasks.search.setText("không có nhiệm vụ nào tên thế này")
    qtbot.waitUntil(lambda: not page.tasks.visible_rows(), timeout=TIMEOUT)
    dialog = task_export.report_listed(page)  # the page's child, deleted on close (above)
    text = _shown(qtbot, dialog)
    # Not "the committee has given no task": the list shows none.
    assert "Danh sách nhiệm vụ đang theo dõi không có nhiệm vụ nào." in text
    assert "chưa giao nhiệm vụ nào" not in text
    dialog.close()


def test_a_period_issued_in_the_dialog_is_shown_for_that_period_only(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issued for the third quarter, the stored copy is shown for it; the first half chosen
    then is a draft of its own, issued under the next number (not the quarter's copy)."""
    from bdcq_desktop.core import register
    from bdcq_desktop.ui import messages

    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    monkeypatch.setattr(messages, "show_message", lambda *a, **k: QMessageBox())
    dialog = DocumentDialog(demo_db, kind="tasks")
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.period_combo
    _choose(qtbot, dialog, combo.findText("Quý III năm 2026"))
    with qtbot.waitSignal(dialog.issued, timeout=TIMEOUT) as issued:
        dialog.issue_button.click()
    q3 = issued.args[0]
    assert q3.summary.endswith("quý III năm 2026")
    text = _choose(qtbot, dialog, combo.findText("6 tháng đầu năm 2026"))
    assert dialog._issued is None and "Chưa ban hành" in dialog.status.text()
    assert "6 tháng đầu năm 2026" in text and "quý III năm 2026" not in text
    with qtbot.waitSignal(dialog.issued, timeout=TIMEOUT) as issued:
        dialog.issue_button.click()
    assert issued.args[0].number == q3.number + 1
    text = _choose(qtbot, dialog, combo.findText("Quý III năm 2026"))
    assert dialog._issued is not None and dialog._issued.symbol == q3.symbol
    tasks = [r for r in register.list_issued(demo_db) if r.kind == "tasks"]
    assert [r.symbol for r in tasks] == [issued.args[0].symbol, q3.symbol]
    dialog.close()


def test_each_periods_draft_is_offered_its_own_file_name(
    qtbot: Any, db: Any, data: None  # noqa: F811
) -> None:
    dialog = DocumentDialog(db, kind="tasks", today=T)
    qtbot.addWidget(dialog)
    combo = dialog.period_combo
    combo.setCurrentIndex(combo.findText("Quý III năm 2026"))
    assert dialog.file_name() == "bao-cao-nhiem-vu-quy-iii-nam-2026-du-thao-2026-11-20.pdf"
    combo.setCurrentIndex(combo.findText("6 tháng đầu năm 2026"))
    assert dialog.file_name() == "bao-cao-nhiem-vu-6-thang-dau-nam-2026-du-thao-2026-11-20.pdf"
    combo.setCurrentIndex(combo.count() - 1)  # every task: the name it always had
    assert dialog.file_name() == "bao-cao-nhiem-vu-du-thao-2026-11-20.pdf"
    qtbot.waitUntil(lambda: not dialog._busy, timeout=TIMEOUT)
