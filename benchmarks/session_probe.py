"""Memory over a working day: ``python -m benchmarks.session_probe DB ROUNDS [WARM]`` builds the
main window over ``DB``, reads every tab, then repeats a round of what the officer does all day:
rows picked, a report's quick entry and full form, a member's form, a meeting's document dialog,
the officer's name, a question and a message, each opened and closed; every tab and sub-view
shown and a search typed and cleared in each list shown; Thiết lập, Sao lưu and Số đã cấp opened
and closed; the roster made and saved as a PDF; Xem › Làm mới.

Leak or plateau. A leak grows with every round, for as long as the rounds go on; a cache, a
first import, a query compiled once, a pool filled, grows in the first rounds and stops. So
the figures are taken three times, each once deleted widgets are gone and the collector has
run: ``warm_*`` after the first ``WARM`` rounds, three unless given (what a session builds
once; the quick mode, which only proves the probe runs, gives one), ``mid_*`` after half
of the ``ROUNDS`` more, ``after_*`` after all of them; a plateau has ``after`` = ``mid`` =
``warm``, a leak ``after`` − ``mid`` = ``mid`` − ``warm``. Each time:

* ``*_widgets`` and ``*_objects``: the widgets alive and the objects the collector tracks
  (every instance, dict, list; not str or int);
* ``*_heap``: the bytes malloc holds in use (KiB; glibc, else -1): what Qt, SQLite and
  Python's larger blocks live in, measured once Qt's pixmap cache is emptied
  (``*_pixmaps``, its size: the icons and style elements drawn keep their pixmaps there, a
  search box's or a date's clear button each time one is made, up to Qt's 10 MiB: a bounded
  cache of what the screen drew, some 8 MiB again after one round);
* ``*_kib``: resident memory. Not the judge: the allocator keeps what a round freed (a form
  closed, a document's pages) for the next allocation; it rises some 20 MiB over a session's
  first rounds and then holds, while the objects and the heap stay flat.

``actions`` counts the user actions of the ``ROUNDS``. Every round prints a line of its own
(``round N: …``) for a look at the way the figures go."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool
from PySide6.QtGui import QPixmapCache
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabWidget

from bdcq_desktop.core.db import open_database
from bdcq_desktop.ui import io_actions, messages
from bdcq_desktop.ui.list_tab import RecordTable
from bdcq_desktop.ui.main_window import MainWindow
from benchmarks.qt_app import application, window_with_every_tab

WARM = 3  # rounds before the first figures: what a session builds once
SEARCH = "nguyen"  # typed a letter at a time in each list's search box, then cleared


def resident_kib() -> int:
    """The process's resident memory now (Linux: VmRSS; elsewhere its peak, an upper bound)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    from benchmarks.peak_memory import peak_kib

    return peak_kib()


# glibc's struct mallinfo2, field by field (every one a size_t).
_MALLINFO2_FIELDS = ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                     "uordblks", "fordblks", "keepcost")  # fmt: skip


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in _MALLINFO2_FIELDS]


def _mallinfo2():  # type: ignore[no-untyped-def]
    """glibc's ``mallinfo2`` (2.33 and later), or None elsewhere."""
    name = ctypes.util.find_library("c")
    try:
        function = ctypes.CDLL(name).mallinfo2 if name else None
    except (OSError, AttributeError):
        return None
    if function is not None:
        function.restype = _MallInfo2
    return function


_MALLINFO2 = _mallinfo2()


def heap_kib() -> int:
    """The bytes malloc holds in use, in KiB (every arena, and blocks mapped on their own);
    -1 where glibc does not say."""
    if _MALLINFO2 is None:
        return -1
    info = _MALLINFO2()
    return (info.uordblks + info.hblkhd) // 1024


def settle(app: QApplication) -> None:
    """Background jobs ended, their results delivered, closed widgets deleted."""
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone(10_000)
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def forms(app: QApplication, window: MainWindow) -> int:
    """Rows picked, a report's forms, a member's, the officer's name, a question, a message
    and a meeting's document dialog, each opened and closed; the number of user actions."""
    actions = 0
    # The meetings: rows picked with the keyboard, a document dialog opened and closed.
    meetings = window.meetings_tab.view
    window.tabs.setCurrentWidget(window.meetings_tab)
    view = meetings.table.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    for key in [Qt.Key.Key_Down] * 10 + [Qt.Key.Key_Up] * 10:
        QTest.keyClick(view, key)
        app.processEvents()
        actions += 1
    meetings.open_documents("attendance")
    settle(app)
    meetings.last_dialog.close()
    actions += 2
    # The reports: a unit's quick entry and its full form, opened and closed.
    window.tabs.setCurrentWidget(window.reports_tab)
    rounds = window.reports_tab.rounds_view
    rounds.pane.table.view.selectRow(0)
    for open_form in (rounds.pane.quick_entry, rounds.pane.edit):
        open_form()
        app.processEvents()
        rounds.last_dialog.reject()
        actions += 2
    # A member's form, the officer's name, a question and a message.
    window.tabs.setCurrentWidget(window.members_tab)
    committee = window.members_tab.committee
    window.members_tab.views.setCurrentWidget(committee)  # read when shown, as the officer
    committee.table.view.selectRow(0)
    committee.edit_action.trigger()
    app.processEvents()
    committee.last_dialog.reject()
    window.officer_action.trigger()
    window.officer_dialog.reject()
    box = messages.confirm(window, "Xóa", "Xóa dòng này?", lambda: None, destructive=True)
    box.findChild(type(box.defaultButton()), "noButton").click()
    messages.show_message(window, "Đã lưu", "Đã lưu.").accept()
    actions += 6
    settle(app)
    return actions


