"""A start builds only the tab in front (issue 12: start-up to the first rows); the others are
built when first shown, and what waits for the start (the start-up backup) waits for the rows
of the tab in front."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.tabs.base import Tab
from tests.conftest import DEMO_TODAY


def _started(qtbot: Any, db: Any) -> MainWindow:
    """As the application does: the window first, empty, then the database. No view remembered
    from an earlier test in this process (Qt keeps one settings file per process): the members
    tab opens on its first view, the committee."""
    view_state.settings().clear()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    QApplication.processEvents()
    window.attach(db)
    return window


def test_only_the_tab_in_front_is_built_and_its_rows_come_before_front_loaded(
    qtbot: Any, demo_db: Any
) -> None:
    window = _started(qtbot, demo_db)
    assert [t.objectName() for t in window.built_tabs()] == ["membersTab"]
    assert not isinstance(window.tabs.widget(1), Tab)  # still the empty page
    committee = window.members_tab.committee.table
    with qtbot.waitSignal(window.front_loaded, timeout=60_000):
        window.load_data()
        assert committee.model.rowCount() == 0  # read after the first paint, not before
    assert committee.model.rowCount() > 0


def test_a_tab_opened_before_the_database_is_open_says_so_then_fills(
    qtbot: Any, demo_db: Any
) -> None:
    """The chair opens Cuộc họp in the first second: the page says the data is opening (not an
    empty page), and is the meetings tab, read, once the database is open."""
    view_state.settings().clear()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    page = window.tabs.currentWidget()
    assert isinstance(page, QLabel) and page.isVisible()
    assert page.text() == "Đang mở dữ liệu…"
    assert page.cursor().shape() == Qt.CursorShape.BusyCursor
    window.attach(demo_db)
    assert window.tabs.currentWidget().objectName() == "meetingsTab"
    with qtbot.waitSignal(window.front_loaded, timeout=60_000):
        window.load_data()
    assert window.meetings_tab.table.model.rowCount() > 0


def test_a_tab_is_built_and_read_when_first_shown(qtbot: Any, demo_db: Any) -> None:
    window = _started(qtbot, demo_db)
    with qtbot.waitSignal(window.front_loaded, timeout=60_000):
        window.load_data()
    window.tabs.setCurrentIndex(1)
    assert window.tabs.currentWidget().objectName() == "meetingsTab"
    assert window.tabs.currentIndex() == 1
    table = window.meetings_tab.table
    qtbot.waitUntil(lambda: table.model.rowCount() > 0, timeout=60_000)
    assert len(window.built_tabs()) == 2
    # A save in one built tab marks the other built ones outdated, not read yet: each is read
    # when it is next shown, before its paint (its old rows never show).
    reloads: list[str] = []
    members = window.members_tab
    original = members.load_visible
    members.load_visible = lambda: (reloads.append("members"), original())  # type: ignore[method-assign]
    window.meetings_tab.changed.emit()
    assert reloads == [] and members.outdated
    window.meetings_tab.changed.emit()
    assert reloads == []  # two saves, still no read
    painted: list[bool] = []
    members.paintEvent = lambda e: painted.append(bool(reloads))  # type: ignore[method-assign]
    window.tabs.setCurrentIndex(0)
    assert reloads == ["members"] and not members.outdated
    qtbot.waitUntil(lambda: bool(painted), timeout=60_000)
    assert painted[0]  # read before its first paint
    # The tab in front (a save from another window) is read at once.
    window.meetings_tab.changed.emit()
    assert reloads == ["members", "members"]


def test_refresh_reads_the_tab_in_front_now_and_the_others_when_shown(
    qtbot: Any, demo_db: Any
) -> None:
    """Xem › Làm mới (F5) after another officer's changes: the tab in front shows them at
    once; another tab built before reads them when it is next shown, before its paint; a tab
    never opened stays unbuilt. (Reading every tab, every page of each, took 65-115 ms at ten
    years.)"""
    from bdcq_desktop.core.meetings import list_meetings, update_meeting
    from bdcq_desktop.core.members import list_committee, update_person

    window = _started(qtbot, demo_db)
    with qtbot.waitSignal(window.front_loaded, timeout=60_000):
        window.load_data()
    window.tabs.setCurrentIndex(1)
    meetings = window.meetings_tab.table
    qtbot.waitUntil(lambda: meetings.model.rowCount() > 0, timeout=60_000)
    assert len(window.built_tabs()) == 2
    # Another officer, on a shared database, renames a member and a meeting.
    head = list_committee(demo_db)[0]
    update_person(demo_db, head.person_id, full_name="Người Đã Đổi Tên")
    first = list_meetings(demo_db)[0]
    # On the demo's day: the newest meeting is planned, and only ahead of that day (the clock
    # passes it).
    on = datetime.combine(DEMO_TODAY, time(9, 0))
    update_meeting(
        demo_db, first.id, expected_version=first.version, now=on, title="Họp đã đổi tên"
    )

    def titles() -> list[str]:
        return [r.title for r in meetings.model.rows()]

    def names() -> list[str]:
        return [r.full_name for r in window.members_tab.committee.table.model.rows()]

    assert "Họp đã đổi tên" not in titles()
    window.refresh_action.trigger()
    assert "Họp đã đổi tên" in titles()  # the tab in front: at once
    assert "Người Đã Đổi Tên" not in names() and window.members_tab.outdated
    assert len(window.built_tabs()) == 2  # the tabs never opened: not built for it
    window.tabs.setCurrentIndex(0)
    assert "Người Đã Đổi Tên" in names()  # read as it is shown


def test_the_start_turns_the_garbage_collector_back_on_once_the_database_is_open(
    qtbot: Any, demo_db: Any
) -> None:
    """The start imports with the cyclic collector off (``ui.app.main``); the database open,
    it is on again for everything after (a demo load, the officer's work)."""
    from bdcq_desktop.ui import app

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    QApplication.processEvents()
    start = app._Start(QApplication.instance(), window, app._parse([]))
    gc.disable()
    try:
        with qtbot.waitSignal(window.front_loaded, timeout=60_000):
            start._opened((demo_db, False, False))
        assert gc.isenabled()
        with qtbot.waitSignals([window.auto_backup.done], timeout=60_000):
            pass  # the start-up backup it began, finished before the database goes
    finally:
        gc.enable()
        gc.unfreeze()


def test_tabs_built_ahead_are_read_only_when_first_shown(qtbot: Any, demo_db: Any) -> None:
    """After a start the tabs not opened yet are built (MainWindow.build_ahead), so a first
    look at one only reads and paints it; built ahead, they are not read before that, not even
    by a save in another tab; once read, a save elsewhere reads the one in front at once."""
    window = _started(qtbot, demo_db)
    with qtbot.waitSignal(window.front_loaded, timeout=60_000):
        window.load_data()
    window.build_ahead()
    assert len(window.built_tabs()) == 1  # one per turn of the event loop, not all at once
    qtbot.waitUntil(lambda: len(window.built_tabs()) == 4, timeout=60_000)
    meetings = window.meetings_tab
    assert meetings.stale and meetings.table.model.rowCount() == 0
    reads: list[str] = []
    original = meetings.reload
    meetings.reload = lambda: (reads.append("meetings"), original())  # type: ignore[method-assign]
    window.members_tab.changed.emit()
    assert reads == []
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: meetings.table.model.rowCount() > 0, timeout=60_000)
    assert reads == ["meetings"]
    window.members_tab.changed.emit()  # the meetings in front: read again at once
    assert reads == ["meetings", "meetings"]


