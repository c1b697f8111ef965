"""Memory over a working day: ``python -m benchmarks.session_probe DB CYCLES`` builds the main
window over ``DB``, reads every tab, then repeats a cycle of what the officer does all day (rows
picked, questions answered, the quick entry and the full form of a report opened and closed, a
document dialog opened and closed, the officer's name dialog, a member's form). It prints
``warm <KiB>`` (resident memory after the first cycle, which builds what a session builds once)
and ``after <KiB>`` (after ``CYCLES`` more), each once deleted widgets are gone and the
collector has run, and ``actions <n>`` (the user actions of those cycles).

Memory that grows with each use shows as ``after`` above ``warm``: every dialog, box or job a
session kept was such a growth (ten of them, fixed, in the notes of the performance issue)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core.db import open_database
from bdcq_desktop.ui import messages
from bdcq_desktop.ui.main_window import MainWindow
from benchmarks.qt_app import application, window_with_every_tab


def resident_kib() -> int:
    """The process's resident memory now (Linux: VmRSS; elsewhere its peak, an upper bound)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    from benchmarks.peak_memory import peak_kib

    return peak_kib()


def settle(app: QApplication) -> None:
    """Background jobs ended, their results delivered, closed widgets deleted."""
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone(10_000)
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def cycle(app: QApplication, window: MainWindow) -> int:
    """One round of the day's work; the number of user actions it made."""
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


def report(when: str) -> None:
    """What is alive now: widgets, Python objects, resident memory (KiB)."""
    gc.collect()
    print(f"{when}_widgets {len(QApplication.allWidgets())}", flush=True)
    print(f"{when}_objects {len(gc.get_objects())}", flush=True)
    print(f"{when}_kib {resident_kib()}", flush=True)


def main() -> int:
    app = application()
    db = open_database(sys.argv[1])
    cycles = int(sys.argv[2])
    window = window_with_every_tab(db, (1366, 768))
    for _ in range(3):  # what a session builds once (first dialogs, caches, imports)
        cycle(app, window)
    report("warm")
    actions = sum(cycle(app, window) for _ in range(cycles))
    report("after")
    print(f"actions {actions}", flush=True)
    window.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
