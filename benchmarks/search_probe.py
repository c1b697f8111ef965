"""The search box's first keystroke, cold, and every key of Vietnamese typing where the lists
and pickers are longest, each beside a Qt-only baseline (:mod:`.gui_probe` times the others).

``python -m benchmarks.search_probe TEN_YEAR_DB ROSTER_DB RUNS`` prints one JSON object:

* ``first``: the meetings, the committee roster of the imported people, every report
  submission of ten years, Báo cáo › Nhiệm vụ, and the "Người đã có" picker of Thêm thành viên
  (Ctrl+N on the roster; a form's people pickers are the same widget): milliseconds from the
  first key typed to the filtered rows painted, typed right after the list's first screen of
  rows is painted (the list read again just before, nothing warmed up: its rows' search texts
  not made, the tasks page's rows below its first screen not read, the picker's dialog just
  opened); the median of RUNS, each time read again. Also after the officer's pause
  (:data:`PAUSE`, the event loop running, as it does before a person types), and for the tasks
  page the longest the window was held by one thing in that pause. Then, the first key
  typed cold again, the event loop run until the search has gone through every row (a long
  list's search texts are made a slice at a time after its first matches are painted, the
  tasks page's rest read a step at a time): the longest the window was held by one thing
  meanwhile, and how long until every match was found, which must be as many as the same
  key finds typed after the pause. Baseline:
  the first key in Qt's own
  widgets over the same texts, made and painted just before (a QSortFilterProxyModel with a
  fixed-string filter; for the picker a QComboBox whose QCompleter filters a QStringListModel,
  its labels and what is typed without diacritics, so that it finds and shows as many).
* ``keys``: every later key of :data:`TASK_TYPING` on the tasks page and of
  :data:`PEOPLE_TYPING` in the picker (median, 95th percentile, worst), and the picker again
  over the 5,000 imported people; the same baselines, typed the same way.

Keys are typed as a Vietnamese keyboard (Telex) sends them: the bare letter, then the
accented letter replacing it (an input-method commit), a correction with Backspace. A search
box gets its text set, as :mod:`.gui_probe` does; the picker gets the key events, as it only
filters on what is typed.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bdcq_desktop.core import reports
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.text import fold
from bdcq_desktop.ui.list_tab import RecordTable

from .gui_probe import _cells, _qt_table, wait_for_rows
from .qt_app import application, window_with_every_tab


def typed(phrases: Sequence[tuple[str, int]]) -> list[str]:
    """The texts a box holds key by key: each phrase typed letter by letter as Telex composes
    it (an accented letter first shows bare, "hu" then "hư"), then ``erase`` letters taken back
    with Backspace."""
    text, texts = "", []
    for phrase, erase in phrases:
        for letter in phrase:
            bare = fold(letter)
            if bare and bare != letter.lower():
                texts.append(text + bare)
            text += letter
            texts.append(text)
        for _ in range(min(erase, len(text))):
            text = text[:-1]
            texts.append(text)
    return texts


# An officer's search: typed, narrowed, taken back, cleared and typed again (72 keys).
TASK_TYPING = typed(
    [("so hoa", 0), (" ho so", 12), ("hướng dẫn", 0), (" kiểm tra", 18), ("cấp xã", 0)]
)
# Looking for a person among hundreds or thousands (70 keys).
PEOPLE_TYPING = typed(
    [("nguyen van", 3), ("thị hoa", 14), ("trần minh", 4), ("tuấn", 10), ("le hoai", 0)]
)
FIRST_KEYS = {"meetings": "h", "roster": "n", "submissions": "b"}  # a common first letter
PAUSE = 0.3  # seconds between a list shown and a key typed, at the quickest


def _stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median": statistics.median(times),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "worst": ordered[-1],
        "keys": len(times),
    }


def _timed(deliver: Callable[[], Any]) -> float:
    """Milliseconds from a key delivered to what it changed painted."""
    start = time.perf_counter()
    deliver()
    QApplication.processEvents()  # the repaint the officer waits for
    return (time.perf_counter() - start) * 1000


# -- the search boxes --------------------------------------------------------------------------
def _set(search: QLineEdit, text: str, after: Callable[[], Any]) -> Callable[[], None]:
    def deliver() -> None:
        search.setText(text)  # what a key does to the box: textChanged, then the filter
        after()

    return deliver


def _pause() -> float:
    """The officer's pause before typing (:data:`PAUSE`), the event loop running as it does
    meanwhile; the longest it was held by one thing (what a key typed then would wait for)."""
    end, longest = time.perf_counter() + PAUSE, 0.0
    while (now := time.perf_counter()) < end:
        QApplication.processEvents()
        longest = max(longest, time.perf_counter() - now)
        time.sleep(0.001)
    return longest * 1000


def _cold_table(table: RecordTable, key: str, pause: bool = False) -> float:
    """The list read again and painted, then its first key (after the officer's pause)."""
    table.search.clear()
    table.reload()
    wait_for_rows(table)
    if pause:
        _pause()
    return _timed(_set(table.search, key, table.proxy.rowCount))


def _searched(table: RecordTable, busy: Callable[[], bool]) -> tuple[float, float, int]:
    """After a key, the event loop run until ``busy()`` is false (the search has gone
    through every row): the longest the window was held by one thing meanwhile and the
    milliseconds until then, and the rows found."""
    longest, start = 0.0, time.perf_counter()
    while busy():
        now = time.perf_counter()
        QApplication.processEvents()
        longest = max(longest, time.perf_counter() - now)
        if now - start > 30:
            raise RuntimeError(f"the search in {table.key} never finished")
    table.model.show_all()
    return longest * 1000, (time.perf_counter() - start) * 1000, table.proxy.rowCount()


def _searching(table: RecordTable) -> Callable[[], bool]:
    # A model of an older checkout searches every row at once: never busy after the key.
    return getattr(table.model, "searching", lambda: False)


class QtList:
    """Qt's own search over the same cells: a fixed-string QSortFilterProxyModel, no Python
    per row and no Vietnamese folding; made and painted when constructed."""

    def __init__(self, cells: list[list[str]]) -> None:
        self.window = QWidget()
        view, model = _qt_table(cells, self.window)
        self.proxy = QSortFilterProxyModel(self.window)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.search = QLineEdit(self.window)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        layout = QVBoxLayout(self.window)
        layout.addWidget(self.search)
        layout.addWidget(view)
        self.window.resize(1280, 700)
        self.window.show()
        QApplication.processEvents()

    def type(self, texts: Sequence[str]) -> list[float]:
        times = [_timed(_set(self.search, t, self.proxy.rowCount)) for t in texts]
        self.search.clear()
        QApplication.processEvents()
        return times

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        # Deleted now (processEvents alone leaves a deferred delete to the event loop): its
        # 60,000 items would otherwise stay for the full collection timed at the end.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def first_key_tables(tables: dict[str, RecordTable], runs: int) -> dict[str, Any]:
    out = {}
    for name, table in tables.items():
        key = FIRST_KEYS[name]
        cells = _cells(table)
        ours, paused, qt, held, done = [], [], [], [], []
        for _ in range(runs):  # in turn, so a burst of load hits both alike
            ours.append(_cold_table(table, key))
            _cold_table(table, key)
            longest, until, found = _searched(table, _searching(table))
            held.append(longest)
            done.append(until)
            paused.append(_cold_table(table, key, pause=True))
            table.model.show_all()  # every match, were the search not done (it should be)
            if found != table.proxy.rowCount():
                raise RuntimeError(f"{name}: {found} rows found cold, {table.proxy.rowCount()} "
                                   "after the pause")
            baseline = QtList(cells)
            qt.append(baseline.type([key])[0])
            baseline.close()
        table.search.clear()
        out[name] = {
            "rows": table.model.total_rows(),
            "median": statistics.median(ours),
            "after_pause": statistics.median(paused),
            "held": statistics.median(held),
            "done": statistics.median(done),
            "qt_median": statistics.median(qt),
        }
    return out


# -- the tasks page ----------------------------------------------------------------------------
def tasks_page(window: Any, runs: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Báo cáo › Nhiệm vụ read again as first shown (its first screen only), then the whole
    typing: its first key (which finds the rest of the tasks unread) and the keys after."""
    app = QApplication.instance()
    tab = window.reports_tab
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.tasks_page)
    page = tab.tasks_page
    table = page.tasks
    app.processEvents()
    firsts, paused, stalls, keys, held, done = [], [], [], [], [], []
    searching = _searching(table)

    def busy() -> bool:  # the rest of the tasks still read, or searched
        return page.first_screen_only() or searching()
    qt_firsts, qt_keys = [], []

    def first_screen() -> None:
        table.search.clear()
        table.view.setCurrentIndex(QModelIndex())  # as first shown: no task made current
        page.reload()
        wait_for_rows(table)
        if not page.first_screen_only():
            raise RuntimeError("the tasks page read every task before its first paint")

    for _ in range(runs):
        first_screen()
        stalls.append(_pause())  # the officer finds the search box; the rest is read
        paused.append(_timed(_set(table.search, TASK_TYPING[0], table.proxy.rowCount)))
        after_pause = _searched(table, busy)[2]  # the rest, if not read yet, then searched
        first_screen()
        _set(table.search, TASK_TYPING[0], table.proxy.rowCount)()
        longest, until, found = _searched(table, busy)
        if found != after_pause:
            raise RuntimeError(f"tasks: {found} rows found cold, {after_pause} after the pause")
        held.append(longest)
        done.append(until)
        first_screen()
        times = [_timed(_set(table.search, t, table.proxy.rowCount)) for t in TASK_TYPING]
        firsts.append(times[0])
        keys += times[1:]
        table.search.clear()
        app.processEvents()
        baseline = QtList(_cells(table))
        qt = baseline.type(TASK_TYPING)
        baseline.close()
        qt_firsts.append(qt[0])
        qt_keys += qt[1:]
    first = {
        "rows": table.model.total_rows(),
        "median": statistics.median(firsts),
        "after_pause": statistics.median(paused),
        "longest_stall": statistics.median(stalls),
        "held": statistics.median(held),
        "done": statistics.median(done),
        "qt_median": statistics.median(qt_firsts),
    }
    every = {"rows": table.model.total_rows(), **_stats(keys), "qt": _stats(qt_keys)}
    return first, every


# -- the people picker -------------------------------------------------------------------------
def _key(edit: QLineEdit, old: str, new: str) -> Callable[[], None]:
    """The event a Vietnamese keyboard sends to go from ``old`` to ``new``."""

    def deliver() -> None:
        if new.startswith(old) and len(new) == len(old) + 1:  # a letter
            event: QEvent = QKeyEvent(
                QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, new[-1]
            )
        elif old.startswith(new) and len(old) == len(new) + 1:
            event = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier
            )
        else:  # Telex's accent: the letter before replaced by its accented form
            if old[:-1] != new[:-1] or len(old) != len(new):
                raise ValueError(f"not one key: {old!r} → {new!r}")
            im = QInputMethodEvent("", [])
            im.setCommitString(new[-1], -1, 1)
            event = im
        QApplication.sendEvent(edit, event)

    return deliver


def _type_picker(edit: QLineEdit, texts: Sequence[str]) -> list[float]:
    times, old = [], edit.text()
    for text in texts:
        times.append(_timed(_key(edit, old, text)))
        if edit.text() != text:
            raise RuntimeError(f"the picker holds {edit.text()!r}, not {text!r}")
        old = text
    return times


def _picker_dialog(db: Database) -> tuple[QWidget, QLineEdit]:
    """Thêm thành viên just opened, its "Người đã có" picker focused."""
    from bdcq_desktop.ui.dialogs.member_dialogs import new_member_dialog

    dialog = new_member_dialog(db, "committee")
    dialog.show()
    picker = dialog.form.editor("person_id")
    picker.setFocus()
    QApplication.processEvents()
    return dialog, picker.lineEdit()  # type: ignore[attr-defined]


def _bare(text: str) -> str:
    """``text`` without diacritics, letter for letter (its spaces kept, unlike fold's)."""
    return "".join(fold(letter) if letter.strip() else letter for letter in text)


def _qt_picker(labels: list[str]) -> tuple[QWidget, QLineEdit]:
    """Qt's own picker over ``labels``: an editable QComboBox whose QCompleter shows the labels
    containing the text typed (case aside), in C++."""
    window = QWidget()
    combo = QComboBox(window)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setModel(QStringListModel(labels, combo))
    completer = QCompleter(combo.model(), combo)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    combo.setCurrentIndex(-1)
    QVBoxLayout(window).addWidget(combo)
    window.resize(600, 80)
    window.show()
    combo.setFocus()
    QApplication.processEvents()
    return window, combo.lineEdit()


def picker(db: Database, runs: int) -> dict[str, Any]:
    """The picker opened afresh each run and the whole typing: its first key and the rest."""
    firsts, keys, qt_firsts, qt_keys = [], [], [], []
    labels: list[str] = []
    for _ in range(runs):
        dialog, edit = _picker_dialog(db)
        times = _type_picker(edit, PEOPLE_TYPING)
        combo = edit.parent()
        labels = [combo.itemText(i) for i in range(combo.count())]  # type: ignore[attr-defined]
        dialog.close()
        dialog.deleteLater()
        QApplication.processEvents()
        firsts.append(times[0])
        keys += times[1:]
        # Without diacritics, labels and keys alike: Qt does not fold, and would find nothing
        # for "nguyen" (an empty popup, nothing painted), where ours shows the Nguyễns.
        window, qt_edit = _qt_picker([_bare(label) for label in labels])
        qt = _type_picker(qt_edit, [_bare(t) for t in PEOPLE_TYPING])
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        qt_firsts.append(qt[0])
        qt_keys += qt[1:]
    return {
        "people": len(labels),
        "first": statistics.median(firsts),
        "qt_first": statistics.median(qt_firsts),
        **_stats(keys),
        "qt": _stats(qt_keys),
    }


def _collected() -> tuple[float, int]:
    """A full collection's milliseconds, and the objects it walked (those not frozen)."""
    walked = len(gc.get_objects())
    start = time.perf_counter()
    gc.collect(2)
    return (time.perf_counter() - start) * 1000, walked


def full_collection() -> dict[str, float]:
    """What a full collection (which Python starts on its own, in whatever key is typed
    then) costs after every tab, list and search above; then, every object of the process
    given back to it (``gc.unfreeze``), what it cost when nothing but the imports was set
    aside: the baseline."""
    ms, walked = _collected()
    gc.unfreeze()
    every_ms, every = _collected()
    return {"ms": ms, "walked": walked, "every_ms": every_ms, "every": every}


def main() -> int:
    ten_year, roster, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app = application()
    db = open_database(ten_year)
    gc.freeze()  # as the application's start does once its database is open
    window = window_with_every_tab(db, (1280, 760))
    result: dict[str, Any] = {}
    window.tabs.setCurrentWidget(window.meetings_tab)
    app.processEvents()
    result["first"] = first_key_tables({"meetings": window.meetings_tab.table}, runs)

    roster_db = open_database(roster)
    roster_window = window_with_every_tab(roster_db, (1280, 760))
    roster_window.members_tab.views.setCurrentIndex(0)  # the committee view
    roster_window.raise_()
    app.processEvents()
    committee = roster_window.members_tab.committee.table
    result["first"].update(first_key_tables({"roster": committee}, runs))
    result["keys"] = {"picker_roster": picker(roster_db, max(1, runs // 2))}
    roster_window.close()

    subs = window.reports_tab.submissions  # every report submission of ten years in it
    everything = [s for r in reports.list_rounds(db) for s in reports.list_submissions(db, r.id)]
    subs.loader = lambda: everything
    window.tabs.setCurrentWidget(window.reports_tab)
    window.reports_tab.pages.setCurrentIndex(0)
    app.processEvents()
    result["first"].update(first_key_tables({"submissions": subs}, runs))

    result["first"]["tasks"], result["keys"]["tasks"] = tasks_page(window, runs)
    window.close()
    people = picker(db, runs)
    result["first"]["picker"] = {
        "rows": people["people"],
        "median": people.pop("first"),
        "qt_median": people.pop("qt_first"),
    }
    result["keys"]["picker"] = people
    result["keys"]["picker_roster"].pop("first")
    result["keys"]["picker_roster"].pop("qt_first")
    result["gc"] = full_collection()
    db.dispose()
    roster_db.dispose()
    print(json.dumps(result), flush=True)
    os._exit(0)  # as gui_probe: no teardown (PySide6 can crash collecting widgets at exit)


if __name__ == "__main__":
    sys.exit(main())