def test_a_start_builds_the_other_tabs_once_their_modules_are_imported(
    qtbot: Any, demo_db: Any
) -> None:
    from bdcq_desktop.ui import app
    from bdcq_desktop.ui.auto_backup import wait_for_background_work

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    QApplication.processEvents()
    start = app._Start(QApplication.instance(), window, app._parse([]))
    try:
        start._opened((demo_db, False, False))
        qtbot.waitUntil(lambda: len(window.built_tabs()) == 4, timeout=60_000)
        assert [t.objectName() for t in window.built_tabs()] == [
            "membersTab", "meetingsTab", "workingSessionsTab", "reportsTab"
        ]  # fmt: skip
        assert window.tabs.currentIndex() == 0  # nothing switched the officer's tab
    finally:
        wait_for_background_work()  # the start-up backup it began, before the database goes
        QApplication.processEvents()
        gc.enable()
        gc.unfreeze()


VISIT_EVERY_TAB = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
from bdcq_desktop.core.db import open_database
from bdcq_desktop.ui.main_window import MainWindow
window = MainWindow(open_database(sys.argv[1]))
window.show()
for i in range(window.tabs.count()):
    window.tabs.setCurrentIndex(i)
    tab = window.tab_at(i)
    tab.stale = False
    tab.reload()
    QApplication.processEvents()
print(window.tabs.count(), window.meetings_tab.table.model.rowCount() > 0, sorted(
    m for m in sys.modules if m.startswith(("bdcq_desktop.ui.dialogs.", "bdcq_desktop.ui.forms",
                                            "bdcq_desktop.ui.record_dialog"))))
"""


def test_the_tabs_import_their_dialogs_only_when_one_is_opened(
    demo_template: Path, tmp_path: Path
) -> None:
    """Every tab built, read and painted in a fresh process (what the self-test does, and an
    officer's first look at each tab): no dialog and no form is imported for that, not even
    the change log's (its action on each record imports it when a history is first opened).
    The dialogs come when first opened, as the other tests here open them."""
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", VISIT_EVERY_TAB, str(path)], capture_output=True, text=True,
        timeout=300, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["4", "True", "[]"]
