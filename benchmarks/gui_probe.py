"""In-process GUI figures on the real widgets and models, each beside a Qt-only baseline.

``python -m benchmarks.gui_probe TEN_YEAR_DB ROSTER_DB RUNS`` prints one JSON object:

* ``tabs``: for each tab and members sub-view, milliseconds from switching to it and reloading
  it to its first screen of rows painted; baseline ``screen``: a ``QTableView`` over a
  ``QStandardItemModel`` holding one screen of the same cells, built and painted.
* ``search``: per keystroke, from the search text changing to the filtered rows painted, on the
  meetings, on all report submissions (ten years) and on the roster of the imported people;
  baseline: Qt's C++ ``QSortFilterProxyModel`` with a fixed-string filter over the same cells
  (no Python per row, no Vietnamese folding).
* ``scroll``: paging through every report submission of ten years to the bottom, each page
  painted; baseline: the same over a ``QStandardItemModel`` of the same cells.
* ``quick_entry``: a report recorded in the quick entry, every tab read before, from the save
  to the round's units read again and painted; baseline: ``screen``.
* ``pick``: in the meetings and the working sessions, the arrow key moving to the next row,
  from the key to that record read and its pane painted (a meeting's agenda, invitees,
  conclusions and their tasks), per row over the list's first rows; baseline: ``screen``.

Runs in its own process so the memory and import state of the rest of the suite stay out.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bdcq_desktop.core import reports
from bdcq_desktop.core.db import open_database
from bdcq_desktop.ui.list_tab import RecordTable
from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.table_model import ROW_ROLE

from .qt_app import application, window_with_every_tab

# Typing a query, correcting it, typing another (as the old roster benchmark did).
KEYS = [*"nguyen van", "BS", "BS", "BS", "BS", *"hoa", *["BS"] * 9, *"so y t"]
SCREEN_ROWS = 30


def wait_for_rows(widget: QWidget, timeout: float = 10.0) -> None:
    """Process events until a visible table in ``widget`` has rows (a tab may load them in the
    background), then deliver the posted events, which paint them. Not the timers queued
    behind the paint: what a tab fills once its rows are painted (a record pane) comes after
    the first screen of rows."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for view in widget.findChildren(QAbstractItemView):
            model = view.model()
            if view.isVisible() and model is not None and model.rowCount() > 0:
                QCoreApplication.sendPostedEvents()
                return
        QApplication.processEvents()
    raise RuntimeError(f"no rows shown in {widget.objectName()}")


def _cells(table: RecordTable, limit: int | None = None) -> list[list[str]]:
    """The texts of the table's cells, as the model shows them, row by row."""
    model = table.model
    model.show_all()
    rows = model.rowCount() if limit is None else min(limit, model.rowCount())
    cols = model.columnCount()
    return [[str(model.index(r, c).data() or "") for c in range(cols)] for r in range(rows)]


def _qt_table(cells: list[list[str]], parent: QWidget) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(len(cells), len(cells[0]) if cells else 1, parent)
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            model.setItem(r, c, QStandardItem(text))
    view = QTableView(parent)
    view.verticalHeader().setDefaultSectionSize(26)
    return view, model


def measure_tabs(window: MainWindow, runs: int) -> dict[str, Any]:
    """Each tab and sub-view: switched to and reloaded. A page of the Báo cáo tab is read when it
    is shown after a change (the tab marks its pages stale and reads the one in front): it is
    timed as that, switched to once stale, one read, not switched to and then read again."""
    app = QApplication.instance()
    # name, tab index, what to do before the clock starts, the switch (returns the widget whose
    # rows appear), whether the switch alone reads it
    targets: list[tuple[str, int, Callable[[], Any], Callable[[], QWidget], bool]] = []
    for i in range(window.tabs.count()):
        tab = window.tabs.widget(i)
        views = getattr(tab, "views", None)
        pages = getattr(tab, "pages", None)
        if views is not None:  # the members tab: time each sub-view
            for j in range(views.count()):
                name = views.widget(j).objectName() or f"members{j}"
                targets.append((name, i, _nothing, _sub(views, j), False))
        elif pages is not None:  # the reports tab: its first page as the tab, then the others
            targets.append((tab.objectName(), i, _nothing, lambda t=tab: _first_page(t), False))
            for j in range(1, pages.count()):
                name = pages.widget(j).objectName() or f"page{j}"
                targets.append((name, i, lambda t=tab: _all_stale(t), _sub(pages, j), True))
        else:
            targets.append((tab.objectName(), i, _nothing, lambda t=tab: t, False))
    times: dict[str, list[float]] = {name: [] for name, *_ in targets}
    for _ in range(runs + 1):  # the first round warms up
        for name, i, prepare, select, reads_itself in targets:
            window.tabs.setCurrentIndex((i + 1) % window.tabs.count())
            prepare()
            app.processEvents()
            start = time.perf_counter()
            window.tabs.setCurrentIndex(i)
            widget = select()
            if not reads_itself:
                widget.reload()  # type: ignore[attr-defined]
            wait_for_rows(widget)
            times[name].append((time.perf_counter() - start) * 1000)
    tabs = {name: statistics.median(t[1:]) for name, t in times.items()}
    for i in range(window.tabs.count()):  # back to each tab's first page, as a start shows it
        pages = getattr(window.tabs.widget(i), "pages", None)
        if pages is not None:
            pages.setCurrentIndex(0)
    # Baseline: one screen of the meetings' cells in a plain Qt table, built and painted.
    cells = _cells(window.meetings_tab.table, SCREEN_ROWS)
    holder = QWidget()
    holder.resize(1280, 700)
    layout = QVBoxLayout(holder)
    holder.show()
    baseline = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        view, model = _qt_table(cells, holder)
        layout.addWidget(view)
        view.setModel(model)
        view.show()
        app.processEvents()
        baseline.append((time.perf_counter() - start) * 1000)
        view.deleteLater()
        app.processEvents()
    holder.close()
    return {"tabs": tabs, "screen": statistics.median(baseline[1:])}


