""" "Xuất Excel…" of the Báo cáo pages (rounds, a round's units, regimes, the overview grid):
the file holds what the screen shows (its columns, titles, words and Vietnamese dates, the
search and filters applied), .xlsx or .csv by the extension, never over the database. The
overview tells two rounds of one period apart by their regimes, in its header and its bars."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bdcq_desktop.core.text import rate_text
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab

TIMEOUT = 20_000


@pytest.fixture
def tab(qtbot: Any, demo_db: Any) -> ReportsTab:
    widget = ReportsTab(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.reload()
    qtbot.waitUntil(lambda: widget.rounds.model.rowCount() > 0)
    return widget


def _xlsx(path: Path) -> list[list[Any]]:
    return [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def _csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)  # Excel reads the Vietnamese
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _shown_titles(table: Any) -> list[str]:
    view = table.view
    columns = table.model.columns()
    shown = [c for c in range(len(columns)) if not view.isColumnHidden(c)]
    return [columns[c].title for c in sorted(shown, key=view.horizontalHeader().visualIndex)]


def test_the_rounds_list_exports_as_shown(qtbot: Any, tab: ReportsTab, tmp_path: Path) -> None:
    view = tab.rounds_view
    assert view.export_action.isEnabled() and view.export_action.text() == "Xuất Excel…"
    view.table.search.setText("Quý")  # the search applied: only these rows
    shown = view.table.proxy.rowCount()
    assert 0 < shown < view.table.model.total_rows()
    target = tmp_path / "dot.xlsx"
    from bdcq_desktop.ui import table_export

    table_export.export_sheet(view, view.db, str(target), view.sheet())
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    rows = _xlsx(target)
    assert rows[0] == _shown_titles(view.table) and len(rows) == shown + 1
    # A date stays a date (Excel sorts it), shown as the screen writes it; a count a number.
    due = rows[1][rows[0].index("Hạn nộp")]
    assert isinstance(due, datetime) and isinstance(rows[1][rows[0].index("Đơn vị")], int)
    assert all("Quý" in r[rows[0].index("Kỳ")] for r in rows[1:])
    ws = load_workbook(target).active
    assert ws.cell(2, rows[0].index("Hạn nộp") + 1).number_format == "DD/MM/YYYY"
    # The same as CSV, by the extension: the dates as the screen writes them.
    target = tmp_path / "dot.csv"
    table_export.export_sheet(view, view.db, str(target), view.sheet())
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    table = _csv(target)
    texts = view.table.visible_rows()
    assert table[0] == rows[0] and len(table) == shown + 1
    assert table[1][0] == f"{texts[0].due_date:%d/%m/%Y}"


def test_a_rounds_units_export_in_the_words_of_the_screen(
    qtbot: Any, tab: ReportsTab, tmp_path: Path
) -> None:
    from bdcq_desktop.ui import table_export

    assert tab.rounds.select_where(lambda r: r.id == 13)
    pane = tab.rounds_view.pane
    qtbot.waitUntil(lambda: pane.round is not None and pane.round.id == 13)
    assert pane.export_action.isEnabled()
    target = tmp_path / "dv.csv"
    table_export.export_sheet(pane, pane.db, str(target), pane.sheet())
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    table = _csv(target)
    assert table[0] == _shown_titles(pane.table) and len(table) == pane.table.proxy.rowCount() + 1
    status = table[0].index("Tình trạng")
    by_unit = {r[0]: r for r in table[1:]}
    assert by_unit["Sở Nội vụ"][status] == "Nộp muộn 11 ngày"  # not "late"
    assert by_unit["Sở Nội vụ"][table[0].index("Ngày nhận")] == "01/10/2026"
    assert "Tóm tắt kết quả" in table[0]


def test_the_regimes_and_the_overview_grid_export(
    qtbot: Any, tab: ReportsTab, tmp_path: Path
) -> None:
    from bdcq_desktop.ui import table_export

    regimes = tab.regimes_view
    regimes.reload()
    target = tmp_path / "cd.xlsx"
    table_export.export_sheet(regimes, regimes.db, str(target), regimes.sheet())
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    rows = _xlsx(target)
    assert rows[0] == _shown_titles(regimes.table)
    assert "Báo cáo công tác bảo đảm an toàn thông tin mạng" in [r[0] for r in rows[1:]]

    page = tab.overview_page
    page.reload()
    page.year_combo.setCurrentIndex(page.year_combo.findData(2026))
    assert page.export_button.text() == "Xuất &Excel…"
    target = tmp_path / "th.xlsx"
    table_export.export_sheet(page, page.db, str(target), page.sheet())
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    rows = _xlsx(target)
    # The units, then each round's rate as the chart's table says it: a round still open
    # reads "Đang mở: 0/23 đã nộp", never a rate of its early reports.
    assert rows[0][0] == "Cơ quan, đơn vị" and len(rows) == page.model.rowCount() + 2
    assert rows[-1][0] == "Tỷ lệ đúng hạn"
    assert page.overview is not None
    c = {r.id: r.counts for r in page.overview.rounds}
    assert rows[-1][1:] == [
        rate_text(c[r.id].on_time_rate)
        if r.settled
        else f"Đang mở: {c[r.id].received}/{c[r.id].owed} đã nộp"
        for r in page.overview.rounds
    ]
    headers = rows[0][1:]
    assert len(headers) == page.model.columnCount()
    # Two rounds of "6 tháng đầu năm 2026", told apart by their regimes.
    assert "6 tháng đầu năm 2026 — Triển khai Chính quyền điện tử — 20/06/2026" in headers
    assert "6 tháng đầu năm 2026 — Bảo đảm an toàn thông tin mạng — 20/06/2026" in headers
    assert "Quý II/2026 — 20/06/2026" in headers  # a period of its own needs no label
    assert "Nộp muộn 37 ngày" in [c for r in rows[1:] for c in r]


def test_the_overview_tells_rounds_of_one_period_apart(qtbot: Any, tab: ReportsTab) -> None:
    page = tab.overview_page
    page.reload()
    page.year_combo.setCurrentIndex(page.year_combo.findData(2026))
    horizontal = Qt.Orientation.Horizontal
    headers = [page.model.headerData(c, horizontal) for c in range(page.model.columnCount())]
    halves = [h for h in headers if h.startswith("6 tháng đầu năm 2026")]
    assert len(halves) == 2 and len(set(halves)) == 2
    labels = [b.label for b in page.chart.bars()]
    assert len([x for x in labels if x.startswith("6 tháng đầu năm 2026")]) == 2
    assert len(set(labels)) == len(labels)  # every bar its own label
    assert "6 tháng đầu năm 2026 · Triển khai Chính quyền điện tử" in labels
    # One regime shown: its periods are its own, no label added.
    regime = next(i for i in range(page.regime_combo.count())
                  if page.regime_combo.itemText(i).endswith("Chính quyền điện tử"))  # fmt: skip
    page.regime_combo.setCurrentIndex(regime)
    assert [b.label for b in page.chart.bars()] == [
        r.period_label
        for r in page.overview.rounds  # type: ignore[union-attr]
    ]


def test_an_export_never_goes_over_the_database(
    qtbot: Any, tab: ReportsTab, tmp_path: Path
) -> None:
    from bdcq_desktop.ui import table_export

    own = tmp_path / "demo.sqlite3"  # the demo_db fixture's file
    before = own.read_bytes()
    view = tab.rounds_view
    for path, said in ((own, "tệp dữ liệu đang dùng"), (tmp_path, "thư mục")):
        table_export.export_sheet(view, view.db, str(path), view.sheet())
        qtbot.waitUntil(
            lambda: any(b.isVisible() for b in view.findChildren(QMessageBox)), timeout=TIMEOUT
        )
        (box,) = [b for b in view.findChildren(QMessageBox) if b.isVisible()]
        assert said in box.text(), box.text()
        box.close()
        box.setParent(None)
    assert own.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~")) == []


def test_the_action_asks_where_then_writes(
    qtbot: Any, tab: ReportsTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "dot-bao-cao.csv"
    asked: list[str] = []

    def answer(_parent: Any, title: str, start: str, *_a: Any) -> tuple[str, str]:
        asked.append(Path(start).name)
        return str(target), "CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    tab.rounds_view.export_action.trigger()
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    assert asked == ["dot-bao-cao.xlsx"]
    assert _csv(target)[0] == _shown_titles(tab.rounds_view.table)