def tabs_and_searches(app: QApplication, window: MainWindow) -> int:
    """Every tab and each of its sub-views shown, a search typed a letter at a time and cleared
    in every list shown; each tab left on its first sub-view, as the other steps expect."""
    actions = 0
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        app.processEvents()
        actions += 1
        tab = window.tabs.widget(i)
        rows = [s for s in tab.findChildren(QTabWidget) if s.window() is window]
        pages = [(row, j) for row in rows for j in range(row.count())] or [(None, 0)]
        for row, j in pages:
            if row is not None:
                row.setCurrentIndex(j)
                app.processEvents()
                actions += 1
            for table in tab.findChildren(RecordTable):
                if not table.isVisible():
                    continue
                for end in range(1, len(SEARCH) + 1):
                    table.search.setText(SEARCH[:end])  # what a key does to the box
                    app.processEvents()
                table.search.clear()
                app.processEvents()
                actions += len(SEARCH) + 1
        for row in rows:
            row.setCurrentIndex(0)
        app.processEvents()
    return actions


def main_dialogs(app: QApplication, window: MainWindow, folder: Path) -> int:
    """Thiết lập, Sao lưu and Số đã cấp opened and closed; the roster made and saved as a PDF
    into ``folder`` (the file dialog answered); Xem › Làm mới."""
    window.open_settings()
    app.processEvents()
    window.settings_dialog.reject()
    window.open_backups()
    app.processEvents()
    window.backups_dialog.reject()
    assert window.document_actions is not None
    numbering = window.document_actions.open_numbering()
    app.processEvents()
    numbering.reject()
    document = window.document_actions.open_kind("roster")
    settle(app)  # its pages made in the background
    for old in folder.glob("*.pdf"):
        old.unlink()
    document.save_as()
    if not any(folder.glob("*.pdf")):
        raise RuntimeError("the roster was not saved")
    document.reject()
    window.refresh_action.trigger()
    settle(app)
    return 10


def cycle(app: QApplication, window: MainWindow, folder: Path) -> int:
    """One round of the day's work; the number of user actions it made."""
    actions = forms(app, window)
    actions += tabs_and_searches(app, window)
    actions += main_dialogs(app, window, folder)
    settle(app)
    return actions


def _alive() -> int:
    """Tracked objects alive, the frozen ones too: a long list's rows are frozen once read
    (core/collector.py), and a cycle frozen with them that became garbage would stay for good,
    a leak this figure must still show."""
    return len(gc.get_objects()) + gc.get_freeze_count()


def report(when: str, app: QApplication) -> None:
    """What is alive now: widgets, tracked objects, malloc's heap without the pixmap cache,
    that cache, resident memory (KiB)."""
    settle(app)
    gc.collect()
    with_pixmaps = heap_kib()
    QPixmapCache.clear()
    heap = heap_kib()
    print(f"{when}_widgets {len(QApplication.allWidgets())}", flush=True)
    print(f"{when}_objects {_alive()}", flush=True)
    print(f"{when}_heap {heap}", flush=True)
    print(f"{when}_pixmaps {with_pixmaps - heap if heap >= 0 else -1}", flush=True)
    print(f"{when}_kib {resident_kib()}", flush=True)


def _round_line(n: int) -> None:
    """``round N: …`` (not a figure the suite reads: its value is not a number)."""
    gc.collect()
    print(
        f"round {n}: widgets {len(QApplication.allWidgets())}, objects {_alive()}"
        f", heap {heap_kib()} KiB, resident {resident_kib()} KiB",
        flush=True,
    )


def main() -> int:
    app = application()
    db = open_database(sys.argv[1])
    rounds = int(sys.argv[2])
    warm = int(sys.argv[3]) if len(sys.argv) > 3 else WARM
    window = window_with_every_tab(db, (1366, 768))
    folder = Path(tempfile.mkdtemp(prefix="bdcq-day-"))
    # The file dialog of "Lưu thành…" answered: the roster goes into the probe's folder.
    io_actions.choose_save_path = lambda _parent, _title, name, _filters, _key: str(folder / name)
    for n in range(1, warm + 1):
        cycle(app, window, folder)
        _round_line(n)
    report("warm", app)
    half = rounds // 2
    actions = 0
    for n in range(1, rounds + 1):
        actions += cycle(app, window, folder)
        _round_line(warm + n)
        if n == half:
            report("mid", app)
    if half == 0:  # one round: its figures are the middle's too
        report("mid", app)
    report("after", app)
    print(f"actions {actions}", flush=True)
    print(f"rounds {rounds}", flush=True)
    window.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