def _nothing() -> None:
    return None


def _first_page(tab: Any) -> QWidget:
    tab.pages.setCurrentIndex(0)
    return tab


def _all_stale(tab: Any) -> None:
    """Back on the first page, then a change: every page is read again when next shown."""
    tab.pages.setCurrentIndex(0)
    tab.reload()


def _sub(views: Any, j: int) -> Callable[[], QWidget]:
    def select() -> QWidget:
        views.setCurrentIndex(j)
        return views.widget(j)

    return select


def _type(search: QLineEdit, after: Callable[[], Any]) -> list[float]:
    search.clear()
    QApplication.processEvents()
    times, text = [], ""
    for key in KEYS:
        text = text[:-1] if key == "BS" else text + key
        start = time.perf_counter()
        search.setText(text)  # what a key press does to the box: textChanged, then the filter
        after()
        QApplication.processEvents()  # the repaint the user waits for
        times.append((time.perf_counter() - start) * 1000)
    search.clear()
    return times


def _qt_search(cells: list[list[str]], runs: int) -> list[float]:
    window = QWidget()
    view, model = _qt_table(cells, window)
    proxy = QSortFilterProxyModel(window)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    search = QLineEdit(window)
    search.textChanged.connect(proxy.setFilterFixedString)
    layout = QVBoxLayout(window)
    layout.addWidget(search)
    layout.addWidget(view)
    window.resize(1280, 700)
    window.show()
    QApplication.processEvents()
    times = [t for _ in range(runs) for t in _type(search, proxy.rowCount)]
    window.close()
    return times


def measure_quick_entry(window: MainWindow, runs: int) -> float:
    """A unit's report recorded in the quick entry (Báo cáo › Đợt báo cáo: Enter, a number,
    Enter), every tab read before, as after a day's work: milliseconds from the save to the
    round's units read again and painted, the median of ``runs``. It changes the data (the
    reports recorded), so it comes after the reads timed on the data as generated."""
    app = QApplication.instance()
    tab = window.reports_tab
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentIndex(0)
    app.processEvents()
    view = tab.rounds_view
    tab.rounds.view.selectRow(3)  # a round of months ago: its units' reports mostly in
    wait_for_rows(view.pane)
    times = []
    for i in range(runs + 1):  # the first warms up
        view.pane.table.view.selectRow(i % 10)
        view.pane.quick_entry()
        dialog = view.last_dialog
        app.processEvents()
        dialog.number_edit.setText(f"{100 + i}/BC-DAT")  # type: ignore[union-attr]
        start = time.perf_counter()
        if not dialog.try_save():  # type: ignore[union-attr]
            raise RuntimeError(f"quick entry refused: {dialog.banner_label.text()}")  # type: ignore[union-attr]
        wait_for_rows(view.pane)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1:])


def measure_pick(tab: Any, rows: int) -> dict[str, float]:
    """The arrow key down the first ``rows`` rows of ``tab``'s list, from each key to the next
    record read and painted: what the officer waits for, row by row, when looking through
    the meetings before the chair arrives. The median and the worst (the first row, which
    warms up, left out)."""
    app = QApplication.instance()
    view = tab.table.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    app.processEvents()
    times = []
    for _ in range(min(rows, view.model().rowCount() - 1)):
        start = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Down)
        app.processEvents()  # the pane's paint, and what its record queued
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    if view.currentIndex().row() != len(times):
        raise RuntimeError(f"the arrow key reached row {view.currentIndex().row()}")
    return {"median": statistics.median(times[1:]), "worst": max(times[1:])}


def measure_search(tables: dict[str, RecordTable], runs: int) -> dict[str, Any]:
    out = {}
    for name, table in tables.items():
        if not table.view.isVisible():
            raise RuntimeError(f"the {name} table is not shown")
        _type(table.search, table.proxy.rowCount)  # warm-up
        ours = [t for _ in range(runs) for t in _type(table.search, table.proxy.rowCount)]
        qt = _qt_search(_cells(table), runs)
        out[name] = {
            "rows": len(table.model.rows()),
            "median": statistics.median(ours),
            "worst": max(ours),
            "qt_median": statistics.median(qt),
            "qt_worst": max(qt),
        }
    return out


def _scroll(view: QTableView, can_fetch: Callable[[], bool]) -> list[float]:
    bar = view.verticalScrollBar()
    bar.setValue(0)
    QApplication.processEvents()
    frames = []
    for _ in range(20_000):
        if bar.value() >= bar.maximum() and not can_fetch():
            break
        start = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        QApplication.processEvents()
        frames.append((time.perf_counter() - start) * 1000)
    return frames


def measure_scroll(window: MainWindow, table: RecordTable) -> dict[str, Any]:
    window.tabs.setCurrentWidget(window.reports_tab)
    table.search.clear()
    table.view.scrollToTop()
    table.reload()  # back to the first batch of rows, as after a load
    QApplication.processEvents()
    proxy = table.proxy
    ours = _scroll(table.view, lambda: proxy.canFetchMore(QModelIndex()))
    cells = _cells(table)
    holder = QWidget()
    holder.resize(table.view.width(), table.view.height())
    view, model = _qt_table(cells, holder)
    # The baseline's own items (a Python object each, 25,000 rows of them) set aside from the
    # cyclic collector, as the application sets aside what it keeps: a full pass over them
    # (230 ms) landing in one of its frames timed the collector, not Qt.
    gc.freeze()
    view.setModel(model)
    view.resize(table.view.size())
    holder.show()
    QApplication.processEvents()
    qt = _scroll(view, lambda: False)
    holder.close()
    return {
        "rows": len(cells),
        "frames": len(ours),
        "median": statistics.median(ours),
        "worst": max(ours),
        "over_50": sum(f > 50 for f in ours),  # stalls, not just the one worst
        "qt_median": statistics.median(qt),
        "qt_worst": max(qt),
        "qt_over_50": sum(f > 50 for f in qt),
    }


def main() -> int:
    ten_year, roster, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app = application()
    db = open_database(ten_year)
    # As the application's start does once its database is open (ui/app.py, _Start._opened):
    # what the imports made is frozen out of the cyclic collector, which stays on for the rest.
    gc.freeze()
    window = window_with_every_tab(db, (1280, 760))
    result = measure_tabs(window, runs)
    result["quick_entry"] = measure_quick_entry(window, runs)
    result["pick"] = {}
    for name in ("meetings_tab", "sessions_tab"):
        tab = getattr(window, name)
        window.tabs.setCurrentWidget(tab)
        app.processEvents()
        result["pick"][tab.objectName()] = measure_pick(tab, 10 * runs + 1)

    # Every report submission of ten years in the reports tab's own submissions table.
    subs = window.reports_tab.submissions
    everything = [s for r in reports.list_rounds(db) for s in reports.list_submissions(db, r.id)]
    subs.loader = lambda: everything
    splitter = window.reports_tab.findChild(QSplitter)
    if splitter is not None:
        splitter.setSizes([100, 600])
    window.tabs.setCurrentWidget(window.reports_tab)
    subs.reload()
    app.processEvents()
    assert len(subs.model.rows()) == len(everything)

    roster_db = open_database(roster)
    roster_window = window_with_every_tab(roster_db, (1280, 760))
    roster_window.members_tab.views.setCurrentIndex(0)  # the committee view, whatever was saved
    committee = roster_window.members_tab.committee.table
    window.tabs.setCurrentWidget(window.meetings_tab)
    app.processEvents()
    searches = {"meetings": window.meetings_tab.table}
    result["search"] = measure_search(searches, runs)
    roster_window.raise_()
    result["search"].update(measure_search({"roster": committee}, runs))
    roster_window.close()
    window.tabs.setCurrentWidget(window.reports_tab)
    app.processEvents()
    result["search"].update(measure_search({"submissions": subs}, max(1, runs // 3)))
    result["scroll"] = measure_scroll(window, subs)
    first = subs.proxy.data(subs.proxy.index(0, 0), ROW_ROLE)
    assert first is not None
    window.close()
    db.dispose()
    roster_db.dispose()
    print(json.dumps(result), flush=True)
    # Skip the interpreter's teardown: PySide6 can crash collecting widgets at exit, and
    # nothing is left to flush.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
